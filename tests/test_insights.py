"""Tests of the pure insights analysis on synthetic logs (no Home Assistant).

The suggestion rule has its own file, test_insights_threshold.py; here the
log is added up: per week, day, body area and hour of the night, the room at
each night cramp against the night's lowest, severity and activity load.
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from custom_components.als_comfort.insights import (
    CrampReading,
    HourlyLow,
    InsightsRequest,
    NightLow,
    NoSuggestion,
    analyse,
    default_period,
    night_lows,
)
from custom_components.als_comfort.insights_nights import nights_between
from custom_components.als_comfort.risk import RiskSettings

LONDON = ZoneInfo("Europe/London")
BERLIN = ZoneInfo("Europe/Berlin")
DEFAULTS = RiskSettings()  # night window 21:30-07:00
# Thursday 29 October to Wednesday 25 November 2026, London (GMT throughout).
START = datetime(2026, 10, 29, tzinfo=LONDON)
END = datetime(2026, 11, 26, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations() -> None:
    """Override the package-wide fixture: the analysis needs no Home Assistant."""


def local(zone: ZoneInfo, *parts: int, fold: int = 0) -> datetime:
    """Return a local wall-clock time as an aware datetime."""
    return datetime(*parts, tzinfo=zone, fold=fold)  # type: ignore[misc]


def episode(
    when: datetime,
    kind: str = "cramp",
    area: str | None = "calf",
    severity: int | None = None,
    temperature: float | None = None,
) -> dict[str, Any]:
    """Return an episode as store.py keeps it (UTC `when`, conditions)."""
    return {
        "id": f"e{when.timestamp()}",
        "when": when.astimezone(UTC).isoformat(),
        "logged_at": when.astimezone(UTC).isoformat(),
        "kind": kind,
        "body_area": area,
        "severity": severity,
        "duration_minutes": None,
        "note": "a note that never leaves the log",
        "conditions": {
            "temperature_c": temperature,
            "night_window": True,
            "exertion_load": 0.0,
        },
    }


def activity(when: datetime, minutes: int, load: float) -> dict[str, Any]:
    """Return an activity as store.py keeps it."""
    return {
        "id": f"a{when.timestamp()}",
        "when": when.astimezone(UTC).isoformat(),
        "logged_at": when.astimezone(UTC).isoformat(),
        "minutes": minutes,
        "intensity": "moderate",
        "activity": "walk",
        "load": load,
    }


def run(
    episodes: Sequence[dict[str, Any]] = (),
    activities: Sequence[dict[str, Any]] = (),
    *,
    start: datetime = START,
    end: datetime = END,
    settings: RiskSettings = DEFAULTS,
    lows: tuple[NightLow, ...] = (),
):
    """Analyse a log over a period in its start's zone."""
    return analyse(
        {"episodes": episodes, "activities": activities},
        InsightsRequest(
            start=start,
            end=end,
            zone=start.tzinfo,
            settings=settings,
            night_lows=lows,
        ),
    )


def test_default_period_is_the_last_28_local_days() -> None:
    """From local midnight 27 days ago to the coming midnight, today included."""
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    assert default_period(now, LONDON) == (START, END)
    # Across the end of summer time: 28 local days, not 28 x 24 hours.
    start, end = default_period(datetime(2026, 11, 10, 12, tzinfo=UTC), BERLIN)
    assert start == local(BERLIN, 2026, 10, 14)
    assert end == local(BERLIN, 2026, 11, 11)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(days=28, hours=1)
    assert default_period(now, LONDON, days=1) == (
        local(LONDON, 2026, 11, 25),
        local(LONDON, 2026, 11, 26),
    )


def test_empty_log_gives_empty_but_complete_insights() -> None:
    """Every day and week is there with zeros; no suggestion from nothing."""
    insights = run()
    assert insights.totals == (0, 0, 0)
    assert insights.activities == 0
    assert len(insights.days) == 28
    assert [week.label for week in insights.weeks] == [
        "2026-W44",
        "2026-W45",
        "2026-W46",
        "2026-W47",
        "2026-W48",
    ]
    assert all(week.counts == (0, 0, 0) for week in insights.weeks)
    assert all(week.severity_mean is None for week in insights.weeks)
    assert insights.areas == ()
    assert insights.cramp_nights == ()
    assert [hour.hour for hour in insights.hours] == [21, 22, 23, 0, 1, 2, 3, 4, 5, 6]
    assert all(hour.counts == (0, 0, 0) for hour in insights.hours)
    # 28 nights open in the period, and the one that opened the evening before.
    assert insights.nights == 29
    assert insights.suggestion.reason is NoSuggestion.TOO_FEW_CRAMPS
    assert insights.start == START
    assert insights.end == END


def test_episodes_per_iso_week_by_kind_inside_the_period_only() -> None:
    """Half-open period; weeks are ISO weeks by local date; kinds kept apart."""
    insights = run(
        [
            episode(START - timedelta(microseconds=1)),  # before: left out
            episode(START),  # the first instant: in
            episode(local(LONDON, 2026, 11, 1, 23, 59), "spasticity"),  # Sunday W44
            episode(local(LONDON, 2026, 11, 2, 0, 1), "fasciculation"),  # Monday W45
            episode(local(LONDON, 2026, 11, 2, 8), "fasciculation"),
            episode(END - timedelta(microseconds=1), "spasticity"),  # the last: in
            episode(END),  # the end: left out
        ]
    )
    assert insights.totals == (1, 2, 2)
    counts = {week.label: week.counts for week in insights.weeks}
    assert counts == {
        "2026-W44": (1, 1, 0),
        "2026-W45": (0, 0, 2),
        "2026-W46": (0, 0, 0),
        "2026-W47": (0, 0, 0),
        "2026-W48": (0, 1, 0),
    }
    days = {day.day: day.counts for day in insights.days}
    assert days[date(2026, 11, 2)] == (0, 0, 2)
    assert days[date(2026, 11, 25)] == (0, 1, 0)


def test_days_are_local_calendar_days() -> None:
    """23:30 UTC in Berlin's summer is 01:30 the next local day."""
    start, end = local(BERLIN, 2026, 6, 1), local(BERLIN, 2026, 6, 8)
    insights = run(
        [episode(datetime(2026, 6, 1, 23, 30, tzinfo=UTC), "spasticity")],
        [activity(datetime(2026, 6, 2, 22, 30, tzinfo=UTC), 30, 30.0)],
        start=start,
        end=end,
    )
    days = {day.day: day for day in insights.days}
    assert days[date(2026, 6, 2)].counts == (0, 1, 0)
    assert days[date(2026, 6, 3)].activity_load == 30.0
    assert days[date(2026, 6, 2)].activity_load == 0.0


def test_body_areas_most_first_by_kind() -> None:
    """Areas with episodes only, most first; ties by name; no area is unspecified."""
    moment = local(LONDON, 2026, 11, 3, 15)
    insights = run(
        [
            episode(moment, "cramp", "hand"),
            episode(moment, "spasticity", "arm"),
            episode(moment, "cramp", "calf"),
            episode(moment, "spasticity", "calf"),
            episode(moment, "fasciculation", "calf"),
            episode(moment, "cramp", None),
            episode(moment, "cramp", "hand"),
        ]
    )
    assert [(area.area, area.counts) for area in insights.areas] == [
        ("calf", (1, 1, 1)),
        ("hand", (2, 0, 0)),
        ("arm", (0, 1, 0)),
        ("unspecified", (1, 0, 0)),
    ]


def test_hours_of_the_night_in_the_order_of_the_night() -> None:
    """Only episodes inside the night window count, by local wall-clock hour."""
    day = (2026, 11, 10)
    insights = run(
        [
            episode(local(LONDON, *day, 21, 29)),  # window not yet open
            episode(local(LONDON, *day, 21, 30)),  # opens
            episode(local(LONDON, *day, 23, 10), "fasciculation"),
            episode(local(LONDON, 2026, 11, 11, 0, 30)),
            episode(local(LONDON, 2026, 11, 11, 6, 59), "spasticity"),
            episode(local(LONDON, 2026, 11, 11, 7, 0)),  # closed at wake time
            episode(local(LONDON, 2026, 11, 11, 15, 0)),  # afternoon
        ]
    )
    hours = {hour.hour: hour.counts for hour in insights.hours}
    assert list(hours) == [21, 22, 23, 0, 1, 2, 3, 4, 5, 6]
    assert hours[21] == (1, 0, 0)
    assert hours[23] == (0, 0, 1)
    assert hours[0] == (1, 0, 0)
    assert hours[6] == (0, 1, 0)
    assert sum(map(sum, hours.values())) == 4


def test_a_night_crossing_midnight_is_one_night() -> None:
    """Cramps before and after midnight share the night named by its evening."""
    lows = (
        NightLow(night=date(2026, 11, 10), lowest_c=16.4),
        NightLow(night=date(2026, 11, 11), lowest_c=18.0),
    )
    insights = run(
        [
            episode(local(LONDON, 2026, 11, 10, 23, 0), temperature=17.5),
            episode(local(LONDON, 2026, 11, 11, 2, 0), temperature=16.9),
            episode(local(LONDON, 2026, 11, 11, 4, 0), temperature=None),
            episode(local(LONDON, 2026, 11, 11, 12, 0), temperature=15.0),  # day
            episode(local(LONDON, 2026, 11, 11, 3, 0), "spasticity", temperature=14),
        ],
        lows=lows,
    )
    [night] = insights.cramp_nights
    assert night.night == date(2026, 11, 10)
    assert night.lowest_c == 16.4
    assert night.cramps == (
        CrampReading(at=local(LONDON, 2026, 11, 10, 23, 0), temperature_c=17.5),
        CrampReading(at=local(LONDON, 2026, 11, 11, 2, 0), temperature_c=16.9),
        CrampReading(at=local(LONDON, 2026, 11, 11, 4, 0), temperature_c=None),
    )


def test_the_night_the_clocks_go_back() -> None:
    """Both 01:30s are hour 01 of the same night; the night is an hour longer."""
    first = local(LONDON, 2026, 10, 25, 1, 30)
    second = local(LONDON, 2026, 10, 25, 1, 30, fold=1)
    assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)
    late = datetime(2026, 10, 25, 6, 30, tzinfo=UTC)  # 06:30 GMT, before wake
    insights = run(
        [episode(first), episode(second), episode(late)],
        start=local(LONDON, 2026, 10, 19),
        end=local(LONDON, 2026, 11, 2),
        lows=(NightLow(night=date(2026, 10, 24), lowest_c=15.0),),
    )
    hours = {hour.hour: hour.counts for hour in insights.hours}
    assert hours[1] == (2, 0, 0)
    assert hours[6] == (1, 0, 0)
    [night] = insights.cramp_nights
    assert night.night == date(2026, 10, 24)
    assert len(night.cramps) == 3
    assert night.lowest_c == 15.0


def test_the_night_the_clocks_go_forward() -> None:
    """No 01:00 hour that night; the window closes at 07:00 summer time."""
    insights = run(
        [
            episode(datetime(2026, 3, 29, 0, 59, tzinfo=UTC)),  # 00:59 GMT
            episode(datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),  # 02:00 BST
            episode(datetime(2026, 3, 29, 5, 30, tzinfo=UTC)),  # 06:30 BST
            episode(datetime(2026, 3, 29, 6, 30, tzinfo=UTC)),  # 07:30 BST: day
        ],
        start=local(LONDON, 2026, 3, 23),
        end=local(LONDON, 2026, 4, 6),
    )
    hours = {hour.hour: hour.counts for hour in insights.hours}
    assert hours[0] == hours[2] == hours[6] == (1, 0, 0)
    assert hours[1] == (0, 0, 0)
    assert sum(map(sum, hours.values())) == 3
    [night] = insights.cramp_nights
    assert night.night == date(2026, 3, 28)


def test_cramp_severity_per_week() -> None:
    """Mean and highest of the cramps given a severity; other kinds ignored."""
    monday = local(LONDON, 2026, 11, 2, 12)
    insights = run(
        [
            episode(monday, severity=3),
            episode(monday + timedelta(days=2), severity=8),
            episode(monday + timedelta(days=3), severity=None),
            episode(monday + timedelta(days=4), "spasticity", severity=10),
        ]
    )
    weeks = {week.label: week for week in insights.weeks}
    week = weeks["2026-W45"]
    assert (week.severity_mean, week.severity_max, week.rated) == (5.5, 8, 2)
    assert week.counts == (3, 1, 0)
    other = weeks["2026-W46"]
    assert (other.severity_mean, other.severity_max, other.rated) == (None, None, 0)


def test_activity_load_per_day_and_week() -> None:
    """Stored loads and minutes add up per local day and per week."""
    tuesday = local(LONDON, 2026, 11, 3, 10)
    insights = run(
        [],
        [
            activity(tuesday, 30, 30.0),
            activity(tuesday + timedelta(hours=5), 20, 40.0),
            activity(tuesday + timedelta(days=1), 40, 20.0),
            activity(START - timedelta(hours=1), 600, 600.0),  # before the period
        ],
    )
    assert insights.activities == 3
    days = {day.day: day for day in insights.days}
    assert days[date(2026, 11, 3)].activity_load == 70.0
    assert days[date(2026, 11, 3)].activity_minutes == 50.0
    assert days[date(2026, 11, 4)].activity_load == 20.0
    weeks = {week.label: week for week in insights.weeks}
    assert weeks["2026-W45"].activity_load == 90.0
    assert weeks["2026-W45"].activity_minutes == 90.0
    assert weeks["2026-W44"].activity_load == 0.0


def test_entries_of_older_versions_and_odd_values_are_read_safely() -> None:
    """Version-1 entries have no conditions; nothing odd breaks the analysis."""
    night = local(LONDON, 2026, 11, 5, 23)
    migrated = episode(night) | {"conditions": None}
    naive = episode(night) | {"when": "2026-11-05T23:30:00"}
    odd = episode(night, severity=7) | {
        "severity": True,
        "conditions": {"temperature_c": float("nan")},
    }
    unknown = episode(night, "hiccup")
    loadless = activity(night, 10, 0.0) | {"load": None, "minutes": "ten"}
    insights = run([migrated, naive, odd, unknown], [loadless])
    assert insights.totals == (3, 0, 0)
    [summary] = insights.cramp_nights
    assert [cramp.temperature_c for cramp in summary.cramps] == [None, None, None]
    assert summary.cramps[2].at == local(LONDON, 2026, 11, 5, 23, 30)
    assert all(week.rated == 0 for week in insights.weeks)
    assert insights.activities == 1
    assert sum(day.activity_load for day in insights.days) == 0.0


def test_night_lows_outside_the_period_or_unknown_are_ignored() -> None:
    """Only nights of the period count; the lowest wins when a night repeats."""
    lows = (
        NightLow(night=date(2026, 10, 1), lowest_c=5.0),  # long before
        NightLow(night=date(2026, 11, 10), lowest_c=18.0),
        NightLow(night=date(2026, 11, 10), lowest_c=17.0),
        NightLow(night=date(2026, 11, 11), lowest_c=float("inf")),
    )
    cramps = [episode(local(LONDON, 2026, 11, 10, 23), temperature=18.5)]
    cramps += [episode(local(LONDON, 2026, 11, 11, 23), temperature=18.5)]
    cramps += [episode(local(LONDON, 2026, 10, 1, 23), temperature=18.5)]
    insights = run(cramps, lows=lows)
    assert [(night.night, night.lowest_c) for night in insights.cramp_nights] == [
        (date(2026, 11, 10), 17.0),
        (date(2026, 11, 11), None),
    ]
    # Neither the night long before nor the two with cramps is a calm night.
    assert insights.suggestion.calm_nights == 0


def test_a_naive_period_is_refused() -> None:
    """Wall times without a zone are ambiguous: refuse them."""
    with pytest.raises(ValueError, match="timezone-aware"):
        analyse(
            {},
            InsightsRequest(
                start=START.replace(tzinfo=None),
                end=END,
                zone=LONDON,
                settings=DEFAULTS,
            ),
        )


def test_no_night_window_at_all() -> None:
    """Wake time at bedtime and no pre-bedtime minutes: no night, no hour."""
    settings = RiskSettings(
        bedtime=time(22, 30), wake_time=time(22, 30), pre_bedtime_minutes=0
    )
    insights = run([episode(local(LONDON, 2026, 11, 3, 22, 30))], settings=settings)
    assert insights.nights == 0
    assert insights.hours == ()
    assert insights.cramp_nights == ()
    assert insights.totals == (1, 0, 0)


def test_a_window_of_a_day_or_more_lists_every_hour_once() -> None:
    """Nights that touch are joined: every instant is in exactly one window."""
    settings = RiskSettings(
        bedtime=time(8, 0), wake_time=time(7, 30), pre_bedtime_minutes=60
    )
    cramps = [episode(START + timedelta(hours=5 * index)) for index in range(100)]
    insights = run(cramps, settings=settings)
    assert [hour.hour for hour in insights.hours] == [*range(7, 24), *range(7)]
    assert sum(sum(hour.counts) for hour in insights.hours) == 100
    assert sum(len(night.cramps) for night in insights.cramp_nights) == 100


def test_pre_bedtime_minutes_open_the_first_hour() -> None:
    """Bedtime 00:15 with 30 minutes before: the night starts in hour 23."""
    settings = RiskSettings(
        bedtime=time(0, 15), wake_time=time(6, 0), pre_bedtime_minutes=30
    )
    insights = run(settings=settings)
    assert [hour.hour for hour in insights.hours] == [23, 0, 1, 2, 3, 4, 5]


def test_night_lows_from_hourly_statistics() -> None:
    """An hour counts for each night window it overlaps, even partly."""
    hourly = [
        HourlyLow(start=local(LONDON, 2026, 11, 10, 20), lowest_c=14.0),  # before
        HourlyLow(start=local(LONDON, 2026, 11, 10, 21), lowest_c=18.5),  # partly
        HourlyLow(start=local(LONDON, 2026, 11, 11, 3), lowest_c=17.2),
        HourlyLow(start=local(LONDON, 2026, 11, 11, 6), lowest_c=17.0),
        HourlyLow(start=local(LONDON, 2026, 11, 11, 7), lowest_c=12.0),  # after
        HourlyLow(start=local(LONDON, 2026, 11, 11, 23), lowest_c=19.0),
        HourlyLow(start=local(LONDON, 2026, 11, 12, 1), lowest_c=float("nan")),
    ]
    assert night_lows(reversed(hourly), DEFAULTS, LONDON) == (
        NightLow(night=date(2026, 11, 10), lowest_c=17.0),
        NightLow(night=date(2026, 11, 11), lowest_c=19.0),
    )
    assert night_lows([], DEFAULTS, LONDON) == ()
    assert night_lows(hourly[:1], DEFAULTS, LONDON) == ()


def test_night_lows_across_the_clocks_going_back() -> None:
    """Hourly statistics start on UTC hours; the long night is one night."""
    hourly = [
        HourlyLow(
            start=datetime(2026, 10, 24, 20, tzinfo=UTC) + timedelta(hours=h),
            lowest_c=20.0 - h / 10,
        )
        for h in range(12)
    ]
    [only] = night_lows(hourly, DEFAULTS, LONDON)
    # 20:00 UTC is 21:00 BST; the window closes at 07:00 GMT = 07:00 UTC.
    assert only == NightLow(night=date(2026, 10, 24), lowest_c=pytest.approx(19.0))


@pytest.mark.parametrize(
    ("bedtime", "wake_time", "pre_bedtime"),
    [
        pytest.param(time(22, 30), time(7, 0), 60, id="default"),
        pytest.param(time(8, 0), time(7, 30), 60, id="a-day-and-more"),
        pytest.param(time(0, 0), time(0, 0), 240, id="only-before-bedtime"),
    ],
)
def test_night_windows_are_ordered_and_apart(
    bedtime: time, wake_time: time, pre_bedtime: int
) -> None:
    """Walked windows never overlap, so every instant has at most one night."""
    settings = RiskSettings(
        bedtime=bedtime, wake_time=wake_time, pre_bedtime_minutes=pre_bedtime
    )
    nights = nights_between(START, END, settings, LONDON)
    assert nights.opens, "no window at all"
    assert nights.closes[0] > START.astimezone(UTC)
    assert nights.opens[-1] < END.astimezone(UTC)
    for index, (opens, closes) in enumerate(
        zip(nights.opens, nights.closes, strict=True)
    ):
        assert opens < closes
        if index:
            assert nights.closes[index - 1] <= opens
