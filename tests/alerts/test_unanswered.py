"""Nobody answers (SPEC §10 `unanswered`): everyone is called again, for an hour.

Once every caregiver was called and `escalate_after_minutes` passed once more,
the `comfort_alert` event entity fires `unanswered` and every caregiver is
called again, urgently (critical at night), every `escalate_after_minutes`
until someone acknowledges or an hour has passed since the first `unanswered`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.als_comfort.alerts import async_acknowledge
from custom_components.als_comfort.const import EVENT_ALERT
from tests.conftest import (
    ANNA,
    HIGH_RISK,
    PAUL,
    TOM,
    Phones,
    alerts_entry,
    log_severe_cramp,
    make_risk_high,
    set_up_entry,
    settle_tasks,
    shown_notifications,
    tick,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

EVENT_ENTITY = "event.diane_comfort_alert"
UNANSWERED_TITLE = "Nobody has answered: Diane needs help"
UNANSWERED_LINE = (
    "Nobody has acknowledged this alert yet. Please answer it, or ask someone to go "
    "to Diane."
)


@pytest.fixture
def mock_config_entry(
    caregivers: list[str], options: dict[str, Any]
) -> MockConfigEntry:
    """Diane's entry with three caregivers (comforts left out)."""
    return alerts_entry(caregivers, options)


def _counts(phones: Phones) -> list[int]:
    """How many notifications each phone (Paul, Anna, Tom) got."""
    return [len(calls) for calls in phones.values()]


async def test_unanswered_calls_everyone_again_for_an_hour(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """A high risk nobody answers: everyone again every 10 min, for an hour."""
    events = async_capture_events(hass, EVENT_ALERT)
    await make_risk_high(hass)  # 23:00 Paul
    for _ in range(3):  # 23:10 Anna, 23:20 Tom, 23:30 everyone
        await tick(hass, freezer, minutes=10)
    assert _counts(phones) == [2, 2, 2]

    await tick(hass, freezer, minutes=10)  # 23:40: nobody answered
    assert _counts(phones) == [3, 3, 3]
    again = phones[TOM][-1].data
    assert again["title"] == UNANSWERED_TITLE
    assert again["message"] == f"{UNANSWERED_LINE}\n{HIGH_RISK}"
    # Unanswered is urgent: at night, the critical channel (the risk alert was not).
    assert again["data"]["channel"] == "alarm_stream"
    assert "channel" not in phones[TOM][0].data["data"]
    state = hass.states.get(EVENT_ENTITY)
    assert state.attributes["event_type"] == "unanswered"
    assert state.attributes["caregiver"] is None
    assert state.attributes["called"] == [PAUL, ANNA, TOM]
    assert state.attributes["next_escalation"] == "2026-11-25T23:50:00+00:00"

    for _ in range(5):  # 23:50, 00:00, 00:10, 00:20, 00:30
        await tick(hass, freezer, minutes=10)
    assert _counts(phones) == [8, 8, 8]
    unanswered = [event for event in events if event.data["type"] == "unanswered"]
    assert len(unanswered) == 6  # once per round, not once per caregiver

    await tick(hass, freezer, minutes=10)  # 00:40: an hour since 23:40
    assert _counts(phones) == [8, 8, 8]
    note = shown_notifications(hass)[
        "als_comfort_01KDIANEALSCOMFORT00000000_unanswered"
    ]
    assert note["title"] == "Nobody answered the alert for Diane"
    assert "cramp" not in note["message"]  # no health detail in Home Assistant's UI
    assert "Please check on Diane now" in note["message"]
    await tick(hass, freezer, minutes=60)
    assert _counts(phones) == [8, 8, 8]

    # The alert stays open: it can still be acknowledged.
    assert await async_acknowledge(hass, init_integration, None)


async def test_acknowledged_while_calling_again_stops(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """An acknowledgement during the calling-again hour ends it at once."""
    await make_risk_high(hass)
    for _ in range(5):
        await tick(hass, freezer, minutes=10)
    assert _counts(phones) == [4, 4, 4]
    assert await async_acknowledge(hass, init_integration, None)
    await settle_tasks(hass)
    await tick(hass, freezer, minutes=60)
    assert _counts(phones) == [5, 5, 5]  # each copy cleared, nothing more
    state = hass.states.get(EVENT_ENTITY)
    assert state.attributes["event_type"] == "acknowledged"
    assert state.attributes["next_escalation"] is None


@pytest.mark.parametrize("caregivers", [[PAUL]])
async def test_one_caregiver_is_called_again(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """With a single caregiver, a 9/10 cramp nobody answers reaches them again."""
    await log_severe_cramp(hass, 9)
    for minutes in (10, 20):
        await tick(hass, freezer, minutes=10)
        assert len(phones[PAUL]) == minutes // 10 + 1
    assert phones[PAUL][-1].data["title"] == UNANSWERED_TITLE


async def test_calling_again_survives_a_restart(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """Unloaded while calling again: back, it goes on, and still stops at the hour."""
    await make_risk_high(hass)
    for _ in range(4):  # 23:40: the first call again
        await tick(hass, freezer, minutes=10)
    assert await hass.config_entries.async_unload(init_integration.entry_id)
    await settle_tasks(hass)
    freezer.tick(timedelta(minutes=25))  # 00:05, down for 25 min
    await set_up_entry(hass, init_integration)
    await tick(hass, freezer, seconds=1)
    assert _counts(phones) == [4, 4, 4]  # the 23:50 round, at once
    for _ in range(4):  # 00:15, 00:25, 00:35; then 00:40 is the hour
        await tick(hass, freezer, minutes=10)
    assert _counts(phones) == [7, 7, 7]
    await tick(hass, freezer, minutes=30)
    assert _counts(phones) == [7, 7, 7]
