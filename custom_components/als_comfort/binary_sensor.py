"""Binary sensors: cold room, overexertion, cramp cluster, night window, stillness.

The cold-room and night-window sensors also say what they are measured against
(the threshold and the thermometer; the window's edges), so that a dashboard
can show it, all taken from the snapshot. These attributes change only with the
options, the unit system, the time zone or at a window edge, never with a
temperature reading. The long-stillness sensor says when the person last moved
(`last_movement`, to the minute for the movement sensor; null when unknown).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.const import EVENT_CORE_CONFIG_UPDATE, STATE_OFF, STATE_ON
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.restore_state import RestoreEntity
from homeassistant.util import dt as dt_util

from .entity import AlsComfortEntity, Shown, SnapshotEntityDescription
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
class AlsComfortBinarySensorDescription(
    BinarySensorEntityDescription, SnapshotEntityDescription
):
    """How a binary sensor reads its verdict from the snapshot (None: unknown)."""

    is_on_fn: Callable[[RiskSnapshot], bool | None]


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


def _stillness_attributes(snapshot: RiskSnapshot, _shown: Shown) -> dict[str, Any]:
    """Return when the person last moved: sensor change or logged repositioning."""
    moved = snapshot.last_movement
    return {"last_movement": dt_util.as_local(moved).isoformat() if moved else None}


BINARY_SENSORS: tuple[AlsComfortBinarySensorDescription, ...] = (
    AlsComfortBinarySensorDescription(
        key="cold_room",
        translation_key="cold_room",
        device_class=BinarySensorDeviceClass.COLD,
        is_on_fn=lambda snapshot: snapshot.cold_room,
        attributes_fn=_cold_room_attributes,
    ),
    *(
        AlsComfortBinarySensorDescription(
            key=key,
            translation_key=key,
            device_class=BinarySensorDeviceClass.PROBLEM,
            is_on_fn=attrgetter(key),
        )
        for key in ("overexertion", "cramp_cluster")
    ),
    AlsComfortBinarySensorDescription(
        key="night_window",
        translation_key="night_window",
        is_on_fn=lambda snapshot: snapshot.night_window,
        attributes_fn=_night_window_attributes,
    ),
    AlsComfortBinarySensorDescription(
        key="long_stillness",
        translation_key="long_stillness",
        device_class=BinarySensorDeviceClass.PROBLEM,
        is_on_fn=lambda snapshot: snapshot.long_stillness,
        attributes_fn=_stillness_attributes,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AlsComfortConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the person's binary sensors."""
    async_add_entities(_binary_sensor(entry, desc) for desc in BINARY_SENSORS)


def _binary_sensor(
    entry: AlsComfortConfigEntry, description: AlsComfortBinarySensorDescription
) -> AlsComfortBinarySensor:
    """Return the entity of a description; the cold room's restores its last state."""
    if description.key == "cold_room":
        return ColdRoomBinarySensor(entry, description)
    return AlsComfortBinarySensor(entry, description)


class AlsComfortBinarySensor(AlsComfortEntity, BinarySensorEntity):
    """A binary sensor rendering one verdict of the risk snapshot."""

    entity_description: AlsComfortBinarySensorDescription
    _unrecorded_attributes = STATIC_ATTRIBUTES

    @property
    def is_on(self) -> bool | None:
        """Return the verdict; None shows as unknown, never as warm or cold."""
        return self.entity_description.is_on_fn(self.coordinator.data)

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
