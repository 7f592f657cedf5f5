"""The bus is an output: forged events steer nothing (SPEC §11).

Anyone can fire an event on the bus: a read-only user's phone can, through the
companion app's webhook (origin `remote`, the phone's user as context). Fired
with Diane's own config entry id and the worst figures, `als_comfort_*` events
must not raise, fake or silence a caregiver alert, start the heating watchdog
or change the `comfort_alert` event entity. A phone's Acknowledge counts only
with the open alert's secret action id, from a user whose phone was sent the
alert or an administrator; the action id is shown nowhere.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
import json
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.auth.const import GROUP_ID_READ_ONLY, GROUP_ID_USER
from homeassistant.core import Context, EventOrigin, HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockUser,
    async_capture_events,
)

from custom_components.als_comfort.const import EVENT_ALERT
from tests.conftest import (
    ANNA,
    DIANE_ENTRY_ID as ENTRY_ID,
    HIGH_RISK,
    PAUL,
    THERMOSTAT,
    Phones,
    alerts_entry,
    log_severe_cramp,
    make_risk_high,
    settle_tasks,
    shown_notifications,
    tick,
    user_in,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

EVENT_ENTITY = "event.diane_comfort_alert"
ACTION_PRESSED = "mobile_app_notification_action"

type Fire = Callable[[str, dict[str, Any]], Awaitable[None]]


@pytest.fixture
def mock_config_entry(
    caregivers: list[str], options: dict[str, Any]
) -> MockConfigEntry:
    """Diane's entry with three caregivers (comforts left out)."""
    return alerts_entry(caregivers, options)


def _forged(alert_id: str) -> list[tuple[str, dict[str, Any]]]:
    """Events as a forger would fire them: Diane's entry id, the worst figures."""
    now = dt_util.utcnow().isoformat()
    return [
        (
            "als_comfort_episode_logged",
            {
                "config_entry_id": ENTRY_ID,
                "episode_id": "01KFORGED",
                "kind": "cramp",
                "body_area": "CHEST - call 112 now",
                "severity": 10,
                "when": now,
            },
        ),
        (
            "als_comfort_action",
            {
                "config_entry_id": ENTRY_ID,
                "action": "heating_started",
                "entity_id": THERMOSTAT,
                "reason": None,
            },
        ),
        (
            "als_comfort_alert",
            {
                "config_entry_id": ENTRY_ID,
                "alert_id": alert_id,
                "type": "acknowledged",
                "kind": "severe_cramp",
                "reasons": ["severe_cramp"],
                "caregiver": PAUL,
                "acknowledged_by": "Mallory",
            },
        ),
    ]


async def _forgery_changes_nothing(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    entry: MockConfigEntry,
    phones: Phones,
    fire: Fire,
) -> None:
    """Fire the forged events with an alert open; nothing of it may change."""
    await make_risk_high(hass)  # an open alert; no severe cramp yet (no cooldown)
    alerts = entry.runtime_data.alerts
    opened = alerts.state.open
    assert opened is not None
    assert [len(calls) for calls in phones.values()] == [1, 0, 0]
    shown = hass.states.get(EVENT_ENTITY)

    for event_type, data in _forged(opened.alert_id):
        await fire(event_type, data)
    # Even knowing the secret, a stranger's phone cannot silence the alert.
    await fire(ACTION_PRESSED, {"action": opened.action})
    await settle_tasks(hass)

    assert [len(calls) for calls in phones.values()] == [1, 0, 0]
    assert alerts.state.open is opened  # not acknowledged, not replaced
    assert alerts.state.heating_since is None  # no heating watchdog
    after = hass.states.get(EVENT_ENTITY)
    assert (after.state, after.attributes) == (shown.state, shown.attributes)
    assert entry.runtime_data.coordinator.log.episodes[-1]["body_area"] == "calf"

    # Only the real alert goes on, caregiver after caregiver; never a heating alert.
    for _ in range(3):
        await tick(hass, freezer, minutes=10)
    messages = [call.data["message"] for calls in phones.values() for call in calls]
    assert messages == [HIGH_RISK] * 6
    assert alerts.state.open is opened


@pytest.mark.parametrize("origin", [EventOrigin.local, EventOrigin.remote])
async def test_forged_events_change_nothing(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
    origin: EventOrigin,
) -> None:
    """Fired by a read-only user: on the bus, or from her registered phone."""
    mallory = await user_in(hass, GROUP_ID_READ_ONLY, "Mallory")

    async def fire(event_type: str, data: dict[str, Any]) -> None:
        hass.bus.async_fire(
            event_type, data, origin, context=Context(user_id=mallory.id)
        )

    if origin is EventOrigin.remote:
        fire = _phone(hass, mallory, "Mallorys phone")
    await _forgery_changes_nothing(hass, freezer, init_integration, phones, fire)


def _phone(hass: HomeAssistant, user: MockUser, device_name: str) -> Fire:
    """Register a companion-app phone for a user; return how it fires events.

    As Home Assistant's companion-app integration does: the registration is a
    `mobile_app` config entry of the user, and its webhook's `fire_event`
    command fires the phone's event with origin `remote` and the registered
    user as context. (The integration itself cannot be loaded here: it imports
    cloud, Assist pipelines, text-to-speech and camera, whose native libraries
    are not installed.)
    """
    MockConfigEntry(
        domain="mobile_app",
        data={
            "user_id": user.id,
            "device_name": device_name,
            "webhook_id": f"webhook-of-{user.id}",
        },
    ).add_to_hass(hass)

    async def fire(event_type: str, data: dict[str, Any]) -> None:
        hass.bus.async_fire(
            event_type, data, EventOrigin.remote, context=Context(user_id=user.id)
        )

    return fire


async def test_the_phone_that_was_sent_the_alert_acknowledges(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """Anna (no administrator) presses Acknowledge on her phone, once sent the alert."""
    anna = await user_in(hass, GROUP_ID_USER, "Anna")
    press = _phone(hass, anna, "Annas phone")
    await make_risk_high(hass)
    action = phones[PAUL][0].data["data"]["actions"][0]["action"]

    await press(ACTION_PRESSED, {"action": action})  # Paul's turn, not Anna's yet
    await settle_tasks(hass)
    assert init_integration.runtime_data.alerts.state.open is not None

    await tick(hass, freezer, minutes=10)  # now Anna has it too
    assert len(phones[ANNA]) == 1
    await press(ACTION_PRESSED, {"action": action})
    await settle_tasks(hass)
    assert init_integration.runtime_data.alerts.state.open is None
    state = hass.states.get(EVENT_ENTITY)
    assert state.attributes["event_type"] == "acknowledged"
    assert state.attributes["acknowledged_by"] == "Anna"
    assert state.attributes["caregiver"] == ANNA
    clear = {
        "message": "clear_notification",
        "data": {"tag": f"als_comfort_{ENTRY_ID}"},
    }
    assert phones[PAUL][-1].data == clear  # Paul's copy is cleared, Anna's is hers
    assert len(phones[ANNA]) == 1


async def test_a_double_tap_acknowledges_once(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    phones: Phones,
    hass_admin_user: MockUser,
) -> None:
    """Two presses before the first is done: one acknowledgement, one clearing.

    Looking the user up may take a moment (the auth store loading): the second
    press is then checked while the first is still on its way.
    """
    events = async_capture_events(hass, EVENT_ALERT)
    await make_risk_high(hass)
    action = phones[PAUL][0].data["data"]["actions"][0]["action"]
    get_user = hass.auth.async_get_user

    async def slow_get_user(user_id: str) -> Any:
        await asyncio.sleep(0)
        return await get_user(user_id)

    with patch.object(hass.auth, "async_get_user", slow_get_user):
        for _ in range(2):
            hass.bus.async_fire(
                ACTION_PRESSED,
                {"action": action},
                EventOrigin.remote,
                context=Context(user_id=hass_admin_user.id),
            )
        await settle_tasks(hass)
    assert [event.data["type"] for event in events] == ["alert_sent", "acknowledged"]
    assert len(phones[PAUL]) == 2  # the alert and its clearing


async def test_a_press_of_a_replaced_alert_acknowledges_nothing(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    phones: Phones,
    hass_admin_user: MockUser,
) -> None:
    """A severe cramp replaces the alert while the press is checked: still open.

    The caregiver pressed on the older alert's words, not on the severe cramp.
    """
    await make_risk_high(hass)
    action = phones[PAUL][0].data["data"]["actions"][0]["action"]
    get_user = hass.auth.async_get_user

    async def get_user_as_a_cramp_is_logged(user_id: str) -> Any:
        await log_severe_cramp(hass, 9)
        return await get_user(user_id)

    with patch.object(hass.auth, "async_get_user", get_user_as_a_cramp_is_logged):
        hass.bus.async_fire(
            ACTION_PRESSED,
            {"action": action},
            EventOrigin.remote,
            context=Context(user_id=hass_admin_user.id),
        )
        await settle_tasks(hass)
    opened = init_integration.runtime_data.alerts.state.open
    assert opened is not None
    assert opened.action != action
    assert "severe_cramp" in opened.reasons
    assert hass.states.get(EVENT_ENTITY).attributes["event_type"] == "alert_sent"


async def test_an_administrator_acknowledges_from_any_phone(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    phones: Phones,
    hass_admin_user: MockUser,
) -> None:
    """An administrator's press counts though no phone of theirs was sent it."""
    await make_risk_high(hass)
    action = phones[PAUL][0].data["data"]["actions"][0]["action"]
    hass.bus.async_fire(
        ACTION_PRESSED,
        {"action": action},
        EventOrigin.remote,
        context=Context(user_id=hass_admin_user.id),
    )
    await settle_tasks(hass)
    assert init_integration.runtime_data.alerts.state.open is None
    assert hass.states.get(EVENT_ENTITY).attributes["acknowledged_by"] == "Mock User"


@pytest.mark.parametrize("presser", ["stranger", "no user", "unknown user"])
async def test_a_press_from_anyone_else_is_refused(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    phones: Phones,
    presser: str,
) -> None:
    """A user with a phone the alert never went to, or no user at all: refused."""
    user_id: str | None = None
    if presser == "stranger":
        sam = await user_in(hass, GROUP_ID_USER, "Sam")  # may control, was not sent
        _phone(hass, sam, "Sams phone")
        user_id = sam.id
    elif presser == "unknown user":
        user_id = "nobody-has-this-id"
    await make_risk_high(hass)
    action = phones[PAUL][0].data["data"]["actions"][0]["action"]
    hass.bus.async_fire(
        ACTION_PRESSED, {"action": action}, context=Context(user_id=user_id)
    )
    await settle_tasks(hass)
    assert init_integration.runtime_data.alerts.state.open is not None
    assert hass.states.get(EVENT_ENTITY).attributes["event_type"] == "alert_sent"


async def test_the_action_id_is_shown_nowhere(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """Neither the action id nor the alert id is in any state, event or notification.

    Only the phones' notifications carry it (SPEC §6: ALS_COMFORT_ACK_<alert id>).
    """
    seen: list[str] = []
    hass.bus.async_listen(
        "*", lambda event: seen.append(json.dumps(event.as_dict(), default=str))
    )
    hass.services.async_remove("notify", ANNA.removeprefix("notify."))  # a failure
    await make_risk_high(hass)
    await tick(hass, freezer, minutes=10)
    opened = init_integration.runtime_data.alerts.state.open
    assert opened is not None
    assert phones[PAUL][0].data["data"]["actions"][0]["action"] == opened.action
    assert opened.action == f"ALS_COMFORT_ACK_{opened.alert_id}"

    shown = json.dumps(
        [state.as_dict() for state in hass.states.async_all()]
        + list(shown_notifications(hass).values()),
        default=str,
    )
    phone_calls = [e for e in seen if '"domain": "notify"' in e]
    everything_else = [e for e in seen if e not in phone_calls]
    for secret in (opened.alert_id, opened.action):
        assert secret not in shown
        assert not [e for e in everything_else if secret in e]
    assert any(
        "could not be delivered" in note["message"]
        for note in shown_notifications(hass).values()
    )
