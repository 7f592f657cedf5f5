"""Tests of the pure cramp-risk engine: tables for each rule, properties for all."""

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
import math
from zoneinfo import ZoneInfo

from hypothesis import (
    HealthCheck,
    given,
    settings as hypothesis_settings,
    strategies as st,
)
import pytest

from custom_components.als_comfort.const import (
    DEFAULT_BEDTIME,
    DEFAULT_COLD_THRESHOLD,
    DEFAULT_CRAMP_CLUSTER_MINUTES,
    DEFAULT_EXERTION_HALF_LIFE_HOURS,
    DEFAULT_EXERTION_LIMIT,
    DEFAULT_HYSTERESIS,
    DEFAULT_PRE_BEDTIME_MINUTES,
    DEFAULT_STILLNESS_MINUTES,
    DEFAULT_WAKE_TIME,
)
from custom_components.als_comfort.risk import (
    FREQUENT_CRAMPS_COUNT,
    FREQUENT_CRAMPS_WINDOW,
    Intensity,
    LoadEvent,
    Reason,
    RiskInputs,
    RiskLevel,
    RiskSettings,
    active_minutes_to_load,
    activity_load,
    assess,
    cluster_until,
    decayed_load,
    in_night_window,
    is_cold,
    is_still,
    level_for,
    steps_to_load,
    window_for,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")  # a 30-minute DST shift
DEFAULTS = RiskSettings()
# A summer day in Berlin: the night window (21:30-07:00) is hours away.
NOON = datetime(2026, 6, 15, 12, 0, tzinfo=BERLIN)
NIGHT = datetime(2026, 6, 15, 23, 0, tzinfo=BERLIN)
MICROSECOND = timedelta(microseconds=1)
HALF_LIFE_SECONDS = DEFAULT_EXERTION_HALF_LIFE_HOURS * 3600

COLD = Reason.COLD_ROOM
NIGHT_COLD = Reason.COLD_NIGHT
OVER = Reason.OVEREXERTION
CLUSTER = Reason.CRAMP_CLUSTER
FREQUENT = Reason.FREQUENT_CRAMPS
UNAVAILABLE = Reason.SENSOR_UNAVAILABLE
STILL = Reason.LONG_STILLNESS


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations() -> None:
    """Override the package-wide fixture: the engine needs no Home Assistant."""


def inputs(
    now: datetime = NOON,
    temperature: float | None = 21.0,
    was_cold: bool | None = None,
    loads: tuple[tuple[timedelta, float], ...] = (),
    cramps: tuple[timedelta, ...] = (),
    still: float | None = None,
) -> RiskInputs:
    """Build engine inputs; loads and cramps are real-time offsets from `now`.

    `still` is the minutes since the last movement (None: nothing known).
    """
    return RiskInputs(
        now=now,
        temperature_c=temperature,
        was_cold=was_cold,
        load_events=tuple(
            LoadEvent(shift(now, offset), load) for offset, load in loads
        ),
        cramp_times=tuple(shift(now, offset) for offset in cramps),
        still_minutes=still,
    )


def shift(moment: datetime, offset: timedelta) -> datetime:
    """Move an aware datetime by real elapsed time, keeping its zone."""
    return (moment.astimezone(UTC) + offset).astimezone(moment.tzinfo)


def minutes(value: float) -> timedelta:
    """Return a duration in minutes (negative: in the past)."""
    return timedelta(minutes=value)


def hours(value: float) -> timedelta:
    """Return a duration in hours (negative: in the past)."""
    return timedelta(hours=value)


def test_defaults_match_the_spec() -> None:
    """The option defaults are the documented ones."""
    assert (
        RiskSettings(
            cold_threshold=19.0,
            hysteresis=0.5,
            comfort_setpoint=21.0,
            max_setpoint=24.0,
            pre_bedtime_minutes=60,
            exertion_limit=60,
            exertion_half_life_hours=4,
            cramp_cluster_minutes=60,
            stillness_minutes=120,
            bedtime=time(22, 30),
            wake_time=time(7, 0),
        )
        == DEFAULTS
    )
    assert (DEFAULT_COLD_THRESHOLD, DEFAULT_HYSTERESIS) == (19.0, 0.5)
    assert (DEFAULT_PRE_BEDTIME_MINUTES, DEFAULT_CRAMP_CLUSTER_MINUTES) == (60, 60)
    assert (DEFAULT_EXERTION_LIMIT, DEFAULT_EXERTION_HALF_LIFE_HOURS) == (60, 4)
    assert (time(22, 30), time(7, 0)) == (DEFAULT_BEDTIME, DEFAULT_WAKE_TIME)
    assert (3, hours(24)) == (FREQUENT_CRAMPS_COUNT, FREQUENT_CRAMPS_WINDOW)
    assert DEFAULT_STILLNESS_MINUTES == 120


# --- Exertion load ---------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes_done", "intensity", "expected"),
    [
        pytest.param(30, Intensity.LIGHT, 15.0, id="light-half"),
        pytest.param(30, Intensity.MODERATE, 30.0, id="moderate-one"),
        pytest.param(30, Intensity.VIGOROUS, 60.0, id="vigorous-double"),
        pytest.param(45, "vigorous", 90.0, id="plain-string-intensity"),
        pytest.param(0, Intensity.VIGOROUS, 0.0, id="no-minutes"),
        pytest.param(-10, Intensity.MODERATE, 0.0, id="negative-minutes"),
        pytest.param(math.nan, Intensity.MODERATE, 0.0, id="nan-minutes"),
    ],
)
def test_activity_load(
    minutes_done: float, intensity: Intensity, expected: float
) -> None:
    """Load is minutes times the intensity weight."""
    assert activity_load(minutes_done, intensity) == expected


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        pytest.param(100, 1.0, id="100-steps-one-minute"),
        pytest.param(2500, 25.0, id="2500-steps"),
        pytest.param(50, 0.5, id="half"),
        pytest.param(0, 0.0, id="none"),
        pytest.param(-300, 0.0, id="counter-reset-negative"),
        pytest.param(math.inf, 0.0, id="infinite"),
    ],
)
def test_steps_to_load(steps: float, expected: float) -> None:
    """100 steps are one moderate-minute."""
    assert steps_to_load(steps) == expected


@pytest.mark.parametrize(
    ("active", "expected"),
    [
        pytest.param(25, 25.0, id="one-to-one"),
        pytest.param(-5, 0.0, id="negative"),
    ],
)
def test_active_minutes_to_load(active: float, expected: float) -> None:
    """Active minutes count one to one."""
    assert active_minutes_to_load(active) == expected


@pytest.mark.parametrize(
    ("events", "half_life", "expected"),
    [
        pytest.param([(hours(0), 60)], 4, 60.0, id="fresh"),
        pytest.param([(hours(-4), 60)], 4, 30.0, id="one-half-life"),
        pytest.param([(hours(-8), 60)], 4, 15.0, id="two-half-lives"),
        pytest.param([(hours(-4), 60)], 2, 15.0, id="shorter-half-life"),
        pytest.param([(MICROSECOND, 60)], 4, 0.0, id="future-ignored"),
        pytest.param([(hours(-4), 60), (hours(1), 500)], 4, 30.0, id="mixed-future"),
        pytest.param([(hours(-4), 40), (hours(0), 10)], 4, 30.0, id="summed"),
        pytest.param([(hours(0), -20), (hours(0), math.nan)], 4, 0.0, id="bad-loads"),
    ],
)
def test_decayed_load(
    events: list[tuple[timedelta, float]], half_life: float, expected: float
) -> None:
    """Each event halves every half-life; future events do not count yet."""
    load_events = [LoadEvent(NOON + offset, load) for offset, load in events]
    assert decayed_load(load_events, NOON, half_life) == expected


def test_decay_uses_real_hours_across_dst_and_zones() -> None:
    """01:00 CET to 04:00 CEST on spring-forward day is two hours, not three."""
    start = datetime(2026, 3, 29, 1, 0, tzinfo=BERLIN)
    now = datetime(2026, 3, 29, 4, 0, tzinfo=BERLIN)
    assert decayed_load([LoadEvent(start, 60)], now, 2) == 30.0
    in_new_york = LoadEvent(start.astimezone(NEW_YORK), 60)
    assert decayed_load([in_new_york], now.astimezone(UTC), 2) == 30.0


@pytest.mark.parametrize("half_life", [0, -1, math.nan])
def test_decayed_load_refuses_a_bad_half_life(half_life: float) -> None:
    """A non-positive half-life is a caller error."""
    with pytest.raises(ValueError, match="half-life"):
        decayed_load([], NOON, half_life)


def test_naive_datetimes_are_refused() -> None:
    """The engine only works with aware datetimes."""
    with pytest.raises(ValueError, match="timezone-aware"):
        assess(inputs(now=datetime(2026, 6, 15, 12, 0)), DEFAULTS)  # noqa: DTZ001


# --- Cold room and hysteresis ---------------------------------------------


@pytest.mark.parametrize(
    ("temperature", "was_cold", "expected"),
    [
        pytest.param(18.9, False, True, id="below-threshold"),
        pytest.param(19.0, False, False, id="at-threshold-not-cold"),
        pytest.param(18.0, None, True, id="below-from-unknown"),
        pytest.param(19.2, True, True, id="band-stays-cold"),
        pytest.param(19.5, True, True, id="band-top-stays-cold"),
        pytest.param(19.51, True, False, id="above-band-clears"),
        pytest.param(19.2, False, False, id="band-from-warm"),
        pytest.param(19.2, None, False, id="band-from-unknown"),
        pytest.param(None, True, None, id="unknown"),
        pytest.param(math.nan, True, None, id="nan"),
        pytest.param(math.inf, False, None, id="inf"),
        pytest.param(-math.inf, False, None, id="minus-inf"),
    ],
)
def test_is_cold(
    temperature: float | None, was_cold: bool | None, expected: bool | None
) -> None:
    """Cold below 19 °C; once cold, cold up to and including 19.5 °C."""
    assert is_cold(temperature, was_cold, 19.0, 0.5) is expected


# --- Score, level and reasons ------------------------------------------------

SCORE_CASES = [
    pytest.param(inputs(), 0, (), id="warm-day-nothing"),
    pytest.param(inputs(temperature=18.0), 35, (COLD,), id="cold-day"),
    pytest.param(inputs(temperature=18.9), 35, (COLD,), id="cold-day-barely"),
    pytest.param(inputs(temperature=5.0), 35, (COLD,), id="cold-day-much-colder"),
    pytest.param(
        inputs(temperature=19.3, was_cold=True), 35, (COLD,), id="hysteresis-band"
    ),
    pytest.param(inputs(NIGHT, 18.0), 45, (COLD, NIGHT_COLD), id="cold-night"),
    pytest.param(
        inputs(NIGHT, 5.0, loads=((hours(0), 60),)),
        53,
        (COLD, NIGHT_COLD),
        id="coldest-night-with-load-at-limit-stays-elevated",
    ),
    pytest.param(
        inputs(NIGHT, 18.0, cramps=(minutes(-10),)),
        90,
        (CLUSTER, COLD, NIGHT_COLD),
        id="cold-night-and-cluster",
    ),
    pytest.param(inputs(cramps=(minutes(-10),)), 45, (CLUSTER,), id="cluster-alone"),
    pytest.param(
        inputs(cramps=(minutes(-10), hours(-3), hours(-20))),
        65,
        (CLUSTER, FREQUENT),
        id="cluster-and-frequent",
    ),
    pytest.param(
        inputs(cramps=(hours(-2), hours(-3), hours(-20))),
        20,
        (FREQUENT,),
        id="frequent-alone",
    ),
    pytest.param(inputs(loads=((hours(0), 90),)), 45, (OVER,), id="overexertion-alone"),
    pytest.param(
        inputs(loads=((hours(0), 60.6),)), 40, (OVER,), id="overexertion-barely"
    ),
    pytest.param(
        inputs(loads=((hours(0), 600),)), 45, (OVER,), id="overexertion-capped"
    ),
    pytest.param(
        inputs(NIGHT, 18.0, loads=((hours(0), 90),)),
        90,
        (OVER, COLD, NIGHT_COLD),
        id="overexertion-and-cold-night",
    ),
    pytest.param(inputs(loads=((hours(0), 30),)), 4, (), id="half-the-limit"),
    pytest.param(inputs(loads=((hours(0), 60),)), 8, (), id="at-the-limit-not-over"),
    pytest.param(inputs(temperature=None), 0, (UNAVAILABLE,), id="sensor-unavailable"),
    pytest.param(
        inputs(NIGHT, None), 0, (UNAVAILABLE,), id="sensor-unavailable-at-night"
    ),
    pytest.param(
        inputs(NIGHT, math.nan, cramps=(minutes(-5),)),
        45,
        (CLUSTER, UNAVAILABLE),
        id="nan-temperature-with-cluster",
    ),
    pytest.param(
        inputs(
            NIGHT,
            5.0,
            loads=((hours(0), 600),),
            cramps=(minutes(-5), hours(-2), hours(-3)),
        ),
        100,
        (CLUSTER, OVER, COLD, FREQUENT, NIGHT_COLD),
        id="everything-clamped",
    ),
    pytest.param(inputs(NIGHT, still=120), 20, (STILL,), id="stillness-alone"),
    pytest.param(
        inputs(NIGHT, still=600, loads=((hours(0), 60),)),
        28,
        (STILL,),
        id="stillness-with-load-at-limit-stays-low",
    ),
    pytest.param(inputs(NIGHT, still=119.9), 0, (), id="stillness-not-yet"),
    pytest.param(inputs(still=600), 0, (), id="stillness-by-day-is-nothing"),
    pytest.param(inputs(NIGHT, still=None), 0, (), id="stillness-unknown"),
    pytest.param(
        inputs(NIGHT, 18.0, still=130),
        65,
        (COLD, STILL, NIGHT_COLD),
        id="stillness-and-cold-night",
    ),
    pytest.param(
        inputs(NIGHT, still=130, cramps=(minutes(-10),)),
        65,
        (CLUSTER, STILL),
        id="stillness-and-cluster",
    ),
    pytest.param(
        inputs(NIGHT, still=130, loads=((hours(0), 60.6),)),
        60,
        (OVER, STILL),
        id="stillness-and-barely-overexertion",
    ),
    pytest.param(
        inputs(NIGHT, still=130, cramps=(hours(-2), hours(-3), hours(-20))),
        40,
        (FREQUENT, STILL),
        id="stillness-and-frequent-tie-by-priority",
    ),
    pytest.param(
        inputs(NIGHT, None, still=130),
        20,
        (STILL, UNAVAILABLE),
        id="stillness-with-thermometer-unknown",
    ),
]


@pytest.mark.parametrize(("risk_inputs", "score", "reasons"), SCORE_CASES)
def test_score_and_reasons(
    risk_inputs: RiskInputs, score: int, reasons: tuple[Reason, ...]
) -> None:
    """Each factor and each required combination scores as documented."""
    result = assess(risk_inputs, DEFAULTS)
    assert (result.score, result.reasons) == (score, reasons)
    assert result.level is level_for(score)


@pytest.mark.parametrize(
    ("risk_inputs", "level"),
    [
        pytest.param(inputs(), RiskLevel.LOW, id="nothing-low"),
        pytest.param(
            inputs(temperature=18.0), RiskLevel.ELEVATED, id="cold-day-elevated"
        ),
        pytest.param(inputs(NIGHT, 18.0), RiskLevel.ELEVATED, id="cold-night-elevated"),
        pytest.param(
            inputs(NIGHT, 18.0, cramps=(minutes(-1),)),
            RiskLevel.HIGH,
            id="cold-night-cluster-high",
        ),
        pytest.param(
            inputs(cramps=(minutes(-1),)), RiskLevel.ELEVATED, id="cluster-elevated"
        ),
        pytest.param(
            inputs(cramps=(minutes(-1), hours(-2), hours(-4))),
            RiskLevel.HIGH,
            id="cluster-frequent-high",
        ),
        pytest.param(
            inputs(loads=((hours(0), 61),)),
            RiskLevel.ELEVATED,
            id="overexertion-elevated",
        ),
        pytest.param(
            inputs(NIGHT, 18.0, loads=((hours(0), 61),)),
            RiskLevel.HIGH,
            id="overexertion-cold-night-high",
        ),
        pytest.param(
            inputs(cramps=(hours(-2), hours(-3), hours(-4))),
            RiskLevel.LOW,
            id="frequent-alone-low",
        ),
        pytest.param(inputs(NIGHT, still=500), RiskLevel.LOW, id="stillness-low"),
        pytest.param(
            inputs(NIGHT, 18.0, still=500), RiskLevel.HIGH, id="stillness-cold-high"
        ),
        pytest.param(
            inputs(NIGHT, still=500, cramps=(hours(-2), hours(-3), hours(-4))),
            RiskLevel.ELEVATED,
            id="stillness-frequent-elevated",
        ),
    ],
)
def test_required_levels(risk_inputs: RiskInputs, level: RiskLevel) -> None:
    """The combinations the spec names land in their level."""
    assert assess(risk_inputs, DEFAULTS).level is level


@pytest.mark.parametrize(
    ("score", "level"),
    [
        pytest.param(0, RiskLevel.LOW, id="0"),
        pytest.param(29, RiskLevel.LOW, id="29"),
        pytest.param(30, RiskLevel.ELEVATED, id="30"),
        pytest.param(59, RiskLevel.ELEVATED, id="59"),
        pytest.param(60, RiskLevel.HIGH, id="60"),
        pytest.param(100, RiskLevel.HIGH, id="100"),
    ],
)
def test_level_bands(score: int, level: RiskLevel) -> None:
    """Low below 30, elevated from 30, high from 60."""
    assert level_for(score) is level


@pytest.mark.parametrize(
    ("risk_inputs", "settings", "reasons"),
    [
        pytest.param(
            inputs(loads=((hours(0), 90),), cramps=(minutes(-1),)),
            DEFAULTS,
            (CLUSTER, OVER),
            id="tie-45-cluster-first",
        ),
        pytest.param(
            inputs(temperature=16.1875, loads=((hours(0), 68),)),
            replace(DEFAULTS, exertion_limit=64),
            (OVER, COLD),
            id="overexertion-outranks-cold",
        ),
        pytest.param(
            inputs(NIGHT, 5.0, loads=((hours(0), 60.6),), cramps=(hours(-2),) * 3),
            DEFAULTS,
            (OVER, COLD, FREQUENT, NIGHT_COLD),
            id="by-points",
        ),
    ],
)
def test_reason_order(
    risk_inputs: RiskInputs, settings: RiskSettings, reasons: tuple[Reason, ...]
) -> None:
    """Reasons go by points; equal points by the fixed priority."""
    assert assess(risk_inputs, settings).reasons == reasons


@pytest.mark.parametrize(
    ("load", "percent", "over"),
    [
        pytest.param(0, 0.0, False, id="none"),
        pytest.param(20, 33.3, False, id="one-decimal"),
        pytest.param(45, 75.0, False, id="three-quarters"),
        pytest.param(60, 100.0, False, id="at-limit"),
        pytest.param(90, 150.0, True, id="over"),
    ],
)
def test_exertion_percent(load: float, percent: float, over: bool) -> None:
    """The load is shown as a percentage of the limit, one decimal."""
    result = assess(inputs(loads=((hours(0), load),)), DEFAULTS)
    assert (result.exertion_load, result.exertion_percent) == (load, percent)
    assert result.overexertion is over


def test_unknown_temperature_is_neither_cold_nor_warm() -> None:
    """Unknown gives no cold flag, no cold-night reason and no points."""
    result = assess(inputs(NIGHT, None, was_cold=True), DEFAULTS)
    assert result.cold_room is None
    assert result.night_window is True
    assert result.reasons == (UNAVAILABLE,)
    assert result.score == 0


# --- Night window ------------------------------------------------------------


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Return a Berlin wall-clock datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("now", "inside", "opens", "closes"),
    [
        pytest.param(
            berlin(2026, 6, 15, 21, 29),
            False,
            berlin(2026, 6, 15, 21, 30),
            berlin(2026, 6, 16, 7),
            id="21:29",
        ),
        pytest.param(
            berlin(2026, 6, 15, 21, 30),
            True,
            berlin(2026, 6, 15, 21, 30),
            berlin(2026, 6, 16, 7),
            id="21:30",
        ),
        pytest.param(
            berlin(2026, 6, 15, 23, 59),
            True,
            berlin(2026, 6, 15, 21, 30),
            berlin(2026, 6, 16, 7),
            id="23:59",
        ),
        pytest.param(
            berlin(2026, 6, 16, 0, 0),
            True,
            berlin(2026, 6, 15, 21, 30),
            berlin(2026, 6, 16, 7),
            id="00:00",
        ),
        pytest.param(
            berlin(2026, 6, 16, 6, 59),
            True,
            berlin(2026, 6, 15, 21, 30),
            berlin(2026, 6, 16, 7),
            id="06:59",
        ),
        pytest.param(
            berlin(2026, 6, 16, 7, 0),
            False,
            berlin(2026, 6, 16, 21, 30),
            berlin(2026, 6, 17, 7),
            id="07:00",
        ),
    ],
)
def test_window_crossing_midnight(
    now: datetime, inside: bool, opens: datetime, closes: datetime
) -> None:
    """22:30 to 07:00 with an hour before bedtime: open 21:30 to 07:00."""
    assert in_night_window(now, DEFAULTS) is inside
    assert assess(inputs(now), DEFAULTS).night_window is inside
    assert window_for(now, DEFAULTS) == (opens, closes)


@pytest.mark.parametrize(
    ("bedtime", "now", "inside", "opens", "closes"),
    [
        pytest.param(
            time(1),
            berlin(2026, 6, 15, 23, 59),
            False,
            berlin(2026, 6, 16, 0),
            berlin(2026, 6, 16, 9),
            id="after-midnight-23:59",
        ),
        pytest.param(
            time(1),
            berlin(2026, 6, 16, 0, 0),
            True,
            berlin(2026, 6, 16, 0),
            berlin(2026, 6, 16, 9),
            id="after-midnight-00:00",
        ),
        pytest.param(
            time(1),
            berlin(2026, 6, 16, 8, 59),
            True,
            berlin(2026, 6, 16, 0),
            berlin(2026, 6, 16, 9),
            id="after-midnight-08:59",
        ),
        pytest.param(
            time(1),
            berlin(2026, 6, 16, 9, 0),
            False,
            berlin(2026, 6, 17, 0),
            berlin(2026, 6, 17, 9),
            id="after-midnight-09:00",
        ),
        pytest.param(
            time(0, 30),
            berlin(2026, 6, 15, 23, 29),
            False,
            berlin(2026, 6, 15, 23, 30),
            berlin(2026, 6, 16, 9),
            id="pre-bedtime-before-midnight-23:29",
        ),
        pytest.param(
            time(0, 30),
            berlin(2026, 6, 15, 23, 30),
            True,
            berlin(2026, 6, 15, 23, 30),
            berlin(2026, 6, 16, 9),
            id="pre-bedtime-before-midnight-23:30",
        ),
    ],
)
def test_window_not_crossing_midnight(
    bedtime: time, now: datetime, inside: bool, opens: datetime, closes: datetime
) -> None:
    """A bedtime after midnight; the window may still open before midnight."""
    settings = replace(DEFAULTS, bedtime=bedtime, wake_time=time(9))
    assert in_night_window(now, settings) is inside
    assert window_for(now, settings) == (opens, closes)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Return a UTC datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def wall(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Return a naive wall-clock datetime, for comparing local readings."""
    return datetime(year, month, day, hour, minute)  # noqa: DTZ001


DST_CASES = [
    pytest.param(
        BERLIN,
        {},
        wall(2026, 3, 28, 12),
        (wall(2026, 3, 28, 21, 30), 0, utc(2026, 3, 28, 20, 30)),
        (wall(2026, 3, 29, 7), 0, utc(2026, 3, 29, 5)),
        id="berlin-spring-forward-night",
    ),
    pytest.param(
        BERLIN,
        {},
        wall(2026, 10, 24, 12),
        (wall(2026, 10, 24, 21, 30), 0, utc(2026, 10, 24, 19, 30)),
        (wall(2026, 10, 25, 7), 0, utc(2026, 10, 25, 6)),
        id="berlin-fall-back-night",
    ),
    pytest.param(
        NEW_YORK,
        {},
        wall(2026, 3, 7, 12),
        (wall(2026, 3, 7, 21, 30), 0, utc(2026, 3, 8, 2, 30)),
        (wall(2026, 3, 8, 7), 0, utc(2026, 3, 8, 11)),
        id="new-york-spring-forward-night",
    ),
    pytest.param(
        NEW_YORK,
        {},
        wall(2026, 10, 31, 12),
        (wall(2026, 10, 31, 21, 30), 0, utc(2026, 11, 1, 1, 30)),
        (wall(2026, 11, 1, 7), 0, utc(2026, 11, 1, 12)),
        id="new-york-fall-back-night",
    ),
    pytest.param(
        BERLIN,
        {"bedtime": time(2, 30), "wake_time": time(9)},
        wall(2026, 3, 29, 0),
        (wall(2026, 3, 29, 1, 30), 0, utc(2026, 3, 29, 0, 30)),
        (wall(2026, 3, 29, 9), 0, utc(2026, 3, 29, 7)),
        id="berlin-bedtime-in-spring-gap",
    ),
    pytest.param(
        NEW_YORK,
        {"bedtime": time(2, 30), "wake_time": time(9)},
        wall(2026, 3, 8, 0),
        (wall(2026, 3, 8, 1, 30), 0, utc(2026, 3, 8, 6, 30)),
        (wall(2026, 3, 8, 9), 0, utc(2026, 3, 8, 13)),
        id="new-york-bedtime-in-spring-gap",
    ),
    pytest.param(
        BERLIN,
        {"bedtime": time(3, 30), "wake_time": time(9), "pre_bedtime_minutes": 90},
        wall(2026, 3, 29, 0),
        (wall(2026, 3, 29, 1, 0), 0, utc(2026, 3, 29, 0, 0)),
        (wall(2026, 3, 29, 9), 0, utc(2026, 3, 29, 7)),
        id="berlin-pre-bedtime-spans-gap-real-minutes",
    ),
    pytest.param(
        BERLIN,
        {"bedtime": time(2, 30), "wake_time": time(9)},
        wall(2026, 10, 25, 0),
        (wall(2026, 10, 25, 1, 30), 0, utc(2026, 10, 24, 23, 30)),
        (wall(2026, 10, 25, 9), 0, utc(2026, 10, 25, 8)),
        id="berlin-bedtime-repeated-first-occurrence",
    ),
    pytest.param(
        BERLIN,
        {"bedtime": time(3, 30), "wake_time": time(9), "pre_bedtime_minutes": 90},
        wall(2026, 10, 25, 0),
        (wall(2026, 10, 25, 2, 0), 1, utc(2026, 10, 25, 1, 0)),
        (wall(2026, 10, 25, 9), 0, utc(2026, 10, 25, 8)),
        id="berlin-opens-in-repeated-hour-second-pass",
    ),
    pytest.param(
        NEW_YORK,
        {"bedtime": time(1, 30), "wake_time": time(9), "pre_bedtime_minutes": 30},
        wall(2026, 11, 1, 0),
        (wall(2026, 11, 1, 1, 0), 0, utc(2026, 11, 1, 5, 0)),
        (wall(2026, 11, 1, 9), 0, utc(2026, 11, 1, 14)),
        id="new-york-bedtime-repeated-first-occurrence",
    ),
    pytest.param(
        NEW_YORK,
        {"wake_time": time(2, 30)},
        wall(2026, 3, 7, 12),
        (wall(2026, 3, 7, 21, 30), 0, utc(2026, 3, 8, 2, 30)),
        (wall(2026, 3, 8, 3, 30), 0, utc(2026, 3, 8, 7, 30)),
        id="new-york-wake-in-spring-gap",
    ),
    pytest.param(
        BERLIN,
        {"wake_time": time(2, 30)},
        wall(2026, 10, 24, 12),
        (wall(2026, 10, 24, 21, 30), 0, utc(2026, 10, 24, 19, 30)),
        (wall(2026, 10, 25, 2, 30), 0, utc(2026, 10, 25, 0, 30)),
        id="berlin-wake-repeated-first-occurrence",
    ),
]


@pytest.mark.parametrize(("zone", "changes", "local_now", "opens", "closes"), DST_CASES)
def test_window_on_dst_days(
    zone: ZoneInfo,
    changes: dict[str, object],
    local_now: datetime,
    opens: tuple[datetime, int, datetime],
    closes: tuple[datetime, int, datetime],
) -> None:
    """Edges fall on the right wall time and the right instant on DST days."""
    settings = replace(DEFAULTS, **changes)  # type: ignore[arg-type]
    got = window_for(local_now.replace(tzinfo=zone), settings)
    for edge, (wall_time, fold, instant) in zip(got, (opens, closes), strict=True):
        assert edge.tzinfo is zone
        assert (edge.replace(tzinfo=None), edge.fold) == (wall_time, fold)
        assert edge.astimezone(UTC) == instant
    for instant, inside in (
        (opens[2] - MICROSECOND, False),
        (opens[2], True),
        (closes[2] - MICROSECOND, True),
        (closes[2], False),
    ):
        assert in_night_window(instant.astimezone(zone), settings) is inside


def test_dst_night_lengths_are_real_hours() -> None:
    """The spring night is an hour shorter and the autumn night an hour longer."""
    spring = window_for(berlin(2026, 3, 28, 12), DEFAULTS)
    autumn = window_for(berlin(2026, 10, 24, 12), DEFAULTS)
    summer = window_for(berlin(2026, 6, 15, 12), DEFAULTS)

    def length(window: tuple[datetime, datetime]) -> timedelta:
        return window[1].astimezone(UTC) - window[0].astimezone(UTC)

    assert length(summer) == timedelta(hours=9, minutes=30)
    assert length(spring) == timedelta(hours=8, minutes=30)
    assert length(autumn) == timedelta(hours=10, minutes=30)


@pytest.mark.parametrize(
    ("zone", "inside", "edge"),
    [
        pytest.param(BERLIN, True, utc(2026, 6, 16, 5), id="berlin-22:00-inside"),
        pytest.param(NEW_YORK, False, utc(2026, 6, 16, 1, 30), id="new-york-16:00"),
        pytest.param(TOKYO, True, utc(2026, 6, 15, 22), id="tokyo-05:00-inside"),
    ],
)
def test_time_zone_change_follows_the_new_wall_clock(
    zone: ZoneInfo, inside: bool, edge: datetime
) -> None:
    """The same instant in another zone is judged by that zone's clock."""
    now = utc(2026, 6, 15, 20).astimezone(zone)
    result = assess(inputs(now), DEFAULTS)
    assert result.night_window is inside
    assert result.next_change == edge
    assert result.next_change is not None
    assert result.next_change.tzinfo is UTC


SWEEP = [berlin(2026, 6, 15, 0) + minutes(37 * step) for step in range(80)]


@pytest.mark.parametrize(
    "settings",
    [
        pytest.param(DEFAULTS, id="defaults"),
        pytest.param(replace(DEFAULTS, wake_time=DEFAULTS.bedtime), id="lead-only"),
        pytest.param(replace(DEFAULTS, bedtime=time(8), wake_time=time(7)), id="day"),
    ],
)
def test_assessment_window_is_window_for(settings: RiskSettings) -> None:
    """The window an assessment reports is `window_for`'s, in the local zone."""
    for now in (*SWEEP, *(berlin(2026, 10, 25, hour) for hour in range(24))):
        window = assess(inputs(now), settings).window
        assert window == window_for(now, settings)
        assert window is not None
        assert all(edge.tzinfo is BERLIN for edge in window)


def test_empty_window_is_never_open() -> None:
    """Wake time equal to bedtime and no lead time: no window, no timer."""
    settings = replace(
        DEFAULTS, bedtime=time(8), wake_time=time(8), pre_bedtime_minutes=0
    )
    assert not any(in_night_window(now, settings) for now in SWEEP)
    opens, closes = window_for(NOON, settings)
    assert opens == closes == berlin(2026, 6, 16, 8)
    assert assess(inputs(), settings).next_change is None
    assert assess(inputs(), settings).window is None


def test_wake_equal_to_bedtime_keeps_the_lead_time() -> None:
    """Wake time equal to bedtime: only the hour before bedtime is open."""
    settings = replace(DEFAULTS, wake_time=DEFAULTS.bedtime)
    opened = [now for now in SWEEP if in_night_window(now, settings)]
    assert opened
    assert all(time(21, 30) <= now.time() < time(22, 30) for now in opened)
    assert window_for(NOON, settings) == (
        berlin(2026, 6, 15, 21, 30),
        berlin(2026, 6, 15, 22, 30),
    )


def test_window_of_a_whole_day_is_always_open() -> None:
    """Bedtime minus lead time equal to wake time: the window never closes."""
    settings = replace(DEFAULTS, bedtime=time(8), wake_time=time(7))
    assert all(in_night_window(now, settings) for now in SWEEP)
    opens, closes = window_for(NOON, settings)
    assert closes.astimezone(UTC) - opens.astimezone(UTC) > timedelta(days=3)
    result = assess(inputs(), settings)
    assert result.night_window is True
    assert result.next_change is not None
    assert result.next_change > NOON + timedelta(days=1)


# --- Cramp cluster and frequent cramps ---------------------------------------


@pytest.mark.parametrize(
    ("cramps", "cluster_minutes", "until"),
    [
        pytest.param((minutes(-59),), 60, NOON + minutes(1), id="59-minutes-ago"),
        pytest.param((minutes(-60),), 60, None, id="exactly-60-minutes-over"),
        pytest.param((minutes(0),), 60, NOON + minutes(60), id="just-now"),
        pytest.param((minutes(1),), 60, None, id="future-ignored"),
        pytest.param(
            (minutes(-50), minutes(-10)), 60, NOON + minutes(50), id="latest-wins"
        ),
        pytest.param((minutes(-40),), 30, None, id="shorter-cluster"),
        pytest.param((), 60, None, id="no-cramps"),
    ],
)
def test_cluster_until(
    cramps: tuple[timedelta, ...], cluster_minutes: int, until: datetime | None
) -> None:
    """The cluster lasts 60 minutes after the latest cramp."""
    settings = replace(DEFAULTS, cramp_cluster_minutes=cluster_minutes)
    cramp_times = [(NOON + offset).astimezone(UTC) for offset in cramps]
    got = cluster_until(cramp_times, NOON, settings)
    assert got == until
    if got is not None:
        assert got.tzinfo is BERLIN
    risk_inputs = inputs(cramps=cramps)
    assert assess(risk_inputs, settings).cramp_cluster is (until is not None)


@pytest.mark.parametrize(
    ("cramps", "count", "frequent"),
    [
        pytest.param((hours(-1), hours(-5)), 2, False, id="two"),
        pytest.param((hours(-1), hours(-5), minutes(-1439)), 3, True, id="three"),
        pytest.param(
            (hours(-1), hours(-5), hours(-24)), 2, False, id="third-rolled-off"
        ),
        pytest.param((hours(-1), hours(-5), hours(-30)), 2, False, id="third-too-old"),
        pytest.param(
            (hours(-1), hours(-5), minutes(1)), 2, False, id="third-in-future"
        ),
        pytest.param((hours(0),) * 3, 3, True, id="three-at-once"),
    ],
)
def test_frequent_cramps(
    cramps: tuple[timedelta, ...], count: int, frequent: bool
) -> None:
    """Three or more cramps within the last 24 hours are frequent."""
    result = assess(inputs(cramps=cramps), DEFAULTS)
    assert result.cramps_24h == count
    assert (FREQUENT in result.reasons) is frequent


def test_frequent_cramps_roll_off() -> None:
    """The oldest cramp leaves the 24-hour window exactly 24 hours later."""
    risk_inputs = inputs(cramps=(minutes(-1430), hours(-3), hours(-2)))
    before = assess(risk_inputs, DEFAULTS)
    assert before.reasons == (FREQUENT,)
    assert before.next_change == NOON + minutes(10)
    after = assess(replace(risk_inputs, now=NOON + minutes(10)), DEFAULTS)
    assert (after.cramps_24h, after.reasons) == (2, ())


# --- When time alone changes the verdict -------------------------------------


def decay_seconds(ratio: float, target: float) -> float:
    """Return the seconds a default-half-life ratio needs to decay to `target`."""
    return HALF_LIFE_SECONDS * math.log2(ratio / target)


@pytest.mark.parametrize(
    ("risk_inputs", "expected"),
    [
        pytest.param(inputs(), berlin(2026, 6, 15, 21, 30), id="window-opens"),
        pytest.param(inputs(NIGHT), berlin(2026, 6, 16, 7), id="window-closes"),
        pytest.param(
            inputs(berlin(2026, 6, 15, 21, 30)), berlin(2026, 6, 16, 7), id="at-opening"
        ),
        pytest.param(
            inputs(berlin(2026, 3, 29, 3)),
            berlin(2026, 3, 29, 7),
            id="dst-night-closes",
        ),
        pytest.param(
            inputs(cramps=(minutes(-30),)), NOON + minutes(30), id="cluster-ends"
        ),
        pytest.param(
            inputs(loads=((minutes(5), 10),), cramps=(minutes(-30),)),
            NOON + minutes(5),
            id="logged-ahead-load",
        ),
        pytest.param(
            inputs(cramps=(minutes(7),)), NOON + minutes(7), id="logged-ahead-cramp"
        ),
        pytest.param(
            inputs(loads=((hours(0), 60 * 0.5701),)),
            NOON + minutes(1),
            id="decay-step-floor",
        ),
    ],
)
def test_next_change(risk_inputs: RiskInputs, expected: datetime) -> None:
    """The next change is the nearest edge, expiry or decay step."""
    assert assess(risk_inputs, DEFAULTS).next_change == expected


@pytest.mark.parametrize(
    ("ratio", "target"),
    [
        pytest.param(0.575, 0.57, id="next-whole-percent"),
        pytest.param(0.565, 0.5625, id="next-whole-score"),
        pytest.param(1.005, 1.0, id="falls-to-the-limit"),
    ],
)
def test_next_change_at_decay_crossing(ratio: float, target: float) -> None:
    """Decay is scheduled at the crossing, a microsecond or two after it."""
    result = assess(inputs(loads=((hours(0), 60 * ratio),)), DEFAULTS)
    assert result.next_change is not None
    late = (result.next_change - NOON).total_seconds() - decay_seconds(ratio, target)
    assert 0 < late <= 3e-6


def test_limit_crossing_clears_overexertion_exactly() -> None:
    """At the scheduled instant overexertion is off; a millisecond before, on."""
    risk_inputs = inputs(loads=((hours(0), 60.3),))
    when = assess(risk_inputs, DEFAULTS).next_change
    assert when is not None
    before = assess(
        replace(risk_inputs, now=when - timedelta(milliseconds=1)), DEFAULTS
    )
    at = assess(replace(risk_inputs, now=when), DEFAULTS)
    assert (before.overexertion, before.score) == (True, 40)
    assert (at.overexertion, at.score, at.reasons) == (False, 8, ())


def test_score_step_lowers_the_score() -> None:
    """At a score step the rounded score has dropped by one."""
    risk_inputs = inputs(loads=((hours(0), 60 * 0.565),))
    now = assess(risk_inputs, DEFAULTS)
    assert now.next_change is not None
    later = assess(replace(risk_inputs, now=now.next_change), DEFAULTS)
    assert (now.score, later.score) == (5, 4)


# --- Properties ----------------------------------------------------------------

ZONES = st.sampled_from([BERLIN, NEW_YORK, TOKYO, LORD_HOWE, ZoneInfo("UTC")])
NOWS = st.datetimes(
    min_value=wall(2026, 1, 1),
    max_value=wall(2027, 1, 1),
    timezones=ZONES,
    allow_imaginary=False,
)
OFFSETS = st.floats(min_value=-48 * 60, max_value=120).map(minutes)
LOADS = st.lists(st.tuples(OFFSETS, st.floats(min_value=0, max_value=300)), max_size=6)
CRAMPS = st.lists(OFFSETS, max_size=6)
TEMPERATURES = st.floats(min_value=-10, max_value=35)
SETTINGS = st.builds(
    RiskSettings,
    cold_threshold=st.floats(min_value=15, max_value=22),
    hysteresis=st.floats(min_value=0, max_value=2),
    pre_bedtime_minutes=st.integers(min_value=0, max_value=240),
    exertion_limit=st.floats(min_value=10, max_value=200),
    exertion_half_life_hours=st.floats(min_value=0.5, max_value=12),
    cramp_cluster_minutes=st.integers(min_value=0, max_value=180),
    stillness_minutes=st.integers(min_value=0, max_value=720),
    bedtime=st.times(),
    wake_time=st.times(),
)
PROPERTY = hypothesis_settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def build(
    now: datetime,
    temperature: float | None,
    was_cold: bool | None,
    loads: list[tuple[timedelta, float]],
    cramps: list[timedelta],
    still: float | None = None,
) -> RiskInputs:
    """Build inputs from drawn values."""
    return inputs(now, temperature, was_cold, tuple(loads), tuple(cramps), still)


STILLS = st.one_of(st.none(), st.floats(min_value=-2, max_value=2000))


@PROPERTY
@given(
    now=NOWS,
    temperature=st.one_of(
        st.none(), TEMPERATURES, st.sampled_from([math.nan, math.inf])
    ),
    was_cold=st.sampled_from([None, False, True]),
    loads=LOADS,
    cramps=CRAMPS,
    settings=SETTINGS,
    still=STILLS,
)
def test_assessment_is_well_formed(
    now: datetime,
    temperature: float | None,
    was_cold: bool | None,
    loads: list[tuple[timedelta, float]],
    cramps: list[timedelta],
    settings: RiskSettings,
    still: float | None,
) -> None:
    """Score in 0..100, level by band, reasons match flags, change in the future."""
    result = assess(build(now, temperature, was_cold, loads, cramps, still), settings)
    assert 0 <= result.score <= 100
    assert result.level is level_for(result.score)
    assert len(set(result.reasons)) == len(result.reasons)
    assert (UNAVAILABLE in result.reasons) is (result.cold_room is None)
    assert (COLD in result.reasons) is (result.cold_room is True)
    assert (NIGHT_COLD in result.reasons) is (
        result.cold_room is True and result.night_window
    )
    assert (OVER in result.reasons) is result.overexertion
    assert (CLUSTER in result.reasons) is result.cramp_cluster
    assert (STILL in result.reasons) is result.long_stillness
    assert result.long_stillness is (
        result.night_window and is_still(still, settings.stillness_minutes)
    )
    assert result.night_window is in_night_window(now, settings)
    assert result.next_change is None or result.next_change > now


@PROPERTY
@given(
    now=NOWS,
    temperatures=st.tuples(TEMPERATURES, TEMPERATURES),
    was_cold=st.sampled_from([None, False, True]),
    loads=LOADS,
    cramps=CRAMPS,
    settings=SETTINGS,
)
def test_colder_never_lowers_the_score(
    now: datetime,
    temperatures: tuple[float, float],
    was_cold: bool | None,
    loads: list[tuple[timedelta, float]],
    cramps: list[timedelta],
    settings: RiskSettings,
) -> None:
    """For the same history, a colder room scores at least as high."""
    colder, warmer = sorted(temperatures)
    cold_score = assess(build(now, colder, was_cold, loads, cramps), settings).score
    warm_score = assess(build(now, warmer, was_cold, loads, cramps), settings).score
    assert cold_score >= warm_score


@PROPERTY
@given(
    now=NOWS,
    temperature=TEMPERATURES,
    was_cold=st.sampled_from([None, False, True]),
    loads=LOADS,
    extra=st.tuples(
        st.floats(min_value=-48 * 60, max_value=0).map(minutes),
        st.floats(min_value=0, max_value=300),
    ),
    cramps=CRAMPS,
    settings=SETTINGS,
)
def test_more_load_never_lowers_the_score(
    now: datetime,
    temperature: float,
    was_cold: bool | None,
    loads: list[tuple[timedelta, float]],
    extra: tuple[timedelta, float],
    cramps: list[timedelta],
    settings: RiskSettings,
) -> None:
    """Logging more activity never lowers the score."""
    base = assess(build(now, temperature, was_cold, loads, cramps), settings)
    more = assess(build(now, temperature, was_cold, [*loads, extra], cramps), settings)
    assert more.exertion_load >= base.exertion_load
    assert more.score >= base.score


@PROPERTY
@given(
    now=NOWS,
    temperature=TEMPERATURES,
    loads=LOADS,
    cramps=CRAMPS,
    settings=SETTINGS,
    fraction=st.floats(min_value=0, max_value=1),
    still=STILLS,
)
def test_nothing_flips_before_next_change(
    now: datetime,
    temperature: float,
    loads: list[tuple[timedelta, float]],
    cramps: list[timedelta],
    settings: RiskSettings,
    fraction: float,
    still: float | None,
) -> None:
    """Between now and the next change, time alone flips no flag."""
    risk_inputs = build(now, temperature, None, loads, cramps, still)
    result = assess(risk_inputs, settings)
    if result.next_change is None:
        span = hours(30)
    else:
        span = result.next_change.astimezone(UTC) - now.astimezone(UTC)
    if span <= timedelta(milliseconds=1):
        return
    elapsed = (span - timedelta(milliseconds=1)) * fraction
    later = shift(now, elapsed)
    still_later = None if still is None else still + elapsed / timedelta(minutes=1)
    again = assess(replace(risk_inputs, now=later, still_minutes=still_later), settings)
    assert (again.night_window, again.cramp_cluster, again.overexertion) == (
        result.night_window,
        result.cramp_cluster,
        result.overexertion,
    )
    assert again.cramps_24h == result.cramps_24h
    assert again.long_stillness is result.long_stillness


def test_next_change_is_later_in_a_repeated_hour() -> None:
    """Lord Howe Island sets clocks back 30 minutes (02:00 to 01:30) on 2026-04-05.

    At 01:39 (first pass) the window edge at bedtime 00:00 + 0 has passed; the next
    change must be a later instant, and being in UTC it also compares as later.
    Found by hypothesis: in local time, 01:30 (second pass) looked earlier.
    """
    lord_howe = ZoneInfo("Australia/Lord_Howe")
    now = datetime(2026, 4, 5, 1, 39, tzinfo=lord_howe)
    settings = replace(
        DEFAULTS,
        pre_bedtime_minutes=0,
        cramp_cluster_minutes=0,
        bedtime=time(0, 0),
        wake_time=time(0, 0),
    )
    result = assess(
        RiskInputs(
            now=now,
            temperature_c=None,
            was_cold=None,
            cramp_times=(now - timedelta(minutes=21),),
        ),
        settings,
    )
    assert result.next_change is not None
    assert result.next_change.tzinfo is UTC
    assert result.next_change > now
    assert result.next_change.timestamp() > now.timestamp()


@PROPERTY
@given(
    now=NOWS,
    temperature=st.one_of(st.none(), TEMPERATURES),
    loads=LOADS,
    cramps=CRAMPS,
    settings=SETTINGS,
    stills=st.tuples(
        st.floats(min_value=-2, max_value=2000), st.floats(min_value=-2, max_value=2000)
    ),
)
def test_longer_stillness_never_lowers_the_score(
    now: datetime,
    temperature: float | None,
    loads: list[tuple[timedelta, float]],
    cramps: list[timedelta],
    settings: RiskSettings,
    stills: tuple[float, float],
) -> None:
    """Lying still longer never lowers the score, nor does knowing nothing raise it."""
    shorter, longer = sorted(stills)
    unknown = assess(build(now, temperature, None, loads, cramps), settings).score
    short = assess(build(now, temperature, None, loads, cramps, shorter), settings)
    long = assess(build(now, temperature, None, loads, cramps, longer), settings)
    assert long.score >= short.score >= unknown
    assert long.long_stillness or not short.long_stillness


# --- Long stillness --------------------------------------------------------------


@pytest.mark.parametrize(
    ("still", "limit", "expected"),
    [
        pytest.param(None, 120, False, id="unknown"),
        pytest.param(math.nan, 120, False, id="nan"),
        pytest.param(119.99, 120, False, id="just-before"),
        pytest.param(120, 120, True, id="at-the-limit"),
        pytest.param(10_000, 120, True, id="long-ago"),
        pytest.param(-1, 120, False, id="moved-a-little-ahead"),
        pytest.param(10_000, 0, False, id="off"),
        pytest.param(10_000, math.nan, False, id="nan-limit"),
    ],
)
def test_is_still(still: float | None, limit: float, expected: bool) -> None:
    """Still from the instant the last movement is the limit old; unknown never."""
    assert is_still(still, limit) is expected


def test_stillness_turns_on_at_its_instant_inside_the_window() -> None:
    """The next change is the instant the limit is reached; then it is on."""
    moved = NIGHT - minutes(30)
    risk_inputs = inputs(NIGHT, still=30)
    result = assess(risk_inputs, DEFAULTS)
    assert result.long_stillness is False
    assert result.next_change is not None
    late = result.next_change - (moved + minutes(120))
    assert timedelta(0) < late <= timedelta(microseconds=2)
    at = result.next_change.astimezone(BERLIN)
    after = assess(
        replace(risk_inputs, now=at, still_minutes=(at - moved) / minutes(1)), DEFAULTS
    )
    before = at - timedelta(milliseconds=1)
    earlier = assess(
        replace(risk_inputs, now=before, still_minutes=(before - moved) / minutes(1)),
        DEFAULTS,
    )
    assert (earlier.long_stillness, after.long_stillness) == (False, True)
    assert after.reasons == (STILL,)
    # Once on, it stays on until the window closes: that is the next change.
    assert after.next_change == berlin(2026, 6, 16, 7)


def test_stillness_by_day_waits_for_the_window() -> None:
    """Outside the window nothing is scheduled for stillness; at the opening it is on."""
    day = assess(inputs(still=600), DEFAULTS)
    assert day.long_stillness is False
    assert day.next_change == berlin(2026, 6, 15, 21, 30)
    opening = berlin(2026, 6, 15, 21, 30)
    at_opening = assess(inputs(opening, still=600 + 9.5 * 60), DEFAULTS)
    assert at_opening.long_stillness is True


def test_stillness_off_or_unknown_schedules_nothing() -> None:
    """With the option at 0 or nothing known, only the window's close is next."""
    closes = berlin(2026, 6, 16, 7)
    off = replace(DEFAULTS, stillness_minutes=0)
    assert assess(inputs(NIGHT, still=5), off).next_change == closes
    assert assess(inputs(NIGHT, still=500), off).long_stillness is False
    assert assess(inputs(NIGHT), DEFAULTS).next_change == closes
