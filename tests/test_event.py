"""Tests for the `comfort_alert` event entity."""

from __future__ import annotations

from typing import Any

from homeassistant.const import STATE_UNKNOWN, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.als_comfort.announce import async_announce
from custom_components.als_comfort.const import EVENT_ALERT

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

ENTITY = "event.diane_comfort_alert"


@pytest.fixture
def platforms() -> list[Platform]:
    """Load only the event entity."""
    return [Platform.EVENT]


def _alert_event(event_type: str, **extra: Any) -> dict[str, Any]:
    """Return the data of an `als_comfort_alert` announcement."""
    return {
        "type": event_type,
        "kind": "high_risk",
        "reasons": ["cold_night"],
        "caregiver": "notify.mobile_app_pauls_phone",
        **extra,
    }


async def test_snapshot(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """The entity, its registry entry, event types and translated name."""
    await snapshot_platform(hass, entity_registry, snapshot, init_integration.entry_id)


@pytest.mark.parametrize(
    "event_type",
    ["alert_sent", "escalated", "delivery_failed", "acknowledged", "unanswered"],
)
async def test_shows_each_alert_event(
    hass: HomeAssistant, init_integration: MockConfigEntry, event_type: str
) -> None:
    """Every alert event is shown with its details, never the message."""
    assert hass.states.get(ENTITY).state == STATE_UNKNOWN
    async_announce(
        hass, init_integration.entry_id, EVENT_ALERT, _alert_event(event_type)
    )
    await hass.async_block_till_done()
    state = hass.states.get(ENTITY)
    assert state.state == "2026-11-25T23:00:00.000+00:00"
    assert state.attributes["event_type"] == event_type
    assert state.attributes["kind"] == "high_risk"
    assert state.attributes["reasons"] == ["cold_night"]
    assert state.attributes["caregiver"] == "notify.mobile_app_pauls_phone"
    assert "config_entry_id" not in state.attributes
    assert "message" not in state.attributes


async def test_ignores_other_people(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Another person's alert events do not show on Diane's entity."""
    async_announce(hass, "other", EVENT_ALERT, _alert_event("alert_sent"))
    await hass.async_block_till_done()
    assert hass.states.get(ENTITY).state == STATE_UNKNOWN


async def test_last_event_survives_a_reload(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Who acknowledged the last alert is still shown after a reload."""
    async_announce(
        hass,
        init_integration.entry_id,
        EVENT_ALERT,
        _alert_event("acknowledged", acknowledged_by="Anna"),
    )
    await hass.async_block_till_done()
    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()
    state = hass.states.get(ENTITY)
    assert state.attributes["event_type"] == "acknowledged"
    assert state.attributes["acknowledged_by"] == "Anna"
