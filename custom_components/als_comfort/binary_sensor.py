"""Binary sensors: cold room, overexertion, cramp cluster and the night window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .entity import AlsComfortEntity
from .models import RiskSnapshot
from .runtime import AlsComfortConfigEntry

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class AlsComfortBinarySensorDescription(BinarySensorEntityDescription):
    """How a binary sensor reads its verdict from the snapshot (None: unknown)."""

    is_on_fn: Callable[[RiskSnapshot], bool | None]


BINARY_SENSORS: tuple[AlsComfortBinarySensorDescription, ...] = (
    AlsComfortBinarySensorDescription(
        key="cold_room",
        translation_key="cold_room",
        device_class=BinarySensorDeviceClass.COLD,
        is_on_fn=lambda snapshot: snapshot.cold_room,
    ),
    AlsComfortBinarySensorDescription(
        key="overexertion",
        translation_key="overexertion",
        device_class=BinarySensorDeviceClass.PROBLEM,
        is_on_fn=lambda snapshot: snapshot.overexertion,
    ),
    AlsComfortBinarySensorDescription(
        key="cramp_cluster",
        translation_key="cramp_cluster",
        device_class=BinarySensorDeviceClass.PROBLEM,
        is_on_fn=lambda snapshot: snapshot.cramp_cluster,
    ),
    AlsComfortBinarySensorDescription(
        key="night_window",
        translation_key="night_window",
        is_on_fn=lambda snapshot: snapshot.night_window,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AlsComfortConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the person's binary sensors."""
    async_add_entities(
        AlsComfortBinarySensor(entry, description) for description in BINARY_SENSORS
    )


class AlsComfortBinarySensor(AlsComfortEntity, BinarySensorEntity):
    """A binary sensor rendering one verdict of the risk snapshot."""

    entity_description: AlsComfortBinarySensorDescription

    @property
    def is_on(self) -> bool | None:
        """Return the verdict; None shows as unknown, never as warm or cold."""
        return self.entity_description.is_on_fn(self.coordinator.data)
