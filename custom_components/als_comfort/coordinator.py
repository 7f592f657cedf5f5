"""The per-person coordinator: turns input events into a published snapshot.

It owns every listener and timer of a loaded entry's risk: state changes of the
bedroom thermometer and the optional activity and movement sensors, the
time-zone setting, and one timer for the next instant the verdict can change by
time alone (window edge, cluster expiry, decay step, an episode leaving the last
24 hours, the stillness reaching its limit). It never polls.

A thermometer that has not reported for `sensor_stale_minutes` (its state's
`last_reported`, which Home Assistant moves on every report, even of the same
value) is silent: its temperature is unknown, as if unavailable. One timer
looks at it when it would turn silent; a report that came since moves the look
on, and the first report of a silent thermometer makes it known again.

It also turns logging requests into log entries, so that the log and the verdict
change together, and announces them. A snapshot (`snapshot.py`) is published
only when something in it changed; readers read nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from homeassistant.const import EVENT_CORE_CONFIG_UPDATE
from homeassistant.core import (
    Event,
    EventStateChangedData,
    EventStateReportedData,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.event import (
    async_track_state_change_event,
    async_track_state_report_event,
)
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from homeassistant.util import dt as dt_util

from .announce import async_announce, async_tell_parts
from .const import (
    DOMAIN,
    EVENT_ACTIVITY_LOGGED,
    EVENT_EPISODE_LOGGED,
    EVENT_REPOSITIONING_LOGGED,
    LOGGER,
)
from .inputs import ActivityCounter, is_movement, temperature_from_state
from .memory import InputMemory
from .models import PersonConfig
from .risk import RiskSettings, decayed_load, in_night_window, is_cold
from .snapshot import RiskSnapshot, SnapshotInputs, take_snapshot
from .store import Conditions, EpisodeLog
from .timers import Wakeup

if TYPE_CHECKING:
    from .runtime import AlsComfortConfigEntry

# A logged episode gets the live room temperature only if it happened this recently.
LIVE_READING_AGE: Final = timedelta(minutes=5)


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
        *,
        stale_minutes: float = 0,
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
        self._activity = ActivityCounter(person.activity_sensor or "")
        self._movement_sensor = person.movement_sensor
        self._wakeup = Wakeup(hass, self._on_timer)
        # None: a silent thermometer is not looked for (the option is 0).
        self._stale_after = (
            timedelta(minutes=stale_minutes) if stale_minutes > 0 else None
        )
        self._silence = Wakeup(hass, self._on_silence_due)

    async def async_load(self) -> None:
        """Read the log and what the inputs remember, before the first snapshot."""
        await self.log.async_load()
        await self._memory.async_load()
        self._activity.restore(self._memory.activity)

    @callback
    def async_start(self) -> None:
        """Subscribe to the inputs and publish the first snapshot."""
        entry = self.config_entry
        sensors = (
            self._temperature_sensor,
            self._activity_sensor,
            self._movement_sensor,
        )
        if self._activity_sensor:
            self._take_activity(
                self._activity.start, self.hass.states.get(self._activity_sensor)
            )
        entry.async_on_unload(
            async_track_state_change_event(
                self.hass,
                list(dict.fromkeys(filter(None, sensors))),
                self._on_input_change,
            )
        )
        entry.async_on_unload(
            async_track_state_report_event(
                self.hass, self._temperature_sensor, self._on_thermometer_report
            )
        )
        entry.async_on_unload(
            self.hass.bus.async_listen(EVENT_CORE_CONFIG_UPDATE, self._on_config_change)
        )
        entry.async_on_unload(self._wakeup.cancel)
        entry.async_on_unload(self._silence.cancel)
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
        self._watch_silence()
        self._memory.remember_cold_room(snapshot.cold_room)
        if snapshot != self.data:
            self.async_set_updated_data(snapshot)

    def _snapshot(self, now: datetime) -> tuple[RiskSnapshot, datetime | None]:
        """Take the snapshot of this instant and when time alone changes it."""
        self._activity.forget_old(now, self.settings.exertion_half_life_hours)
        inputs = SnapshotInputs(
            now=now,
            temperature_c=self._temperature(),
            was_cold=self._memory.cold_room,
            sensor_loads=self._activity.loads,
            sensor_movement=self._memory.last_movement,
        )
        return take_snapshot(inputs, self.log, self.settings)

    def _temperature(self) -> float | None:
        """Return the bedroom temperature in °C, if it can be trusted."""
        state = self.hass.states.get(self._temperature_sensor)
        if (due := self._silent_from(state)) is not None and dt_util.utcnow() >= due:
            return None
        return temperature_from_state(state)

    def _silent_from(self, state: State | None) -> datetime | None:
        """Return when the thermometer counts as silent unless it reports again."""
        if self._stale_after is None or state is None:
            return None
        return state.last_reported + self._stale_after

    @callback
    def _watch_silence(self) -> None:
        """Arrange one look at the thermometer for when it would turn silent."""
        due = self._silent_from(self.hass.states.get(self._temperature_sensor))
        if self._silence.pending or due is None or due <= dt_util.utcnow():
            return
        self._silence.arm(due)

    @callback
    def _on_silence_due(self, _now: datetime) -> None:
        """Silent now, unless it reported since (then look again later)."""
        state = self.hass.states.get(self._temperature_sensor)
        due = self._silent_from(state)
        if due is not None and due > dt_util.utcnow():
            self._silence.arm(due)
            return
        self.async_recompute()

    @callback
    def _on_thermometer_report(self, _event: Event[EventStateReportedData]) -> None:
        """A thermometer repeating itself is alive: known again if it was silent."""
        if self.data is not None and self.data.temperature_c is None:
            self.async_recompute()

    async def async_log_episode(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Log an episode with the conditions of its moment; announce it.

        An episode the log could not write is refused, but the alerts still
        hear of it: a full disk is no reason for a severe cramp to reach nobody.
        """
        when: datetime = fields.get("when") or dt_util.utcnow()
        entry_id = self.config_entry.entry_id
        try:
            record = await self.log.async_add_episode(fields, self._conditions_at(when))
        except HomeAssistantError:
            unsaved = {**fields, "id": None, "when": when.isoformat()}
            async_tell_parts(
                self.hass, entry_id, EVENT_EPISODE_LOGGED, _episode_facts(unsaved)
            )
            raise
        async_announce(
            self.hass, entry_id, EVENT_EPISODE_LOGGED, _episode_facts(record)
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

    async def async_log_repositioning(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Log that a caregiver turned the person; the stillness starts again."""
        record = await self.log.async_add_repositioning({"position": "", **fields})
        async_announce(
            self.hass,
            self.config_entry.entry_id,
            EVENT_REPOSITIONING_LOGGED,
            {
                "repositioning_id": record["id"],
                "position": record["position"],
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
                    (*self._activity.loads, *self.log.activity_loads),
                    when,
                    self.settings.exertion_half_life_hours,
                ),
                1,
            ),
        )

    @callback
    def _on_input_change(self, event: Event[EventStateChangedData]) -> None:
        """React to the thermometer, the activity or the movement sensor changing.

        One entity may serve as two of them (a step counter as movement sensor).
        """
        entity_id = event.data["entity_id"]
        new_state = event.data["new_state"]
        changed = False
        if entity_id == self._activity_sensor:
            self._take_activity(self._activity.take, new_state)
            changed = True
        if entity_id == self._movement_sensor:
            changed = self._moved(event) or changed
        if entity_id == self._temperature_sensor:
            # Measured (scripts/bench, settled): a snapshot per reading costs
            # about 360 us a reading instead of 19 us, and changes no verdict.
            changed = changed or self.data is None or not self._keeps_verdict(new_state)
        if changed:
            self.async_recompute()

    def _moved(self, event: Event[EventStateChangedData]) -> bool:
        """Note a change of the movement sensor; tell whether it is news.

        Kept to the minute: a restless sensor changes the last movement, and
        so the snapshot and the memory, at most once a minute.
        """
        if not is_movement(event.data["old_state"], event.data["new_state"]):
            return False
        minute = dt_util.utcnow().replace(second=0, microsecond=0)
        return self._memory.remember_movement(minute)

    def _take_activity(
        self, read: Callable[[State | None, datetime], None], state: State | None
    ) -> None:
        """Let the activity counter read a state now; remember what it counted."""
        read(state, dt_util.utcnow())
        self._memory.remember_activity(self._activity.as_dict())

    def _keeps_verdict(self, state: State | None) -> bool:
        """Tell whether a reading leaves the cold-room verdict as it is.

        The thermometer reaches the verdicts only through the cold-room verdict
        (its points are flat), and time-driven changes have their own timer.
        """
        was = self._memory.cold_room
        settings = self.settings
        now = is_cold(
            temperature_from_state(state),
            was,
            settings.cold_threshold,
            settings.hysteresis,
        )
        return now == was

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


def _episode_facts(record: dict[str, Any]) -> dict[str, Any]:
    """Return what is announced of a logged episode (never its note)."""
    return {
        "episode_id": record["id"],
        "kind": record["kind"],
        "body_area": record.get("body_area", "unspecified"),
        "severity": record.get("severity"),
        "when": record["when"],
    }
