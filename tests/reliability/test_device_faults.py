"""Faulty devices: a thermostat missing, unavailable, refusing or hung; a stuck blanket.

Nothing raises out of the integration; what a person notices is what is tested:
the device calls made, the repair issue (and its wording's placeholders), the
`als_comfort_action` event, and that the comfort works again once the device
does. A blanket past its time limit that cannot be switched off is tried every
minute, across restarts, until it is off.
"""

from __future__ import annotations

from datetime import timedelta
import logging

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import (
    HomeAssistantError,
    ServiceNotFound,
    ServiceValidationError,
)
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.als_comfort.comforts.io import CALL_TIMEOUT
from custom_components.als_comfort.const import (
    CONF_BLANKET_SWITCH,
    CONF_CLIMATE_ENTITY,
    DOMAIN,
)
from tests.conftest import (
    BLANKET_ISSUE,
    HEATING_ISSUE,
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

pytestmark = pytest.mark.freeze_time("2026-11-25 22:00:00+00:00")

SWITCH = "switch.blanket"


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Records logged as errors or with a traceback: a fault must cause none."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.levelno >= logging.ERROR or record.exc_info
    ]


# --- the thermostat -----------------------------------------------------------


async def test_thermostat_unavailable_when_the_boost_is_due(
    hass: HomeAssistant,
    bedroom: None,
    issue_registry: ir.IssueRegistry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Unavailable on a cold night: not called, reported once; boosted once back."""
    thermostat = FakeThermostat(hass)
    working = hass.states.get(THERMOSTAT)
    hass.states.async_set(THERMOSTAT, STATE_UNAVAILABLE)
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    assert thermostat.calls == []
    issue = issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE)
    assert issue is not None
    assert issue.translation_key == "heating_failed"
    assert issue.translation_placeholders == {"entity_id": THERMOSTAT, "name": "Diane"}
    assert actions() == [
        ("heating_failed", THERMOSTAT, "unavailable"),
        ("heating_cannot_start", THERMOSTAT, "unavailable"),  # a person is called
    ]

    await report_room(hass, 16)  # colder still: still nothing to call, no new report
    assert thermostat.calls == []
    assert len(actions()) == 2

    hass.states.async_set(THERMOSTAT, "heat", working.attributes)
    await hass.async_block_till_done()
    assert thermostat.calls == [("set_temperature", {"temperature": 21.0})]
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is None
    assert actions()[2][0] == "heating_started"
    assert _errors(caplog) == []


@pytest.mark.parametrize(
    "refusal",
    [
        ServiceValidationError("temperature out of range"),
        ServiceNotFound("climate", "set_temperature"),
        RuntimeError("driver bug"),
    ],
    ids=["validation", "no-climate-service", "driver-bug"],
)
async def test_thermostat_refusing_set_temperature(
    hass: HomeAssistant,
    bedroom: None,
    freezer: FrozenDateTimeFactory,
    issue_registry: ir.IssueRegistry,
    caplog: pytest.LogCaptureFixture,
    refusal: Exception,
) -> None:
    """Any refusal: warned and reported once; nothing to put back; next night works."""
    thermostat = FakeThermostat(hass)
    thermostat.fail["set_temperature"] = refusal
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    assert thermostat.calls == [("set_temperature", {"temperature": 21.0})]
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is not None
    assert actions() == [("heating_failed", THERMOSTAT, "action_failed")]
    assert f"climate.set_temperature for {THERMOSTAT} failed" in caplog.text

    # Still refusing a quarter of an hour later: a person is called. (The clock
    # passes 22:16 on its way to the morning: one jump past every timer would
    # run them in the event loop's heap order, not in time order.)
    await advance_to(hass, freezer, "2026-11-25 22:16:00+00:00")
    # Morning: the target was never changed, so no call puts anything "back".
    await report_room(hass, 21)
    await advance_to(hass, freezer, "2026-11-26 07:30:00+00:00")
    boost = ("set_temperature", {"temperature": 21.0})
    assert all(call == boost for call in thermostat.calls), thermostat.calls
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 18.0
    assert actions() == [
        ("heating_failed", THERMOSTAT, "action_failed"),
        ("heating_cannot_start", THERMOSTAT, "refused"),  # still refusing after 15 min
    ]

    thermostat.fail.clear()  # mended during the day
    await advance_to(hass, freezer, "2026-11-26 22:00:00+00:00")
    await report_room(hass, 17)
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 21.0
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is None
    assert _errors(caplog) == []


async def test_missing_thermostat_is_survived(
    hass: HomeAssistant,
    bedroom: None,
    issue_registry: ir.IssueRegistry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A configured thermostat that does not exist: a warning and a repair issue."""
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry(**{CONF_CLIMATE_ENTITY: "climate.nowhere"}))
    assert "climate.nowhere could not be changed (unavailable)" in caplog.text
    issue = issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE)
    assert issue is not None
    assert issue.translation_placeholders == {
        "entity_id": "climate.nowhere",
        "name": "Diane",
    }

    thermostat = FakeThermostat(hass, entity_id="climate.nowhere")
    await hass.async_block_till_done()
    assert thermostat.calls == [("set_temperature", {"temperature": 21.0})]


async def test_climate_action_raising_is_survived(
    hass: HomeAssistant,
    bedroom: None,
    issue_registry: ir.IssueRegistry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A raising set_temperature is logged and repaired; it works once the device is back."""
    thermostat = FakeThermostat(hass)
    thermostat.fail["set_temperature"] = HomeAssistantError("device offline")
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    with caplog.at_level(logging.WARNING):
        entry = await set_up_entry(hass, comfort_entry())
    assert "device offline" in caplog.text
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is not None
    assert actions() == [("heating_failed", THERMOSTAT, "action_failed")]
    assert entry.runtime_data.comforts.state.heating is None

    thermostat.fail.clear()
    hass.states.async_set(THERMOSTAT, STATE_UNAVAILABLE)
    await hass.async_block_till_done()
    hass.states.async_set(THERMOSTAT, "heat", {"temperature": 18.0})
    await hass.async_block_till_done()
    assert thermostat.calls[-1] == ("set_temperature", {"temperature": 21.0})
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is None


async def test_hung_thermostat_times_out(
    hass: HomeAssistant, bedroom: None, issue_registry: ir.IssueRegistry
) -> None:
    """A device that never answers is given up after the timeout."""
    thermostat = FakeThermostat(hass)
    thermostat.hang = True
    set_temperature(hass, 17)
    await hass.config.async_set_time_zone("Europe/London")
    entry = comfort_entry()
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    # The test clock stands still: move it past the timeout.
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=CALL_TIMEOUT))
    await hass.async_block_till_done()
    assert thermostat.calls == [("set_temperature", {"temperature": 21.0})]
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is not None


async def test_mode_change_failing_keeps_the_target_to_restore(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """Target raised but heat refused: the target alone is put back later."""
    thermostat = FakeThermostat(hass, mode="off")
    thermostat.fail["set_hvac_mode"] = HomeAssistantError("refused")
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    await report_room(hass, 21)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert thermostat.calls == [
        ("set_temperature", {"temperature": 21.0}),
        ("set_hvac_mode", {"hvac_mode": "heat"}),
        ("set_temperature", {"temperature": 18.0}),
    ]


async def test_restore_waits_for_an_unavailable_thermostat(
    hass: HomeAssistant,
    bedroom: None,
    freezer: FrozenDateTimeFactory,
    issue_registry: ir.IssueRegistry,
) -> None:
    """Unavailable at wake time: restored when it comes back, or retried on failure."""
    thermostat = FakeThermostat(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    state = hass.states.get(THERMOSTAT)
    hass.states.async_set(THERMOSTAT, STATE_UNAVAILABLE)
    await report_room(hass, 21)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert len(thermostat.calls) == 1
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is not None

    thermostat.fail["set_temperature"] = HomeAssistantError("busy")
    hass.states.async_set(THERMOSTAT, "heat", state.attributes)
    await hass.async_block_till_done()
    assert len(thermostat.calls) == 2
    thermostat.fail.clear()
    hass.states.async_set(THERMOSTAT, STATE_UNAVAILABLE)
    hass.states.async_set(THERMOSTAT, "heat", state.attributes)
    await hass.async_block_till_done()
    assert thermostat.calls[-1] == ("set_temperature", {"temperature": 18.0})
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is None


# --- the blanket --------------------------------------------------------------


async def test_stuck_blanket_is_retried_and_reported(
    hass: HomeAssistant,
    bedroom: None,
    freezer: FrozenDateTimeFactory,
    issue_registry: ir.IssueRegistry,
) -> None:
    """Unavailable at the deadline: retried every minute, a repair until it is off."""
    switch = "switch.blanket"
    hass.states.async_set(switch, STATE_ON)
    calls = capture_calls(hass, "switch")
    actions = capture_actions(hass)
    freezer.move_to("2026-11-25 12:00:00+00:00")
    hass.services.async_register("switch", "turn_off", lambda call: None)
    await set_up_entry(
        hass, comfort_entry(**{CONF_CLIMATE_ENTITY: None, CONF_BLANKET_SWITCH: switch})
    )
    hass.states.async_set(switch, STATE_UNAVAILABLE)

    await advance_to(hass, freezer, "2026-11-25 13:00:00+00:00")
    assert calls == [("turn_off", switch)]
    assert issue_registry.async_get_issue(DOMAIN, BLANKET_ISSUE) is not None
    await advance_to(hass, freezer, "2026-11-25 13:01:00+00:00")
    await advance_to(hass, freezer, "2026-11-25 13:02:00+00:00")
    assert len(calls) == 3
    assert actions() == [
        ("blanket_off_failed", switch, "time_limit"),
        ("heater_stuck_on", switch, "time_limit"),  # 2 min past: a person is called
    ]

    hass.states.async_set(switch, STATE_ON)  # back, still on: off at once
    await hass.async_block_till_done()
    assert len(calls) == 4
    hass.states.async_set(switch, STATE_OFF)  # finally off
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, BLANKET_ISSUE) is None
    await advance_to(hass, freezer, "2026-11-25 13:10:00+00:00")
    assert len(calls) == 4


class StuckSwitch:
    """A blanket switch that is on and will not switch off until it is mended."""

    def __init__(self, hass: HomeAssistant, fault: str) -> None:
        """Show the switch on; it still works."""
        self.hass = hass
        self.fault = fault
        self.mended = False
        self.calls: list[str] = []
        hass.states.async_set(SWITCH, STATE_ON)

    async def _turn_off(self, call: ServiceCall) -> None:
        """Switch off once mended; until then fail the way the fault says."""
        self.calls.append(call.service)
        if self.mended:
            self.hass.states.async_set(SWITCH, STATE_OFF, context=call.context)
        elif self.fault == "raises":
            raise HomeAssistantError("relay stuck")

    def break_down(self) -> None:
        """From now on `switch.turn_off` fails: the entity is gone, or it raises.

        Called once the entry is set up: the switch integration it loads
        registers the real `switch.turn_off`, which this replaces.
        """
        self.hass.services.async_register("switch", "turn_off", self._turn_off)
        if self.fault == "gone":
            self.hass.states.async_remove(SWITCH)

    def mend(self) -> None:
        """The switch works again (a gone one comes back, still on)."""
        self.mended = True
        if self.fault == "gone":
            self.hass.states.async_set(SWITCH, STATE_ON)


def _blanket_issue(issue_registry: ir.IssueRegistry) -> ir.IssueEntry | None:
    """Return the blanket's repair issue, if raised."""
    return issue_registry.async_get_issue(DOMAIN, BLANKET_ISSUE)


@pytest.mark.parametrize("fault", ["raises", "gone"])
async def test_blanket_that_will_not_switch_off_is_retried_until_off(
    hass: HomeAssistant,
    bedroom: None,
    freezer: FrozenDateTimeFactory,
    issue_registry: ir.IssueRegistry,
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    """Refusing or gone at the deadline: every minute again, an error-level repair."""
    freezer.move_to("2026-11-25 12:00:00+00:00")
    switch = StuckSwitch(hass, fault)
    actions = capture_actions(hass)
    await set_up_entry(
        hass, comfort_entry(**{CONF_CLIMATE_ENTITY: None, CONF_BLANKET_SWITCH: SWITCH})
    )
    switch.break_down()

    await advance_to(hass, freezer, "2026-11-25 13:00:00+00:00")
    assert switch.calls == ["turn_off"]
    issue = _blanket_issue(issue_registry)
    assert issue is not None
    assert issue.severity is ir.IssueSeverity.ERROR
    assert issue.translation_placeholders == {
        "entity_id": SWITCH,
        "name": "Diane",
        "minutes": "60",
    }
    for minute in range(1, 6):
        await advance_to(hass, freezer, f"2026-11-25 13:0{minute}:00+00:00")
    assert len(switch.calls) == 6
    assert actions() == [
        ("blanket_off_failed", SWITCH, "time_limit"),
        ("heater_stuck_on", SWITCH, "time_limit"),  # once, at 13:02
    ]

    switch.mend()
    await advance_to(hass, freezer, "2026-11-25 13:06:00+00:00")
    assert hass.states.get(SWITCH).state == STATE_OFF
    assert _blanket_issue(issue_registry) is None
    assert actions()[2:] == [("blanket_off", SWITCH, "time_limit")]
    calls = len(switch.calls)
    await advance_to(hass, freezer, "2026-11-25 14:00:00+00:00")
    assert len(switch.calls) == calls  # off: no more tries
    assert _errors(caplog) == []


async def test_stuck_blanket_is_still_retried_after_a_restart(
    hass: HomeAssistant,
    bedroom: None,
    freezer: FrozenDateTimeFactory,
    issue_registry: ir.IssueRegistry,
) -> None:
    """Home Assistant restarts while the blanket is stuck on: the tries go on."""
    freezer.move_to("2026-11-25 12:00:00+00:00")
    switch = StuckSwitch(hass, "raises")
    entry = await set_up_entry(
        hass, comfort_entry(**{CONF_CLIMATE_ENTITY: None, CONF_BLANKET_SWITCH: SWITCH})
    )
    switch.break_down()
    await advance_to(hass, freezer, "2026-11-25 13:00:00+00:00")
    assert switch.calls == ["turn_off"]
    assert await hass.config_entries.async_unload(entry.entry_id)
    await advance_to(hass, freezer, "2026-11-25 13:30:00+00:00")
    assert switch.calls == ["turn_off"]  # nobody runs while stopped

    await set_up_entry(hass, entry)
    async_fire_time_changed(hass)  # the passed deadline acts at once
    await hass.async_block_till_done()
    assert len(switch.calls) == 2
    assert _blanket_issue(issue_registry) is not None
    await advance_to(hass, freezer, "2026-11-25 13:31:00+00:00")
    assert len(switch.calls) == 3

    switch.mend()
    await advance_to(hass, freezer, "2026-11-25 13:32:00+00:00")
    assert hass.states.get(SWITCH).state == STATE_OFF
    assert _blanket_issue(issue_registry) is None


async def test_refusing_thermostat_is_tried_again_less_and_less_often(
    hass: HomeAssistant,
    bedroom: None,
    freezer: FrozenDateTimeFactory,
    issue_registry: ir.IssueRegistry,
) -> None:
    """A refusal is retried after 1, 2, 4, 8, then every 15 minutes, until it works."""
    thermostat = FakeThermostat(hass)
    thermostat.fail["set_temperature"] = HomeAssistantError("device busy")
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, comfort_entry())
    tried: list[int] = [len(thermostat.calls)]
    for _ in range(45):  # 45 minutes of a cold room at night
        freezer.tick(timedelta(minutes=1))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
        tried.append(len(thermostat.calls))
    # Calls at 0 and then 1, 3, 7, 15, 30, 45 minutes after the first refusal.
    assert [minute for minute in range(1, 46) if tried[minute] > tried[minute - 1]] == [
        1,
        3,
        7,
        15,
        30,
        45,
    ]
    assert actions() == [  # once each
        ("heating_failed", THERMOSTAT, "action_failed"),
        ("heating_cannot_start", THERMOSTAT, "refused"),
    ]

    thermostat.fail.clear()
    freezer.tick(timedelta(minutes=15))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 21.0
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is None
    assert actions()[-1] == ("heating_started", THERMOSTAT, "cold_night")
    calls = len(thermostat.calls)
    freezer.tick(timedelta(hours=1))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert len(thermostat.calls) == calls  # boosted: no more retries
    assert entry.runtime_data.comforts.state.heating is not None
