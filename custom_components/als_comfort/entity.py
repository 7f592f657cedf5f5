"""The base entity of ALS Comfort: one device per person, written only on change."""

from __future__ import annotations

from typing import Any

from homeassistant.core import callback
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .coordinator import AlsComfortCoordinator
from .runtime import AlsComfortConfigEntry


class AlsComfortEntity(CoordinatorEntity[AlsComfortCoordinator]):
    """An entity of one person's device that renders the coordinator's snapshot."""

    _attr_has_entity_name = True

    def __init__(
        self, entry: AlsComfortConfigEntry, description: EntityDescription
    ) -> None:
        """Name the entity by its key and attach it to the person's device."""
        super().__init__(entry.runtime_data.coordinator)
        self.entity_description = description
        self._attr_unique_id = f"{entry.entry_id}_{description.key}"
        self._attr_device_info = entry.runtime_data.device_info
        self._rendered: Any = None

    def rendered(self) -> Any:
        """Return what this entity shows; a state is written only when it changes."""
        return (self.state, self.extra_state_attributes)

    async def async_added_to_hass(self) -> None:
        """Remember what was first written, so that only changes are written after."""
        await super().async_added_to_hass()
        self._rendered = self.rendered()

    @callback
    def _handle_coordinator_update(self) -> None:
        """Write the state only if what the entity shows has changed."""
        rendered = self.rendered()
        if rendered != self._rendered:
            self._rendered = rendered
            self.async_write_ha_state()
