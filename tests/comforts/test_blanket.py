"""Tests for the blanket comfort: on for a period, always off again in time."""

from __future__ import annotations

from datetime import datetime

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import ATTR_ENTITY_ID, STATE_OFF, STATE_ON
from homeassistant.core import Context, HomeAssistant
import pytest

from custom_components.als_comfort.const import CONF_BLANKET_SWITCH, CONF_CLIMATE_ENTITY
from tests.conftest import (
    advance_to,
    capture_actions,
    capture_calls,
    comfort_entry,
    report_room,
    set_temperature,
    set_up_entry,
)

from .conftest import BLANKET, blanket_entry, switch_blanket, unload

pytestmark = pytest.mark.freeze_time("2026-11-25 22:00:00+00:00")


async def test_blanket_goes_off_after_the_limit_and_stays_off(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """On in a cold night, off after exactly 60 minutes, not on again that night."""
    calls = capture_calls(hass, "input_boolean")
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, blanket_entry())
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
    entry = await set_up_entry(hass, blanket_entry())
    await advance_to(hass, freezer, "2026-11-25 22:30:00+00:00")
    await unload(hass, entry)
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
    entry = await set_up_entry(hass, blanket_entry())
    await unload(hass, entry)
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
    await set_up_entry(hass, blanket_entry())
    await switch_blanket(hass, "turn_on")
    await advance_to(hass, freezer, "2026-11-25 12:59:59+00:00")
    assert hass.states.get(BLANKET).state == STATE_ON
    await advance_to(hass, freezer, "2026-11-25 13:00:00+00:00")
    assert calls == [("turn_on", BLANKET), ("turn_off", BLANKET)]
    assert actions() == [("blanket_off", BLANKET, "time_limit")]

    await switch_blanket(hass, "turn_on")  # by hand again: a new full limit
    await advance_to(hass, freezer, "2026-11-25 13:59:59+00:00")
    assert hass.states.get(BLANKET).state == STATE_ON
    await switch_blanket(hass, "turn_off")  # by hand before the limit
    await advance_to(hass, freezer, "2026-11-25 15:00:00+00:00")
    assert len(calls) == 4


async def test_blanket_found_on_at_setup_gets_a_full_limit(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """A blanket already on with no known deadline is switched off after the limit."""
    freezer.move_to("2026-11-25 12:00:00+00:00")
    await switch_blanket(hass, "turn_on")
    calls = capture_calls(hass, "input_boolean")
    await set_up_entry(hass, blanket_entry())
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
    await set_up_entry(hass, blanket_entry())
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
    await set_up_entry(hass, blanket_entry())
    await switch_blanket(hass, "turn_on")
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
    entry = await set_up_entry(hass, blanket_entry())
    await unload(hass, entry)
    await switch_blanket(hass, "turn_off")
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
    entry = await set_up_entry(hass, blanket_entry())
    await unload(hass, entry)
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
    entry = await set_up_entry(hass, blanket_entry())
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
