"""Logbook entries for what the person logs and what ALS Comfort does."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from homeassistant.components.logbook.const import (
    LOGBOOK_ENTRY_ICON,
    LOGBOOK_ENTRY_MESSAGE,
    LOGBOOK_ENTRY_NAME,
)
from homeassistant.core import Event, HomeAssistant, callback

from .const import (
    DOMAIN,
    EVENT_ACTIVITY_LOGGED,
    EVENT_EPISODE_LOGGED,
    EVENT_REPOSITIONING_LOGGED,
)

EVENT_ACTION = "als_comfort_action"
EVENT_ALERT = "als_comfort_alert"

# The icon of each line, as the entities and buttons of the same thing show it
# (icons.json); the last of each table is for what it does not know yet.
EPISODE_ICONS = {
    "cramp": "mdi:lightning-bolt",
    "spasticity": "mdi:arm-flex",
    "fasciculation": "mdi:pulse",
    None: "mdi:notebook-outline",
}
ACTIVITY_ICON = "mdi:walk"
REPOSITIONING_ICON = "mdi:rotate-3d-variant"
ACTION_ICONS = {
    "heating_started": "mdi:radiator",
    "preheat_started": "mdi:radiator",
    "heating_restored": "mdi:radiator-off",
    "heating_released": "mdi:radiator-off",
    "heating_failed": "mdi:radiator-disabled",
    "heating_cannot_start": "mdi:radiator-disabled",
    "blanket_on": "mdi:bed-clock",
    "blanket_off": "mdi:bed",
    "blanket_off_failed": "mdi:alert",
    "heater_stuck_on": "mdi:alert",
    None: "mdi:radiator",
}
ALERT_ICONS = {
    "alert_sent": "mdi:bell-ring",
    "acknowledged": "mdi:bell-check",
    "escalated": "mdi:account-arrow-right",
    "delivery_failed": "mdi:bell-cancel",
    "unanswered": "mdi:bell-alert",
    None: "mdi:bell-alert",
}


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Callable[[Event], dict[str, str]]], None],
) -> None:
    """Describe the integration's bus events for the logbook."""

    def person(event: Event) -> str:
        entry = hass.config_entries.async_get_entry(
            event.data.get("config_entry_id", "")
        )
        return entry.title if entry is not None else "ALS Comfort"

    @callback
    def episode(event: Event) -> dict[str, str]:
        data = event.data
        severity = f", severity {data['severity']}/10" if data.get("severity") else ""
        where = data.get("body_area", "unspecified")
        place = "" if where == "unspecified" else f" ({where})"
        return {
            LOGBOOK_ENTRY_NAME: person(event),
            LOGBOOK_ENTRY_MESSAGE: f"logged a {data.get('kind', 'episode')}{place}{severity}",
            LOGBOOK_ENTRY_ICON: _icon(EPISODE_ICONS, data.get("kind")),
        }

    @callback
    def activity(event: Event) -> dict[str, str]:
        data = event.data
        return {
            LOGBOOK_ENTRY_NAME: person(event),
            LOGBOOK_ENTRY_MESSAGE: (
                f"logged {data.get('minutes')} minutes of {data.get('intensity')} activity"
            ),
            LOGBOOK_ENTRY_ICON: ACTIVITY_ICON,
        }

    @callback
    def repositioning(event: Event) -> dict[str, str]:
        position = event.data.get("position")
        return {
            LOGBOOK_ENTRY_NAME: person(event),
            LOGBOOK_ENTRY_MESSAGE: "was repositioned"
            + (f" ({position})" if position else ""),
            LOGBOOK_ENTRY_ICON: REPOSITIONING_ICON,
        }

    @callback
    def action(event: Event) -> dict[str, str]:
        return {
            LOGBOOK_ENTRY_NAME: person(event),
            LOGBOOK_ENTRY_MESSAGE: _words(event.data, "action"),
            LOGBOOK_ENTRY_ICON: _icon(ACTION_ICONS, event.data.get("action")),
        }

    @callback
    def alert(event: Event) -> dict[str, str]:
        return {
            LOGBOOK_ENTRY_NAME: person(event),
            LOGBOOK_ENTRY_MESSAGE: f"caregiver alert: {_words(event.data, 'type')}",
            LOGBOOK_ENTRY_ICON: _icon(ALERT_ICONS, event.data.get("type")),
        }

    async_describe_event(DOMAIN, EVENT_EPISODE_LOGGED, episode)
    async_describe_event(DOMAIN, EVENT_ACTIVITY_LOGGED, activity)
    async_describe_event(DOMAIN, EVENT_REPOSITIONING_LOGGED, repositioning)
    async_describe_event(DOMAIN, EVENT_ACTION, action)
    async_describe_event(DOMAIN, EVENT_ALERT, alert)


def _words(data: Mapping[str, Any], key: str) -> str:
    """Turn an event's snake_case key (e.g. heating_started) into words."""
    return str(data.get(key, "")).replace("_", " ")


def _icon(icons: Mapping[str | None, str], key: Any) -> str:
    """Return the icon of an event's kind, action or type (a fallback if unknown)."""
    return icons.get(key, icons[None])
