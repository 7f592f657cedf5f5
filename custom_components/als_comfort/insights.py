"""Insights: what the log of one person shows over weeks, for the clinician.

Like ``risk.py`` these modules import nothing from Home Assistant. ``analyse``
reads the log entries exactly as ``store.py`` keeps them, a period, the local
time zone, the person's settings and the lowest room temperature of each night
(``NightLow``; ``night_lows`` makes them from hourly long-term statistics),
and returns one ``Insights`` value. ``render_report`` turns it into the
printable clinician page, in the language of the phrases it is given.

* A period is half-open, ``start <= when < end``. ``default_period`` is the
  last 28 local calendar days, today included.
* Days and weeks are local calendar days and ISO weeks (Monday first).
* Nights are the windows of ``risk.window_for`` with the bedtime, wake time and
  pre-bedtime minutes of today, for old entries too: an entry belongs to the
  night whose window contains it, whatever flag it was stored with. A night is
  named by the local date on which its window opens.
* Hours of the night are local wall-clock hours in the order of the night; in
  a night when the clocks go back, both 01:00 hours count as 01.
* Severity trend: per week, the mean and the highest severity of the cramps
  that were given one. Activity load: the stored load of logged activities
  (moderate-minutes), summed per day and per week.
* The personal threshold suggestion follows the rule written in
  ``insights_threshold.py``, applied to the night cramps and the calm nights
  of the period.

The rest of the integration imports insights from here, never from the
``insights_*`` modules behind it.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, Final

from .const import EPISODE_KINDS
from .insights_model import (
    AreaSummary,
    CrampReading,
    DaySummary,
    HourlyLow,
    HourSummary,
    Insights,
    InsightsRequest,
    NightLow,
    NightSummary,
    WeekSummary,
)
from .insights_nights import Nights, finite, night_lows, nights_between, utc
from .insights_summaries import (
    CRAMP,
    Episode,
    area_summaries,
    counts,
    cramp_nights,
    day_summaries,
    days_between,
    hour_summaries,
    parse_activity,
    parse_episode,
    week_summaries,
)
from .insights_threshold import (
    MIN_CALM_NIGHTS,
    MIN_CRAMP_NIGHTS,
    MIN_NIGHT_CRAMPS,
    NoSuggestion,
    RankTest,
    ThresholdSuggestion,
    rank_test,
    suggest_threshold,
)
from .risk import RiskSettings

__all__ = [
    "DEFAULT_PERIOD_DAYS",
    "MIN_CALM_NIGHTS",
    "MIN_CRAMP_NIGHTS",
    "MIN_NIGHT_CRAMPS",
    "AreaSummary",
    "CrampReading",
    "DaySummary",
    "HourSummary",
    "HourlyLow",
    "Insights",
    "InsightsRequest",
    "NightLow",
    "NightSummary",
    "NoSuggestion",
    "RankTest",
    "ThresholdSuggestion",
    "WeekSummary",
    "analyse",
    "default_period",
    "night_lows",
    "rank_test",
    "suggest_threshold",
]

DEFAULT_PERIOD_DAYS: Final = 28


def default_period(
    now: datetime, zone: tzinfo, days: int = DEFAULT_PERIOD_DAYS
) -> tuple[datetime, datetime]:
    """Return the last ``days`` local calendar days, today included."""
    today = utc(now).astimezone(zone).date()
    return (
        datetime.combine(today - timedelta(days=days - 1), time(0), tzinfo=zone),
        datetime.combine(today + timedelta(days=1), time(0), tzinfo=zone),
    )


def _lows_of(given: Iterable[NightLow], wanted: set[date]) -> dict[date, float]:
    """Return the lowest temperature of each wanted night (the lowest if repeated)."""
    lows: dict[date, float] = {}
    for item in given:
        value = finite(item.lowest_c)
        if item.night in wanted and value is not None:
            lows[item.night] = min(value, lows.get(item.night, value))
    return lows


def _episodes(
    log: Mapping[str, Sequence[Mapping[str, Any]]], nights: Nights, zone: tzinfo
) -> list[Episode]:
    """Return every episode of a known kind, oldest first."""
    episodes = [
        parse_episode(record, nights, zone)
        for record in log.get("episodes", ())
        if record.get("kind") in EPISODE_KINDS
    ]
    return sorted(episodes, key=lambda item: item.at)


def _suggestion(
    episodes: list[Episode],
    inside: list[Episode],
    lows: Mapping[date, float],
    settings: RiskSettings,
) -> ThresholdSuggestion:
    """Apply the threshold rule to the period's night cramps and calm nights.

    A night with a cramp at any time (even just outside the period) is not calm.
    """
    cramped = {item.night for item in episodes if item.kind == CRAMP}
    return suggest_threshold(
        [
            (item.night, item.temperature)
            for item in inside
            if item.kind == CRAMP
            and item.night is not None
            and item.temperature is not None
        ],
        [low for night, low in lows.items() if night not in cramped],
        settings,
    )


def analyse(
    log: Mapping[str, Sequence[Mapping[str, Any]]], request: InsightsRequest
) -> Insights:
    """Return the insights of one period of a stored log."""
    zone, settings = request.zone, request.settings
    start, end = utc(request.start), utc(request.end)
    nights = nights_between(start, end, settings, zone)
    episodes = _episodes(log, nights, zone)
    inside = [item for item in episodes if start <= item.at < end]
    parsed = (parse_activity(record, zone) for record in log.get("activities", ()))
    activities = [activity for activity in parsed if start <= activity.at < end]
    in_period = set(nights.overlapping(start, end))
    lows = _lows_of(request.night_lows, in_period)
    days = day_summaries(days_between(start, end, zone), inside, activities)
    return Insights(
        start=start.astimezone(zone),
        end=end.astimezone(zone),
        settings=settings,
        totals=counts(inside),
        activities=len(activities),
        nights=len(in_period),
        days=days,
        weeks=week_summaries(days, inside),
        areas=area_summaries(inside),
        hours=hour_summaries(
            [item for item in inside if item.night is not None], settings
        ),
        cramp_nights=cramp_nights(
            [item for item in inside if item.kind == CRAMP], lows
        ),
        suggestion=_suggestion(episodes, inside, lows, settings),
    )
