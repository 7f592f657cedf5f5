"""The rules under SPEC §10's table: clocks, cooldowns, quiet hours, event details.

* An open urgent alert's escalation clock is never reset by a newer alert.
* A cooldown only ever holds back a repeat of the same non-urgent reason: a
  severe cramp is sent every time.
* Within quiet hours urgent alerts get through; a non-urgent one is never
  lost: it goes into the morning summary.
* Every `comfort_alert` event says how far the alert got.
"""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Context, HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockUser,
    async_capture_events,
)

from custom_components.als_comfort.alerts import async_acknowledge
from custom_components.als_comfort.announce import async_announce
from custom_components.als_comfort.const import (
    CONF_QUIET_END,
    CONF_QUIET_HOURS,
    CONF_QUIET_START,
    DEFAULT_OPTIONS,
    DOMAIN,
    EVENT_ACTION,
    EVENT_ALERT,
)
from tests.conftest import (
    ANNA,
    DIANE_ENTRY_ID as ENTRY_ID,
    GO_NOW,
    HIGH_RISK,
    PAUL,
    TOM,
    Phones,
    alerts_entry,
    log_severe_cramp,
    make_risk_high,
    set_temperature,
    settle_tasks,
    tick,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

EVENT_ENTITY = "event.diane_comfort_alert"
QUIET = {
    **DEFAULT_OPTIONS,
    CONF_QUIET_HOURS: {CONF_QUIET_START: "22:00:00", CONF_QUIET_END: "07:00:00"},
}
BLANKET = "switch.bedroom_heater"


@pytest.fixture
def mock_config_entry(
    caregivers: list[str], options: dict[str, Any]
) -> MockConfigEntry:
    """Diane's entry with three caregivers (comforts left out)."""
    return alerts_entry(caregivers, options)


def _messages(phones: Phones, target: str) -> list[str]:
    """What one phone was sent, in order."""
    return [call.data["message"] for call in phones[target]]


async def test_newer_alert_never_delays_the_next_caregiver(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """A 8/10 cramp at 23:00, a high risk at 23:09: Anna at 23:10, not 23:19."""
    await log_severe_cramp(hass, 8)
    await tick(hass, freezer, minutes=9)
    await make_risk_high(hass)  # a newer alert: Paul gets the new words at once
    assert [len(phones[target]) for target in (PAUL, ANNA, TOM)] == [2, 0, 0]
    await tick(hass, freezer, minutes=1)  # 23:10, the urgent alert's own clock
    assert [len(phones[target]) for target in (PAUL, ANNA, TOM)] == [2, 1, 0]
    await tick(hass, freezer, minutes=10)
    assert [len(phones[target]) for target in (PAUL, ANNA, TOM)] == [2, 1, 1]

    # The words changed: the newer alert first, the urgent title kept.
    cramp = f"Diane logged a severe cramp (8/10) in the calf.{GO_NOW}"
    risk = HIGH_RISK.replace("just now", "9 min ago")
    assert _messages(phones, ANNA) == [f"{risk}\n{cramp}"]
    assert phones[ANNA][0].data["title"] == "Urgent: Diane needs help"


async def test_second_severe_cramp_within_cooldown_is_sent(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """A 10/10 cramp 20 min after an acknowledged 7/10 one reaches Paul again."""
    await log_severe_cramp(hass, 7)
    assert await async_acknowledge(hass, init_integration, None)
    await tick(hass, freezer, minutes=20)
    await log_severe_cramp(hass, 10, "thigh")
    assert len(phones[PAUL]) == 3  # the 7/10, its clearing, the 10/10
    assert _messages(phones, PAUL)[-1] == (
        f"Diane logged a severe cramp (10/10) in the thigh.{GO_NOW}"
    )
    assert phones[PAUL][-1].data["data"]["channel"] == "alarm_stream"


async def test_severe_cramp_while_one_is_open_reaches_them_at_once(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """A second severe cramp while the first is passed on reaches both called at once."""
    await log_severe_cramp(hass, 7)
    await tick(hass, freezer, minutes=10)  # Anna too now
    await log_severe_cramp(hass, 9, "foot")
    assert [len(phones[target]) for target in (PAUL, ANNA, TOM)] == [2, 2, 0]
    said = f"Diane logged a severe cramp (9/10) in the foot.{GO_NOW}"
    for target in (PAUL, ANNA):
        assert _messages(phones, target)[-1].startswith(said)
    assert phones[TOM] == []
    await tick(hass, freezer, minutes=10)
    assert _messages(phones, TOM)[-1].startswith(said)


async def test_cooldown_holds_back_only_the_same_non_urgent_reason(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """A repeat of the same risk waits; a heater stuck on does not."""
    await make_risk_high(hass)
    assert await async_acknowledge(hass, init_integration, None)
    await settle_tasks(hass)
    set_temperature(hass, 20.5)
    await settle_tasks(hass)
    set_temperature(hass, 17)  # high again, same reasons, within the cooldown
    await settle_tasks(hass)
    assert len(phones[PAUL]) == 2  # the alert and its clearing
    async_announce(
        hass,
        ENTRY_ID,
        EVENT_ACTION,
        {"action": "heater_stuck_on", "entity_id": BLANKET},
    )
    await settle_tasks(hass)
    assert _messages(phones, PAUL)[-1].startswith("Diane's heated blanket or heater")


@pytest.mark.parametrize("options", [QUIET])
async def test_quiet_hours_let_urgent_through_and_keep_the_rest(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """In quiet hours a heater stuck on is sent at once; a thermometer gone waits."""
    set_temperature(hass, "unavailable")
    await settle_tasks(hass)
    async_announce(
        hass,
        ENTRY_ID,
        EVENT_ACTION,
        {"action": "heater_stuck_on", "entity_id": BLANKET},
    )
    await settle_tasks(hass)
    [stuck] = phones[PAUL]
    assert stuck.data["data"]["channel"] == "alarm_stream"
    assert await async_acknowledge(hass, init_integration, None)
    await tick(hass, freezer, minutes=30)  # the thermometer is gone 30 min: held
    assert len(phones[PAUL]) == 2  # the alert and its clearing
    assert [len(phones[target]) for target in (ANNA, TOM)] == [0, 0]

    await tick(hass, freezer, hours=7, minutes=30)  # 07:00, quiet hours end
    summary = phones[PAUL][-1].data
    assert summary["title"] == "While Diane's quiet hours were on"
    assert (
        "23:30 Diane's bedroom thermometer has not reported for 30 min"
        in (summary["message"])
    )


async def test_every_event_says_how_far_the_alert_got(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
    hass_admin_user: MockUser,
) -> None:
    """reasons, kind, urgent, caregiver, called, next_escalation; who acknowledged."""
    events = async_capture_events(hass, EVENT_ALERT)
    await log_severe_cramp(hass, 8)
    state = hass.states.get(EVENT_ENTITY)
    assert state.attributes["event_type"] == "alert_sent"
    details = {
        key: state.attributes[key]
        for key in (
            "reasons",
            "kind",
            "urgent",
            "caregiver",
            "called",
            "next_escalation",
        )
    }
    assert details == {
        "reasons": ["severe_cramp"],
        "kind": "severe_cramp",
        "urgent": True,
        "caregiver": PAUL,
        "called": [PAUL],
        "next_escalation": "2026-11-25T23:10:00+00:00",
    }
    await tick(hass, freezer, minutes=10)
    state = hass.states.get(EVENT_ENTITY)
    assert state.attributes["event_type"] == "escalated"
    assert state.attributes["caregiver"] == ANNA
    assert state.attributes["called"] == [PAUL, ANNA]
    assert state.attributes["next_escalation"] == "2026-11-25T23:20:00+00:00"

    await hass.services.async_call(
        DOMAIN,
        "acknowledge_alert",
        {"config_entry_id": ENTRY_ID},
        blocking=True,
        context=Context(user_id=hass_admin_user.id),
    )
    await settle_tasks(hass)
    state = hass.states.get(EVENT_ENTITY)
    assert state.attributes["event_type"] == "acknowledged"
    assert state.attributes["acknowledged_by"] == hass_admin_user.name
    assert state.attributes["called"] == [PAUL, ANNA]
    assert state.attributes["next_escalation"] is None
    # Never the words (they may hold health data), never the secret action id.
    action = phones[PAUL][0].data["data"]["actions"][0]["action"]
    for event in events:
        assert "message" not in event.data
        assert action not in str(event.data)
