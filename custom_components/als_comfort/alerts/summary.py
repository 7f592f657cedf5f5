"""Quiet hours: non-urgent alerts wait for the morning, and are never lost.

A non-urgent alert raised inside `quiet_hours` is held (and stored); when quiet
hours end, every held alert goes out as one summary alert, which escalates like
any other. Held alerts found at start outside quiet hours are sent at once.
With `caregiver_alerts` off at that moment, they are dropped (logged): whoever
switched alerts off has taken the watch over.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from homeassistant.core import HomeAssistant, callback
from homeassistant.util import dt as dt_util

from ..const import DOMAIN, LOGGER
from ..timers import Wakeup
from .messages import AlertKind, async_phrases, render_summary
from .state import Alert, HeldAlert, in_quiet_hours, quiet_hours_end

if TYPE_CHECKING:
    from ..runtime import AlsComfortConfigEntry
    from . import AlertManager


class QuietHours:
    """Holds one person's non-urgent alerts until quiet hours end."""

    def __init__(
        self, hass: HomeAssistant, entry: AlsComfortConfigEntry, manager: AlertManager
    ) -> None:
        """Serve one person's alert manager."""
        self.hass = hass
        self.entry = entry
        self._manager = manager
        self._runtime = entry.runtime_data
        self._end = Wakeup(hass, self._on_end)

    def quiet(self, now: datetime) -> bool:
        """Return whether an instant lies in the person's quiet hours."""
        return in_quiet_hours(dt_util.as_local(now), self._runtime.options.quiet_hours)

    def hold(self, held: HeldAlert) -> None:
        """Keep a non-urgent alert for the end of quiet hours."""
        self._manager.state.held.append(held)
        self._manager.save()
        self.schedule()

    @callback
    def schedule(self) -> None:
        """Arrange the summary of held alerts at the end of quiet hours (or now)."""
        self._end.cancel()
        if not self._manager.state.held:
            return
        quiet = self._runtime.options.quiet_hours
        when = dt_util.utcnow()
        if quiet is not None and self.quiet(when):
            when = quiet_hours_end(dt_util.as_local(when), quiet[1])
        self._end.arm(when)

    @callback
    def cancel(self) -> None:
        """Cancel the pending summary, if any."""
        self._end.cancel()

    @callback
    def _on_end(self, _now: datetime) -> None:
        """Send the summary of the alerts held during quiet hours."""
        self.entry.async_create_background_task(
            self.hass, self._async_send(), f"{DOMAIN} quiet hours summary"
        )

    async def _async_send(self) -> None:
        """Send the held alerts as one message, unless alerts are off."""
        manager = self._manager
        async with manager.lock:
            held, manager.state.held = manager.state.held, []
            manager.save()
            if not manager.enabled():
                LOGGER.info(
                    "%d held caregiver alerts dropped: alerts are off", len(held)
                )
                return
            phrase = await async_phrases(self.hass)
            title, message = render_summary(held, phrase, self._runtime.person.name)
            reasons = tuple(dict.fromkeys(r for item in held for r in item.reasons))
            manager.open(
                Alert.new(AlertKind.SUMMARY, reasons, title, message, urgent=False),
                phrase,
            )
