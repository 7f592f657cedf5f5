"""The measurements: CPU per update, state writes, crossing latency, set-up time."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
import gc
import statistics
import time
from typing import Any
from unittest.mock import patch

from homeassistant.const import EVENT_STATE_CHANGED, EVENT_STATE_REPORTED
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers.storage import Store

from .harness import COLD, COLD_SIDE, CallRecorder, feed, set_temperature

type Feeder = Callable[[HomeAssistant, Sequence[str]], Awaitable[None]]


@dataclass(frozen=True, kw_only=True)
class Runs:
    """Repeated timings of one measurement, in microseconds per item."""

    cpu_us: tuple[float, ...]
    wall_us: tuple[float, ...]
    # Listeners on state_changed while it ran (Home Assistant's own and others).
    state_listeners: int = 0

    @property
    def cpu(self) -> float:
        """Return the median CPU time."""
        return statistics.median(self.cpu_us)

    @property
    def best(self) -> float:
        """Return the lowest CPU time: the least disturbed run."""
        return min(self.cpu_us)

    @property
    def wall(self) -> float:
        """Return the median wall time."""
        return statistics.median(self.wall_us)

    @property
    def spread(self) -> float:
        """Return (max - min) / median of the CPU times: how quiet the machine was."""
        return (max(self.cpu_us) - min(self.cpu_us)) / self.cpu


async def cpu_per_update(
    hass: HomeAssistant, values: Sequence[str], runs: int, feeder: Feeder = feed
) -> Runs:
    """Feed `values` once to warm up, then `runs` times timed; per update."""
    await feeder(hass, values)
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(runs):
        gc.collect()
        cpu_start, wall_start = time.process_time_ns(), time.perf_counter_ns()
        await feeder(hass, values)
        cpu.append((time.process_time_ns() - cpu_start) / 1000 / len(values))
        wall.append((time.perf_counter_ns() - wall_start) / 1000 / len(values))
    listeners = hass.bus.async_listeners().get(EVENT_STATE_CHANGED, 0)
    return Runs(cpu_us=tuple(cpu), wall_us=tuple(wall), state_listeners=listeners)


async def writes_during(
    hass: HomeAssistant, entity_ids: Collection[str], values: Sequence[str]
) -> dict[str, int]:
    """Feed `values` and count state_changed + state_reported of `entity_ids`."""
    writes: dict[str, int] = {}
    wanted = frozenset(entity_ids)

    @callback
    def ours(data: Any) -> bool:
        return data["entity_id"] in wanted

    @callback
    def count(event: Event[Any]) -> None:
        entity_id = event.data["entity_id"]
        writes[entity_id] = writes.get(entity_id, 0) + 1

    unsubscribe = [
        hass.bus.async_listen(event_type, count, event_filter=ours)
        for event_type in (EVENT_STATE_CHANGED, EVENT_STATE_REPORTED)
    ]
    try:
        await feed(hass, values)
    finally:
        for unsub in unsubscribe:
            unsub()
    return writes


async def quiet_writes(
    hass: HomeAssistant, entity_ids: Collection[str], values: Sequence[str]
) -> dict[str, int]:
    """Settle on the cold side, then count writes during cold-side noise only."""
    set_temperature(hass, COLD_SIDE[0])
    await hass.async_block_till_done()
    return await writes_during(hass, entity_ids, values)


@dataclass(frozen=True, kw_only=True)
class Crossing:
    """From the reading that makes the room cold to the thermostat call."""

    latency_us: float
    loop_passes: int
    synchronous: bool
    # Storage files written (finished) between the reading and the call.
    writes_before: tuple[str, ...] = ()


@contextmanager
def store_writes() -> Iterator[list[tuple[int, str]]]:
    """Record when each storage write finishes, and of which file (executor side)."""
    finished: list[tuple[int, str]] = []
    write = Store._write_prepared_data  # noqa: SLF001

    def spy(store: Store[Any], mode: str, json_data: str | bytes) -> None:
        write(store, mode, json_data)
        finished.append((time.perf_counter_ns(), store.key))

    with patch.object(Store, "_write_prepared_data", spy):
        yield finished


async def crossing_latency(
    hass: HomeAssistant,
    recorder: CallRecorder,
    reset: Callable[[], Awaitable[None]],
    crossings: int,
) -> list[Crossing | None]:
    """Time `crossings` warm-to-cold readings to `climate.set_temperature`.

    `reset` makes the room warm and the comfort ready to start again. The loop
    pass counter runs only around the crossing. None: no call was made.
    """
    results: list[Crossing | None] = []
    with store_writes() as finished:
        for _ in range(crossings):
            await reset()
            recorder.calls.clear()
            recorder.passes.start()
            first_pass = recorder.passes.count
            recorder.inside_state_write = True
            start = time.perf_counter_ns()
            set_temperature(hass, COLD)
            recorder.inside_state_write = False
            await hass.async_block_till_done()
            recorder.passes.stop()
            call = recorder.first("climate.set_temperature")
            results.append(
                None
                if call is None
                else Crossing(
                    latency_us=(call.at_ns - start) / 1000,
                    loop_passes=call.loop_pass - first_pass,
                    synchronous=call.inside_state_write,
                    writes_before=tuple(
                        key for at, key in finished if start < at < call.at_ns
                    ),
                )
            )
    return results


async def timed_ms(job: Callable[[], Awaitable[Any]]) -> float:
    """Return how long `job` took, in milliseconds of wall time."""
    start = time.perf_counter_ns()
    await job()
    return (time.perf_counter_ns() - start) / 1e6
