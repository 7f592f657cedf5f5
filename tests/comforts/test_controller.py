"""Tests for the comfort controller: the master switch, lifecycle and removal."""

from __future__ import annotations

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
)
from homeassistant.core import Context, CoreState, HomeAssistant, ServiceCall, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.dispatcher import async_dispatcher_send
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import CONF_BLANKET_SWITCH, DOMAIN
from tests.conftest import (
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

from .conftest import (
    BLANKET,
    COMFORT_ACTIONS,
    STORAGE_KEY,
    blanket_entry,
    switch_blanket,
    unload,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 22:00:00+00:00")


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
    """An off thermostat without a heat mode is not touched; it is reported, a person called."""
    thermostat = FakeThermostat(hass, mode="off", hvac_modes=["off", "cool"])
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    assert thermostat.calls == []
    assert actions() == [
        ("heating_failed", THERMOSTAT, "no_heat_mode"),
        ("heating_cannot_start", THERMOSTAT, "no_heat_mode"),
    ]


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
    await switch_blanket(hass, "turn_on")
    calls = capture_calls(hass, "input_boolean")
    await set_up_entry(hass, blanket_entry())
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
    await set_up_entry(hass, blanket_entry())
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
    await unload(hass, entry)
    listeners = hass.bus.async_listeners()
    timers = pending_timers(hass)

    for _ in range(3):
        await set_up_entry(hass, entry)
        comforts = entry.runtime_data.comforts
        assert comforts.state.blanket.deadline is not None  # a deadline is pending
        assert pending_timers(hass) > timers
        await unload(hass, entry)
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
    await unload(hass, entry)
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
    await unload(hass, other)
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
