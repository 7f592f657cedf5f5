"""Tests for caregiver alerts: who is called, when, with what, and who answered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
import re
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import Context, HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockUser,
    async_capture_events,
    async_fire_time_changed,
    async_mock_service,
)

from custom_components.als_comfort.alerts import async_acknowledge
from custom_components.als_comfort.alerts.messages import (
    AlertDraft,
    AlertKind,
    Phrases,
    async_phrases,
    render_alert,
)
from custom_components.als_comfort.alerts.state import in_quiet_hours, quiet_hours_end
from custom_components.als_comfort.const import (
    CONF_QUIET_END,
    CONF_QUIET_HOURS,
    CONF_QUIET_START,
    DEFAULT_OPTIONS,
    DOMAIN,
    EVENT_ALERT,
)
from tests.conftest import (
    ANNA,
    DIANE_ENTRY_ID as ENTRY_ID,
    GO_NOW,
    HIGH_RISK,
    HOW_TO_ACKNOWLEDGE,
    PAUL,
    TOM,
    FakeThermostat,
    Phones,
    alerts_entry,
    announce_heating,
    comfort_entry,
    log_severe_cramp,
    make_risk_high,
    pending_timers,
    set_temperature,
    set_up_entry,
    settle_tasks,
    shown_notifications,
    tick,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

TAG = f"als_comfort_{ENTRY_ID}"
STORAGE_KEY = f"als_comfort.{ENTRY_ID}.alerts"
ACTION = re.compile(r"ALS_COMFORT_ACK_[0-9A-Z]{26}")
CRITICAL = {
    "push": {
        "interruption-level": "critical",
        "sound": {"name": "default", "critical": 1, "volume": 1.0},
    },
    "ttl": 0,
    "priority": "high",
    "channel": "alarm_stream",
}

QUIET_OPTIONS = {
    **DEFAULT_OPTIONS,
    CONF_QUIET_HOURS: {CONF_QUIET_START: "22:00:00", CONF_QUIET_END: "07:00:00"},
}


@pytest.fixture
def mock_config_entry(
    caregivers: list[str], options: dict[str, Any]
) -> MockConfigEntry:
    """Diane's entry with this test's caregivers and options (comforts left out)."""
    return alerts_entry(caregivers, options)


def _user_with_phone(hass: HomeAssistant, name: str, device: str) -> MockUser:
    """A Home Assistant user with one companion-app phone."""
    user = MockUser(name=name).add_to_hass(hass)
    MockConfigEntry(
        domain="mobile_app", data={"user_id": user.id, "device_name": device}
    ).add_to_hass(hass)
    return user


async def _press(hass: HomeAssistant, action: str, user_id: str | None) -> None:
    """Press a notification's button on a phone, as the companion app reports it."""
    hass.bus.async_fire(
        "mobile_app_notification_action",
        {"action": action},
        context=Context(user_id=user_id),
    )
    await settle_tasks(hass)


async def _warm_and_cool_again(hass: HomeAssistant) -> None:
    """The room warms a little (risk no longer high) and cools again (high)."""
    set_temperature(hass, 20.5)
    await settle_tasks(hass)
    assert hass.states.get("sensor.diane_cramp_risk").state != "high"
    set_temperature(hass, 17)
    await settle_tasks(hass)
    assert hass.states.get("sensor.diane_cramp_risk").state == "high"


async def test_high_risk_escalates_until_acknowledged(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """Acceptance 5: caregiver 1, then 2; 2's phone acknowledges; 1's copy cleared."""
    anna = _user_with_phone(hass, "Anna", "Annas phone")
    await make_risk_high(hass)

    [sent] = phones[PAUL]
    action = sent.data["data"]["actions"][0]["action"]
    assert ACTION.fullmatch(action)
    assert sent.data == {
        "message": HIGH_RISK,
        "title": "Cramp alert for Diane",
        "data": {"actions": [{"action": action, "title": "Acknowledge"}], "tag": TAG},
    }
    assert phones[ANNA] == phones[TOM] == []

    await tick(hass, freezer, minutes=9)
    assert phones[ANNA] == []
    await tick(hass, freezer, minutes=1)
    assert [call.data for call in phones[ANNA]] == [sent.data]
    assert len(phones[PAUL]) == 1
    assert phones[TOM] == []

    await _press(hass, action, anna.id)
    clear = {"message": "clear_notification", "data": {"tag": TAG}}
    assert [call.data for call in phones[PAUL]] == [sent.data, clear]
    assert len(phones[ANNA]) == 1
    assert phones[TOM] == []
    state = hass.states.get("event.diane_comfort_alert")
    assert state.attributes["event_type"] == "acknowledged"
    assert state.attributes["acknowledged_by"] == "Anna"
    assert state.attributes["caregiver"] == ANNA
    assert init_integration.runtime_data.alerts.state.acknowledged["user_id"] == anna.id

    await _warm_and_cool_again(hass)  # same reasons, inside the cooldown
    assert [len(calls) for calls in phones.values()] == [2, 1, 0]

    # Nothing left to escalate.
    await tick(hass, freezer, minutes=30)
    assert [len(calls) for calls in phones.values()] == [2, 1, 0]


async def test_escalation_ends_with_everyone_at_once(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """After the last caregiver, all of them at once (then: tests/alerts/test_unanswered.py)."""
    events = async_capture_events(hass, EVENT_ALERT)
    await make_risk_high(hass)
    for _ in range(3):
        await tick(hass, freezer, minutes=10)
    assert [len(calls) for calls in phones.values()] == [2, 2, 2]
    assert [(event.data["type"], event.data["caregiver"]) for event in events] == [
        ("alert_sent", PAUL),
        ("escalated", ANNA),
        ("escalated", TOM),
        ("escalated", PAUL),
        ("escalated", ANNA),
        ("escalated", TOM),
    ]
    assert events[0].data["kind"] == "high_risk"
    assert events[0].data["reasons"] == ["cramp_cluster", "cold_room", "cold_night"]
    assert "message" not in events[0].data

    # Acknowledged from the dashboard: no phone pressed, every copy is cleared.
    assert await async_acknowledge(hass, init_integration, None)
    await settle_tasks(hass)
    for calls in phones.values():
        assert calls[-1].data == {"message": "clear_notification", "data": {"tag": TAG}}
    assert not await async_acknowledge(hass, init_integration, None)
    assert events[-1].data["type"] == "acknowledged"
    assert events[-1].data["acknowledged_by"] is None


@pytest.mark.parametrize("phones_of_presser", [(), ("Pauls phone", "Annas phone")])
async def test_unknown_phone_clears_every_copy(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
    phones_of_presser: tuple[str, ...],
    hass_admin_user: MockUser,
) -> None:
    """An administrator with no phone, or a user with two of the phones: all cleared."""
    user_id = hass_admin_user.id
    if phones_of_presser:
        user_id = _user_with_phone(hass, "Sam", phones_of_presser[0]).id
        MockConfigEntry(
            domain="mobile_app",
            data={"user_id": user_id, "device_name": phones_of_presser[1]},
        ).add_to_hass(hass)
    await make_risk_high(hass)
    await tick(hass, freezer, minutes=10)
    action = phones[PAUL][0].data["data"]["actions"][0]["action"]

    await _press(hass, "OTHER_ACTION", user_id)  # not this alert's button
    assert init_integration.runtime_data.alerts.state.open is not None

    await _press(hass, action, user_id)
    clear = {"message": "clear_notification", "data": {"tag": TAG}}
    assert phones[PAUL][-1].data == phones[ANNA][-1].data == clear
    assert phones[TOM] == []


@pytest.mark.parametrize("options", [QUIET_OPTIONS])
async def test_quiet_hours_hold_and_let_urgent_through(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """Acceptance 7: high risk held till morning; a severe cramp gets through, critical."""
    await make_risk_high(hass)
    assert [len(calls) for calls in phones.values()] == [0, 0, 0]

    await log_severe_cramp(hass, 8)
    [urgent] = phones[PAUL]
    assert urgent.data["message"] == (
        f"Diane logged a severe cramp (8/10) in the calf.{GO_NOW}"
    )
    assert urgent.data["title"] == "Urgent: Diane needs help"
    assert urgent.data["data"] == {
        "actions": [urgent.data["data"]["actions"][0]],
        "tag": TAG,
        **CRITICAL,
    }
    assert await async_acknowledge(hass, init_integration, None)
    await settle_tasks(hass)

    freezer.move_to("2026-11-26 06:59:00+00:00")
    async_fire_time_changed(hass)
    await settle_tasks(hass)
    assert len(phones[PAUL]) == 2  # the alert and its clearing
    freezer.move_to("2026-11-26 07:00:00+00:00")
    async_fire_time_changed(hass)
    await settle_tasks(hass)
    summary = phones[PAUL][-1]
    assert summary.data["title"] == "While Diane's quiet hours were on"
    assert summary.data["message"] == (
        f"Held back during Diane's quiet hours:\n23:00 {HIGH_RISK}"
    )
    assert set(summary.data["data"]) == {"actions", "tag"}
    assert init_integration.runtime_data.alerts.state.held == []


async def test_caregiver_alerts_off_sends_nothing(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """Acceptance 8: with the master switch off nothing is sent, held or shown."""
    await hass.services.async_call(
        "switch",
        "turn_off",
        {"entity_id": "switch.diane_caregiver_alerts"},
        blocking=True,
    )
    await make_risk_high(hass)
    await log_severe_cramp(hass, 9)
    announce_heating(hass, "heating_started")
    await tick(hass, freezer, minutes=30)
    assert [len(calls) for calls in phones.values()] == [0, 0, 0]
    assert shown_notifications(hass) == {}
    state = init_integration.runtime_data.alerts.state
    assert state.open is None
    assert state.held == []
    assert state.cooldowns == {}


async def test_switching_off_stops_escalation(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """An open alert is not passed on once caregiver alerts are switched off."""
    await make_risk_high(hass)
    init_integration.runtime_data.switches["caregiver_alerts"] = False
    await tick(hass, freezer, minutes=10)
    assert [len(calls) for calls in phones.values()] == [1, 0, 0]
    assert init_integration.runtime_data.alerts.state.open is None


async def test_heating_not_working(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """Still cold 30 minutes after heating started: an urgent, critical alert."""
    set_temperature(hass, 18)
    await settle_tasks(hass)
    for _ in range(2):  # a second start does not restart the count
        announce_heating(hass, "heating_started")
        await tick(hass, freezer, minutes=15)
    [sent] = phones[PAUL]
    assert sent.data["message"] == (
        "Diane's bedroom is still cold 30 minutes after the heating was turned up: "
        "the heating may not be working. Check the heating and keep Diane warm with "
        "an extra blanket."
    )
    assert sent.data["title"] == "Urgent: Diane needs help"
    assert sent.data["data"]["channel"] == "alarm_stream"


@pytest.mark.parametrize(
    ("after_start", "event_action"),
    [
        (lambda hass: set_temperature(hass, 20.5), None),
        (lambda hass: set_temperature(hass, STATE_UNAVAILABLE), None),
        (None, "heating_restored"),
        (None, "heating_released"),
    ],
)
async def test_heating_watchdog_stops(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
    after_start: Callable[[HomeAssistant], None] | None,
    event_action: str | None,
) -> None:
    """A warm room, an unknown one, or heating ending: no heating alert."""
    set_temperature(hass, 18)
    await settle_tasks(hass)
    announce_heating(hass, "heating_started")
    await tick(hass, freezer, minutes=10)
    if after_start is not None:
        after_start(hass)
    if event_action is not None:
        announce_heating(hass, event_action)
    await tick(hass, freezer, minutes=25)
    assert [len(calls) for calls in phones.values()] == [0, 0, 0]


@pytest.mark.parametrize(
    ("data", "when"),
    [
        ({"kind": "spasticity", "severity": 9}, {}),
        ({"kind": "cramp", "severity": 6}, {}),
        ({"kind": "cramp"}, {}),
        ({"kind": "cramp", "severity": 9}, {"hours": 3}),
    ],
)
async def test_not_a_severe_cramp_alert(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    phones: Phones,
    data: dict[str, Any],
    when: dict[str, float],
) -> None:
    """Spasticity, milder or unrated cramps and old ones: no alert."""
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {
            "config_entry_id": ENTRY_ID,
            "body_area": "calf",
            "when": (dt_util.utcnow() - timedelta(**when)).isoformat(),
        }
        | data,
        blocking=True,
    )
    await settle_tasks(hass)
    assert [len(calls) for calls in phones.values()] == [0, 0, 0]


async def test_newer_alert_replaces_the_open_one(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """A severe cramp while the risk alert is open: one notification says both."""
    await make_risk_high(hass)
    await tick(hass, freezer, minutes=10)
    await log_severe_cramp(hass, 7, "unspecified")
    first = phones[PAUL][0].data["data"]["actions"][0]["action"]
    for target in (PAUL, ANNA):
        latest = phones[target][-1].data
        assert latest["message"] == (
            f"Diane logged a severe cramp (7/10).{GO_NOW}\n{HIGH_RISK}"
        )
        assert latest["title"] == "Urgent: Diane needs help"
        assert latest["data"]["tag"] == TAG
        assert latest["data"]["actions"][0]["action"] != first
    assert phones[TOM] == []
    # It carries on from where the older alert was: Tom next.
    await tick(hass, freezer, minutes=10)
    assert len(phones[TOM]) == 1


@pytest.mark.parametrize("caregivers", [[PAUL]])
async def test_notify_entity_gets_message_and_title_only(
    hass: HomeAssistant, init_integration: MockConfigEntry, phones: Phones
) -> None:
    """A notify entity gets `notify.send_message`; it cannot be cleared."""
    hass.states.async_set(PAUL, "unknown")
    sent = async_mock_service(hass, "notify", "send_message")
    await make_risk_high(hass)
    assert [call.data for call in sent] == [
        {
            "entity_id": PAUL,
            "message": HIGH_RISK + HOW_TO_ACKNOWLEDGE,
            "title": "Cramp alert for Diane",
        }
    ]
    assert await async_acknowledge(hass, init_integration, None)
    await settle_tasks(hass)
    assert len(sent) == 1
    assert phones[PAUL] == []


@pytest.mark.parametrize("caregivers", [[]])
async def test_no_caregiver_is_shown(
    hass: HomeAssistant, init_integration: MockConfigEntry, phones: Phones
) -> None:
    """With nobody to call, the alert is shown in Home Assistant instead."""
    events = async_capture_events(hass, EVENT_ALERT)
    await log_severe_cramp(hass, 10, "hand")
    assert [(event.data["type"], event.data["caregiver"]) for event in events] == [
        ("delivery_failed", None)
    ]
    [note] = shown_notifications(hass).values()
    assert note["title"] == "Caregiver alert for Diane not delivered"
    assert note["message"] == (
        "No caregiver is set up for Diane, so nobody was notified. Add one with "
        "Reconfigure on the ALS Comfort entry of Diane. What the alert was about is "
        "in the logbook and under Comfort alert on the device page of Diane."
    )


async def _setup(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Set the entry up in a London bedroom."""
    await hass.config.async_set_time_zone("Europe/London")
    if hass.config_entries.async_get_entry(entry.entry_id) is None:
        entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await settle_tasks(hass)


async def _unload(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Unload the entry and let everything settle."""
    assert await hass.config_entries.async_unload(entry.entry_id)
    await settle_tasks(hass)


async def test_escalation_survives_a_restart(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
    hass_storage: dict[str, Any],
) -> None:
    """Unloaded with an open alert, back after its deadline: next caregiver at once."""
    await make_risk_high(hass)
    await _unload(hass, init_integration)
    stored = hass_storage[STORAGE_KEY]
    assert stored["version"] == 1
    assert stored["data"]["open"]["sent_to"] == [PAUL]
    assert stored["data"]["risk_was_high"] is True

    freezer.tick(timedelta(minutes=15))
    await _setup(hass, init_integration)
    await tick(hass, freezer, seconds=1)
    assert len(phones[ANNA]) == 1  # escalated at once, no second high-risk alert
    assert len(phones[PAUL]) == 1
    assert phones[TOM] == []
    # The next step is 10 minutes after the escalation, not after the deadline.
    await tick(hass, freezer, minutes=9)
    assert phones[TOM] == []
    await tick(hass, freezer, minutes=1)
    assert len(phones[TOM]) == 1


async def test_watchdog_and_held_alerts_survive_a_restart(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """Heating watchdog and quiet-hours alerts are restored after a restart."""
    set_temperature(hass, 18)
    announce_heating(hass, "heating_started")
    await settle_tasks(hass)
    await _unload(hass, init_integration)
    hass.config_entries.async_update_entry(
        init_integration,
        options={
            **DEFAULT_OPTIONS,
            CONF_QUIET_HOURS: {CONF_QUIET_START: "22:00", CONF_QUIET_END: "23:10"},
        },
    )
    await _setup(hass, init_integration)
    await make_risk_high(hass)
    assert [len(calls) for calls in phones.values()] == [0, 0, 0]
    await tick(hass, freezer, minutes=15)  # quiet hours ended at 23:10
    assert [call.data["title"] for call in phones[PAUL]] == [
        "While Diane's quiet hours were on"
    ]
    await tick(hass, freezer, minutes=15)  # 30 minutes after heating started
    assert phones[PAUL][-1].data["title"] == "Urgent: Diane needs help"
    assert phones[PAUL][-1].data["message"].startswith("Diane's bedroom is still cold")


async def test_held_alerts_are_sent_after_a_restart(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    bedroom: None,
    mock_config_entry: MockConfigEntry,
    phones: Phones,
    hass_storage: dict[str, Any],
) -> None:
    """Held alerts found on start outside quiet hours are sent as a summary at once."""
    hass_storage[STORAGE_KEY] = {
        "version": 1,
        "minor_version": 1,
        "key": STORAGE_KEY,
        "data": {
            "held": [
                {
                    "at": "2026-11-25T02:00:00+00:00",
                    "reasons": ["overexertion"],
                    "message": "Earlier.",
                }
            ]
        },
    }
    await _setup(hass, mock_config_entry)
    await tick(hass, freezer, seconds=1)
    [summary] = phones[PAUL]
    assert (
        summary.data["message"]
        == "Held back during Diane's quiet hours:\n02:00 Earlier."
    )


@pytest.mark.parametrize("options", [QUIET_OPTIONS])
async def test_held_alerts_dropped_when_switched_off(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """Alerts held for the morning are not sent once caregiver alerts are off."""
    await make_risk_high(hass)
    init_integration.runtime_data.switches["caregiver_alerts"] = False
    freezer.move_to("2026-11-26 07:00:00+00:00")
    async_fire_time_changed(hass)
    await settle_tasks(hass)
    assert [len(calls) for calls in phones.values()] == [0, 0, 0]
    assert init_integration.runtime_data.alerts.state.held == []


async def test_unreadable_state_starts_afresh(
    hass: HomeAssistant,
    bedroom: None,
    mock_config_entry: MockConfigEntry,
    phones: Phones,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A stored state that cannot be read is reported and replaced, not fatal."""
    hass_storage[STORAGE_KEY] = {
        "version": 1,
        "minor_version": 1,
        "key": STORAGE_KEY,
        "data": {"open": {"alert_id": "x"}},
    }
    await _setup(hass, mock_config_entry)
    assert "could not be read (KeyError)" in caplog.text
    await make_risk_high(hass)
    assert len(phones[PAUL]) == 1


@pytest.mark.parametrize("options", [QUIET_OPTIONS])
async def test_unload_leaves_no_listener_or_timer(
    hass: HomeAssistant,
    bedroom: None,
    mock_config_entry: MockConfigEntry,
    phones: Phones,
) -> None:
    """An open alert, a held one and the heating watchdog leave nothing behind."""
    await _setup(hass, mock_config_entry)
    await _unload(hass, mock_config_entry)
    listeners = hass.bus.async_listeners()
    timers = pending_timers(hass)

    for _ in range(2):
        await _setup(hass, mock_config_entry)
        await make_risk_high(hass)  # held: quiet hours
        await log_severe_cramp(hass, 8)  # open, escalating
        announce_heating(hass, "heating_started")
        await settle_tasks(hass)
        await _unload(hass, mock_config_entry)
        assert hass.bus.async_listeners() == listeners
        assert pending_timers(hass) == timers
        set_temperature(hass, 20.5)
        await settle_tasks(hass)


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (
            AlertDraft(
                kind=AlertKind.HIGH_RISK,
                reasons=("cramp_cluster", "overexertion", "frequent_cramps"),
                urgent=False,
                night=False,
                cramp_minutes=10,
                cramps_24h=4,
                exertion_percent=151.6,
            ),
            (
                "Diane: cramp risk is high — a cramp was logged 10 min ago, Diane has "
                "overdone exercise (152 % of the limit) and 4 cramps were logged in the "
                "last 24 hours. Please check that Diane is warm and resting."
            ),
        ),
        (
            AlertDraft(
                kind=AlertKind.HIGH_RISK,
                reasons=("cold_room", "cramp_cluster", "sensor_unavailable"),
                urgent=False,
                night=False,
            ),
            (
                "Diane: cramp risk is high — the bedroom is cold, a cramp was logged just "
                "now and the bedroom thermometer is not reporting. Please check that "
                "Diane is warm and resting."
            ),
        ),
        (
            AlertDraft(
                kind=AlertKind.HIGH_RISK,
                reasons=("overexertion",),
                urgent=False,
                night=False,
                exertion_percent=120,
            ),
            (
                "Diane: cramp risk is high — Diane has overdone exercise (120 % of the "
                "limit). Please check that Diane is warm and resting."
            ),
        ),
        (
            AlertDraft(
                kind=AlertKind.SEVERE_CRAMP,
                reasons=("severe_cramp",),
                urgent=True,
                night=False,
                severity=7,
                body_area="hand",
            ),
            f"Diane logged a severe cramp (7/10) in the hand.{GO_NOW}",
        ),
    ],
)
async def test_messages_say_why(
    hass: HomeAssistant, draft: AlertDraft, message: str
) -> None:
    """Each reason has its plain-words phrase, joined as a sentence does."""
    phrase = await async_phrases(hass)
    assert render_alert(draft, phrase, "Diane")[1] == message


def test_broken_translation_still_says_something() -> None:
    """A translation with a broken placeholder is shown as it is, unfilled."""
    key = f"component.{DOMAIN}.common.alert_title"
    assert Phrases({key: "Alert for {nom}"})("alert_title", name="Diane") == (
        "Alert for {nom}"
    )
    assert Phrases({})("alert_title") == "alert_title"


@pytest.mark.parametrize(
    ("local", "quiet", "inside", "end"),
    [
        ("23:00", ("22:00", "07:00"), True, "2026-11-26 07:00"),
        ("06:59", ("22:00", "07:00"), True, "2026-11-25 07:00"),
        ("07:00", ("22:00", "07:00"), False, "2026-11-26 07:00"),
        ("21:59", ("22:00", "07:00"), False, "2026-11-26 07:00"),
        ("13:00", ("12:00", "14:00"), True, "2026-11-25 14:00"),
        ("14:00", ("12:00", "14:00"), False, "2026-11-26 14:00"),
        ("11:00", ("12:00", "14:00"), False, "2026-11-25 14:00"),
        ("11:00", ("12:00", "12:00"), False, "2026-11-25 12:00"),
    ],
)
def test_quiet_hours_clock(
    local: str, quiet: tuple[str, str], inside: bool, end: str
) -> None:
    """Quiet hours may cross midnight; equal start and end mean none."""
    zone = dt_util.get_time_zone("Europe/London")
    now = datetime.fromisoformat(f"2026-11-25 {local}").replace(tzinfo=zone)
    hours = (time.fromisoformat(quiet[0]), time.fromisoformat(quiet[1]))
    assert in_quiet_hours(now, hours) is inside
    assert in_quiet_hours(now, None) is False
    assert quiet_hours_end(now, hours[1]) == datetime.fromisoformat(end).replace(
        tzinfo=zone
    )


@pytest.mark.freeze_time("2026-11-25 21:29:00+00:00")
async def test_room_turning_cold_during_preheat_is_watched(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, phones: Phones
) -> None:
    """Boosted by pre-heating, then cold for 30 minutes: the heating is not working."""
    thermostat = FakeThermostat(hass)
    set_temperature(hass, 20)  # cool, not cold: pre-heat when the window opens
    await set_up_entry(hass, comfort_entry())
    await tick(hass, freezer, minutes=1)  # 21:30, the night window opens
    assert thermostat.calls == [("set_temperature", {"temperature": 21.0})]

    set_temperature(hass, 18.5)  # colder despite the heating
    await settle_tasks(hass)
    await tick(hass, freezer, minutes=29)
    assert phones[PAUL] == []
    await tick(hass, freezer, minutes=1)
    [sent] = phones[PAUL]
    assert sent.data["message"].startswith(
        "Diane's bedroom is still cold 30 minutes after the heating was turned up"
    )
