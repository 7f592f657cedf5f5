"""The snapshot: the one thing every reader reads (entities, comforts, alerts).

`take_snapshot` runs the engine on the part of the log that can still matter
and adds what readers would otherwise work out again: the log's counts and
latest episodes, the night window's edges, the room temperature, the last
cramp, the last movement. A snapshot is frozen and compared as a whole: equal snapshots mean
nothing a reader sees has changed. Nothing here reads Home Assistant's state.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from homeassistant.util import dt as dt_util

from .const import EPISODE_KINDS, Reason
from .risk import (
    LoadEvent,
    RiskAssessment,
    RiskInputs,
    RiskLevel,
    RiskSettings,
    assess,
    window_for,
)
from .store import EpisodeLog

COUNT_WINDOW: Final = timedelta(hours=24)
_MINUTE: Final = timedelta(minutes=1)
# How many of the latest episodes the last-episode sensor lists.
RECENT_EPISODES: Final = 5


@dataclass(frozen=True, kw_only=True)
class EpisodeSummary:
    """A logged episode as the last-episode sensor shows it: never its note."""

    when: datetime
    kind: str
    body_area: str
    severity: int | None


@dataclass(frozen=True, kw_only=True)
class RiskSnapshot:
    """What the readers show and act on; equal snapshots mean nothing changed."""

    level: RiskLevel
    score: int
    reasons: tuple[Reason, ...]
    cold_room: bool | None
    night_window: bool
    exertion_percent: float
    overexertion: bool
    cramp_cluster: bool
    counts_24h: dict[str, int]
    last_episode: EpisodeSummary | None
    # The last few episodes, newest first; they change only when the log does.
    recent_episodes: tuple[EpisodeSummary, ...]
    # The latest cramp at or before the snapshot's moment.
    last_cramp: datetime | None
    # The room temperature (°C) the verdicts were taken from. A reading that
    # keeps every verdict makes no new snapshot, so it is the temperature at
    # the snapshot's own moment (a crossing, a window opening), not a live one.
    temperature_c: float | None
    # What the cold-room verdict is measured against, in °C.
    cold_threshold_c: float
    clears_above_c: float
    # The night window containing the snapshot's moment, or the next one (local).
    window_opens: datetime
    bedtime: datetime
    window_closes: datetime
    # Long stillness, and the last movement it is measured from: the later of
    # the movement sensor's last change and the last logged repositioning.
    long_stillness: bool = False
    last_movement: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class SnapshotInputs:
    """What the coordinator knows at one instant, beside its log and settings."""

    now: datetime
    temperature_c: float | None
    was_cold: bool | None
    sensor_loads: Sequence[LoadEvent] = ()
    # When the movement sensor last changed; None when never seen to.
    sensor_movement: datetime | None = None


def take_snapshot(
    inputs: SnapshotInputs, log: EpisodeLog, settings: RiskSettings
) -> tuple[RiskSnapshot, datetime | None]:
    """Return the snapshot at `inputs.now` and the next instant time changes it."""
    now = inputs.now
    moved = _last_movement(inputs.sensor_movement, log.repositioning_times)
    assessment = _assess(inputs, log, settings, moved)
    counts: dict[str, int] = {}
    changes = [assessment.next_change] if assessment.next_change else []
    for kind in EPISODE_KINDS:
        counts[kind], rolloff = _count_recent(log.episode_times[kind], now)
        if rolloff is not None:
            changes.append(rolloff)
    recent = _summaries(log.episodes[-RECENT_EPISODES:])
    cramps = log.episode_times["cramp"]
    past = bisect_right(cramps, now)
    # The engine's own window; window_for only when the settings leave none.
    opens, closes = assessment.window or window_for(now, settings)
    snapshot = RiskSnapshot(
        level=assessment.level,
        score=assessment.score,
        reasons=assessment.reasons,
        cold_room=assessment.cold_room,
        night_window=assessment.night_window,
        exertion_percent=assessment.exertion_percent,
        overexertion=assessment.overexertion,
        cramp_cluster=assessment.cramp_cluster,
        counts_24h=counts,
        last_episode=recent[0] if recent else None,
        recent_episodes=recent,
        last_cramp=cramps[past - 1] if past else None,
        temperature_c=inputs.temperature_c,
        cold_threshold_c=settings.cold_threshold,
        clears_above_c=settings.cold_threshold + settings.hysteresis,
        window_opens=opens,
        bedtime=opens + timedelta(minutes=settings.pre_bedtime_minutes),
        window_closes=closes,
        long_stillness=assessment.long_stillness,
        last_movement=moved,
    )
    return snapshot, min(changes, default=None)


def _last_movement(
    sensor: datetime | None, repositionings: Sequence[datetime]
) -> datetime | None:
    """Return the later of the sensor's last change and the last repositioning."""
    return max(
        (moment for moment in (sensor, *repositionings[-1:]) if moment is not None),
        default=None,
    )


def _assess(
    inputs: SnapshotInputs,
    log: EpisodeLog,
    settings: RiskSettings,
    moved: datetime | None,
) -> RiskAssessment:
    """Run the engine on the part of the log that can still matter now.

    Loads older than 64 half-lives are a 2**-64 share of themselves and cramps
    older than the count window or the cluster cannot count; the log views
    are sorted, so the cut is a bisection, not a walk through a year.
    """
    now = inputs.now
    load_from = now - timedelta(hours=settings.exertion_half_life_hours * 64)
    cramps_from = now - max(
        COUNT_WINDOW, timedelta(minutes=settings.cramp_cluster_minutes)
    )
    loads = log.activity_loads
    cramps = log.episode_times["cramp"]
    return assess(
        RiskInputs(
            now=now,
            temperature_c=inputs.temperature_c,
            was_cold=inputs.was_cold,
            load_events=(
                *inputs.sensor_loads,
                *loads[bisect_left(loads, load_from, key=_load_time) :],
            ),
            cramp_times=cramps[bisect_left(cramps, cramps_from) :],
            still_minutes=None if moved is None else (now - moved) / _MINUTE,
        ),
        settings,
    )


def _count_recent(
    times: Sequence[datetime], now: datetime
) -> tuple[int, datetime | None]:
    """Count sorted instants in the last 24 hours; return when the oldest leaves."""
    start = bisect_right(times, now - COUNT_WINDOW)
    end = bisect_right(times, now)
    if start >= end:
        return 0, None
    return end - start, times[start] + COUNT_WINDOW


def _load_time(event: LoadEvent) -> datetime:
    """Return when a load was added (the sort key of the load view)."""
    return event.at


def _summaries(episodes: Sequence[dict[str, Any]]) -> tuple[EpisodeSummary, ...]:
    """Summarise logged episodes for the sensors, newest first, without notes."""
    return tuple(
        EpisodeSummary(
            when=dt_util.parse_datetime(episode["when"], raise_on_error=True),
            kind=episode["kind"],
            body_area=episode["body_area"],
            severity=episode.get("severity"),
        )
        for episode in reversed(episodes)
    )
