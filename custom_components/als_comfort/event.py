"""The `comfort_alert` event entity: what happened to the caregiver alerts.

It renders what the person's alerts announce: `alert_sent`,
`acknowledged` (with who pressed, `acknowledged_by`), `escalated` and
`delivery_failed`, with the kind, reason keys and the caregiver target as
attributes. Never the message (it may hold health data), nor the alert's id or
its Acknowledge action id: that is a secret (SPEC §11).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .alerts import ALERT_EVENT_TYPES
from .announce import async_hear
from .const import EVENT_ALERT
from .entity import PersonEntity
from .runtime import AlsComfortConfigEntry

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AlsComfortConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the person's comfort alert event entity."""
    async_add_entities([ComfortAlertEvent(entry)])


COMFORT_ALERT = EventEntityDescription(
    key="comfort_alert",
    translation_key="comfort_alert",
    event_types=list(ALERT_EVENT_TYPES),
)


class ComfortAlertEvent(PersonEntity, EventEntity):
    """Shows each step of the person's caregiver alerts as an event."""

    def __init__(self, entry: AlsComfortConfigEntry) -> None:
        """Attach the entity to the person's device."""
        super().__init__(entry, COMFORT_ALERT)
        self._entry_id = entry.entry_id

    async def async_added_to_hass(self) -> None:
        """Hear the person's alert announcements while the entity exists."""
        await super().async_added_to_hass()
        self.async_on_remove(
            async_hear(self.hass, self._entry_id, EVENT_ALERT, self._on_alert)
        )

    @callback
    def _on_alert(self, data: Mapping[str, Any]) -> None:
        """Show an alert announcement with its details as attributes."""
        details = {key: value for key, value in data.items() if key != "type"}
        self._trigger_event(data["type"], details)
        self.async_write_ha_state()
