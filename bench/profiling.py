"""Where the time of an update goes: cProfile of the hot path, per reading."""

from __future__ import annotations

from collections.abc import Sequence
import cProfile
from dataclasses import dataclass
from pathlib import PurePath
import pstats
from typing import Final

from homeassistant.core import HomeAssistant

from .harness import feed

# The hot path, outermost first: (file, function) as cProfile names them.
HOT_PATH: Final = (
    ("coordinator.py", "_on_input_change"),
    ("coordinator.py", "_keeps_verdict"),
    ("coordinator.py", "async_recompute"),
    ("coordinator.py", "_snapshot"),
    ("snapshot.py", "take_snapshot"),
    ("snapshot.py", "_assess"),
    ("risk.py", "assess"),
    ("risk.py", "_window_utc"),
    ("risk.py", "decayed_load"),
    ("risk.py", "_next_change"),
    ("risk.py", "cluster_until"),
    ("risk.py", "_recent_cramps"),
    ("snapshot.py", "_count_recent"),
    ("coordinator.py", "_schedule"),
    ("update_coordinator.py", "async_set_updated_data"),
)


@dataclass(frozen=True, kw_only=True)
class Cost:
    """The time of one function, per reading fed."""

    name: str
    calls_per_reading: float
    own_us: float
    total_us: float


async def profile_feed(hass: HomeAssistant, values: Sequence[str]) -> pstats.Stats:
    """Feed `values` under cProfile; return the statistics."""
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        await feed(hass, values)
    finally:
        profiler.disable()
    return pstats.Stats(profiler)


def _costs(stats: pstats.Stats, readings: int) -> dict[tuple[str, str], Cost]:
    """Return every function's cost per reading, by (file name, function)."""
    costs: dict[tuple[str, str], Cost] = {}
    raw = stats.stats  # type: ignore[attr-defined]
    for (path, _line, function), (_cc, calls, own, total, _callers) in raw.items():
        key = (PurePath(path).name, function)
        before = costs.get(key)
        costs[key] = Cost(
            name=_name(*key),
            calls_per_reading=calls / readings
            + (before.calls_per_reading if before else 0),
            own_us=own * 1e6 / readings + (before.own_us if before else 0),
            total_us=total * 1e6 / readings + (before.total_us if before else 0),
        )
    return costs


def _name(file: str, function: str) -> str:
    """Name a profiled function briefly: file:function, or the built-in's name."""
    if file != "~":
        return f"{file}:{function}"
    # "<method 'astimezone' of 'datetime.datetime' objects>" -> "astimezone",
    # "<built-in method builtins.sorted>" -> "sorted".
    quoted = function.split("'")
    name = quoted[1] if len(quoted) > 1 else function.strip("<>").split(".")[-1]
    return f"(built-in) {name}"


def hot_path(stats: pstats.Stats, readings: int) -> list[Cost]:
    """Return the cost of each hot-path function per reading (0 if never called)."""
    costs = _costs(stats, readings)
    return [
        costs.get(
            key,
            Cost(name=f"{key[0]}:{key[1]}", calls_per_reading=0, own_us=0, total_us=0),
        )
        for key in HOT_PATH
    ]


def top_own(stats: pstats.Stats, readings: int, count: int) -> list[Cost]:
    """Return the `count` functions with the most time of their own."""
    costs = sorted(_costs(stats, readings).values(), key=lambda cost: -cost.own_us)
    return costs[:count]
