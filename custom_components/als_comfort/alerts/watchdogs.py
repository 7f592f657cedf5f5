"""Watchdogs: alerts raised by time, when something stays wrong too long.

* Heating: the room is still cold 30 minutes after heating started (the
  comforts' `heating_started`), or after it turned cold while the thermostat
  was already boosted (by pre-heating or for a cramp cluster). It stops once
  the room is no longer cold or heating ends (`heating_restored`,
  `heating_released`). Having alerted, it watches again only once the room
  warmed or heating started anew: one alert per failure spell.
* Thermometer: inside the night window the room temperature is unknown (the
  thermometer is unavailable, non-numeric, implausible or silent) for 30
  minutes on end: nothing protects the person from the cold. Once per spell,
  which ends when a temperature is known again or the window closes.

Both survive a restart: when they started is in the alert state.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.util import dt as dt_util

from ..const import Reason
from ..timers import Wakeup
from .messages import HEATING_GRACE_MINUTES, SENSOR_GRACE_MINUTES, AlertKind

if TYPE_CHECKING:
    from ..runtime import AlsComfortConfigEntry
    from ..snapshot import RiskSnapshot
    from . import AlertManager

type RaiseAlert = Callable[..., None]


class HeatingWatchdog:
    """Tells a caregiver when the heating is up but the room stays cold."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: AlsComfortConfigEntry,
        manager: AlertManager,
        raise_alert: RaiseAlert,
    ) -> None:
        """Serve one person's alert triggers."""
        self._manager = manager
        self._runtime = entry.runtime_data
        self._raise = raise_alert
        self._wakeup = Wakeup(hass, self._on_due)
        entry.async_on_unload(self._wakeup.cancel)

    @callback
    def resume(self) -> None:
        """Look again at the time a watch that started before a restart is due."""
        if (since := self._manager.state.heating_since) is not None:
            self._wakeup.arm(since + timedelta(minutes=HEATING_GRACE_MINUTES))

    def check(self, snapshot: RiskSnapshot) -> None:
        """Stop once warm; start on a cold room the comforts have boosted."""
        state = self._manager.state
        if snapshot.cold_room is False:
            self.reset()
        elif (
            state.heating_since is None
            and not state.heating_alerted
            and snapshot.cold_room is True
            and self._runtime.comforts is not None
            and self._runtime.comforts.boosted
        ):
            self.start()

    @callback
    def start(self) -> None:
        """Heating started against a cold room; look again in 30 minutes."""
        state = self._manager.state
        state.heating_alerted = False
        if state.heating_since is None:
            state.heating_since = dt_util.utcnow()
            self.resume()
        self._manager.save()

    @callback
    def reset(self, *_: Any) -> None:
        """Forget the watch: the room is warm, or heating ended."""
        state = self._manager.state
        if state.heating_since is None and not state.heating_alerted:
            return
        self._wakeup.cancel()
        state.heating_since = None
        state.heating_alerted = False
        self._manager.save()

    @callback
    def _on_due(self, _now: datetime) -> None:
        """Alert if the room is still cold: the heating may not be working."""
        state = self._manager.state
        state.heating_since = None
        snapshot = self._runtime.coordinator.data
        state.heating_alerted = snapshot is not None and snapshot.cold_room is True
        self._manager.save()
        if state.heating_alerted:
            self._raise(AlertKind.HEATING_NOT_WORKING, Reason.HEATING_NOT_WORKING)


class ThermometerWatch:
    """Tells a caregiver when the room temperature is unknown in the night."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: AlsComfortConfigEntry,
        manager: AlertManager,
        raise_alert: RaiseAlert,
    ) -> None:
        """Serve one person's alert triggers."""
        self._manager = manager
        self._raise = raise_alert
        self._wakeup = Wakeup(hass, self._on_due)
        entry.async_on_unload(self._wakeup.cancel)

    @callback
    def resume(self) -> None:
        """Look again at the time a spell that started before a restart is due."""
        state = self._manager.state
        if state.sensor_unknown_since is not None and not state.sensor_alerted:
            self._wakeup.arm(
                state.sensor_unknown_since + timedelta(minutes=SENSOR_GRACE_MINUTES)
            )

    def check(self, snapshot: RiskSnapshot) -> None:
        """Start a spell when the temperature turns unknown in the night window."""
        state = self._manager.state
        unknown = snapshot.cold_room is None and snapshot.night_window
        if unknown and state.sensor_unknown_since is None:
            state.sensor_unknown_since = dt_util.utcnow()
            state.sensor_alerted = False
            self.resume()
            self._manager.save()
        elif not unknown and state.sensor_unknown_since is not None:
            self._wakeup.cancel()
            state.sensor_unknown_since = None
            state.sensor_alerted = False
            self._manager.save()

    @callback
    def _on_due(self, _now: datetime) -> None:
        """Unknown for 30 minutes in the night window: nothing protects from cold."""
        self._manager.state.sensor_alerted = True
        self._manager.save()
        self._raise(
            AlertKind.SENSOR_UNAVAILABLE, Reason.SENSOR_UNAVAILABLE, urgent=False
        )
