"""The person calls for help (SPEC §10 `help_requested`): every caregiver, at once.

Through the `call_for_help` action (with an optional message) or the
`call_for_help` button; urgent, so it passes quiet hours and uses the critical
channel at night; also when `caregiver_alerts` is off, and then it still
escalates.
"""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import DOMAIN
from tests.conftest import (
    ANNA,
    DIANE_ENTRY_ID as ENTRY_ID,
    HIGH_RISK,
    PAUL,
    TOM,
    Phones,
    alerts_entry,
    make_risk_high,
    settle_tasks,
    shown_notifications,
    tick,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

EVENT_ENTITY = "event.diane_comfort_alert"
BUTTON = "button.diane_call_for_help"
ASKED = "Diane asked for help. Please go to Diane now."


@pytest.fixture
def mock_config_entry(
    caregivers: list[str], options: dict[str, Any]
) -> MockConfigEntry:
    """Diane's entry with three caregivers (comforts left out)."""
    return alerts_entry(caregivers, options)


async def _call_for_help(hass: HomeAssistant, **fields: Any) -> None:
    """Call for help through the action, as the card or a voice assistant does."""
    await hass.services.async_call(
        DOMAIN, "call_for_help", {"config_entry_id": ENTRY_ID, **fields}, blocking=True
    )
    await settle_tasks(hass)


def _counts(phones: Phones) -> list[int]:
    """How many notifications each phone (Paul, Anna, Tom) got."""
    return [len(calls) for calls in phones.values()]


@pytest.mark.usefixtures("init_integration")
async def test_help_reaches_every_caregiver_at_once(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, phones: Phones
) -> None:
    """Everyone at once, urgently and critically at night; then called again."""
    await _call_for_help(hass)
    assert _counts(phones) == [1, 1, 1]
    for target in (PAUL, ANNA, TOM):
        sent = phones[target][0].data
        assert sent["title"] == "Urgent: Diane needs help"
        assert sent["message"] == ASKED
        assert sent["data"]["channel"] == "alarm_stream"
    state = hass.states.get(EVENT_ENTITY)
    assert state.attributes["event_type"] == "alert_sent"
    assert state.attributes["kind"] == "help_requested"
    assert state.attributes["reasons"] == ["help_requested"]
    assert state.attributes["urgent"] is True
    assert sorted(state.attributes["called"]) == sorted([PAUL, ANNA, TOM])

    await tick(hass, freezer, minutes=10)  # nobody answered: everyone again
    assert _counts(phones) == [2, 2, 2]
    assert hass.states.get(EVENT_ENTITY).attributes["event_type"] == "unanswered"


@pytest.mark.usefixtures("init_integration")
async def test_help_carries_the_persons_message(
    hass: HomeAssistant, phones: Phones
) -> None:
    """The person's own words are in the notification (trimmed)."""
    await _call_for_help(hass, message="  I fell next to the bed  ")
    assert phones[TOM][0].data["message"] == (
        "Diane asked for help: “I fell next to the bed” Please go to Diane now."
    )


@pytest.mark.parametrize("message", ["x" * 201, 42, ["help"]])
@pytest.mark.usefixtures("init_integration")
async def test_a_bad_message_is_refused_and_nobody_is_called(
    hass: HomeAssistant, phones: Phones, message: Any
) -> None:
    """Longer than 200 characters, or not text: a translated refusal, nothing sent."""
    with pytest.raises(ServiceValidationError) as refused:
        await _call_for_help(hass, message=message)
    assert refused.value.translation_key == "invalid_message"
    assert _counts(phones) == [0, 0, 0]


@pytest.mark.usefixtures("init_integration")
async def test_the_button_calls_for_help(hass: HomeAssistant, phones: Phones) -> None:
    """One press of the entity `button.diane_call_for_help`: everyone is called."""
    await hass.services.async_call(
        "button", "press", {"entity_id": BUTTON}, blocking=True
    )
    await settle_tasks(hass)
    assert _counts(phones) == [1, 1, 1]
    assert phones[ANNA][0].data["message"] == ASKED


async def test_help_when_caregiver_alerts_are_off(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """The switch silences automatic alerts, never the person's own call."""
    await hass.services.async_call(
        "switch",
        "turn_off",
        {"entity_id": "switch.diane_caregiver_alerts"},
        blocking=True,
    )
    await make_risk_high(hass)
    assert _counts(phones) == [0, 0, 0]
    await _call_for_help(hass)
    assert _counts(phones) == [1, 1, 1]
    for _ in range(2):  # and it keeps calling while nobody answers
        await tick(hass, freezer, minutes=10)
    assert _counts(phones) == [3, 3, 3]
    assert init_integration.runtime_data.alerts.state.open is not None


async def test_help_joins_an_open_alert_and_reaches_everyone(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """A high risk has reached Paul; a call for help reaches all three at once."""
    await make_risk_high(hass)
    await tick(hass, freezer, minutes=3)
    await _call_for_help(hass)
    assert _counts(phones) == [2, 1, 1]
    assert phones[TOM][0].data["message"] == f"{ASKED}\n{HIGH_RISK}"
    # The clock is the older one's: 23:10 is the next step (everyone again).
    await tick(hass, freezer, minutes=7)
    assert _counts(phones) == [3, 2, 2]


@pytest.mark.parametrize("caregivers", [[]])
@pytest.mark.usefixtures("init_integration")
async def test_help_with_nobody_to_call_says_so(
    hass: HomeAssistant, phones: Phones
) -> None:
    """No caregiver is set up: the person is told, and Home Assistant shows it."""
    with pytest.raises(HomeAssistantError) as refused:
        await _call_for_help(hass)
    assert refused.value.translation_key == "no_caregiver"
    await settle_tasks(hass)
    # Every user sees it, so it says who has nobody to call, not the words.
    [note] = shown_notifications(hass).values()
    assert note["message"].startswith("No caregiver is set up for Diane")
