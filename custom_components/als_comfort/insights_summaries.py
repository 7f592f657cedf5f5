"""Parsing the stored log and adding it up: per day, week, body area, hour, night."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
import math
from typing import Any, Final

from .const import EPISODE_KINDS
from .insights_model import (
    AreaSummary,
    CrampReading,
    DaySummary,
    HourSummary,
    NightSummary,
    WeekSummary,
)
from .insights_nights import Nights, finite
from .risk import RiskSettings

CRAMP: Final = "cramp"
UNSPECIFIED: Final = "unspecified"


@dataclass(frozen=True, slots=True)
class Episode:
    """A parsed episode: UTC instant, local time and the facts the report uses."""

    at: datetime
    local: datetime
    kind: str
    area: str
    severity: int | None
    temperature: float | None
    night: date | None


@dataclass(frozen=True, slots=True)
class Activity:
    """A parsed activity."""

    at: datetime
    day: date
    load: float
    minutes: float


def _instant(text: str) -> datetime:
    """Return the UTC instant of a stored ``when`` (naive means UTC)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_episode(record: Mapping[str, Any], nights: Nights, zone: tzinfo) -> Episode:
    """Parse one stored episode."""
    at = _instant(record["when"])
    conditions = record.get("conditions") or {}
    severity = finite(record.get("severity"))
    return Episode(
        at=at,
        local=at.astimezone(zone),
        kind=record["kind"],
        area=record.get("body_area") or UNSPECIFIED,
        severity=None if severity is None else round(severity),
        temperature=finite(conditions.get("temperature_c")),
        night=nights.of(at),
    )


def parse_activity(record: Mapping[str, Any], zone: tzinfo) -> Activity:
    """Parse one stored activity."""
    at = _instant(record["when"])
    return Activity(
        at=at,
        day=at.astimezone(zone).date(),
        load=finite(record.get("load")) or 0.0,
        minutes=finite(record.get("minutes")) or 0.0,
    )


def counts(episodes: Iterable[Episode]) -> tuple[int, ...]:
    """Return how many episodes there are of each kind."""
    tally = dict.fromkeys(EPISODE_KINDS, 0)
    for episode in episodes:
        tally[episode.kind] += 1
    return tuple(tally.values())


def days_between(start: datetime, end: datetime, zone: tzinfo) -> list[date]:
    """Return the local days of ``[start, end)``, oldest first."""
    first = start.astimezone(zone).date()
    last = (end - timedelta(microseconds=1)).astimezone(zone).date()
    return [first + timedelta(days=index) for index in range((last - first).days + 1)]


def day_summaries(
    days: list[date], episodes: list[Episode], activities: list[Activity]
) -> tuple[DaySummary, ...]:
    """Return one summary per day, days without entries included."""
    by_day: dict[date, list[Episode]] = {day: [] for day in days}
    for episode in episodes:
        by_day[episode.local.date()].append(episode)
    load = dict.fromkeys(days, 0.0)
    minutes = dict.fromkeys(days, 0.0)
    for activity in activities:
        load[activity.day] += activity.load
        minutes[activity.day] += activity.minutes
    return tuple(
        DaySummary(
            day=day,
            counts=counts(by_day[day]),
            activity_load=load[day],
            activity_minutes=minutes[day],
        )
        for day in days
    )


def _monday(day: date) -> date:
    """Return the Monday of the ISO week of ``day``."""
    return day - timedelta(days=day.weekday())


def _week(monday: date, days: list[DaySummary], rated: list[int]) -> WeekSummary:
    """Return the summary of one week from its days and its cramp severities."""
    return WeekSummary(
        monday=monday,
        counts=tuple(map(sum, zip(*(day.counts for day in days), strict=True))),
        severity_mean=sum(rated) / len(rated) if rated else None,
        severity_max=max(rated, default=None),
        rated=len(rated),
        activity_load=sum(day.activity_load for day in days),
        activity_minutes=sum(day.activity_minutes for day in days),
    )


def week_summaries(
    days: tuple[DaySummary, ...], episodes: list[Episode]
) -> tuple[WeekSummary, ...]:
    """Return one summary per ISO week touched by the days, in order."""
    by_week: dict[date, list[DaySummary]] = {}
    for day in days:
        by_week.setdefault(_monday(day.day), []).append(day)
    severities: dict[date, list[int]] = {monday: [] for monday in by_week}
    for episode in episodes:
        if episode.kind == CRAMP and episode.severity is not None:
            severities[_monday(episode.local.date())].append(episode.severity)
    return tuple(
        _week(monday, week, severities[monday]) for monday, week in by_week.items()
    )


def area_summaries(episodes: list[Episode]) -> tuple[AreaSummary, ...]:
    """Return the body areas with episodes, most episodes first."""
    by_area: dict[str, list[Episode]] = {}
    for episode in episodes:
        by_area.setdefault(episode.area, []).append(episode)
    areas = [
        AreaSummary(area=area, counts=counts(items)) for area, items in by_area.items()
    ]
    return tuple(sorted(areas, key=lambda item: (-sum(item.counts), item.area)))


def hour_summaries(
    episodes: list[Episode], settings: RiskSettings
) -> tuple[HourSummary, ...]:
    """Return night episodes per wall-clock hour, in the order of the night.

    Every hour the window spans is listed, with or without episodes; an hour
    outside it appears only when an episode fell there (a DST night).
    """
    bedtime = settings.bedtime.hour * 60 + settings.bedtime.minute
    wake = settings.wake_time.hour * 60 + settings.wake_time.minute
    length = (wake - bedtime) % 1440 + settings.pre_bedtime_minutes
    opening = bedtime - settings.pre_bedtime_minutes
    first = int(opening // 60) % 24
    spanned = min(24, math.ceil((opening % 60 + length) / 60)) if length else 0
    by_hour: dict[int, list[Episode]] = {
        (first + offset) % 24: [] for offset in range(spanned)
    }
    for episode in episodes:
        by_hour.setdefault(episode.local.hour, []).append(episode)
    return tuple(
        HourSummary(hour=hour, counts=counts(by_hour[hour]))
        for hour in sorted(by_hour, key=lambda hour: (hour - first) % 24)
    )


def cramp_nights(
    cramps: list[Episode], lows: Mapping[date, float]
) -> tuple[NightSummary, ...]:
    """Return the nights with cramps, each with its lowest and its cramps."""
    by_night: dict[date, list[CrampReading]] = {}
    for cramp in cramps:
        if cramp.night is not None:
            by_night.setdefault(cramp.night, []).append(
                CrampReading(at=cramp.local, temperature_c=cramp.temperature)
            )
    return tuple(
        NightSummary(night=night, lowest_c=lows.get(night), cramps=tuple(readings))
        for night, readings in sorted(by_night.items())
    )
