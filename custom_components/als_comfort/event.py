"""The `comfort_alert` event entity: what happened to the caregiver alerts.

It renders the `als_comfort_alert` bus events of its person: `alert_sent`,
`acknowledged` (with who pressed), `escalated` and `delivery_failed`, with the
alert id, kind, reason keys and the caregiver target as attributes. Never the
message: that may hold health data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.components.event import EventEntity
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .alert_escalation import ALERT_EVENT_TYPES
from .const import EVENT_ALERT
from .runtime import AlsComfortConfigEntry

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AlsComfortConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the person's comfort alert event entity."""
    async_add_entities([ComfortAlertEvent(entry)])


class ComfortAlertEvent(EventEntity):
    """Shows each step of the person's caregiver alerts as an event."""

    _attr_has_entity_name = True
    _attr_should_poll = False
    _attr_translation_key = "comfort_alert"

    def __init__(self, entry: AlsComfortConfigEntry) -> None:
        """Attach the entity to the person's device."""
        self._attr_event_types = list(ALERT_EVENT_TYPES)
        self._entry_id = entry.entry_id
        self._attr_unique_id = f"{entry.entry_id}_comfort_alert"
        self._attr_device_info = entry.runtime_data.device_info

    async def async_added_to_hass(self) -> None:
        """Listen to the person's alert events while the entity exists."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self.hass.bus.async_listen(EVENT_ALERT, self._on_alert, self._ours)
        )

    @callback
    def _ours(self, data: Mapping[str, Any]) -> bool:
        """Return whether an alert event is about this person."""
        return data.get("config_entry_id") == self._entry_id

    @callback
    def _on_alert(self, event: Event) -> None:
        """Show an alert event with its details as attributes."""
        details = {
            key: value
            for key, value in event.data.items()
            if key not in {"config_entry_id", "type"}
        }
        self._trigger_event(event.data["type"], details)
        self.async_write_ha_state()
