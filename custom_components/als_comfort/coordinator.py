"""The per-person coordinator: turns input events into a published risk snapshot.

It owns every listener and timer of a loaded entry: state changes of the bedroom
thermometer and the optional activity sensor, one timer for the next instant the
verdict can change by time alone (window edge, cluster expiry, decay step), and the
time-zone setting. It never polls. Each event recomputes the pure engine and
publishes a new snapshot only when something a user can see has changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
import math
from typing import TYPE_CHECKING

from homeassistant.const import (
    ATTR_UNIT_OF_MEASUREMENT,
    EVENT_CORE_CONFIG_UPDATE,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
    UnitOfTime,
)
from homeassistant.core import (
    Event,
    EventStateChangedData,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.helpers.event import (
    async_track_point_in_utc_time,
    async_track_state_change_event,
)
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from homeassistant.util import dt as dt_util
from homeassistant.util.unit_conversion import TemperatureConverter

from .const import DOMAIN, LOGGER
from .risk import (
    LoadEvent,
    Reason,
    RiskAssessment,
    RiskInputs,
    RiskLevel,
    RiskSettings,
    assess,
    steps_to_load,
)

if TYPE_CHECKING:
    from .runtime import AlsComfortConfigEntry

# A room thermometer reading outside this range (°C) is a fault, not a room.
PLAUSIBLE_ROOM_C = (-30.0, 60.0)
# Load events are forgotten once decayed below this share of their load.
FORGOTTEN_SHARE = 1 / 1024
ACTIVE_MINUTE_UNITS = {UnitOfTime.MINUTES, "minutes", "minute"}


@dataclass(frozen=True, kw_only=True)
class RiskSnapshot:
    """What the entities show; equal snapshots mean nothing visible changed."""

    level: RiskLevel
    score: int
    reasons: tuple[Reason, ...]
    cold_room: bool | None
    night_window: bool
    exertion_percent: float
    overexertion: bool
    cramp_cluster: bool

    @classmethod
    def from_assessment(cls, assessment: RiskAssessment) -> RiskSnapshot:
        """Keep the visible part of an assessment."""
        return cls(
            level=assessment.level,
            score=assessment.score,
            reasons=assessment.reasons,
            cold_room=assessment.cold_room,
            night_window=assessment.night_window,
            exertion_percent=assessment.exertion_percent,
            overexertion=assessment.overexertion,
            cramp_cluster=assessment.cramp_cluster,
        )


def temperature_from_state(state: State | None) -> float | None:
    """Read a thermometer state as °C, or None when it cannot be trusted."""
    if state is None or state.state in (STATE_UNKNOWN, STATE_UNAVAILABLE):
        return None
    unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT)
    try:
        value = float(state.state)
    except ValueError:
        LOGGER.debug(
            "Ignoring non-numeric temperature %r of %s", state.state, state.entity_id
        )
        return None
    if not math.isfinite(value) or unit not in TemperatureConverter.VALID_UNITS:
        LOGGER.debug(
            "Ignoring temperature %r %r of %s", state.state, unit, state.entity_id
        )
        return None
    celsius = TemperatureConverter.convert(value, unit, "°C")
    if not PLAUSIBLE_ROOM_C[0] <= celsius <= PLAUSIBLE_ROOM_C[1]:
        LOGGER.debug("Ignoring implausible room temperature %s °C", celsius)
        return None
    return celsius


def activity_from_state(state: State | None) -> tuple[float, bool] | None:
    """Read a cumulative activity sensor as (value, counts active minutes)."""
    if state is None:
        return None
    try:
        value = float(state.state)
    except ValueError:
        return None
    if not math.isfinite(value) or value < 0:
        return None
    return value, state.attributes.get(ATTR_UNIT_OF_MEASUREMENT) in ACTIVE_MINUTE_UNITS


class AlsComfortCoordinator(DataUpdateCoordinator[RiskSnapshot]):
    """Recompute one person's cramp risk on input events and time edges."""

    config_entry: AlsComfortConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: AlsComfortConfigEntry,
        settings: RiskSettings,
        temperature_sensor: str,
        activity_sensor: str | None,
    ) -> None:
        """Prepare the coordinator; listeners start with `async_start`."""
        super().__init__(
            hass, LOGGER, config_entry=entry, name=f"{DOMAIN} {entry.title}"
        )
        self.settings = settings
        self._temperature_sensor = temperature_sensor
        self._activity_sensor = activity_sensor
        self._activity_baseline: float | None = None
        self.load_events: list[LoadEvent] = []
        self.cramp_times: list[datetime] = []
        self._cancel_timer: Callable[[], None] | None = None

    @callback
    def async_start(self) -> None:
        """Subscribe to the inputs and publish the first snapshot."""
        entry = self.config_entry
        sensors = [self._temperature_sensor]
        if self._activity_sensor:
            sensors.append(self._activity_sensor)
            self._activity_baseline = self._activity_value()
        entry.async_on_unload(
            async_track_state_change_event(self.hass, sensors, self._on_input_change)
        )
        entry.async_on_unload(
            self.hass.bus.async_listen(EVENT_CORE_CONFIG_UPDATE, self._on_config_change)
        )
        entry.async_on_unload(self._cancel_scheduled)
        self.async_recompute()

    async def _async_update_data(self) -> RiskSnapshot:
        """Compute a snapshot on request (a manual refresh)."""
        return RiskSnapshot.from_assessment(self._assess())

    @callback
    def async_recompute(self) -> None:
        """Recompute now; publish only a changed snapshot; reschedule the timer."""
        assessment = self._assess()
        self._schedule(assessment.next_change)
        snapshot = RiskSnapshot.from_assessment(assessment)
        if snapshot != self.data:
            self.async_set_updated_data(snapshot)

    @callback
    def async_add_load(self, load: float, when: datetime) -> None:
        """Add exertion (moderate-minutes) that happened at `when`."""
        self.load_events.append(LoadEvent(at=when, load=load))
        self.async_recompute()

    def _assess(self) -> RiskAssessment:
        """Run the engine on the current inputs."""
        now = dt_util.now()
        self._forget_old_load(now)
        temperature = temperature_from_state(
            self.hass.states.get(self._temperature_sensor)
        )
        previous = self.data.cold_room if self.data is not None else None
        return assess(
            RiskInputs(
                now=now,
                temperature_c=temperature,
                was_cold=previous,
                load_events=tuple(self.load_events),
                cramp_times=tuple(self.cramp_times),
            ),
            self.settings,
        )

    def _forget_old_load(self, now: datetime) -> None:
        """Drop load events that have decayed to nothing."""
        horizon = timedelta(
            hours=self.settings.exertion_half_life_hours
            * math.log2(1 / FORGOTTEN_SHARE)
        )
        if self.load_events and now - self.load_events[0].at > horizon:
            self.load_events = [
                event for event in self.load_events if now - event.at <= horizon
            ]

    @callback
    def _on_input_change(self, event: Event[EventStateChangedData]) -> None:
        """React to the thermometer or the activity sensor changing."""
        if event.data["entity_id"] == self._activity_sensor:
            self._take_activity_increment()
        self.async_recompute()

    def _activity_value(self) -> float | None:
        """Return the activity sensor's current cumulative value, if numeric."""
        reading = activity_from_state(self.hass.states.get(self._activity_sensor or ""))
        return reading[0] if reading is not None else None

    def _take_activity_increment(self) -> None:
        """Turn an increase of the cumulative activity sensor into load."""
        reading = activity_from_state(self.hass.states.get(self._activity_sensor or ""))
        if reading is None:
            return
        value, active_minutes = reading
        baseline, self._activity_baseline = self._activity_baseline, value
        if baseline is None or value == baseline:
            return
        # A drop is a reset (a new day): what is shown now was done since then.
        increment = value - baseline if value > baseline else value
        load = increment if active_minutes else steps_to_load(increment)
        if load > 0:
            self.load_events.append(LoadEvent(at=dt_util.utcnow(), load=load))

    @callback
    def _on_config_change(self, _event: Event) -> None:
        """Follow a change of Home Assistant's time zone."""
        self.async_recompute()

    def _schedule(self, when: datetime | None) -> None:
        """Arrange one wake-up at the next instant time alone changes the verdict."""
        self._cancel_scheduled()
        if when is not None:
            self._cancel_timer = async_track_point_in_utc_time(
                self.hass, self._on_timer, when
            )

    @callback
    def _cancel_scheduled(self) -> None:
        """Cancel the pending wake-up, if any."""
        if self._cancel_timer is not None:
            self._cancel_timer()
            self._cancel_timer = None

    @callback
    def _on_timer(self, _now: datetime) -> None:
        """Recompute at a scheduled time edge."""
        self._cancel_timer = None
        self.async_recompute()
