"""Heating is needed at night but cannot start: a person is called (SPEC §10).

What a person notices is the `als_comfort_action` announcement
`heating_cannot_start` (the alerts turn it into the urgent `heating_not_working`
alert): when, with which reason, and that it comes once per failure spell. The
repair issue stays as well.
"""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import ATTR_ENTITY_ID, EVENT_HOMEASSISTANT_STARTED
from homeassistant.core import CoreState, HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
import pytest

from custom_components.als_comfort.const import CONF_CLIMATE_ENTITY, DOMAIN
from tests.conftest import (
    HEATING_ISSUE,
    THERMOSTAT,
    FakeThermostat,
    advance_to,
    comfort_entry,
    report_room,
    set_temperature,
    set_up_entry,
)

from .conftest import COMFORT_ACTIONS, capture_calls_for_a_person, unload, walk_to

pytestmark = pytest.mark.freeze_time("2026-11-25 22:00:00+00:00")


async def test_missing_thermostat_calls_a_person_at_once(
    hass: HomeAssistant, bedroom: None, issue_registry: ir.IssueRegistry
) -> None:
    """A cold night and no such thermostat: announced at once, once; a repair issue."""
    announced = capture_calls_for_a_person(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry(**{CONF_CLIMATE_ENTITY: "climate.gone"}))
    await report_room(hass, 16)
    await report_room(hass, 15.5)
    assert announced() == [
        ("25 22:00:00", "heating_cannot_start", "climate.gone", "missing")
    ]
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is not None


async def test_unavailable_thermostat_calls_a_person_once_per_night(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """Unavailable all night: one call tonight, one at the next night window."""
    FakeThermostat(hass)
    hass.states.async_set(THERMOSTAT, "unavailable")
    announced = capture_calls_for_a_person(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    await advance_to(hass, freezer, "2026-11-26 03:00:00+00:00")
    await report_room(hass, 16)
    await advance_to(hass, freezer, "2026-11-26 21:29:00+00:00")
    assert announced() == [
        ("25 22:00:00", "heating_cannot_start", THERMOSTAT, "unavailable")
    ]
    await advance_to(hass, freezer, "2026-11-26 21:30:00+00:00")
    assert announced()[1:] == [
        ("26 21:30:00", "heating_cannot_start", THERMOSTAT, "unavailable")
    ]


async def test_thermostat_without_a_heating_mode_calls_a_person(
    hass: HomeAssistant, bedroom: None
) -> None:
    """Off, and it can only cool: nothing is called on it; a person is."""
    thermostat = FakeThermostat(hass, mode="off", hvac_modes=["off", "cool"])
    announced = capture_calls_for_a_person(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    assert thermostat.calls == []
    assert announced() == [
        ("25 22:00:00", "heating_cannot_start", THERMOSTAT, "no_heat_mode")
    ]


@pytest.mark.parametrize("mode", ["cool", "dry", "fan_only"])
async def test_mode_a_person_chose_is_never_changed(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory, mode: str
) -> None:
    """Cooling, drying or fanning: someone chose it; it is left, a person is called."""
    thermostat = FakeThermostat(
        hass, mode=mode, hvac_modes=["off", "heat", "cool", "dry", "fan_only"]
    )
    announced = capture_calls_for_a_person(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    await advance_to(hass, freezer, "2026-11-26 07:30:00+00:00")
    assert thermostat.calls == []
    assert hass.states.get(THERMOSTAT).state == mode
    assert announced() == [
        ("25 22:00:00", "heating_cannot_start", THERMOSTAT, "mode_locked")
    ]


async def test_refusing_thermostat_calls_a_person_after_the_first_15_minutes(
    hass: HomeAssistant,
    bedroom: None,
    freezer: FrozenDateTimeFactory,
    issue_registry: ir.IssueRegistry,
) -> None:
    """Refused at 22:00: retried at 1, 3, 7 min; still refusing at 15 min: a call."""
    thermostat = FakeThermostat(hass)
    thermostat.fail["set_temperature"] = HomeAssistantError("device busy")
    announced = capture_calls_for_a_person(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is not None
    await walk_to(hass, freezer, "2026-11-25 22:14:59+00:00")
    assert len(thermostat.calls) == 4  # 22:00, 22:01, 22:03, 22:07
    assert announced() == []
    await walk_to(hass, freezer, "2026-11-25 22:15:00+00:00")
    assert announced() == [
        ("25 22:15:00", "heating_cannot_start", THERMOSTAT, "refused")
    ]
    await walk_to(hass, freezer, "2026-11-25 23:30:00+00:00")
    assert len(thermostat.calls) == 10  # every 15 min since; no second call
    assert len(announced()) == 1


async def test_refusal_clock_survives_a_restart(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A restart neither starts the 15 minutes again nor repeats the call."""
    thermostat = FakeThermostat(hass)
    thermostat.fail["set_temperature"] = HomeAssistantError("device busy")
    announced = capture_calls_for_a_person(hass)
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, comfort_entry())
    await advance_to(hass, freezer, "2026-11-25 22:10:00+00:00")
    await unload(hass, entry)
    await set_up_entry(hass, entry)
    await advance_to(hass, freezer, "2026-11-25 22:15:00+00:00")
    assert announced() == [
        ("25 22:15:00", "heating_cannot_start", THERMOSTAT, "refused")
    ]
    await unload(hass, entry)
    await advance_to(hass, freezer, "2026-11-25 22:20:00+00:00")
    await set_up_entry(hass, entry)
    await advance_to(hass, freezer, "2026-11-25 23:00:00+00:00")
    assert len(announced()) == 1


async def test_a_new_spell_after_the_thermostat_worked_calls_again(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """Mended, boosted, then refusing again on a new boost: a new call."""
    thermostat = FakeThermostat(hass)
    thermostat.fail["set_temperature"] = HomeAssistantError("device busy")
    announced = capture_calls_for_a_person(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    await advance_to(hass, freezer, "2026-11-25 22:15:00+00:00")
    thermostat.fail.clear()
    await advance_to(hass, freezer, "2026-11-25 22:30:00+00:00")
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 21.0

    for service in ("turn_off", "turn_on"):  # comforts off (put back), on again
        await hass.services.async_call(
            "switch", service, {ATTR_ENTITY_ID: COMFORT_ACTIONS}, blocking=True
        )
        await hass.async_block_till_done()
        thermostat.fail["set_temperature"] = HomeAssistantError("device busy")
    await advance_to(hass, freezer, "2026-11-25 22:44:59+00:00")
    assert len(announced()) == 1
    await advance_to(hass, freezer, "2026-11-25 22:45:00+00:00")
    assert announced()[1:] == [
        ("25 22:45:00", "heating_cannot_start", THERMOSTAT, "refused")
    ]


async def test_no_call_while_home_assistant_is_starting(
    hass: HomeAssistant, bedroom: None
) -> None:
    """Not set up yet while starting is no fault; still missing once started is."""
    hass.set_state(CoreState.starting)
    announced = capture_calls_for_a_person(hass)
    set_temperature(hass, 17)
    hass.states.async_remove(THERMOSTAT)
    await set_up_entry(hass, comfort_entry())
    await report_room(hass, 16.5)
    assert announced() == []

    hass.set_state(CoreState.running)
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STARTED)
    await hass.async_block_till_done()
    assert announced() == [
        ("25 22:00:00", "heating_cannot_start", THERMOSTAT, "missing")
    ]


async def test_no_call_outside_the_night_window(
    hass: HomeAssistant,
    bedroom: None,
    freezer: FrozenDateTimeFactory,
    issue_registry: ir.IssueRegistry,
) -> None:
    """A cramp in a cold room at noon with the thermostat gone: a repair, no call."""
    freezer.move_to("2026-11-25 12:00:00+00:00")
    FakeThermostat(hass)
    hass.states.async_set(THERMOSTAT, "unavailable")
    announced = capture_calls_for_a_person(hass)
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, comfort_entry())
    await entry.runtime_data.coordinator.async_log_episode(
        {"kind": "cramp", "body_area": "calf"}
    )
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is not None
    assert announced() == []
