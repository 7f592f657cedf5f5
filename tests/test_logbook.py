"""Tests for the logbook descriptions of the integration's events."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeassistant.core import Event, HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort import const, logbook
from custom_components.als_comfort.alerts import ALERT_EVENT_TYPES
from custom_components.als_comfort.logbook import async_describe_events


def _describers(hass: HomeAssistant) -> dict[str, Callable[[Event], dict[str, str]]]:
    """Collect the describer of each event type."""
    found: dict[str, Callable[[Event], dict[str, str]]] = {}

    def describe(domain: str, event_type: str, describer: Any) -> None:
        assert domain == "als_comfort"
        found[event_type] = describer

    async_describe_events(hass, describe)
    return found


async def test_logbook_messages(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Each event reads as a sentence about the person, without notes."""
    describe = _describers(hass)
    entry_id = init_integration.entry_id
    cases = [
        (
            "als_comfort_episode_logged",
            {
                "config_entry_id": entry_id,
                "kind": "cramp",
                "body_area": "calf",
                "severity": 8,
            },
            "logged a cramp (calf), severity 8/10",
            "mdi:lightning-bolt",
        ),
        (
            "als_comfort_episode_logged",
            {
                "config_entry_id": entry_id,
                "kind": "spasticity",
                "body_area": "unspecified",
            },
            "logged a spasticity",
            "mdi:arm-flex",
        ),
        (
            "als_comfort_activity_logged",
            {"config_entry_id": entry_id, "minutes": 30, "intensity": "moderate"},
            "logged 30 minutes of moderate activity",
            "mdi:walk",
        ),
        (
            "als_comfort_repositioning_logged",
            {"config_entry_id": entry_id, "position": "left side"},
            "was repositioned (left side)",
            "mdi:rotate-3d-variant",
        ),
        (
            "als_comfort_repositioning_logged",
            {"config_entry_id": entry_id, "position": ""},
            "was repositioned",
            "mdi:rotate-3d-variant",
        ),
        (
            "als_comfort_action",
            {"config_entry_id": entry_id, "action": "heating_started"},
            "heating started",
            "mdi:radiator",
        ),
        (
            "als_comfort_alert",
            {"config_entry_id": entry_id, "type": "alert_sent"},
            "caregiver alert: alert sent",
            "mdi:bell-ring",
        ),
        (
            "als_comfort_alert",
            {"config_entry_id": entry_id, "type": "unanswered"},
            "caregiver alert: unanswered",
            "mdi:bell-alert",
        ),
    ]
    for event_type, data, message, icon in cases:
        described = describe[event_type](Event(event_type, data))
        assert described == {"name": "Diane", "message": message, "icon": icon}
    orphan = describe["als_comfort_action"](
        Event("als_comfort_action", {"action": "x"})
    )
    assert orphan["name"] == "ALS Comfort"
    assert orphan["icon"] == "mdi:radiator"  # an action it does not know yet


def test_every_action_and_alert_has_its_own_icon() -> None:
    """No logbook line of a known action or alert type falls back to a generic icon."""
    actions = {
        value
        for name, value in vars(const).items()
        if name.startswith("ACTION_") and isinstance(value, str)
    }
    assert actions <= set(logbook.ACTION_ICONS)
    assert set(ALERT_EVENT_TYPES) <= set(logbook.ALERT_ICONS)
    assert set(const.EPISODE_KINDS) <= set(logbook.EPISODE_ICONS)
