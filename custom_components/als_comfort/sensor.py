"""Sensors: the cramp risk level and score, the exertion load and the log's figures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import PERCENTAGE
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from .const import BODY_AREAS, EPISODE_KINDS
from .entity import AlsComfortEntity, Shown, SnapshotEntityDescription
from .risk import RiskLevel
from .runtime import AlsComfortConfigEntry
from .snapshot import EpisodeSummary, RiskSnapshot

PARALLEL_UPDATES = 0

# Shown on the dashboard, but history needs only the last episode's own attributes.
RECENT_EPISODES = "recent_episodes"
# What the card offers to log: the integration's own vocabulary, never recorded.
BODY_AREAS_ATTRIBUTE = "body_areas"
EPISODE_KINDS_ATTRIBUTE = "episode_kinds"


@dataclass(frozen=True, kw_only=True)
class AlsComfortSensorDescription(SensorEntityDescription, SnapshotEntityDescription):
    """How a sensor reads its value (and attributes) from the snapshot."""

    value_fn: Callable[[RiskSnapshot], StateType | datetime]


def _count_of(kind: str) -> Callable[[RiskSnapshot], StateType | datetime]:
    """Read the 24-hour count of one kind of episode."""
    return lambda snapshot: snapshot.counts_24h[kind]


def _episode(episode: EpisodeSummary) -> dict[str, Any]:
    """Describe one episode for the dashboard: when, what, where, how bad; no note."""
    return {
        "when": episode.when.isoformat(),
        "kind": episode.kind,
        "body_area": episode.body_area,
        "severity": episode.severity,
    }


def _last_episode_attributes(snapshot: RiskSnapshot, _shown: Shown) -> dict[str, Any]:
    """Return the last episodes, and the kinds and body areas one can log."""
    last = snapshot.last_episode
    return {
        "kind": last.kind if last else None,
        "body_area": last.body_area if last else None,
        "severity": last.severity if last else None,
        RECENT_EPISODES: [_episode(episode) for episode in snapshot.recent_episodes],
        BODY_AREAS_ATTRIBUTE: list(BODY_AREAS),
        EPISODE_KINDS_ATTRIBUTE: list(EPISODE_KINDS),
    }


SENSORS: tuple[AlsComfortSensorDescription, ...] = (
    AlsComfortSensorDescription(
        key="cramp_risk",
        translation_key="cramp_risk",
        device_class=SensorDeviceClass.ENUM,
        options=[level.value for level in RiskLevel],
        value_fn=lambda snapshot: snapshot.level.value,
        attributes_fn=lambda snapshot, _shown: {
            "reasons": [reason.value for reason in snapshot.reasons],
            "score": snapshot.score,
        },
    ),
    AlsComfortSensorDescription(
        key="cramp_risk_score",
        translation_key="cramp_risk_score",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda snapshot: snapshot.score,
    ),
    AlsComfortSensorDescription(
        key="exertion_load",
        translation_key="exertion_load",
        native_unit_of_measurement=PERCENTAGE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=lambda snapshot: snapshot.exertion_percent,
    ),
    AlsComfortSensorDescription(
        key="last_episode",
        translation_key="last_episode",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda snapshot: (
            snapshot.last_episode.when if snapshot.last_episode else None
        ),
        attributes_fn=_last_episode_attributes,
    ),
    *(
        AlsComfortSensorDescription(
            key=key,
            translation_key=key,
            state_class=SensorStateClass.MEASUREMENT,
            value_fn=_count_of(kind),
        )
        for key, kind in (
            ("cramps_24h", "cramp"),
            ("spasticity_24h", "spasticity"),
            ("fasciculations_24h", "fasciculation"),
        )
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AlsComfortConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the person's sensors."""
    async_add_entities(AlsComfortSensor(entry, description) for description in SENSORS)


class AlsComfortSensor(AlsComfortEntity, SensorEntity):
    """A sensor rendering one value of the risk snapshot."""

    entity_description: AlsComfortSensorDescription
    _unrecorded_attributes = frozenset(
        {RECENT_EPISODES, BODY_AREAS_ATTRIBUTE, EPISODE_KINDS_ATTRIBUTE}
    )

    @property
    def native_value(self) -> StateType | datetime:
        """Return the value from the latest snapshot."""
        return self.entity_description.value_fn(self.coordinator.data)
