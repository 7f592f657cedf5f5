"""The scenarios, each a fresh Home Assistant: bare, ALS Comfort, the YAML build."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Final

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers.event import async_track_state_change_event
from pytest_homeassistant_custom_component.common import MockConfigEntry  # type: ignore[import-untyped]

from . import integration
from .harness import SENSOR, CallRecorder, bench_hass, prepare_home
from .measure import timed_ms
from .yaml_build import async_set_up_yaml_build
from .yearlog import async_write_year_log


@dataclass(frozen=True, kw_only=True)
class Bench:
    """One running scenario."""

    hass: HomeAssistant
    recorder: CallRecorder
    entry: MockConfigEntry | None = None
    setup_ms: float | None = None
    log_bytes: int | None = None


@asynccontextmanager
async def floor() -> AsyncIterator[Bench]:
    """A: bare Home Assistant; nothing listens to the thermometer."""
    async with bench_hass(custom_integrations=False) as hass:
        yield Bench(hass=hass, recorder=prepare_home(hass))


@asynccontextmanager
async def one_listener() -> AsyncIterator[Bench]:
    """A1: bare Home Assistant with one state listener that does nothing.

    This is the least any event-driven integration can cost per reading.
    """
    async with bench_hass(custom_integrations=False) as hass:
        recorder = prepare_home(hass)

        @callback
        def nothing(_event: Event[EventStateChangedData]) -> None:
            """Listen and do nothing."""

        unsubscribe = async_track_state_change_event(hass, SENSOR, nothing)
        try:
            yield Bench(hass=hass, recorder=recorder)
        finally:
            unsubscribe()


@asynccontextmanager
async def als_comfort(*, year_log: bool = False) -> AsyncIterator[Bench]:
    """B: ALS Comfort for one person (with a one-year log if asked)."""
    async with bench_hass(custom_integrations=True) as hass:
        recorder = prepare_home(hass)
        log_bytes = None
        if year_log:
            log_bytes = await async_write_year_log(hass, integration.ENTRY_ID)
        entry = integration.add_entry(hass)
        setup_ms = await timed_ms(
            lambda: hass.config_entries.async_setup(entry.entry_id)
        )
        await hass.async_block_till_done()
        if entry.state is not ConfigEntryState.LOADED:
            raise RuntimeError(f"ALS Comfort did not set up: {entry.state}")
        yield Bench(
            hass=hass,
            recorder=recorder,
            entry=entry,
            setup_ms=setup_ms,
            log_bytes=log_bytes,
        )


@asynccontextmanager
async def yaml_build() -> AsyncIterator[Bench]:
    """C: the YAML a user would write instead (bench/yaml/)."""
    async with bench_hass(custom_integrations=False) as hass:
        recorder = prepare_home(hass)
        setup_ms = await timed_ms(lambda: async_set_up_yaml_build(hass))
        yield Bench(hass=hass, recorder=recorder, setup_ms=setup_ms)


SCENARIOS: Final[dict[str, Callable[[], AbstractAsyncContextManager[Bench]]]] = {
    "A": floor,
    "A1": one_listener,
    "B": als_comfort,
    "C": yaml_build,
}
