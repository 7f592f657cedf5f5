"""The per-person coordinator: turns input events into a published snapshot.

It owns every listener and timer of a loaded entry's risk: state changes of the
bedroom thermometer and the optional activity sensor, the time-zone setting, and
one timer for the next instant the verdict can change by time alone (window edge,
cluster expiry, decay step, an episode leaving the last 24 hours). It never polls.
It also turns logging requests into log entries, so that the log and the verdict
change together. A snapshot is published only when something visible changed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import datetime, timedelta
import math
from typing import TYPE_CHECKING, Any, Final

from homeassistant.const import (
    ATTR_UNIT_OF_MEASUREMENT,
    EVENT_CORE_CONFIG_UPDATE,
    UnitOfTemperature,
)
from homeassistant.core import (
    Event,
    EventStateChangedData,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from homeassistant.util import dt as dt_util

from .announce import async_announce
from .const import DOMAIN, EVENT_ACTIVITY_LOGGED, EVENT_EPISODE_LOGGED, LOGGER
from .inputs import PLAUSIBLE_ROOM_C, activity_from_state, temperature_from_state
from .memory import InputMemory
from .models import EpisodeSummary, PersonConfig, RiskSnapshot
from .risk import (
    LoadEvent,
    RiskAssessment,
    RiskInputs,
    RiskSettings,
    assess,
    decayed_load,
    in_night_window,
    is_cold,
    steps_to_load,
)
from .store import EPISODE_KINDS, Conditions, EpisodeLog
from .timers import Wakeup

if TYPE_CHECKING:
    from .runtime import AlsComfortConfigEntry

# Sensor-counted load is forgotten once decayed below this share of itself.
FORGOTTEN_SHARE: Final = 1 / 1024
COUNT_WINDOW: Final = timedelta(hours=24)
# A logged episode gets the live room temperature only if it happened this recently.
LIVE_READING_AGE: Final = timedelta(minutes=5)
# How many of the latest episodes the last-episode sensor lists.
RECENT_EPISODES: Final = 5


class AlsComfortCoordinator(DataUpdateCoordinator[RiskSnapshot]):
    """Recompute one person's cramp risk on input events and time edges."""

    config_entry: AlsComfortConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: AlsComfortConfigEntry,
        person: PersonConfig,
        settings: RiskSettings,
        log: EpisodeLog,
    ) -> None:
        """Prepare the coordinator; `async_load` reads, `async_start` listens."""
        super().__init__(
            hass, LOGGER, config_entry=entry, name=f"{DOMAIN} {entry.title}"
        )
        self.settings = settings
        self.log = log
        self._memory = InputMemory(hass, entry.entry_id)
        self._temperature_sensor = person.temperature_sensor
        self._activity_sensor = person.activity_sensor
        self._activity_baseline: float | None = None
        self._sensor_loads: list[LoadEvent] = []
        self._wakeup = Wakeup(hass, self._on_timer)

    async def async_load(self) -> None:
        """Read the log and what the inputs remember, before the first snapshot."""
        await self.log.async_load()
        await self._memory.async_load()

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
        entry.async_on_unload(self._wakeup.cancel)
        entry.async_on_unload(self._memory.async_flush)
        self.async_recompute()

    @callback
    def async_adopt_cold_room(self, verdict: bool) -> None:
        """Take the verdict the cold-room sensor showed before an upgrade.

        Versions before the input memory kept it only as the sensor's restored
        state; it counts only when nothing was remembered yet.
        """
        if self._memory.found:
            return
        self._memory.cold_room = verdict
        self.async_recompute()

    async def _async_update_data(self) -> RiskSnapshot:
        """Compute a snapshot on request (a manual refresh)."""
        return self._snapshot(dt_util.now())[0]

    @callback
    def async_recompute(self) -> None:
        """Recompute now; publish only a changed snapshot; reschedule the timer."""
        snapshot, next_change = self._snapshot(dt_util.now())
        self._schedule(next_change)
        self._memory.remember_cold_room(snapshot.cold_room)
        if snapshot != self.data:
            self.async_set_updated_data(snapshot)

    def _snapshot(self, now: datetime) -> tuple[RiskSnapshot, datetime | None]:
        """Assess now and count the log; return the snapshot and its next change."""
        assessment = self._assess(now)
        counts: dict[str, int] = {}
        rolloffs: list[datetime] = []
        for kind in EPISODE_KINDS:
            counts[kind], rolloff = _count_recent(self.log.episode_times[kind], now)
            if rolloff is not None:
                rolloffs.append(rolloff)
        changes = (
            [*rolloffs, assessment.next_change] if assessment.next_change else rolloffs
        )
        return (
            RiskSnapshot.build(
                assessment, counts, _summaries(self.log.episodes[-RECENT_EPISODES:])
            ),
            min(changes, default=None),
        )

    def _assess(self, now: datetime) -> RiskAssessment:
        """Run the engine on the part of the log that can still matter now.

        Loads older than 64 half-lives are a 2**-64 share of themselves and cramps
        older than the count window or the cluster cannot count; the log views
        are sorted, so the cut is a bisection, not a walk through a year.
        """
        self._forget_old_sensor_load(now)
        settings = self.settings
        load_from = now - timedelta(hours=settings.exertion_half_life_hours * 64)
        cramps_from = now - max(
            COUNT_WINDOW, timedelta(minutes=settings.cramp_cluster_minutes)
        )
        loads = self.log.activity_loads
        cramps = self.log.episode_times["cramp"]
        return assess(
            RiskInputs(
                now=now,
                temperature_c=self._temperature(),
                was_cold=self._memory.cold_room,
                load_events=(
                    *self._sensor_loads,
                    *loads[bisect_left(loads, load_from, key=_load_time) :],
                ),
                cramp_times=cramps[bisect_left(cramps, cramps_from) :],
            ),
            settings,
        )

    def _temperature(self) -> float | None:
        """Return the bedroom temperature in °C, if it can be trusted."""
        return temperature_from_state(self.hass.states.get(self._temperature_sensor))

    async def async_log_episode(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Log an episode with the conditions of its moment; announce it."""
        when: datetime = fields.get("when") or dt_util.utcnow()
        record = await self.log.async_add_episode(fields, self._conditions_at(when))
        async_announce(
            self.hass,
            self.config_entry.entry_id,
            EVENT_EPISODE_LOGGED,
            {
                "episode_id": record["id"],
                "kind": record["kind"],
                "body_area": record["body_area"],
                "severity": record.get("severity"),
                "when": record["when"],
            },
        )
        self.async_recompute()
        return record

    async def async_log_activity(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Log an activity (its load in moderate-minutes included); announce it."""
        record = await self.log.async_add_activity(fields)
        async_announce(
            self.hass,
            self.config_entry.entry_id,
            EVENT_ACTIVITY_LOGGED,
            {
                "activity_id": record["id"],
                "minutes": record["minutes"],
                "intensity": record["intensity"],
                "when": record["when"],
            },
        )
        self.async_recompute()
        return record

    async def async_delete_entry(self, entry_id: str) -> bool:
        """Delete a logged entry by id; return whether it existed."""
        deleted = await self.log.async_delete(entry_id)
        if deleted:
            self.async_recompute()
        return deleted

    def _conditions_at(self, when: datetime) -> Conditions:
        """Describe the room and the exertion at the moment of an episode."""
        live = abs(dt_util.utcnow() - when) <= LIVE_READING_AGE
        return Conditions(
            temperature_c=self._temperature() if live else None,
            night_window=in_night_window(dt_util.as_local(when), self.settings),
            exertion_load=round(
                decayed_load(
                    (*self._sensor_loads, *self.log.activity_loads),
                    when,
                    self.settings.exertion_half_life_hours,
                ),
                1,
            ),
        )

    def _forget_old_sensor_load(self, now: datetime) -> None:
        """Drop sensor-counted load that has decayed to nothing."""
        horizon = timedelta(
            hours=self.settings.exertion_half_life_hours
            * math.log2(1 / FORGOTTEN_SHARE)
        )
        if self._sensor_loads and now - self._sensor_loads[0].at > horizon:
            self._sensor_loads = [
                e for e in self._sensor_loads if now - e.at <= horizon
            ]

    @callback
    def _on_input_change(self, event: Event[EventStateChangedData]) -> None:
        """React to the thermometer or the activity sensor changing.

        The thermometer reaches the snapshot only through the cold-room verdict
        (its points are flat) and time-driven changes have their own timer, so a
        reading that leaves the verdict as it is cannot change anything: it is
        dropped before the engine runs.
        """
        if event.data["entity_id"] == self._activity_sensor:
            self._take_activity_increment()
        elif self.data is not None and self._verdict_unchanged(event.data["new_state"]):
            return
        self.async_recompute()

    def _verdict_unchanged(self, state: State | None) -> bool:
        """Tell whether a reading keeps the published cold-room verdict."""
        return reading_keeps_verdict(
            state,
            self._memory.cold_room,
            self.settings.cold_threshold,
            self.settings.hysteresis,
        )

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
            self._sensor_loads.append(LoadEvent(at=dt_util.utcnow(), load=load))

    @callback
    def _on_config_change(self, _event: Event) -> None:
        """Follow a change of Home Assistant's time zone."""
        self.async_recompute()

    def _schedule(self, when: datetime | None) -> None:
        """Arrange one wake-up at the next instant time alone changes the verdict.

        A wake-up already pending for that very instant is kept, not re-armed.
        """
        if when is None:
            self._wakeup.cancel()
        elif not (self._wakeup.pending and self._wakeup.when == when):
            self._wakeup.arm(when)

    @callback
    def _on_timer(self, _now: datetime) -> None:
        """Recompute at a scheduled time edge."""
        self.async_recompute()


def reading_keeps_verdict(
    state: State | None, was: bool | None, threshold: float, hysteresis: float
) -> bool:
    """Tell whether a thermometer reading leaves the cold-room verdict `was` as is.

    The usual reading, a plain °C number inside the band that keeps the verdict,
    is answered at once; anything else (another unit, text, a fault, a possible
    change) goes through the full reading and the engine's own rule.
    """
    if (
        was is not None
        and state is not None
        and state.attributes.get(ATTR_UNIT_OF_MEASUREMENT) == UnitOfTemperature.CELSIUS
    ):
        try:
            value = float(state.state)
        except ValueError:
            value = math.nan
        # Cold stays cold up to threshold + hysteresis; warm stays warm from the
        # threshold up. Outside the plausible range a reading is a fault.
        low = PLAUSIBLE_ROOM_C[0] if was else threshold
        high = threshold + hysteresis if was else PLAUSIBLE_ROOM_C[1]
        if low <= value <= high:
            return True
    return was == is_cold(temperature_from_state(state), was, threshold, hysteresis)


def _count_recent(
    times: Sequence[datetime], now: datetime
) -> tuple[int, datetime | None]:
    """Count sorted instants in the last 24 hours; return when the oldest leaves."""
    start = bisect_right(times, now - COUNT_WINDOW)
    end = bisect_right(times, now)
    if start >= end:
        return 0, None
    return end - start, times[start] + COUNT_WINDOW


def _load_time(event: LoadEvent) -> datetime:
    """Return when a load was added (the sort key of the load view)."""
    return event.at


def _summaries(episodes: Sequence[dict[str, Any]]) -> tuple[EpisodeSummary, ...]:
    """Summarise logged episodes for the sensors, newest first, without notes."""
    return tuple(
        EpisodeSummary(
            when=dt_util.parse_datetime(episode["when"], raise_on_error=True),
            kind=episode["kind"],
            body_area=episode["body_area"],
            severity=episode.get("severity"),
        )
        for episode in reversed(episodes)
    )
