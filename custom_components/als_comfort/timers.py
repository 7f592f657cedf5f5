"""One pending wake-up at a time: how every timer of ALS Comfort is kept.

Arming again replaces the pending wake-up, cancelling is always safe, and a
fired wake-up is no longer pending when its action runs, so an action may arm
the next one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.event import async_track_point_in_utc_time


class Wakeup:
    """A single scheduled call of `action` at an instant."""

    def __init__(self, hass: HomeAssistant, action: Callable[[datetime], None]) -> None:
        """Prepare the wake-up; nothing is scheduled until `arm`."""
        self._hass = hass
        self._action = action
        self._cancel: CALLBACK_TYPE | None = None
        self.when: datetime | None = None

    @property
    def pending(self) -> bool:
        """Tell whether a wake-up is scheduled."""
        return self._cancel is not None

    @callback
    def arm(self, when: datetime) -> None:
        """Schedule the action at `when`, replacing any pending wake-up."""
        self.cancel()
        self.when = when
        self._cancel = async_track_point_in_utc_time(self._hass, self._fire, when)

    @callback
    def cancel(self) -> None:
        """Cancel the pending wake-up, if any."""
        if self._cancel is not None:
            self._cancel()
        self._cancel = None
        self.when = None

    @callback
    def _fire(self, now: datetime) -> None:
        """Run the action; the wake-up is spent before it runs."""
        self._cancel = None
        self.when = None
        self._action(now)
