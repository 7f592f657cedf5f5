"""What raises a caregiver alert: high risk, severe cramp, heating, repositioning.

* The risk becomes `high` (a coordinator snapshot; only the step into `high`
  counts, and whether it already was high survives a restart).
* Long stillness begins (a snapshot stepping into it, inside the night window):
  a non-urgent reminder to turn the person (`reposition_due`); whether it
  already had begun survives a restart.
* A cramp of severity 7 or more is logged (the log's announcement) that
  happened within `cramp_cluster_minutes`: a severe cramp logged afterwards,
  hours later, is history rather than a call for help.
* The room is still cold 30 minutes after heating started (the comforts'
  `heating_started` announcement), or after it turned cold while the thermostat was already
  boosted (by pre-heating or for a cramp cluster); the watchdog stops on
  `heating_restored` / `heating_released` or once the room is no longer cold,
  and survives a restart.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.util import dt as dt_util

from ..announce import async_hear
from ..const import EVENT_ACTION, EVENT_EPISODE_LOGGED, LOGGER, Reason
from ..risk import RiskLevel
from ..timers import Wakeup
from .messages import HEATING_GRACE_MINUTES, URGENT_SEVERITY, AlertDraft, AlertKind

if TYPE_CHECKING:
    from ..runtime import AlsComfortConfigEntry
    from ..snapshot import RiskSnapshot
    from . import AlertManager

HEATING_STARTED: Final = "heating_started"
HEATING_STOPPED: Final = frozenset({"heating_restored", "heating_released"})


class AlertTriggers:
    """Turns snapshots and the other parts' announcements into alert drafts."""

    def __init__(
        self, hass: HomeAssistant, entry: AlsComfortConfigEntry, manager: AlertManager
    ) -> None:
        """Serve one person's alert manager."""
        self.hass = hass
        self.entry = entry
        self._manager = manager
        self._runtime = entry.runtime_data
        self._watchdog = Wakeup(hass, self._on_heating_due)

    @callback
    def async_start(self) -> None:
        """Subscribe to every trigger; look at the current snapshot at once."""
        entry, hass = self.entry, self.hass
        entry.async_on_unload(
            self._runtime.coordinator.async_add_listener(self._on_snapshot)
        )
        for event_type, listener in (
            (EVENT_EPISODE_LOGGED, self._on_episode),
            (EVENT_ACTION, self._on_action),
        ):
            entry.async_on_unload(
                async_hear(hass, entry.entry_id, event_type, listener)
            )
        entry.async_on_unload(self._watchdog.cancel)
        if (since := self._manager.state.heating_since) is not None:
            self._arm(since)
        self._on_snapshot()

    @callback
    def _on_snapshot(self) -> None:
        """Alert on the step into high risk; stop the watchdog once warm."""
        snapshot: RiskSnapshot | None = self._runtime.coordinator.data
        if snapshot is None:
            return
        state = self._manager.state
        high = snapshot.level is RiskLevel.HIGH
        if high and not state.risk_was_high:
            self._manager.async_raise(self._risk_draft(snapshot))
        if high != state.risk_was_high:
            state.risk_was_high = high
            self._manager.save()
        self._check_stillness(snapshot)
        if state.heating_since is not None:
            if snapshot.cold_room is False:
                self._stop_watchdog()
        elif snapshot.cold_room is True and self._boosted():
            self._start_watchdog()

    def _check_stillness(self, snapshot: RiskSnapshot) -> None:
        """Remind a caregiver to turn the person on the step into long stillness."""
        state = self._manager.state
        still = snapshot.long_stillness
        if still and not state.still_too_long:
            self._manager.async_raise(
                AlertDraft(
                    kind=AlertKind.REPOSITION_DUE,
                    reasons=(Reason.REPOSITION_DUE,),
                    urgent=False,
                    night=snapshot.night_window,
                    still_minutes=_minutes_since(snapshot.last_movement),
                )
            )
        if still != state.still_too_long:
            state.still_too_long = still
            self._manager.save()

    def _boosted(self) -> bool:
        """Return whether the comforts have the thermostat turned up now."""
        comforts = self._runtime.comforts
        return comforts is not None and comforts.boosted

    def _risk_draft(self, snapshot: RiskSnapshot) -> AlertDraft:
        """Describe a high risk with the figures its message needs."""
        return AlertDraft(
            kind=AlertKind.HIGH_RISK,
            reasons=tuple(str(reason) for reason in snapshot.reasons),
            urgent=False,
            night=snapshot.night_window,
            cramp_minutes=_minutes_since(snapshot.last_cramp),
            cramps_24h=snapshot.counts_24h.get("cramp", 0),
            exertion_percent=snapshot.exertion_percent,
            still_minutes=_minutes_since(snapshot.last_movement),
        )

    @callback
    def _on_episode(self, data: Mapping[str, Any]) -> None:
        """Alert on a recent cramp of severity 7 or more."""
        severity = data.get("severity")
        if data.get("kind") != "cramp" or not isinstance(severity, int):
            return
        if severity < URGENT_SEVERITY:
            return
        when = dt_util.parse_datetime(str(data.get("when", ""))) or dt_util.utcnow()
        recent = timedelta(minutes=self._runtime.options.cramp_cluster_minutes)
        if dt_util.utcnow() - when > recent:
            LOGGER.debug("A severe cramp logged long after it happened: no alert")
            return
        snapshot = self._runtime.coordinator.data
        self._manager.async_raise(
            AlertDraft(
                kind=AlertKind.SEVERE_CRAMP,
                reasons=(Reason.SEVERE_CRAMP,),
                urgent=True,
                night=snapshot is not None and snapshot.night_window,
                severity=severity,
                body_area=data.get("body_area"),
            )
        )

    @callback
    def _on_action(self, data: Mapping[str, Any]) -> None:
        """Start the heating watchdog, or stop it when heating ends."""
        action = data.get("action")
        state = self._manager.state
        if action == HEATING_STARTED and state.heating_since is None:
            self._start_watchdog()
        elif action in HEATING_STOPPED and state.heating_since is not None:
            self._stop_watchdog()

    @callback
    def _start_watchdog(self) -> None:
        """Note that heating started against a cold room; look again in 30 minutes."""
        state = self._manager.state
        state.heating_since = dt_util.utcnow()
        self._manager.save()
        self._arm(state.heating_since)

    @callback
    def _arm(self, since: datetime) -> None:
        """Look at the room again 30 minutes after heating started."""
        self._watchdog.arm(since + timedelta(minutes=HEATING_GRACE_MINUTES))

    @callback
    def _stop_watchdog(self) -> None:
        """Forget that heating started."""
        self._watchdog.cancel()
        self._manager.state.heating_since = None
        self._manager.save()

    @callback
    def _on_heating_due(self, _now: datetime) -> None:
        """Alert if the room is still cold: the heating may not be working."""
        self._stop_watchdog()
        snapshot = self._runtime.coordinator.data
        if snapshot is None or snapshot.cold_room is not True:
            return
        self._manager.async_raise(
            AlertDraft(
                kind=AlertKind.HEATING_NOT_WORKING,
                reasons=(Reason.HEATING_NOT_WORKING,),
                urgent=True,
                night=snapshot.night_window,
            )
        )


def _minutes_since(when: datetime | None) -> int | None:
    """Return how many whole minutes ago an instant was, if there was one."""
    if when is None:
        return None
    return int((dt_util.utcnow() - when).total_seconds() // 60)
