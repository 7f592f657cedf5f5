"""The base entities of ALS Comfort: one device per person, one unique-id rule.

The coordinator publishes a snapshot only when it changed, so an entity that
renders the snapshot is written only when something it could show changed.
"""

from __future__ import annotations

from homeassistant.helpers.entity import Entity, EntityDescription
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .coordinator import AlsComfortCoordinator
from .runtime import AlsComfortConfigEntry


def unique_id(entry_id: str, key: str) -> str:
    """Return the unique id of one of a person's entities, by its key."""
    return f"{entry_id}_{key}"


class PersonEntity(Entity):
    """An entity of one person's device, named by its translation key."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(
        self, entry: AlsComfortConfigEntry, description: EntityDescription
    ) -> None:
        """Name the entity by its key and attach it to the person's device."""
        self.entity_description = description
        self._attr_unique_id = unique_id(entry.entry_id, description.key)
        self._attr_device_info = entry.runtime_data.device_info


class AlsComfortEntity(CoordinatorEntity[AlsComfortCoordinator], PersonEntity):
    """A person's entity that renders the coordinator's snapshot."""

    def __init__(
        self, entry: AlsComfortConfigEntry, description: EntityDescription
    ) -> None:
        """Follow the person's coordinator; name and attach the entity."""
        CoordinatorEntity.__init__(self, entry.runtime_data.coordinator)
        PersonEntity.__init__(self, entry, description)
