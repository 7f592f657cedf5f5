"""Binary sensors: cold room, overexertion, cramp cluster and the night window.

The cold-room and night-window sensors also say what they are measured against
(the threshold and the thermometer; the window's edges), so that a dashboard
can show it, all taken from the snapshot. These attributes change only with the
options, the unit system, the time zone or at a window edge, never with a
temperature reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.const import (
    EVENT_CORE_CONFIG_UPDATE,
    STATE_OFF,
    STATE_ON,
    UnitOfTemperature,
)
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.restore_state import RestoreEntity
from homeassistant.util.unit_conversion import TemperatureConverter

from .entity import AlsComfortEntity
from .runtime import AlsComfortConfigEntry
from .snapshot import RiskSnapshot

PARALLEL_UPDATES = 0

# Settings rather than history: kept out of the recorder.
STATIC_ATTRIBUTES = frozenset(
    {
        "temperature_entity",
        "threshold",
        "clears_above",
        "temperature_unit",
        "opens",
        "bedtime",
        "closes",
    }
)


@dataclass(frozen=True, kw_only=True)
class Shown:
    """How the attributes are shown: the thermometer and the user's unit."""

    temperature_entity: str
    unit: str

    def temperature(self, celsius: float) -> float:
        """Return a °C temperature in the user's unit, to a tenth."""
        converted = TemperatureConverter.convert(
            celsius, UnitOfTemperature.CELSIUS, self.unit
        )
        return round(converted, 1)


@dataclass(frozen=True, kw_only=True)
class AlsComfortBinarySensorDescription(BinarySensorEntityDescription):
    """How a binary sensor reads its verdict from the snapshot (None: unknown)."""

    is_on_fn: Callable[[RiskSnapshot], bool | None]
    attributes_fn: Callable[[RiskSnapshot, Shown], dict[str, Any]] | None = None


def _cold_room_attributes(snapshot: RiskSnapshot, shown: Shown) -> dict[str, Any]:
    """Return the thermometer and the thresholds, in the user's unit system."""
    return {
        "temperature_entity": shown.temperature_entity,
        "threshold": shown.temperature(snapshot.cold_threshold_c),
        "clears_above": shown.temperature(snapshot.clears_above_c),
        "temperature_unit": shown.unit,
    }


def _night_window_attributes(snapshot: RiskSnapshot, _shown: Shown) -> dict[str, Any]:
    """Return the current or next window: when it opens, the bedtime, when it closes.

    They change when the window closes (then they describe the next one), so
    never between two changes of the sensor's own state.
    """
    return {
        "opens": snapshot.window_opens.isoformat(),
        "bedtime": snapshot.bedtime.isoformat(),
        "closes": snapshot.window_closes.isoformat(),
    }


BINARY_SENSORS: tuple[AlsComfortBinarySensorDescription, ...] = (
    AlsComfortBinarySensorDescription(
        key="cold_room",
        translation_key="cold_room",
        device_class=BinarySensorDeviceClass.COLD,
        is_on_fn=lambda snapshot: snapshot.cold_room,
        attributes_fn=_cold_room_attributes,
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
        attributes_fn=_night_window_attributes,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AlsComfortConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the person's binary sensors."""
    async_add_entities(
        (
            ColdRoomBinarySensor
            if description.key == "cold_room"
            else AlsComfortBinarySensor
        )(entry, description)
        for description in BINARY_SENSORS
    )


class AlsComfortBinarySensor(AlsComfortEntity, BinarySensorEntity):
    """A binary sensor rendering one verdict of the risk snapshot."""

    entity_description: AlsComfortBinarySensorDescription
    _unrecorded_attributes = STATIC_ATTRIBUTES

    def __init__(
        self,
        entry: AlsComfortConfigEntry,
        description: AlsComfortBinarySensorDescription,
    ) -> None:
        """Name the sensor; note the thermometer its attributes name."""
        super().__init__(entry, description)
        self._temperature_entity = entry.runtime_data.person.temperature_sensor

    @property
    def is_on(self) -> bool | None:
        """Return the verdict; None shows as unknown, never as warm or cold."""
        return self.entity_description.is_on_fn(self.coordinator.data)

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """Return what the verdict is measured against, where the sensor has it."""
        if self.entity_description.attributes_fn is None:
            return None
        shown = Shown(
            temperature_entity=self._temperature_entity,
            unit=str(self.hass.config.units.temperature_unit),
        )
        return self.entity_description.attributes_fn(self.coordinator.data, shown)

    async def async_added_to_hass(self) -> None:
        """Follow changes of the unit system and the time zone, too."""
        await super().async_added_to_hass()
        if self.entity_description.attributes_fn is not None:
            self.async_on_remove(
                self.hass.bus.async_listen(
                    EVENT_CORE_CONFIG_UPDATE, self._on_config_change
                )
            )

    @callback
    def _on_config_change(self, _event: Event) -> None:
        """Write the attributes again: the unit system may have changed."""
        self.async_write_ha_state()


class ColdRoomBinarySensor(AlsComfortBinarySensor, RestoreEntity):
    """The cold-room verdict, whose last state helps once: after an upgrade.

    The verdict is remembered by the coordinator's own store; an entry set up
    by an earlier version has none yet, and then the state this sensor showed
    before the restart keeps the hysteresis.
    """

    async def async_added_to_hass(self) -> None:
        """Hand the state shown before the restart to the coordinator."""
        await super().async_added_to_hass()
        last = await self.async_get_last_state()
        if last is not None and last.state in (STATE_ON, STATE_OFF):
            self.coordinator.async_adopt_cold_room(last.state == STATE_ON)
