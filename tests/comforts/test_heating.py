"""Tests for the heating comfort: boost the thermostat, put it back, a person wins."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import (
    ATTR_ENTITY_ID,
    STATE_ON,
    STATE_UNAVAILABLE,
    UnitOfTemperature,
)
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.setup import async_setup_component
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM
import pytest

from custom_components.als_comfort.comforts.thermostat import comfort_target
from custom_components.als_comfort.const import (
    CONF_CLIMATE_ENTITY,
    CONF_COMFORT_SETPOINT,
    CONF_MAX_SETPOINT,
)
from custom_components.als_comfort.models import ComfortOptions
from tests.conftest import (
    BEDROOM_SENSOR,
    THERMOSTAT,
    FakeThermostat,
    advance_to,
    capture_actions,
    capture_calls,
    comfort_entry,
    report_room,
    set_temperature,
    set_up_entry,
)

from .conftest import unload

pytestmark = pytest.mark.freeze_time("2026-11-25 22:00:00+00:00")


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
    await unload(hass, entry)
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
    await unload(hass, entry)
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
    await unload(hass, entry)
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
    ours = hass.states.get(THERMOSTAT).context.id  # our boost's call, as applied
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
    await unload(hass, entry)
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
