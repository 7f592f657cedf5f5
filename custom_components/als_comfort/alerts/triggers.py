"""What raises a caregiver alert, from snapshots and the parts' announcements.

From the coordinator's snapshots:

* The risk becomes `high` (only the step into `high` counts, and whether it
  already was high survives a restart).
* Long stillness begins (inside the night window): a non-urgent reminder to
  turn the person (`reposition_due`); whether it already had begun survives a
  restart.
* The heating watchdog and the thermometer watch (`watchdogs`) look at each.

From announcements:

* A cramp of severity 7 or more is logged (the log's announcement) that
  happened within `cramp_cluster_minutes`: a severe cramp logged afterwards,
  hours later, is history rather than a call for help. Every one counts.
* Heating started or ended (the heating watchdog's start and end).
* The comforts say heating is needed but cannot start (`heating_cannot_start`,
  once per failure spell) or a blanket or heater did not switch off
  (`heater_stuck_on`, once per stuck spell).

A new trigger is one more check in `_snapshot_checks` or one more entry in
`_actions`, and a draft kind with its words (`messages`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.util import dt as dt_util

from ..announce import async_hear
from ..const import EVENT_ACTION, EVENT_EPISODE_LOGGED, LOGGER, Reason
from ..risk import RiskLevel
from .messages import URGENT_SEVERITY, AlertDraft, AlertKind
from .watchdogs import HeatingWatchdog, ThermometerWatch

if TYPE_CHECKING:
    from ..runtime import AlsComfortConfigEntry
    from ..snapshot import RiskSnapshot
    from . import AlertManager

HEATING_STARTED: Final = "heating_started"
HEATING_STOPPED: Final = frozenset({"heating_restored", "heating_released"})
# What the comforts announce when a device leaves the person unprotected.
HEATING_CANNOT_START: Final = "heating_cannot_start"
HEATER_STUCK_ON: Final = "heater_stuck_on"


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
        self._heating = HeatingWatchdog(hass, entry, manager, self._raise)
        self._thermometer = ThermometerWatch(hass, entry, manager, self._raise)
        self._snapshot_checks: tuple[Callable[[RiskSnapshot], None], ...] = (
            self._check_risk,
            self._check_stillness,
            self._heating.check,
            self._thermometer.check,
        )
        self._actions: dict[str, Callable[[Mapping[str, Any]], None]] = {
            HEATING_STARTED: lambda _data: self._heating.start(),
            **dict.fromkeys(HEATING_STOPPED, self._heating.reset),
            HEATING_CANNOT_START: self._on_heating_cannot_start,
            HEATER_STUCK_ON: self._on_heater_stuck_on,
        }

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
        self._heating.resume()
        self._thermometer.resume()
        self._on_snapshot()

    @callback
    def _on_snapshot(self) -> None:
        """Look at a new snapshot with every check."""
        snapshot: RiskSnapshot | None = self._runtime.coordinator.data
        if snapshot is None:
            return
        for check in self._snapshot_checks:
            check(snapshot)

    def _check_risk(self, snapshot: RiskSnapshot) -> None:
        """Alert on the step into high risk."""
        state = self._manager.state
        high = snapshot.level is RiskLevel.HIGH
        if high and not state.risk_was_high:
            self._manager.async_raise(self._risk_draft(snapshot))
        if high != state.risk_was_high:
            state.risk_was_high = high
            self._manager.save()

    def _check_stillness(self, snapshot: RiskSnapshot) -> None:
        """Remind a caregiver to turn the person on the step into long stillness."""
        state = self._manager.state
        still = snapshot.long_stillness
        if still and not state.still_too_long:
            self._raise(
                AlertKind.REPOSITION_DUE,
                Reason.REPOSITION_DUE,
                urgent=False,
                still_minutes=_minutes_since(snapshot.last_movement),
            )
        if still != state.still_too_long:
            state.still_too_long = still
            self._manager.save()

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
        """Alert on a recent cramp of severity 7 or more, every time."""
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
        self._raise(
            AlertKind.SEVERE_CRAMP,
            Reason.SEVERE_CRAMP,
            severity=severity,
            body_area=data.get("body_area"),
        )

    @callback
    def _on_action(self, data: Mapping[str, Any]) -> None:
        """Hand a comfort's announcement to its trigger, if it has one."""
        if (trigger := self._actions.get(str(data.get("action")))) is not None:
            trigger(data)

    def _on_heating_cannot_start(self, data: Mapping[str, Any]) -> None:
        """Heating is needed and cannot start: the room will not be warmed."""
        self._raise(
            AlertKind.HEATING_NOT_WORKING,
            Reason.HEATING_NOT_WORKING,
            device=self._device(data),
            failure=str(data.get("reason") or "other"),
        )

    def _on_heater_stuck_on(self, data: Mapping[str, Any]) -> None:
        """A blanket or heater did not switch off at its deadline."""
        self._raise(
            AlertKind.HEATER_STUCK_ON, Reason.HEATER_STUCK_ON, device=self._device(data)
        )

    def _device(self, data: Mapping[str, Any]) -> str:
        """Return the name of the device an announcement is about."""
        entity_id = str(data.get("entity_id") or "")
        state = self.hass.states.get(entity_id)
        return state.name if state is not None else entity_id

    def _raise(
        self, kind: AlertKind, reason: str, urgent: bool = True, **facts: Any
    ) -> None:
        """Raise an alert of one reason of its own."""
        snapshot = self._runtime.coordinator.data
        self._manager.async_raise(
            AlertDraft(
                kind=kind,
                reasons=(reason,),
                urgent=urgent,
                night=snapshot is not None and snapshot.night_window,
                **facts,
            )
        )


def _minutes_since(when: datetime | None) -> int | None:
    """Return how many whole minutes ago an instant was, if there was one."""
    if when is None:
        return None
    return int((dt_util.utcnow() - when).total_seconds() // 60)
