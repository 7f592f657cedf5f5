"""Night windows over a period, and the lowest temperature of each night.

The windows come from ``risk.window_for`` (never re-derived here), walked from
one window's closing to the next. A night is named by the local date on which
its window opens; windows left empty by the settings are skipped.
"""

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
import math
from typing import Any, Final

from .insights_model import HourlyLow, NightLow
from .risk import RiskSettings, window_for

_HOUR: Final = timedelta(hours=1)


def utc(moment: datetime) -> datetime:
    """Return an aware datetime in UTC; refuse a naive one."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"datetime must be timezone-aware: {moment!r}")
    return moment.astimezone(UTC)


def finite(value: Any) -> float | None:
    """Return a finite number as a float, anything else as None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if math.isfinite(number):
            return number
    return None


@dataclass(frozen=True, slots=True)
class Nights:
    """Night windows in UTC, in order, with their names."""

    opens: list[datetime]
    closes: list[datetime]
    names: list[date]

    def of(self, at: datetime) -> date | None:
        """Return the night whose window contains ``at`` (UTC), if any."""
        index = bisect_right(self.opens, at) - 1
        return self.names[index] if index >= 0 and at < self.closes[index] else None

    def overlapping(self, start: datetime, end: datetime) -> Iterator[date]:
        """Yield the nights whose windows overlap ``[start, end)`` (UTC)."""
        index = bisect_right(self.closes, start)
        while index < len(self.opens) and self.opens[index] < end:
            yield self.names[index]
            index += 1


def nights_between(
    start: datetime, end: datetime, settings: RiskSettings, zone: tzinfo
) -> Nights:
    """Return the night windows that overlap ``[start, end)``, in order."""
    nights = Nights([], [], [])
    moment = utc(start)
    end = utc(end)
    while True:
        local_opens, local_closes = window_for(moment.astimezone(zone), settings)
        # Windows of a day or more are joined by window_for only near `moment`:
        # the part already listed is not listed again.
        opens, closes = utc(local_opens), utc(local_closes)
        if nights.closes:
            opens = max(opens, nights.closes[-1])
        if opens >= end:
            return nights
        if opens < closes:
            nights.opens.append(opens)
            nights.closes.append(closes)
            nights.names.append(opens.astimezone(zone).date())
        moment = closes


def night_lows(
    hourly: Iterable[HourlyLow], settings: RiskSettings, zone: tzinfo
) -> tuple[NightLow, ...]:
    """Return the lowest temperature of each night from hourly statistics.

    An hour counts for every night window it overlaps, even in part: the
    recorder keeps no finer minimum for long, and the evening hour in which a
    window opens is rarely the night's coldest.
    """
    hours = sorted(
        (utc(item.start), value)
        for item in hourly
        if (value := finite(item.lowest_c)) is not None
    )
    if not hours:
        return ()
    nights = nights_between(hours[0][0], hours[-1][0] + _HOUR, settings, zone)
    lowest: dict[date, float] = {}
    for start, value in hours:
        for night in nights.overlapping(start, start + _HOUR):
            lowest[night] = min(value, lowest.get(night, value))
    return tuple(
        NightLow(night=night, lowest_c=low) for night, low in sorted(lowest.items())
    )
