"""Tests for the master switches and their restoration after a restart."""

from __future__ import annotations

from homeassistant.components.switch import DOMAIN as SWITCH_DOMAIN
from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
    Platform,
)
from homeassistant.core import HomeAssistant, State
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    mock_restore_cache,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

COMFORT_ACTIONS = "switch.diane_comfort_actions"
CAREGIVER_ALERTS = "switch.diane_caregiver_alerts"

pytestmark = pytest.mark.freeze_time("2026-11-25 12:00:00+00:00")


@pytest.fixture
def platforms() -> list[Platform]:
    """Load only the switches."""
    return [Platform.SWITCH]


async def test_snapshot(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Both switches, their registry entries and states (on when new)."""
    await snapshot_platform(hass, entity_registry, snapshot, init_integration.entry_id)


async def test_turn_off_and_on(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Turning a master switch off and on changes its state and the runtime flag."""
    for service, state, flag in (
        (SERVICE_TURN_OFF, STATE_OFF, False),
        (SERVICE_TURN_ON, STATE_ON, True),
    ):
        await hass.services.async_call(
            SWITCH_DOMAIN, service, {ATTR_ENTITY_ID: CAREGIVER_ALERTS}, blocking=True
        )
        assert hass.states.get(CAREGIVER_ALERTS).state == state
        assert init_integration.runtime_data.switches["caregiver_alerts"] is flag
    assert hass.states.get(COMFORT_ACTIONS).state == STATE_ON


async def test_position_is_restored(
    hass: HomeAssistant,
    bedroom: None,
    mock_config_entry: MockConfigEntry,
    platforms: list[Platform],
) -> None:
    """A switch a person turned off stays off after a restart."""
    mock_restore_cache(hass, [State(COMFORT_ACTIONS, STATE_OFF)])
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(COMFORT_ACTIONS).state == STATE_OFF
    assert hass.states.get(CAREGIVER_ALERTS).state == STATE_ON
    assert mock_config_entry.runtime_data.switches == {
        "comfort_actions": False,
        "caregiver_alerts": True,
    }
