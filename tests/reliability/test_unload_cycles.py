"""100 set-up/unload and reload cycles with every comfort and alert busy.

Each cycle leaves bus listeners and scheduled loop timers exactly as the first
cycle did: a leaked listener or timer per cycle is caught by the count.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers.dispatcher import DATA_DISPATCHER
from homeassistant.helpers.event import _KeyedEventData
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    async_mock_service,
)

from custom_components.als_comfort.const import (
    CONF_BLANKET_SWITCH,
    CONF_CAREGIVERS,
    DEFAULT_OPTIONS,
    DOMAIN,
)
from tests.conftest import (
    PERSON_DATA,
    FakeThermostat,
    announce_heating,
    pending_timers,
    set_temperature,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 22:00:00+00:00")

ENTRY_ID = "01KDIANEALSCOMFORT00000000"
BLANKET = "input_boolean.blanket"
CYCLES = 100


def _trackers(hass: HomeAssistant) -> tuple[int, int]:
    """Count per-entity state trackers and dispatcher connections.

    Many trackers share one bus listener, so a leaked tracker would not show in
    the bus listener counts alone.
    """
    keyed = sum(
        len(jobs)
        for value in list(hass.data.values())
        if isinstance(value, _KeyedEventData)
        for jobs in value.callbacks.values()
    )
    dispatcher = hass.data.get(DATA_DISPATCHER) or {}
    return keyed, sum(len(targets) for targets in dispatcher.values())


def _footprint(hass: HomeAssistant) -> tuple[Any, ...]:
    """Everything a leak would grow."""
    return (hass.bus.async_listeners(), pending_timers(hass), _trackers(hass))


@pytest.fixture
async def everything(
    hass: HomeAssistant, bedroom: None
) -> tuple[MockConfigEntry, FakeThermostat, list[ServiceCall]]:
    """Thermostat, heated blanket and a caregiver phone, in a cold room at night."""
    await hass.config.async_set_time_zone("Europe/London")
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"blanket": None}}
    )
    thermostat = FakeThermostat(hass)
    phone = async_mock_service(hass, "notify", "mobile_app_x")
    set_temperature(hass, 17)
    entry = MockConfigEntry(
        domain=DOMAIN,
        entry_id=ENTRY_ID,
        title="Diane",
        unique_id="diane",
        data={
            **PERSON_DATA,
            CONF_BLANKET_SWITCH: BLANKET,
            CONF_CAREGIVERS: ["notify.mobile_app_x"],
        },
        options=dict(DEFAULT_OPTIONS),
        version=1,
        minor_version=1,
    )
    entry.add_to_hass(hass)
    await hass.async_block_till_done()
    return entry, thermostat, phone


async def _busy(hass: HomeAssistant) -> None:
    """Open an alert (severe cramp), start the heating watchdog; let it settle."""
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {"config_entry_id": ENTRY_ID, "kind": "cramp", "severity": 8},
        blocking=True,
    )
    announce_heating(hass, "heating_started")
    await hass.async_block_till_done(wait_background_tasks=True)


async def _unload(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert entry.state is ConfigEntryState.NOT_LOADED


async def test_set_up_unload_100_times(
    hass: HomeAssistant,
    everything: tuple[MockConfigEntry, FakeThermostat, list[ServiceCall]],
    freezer: FrozenDateTimeFactory,
) -> None:
    """Listeners and timers are the same after every cycle but the first."""
    entry, thermostat, phone = everything
    baseline: tuple[Any, ...] | None = None
    for cycle in range(CYCLES):
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done(wait_background_tasks=True)
        await _busy(hass)
        runtime = entry.runtime_data
        if cycle == 0:
            assert runtime.comforts.state.blanket.deadline is not None
            assert hass.states.get(BLANKET).state == "on"
            assert thermostat.calls[0] == ("set_temperature", {"temperature": 21.0})
            assert phone  # the severe cramp reached the caregiver
        loaded = _trackers(hass)
        await _unload(hass, entry)
        seen = _footprint(hass)
        # The measure sees the entry's own trackers: they go with the unload.
        assert seen[2][0] < loaded[0], (seen, loaded)
        assert seen[2][1] < loaded[1], (seen, loaded)
        if cycle >= 1:  # the first cycle may load shared components for good
            if baseline is None:
                baseline = seen
            assert seen == baseline, cycle
        freezer.tick(timedelta(seconds=20))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
    print(f"\nset-up/unload cycles: {CYCLES}")  # noqa: T201


async def test_reload_100_times(
    hass: HomeAssistant,
    everything: tuple[MockConfigEntry, FakeThermostat, list[ServiceCall]],
    freezer: FrozenDateTimeFactory,
) -> None:
    """Reloading a busy entry 100 times leaves no listener or timer behind."""
    entry, _, _ = everything
    del freezer  # time is frozen by the module's mark
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    baseline: tuple[Any, ...] | None = None
    for cycle in range(CYCLES):
        await _busy(hass)
        assert await hass.config_entries.async_reload(entry.entry_id)
        await hass.async_block_till_done(wait_background_tasks=True)
        assert entry.state is ConfigEntryState.LOADED
        seen = _footprint(hass)
        if cycle >= 1:  # the first reload may load shared components
            if baseline is None:
                baseline = seen
            assert seen == baseline, cycle
        # The clock stands still: the entry's own timers (blanket deadline,
        # escalation, watchdog, window edge) are the same set every cycle.
    await _unload(hass, entry)
    print(f"\nreload cycles: {CYCLES}")  # noqa: T201
