"""Tests for the comfort actions: thermostat boost and blanket, safely."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime
import logging
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryDisabler
from homeassistant.const import (
    ATTR_ENTITY_ID,
    EVENT_CALL_SERVICE,
    EVENT_HOMEASSISTANT_STARTED,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
    UnitOfTemperature,
)
from homeassistant.core import Context, CoreState, HomeAssistant, ServiceCall, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.dispatcher import async_dispatcher_send
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.comfort_store import ComfortState, ComfortStore
from custom_components.als_comfort.const import (
    CONF_BLANKET_SWITCH,
    CONF_CLIMATE_ENTITY,
    CONF_COMFORT_SETPOINT,
    CONF_MAX_SETPOINT,
    DOMAIN,
)
from custom_components.als_comfort.models import ComfortOptions
from custom_components.als_comfort.thermostat import comfort_target

from .conftest import (
    BEDROOM_SENSOR,
    BLANKET_ISSUE,
    DIANE_ENTRY_ID as ENTRY_ID,
    HEATING_ISSUE,
    THERMOSTAT,
    FakeThermostat,
    advance_to,
    capture_actions,
    capture_calls,
    comfort_entry,
    pending_timers,
    report_room,
    set_temperature,
    set_up_entry,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 22:00:00+00:00")

BLANKET = "input_boolean.blanket"
COMFORT_ACTIONS = "switch.diane_comfort_actions"
STORAGE_KEY = f"{DOMAIN}.{ENTRY_ID}.comforts"


async def _unload(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Unload the entry and let everything settle."""
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


@pytest.fixture
async def blanket(hass: HomeAssistant) -> None:
    """A real heated blanket switch (an input_boolean), off."""
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"blanket": None}}
    )
    await hass.async_block_till_done()


def _blanket_entry() -> MockConfigEntry:
    """Diane's entry with a blanket and no thermostat."""
    return comfort_entry(**{CONF_CLIMATE_ENTITY: None, CONF_BLANKET_SWITCH: BLANKET})


async def _switch_blanket(hass: HomeAssistant, service: str) -> None:
    """Switch the blanket as a person would."""
    await hass.services.async_call(
        "input_boolean",
        service,
        {ATTR_ENTITY_ID: BLANKET},
        blocking=True,
        context=Context(),  # a person at the device or in the UI
    )
    await hass.async_block_till_done()


# 1. Cold night: boost once, restore at wake time.


async def test_cold_night_boosts_once_and_restores_at_wake(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A cold bedroom at 22:00 (window open): one boost; restored at 07:00."""
    thermostat = FakeThermostat(hass)
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())

    assert thermostat.calls == [("set_temperature", {"temperature": 21.0})]
    for value in (17.5, 16, 18.9, 22):  # colder, warmer, warm: nothing more
        await report_room(hass, value)
    await advance_to(hass, freezer, "2026-11-26 06:59:59+00:00")
    assert len(thermostat.calls) == 1

    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert thermostat.calls[1:] == [("set_temperature", {"temperature": 18.0})]
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 18.0
    assert actions() == [
        ("heating_started", THERMOSTAT, "cold_night"),
        ("heating_restored", THERMOSTAT, "comfort_ended"),
    ]


async def test_thermostat_off_is_switched_to_heat_and_back(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A thermostat that is off gets heat and the setpoint; both are put back."""
    thermostat = FakeThermostat(hass, mode="off", target=25.0)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    assert thermostat.calls == [
        ("set_temperature", {"temperature": 21.0}),  # never the old 25 with heat on
        ("set_hvac_mode", {"hvac_mode": "heat"}),
    ]

    await report_room(hass, 21)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert thermostat.calls[2:] == [
        ("set_temperature", {"temperature": 25.0}),
        ("set_hvac_mode", {"hvac_mode": "off"}),
    ]


async def test_room_still_cold_after_wake_keeps_heating(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """After wake time the boost lasts while the room is cold, then ends."""
    thermostat = FakeThermostat(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    await advance_to(hass, freezer, "2026-11-26 08:00:00+00:00")
    assert len(thermostat.calls) == 1

    await report_room(hass, 20)
    assert thermostat.calls[1:] == [("set_temperature", {"temperature": 18.0})]


async def test_warm_target_is_never_lowered(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A thermostat already heating to 22 °C is left alone, and nothing is restored."""
    thermostat = FakeThermostat(hass, target=22.0)
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    await report_room(hass, 22)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert thermostat.calls == []
    assert actions() == []


async def test_cold_room_outside_night_and_cluster_does_nothing(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A cold room at noon with no recent cramp is not a comfort period."""
    freezer.move_to("2026-11-25 12:00:00+00:00")
    thermostat = FakeThermostat(hass)
    set_temperature(hass, 15)
    await set_up_entry(hass, comfort_entry())
    assert thermostat.calls == []


async def test_cramp_cluster_in_a_cold_room_boosts(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A cramp in a cold room at noon boosts; the cluster's end puts it back."""
    freezer.move_to("2026-11-25 12:00:00+00:00")
    thermostat = FakeThermostat(hass)
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, comfort_entry())
    await entry.runtime_data.coordinator.async_log_episode(
        {"kind": "cramp", "body_area": "calf"}
    )
    await hass.async_block_till_done()
    assert thermostat.calls == [("set_temperature", {"temperature": 21.0})]

    await report_room(hass, 21)
    await advance_to(hass, freezer, "2026-11-25 13:00:00+00:00")
    assert thermostat.calls[1:] == [("set_temperature", {"temperature": 18.0})]
    assert actions() == [
        ("heating_started", THERMOSTAT, "cramp_cluster"),
        ("heating_restored", THERMOSTAT, "comfort_ended"),
    ]


async def test_preheat_at_window_opening(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """At 21:30 a room below the comfort setpoint (not cold) is pre-heated."""
    freezer.move_to("2026-11-25 21:00:00+00:00")
    thermostat = FakeThermostat(hass)
    actions = capture_actions(hass)
    await set_up_entry(hass, comfort_entry())  # 20.5 °C: not cold
    assert thermostat.calls == []

    await advance_to(hass, freezer, "2026-11-25 21:30:00+00:00")
    assert thermostat.calls == [("set_temperature", {"temperature": 21.0})]
    assert actions() == [("preheat_started", THERMOSTAT, "preheat")]


async def test_no_preheat_in_a_warm_room_or_on_first_setup(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """Set up inside the window (its opening not seen) or warm: no pre-heat."""
    thermostat = FakeThermostat(hass)
    entry = await set_up_entry(hass, comfort_entry())  # 22:00, 20.5 °C, first setup
    await _unload(hass, entry)
    await report_room(hass, 21.5)
    await advance_to(hass, freezer, "2026-11-26 12:00:00+00:00")
    await set_up_entry(hass, entry)
    await advance_to(hass, freezer, "2026-11-26 21:30:00+00:00")
    assert thermostat.calls == []


async def test_boost_survives_a_restart(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """What to put back is stored: a restart mid-night still restores it."""
    thermostat = FakeThermostat(hass, mode="off", target=16.0)
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, comfort_entry())
    await _unload(hass, entry)
    await advance_to(hass, freezer, "2026-11-26 03:00:00+00:00")
    await set_up_entry(hass, entry)
    assert len(thermostat.calls) == 2  # no second boost

    await report_room(hass, 21)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert thermostat.calls[2:] == [
        ("set_temperature", {"temperature": 16.0}),
        ("set_hvac_mode", {"hvac_mode": "off"}),
    ]


async def test_reconfigured_thermostat_is_put_back(
    hass: HomeAssistant, bedroom: None
) -> None:
    """A boosted thermostat that is no longer configured is put back at setup."""
    old = FakeThermostat(hass)
    new = FakeThermostat(hass, entity_id="climate.living_room", target=17.0)
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, comfort_entry())
    await _unload(hass, entry)
    hass.config_entries.async_update_entry(
        entry, data={**entry.data, CONF_CLIMATE_ENTITY: "climate.living_room"}
    )
    await set_up_entry(hass, entry)
    assert old.calls[1:] == [("set_temperature", {"temperature": 18.0})]
    assert new.calls == [("set_temperature", {"temperature": 21.0})]
    assert actions()[1:] == [
        ("heating_restored", THERMOSTAT, "reconfigured"),
        ("heating_started", "climate.living_room", "cold_night"),
    ]


# 2. A person's change wins.


async def test_manual_change_releases_until_next_window(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A person's change stops management: no call until the next window."""
    thermostat = FakeThermostat(hass)
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    assert len(thermostat.calls) == 1

    thermostat.person_sets("heat", 23.0)
    await hass.async_block_till_done()
    await report_room(hass, 22)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert len(thermostat.calls) == 1  # not put back over the person's 23 °C
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 23.0
    assert actions() == [
        ("heating_started", THERMOSTAT, "cold_night"),
        ("heating_released", THERMOSTAT, "manual_change"),
    ]

    await report_room(hass, 17)
    await advance_to(hass, freezer, "2026-11-26 21:29:59+00:00")
    assert len(thermostat.calls) == 1
    await advance_to(hass, freezer, "2026-11-26 21:30:00+00:00")
    assert len(thermostat.calls) == 1  # 23 °C is warm enough: not lowered
    thermostat.person_sets("heat", 17.0)
    await hass.async_block_till_done()
    await report_room(hass, 18.5)  # the next window's cold snapshot changes nothing
    assert len(thermostat.calls) == 1


async def test_released_thermostat_is_boosted_again_next_window(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A thermostat switched off by a person is boosted again at the next window."""
    thermostat = FakeThermostat(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    thermostat.person_sets("off", 18.0)
    await hass.async_block_till_done()
    await advance_to(hass, freezer, "2026-11-26 21:29:00+00:00")
    assert len(thermostat.calls) == 1

    await advance_to(hass, freezer, "2026-11-26 21:30:00+00:00")
    assert thermostat.calls[1:] == [
        ("set_temperature", {"temperature": 21.0}),
        ("set_hvac_mode", {"hvac_mode": "heat"}),
    ]


async def test_device_reports_are_not_taken_for_a_person(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """Attribute updates, rounding to the device step and echoes keep management."""
    thermostat = FakeThermostat(hass, target_temp_step=0.5)
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    state = hass.states.get(THERMOSTAT)
    for attributes in (
        {"current_temperature": 17.2},  # a reading: target and mode unchanged
        {"temperature": 21.2},  # the device rounded to its step
    ):
        hass.states.async_set(THERMOSTAT, "heat", {**state.attributes, **attributes})
        await hass.async_block_till_done()
    hass.states.async_set(THERMOSTAT, STATE_UNAVAILABLE)
    await hass.async_block_till_done()
    hass.states.async_set(THERMOSTAT, "heat", {**state.attributes, "temperature": 19})
    await hass.async_block_till_done()  # back from unavailable: not a person

    await report_room(hass, 22)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert thermostat.calls[1:] == [("set_temperature", {"temperature": 18.0})]
    assert [action for action, *_ in actions()] == [
        "heating_started",
        "heating_restored",
    ]


async def test_change_in_a_child_context_of_ours_is_ours(
    hass: HomeAssistant, bedroom: None
) -> None:
    """A change whose parent context is one of our calls is not a person's."""
    thermostat = FakeThermostat(hass)
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, comfort_entry())
    ours = entry.runtime_data.comforts._own_contexts[-1]
    hass.states.async_set(
        THERMOSTAT, "heat", {"temperature": 20.0}, context=Context(parent_id=ours)
    )
    await hass.async_block_till_done()
    assert entry.runtime_data.comforts.state.heating is not None
    assert len(thermostat.calls) == 1


async def test_real_generic_thermostat(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A generic_thermostat is boosted, then released by a person's set_temperature."""
    hass.states.async_remove(THERMOSTAT)
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"heater": None}}
    )
    assert await async_setup_component(
        hass,
        "climate",
        {
            "climate": {
                "platform": "generic_thermostat",
                "name": "bedroom",
                "heater": "input_boolean.heater",
                "target_sensor": BEDROOM_SENSOR,
                "initial_hvac_mode": "heat",
                "target_temp": 18,
            }
        },
    )
    set_temperature(hass, 17)
    await hass.async_block_till_done()
    calls = capture_calls(hass, "climate")
    actions = capture_actions(hass)
    entry = await set_up_entry(hass, comfort_entry())
    assert calls == [("set_temperature", THERMOSTAT)]
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 21.0
    assert hass.states.get("input_boolean.heater").state == STATE_ON

    await hass.services.async_call(
        "climate",
        "set_temperature",
        {ATTR_ENTITY_ID: THERMOSTAT, "temperature": 22},
        blocking=True,
        context=Context(),  # a person at the device or in the UI
    )
    await hass.async_block_till_done()
    assert entry.runtime_data.comforts.state.released
    assert [action for action, *_ in actions()] == [
        "heating_started",
        "heating_released",
    ]


# 3. Never above max_setpoint; the system unit.


@pytest.mark.parametrize(
    ("comfort", "maximum", "unit", "device_max", "expected"),
    [
        (21.0, 24.0, UnitOfTemperature.CELSIUS, None, 21.0),
        (26.0, 24.0, UnitOfTemperature.CELSIUS, None, 24.0),
        (21.0, 24.0, UnitOfTemperature.CELSIUS, 20.0, 20.0),
        (21.0, 24.0, UnitOfTemperature.FAHRENHEIT, None, 70.0),
        (26.0, 24.0, UnitOfTemperature.FAHRENHEIT, None, 75.0),
        (24.4, 24.4, UnitOfTemperature.FAHRENHEIT, None, 75.0),
        (21.04, 21.04, UnitOfTemperature.CELSIUS, None, 21.0),
        (21.06, 21.06, UnitOfTemperature.CELSIUS, None, 21.0),
    ],
)
def test_comfort_target(
    comfort: float, maximum: float, unit: str, device_max: float | None, expected: float
) -> None:
    """The target is the setpoint in the system unit, never above any cap."""
    options = ComfortOptions.from_entry_options(
        {CONF_COMFORT_SETPOINT: comfort, CONF_MAX_SETPOINT: maximum}
    )
    assert comfort_target(options, unit, device_max) == expected


async def test_max_setpoint_is_never_exceeded(
    hass: HomeAssistant, bedroom: None
) -> None:
    """Options stored by hand with comfort 26 °C and max 24 °C: 24 °C is set."""
    thermostat = FakeThermostat(hass, max_temp=30)
    set_temperature(hass, 17)
    await set_up_entry(
        hass,
        comfort_entry(options={CONF_COMFORT_SETPOINT: 26.0, CONF_MAX_SETPOINT: 24.0}),
    )
    assert thermostat.calls == [("set_temperature", {"temperature": 24.0})]


async def test_fahrenheit_thermostat_gets_fahrenheit(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """With US customary units the target and the restore are in °F."""
    hass.config.units = US_CUSTOMARY_SYSTEM
    thermostat = FakeThermostat(hass, target=64.0)
    set_temperature(hass, 60, UnitOfTemperature.FAHRENHEIT)
    await set_up_entry(hass, comfort_entry())
    assert thermostat.calls == [("set_temperature", {"temperature": 70.0})]

    await report_room(hass, 71, UnitOfTemperature.FAHRENHEIT)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert thermostat.calls[1:] == [("set_temperature", {"temperature": 64.0})]


async def test_unit_system_changed_between_boost_and_restore(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A target saved in °C is put back in °F after the unit system changed."""
    thermostat = FakeThermostat(hass, target=18.0)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    hass.config.units = US_CUSTOMARY_SYSTEM
    hass.states.async_set(
        THERMOSTAT, "heat", {"temperature": 69.8}, context=Context()
    )  # the same 21 °C, now shown in °F
    await report_room(hass, 22)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert thermostat.calls[1:] == [("set_temperature", {"temperature": 64.4})]


# 4. Blanket: always off after blanket_max_minutes.


async def test_blanket_goes_off_after_the_limit_and_stays_off(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """On in a cold night, off after exactly 60 minutes, not on again that night."""
    calls = capture_calls(hass, "input_boolean")
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, _blanket_entry())
    assert calls == [("turn_on", BLANKET)]
    assert hass.states.get(BLANKET).state == STATE_ON

    await advance_to(hass, freezer, "2026-11-25 22:59:59+00:00")
    assert hass.states.get(BLANKET).state == STATE_ON
    await advance_to(hass, freezer, "2026-11-25 23:00:00+00:00")
    assert calls[1:] == [("turn_off", BLANKET)]
    assert hass.states.get(BLANKET).state == STATE_OFF

    await report_room(hass, 16)
    await report_room(hass, 21)
    await report_room(hass, 17)  # a new cold spell in the same night: still locked
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert len(calls) == 2
    await advance_to(hass, freezer, "2026-11-26 21:30:00+00:00")
    assert calls[2:] == [("turn_on", BLANKET)]  # the next night window
    assert actions() == [
        ("blanket_on", BLANKET, "cold_night"),
        ("blanket_off", BLANKET, "time_limit"),
        ("blanket_on", BLANKET, "cold_night"),
    ]


async def test_blanket_deadline_survives_a_restart(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """A restart at 22:30 does not start the count again: off at 23:00."""
    calls = capture_calls(hass, "input_boolean")
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, _blanket_entry())
    await advance_to(hass, freezer, "2026-11-25 22:30:00+00:00")
    await _unload(hass, entry)
    await advance_to(hass, freezer, "2026-11-25 22:45:00+00:00")
    await set_up_entry(hass, entry)
    assert calls == [("turn_on", BLANKET)]

    await advance_to(hass, freezer, "2026-11-25 22:59:59+00:00")
    assert hass.states.get(BLANKET).state == STATE_ON
    await advance_to(hass, freezer, "2026-11-25 23:00:00+00:00")
    assert calls[1:] == [("turn_off", BLANKET)]


async def test_blanket_deadline_passed_during_a_restart(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """A deadline that passed while unloaded switches the blanket off at once."""
    calls = capture_calls(hass, "input_boolean")
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, _blanket_entry())
    await _unload(hass, entry)
    await advance_to(hass, freezer, "2026-11-25 23:30:00+00:00")
    assert hass.states.get(BLANKET).state == STATE_ON
    await set_up_entry(hass, entry)
    await advance_to(hass, freezer, "2026-11-25 23:30:00+00:00")  # no time passes
    assert calls == [("turn_on", BLANKET), ("turn_off", BLANKET)]
    assert hass.states.get(BLANKET).state == STATE_OFF


async def test_hand_switched_blanket_goes_off_after_the_limit(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """Switched on by hand at noon (no comfort period): off 60 minutes later."""
    freezer.move_to("2026-11-25 12:00:00+00:00")
    calls = capture_calls(hass, "input_boolean")
    actions = capture_actions(hass)
    await set_up_entry(hass, _blanket_entry())
    await _switch_blanket(hass, "turn_on")
    await advance_to(hass, freezer, "2026-11-25 12:59:59+00:00")
    assert hass.states.get(BLANKET).state == STATE_ON
    await advance_to(hass, freezer, "2026-11-25 13:00:00+00:00")
    assert calls == [("turn_on", BLANKET), ("turn_off", BLANKET)]
    assert actions() == [("blanket_off", BLANKET, "time_limit")]

    await _switch_blanket(hass, "turn_on")  # by hand again: a new full limit
    await advance_to(hass, freezer, "2026-11-25 13:59:59+00:00")
    assert hass.states.get(BLANKET).state == STATE_ON
    await _switch_blanket(hass, "turn_off")  # by hand before the limit
    await advance_to(hass, freezer, "2026-11-25 15:00:00+00:00")
    assert len(calls) == 4


async def test_blanket_found_on_at_setup_gets_a_full_limit(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """A blanket already on with no known deadline is switched off after the limit."""
    freezer.move_to("2026-11-25 12:00:00+00:00")
    await _switch_blanket(hass, "turn_on")
    calls = capture_calls(hass, "input_boolean")
    await set_up_entry(hass, _blanket_entry())
    await advance_to(hass, freezer, "2026-11-25 13:00:00+00:00")
    assert calls == [("turn_off", BLANKET)]


async def test_blanket_off_when_the_period_ends(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """Our blanket goes off with its period; a hand-switched one is left to its limit."""
    freezer.move_to("2026-11-26 06:30:00+00:00")
    calls = capture_calls(hass, "input_boolean")
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, _blanket_entry())
    await report_room(hass, 21)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert calls == [("turn_on", BLANKET), ("turn_off", BLANKET)]
    assert actions()[1] == ("blanket_off", BLANKET, "comfort_ended")


async def test_hand_switched_blanket_is_left_to_its_own_limit(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """On by hand before a cold night: not switched on or off by the period; timed."""
    freezer.move_to("2026-11-26 06:30:00+00:00")
    calls = capture_calls(hass, "input_boolean")
    await set_up_entry(hass, _blanket_entry())
    await _switch_blanket(hass, "turn_on")
    await report_room(hass, 17)
    await report_room(hass, 21)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")  # the period ends
    assert hass.states.get(BLANKET).state == STATE_ON
    hass.states.async_remove(BLANKET)  # a removed entity changes nothing
    await hass.async_block_till_done()
    hass.states.async_set(BLANKET, STATE_ON)
    await advance_to(hass, freezer, "2026-11-26 07:30:00+00:00")
    assert calls == [("turn_on", BLANKET), ("turn_off", BLANKET)]


async def test_blanket_switched_off_during_a_restart(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """Off by hand while unloaded: the stored deadline finds it off and is dropped."""
    calls = capture_calls(hass, "input_boolean")
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, _blanket_entry())
    await _unload(hass, entry)
    await _switch_blanket(hass, "turn_off")
    await advance_to(hass, freezer, "2026-11-25 23:30:00+00:00")
    await set_up_entry(hass, entry)
    await advance_to(hass, freezer, "2026-11-25 23:30:00+00:00")  # no time passes
    assert calls == [("turn_on", BLANKET), ("turn_off", BLANKET)]  # the second by hand
    assert entry.runtime_data.comforts.state.blanket.deadline is None
    assert entry.runtime_data.comforts.state.blanket.locked


async def test_reconfigured_blanket_is_switched_off_at_once(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """A timed blanket that is no longer configured goes off at setup; the new one is timed."""
    calls = capture_calls(hass, "input_boolean")
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, _blanket_entry())
    await _unload(hass, entry)
    hass.states.async_set("input_boolean.heater", STATE_ON)  # on, untimed
    hass.config_entries.async_update_entry(
        entry, data={**entry.data, CONF_BLANKET_SWITCH: "input_boolean.heater"}
    )
    await set_up_entry(hass, entry)
    await advance_to(hass, freezer, "2026-11-25 22:00:00+00:00")  # no time passes
    assert calls == [("turn_on", BLANKET), ("turn_off", BLANKET)]
    record = entry.runtime_data.comforts.state.blanket
    assert record.entity_id == "input_boolean.heater"
    assert record.deadline == datetime.fromisoformat("2026-11-25 23:00:00+00:00")
    await hass.services.async_call(
        "input_boolean", "turn_off", {ATTR_ENTITY_ID: BLANKET}, blocking=True
    )
    await hass.async_block_till_done()
    assert entry.runtime_data.comforts.state.blanket.deadline is not None


async def test_blanket_new_cramp_cluster_unlocks(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """After its deadline the blanket comes on again with a new cramp cluster."""
    calls = capture_calls(hass, "input_boolean")
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, _blanket_entry())
    await advance_to(hass, freezer, "2026-11-25 23:00:00+00:00")
    assert len(calls) == 2
    await entry.runtime_data.coordinator.async_log_episode(
        {"kind": "cramp", "body_area": "foot"}
    )
    await hass.async_block_till_done()
    assert calls[2:] == [("turn_on", BLANKET)]


async def test_blanket_that_does_not_switch_on_has_no_deadline(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A blanket that ignores turn_on keeps no deadline; a later hand switch-on gets a full one."""
    switch = "switch.blanket"
    hass.states.async_set(switch, STATE_OFF)
    calls = capture_calls(hass, "switch")
    hass.services.async_register("switch", "turn_on", lambda call: None)
    set_temperature(hass, 17)
    entry = await set_up_entry(
        hass, comfort_entry(**{CONF_CLIMATE_ENTITY: None, CONF_BLANKET_SWITCH: switch})
    )
    assert calls == [("turn_on", switch)]
    assert entry.runtime_data.comforts.state.blanket.deadline is None

    await advance_to(hass, freezer, "2026-11-25 22:30:00+00:00")
    hass.states.async_set(switch, STATE_ON, context=Context())
    await hass.async_block_till_done()
    deadline = entry.runtime_data.comforts.state.blanket.deadline
    assert deadline == datetime.fromisoformat("2026-11-25 23:30:00+00:00")


# 5. The master switch.


async def test_comfort_actions_off_switches_nothing(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """With comfort_actions off, a cold night boosts nothing and switches nothing."""
    thermostat = FakeThermostat(hass)
    calls = capture_calls(hass, "input_boolean")
    entry = await set_up_entry(hass, comfort_entry(**{CONF_BLANKET_SWITCH: BLANKET}))
    await hass.services.async_call(
        "switch", "turn_off", {ATTR_ENTITY_ID: COMFORT_ACTIONS}, blocking=True
    )
    await report_room(hass, 16)
    await advance_to(hass, freezer, "2026-11-26 02:00:00+00:00")
    assert thermostat.calls == []
    assert calls == []
    assert not entry.runtime_data.comforts.state.engaged


async def test_comfort_actions_off_mid_boost_puts_everything_back(
    hass: HomeAssistant, bedroom: None, blanket: None
) -> None:
    """Off mid-boost: thermostat restored, our blanket off; on again: both again."""
    thermostat = FakeThermostat(hass)
    calls = capture_calls(hass, "input_boolean")
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry(**{CONF_BLANKET_SWITCH: BLANKET}))
    for service in ("turn_off", "turn_on"):
        await hass.services.async_call(
            "switch", service, {ATTR_ENTITY_ID: COMFORT_ACTIONS}, blocking=True
        )
        await hass.async_block_till_done()
    assert thermostat.calls == [
        ("set_temperature", {"temperature": 21.0}),
        ("set_temperature", {"temperature": 18.0}),
        ("set_temperature", {"temperature": 21.0}),
    ]
    assert calls == [("turn_on", BLANKET), ("turn_off", BLANKET), ("turn_on", BLANKET)]
    assert actions()[2:4] == [
        ("blanket_off", BLANKET, "comfort_actions_off"),
        ("heating_restored", THERMOSTAT, "comfort_actions_off"),
    ]


# 6. Failures are survived and reported.


async def test_thermostat_that_cannot_heat(
    hass: HomeAssistant, bedroom: None, issue_registry: ir.IssueRegistry
) -> None:
    """An off thermostat without a heat mode is not touched; it is reported."""
    thermostat = FakeThermostat(hass, mode="off", hvac_modes=["off", "cool"])
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    assert thermostat.calls == []
    assert actions() == [("heating_failed", THERMOSTAT, "no_heat_mode")]


async def test_nothing_is_decided_or_reported_before_home_assistant_started(
    hass: HomeAssistant, bedroom: None, issue_registry: ir.IssueRegistry
) -> None:
    """While starting, a thermostat not set up yet is no problem; at start it is boosted."""
    hass.set_state(CoreState.starting)
    set_temperature(hass, 17)
    hass.states.async_remove(THERMOSTAT)
    await set_up_entry(hass, comfort_entry())
    await report_room(hass, 22)
    await report_room(hass, 17)  # cold again while starting: the thermostat is missing
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is None

    thermostat = FakeThermostat(hass)
    await hass.async_block_till_done()
    hass.set_state(CoreState.running)
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STARTED)
    await hass.async_block_till_done()
    assert thermostat.calls == [("set_temperature", {"temperature": 21.0})]
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is None


async def test_damaged_comfort_state_starts_afresh(
    hass: HomeAssistant,
    bedroom: None,
    blanket: None,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An unreadable state file is logged; a blanket found on still goes off."""
    freezer.move_to("2026-11-25 12:00:00+00:00")
    hass_storage[STORAGE_KEY] = {"version": 1, "key": STORAGE_KEY, "data": {"x": 1}}
    await _switch_blanket(hass, "turn_on")
    calls = capture_calls(hass, "input_boolean")
    await set_up_entry(hass, _blanket_entry())
    assert "comfort state was unreadable" in caplog.text
    await advance_to(hass, freezer, "2026-11-25 13:00:00+00:00")
    assert calls == [("turn_off", BLANKET)]


async def test_state_is_written_before_the_blanket_is_switched_on(
    hass: HomeAssistant, bedroom: None, blanket: None, hass_storage: dict[str, Any]
) -> None:
    """The deadline is on disk when the blanket goes on."""
    seen: list[Any] = []

    @callback
    def on_turn_on(event: Any) -> None:
        if event.data["domain"] == "input_boolean":
            seen.append(hass_storage[STORAGE_KEY]["data"]["blanket"]["deadline"])

    hass.bus.async_listen(EVENT_CALL_SERVICE, on_turn_on)
    set_temperature(hass, 17)
    await set_up_entry(hass, _blanket_entry())
    assert seen == ["2026-11-25T23:00:00+00:00"]


# 7. Unload and disable.


async def test_disabling_the_entry_puts_things_back(
    hass: HomeAssistant, bedroom: None, blanket: None
) -> None:
    """Disabling the entry leaves nobody watching: restore and switch off now."""
    thermostat = FakeThermostat(hass)
    calls = capture_calls(hass, "input_boolean")
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, comfort_entry(**{CONF_BLANKET_SWITCH: BLANKET}))
    await hass.config_entries.async_set_disabled_by(
        entry.entry_id, ConfigEntryDisabler.USER
    )
    await hass.async_block_till_done()
    assert thermostat.calls[1:] == [("set_temperature", {"temperature": 18.0})]
    assert calls == [("turn_on", BLANKET), ("turn_off", BLANKET)]


async def test_unload_leaves_no_listener_or_timer(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """Set-up/unload cycles with a blanket deadline pending leave nothing behind."""
    FakeThermostat(hass)
    set_temperature(hass, 17)
    entry = comfort_entry(**{CONF_BLANKET_SWITCH: BLANKET})
    await set_up_entry(hass, entry)
    await _unload(hass, entry)
    listeners = hass.bus.async_listeners()
    timers = pending_timers(hass)

    for _ in range(3):
        await set_up_entry(hass, entry)
        comforts = entry.runtime_data.comforts
        assert comforts._cancel_deadline is not None
        await _unload(hass, entry)
        assert hass.bus.async_listeners() == listeners
        assert pending_timers(hass) == timers

    # Nothing reacts any more: not the switches' signal, not the devices, not time.
    calls = capture_calls(hass, "input_boolean")
    async_dispatcher_send(hass, f"als_comfort_{ENTRY_ID}_switches")
    hass.states.async_set(THERMOSTAT, "heat", {"temperature": 30})
    await advance_to(hass, freezer, "2026-11-26 09:00:00+00:00")
    assert calls == []
    assert hass.states.get(BLANKET).state == STATE_ON
    assert dt_util.utcnow() > comforts.state.blanket.deadline


# 8. Deleting the person: nothing will ever resume, so put things back.

ALERTS_KEY = f"{DOMAIN}.{ENTRY_ID}.alerts"
LOG_KEY = f"{DOMAIN}.{ENTRY_ID}"


def _episode_log(hass_storage: dict[str, Any]) -> None:
    """Diane's episode log on disk: her health record."""
    hass_storage[LOG_KEY] = {
        "version": 2,
        "minor_version": 1,
        "key": LOG_KEY,
        "data": {"episodes": [], "activities": []},
    }


async def _remove(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Delete the entry and let everything settle."""
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()


async def test_removal_puts_back_the_thermostat_and_switches_the_blanket_off(
    hass: HomeAssistant,
    bedroom: None,
    blanket: None,
    hass_storage: dict[str, Any],
    issue_registry: ir.IssueRegistry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Deleted mid-boost: target and mode restored, our blanket off, state forgotten."""
    _episode_log(hass_storage)
    thermostat = FakeThermostat(hass, mode="off", target=25.0)
    climate_calls = capture_calls(hass, "climate")
    blanket_calls = capture_calls(hass, "input_boolean")
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, comfort_entry(**{CONF_BLANKET_SWITCH: BLANKET}))
    assert len(thermostat.calls) == 2
    assert blanket_calls == [("turn_on", BLANKET)]
    ir.async_create_issue(
        hass,
        DOMAIN,
        BLANKET_ISSUE,
        is_fixable=False,
        severity=ir.IssueSeverity.ERROR,
        translation_key="blanket_not_off",
    )

    with caplog.at_level(logging.INFO):
        await _remove(hass, entry)
    assert thermostat.calls[2:] == [
        ("set_temperature", {"temperature": 25.0}),
        ("set_hvac_mode", {"hvac_mode": "off"}),
    ]
    assert climate_calls[2:] == [
        ("set_temperature", THERMOSTAT),
        ("set_hvac_mode", THERMOSTAT),
    ]
    assert blanket_calls == [("turn_on", BLANKET), ("turn_off", BLANKET)]
    assert hass.states.get(BLANKET).state == STATE_OFF
    assert actions()[2:] == [
        ("heating_restored", THERMOSTAT, "integration_removed"),
        ("blanket_off", BLANKET, "integration_removed"),
    ]
    assert STORAGE_KEY not in hass_storage
    assert ALERTS_KEY not in hass_storage
    assert hass_storage[LOG_KEY]["data"] == {"episodes": [], "activities": []}
    assert (
        f"The episode log of Diane is kept at {hass.config.path('.storage', LOG_KEY)}"
        in caplog.text
    )
    assert issue_registry.async_get_issue(DOMAIN, BLANKET_ISSUE) is None


async def test_removal_of_an_unloaded_entry_switches_off_a_hand_switched_heater(
    hass: HomeAssistant, bedroom: None, hass_storage: dict[str, Any]
) -> None:
    """Unloaded, then deleted: the stored state still puts everything back."""
    heater = "switch.heater"
    hass.states.async_set(heater, STATE_OFF)
    heater_calls = capture_calls(hass, "switch")

    async def turn_off(call: ServiceCall) -> None:
        hass.states.async_set(heater, STATE_OFF)

    hass.services.async_register("switch", "turn_off", turn_off)
    thermostat = FakeThermostat(hass)
    entry = await set_up_entry(hass, comfort_entry(**{CONF_BLANKET_SWITCH: heater}))
    hass.states.async_set(heater, STATE_ON, context=Context())  # on by hand
    await report_room(hass, 17)
    await _unload(hass, entry)
    assert thermostat.calls == [("set_temperature", {"temperature": 21.0})]
    assert STORAGE_KEY in hass_storage
    assert ALERTS_KEY in hass_storage
    assert hass_storage[STORAGE_KEY]["data"]["blanket"]["ours"] is False

    await _remove(hass, entry)
    assert thermostat.calls[1:] == [("set_temperature", {"temperature": 18.0})]
    assert heater_calls == [("turn_off", heater)]
    assert STORAGE_KEY not in hass_storage
    assert ALERTS_KEY not in hass_storage


async def test_removal_with_nothing_boosted_makes_no_device_calls(
    hass: HomeAssistant,
    bedroom: None,
    blanket: None,
    hass_storage: dict[str, Any],
) -> None:
    """A warm room and a blanket off: nothing to put back, the state is still forgotten."""
    _episode_log(hass_storage)
    thermostat = FakeThermostat(hass)
    calls: list[str] = []
    hass.bus.async_listen(
        EVENT_CALL_SERVICE, lambda event: calls.append(event.data["domain"])
    )
    entry = await set_up_entry(hass, comfort_entry(**{CONF_BLANKET_SWITCH: BLANKET}))
    await _remove(hass, entry)
    assert thermostat.calls == []
    assert calls == []
    assert STORAGE_KEY not in hass_storage
    assert LOG_KEY in hass_storage


async def test_removal_leaves_a_thermostat_a_person_took_over(
    hass: HomeAssistant,
    bedroom: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Changed by hand after the boost (released, or while unloaded): left as set."""
    thermostat = FakeThermostat(hass)
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, comfort_entry())
    thermostat.person_sets("heat", 23.0)  # released at once
    await hass.async_block_till_done()
    await _remove(hass, entry)
    assert thermostat.calls == [("set_temperature", {"temperature": 21.0})]

    hass.states.async_set(THERMOSTAT, "heat", {"temperature": 18.0})
    other = comfort_entry()  # Diane added again
    await set_up_entry(hass, other)
    await _unload(hass, other)
    thermostat.person_sets("heat", 19.0)  # nobody watching
    with caplog.at_level(logging.INFO):
        await _remove(hass, other)
    assert thermostat.calls[1:] == [("set_temperature", {"temperature": 21.0})]
    assert f"The thermostat {THERMOSTAT} was changed by hand" in caplog.text
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 19.0


async def test_removal_survives_failing_devices_and_storage(
    hass: HomeAssistant,
    bedroom: None,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Refusing devices and an undeletable file are logged; the removal goes on."""
    thermostat = FakeThermostat(hass)
    switch = "switch.blanket"
    hass.states.async_set(switch, STATE_OFF)
    hass.services.async_register("switch", "turn_on", lambda call: None)
    hass.services.async_register("switch", "turn_off", lambda call: None)
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, comfort_entry(**{CONF_BLANKET_SWITCH: switch}))
    hass.states.async_set(switch, STATE_ON)  # on, and it stays on
    await hass.async_block_till_done()
    thermostat.fail["set_temperature"] = HomeAssistantError("device offline")
    real_remove = hass_storage.pop

    async def remove(store: Any) -> None:
        if store.key == STORAGE_KEY:
            raise PermissionError("read-only")
        real_remove(store.key, None)

    with patch("homeassistant.helpers.storage.Store.async_remove", new=remove):
        await _remove(hass, entry)
    assert thermostat.calls[-1] == ("set_temperature", {"temperature": 18.0})
    assert f"The thermostat {THERMOSTAT} could not be put back" in caplog.text
    assert f"The blanket or heater {switch} could not be switched off" in caplog.text
    assert "could not be deleted: read-only" in caplog.text
    assert ALERTS_KEY not in hass_storage
    assert "Error calling entry remove callback" not in caplog.text


async def test_removal_of_an_entry_never_set_up(
    hass: HomeAssistant, bedroom: None, hass_storage: dict[str, Any]
) -> None:
    """No stored comfort state (never set up, or unreadable): nothing is called."""
    thermostat = FakeThermostat(hass)
    entry = comfort_entry()
    entry.add_to_hass(hass)
    hass_storage[STORAGE_KEY] = {"version": 1, "key": STORAGE_KEY, "data": {"x": 1}}
    await _remove(hass, entry)
    assert thermostat.calls == []
    assert STORAGE_KEY not in hass_storage


async def test_old_thermostat_that_cannot_be_put_back_never_steers_the_new_one(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A new thermostat never gets the old one's previous target or mode.

    After a reconfigure whose restore of the old thermostat fails, the new one is
    left alone until the old one is back.
    """
    old = FakeThermostat(hass, mode="off", target=16.0)
    new = FakeThermostat(hass, entity_id="climate.living_room", target=19.5)
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, comfort_entry())
    await _unload(hass, entry)
    old.fail["set_temperature"] = HomeAssistantError("device offline")
    old.fail["set_hvac_mode"] = HomeAssistantError("device offline")
    hass.config_entries.async_update_entry(
        entry, data={**entry.data, CONF_CLIMATE_ENTITY: "climate.living_room"}
    )
    await set_up_entry(hass, entry)
    await report_room(hass, 21)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert ("set_temperature", {"temperature": 16.0}) not in new.calls
    assert ("set_hvac_mode", {"hvac_mode": "off"}) not in new.calls


# 9. The boost is planned on disk ahead of time, so a crossing calls at once.


def _stored(hass_storage: dict[str, Any]) -> dict[str, Any]:
    """Return the comfort state as the file holds it."""
    data: dict[str, Any] = hass_storage[STORAGE_KEY]["data"]
    return data


@pytest.fixture
def slow_disk() -> Iterator[list[str]]:
    """Make every comfort-state write take a loop pass, as a real disk does.

    Yields the list of the writes' start, in order (the mocked storage of the
    test harness writes without ever yielding to the event loop).
    """
    writes: list[str] = []
    real_save = ComfortStore.async_save

    async def save(store: ComfortStore, state: ComfortState) -> None:
        writes.append("write")
        await asyncio.sleep(0)
        await real_save(store, state)

    with patch.object(ComfortStore, "async_save", save):
        yield writes


async def test_cold_crossing_calls_the_thermostat_in_the_same_pass(
    hass: HomeAssistant,
    bedroom: None,
    hass_storage: dict[str, Any],
    slow_disk: list[str],
) -> None:
    """The boost is on disk before the room turns cold: the call comes with the reading."""
    thermostat = FakeThermostat(hass)
    set_temperature(hass, 20)
    await set_up_entry(hass, comfort_entry())
    assert thermostat.calls == []
    assert _stored(hass_storage)["heating"] is None
    assert _stored(hass_storage)["standby"]["previous_target"] == 18.0
    assert _stored(hass_storage)["standby"]["target"] == 21.0

    slow_disk.clear()
    set_temperature(hass, 17)  # no await: no other loop pass has run yet
    assert thermostat.calls == [("set_temperature", {"temperature": 21.0})]
    assert slow_disk == ["write"]  # started after the call, not finished

    await hass.async_block_till_done()
    stored = _stored(hass_storage)
    assert stored["engaged"] is True
    assert stored["heating"]["previous_target"] == 18.0
    assert stored["standby"] is None


async def test_a_person_changing_the_idle_thermostat_rewrites_the_plan(
    hass: HomeAssistant, bedroom: None, hass_storage: dict[str, Any]
) -> None:
    """Changed by hand while not boosted: what to put back later follows the person."""
    thermostat = FakeThermostat(hass)
    set_temperature(hass, 20)
    await set_up_entry(hass, comfort_entry())
    thermostat.person_sets("heat", 19.5)
    await hass.async_block_till_done()
    assert _stored(hass_storage)["standby"]["previous_target"] == 19.5

    await report_room(hass, 17)
    await report_room(hass, 21)
    await _unload(hass, hass.config_entries.async_entries(DOMAIN)[0])
    assert thermostat.calls == [("set_temperature", {"temperature": 21.0})]
    assert _stored(hass_storage)["heating"]["previous_target"] == 19.5


def _stopped_mid_boost(hass_storage: dict[str, Any]) -> None:
    """A file as Home Assistant left it, killed between the call and its write."""
    standby = {
        "entity_id": THERMOSTAT,
        "previous_target": 18.0,
        "previous_mode": "heat",
        "unit": "°C",
        "target": 21.0,
        "mode": "heat",
        "target_changed": True,
        "mode_changed": False,
    }
    hass_storage[STORAGE_KEY] = {
        "version": 1,
        "key": STORAGE_KEY,
        "data": {
            "engaged": False,
            "reason": None,
            "window": None,
            "cluster": False,
            "released": False,
            "heating": None,
            "standby": standby,
            "blanket": {
                "entity_id": None,
                "deadline": None,
                "ours": False,
                "locked": False,
            },
        },
    }


@pytest.mark.freeze_time("2026-11-26 12:00:00+00:00")
async def test_boost_left_unwritten_by_a_crash_is_put_back(
    hass: HomeAssistant,
    bedroom: None,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Killed after the call, before its write: the next start still puts it back."""
    _stopped_mid_boost(hass_storage)
    thermostat = FakeThermostat(hass, target=21.0)
    actions = capture_actions(hass)
    set_temperature(hass, 20)  # midday, warm: no reason to heat
    await set_up_entry(hass, comfort_entry())
    assert thermostat.calls == [("set_temperature", {"temperature": 18.0})]
    assert actions() == [("heating_restored", THERMOSTAT, "comfort_ended")]
    assert "left boosted when Home Assistant stopped" in caplog.text
    assert _stored(hass_storage)["heating"] is None


@pytest.mark.freeze_time("2026-11-26 12:00:00+00:00")
async def test_thermostat_changed_while_stopped_is_not_taken_over(
    hass: HomeAssistant, bedroom: None, hass_storage: dict[str, Any]
) -> None:
    """A target that is not the planned boost was set by someone else: left alone."""
    _stopped_mid_boost(hass_storage)
    thermostat = FakeThermostat(hass, target=19.5)
    set_temperature(hass, 20)
    await set_up_entry(hass, comfort_entry())
    assert thermostat.calls == []
    assert _stored(hass_storage)["standby"]["previous_target"] == 19.5


async def test_crash_mid_boost_during_a_cold_night_is_not_boosted_twice(
    hass: HomeAssistant, bedroom: None, hass_storage: dict[str, Any]
) -> None:
    """Still cold at night after the restart: taken over as it is, no second call."""
    _stopped_mid_boost(hass_storage)
    thermostat = FakeThermostat(hass, target=21.0)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    assert thermostat.calls == []
    stored = _stored(hass_storage)
    assert stored["engaged"] is True
    assert stored["heating"]["previous_target"] == 18.0
