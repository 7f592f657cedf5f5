"""The measuring sessions: what is measured in which scenario, and in what order."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
import gc
import time
from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from custom_components.als_comfort.store import EpisodeLog

from . import integration
from .harness import WARM, feed, set_temperature
from .measure import (
    Crossing,
    Feeder,
    Runs,
    cpu_per_update,
    crossing_latency,
    quiet_writes,
    timed_ms,
)
from .profiling import Cost, hot_path, profile_feed, top_own
from .scenarios import SCENARIOS, Bench, als_comfort, yaml_build
from .yaml_build import ENTITIES as YAML_ENTITIES, SWITCH as YAML_SWITCH

SETUP_CYCLES: Final = 5
LOG_LOADS: Final = 5
STORE_WRITES: Final = 20
# Instants at which one recompute with the one-year log is timed.
RECOMPUTE_EVERY: Final = timedelta(minutes=7)
RECOMPUTE_SPAN: Final = timedelta(hours=48)


async def cpu_rounds(
    values: Sequence[str],
    rounds: int,
    runs: int,
    scenarios: Sequence[str] = tuple(SCENARIOS),
    feeder: Feeder = feed,
) -> dict[str, Runs]:
    """Time every scenario `runs` times per round; rounds interleave the scenarios.

    Interleaving, with the order rotated every round, spreads whatever else the
    machine does over all scenarios alike.
    """
    names = list(scenarios)
    cpu: dict[str, list[float]] = {name: [] for name in names}
    wall: dict[str, list[float]] = {name: [] for name in names}
    listeners: dict[str, int] = {}
    for round_ in range(rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            async with SCENARIOS[name]() as bench:
                timed = await cpu_per_update(bench.hass, values, runs, feeder)
            cpu[name].extend(timed.cpu_us)
            wall[name].extend(timed.wall_us)
            listeners[name] = timed.state_listeners
    return {
        name: Runs(
            cpu_us=tuple(cpu[name]),
            wall_us=tuple(wall[name]),
            state_listeners=listeners[name],
        )
        for name in cpu
    }


async def _toggle(hass: HomeAssistant, domain: str, entity_id: str) -> None:
    """Switch an entity off and on again, settling after each."""
    for service in ("turn_off", "turn_on"):
        await hass.services.async_call(
            domain, service, {"entity_id": entity_id}, blocking=True
        )
        await hass.async_block_till_done()


def _resetter(
    hass: HomeAssistant, domain: str, switch: str
) -> Callable[[], Awaitable[None]]:
    """Return a reset: warm room, comfort switched off (restores) and on again."""

    async def reset() -> None:
        set_temperature(hass, WARM)
        await hass.async_block_till_done()
        await _toggle(hass, domain, switch)

    return reset


@dataclass(kw_only=True)
class IntegrationResults:
    """What was measured on ALS Comfort with an empty log."""

    comforts: bool
    setup_first_ms: float
    setup_ms: list[float]
    writes: dict[str, int]
    latency: list[Crossing | None] | None
    hot_path: list[Cost]
    top: list[Cost]
    store_write_ms: list[float]


async def integration_session(
    *, quiet: Sequence[str], noisy: Sequence[str], crossings: int, top: int
) -> IntegrationResults:
    """Writes, profile, crossing latency and set-up time of ALS Comfort."""
    async with als_comfort() as bench:
        hass, entry = bench.hass, _entry(bench)
        comforts = integration.comforts_running(entry)
        writes = await quiet_writes(hass, integration.entity_ids(hass, entry), quiet)
        stats = await profile_feed(hass, noisy)
        latency = None
        if comforts:
            reset = _resetter(hass, "switch", integration.comfort_switch(hass, entry))
            latency = await crossing_latency(hass, bench.recorder, reset, crossings)
        setup_ms = [await _setup_again(hass, entry) for _ in range(SETUP_CYCLES)]
        return IntegrationResults(
            comforts=comforts,
            setup_first_ms=bench.setup_ms or 0.0,
            setup_ms=setup_ms,
            writes=writes,
            latency=latency,
            hot_path=hot_path(stats, len(noisy)),
            top=top_own(stats, len(noisy), top),
            store_write_ms=await _store_writes(hass),
        )


def _entry(bench: Bench) -> Any:
    """Return the scenario's config entry."""
    if bench.entry is None:
        raise RuntimeError("this scenario has no config entry")
    return bench.entry


async def _setup_again(hass: HomeAssistant, entry: Any) -> float:
    """Unload the entry, then time setting it up again."""
    await integration.async_unload(hass, entry)
    took = await timed_ms(lambda: hass.config_entries.async_setup(entry.entry_id))
    await hass.async_block_till_done()
    return took


async def _store_writes(hass: HomeAssistant) -> list[float]:
    """Time atomic writes of a comfort-sized state, as the comforts make them."""
    store: Store[dict[str, Any]] = Store(
        hass, 1, "als_comfort_bench.write_probe", atomic_writes=True
    )
    state = {"engaged": True, "reason": "cold_night", "window": "x", "heating": None}
    return [
        await timed_ms(lambda: store.async_save(state)) for _ in range(STORE_WRITES)
    ]


@dataclass(kw_only=True)
class YamlResults:
    """What was measured on the YAML build."""

    setup_ms: float
    writes: dict[str, int]
    latency: list[Crossing | None]


async def yaml_session(*, quiet: Sequence[str], crossings: int) -> YamlResults:
    """Writes and crossing latency of the YAML build."""
    async with yaml_build() as bench:
        hass = bench.hass
        writes = await quiet_writes(hass, YAML_ENTITIES, quiet)
        reset = _resetter(hass, "input_boolean", YAML_SWITCH)
        latency = await crossing_latency(hass, bench.recorder, reset, crossings)
        return YamlResults(
            setup_ms=bench.setup_ms or 0.0, writes=writes, latency=latency
        )


@dataclass(kw_only=True)
class YearResults:
    """ALS Comfort with a one-year log: loading it, and its cost per reading."""

    log_bytes: int
    entries: int
    load_ms: list[float]
    setup_ms: float
    cpu: Runs
    hot_path: list[Cost]
    recompute_ms: float
    recompute_instants: int


async def year_session(*, noisy: Sequence[str], runs: int) -> YearResults:
    """Load a one-year log; time readings and one recompute with it."""
    async with als_comfort(year_log=True) as bench:
        hass = bench.hass
        load_ms, entries = await _log_loads(hass)
        cpu = await cpu_per_update(hass, noisy, runs)
        profiled = noisy[: max(1, len(noisy) // 3)]
        stats = await profile_feed(hass, profiled)
        instants = _instants(dt_util.now())
        return YearResults(
            log_bytes=bench.log_bytes or 0,
            entries=entries,
            load_ms=load_ms,
            setup_ms=bench.setup_ms or 0.0,
            cpu=cpu,
            hot_path=hot_path(stats, len(profiled)),
            recompute_ms=_recompute_ms(
                _entry(bench).runtime_data.coordinator, instants
            ),
            recompute_instants=len(instants),
        )


async def _log_loads(hass: HomeAssistant) -> tuple[list[float], int]:
    """Time loading the log from disk into fresh `EpisodeLog`s; count entries."""
    took: list[float] = []
    log = EpisodeLog(hass, integration.ENTRY_ID)
    for _ in range(LOG_LOADS):
        log = EpisodeLog(hass, integration.ENTRY_ID)
        gc.collect()  # Not the load's garbage: keep it out of the load's time.
        took.append(await timed_ms(log.async_load))
    return took, len(log.episodes) + len(log.activities)


def _instants(start: datetime) -> list[datetime]:
    """Return the instants from `start` at which one recompute is timed."""
    count = int(RECOMPUTE_SPAN / RECOMPUTE_EVERY)
    return [start + index * RECOMPUTE_EVERY for index in range(count)]


def _recompute_ms(coordinator: Any, instants: list[datetime]) -> float:
    """Return the mean wall time of one snapshot (assess and count), in ms."""
    snapshot = coordinator._snapshot  # noqa: SLF001
    start = time.perf_counter_ns()
    for now in instants:
        snapshot(now)
    return (time.perf_counter_ns() - start) / 1e6 / len(instants)
