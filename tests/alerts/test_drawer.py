"""A caregiver reached through Home Assistant's own notification drawer.

`notify.persistent_notification` (the demo's caregiver) shows the alert in the
drawer, which has no Acknowledge button. The alert keeps one notification there
(repeats replace it), says how to acknowledge, and is taken away once
acknowledged. Dismissing it does not acknowledge: the drawer does not tell who
dismissed it, and "Dismiss all" is not an answer; the alert goes on.
"""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.alerts import async_acknowledge
from tests.conftest import (
    DIANE_ENTRY_ID as ENTRY_ID,
    GO_NOW,
    HOW_TO_ACKNOWLEDGE,
    alerts_entry,
    log_severe_cramp,
    settle_tasks,
    shown_notifications,
    tick,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

DRAWER = "notify.persistent_notification"
NOTIFICATION_ID = f"als_comfort_{ENTRY_ID}"
SAID = f"Diane logged a severe cramp (9/10) in the calf.{GO_NOW}"


@pytest.fixture
def caregivers() -> list[str]:
    """Only Home Assistant's drawer, as in the demo."""
    return [DRAWER]


@pytest.fixture
def mock_config_entry(
    caregivers: list[str], options: dict[str, Any]
) -> MockConfigEntry:
    """Diane's entry with the drawer as caregiver (comforts left out)."""
    return alerts_entry(caregivers, options)


@pytest.fixture
async def drawer(hass: HomeAssistant) -> None:
    """Home Assistant's drawer, and the notify integration that offers it as a notifier."""
    assert await async_setup_component(hass, "persistent_notification", {})
    assert await async_setup_component(hass, "notify", {})


@pytest.mark.usefixtures("drawer")
async def test_one_notification_that_says_how_to_acknowledge(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
) -> None:
    """Shown with its own id; passed on and called again: still one notification."""
    await log_severe_cramp(hass, 9)
    assert list(shown_notifications(hass)) == [NOTIFICATION_ID]
    shown = shown_notifications(hass)[NOTIFICATION_ID]
    assert shown["title"] == "Urgent: Diane needs help"
    assert shown["message"] == SAID + HOW_TO_ACKNOWLEDGE

    for _ in range(2):  # everyone (the drawer again), then nobody answered
        await tick(hass, freezer, minutes=10)
    assert list(shown_notifications(hass)) == [NOTIFICATION_ID]
    shown = shown_notifications(hass)[NOTIFICATION_ID]
    assert shown["title"] == "Nobody has answered: Diane needs help"

    assert await async_acknowledge(hass, init_integration, None)
    await settle_tasks(hass)
    assert shown_notifications(hass) == {}  # taken away; no "clear_notification"


@pytest.mark.usefixtures("drawer")
async def test_dismissing_does_not_acknowledge(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
) -> None:
    """Dismissed in the drawer: still open, and back at the next step."""
    await log_severe_cramp(hass, 9)
    await hass.services.async_call(
        "persistent_notification",
        "dismiss",
        {"notification_id": NOTIFICATION_ID},
        blocking=True,
    )
    await settle_tasks(hass)
    assert init_integration.runtime_data.alerts.state.open is not None
    await tick(hass, freezer, minutes=10)
    assert list(shown_notifications(hass)) == [NOTIFICATION_ID]
