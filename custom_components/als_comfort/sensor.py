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
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .const import BODY_AREAS, EPISODE_KINDS
from .daily import DailyCountsCoordinator
from .entity import AlsComfortEntity, PersonEntity, Shown, SnapshotEntityDescription
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


@dataclass(frozen=True, kw_only=True)
class DailyCountDescription(SensorEntityDescription):
    """A daily count: the kind of episode it counts."""

    kind: str


# The daily counts: the recorder keeps them as long-term statistics (state class
# total, restarting at local midnight), so the statistics-graph card charts
# episodes per day over months. No unit: a translated unit would change with
# the language, and the recorder stops compiling statistics whose unit changed.
DAILY_COUNTS: tuple[DailyCountDescription, ...] = tuple(
    DailyCountDescription(
        key=key,
        translation_key=key,
        state_class=SensorStateClass.TOTAL,
        kind=kind,
    )
    for key, kind in (
        ("cramps_today", "cramp"),
        ("spasticity_today", "spasticity"),
        ("fasciculations_today", "fasciculation"),
    )
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AlsComfortConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the person's sensors."""
    async_add_entities(AlsComfortSensor(entry, description) for description in SENSORS)
    daily = DailyCountsCoordinator(hass, entry)
    daily.async_start()
    async_add_entities(
        DailyCountSensor(daily, entry, description) for description in DAILY_COUNTS
    )


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


class DailyCountSensor(
    CoordinatorEntity[DailyCountsCoordinator], PersonEntity, SensorEntity
):
    """Today's count of one kind of episode, written only when it changes.

    The three counts are published together; one kind's change writes nothing
    for the others, not even an unchanged state: one write per change.
    """

    entity_description: DailyCountDescription
    _written: tuple[int, datetime] | None = None

    def __init__(
        self,
        daily: DailyCountsCoordinator,
        entry: AlsComfortConfigEntry,
        description: DailyCountDescription,
    ) -> None:
        """Follow the person's daily counts; name and attach the sensor."""
        CoordinatorEntity.__init__(self, daily)
        PersonEntity.__init__(self, entry, description)

    @property
    def native_value(self) -> int:
        """Return today's count of the kind."""
        return self.coordinator.data.counts[self.entity_description.kind]

    @property
    def last_reset(self) -> datetime:
        """Return the local midnight the count started at."""
        return self.coordinator.data.day

    async def async_added_to_hass(self) -> None:
        """Remember the first state, which the platform writes next."""
        await super().async_added_to_hass()
        self._written = (self.native_value, self.last_reset)

    @callback
    def _handle_coordinator_update(self) -> None:
        """Write the state only if the count or its day changed."""
        shown = (self.native_value, self.last_reset)
        if shown != self._written:
            self._written = shown
            self.async_write_ha_state()
