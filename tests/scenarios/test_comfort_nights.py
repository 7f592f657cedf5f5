"""Whole nights of the comforts when a device fails (SPEC §10).

Each night is walked minute by minute. It shows what the comforts announced to
call a person (the `als_comfort_action` events the alerts turn into urgent
alerts) and when, what was asked of the devices and when, and that nothing
stayed on or boosted in the morning.
"""

from __future__ import annotations

from collections.abc import Callable

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_CALL_SERVICE, STATE_OFF, STATE_ON
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest

from custom_components.als_comfort.const import (
    BLANKET_MODE_COMFORT,
    CONF_BLANKET_SWITCH,
    DOMAIN,
)
from tests.comforts.conftest import (
    BLANKET,
    StuckBlanket,
    blanket_entry,
    capture_calls_for_a_person,
    unload,
    walk_to,
)
from tests.conftest import (
    BLANKET_ISSUE,
    HEATING_ISSUE,
    THERMOSTAT,
    FakeThermostat,
    comfort_entry,
    report_room,
    set_temperature,
    set_up_entry,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 21:00:00+00:00")


def capture_device_calls(hass: HomeAssistant) -> Callable[[], list[tuple[str, str]]]:
    """Capture the calls made to the devices as (UTC time, service)."""
    calls: list[tuple[str, str]] = []

    @callback
    def record(event: Event) -> None:
        if event.data["domain"] in ("climate", "input_boolean"):
            when = dt_util.as_utc(event.time_fired).strftime("%d %H:%M")
            calls.append((when, f"{event.data['domain']}.{event.data['service']}"))

    hass.bus.async_listen(EVENT_CALL_SERVICE, record)
    return lambda: list(calls)


async def _blanket_switch(hass: HomeAssistant) -> None:
    """A heated blanket on a smart plug (an input_boolean), off."""
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"blanket": None}}
    )


# Tried at the first refusal, 1, 3 and 7 minutes later, then every 15 minutes,
# and once more when the window closes at 07:00 with the room still cold.
_TRIED = [
    "25 23:10",
    "25 23:11",
    "25 23:13",
    "25 23:17",
    *(f"25 23:{minute}" for minute in (25, 40, 55)),
    *(f"26 {hour:02d}:{minute}" for hour in range(7) for minute in (10, 25, 40, 55)),
    "26 07:00",
]


async def test_night_the_thermostat_refuses_from_23_00(
    hass: HomeAssistant,
    bedroom: None,
    freezer: FrozenDateTimeFactory,
    issue_registry: ir.IssueRegistry,
) -> None:
    """A warm evening; the thermostat refuses from 23:00; the room is cold from 23:10.

    Tried at 23:10, 23:11, 23:13, 23:17, then every 15 minutes; a person is
    called at 23:25, once. In the morning nothing was changed, and the blanket
    (pre-warm only) was never switched on with the person in bed.
    """
    await _blanket_switch(hass)
    thermostat = FakeThermostat(hass)
    announced = capture_calls_for_a_person(hass)
    calls = capture_device_calls(hass)
    set_temperature(hass, 21.5)
    await set_up_entry(hass, comfort_entry(**{CONF_BLANKET_SWITCH: BLANKET}))
    await walk_to(hass, freezer, "2026-11-25 23:00:00+00:00")
    thermostat.fail["set_temperature"] = HomeAssistantError("device offline")
    await walk_to(hass, freezer, "2026-11-25 23:10:00+00:00")
    await report_room(hass, 18.5)
    # The thermometer keeps reporting (a silent one is another bad night).
    await walk_to(
        hass,
        freezer,
        "2026-11-26 07:00:00+00:00",
        each_minute=lambda: set_temperature(hass, 18.5),
    )
    await report_room(hass, 20)  # warmer by day: the comfort period ends
    await walk_to(hass, freezer, "2026-11-26 09:00:00+00:00")

    assert announced() == [
        ("25 23:25:00", "heating_cannot_start", THERMOSTAT, "refused")
    ]
    assert calls() == [(when, "climate.set_temperature") for when in _TRIED]
    state = hass.states.get(THERMOSTAT)
    assert (state.state, state.attributes["temperature"]) == ("heat", 18.0)
    assert hass.states.get(BLANKET).state == STATE_OFF
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is not None


async def test_night_the_heater_sticks_at_its_deadline(
    hass: HomeAssistant,
    bedroom: None,
    freezer: FrozenDateTimeFactory,
    issue_registry: ir.IssueRegistry,
) -> None:
    """A heater (comfort mode) on at 21:30 on a cold night sticks; its deadline is 22:30.

    Tried at 22:30 and every minute; a person is called at 22:32, once, also
    across a restart at 22:50; a caregiver switches it off at the plug at
    23:10; the tries stop, the repair issue goes, and it stays off all night.
    """
    await _blanket_switch(hass)
    announced = capture_calls_for_a_person(hass)
    calls = capture_device_calls(hass)
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, blanket_entry(BLANKET_MODE_COMFORT))
    await walk_to(hass, freezer, "2026-11-25 22:15:00+00:00")
    assert hass.states.get(BLANKET).state == STATE_ON
    stuck = StuckBlanket(hass)
    await walk_to(hass, freezer, "2026-11-25 22:50:00+00:00")
    await unload(hass, entry)  # Home Assistant restarts
    await set_up_entry(hass, entry)
    await walk_to(hass, freezer, "2026-11-25 23:10:00+00:00")
    assert issue_registry.async_get_issue(DOMAIN, BLANKET_ISSUE) is not None
    hass.states.async_set(BLANKET, STATE_OFF)  # off at the plug
    await walk_to(hass, freezer, "2026-11-26 08:00:00+00:00")

    assert announced() == [("25 22:32:00", "heater_stuck_on", BLANKET, "time_limit")]
    offs = [when for when, service in calls() if service == "input_boolean.turn_off"]
    assert offs[0] == "25 22:30"
    assert offs[-1] == "25 23:10"  # the last try, just before it was unplugged
    assert stuck.tries == len(offs) >= 40  # every minute, and at the restart
    assert [call for call in calls() if call[1] == "input_boolean.turn_on"] == [
        ("25 21:30", "input_boolean.turn_on")
    ]  # never on again that night
    assert hass.states.get(BLANKET).state == STATE_OFF
    assert issue_registry.async_get_issue(DOMAIN, BLANKET_ISSUE) is None
