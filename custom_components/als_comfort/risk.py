"""Cramp-risk engine of ALS Comfort: plain values in, a plain verdict out.

This module owns the formula behind the ``cramp_risk`` sensors. It imports
nothing from Home Assistant (only the defaults and reason keys of ``const``),
so it can be tested and benchmarked on its own.
Temperatures are in °C; every datetime must be timezone-aware. The local time
zone is the ``tzinfo`` of ``now``, and every datetime returned is in that zone.
Durations are measured in UTC, so DST days never stretch or shrink them.

Score: the points of every active factor are added, the sum is rounded half
up and clamped to 0..100.

==================  ======================================================
factor              points
==================  ======================================================
``cramp_cluster``   45 while a cramp is less than ``cramp_cluster_minutes``
                    old
``overexertion``    40 once the decayed load is above ``exertion_limit``,
                    plus 1 per 10 % above the limit, at most +5 (at 150 %)
(no reason)         at or below the limit: up to 8, in proportion to the
                    load (load / limit x 8)
``cold_room``       35 while the room is cold (flat: how far below the
                    threshold does not matter, so a jittery thermometer on
                    one side of the threshold never changes the score)
``frequent_cramps`` 20 when 3 or more cramps fall in the last 24 hours
``cold_night``      10 more when the room is cold inside the night window
``long_stillness``  20 inside the night window once the last movement is
                    ``stillness_minutes`` old (0 turns it off); never while
                    nothing is known about movement
``sensor_unavail…`` 0: an unknown temperature is neither cold nor warm
==================  ======================================================

Levels: ``low`` below 30, ``elevated`` from 30, ``high`` from 60.

A cold room, a cold night, a cramp cluster or overexertion alone lands in
``elevated`` with at least 5 points to spare, and stays there even with the
largest exertion points that bring no reason (a cold night tops out at
35 + 10 + 8 = 53). Frequent cramps alone stay ``low``. Two of cluster,
overexertion and cold night reach ``high``; a cluster with frequent cramps
makes 65. Long stillness is a supporting factor, like frequent cramps: alone
it stays ``low`` (20, or 28 with the largest exertion points that bring no
reason), with frequent cramps it makes 40 (``elevated``), and with a cold
night or a cluster (65) or overexertion (60 to 65) it reaches ``high``: poor
circulation on top of a cold muscle, a recent cramp or overdone exercise. The
score never drops as the room gets colder, load is added or the stillness
grows longer.

Decisions a caller must know:

* Frequent cramps: 3 or more cramps after ``now - 24 h`` and up to ``now``.
* Long stillness: the caller gives the minutes since the last movement
  (``still_minutes``; None when nothing is known: no sensor change and no
  logged repositioning). It is on from the instant they reach
  ``stillness_minutes``, inside the night window only; a last movement older
  than that at the window's opening turns it on at the opening.
* Night window: opens ``pre_bedtime_minutes`` real minutes before bedtime and
  closes at the next wake time at or after bedtime. Wall times resolve with
  fold=0: a repeated time is its first occurrence, a time in a spring gap moves
  forward by the gap. Wake time equal to bedtime leaves only the pre-bedtime
  part (nothing when that is 0 too); a window of 24 h or more never closes.
* ``next_change`` is in UTC, unlike the other datetimes: in a zone whose clocks
  go back, a local time in the repeated hour compares wrongly with another
  local time of the same zone (Python ignores ``fold`` there), so a later
  instant could look earlier. It is the nearest of: window edge, cluster end, the oldest
  recent cramp leaving the 24 h window, a load or cramp logged ahead of time,
  the load falling to the limit (exact), the stillness reaching
  ``stillness_minutes`` inside the window, and the decay step: the load
  passing the next whole percent of the limit or the score dropping by one, at
  most one a minute. Scheduled decay and stillness instants are one or two
  microseconds late, so the change is visible at them.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
import math
from typing import Final

from .const import (
    DEFAULT_BEDTIME,
    DEFAULT_COLD_THRESHOLD,
    DEFAULT_COMFORT_SETPOINT,
    DEFAULT_CRAMP_CLUSTER_MINUTES,
    DEFAULT_EXERTION_HALF_LIFE_HOURS,
    DEFAULT_EXERTION_LIMIT,
    DEFAULT_HYSTERESIS,
    DEFAULT_MAX_SETPOINT,
    DEFAULT_PRE_BEDTIME_MINUTES,
    DEFAULT_STILLNESS_MINUTES,
    DEFAULT_WAKE_TIME,
    Reason,
)

STEPS_PER_MODERATE_MINUTE: Final = 100.0
FREQUENT_CRAMPS_COUNT: Final = 3
FREQUENT_CRAMPS_WINDOW: Final = timedelta(hours=24)

POINTS_CRAMP_CLUSTER: Final = 45.0
POINTS_OVEREXERTION: Final = 40.0
POINTS_OVEREXERTION_EXTRA_MAX: Final = 5.0
POINTS_OVEREXERTION_PER_LIMIT: Final = 10.0
POINTS_EXERTION_BELOW_LIMIT_MAX: Final = 8.0
POINTS_COLD_ROOM: Final = 35.0
POINTS_FREQUENT_CRAMPS: Final = 20.0
POINTS_COLD_NIGHT: Final = 10.0
POINTS_LONG_STILLNESS: Final = 20.0

SCORE_MIN: Final = 0
SCORE_MAX: Final = 100
SCORE_ELEVATED: Final = 30
SCORE_HIGH: Final = 60

# The engine never divides by a limit below one moderate-minute, and never
# decays faster than a one-minute half-life, whatever the options say.
MIN_EXERTION_LIMIT: Final = 1.0
MIN_HALF_LIFE_HOURS: Final = 1 / 60

_HOUR: Final = timedelta(hours=1)
_DECAY_STEP_MIN: Final = timedelta(minutes=1)
_PERCENT_DISPLAY_FLOOR: Final = 0.05
_PERCENT_TOLERANCE: Final = 1e-6
_MAX_DECAY_HOURS: Final = 24 * 366 * 100


class RiskLevel(StrEnum):
    """Level of the ``cramp_risk`` sensor."""

    LOW = "low"
    ELEVATED = "elevated"
    HIGH = "high"


# Reasons with equal points are listed in this order.
REASON_PRIORITY: Final[tuple[Reason, ...]] = (
    Reason.CRAMP_CLUSTER,
    Reason.OVEREXERTION,
    Reason.COLD_ROOM,
    Reason.FREQUENT_CRAMPS,
    Reason.LONG_STILLNESS,
    Reason.COLD_NIGHT,
    Reason.SENSOR_UNAVAILABLE,
)


class Intensity(StrEnum):
    """Intensity of a logged activity."""

    LIGHT = "light"
    MODERATE = "moderate"
    VIGOROUS = "vigorous"

    @property
    def weight(self) -> float:
        """Moderate-minute equivalents of one minute at this intensity."""
        return INTENSITY_WEIGHTS[self]


INTENSITY_WEIGHTS: Final[dict[Intensity, float]] = {
    Intensity.LIGHT: 0.5,
    Intensity.MODERATE: 1.0,
    Intensity.VIGOROUS: 2.0,
}


@dataclass(frozen=True, kw_only=True, slots=True)
class RiskSettings:
    """Options of one person, in °C and minutes; not validated here."""

    cold_threshold: float = DEFAULT_COLD_THRESHOLD
    hysteresis: float = DEFAULT_HYSTERESIS
    comfort_setpoint: float = DEFAULT_COMFORT_SETPOINT
    max_setpoint: float = DEFAULT_MAX_SETPOINT
    pre_bedtime_minutes: float = DEFAULT_PRE_BEDTIME_MINUTES
    exertion_limit: float = DEFAULT_EXERTION_LIMIT
    exertion_half_life_hours: float = DEFAULT_EXERTION_HALF_LIFE_HOURS
    cramp_cluster_minutes: float = DEFAULT_CRAMP_CLUSTER_MINUTES
    # 0 (or less) turns long stillness off.
    stillness_minutes: float = DEFAULT_STILLNESS_MINUTES
    bedtime: time = DEFAULT_BEDTIME
    wake_time: time = DEFAULT_WAKE_TIME


@dataclass(frozen=True, slots=True)
class LoadEvent:
    """Exertion load (moderate-minutes) added at one instant."""

    at: datetime
    load: float


@dataclass(frozen=True, kw_only=True, slots=True)
class RiskInputs:
    """Everything the engine looks at, at one instant."""

    now: datetime
    temperature_c: float | None
    was_cold: bool | None
    load_events: tuple[LoadEvent, ...] = ()
    cramp_times: tuple[datetime, ...] = ()
    # Minutes since the person last moved (sensor or logged repositioning);
    # None when nothing is known. Negative: a movement logged a little ahead.
    still_minutes: float | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class RiskAssessment:
    """The verdict at one instant, and when time alone may change it."""

    score: int
    level: RiskLevel
    reasons: tuple[Reason, ...]
    cold_room: bool | None
    night_window: bool
    exertion_load: float
    exertion_percent: float
    overexertion: bool
    cramp_cluster: bool
    cramps_24h: int
    next_change: datetime | None
    # The night window containing now, or the next one; None when the settings
    # leave no window at all (see ``window_for``).
    window: tuple[datetime, datetime] | None = None
    long_stillness: bool = False


def _positive(value: float) -> float:
    """Return ``value`` when it is a positive finite number, else 0."""
    return float(value) if math.isfinite(value) and value > 0 else 0.0


def _zone(moment: datetime) -> tzinfo:
    """Return the time zone of an aware datetime; refuse a naive one."""
    zone = moment.tzinfo
    if zone is None or zone.utcoffset(moment) is None:
        msg = f"datetime must be timezone-aware: {moment!r}"
        raise ValueError(msg)
    return zone


def _utc(moment: datetime) -> datetime:
    """Return an aware datetime in UTC; refuse a naive one."""
    _zone(moment)
    return moment.astimezone(UTC)


def activity_load(minutes: float, intensity: Intensity) -> float:
    """Return the load of an activity in moderate-minutes."""
    return _positive(minutes) * Intensity(intensity).weight


def steps_to_load(steps: float) -> float:
    """Return the load of a number of steps (100 steps = 1 moderate-minute)."""
    return _positive(steps) / STEPS_PER_MODERATE_MINUTE


def active_minutes_to_load(minutes: float) -> float:
    """Return the load of active minutes from a tracker (1:1)."""
    return _positive(minutes)


def decayed_load(
    events: Iterable[LoadEvent], now: datetime, half_life_hours: float
) -> float:
    """Return the load left at ``now``; each event halves every half-life.

    Events after ``now`` and non-positive or non-finite loads are ignored.
    """
    if not half_life_hours > 0:
        msg = f"half-life must be positive, got {half_life_hours!r}"
        raise ValueError(msg)
    now_utc = _utc(now)
    total = 0.0
    for event in events:
        at = _utc(event.at)
        if at <= now_utc:
            elapsed_hours = (now_utc - at) / _HOUR
            total += _positive(event.load) * 0.5 ** (elapsed_hours / half_life_hours)
    return total


def is_cold(
    temperature_c: float | None,
    was_cold: bool | None,
    threshold: float,
    hysteresis: float,
) -> bool | None:
    """Return whether the room is cold, with hysteresis; None when unknown.

    Below ``threshold`` is cold. A room that was cold stays cold up to and
    including ``threshold + hysteresis``. An unknown previous state counts as
    not cold.
    """
    if temperature_c is None or not math.isfinite(temperature_c):
        return None
    if temperature_c < threshold:
        return True
    return was_cold is True and temperature_c <= threshold + hysteresis


def _time_of_day(value: time) -> timedelta:
    """Return a wall-clock time as the duration since midnight."""
    return timedelta(
        hours=value.hour,
        minutes=value.minute,
        seconds=value.second,
        microseconds=value.microsecond,
    )


def _wall_instant(day: date, wall: time, zone: tzinfo) -> datetime:
    """Return the UTC instant of a local wall-clock time on ``day``.

    Always fold=0: a repeated time is its first occurrence; a time inside a
    spring-forward gap is read with the offset before the gap, which lands
    after the gap by the gap's length (02:30 becomes 03:30).
    """
    naive = datetime.combine(day, wall.replace(tzinfo=None, fold=0))
    return naive.replace(tzinfo=zone).astimezone(UTC)


def _night(
    day: date, settings: RiskSettings, zone: tzinfo
) -> tuple[datetime, datetime]:
    """Return (opens, closes) in UTC of the night whose bedtime is on ``day``."""
    bedtime = _wall_instant(day, settings.bedtime, zone)
    wake_day = day
    if _time_of_day(settings.wake_time) < _time_of_day(settings.bedtime):
        wake_day += timedelta(days=1)
    closes = _wall_instant(wake_day, settings.wake_time, zone)
    opens = bedtime - timedelta(minutes=settings.pre_bedtime_minutes)
    return opens, closes


def _nights_near(
    now_utc: datetime, settings: RiskSettings, zone: tzinfo
) -> list[tuple[datetime, datetime]]:
    """Return the nights (UTC) that can contain or follow ``now_utc``, by opening."""
    shifted = now_utc + timedelta(minutes=settings.pre_bedtime_minutes)
    first = min(now_utc, shifted).astimezone(zone).date() - timedelta(days=2)
    last = max(now_utc, shifted).astimezone(zone).date() + timedelta(days=2)
    days = (first + timedelta(days=offset) for offset in range((last - first).days + 1))
    return sorted(_night(day, settings, zone) for day in days)


def _merged(
    nights: list[tuple[datetime, datetime]],
) -> list[tuple[datetime, datetime]]:
    """Drop empty nights and join nights that touch or overlap."""
    merged: list[tuple[datetime, datetime]] = []
    for opens, closes in nights:
        if opens >= closes:
            continue
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
        else:
            merged.append((opens, closes))
    return merged


def _window_utc(
    now_utc: datetime, settings: RiskSettings, zone: tzinfo
) -> tuple[datetime, datetime] | None:
    """Return the window containing ``now_utc`` or the next one; None if empty."""
    for opens, closes in _merged(_nights_near(now_utc, settings, zone)):
        if now_utc < closes:
            return opens, closes
    return None


def window_for(now: datetime, settings: RiskSettings) -> tuple[datetime, datetime]:
    """Return (opens, closes) of the night window containing ``now``, or the next.

    The window opens ``pre_bedtime_minutes`` real minutes before bedtime and
    closes at the first wake time at or after bedtime. The window is
    half-open: open at ``opens``, closed again at ``closes``. When the
    settings leave no window at all (wake time equal to bedtime and no
    pre-bedtime minutes), an empty window ``(t, t)`` at the next closing
    instant is returned; it is never open. Nights that touch or overlap are
    joined, so a window of 24 hours or more reports edges days apart.
    """
    zone = _zone(now)
    now_utc = _utc(now)
    window = _window_utc(now_utc, settings, zone)
    if window is None:
        closes = next(
            closes
            for _, closes in _nights_near(now_utc, settings, zone)
            if closes > now_utc
        )
        window = (closes, closes)
    return window[0].astimezone(zone), window[1].astimezone(zone)


def _window_edge(
    window: tuple[datetime, datetime] | None, now_utc: datetime
) -> datetime | None:
    """Return the next opening or closing of ``window`` after ``now_utc``."""
    if window is None:
        return None
    return window[0] if window[0] > now_utc else window[1]


def in_night_window(now: datetime, settings: RiskSettings) -> bool:
    """Return whether ``now`` is inside the night window."""
    now_utc = _utc(now)
    window = _window_utc(now_utc, settings, _zone(now))
    return window is not None and window[0] <= now_utc


def cluster_until(
    cramp_times: Iterable[datetime], now: datetime, settings: RiskSettings
) -> datetime | None:
    """Return when the current cramp cluster ends, or None if there is none.

    The cluster lasts ``cramp_cluster_minutes`` after the latest cramp at or
    before ``now``; at exactly that many minutes it is over.
    """
    now_utc = _utc(now)
    past = [moment for moment in map(_utc, cramp_times) if moment <= now_utc]
    if not past:
        return None
    until = max(past) + timedelta(minutes=settings.cramp_cluster_minutes)
    return until.astimezone(_zone(now)) if until > now_utc else None


def _recent_cramps(
    cramp_times: Iterable[datetime], now_utc: datetime
) -> list[datetime]:
    """Return the cramps (UTC) in the last 24 hours: after now - 24 h, up to now."""
    start = now_utc - FREQUENT_CRAMPS_WINDOW
    return [moment for moment in map(_utc, cramp_times) if start < moment <= now_utc]


def is_still(still_minutes: float | None, stillness_minutes: float) -> bool:
    """Return whether the last movement is at least ``stillness_minutes`` old.

    Unknown (None, or not a number) is never still; a limit of 0 or less (or
    not a number) turns the check off.
    """
    if still_minutes is None or not math.isfinite(still_minutes):
        return False
    return 0 < stillness_minutes <= still_minutes


def _stillness_change(
    now_utc: datetime, still_minutes: float | None, stillness_minutes: float
) -> datetime | None:
    """Return when time alone brings the stillness to its limit, or None.

    Rounded up by one to two microseconds, like the decay instants.
    """
    if still_minutes is None or not math.isfinite(still_minutes):
        return None
    if not 0 < stillness_minutes < math.inf:
        return None
    remaining = stillness_minutes - still_minutes
    if not 0 < remaining <= _MAX_DECAY_HOURS * 60:
        return None
    return now_utc + timedelta(microseconds=math.ceil(remaining * 60_000_000) + 1)


def level_for(score: float) -> RiskLevel:
    """Return the level of a score: low < 30 <= elevated < 60 <= high."""
    if score >= SCORE_HIGH:
        return RiskLevel.HIGH
    if score >= SCORE_ELEVATED:
        return RiskLevel.ELEVATED
    return RiskLevel.LOW


def exertion_points(ratio: float) -> float:
    """Return the points of a load given as a fraction of the limit.

    Continuous below the limit, a step up to 40 above it, capped at 45.
    """
    if ratio > 1:
        extra = POINTS_OVEREXERTION_PER_LIMIT * (ratio - 1)
        return POINTS_OVEREXERTION + min(POINTS_OVEREXERTION_EXTRA_MAX, extra)
    return POINTS_EXERTION_BELOW_LIMIT_MAX * max(0.0, ratio)


def _ratio_for_points(points: float) -> float | None:
    """Return the load ratio at which decay brings exertion points to ``points``."""
    if points <= 0:
        return None
    if points <= POINTS_EXERTION_BELOW_LIMIT_MAX:
        return points / POINTS_EXERTION_BELOW_LIMIT_MAX
    if points <= POINTS_OVEREXERTION:
        return 1.0
    extra = min(points, POINTS_OVEREXERTION + POINTS_OVEREXERTION_EXTRA_MAX)
    return 1 + (extra - POINTS_OVEREXERTION) / POINTS_OVEREXERTION_PER_LIMIT


def _score(total: float) -> int:
    """Round points half up and clamp them to 0..100."""
    return min(SCORE_MAX, max(SCORE_MIN, math.floor(total + 0.5)))


def _crossing(
    now_utc: datetime, ratio: float, target: float, half_life_hours: float
) -> datetime | None:
    """Return the first instant after which a decaying ratio is below ``target``.

    The exact instant is rounded up by one to two microseconds, so a fresh
    assessment at the returned instant already sees the change.
    """
    if target >= ratio:
        return now_utc
    hours = half_life_hours * math.log2(ratio / target)
    if hours > _MAX_DECAY_HOURS:
        return None
    return now_utc + timedelta(microseconds=math.floor(hours * 3_600_000_000) + 2)


def _decay_change(
    now_utc: datetime, ratio: float, half_life_hours: float, other_points: float
) -> datetime | None:
    """Return when decay alone next changes the assessment, or None.

    Three targets: the limit (exact), the next whole exertion percent and the
    next whole score (the decay step, at most one a minute).
    """
    if ratio <= 0 or not math.isfinite(ratio) or not math.isfinite(half_life_hours):
        return None
    percent = 100 * ratio
    steps: list[float] = []
    if percent >= _PERCENT_DISPLAY_FLOOR:
        whole = math.floor(percent - _PERCENT_TOLERANCE)
        steps.append(max(whole, _PERCENT_DISPLAY_FLOOR) / 100)
    score = _score(other_points + exertion_points(ratio))
    score_ratio = _ratio_for_points(score - 0.5 - other_points)
    if score_ratio is not None:
        steps.append(score_ratio)
    found: list[datetime] = []
    for target in steps:
        moment = _crossing(now_utc, ratio, target, half_life_hours)
        if moment is not None:
            found.append(max(moment, now_utc + _DECAY_STEP_MIN))
    if ratio > 1:
        limit = _crossing(now_utc, ratio, 1.0, half_life_hours)
        if limit is not None:
            found.append(limit)
    return min(found, default=None)


def _factor_points(
    cold_points: float | None,
    *,
    night: bool,
    cluster: bool,
    frequent: bool,
    still: bool,
) -> dict[Reason, float]:
    """Return the points of each active factor except exertion.

    ``cold_points`` is None for an unknown temperature and 0 for a warm room.
    """
    points: dict[Reason, float] = {}
    if cold_points is None:
        points[Reason.SENSOR_UNAVAILABLE] = 0.0
    elif cold_points:
        points[Reason.COLD_ROOM] = cold_points
        if night:
            points[Reason.COLD_NIGHT] = POINTS_COLD_NIGHT
    if cluster:
        points[Reason.CRAMP_CLUSTER] = POINTS_CRAMP_CLUSTER
    if frequent:
        points[Reason.FREQUENT_CRAMPS] = POINTS_FREQUENT_CRAMPS
    if still:
        points[Reason.LONG_STILLNESS] = POINTS_LONG_STILLNESS
    return points


def _ordered(points: dict[Reason, float]) -> tuple[Reason, ...]:
    """Order reasons by points, most first; ties by REASON_PRIORITY."""
    return tuple(
        sorted(
            points, key=lambda reason: (-points[reason], REASON_PRIORITY.index(reason))
        )
    )


def _next_event(moments: Iterable[datetime], now_utc: datetime) -> datetime | None:
    """Return the earliest of ``moments`` after ``now_utc``."""
    return min((moment for moment in moments if moment > now_utc), default=None)


def _next_change(
    now_utc: datetime, inputs: RiskInputs, known: Iterable[datetime | None]
) -> datetime | None:
    """Return the earliest instant after ``now_utc`` when time alone changes things.

    ``known`` are the instants found already (window edge, cluster end, roll-off,
    decay); events logged ahead of time count from their own instant.
    """
    candidates = list(known)
    loaded = (_utc(event.at) for event in inputs.load_events if _positive(event.load))
    candidates.append(_next_event(loaded, now_utc))
    candidates.append(_next_event(map(_utc, inputs.cramp_times), now_utc))
    return min((moment for moment in candidates if moment is not None), default=None)


def _effective(value: float, minimum: float) -> float:
    """Return ``value``, or ``minimum`` when it is smaller or not a number."""
    if not value >= minimum:
        return minimum
    return value


def assess(inputs: RiskInputs, settings: RiskSettings) -> RiskAssessment:
    """Return the cramp-risk assessment for one instant."""
    zone = _zone(inputs.now)
    now_utc = _utc(inputs.now)
    half_life = _effective(settings.exertion_half_life_hours, MIN_HALF_LIFE_HOURS)
    load = decayed_load(inputs.load_events, now_utc, half_life)
    ratio = load / _effective(settings.exertion_limit, MIN_EXERTION_LIMIT)
    cold = is_cold(
        inputs.temperature_c,
        inputs.was_cold,
        settings.cold_threshold,
        settings.hysteresis,
    )
    window = _window_utc(now_utc, settings, zone)
    night = window is not None and window[0] <= now_utc
    cluster_end = cluster_until(inputs.cramp_times, now_utc, settings)
    recent = _recent_cramps(inputs.cramp_times, now_utc)
    still = night and is_still(inputs.still_minutes, settings.stillness_minutes)

    cold_points: float | None = None
    if cold is not None:
        cold_points = POINTS_COLD_ROOM if cold else 0.0
    points = _factor_points(
        cold_points,
        night=night,
        cluster=cluster_end is not None,
        frequent=len(recent) >= FREQUENT_CRAMPS_COUNT,
        still=still,
    )
    other_points = sum(points.values())
    if ratio > 1:
        points[Reason.OVEREXERTION] = exertion_points(ratio)
    score = _score(other_points + exertion_points(ratio))
    next_change = _next_change(
        now_utc,
        inputs,
        [
            _window_edge(window, now_utc),
            cluster_end,
            min(recent) + FREQUENT_CRAMPS_WINDOW if recent else None,
            _decay_change(now_utc, ratio, half_life, other_points),
            _stillness_change(now_utc, inputs.still_minutes, settings.stillness_minutes)
            if night and not still
            else None,
        ],
    )
    return RiskAssessment(
        score=score,
        level=level_for(score),
        reasons=_ordered(points),
        cold_room=cold,
        night_window=night,
        exertion_load=load,
        exertion_percent=round(100 * ratio, 1),
        overexertion=ratio > 1,
        cramp_cluster=cluster_end is not None,
        cramps_24h=len(recent),
        next_change=next_change,
        window=(
            (window[0].astimezone(zone), window[1].astimezone(zone))
            if window is not None
            else None
        ),
        long_stillness=still,
    )
