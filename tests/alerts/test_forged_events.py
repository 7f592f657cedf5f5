"""The bus is an output: forged `als_comfort_*` events steer nothing (SPEC §11).

Anyone can fire an event on the bus (a read-only user's phone can, through the
companion app's webhook). Fired with Diane's own config entry id and the
worst figures, they must not raise, fake or silence a caregiver alert, start
the heating watchdog or change the `comfort_alert` event entity.
"""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from tests.conftest import (
    DIANE_ENTRY_ID as ENTRY_ID,
    HIGH_RISK,
    PAUL,
    THERMOSTAT,
    Phones,
    alerts_entry,
    make_risk_high,
    settle_tasks,
    tick,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

EVENT_ENTITY = "event.diane_comfort_alert"


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
                "episode_id": "01KFORGED",
                "kind": "cramp",
                "body_area": "calf",
                "severity": 10,
                "when": now,
            },
        ),
        (
            "als_comfort_action",
            {"action": "heating_started", "entity_id": THERMOSTAT, "reason": None},
        ),
        (
            "als_comfort_alert",
            {
                "alert_id": alert_id,
                "type": "acknowledged",
                "kind": "severe_cramp",
                "reasons": ["severe_cramp"],
                "caregiver": PAUL,
                "user_id": None,
                "acknowledged_by": "Mallory",
            },
        ),
    ]


async def test_forged_events_change_nothing(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """No notification, no acknowledgement, no watchdog, no event-entity change."""
    await make_risk_high(hass)  # an open alert; no severe cramp yet (no cooldown)
    alerts = init_integration.runtime_data.alerts
    opened = alerts.state.open
    assert opened is not None
    assert [len(calls) for calls in phones.values()] == [1, 0, 0]
    shown = hass.states.get(EVENT_ENTITY)

    for event_type, data in _forged(opened.alert_id):
        hass.bus.async_fire(event_type, {"config_entry_id": ENTRY_ID, **data})
    await settle_tasks(hass)

    assert [len(calls) for calls in phones.values()] == [1, 0, 0]
    assert alerts.state.open is opened  # not acknowledged, not replaced
    assert alerts.state.heating_since is None  # no heating watchdog
    after = hass.states.get(EVENT_ENTITY)
    assert (after.state, after.attributes) == (shown.state, shown.attributes)

    # Only the real alert goes on, caregiver after caregiver; never a heating alert.
    for _ in range(3):
        await tick(hass, freezer, minutes=10)
    messages = [call.data["message"] for calls in phones.values() for call in calls]
    assert messages == [HIGH_RISK] * 6
    assert alerts.state.open is opened
