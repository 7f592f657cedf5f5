"""Bad nights, whole (SPEC §10): who was called, when, and that nothing stayed on.

Diane has a thermostat and three caregivers: Paul first, then Anna, then Tom.
Each night is told through the public contract only: the thermometer's states,
the actions and buttons, the phones' notifications, the event entity and the
thermostat. The clock is London's (UTC in November).
"""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Context, HomeAssistant, ServiceCall
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockUser

from custom_components.als_comfort.const import (
    CONF_CAREGIVERS,
    CONF_QUIET_END,
    CONF_QUIET_HOURS,
    CONF_QUIET_START,
    DOMAIN,
)
from tests.conftest import (
    ANNA,
    DIANE_ENTRY_ID as ENTRY_ID,
    PAUL,
    TOM,
    FakeThermostat,
    comfort_entry,
    set_temperature,
    set_up_entry,
    settle_tasks,
    shown_notifications,
    tick,
)

NAMES = {PAUL: "Paul", ANNA: "Anna", TOM: "Tom"}
EVENT_ENTITY = "event.diane_comfort_alert"
QUIET = {CONF_QUIET_HOURS: {CONF_QUIET_START: "22:00:00", CONF_QUIET_END: "07:00:00"}}

type Calls = list[tuple[str, str, str]]


@pytest.fixture
def calls(hass: HomeAssistant) -> Calls:
    """Every notification of the night as (time, who, what it was)."""
    told: Calls = []
    for target, name in NAMES.items():

        async def record(call: ServiceCall, name: str = name) -> None:
            told.append((_now(), name, _what(call.data)))

        hass.services.async_register("notify", target.removeprefix("notify."), record)
    return told


def _now() -> str:
    """The local time, as a clock on the wall shows it."""
    return dt_util.as_local(dt_util.utcnow()).strftime("%H:%M")


def _what(data: dict[str, Any]) -> str:
    """A notification in a word: cleared, or which alert, and how loudly."""
    if data["message"] == "clear_notification":
        return "cleared"
    loud = "critical" if data["data"].get("channel") == "alarm_stream" else "normal"
    first = data["message"].splitlines()[0]
    if first.startswith("Nobody has acknowledged"):
        first = data["message"].splitlines()[1]
    return f"{_reason(first)}, {loud}" + (
        ", again" if data["title"].startswith("Nobody") else ""
    )


def _reason(message: str) -> str:
    """Which alert a message is, from its first words."""
    for start, reason in (
        ("Diane's bedroom thermometer", "thermometer"),
        ("Diane logged a severe cramp", "severe cramp"),
        ("Diane asked for help", "help"),
        ("Held back during", "summary"),
        ("Diane: cramp risk is high", "high risk"),
    ):
        if message.startswith(start):
            return reason
    return message


async def _night(
    hass: HomeAssistant, options: dict[str, Any] | None = None
) -> FakeThermostat:
    """Diane's evening: a thermostat at 18 °C, a cool room, three caregivers."""
    thermostat = FakeThermostat(hass)
    set_temperature(hass, 20.5)
    await set_up_entry(
        hass, comfort_entry(options, **{CONF_CAREGIVERS: [PAUL, ANNA, TOM]})
    )
    return thermostat


async def _until(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, when: str, reading: float
) -> None:
    """Let the night run to `when` (local HH:MM), the room reporting every 5 min."""
    for _ in range(200):
        if _now() == when:
            return
        set_temperature(hass, reading)
        await tick(hass, freezer, minutes=5)
    pytest.fail(f"{when} not reached, it is {_now()}")


async def _acknowledge(hass: HomeAssistant, user: MockUser) -> None:
    """A caregiver acknowledges on the dashboard (the acknowledge_alert action)."""
    await hass.services.async_call(
        DOMAIN,
        "acknowledge_alert",
        {"config_entry_id": ENTRY_ID},
        blocking=True,
        context=Context(user_id=user.id),
    )
    await settle_tasks(hass)


@pytest.mark.freeze_time("2026-11-25 21:00:00+00:00")
async def test_thermometer_dies_at_one(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    calls: Calls,
    hass_admin_user: MockUser,
) -> None:
    """Gone at 01:00: Paul at 01:30, then Anna, Tom, everyone, again; acknowledged."""
    thermostat = await _night(hass)
    await _until(hass, freezer, "01:00", 20.5)
    assert calls == []
    set_temperature(hass, "unavailable")
    await _until(hass, freezer, "02:10", float("nan"))
    await _acknowledge(hass, hass_admin_user)
    await _until(hass, freezer, "07:10", float("nan"))

    said = "thermometer, normal"
    assert calls == [
        ("01:30", "Paul", said),
        ("01:40", "Anna", said),
        ("01:50", "Tom", said),
        ("02:00", "Paul", said),
        ("02:00", "Anna", said),
        ("02:00", "Tom", said),
        ("02:10", "Paul", "thermometer, critical, again"),
        ("02:10", "Anna", "thermometer, critical, again"),
        ("02:10", "Tom", "thermometer, critical, again"),
        ("02:10", "Paul", "cleared"),
        ("02:10", "Anna", "cleared"),
        ("02:10", "Tom", "cleared"),
    ]
    state = hass.states.get(EVENT_ENTITY)
    assert state.attributes["acknowledged_by"] == hass_admin_user.name
    # Nothing stayed on: the thermostat is as it was before the night.
    assert hass.states.get(thermostat.entity_id).attributes["temperature"] == 18


@pytest.mark.freeze_time("2026-11-26 01:50:00+00:00")
async def test_nobody_answers_a_severe_cramp_for_an_hour(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, calls: Calls
) -> None:
    """A 9/10 cramp at 02:00: everyone, then everyone again until 03:30; then a note."""
    thermostat = await _night(hass)
    await _until(hass, freezer, "02:00", 20.5)
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {"config_entry_id": ENTRY_ID, "kind": "cramp", "severity": 9},
        blocking=True,
    )
    await settle_tasks(hass)
    await _until(hass, freezer, "07:10", 20.5)

    said, again = "severe cramp, critical", "severe cramp, critical, again"
    rounds = [(time, again) for time in ("02:40", "02:50", "03:00", "03:10", "03:20")]
    assert calls == [
        ("02:00", "Paul", said),
        ("02:10", "Anna", said),
        ("02:20", "Tom", said),
        *[(time, name, said) for time in ["02:30"] for name in ("Paul", "Anna", "Tom")],
        *[
            (time, name, what)
            for time, what in rounds
            for name in ("Paul", "Anna", "Tom")
        ],
        *[("03:30", name, again) for name in ("Paul", "Anna", "Tom")],
    ]
    [note] = [
        note for key, note in shown_notifications(hass).items() if "unanswered" in key
    ]
    assert note["title"] == "Nobody answered the alert for Diane"
    assert hass.states.get(EVENT_ENTITY).attributes["event_type"] == "unanswered"
    assert hass.states.get(thermostat.entity_id).attributes["temperature"] == 18


@pytest.mark.freeze_time("2026-11-26 01:50:00+00:00")
async def test_quiet_hours_with_a_call_for_help(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    calls: Calls,
    hass_admin_user: MockUser,
) -> None:
    """Three cramps logged at 02:00 wait for the morning; the help call does not."""
    thermostat = await _night(hass, QUIET)
    await _until(hass, freezer, "02:00", 18.5)
    for _ in range(3):  # the person taps "Log cramp" three times
        await hass.services.async_call(
            "button", "press", {"entity_id": "button.diane_log_cramp"}, blocking=True
        )
    await settle_tasks(hass)
    assert hass.states.get("sensor.diane_cramp_risk").state == "high"
    assert calls == []  # quiet hours: the high risk is kept for the morning

    await _until(hass, freezer, "02:05", 18.5)
    await hass.services.async_call(
        "button", "press", {"entity_id": "button.diane_call_for_help"}, blocking=True
    )
    await settle_tasks(hass)
    await _until(hass, freezer, "02:20", 20.0)  # the heating warms the room
    await _acknowledge(hass, hass_admin_user)
    await _until(hass, freezer, "07:10", 20.5)

    help_, again = "help, critical", "help, critical, again"
    assert calls == [
        *[("02:05", name, help_) for name in ("Paul", "Anna", "Tom")],
        *[("02:15", name, again) for name in ("Paul", "Anna", "Tom")],
        *[("02:20", name, "cleared") for name in ("Paul", "Anna", "Tom")],
        ("07:00", "Paul", "summary, normal"),
        ("07:10", "Anna", "summary, normal"),
    ]
    assert hass.states.get(thermostat.entity_id).attributes["temperature"] == 18
