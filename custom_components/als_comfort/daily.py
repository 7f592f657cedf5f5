"""Today's episodes by kind: what the long-term statistics sensors show.

Kept apart from the risk snapshot on purpose. The comforts and alerts decide
again on every new snapshot (a refusing thermostat is tried again, for one), so
the day's turn at midnight, which is news to these counts only, must not make
one. The counts are taken again whenever the coordinator publishes (a logged or
deleted episode always changes the snapshot's 24-hour counts) and at local
midnight, and published only when they changed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from homeassistant.util import dt as dt_util

from .const import DOMAIN, EPISODE_KINDS, LOGGER
from .timers import Wakeup

if TYPE_CHECKING:
    from .runtime import AlsComfortConfigEntry


@dataclass(frozen=True, kw_only=True)
class DailyCounts:
    """The episodes of one local day so far, by kind, and when that day began."""

    day: datetime
    counts: dict[str, int]


def count_today(
    episode_times: Mapping[str, Sequence[datetime]], now: datetime
) -> DailyCounts:
    """Count each kind's sorted episode instants from local midnight up to now."""
    day = dt_util.start_of_local_day(dt_util.as_local(now))
    return DailyCounts(
        day=day,
        counts={
            kind: max(
                0,
                bisect_right(episode_times.get(kind, ()), now)
                - bisect_left(episode_times.get(kind, ()), day),
            )
            for kind in EPISODE_KINDS
        },
    )


class DailyCountsCoordinator(DataUpdateCoordinator[DailyCounts]):
    """Publishes today's counts of one person when they change; never polls."""

    config_entry: AlsComfortConfigEntry

    def __init__(self, hass: HomeAssistant, entry: AlsComfortConfigEntry) -> None:
        """Follow the person's coordinator and the local midnight."""
        super().__init__(
            hass, LOGGER, config_entry=entry, name=f"{DOMAIN} {entry.title} today"
        )
        self._risk = entry.runtime_data.coordinator
        self._midnight = Wakeup(hass, self._on_midnight)

    @callback
    def async_start(self) -> None:
        """Count now; count again on every snapshot and at each midnight."""
        entry = self.config_entry
        entry.async_on_unload(self._risk.async_add_listener(self.async_recount))
        entry.async_on_unload(self._midnight.cancel)
        self.async_recount()

    async def _async_update_data(self) -> DailyCounts:
        """Count on request (a manual refresh)."""
        return count_today(self._risk.log.episode_times, dt_util.now())

    @callback
    def async_recount(self) -> None:
        """Count today's episodes; publish them only if they changed."""
        counts = count_today(self._risk.log.episode_times, dt_util.now())
        tomorrow = dt_util.start_of_local_day(counts.day.date() + timedelta(days=1))
        if self._midnight.when != tomorrow:
            self._midnight.arm(tomorrow)
        if counts != self.data:
            self.async_set_updated_data(counts)

    @callback
    def _on_midnight(self, _now: datetime) -> None:
        """Start the new day's counts."""
        self.async_recount()
