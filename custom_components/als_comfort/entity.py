"""The base entities of ALS Comfort: one device per person, one unique-id rule.

The coordinator publishes a snapshot only when it changed, so an entity that
renders the snapshot is written only when something it could show changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.const import UnitOfTemperature
from homeassistant.helpers.entity import Entity, EntityDescription
from homeassistant.helpers.update_coordinator import CoordinatorEntity
from homeassistant.util.unit_conversion import TemperatureConverter

from .coordinator import AlsComfortCoordinator
from .runtime import AlsComfortConfigEntry
from .snapshot import RiskSnapshot


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


@dataclass(frozen=True, kw_only=True)
class Shown:
    """How a person's values are shown: their thermometer, the user's unit."""

    temperature_entity: str
    unit: str

    def temperature(self, celsius: float) -> float:
        """Return a °C temperature in the user's unit, to a tenth."""
        converted = TemperatureConverter.convert(
            celsius, UnitOfTemperature.CELSIUS, self.unit
        )
        return round(converted, 1)


@dataclass(frozen=True, kw_only=True)
class SnapshotEntityDescription(EntityDescription):
    """An entity that renders the snapshot, and the attributes it shows, if any."""

    attributes_fn: Callable[[RiskSnapshot, Shown], dict[str, Any]] | None = None


class AlsComfortEntity(CoordinatorEntity[AlsComfortCoordinator], PersonEntity):
    """A person's entity that renders the coordinator's snapshot."""

    entity_description: SnapshotEntityDescription

    def __init__(
        self, entry: AlsComfortConfigEntry, description: SnapshotEntityDescription
    ) -> None:
        """Follow the person's coordinator; name and attach the entity."""
        CoordinatorEntity.__init__(self, entry.runtime_data.coordinator)
        PersonEntity.__init__(self, entry, description)
        self._temperature_entity = entry.runtime_data.person.temperature_sensor

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """Return the attributes the description reads from the snapshot, if any."""
        if self.entity_description.attributes_fn is None:
            return None
        shown = Shown(
            temperature_entity=self._temperature_entity,
            unit=str(self.hass.config.units.temperature_unit),
        )
        return self.entity_description.attributes_fn(self.coordinator.data, shown)
