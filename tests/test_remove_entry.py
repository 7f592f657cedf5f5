"""Deleting a person: nothing they started is left behind on a caregiver's phone."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .conftest import (
    ANNA,
    DIANE_ENTRY_ID,
    PAUL,
    TOM,
    Phones,
    alerts_entry,
    make_risk_high,
    settle_tasks,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

CLEAR = {
    "message": "clear_notification",
    "data": {"tag": f"als_comfort_{DIANE_ENTRY_ID}"},
}


@pytest.fixture
def mock_config_entry(
    caregivers: list[str], options: dict[str, Any]
) -> MockConfigEntry:
    """Diane's entry: three caregivers, alerts only."""
    return alerts_entry(caregivers, options)


async def _remove(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Delete the entry as a person does in the UI."""
    assert await hass.config_entries.async_remove(entry.entry_id)
    await settle_tasks(hass)


async def test_removal_clears_an_open_alert_from_the_phones_it_reached(
    hass: HomeAssistant,
    phones: Phones,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """An alert nobody acknowledged leaves no dead Acknowledge button behind."""
    await make_risk_high(hass)
    assert len(phones[PAUL]) == 1
    assert phones[ANNA] == [] == phones[TOM]

    await _remove(hass, init_integration)
    assert [call.data for call in phones[PAUL][1:]] == [CLEAR]
    assert phones[ANNA] == [] == phones[TOM]  # never reached: nothing to clear
    assert f"als_comfort.{DIANE_ENTRY_ID}.alerts" not in hass_storage
    assert f"als_comfort.{DIANE_ENTRY_ID}.inputs" not in hass_storage


async def test_removal_after_acknowledgement_sends_nothing(
    hass: HomeAssistant, phones: Phones, init_integration: MockConfigEntry
) -> None:
    """An acknowledged alert is already cleared: removal calls no phone."""
    await make_risk_high(hass)
    await hass.services.async_call(
        "als_comfort",
        "acknowledge_alert",
        {"config_entry_id": DIANE_ENTRY_ID},
        blocking=True,
    )
    await settle_tasks(hass)
    sent = {target: len(calls) for target, calls in phones.items()}

    await _remove(hass, init_integration)
    assert {target: len(calls) for target, calls in phones.items()} == sent
