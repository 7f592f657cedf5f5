"""Tests of the personal cold-threshold suggestion (SPEC §14) and its rank test.

Synthetic logs go through the whole analysis: too little data, one-sided,
noisy, not colder and clear; then the rule's edges on plain numbers, and
properties over many generated logs.
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
import math
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import event, given, settings as hypothesis_settings, strategies as st
import pytest

from custom_components.als_comfort.insights import (
    InsightsRequest,
    NightLow,
    NoSuggestion,
    ThresholdSuggestion,
    analyse,
    rank_test,
    suggest_threshold,
)
from custom_components.als_comfort.risk import RiskSettings

LONDON = ZoneInfo("Europe/London")
START = datetime(2026, 1, 5, tzinfo=LONDON)
END = START + timedelta(days=90)
DEFAULTS = RiskSettings()  # cold threshold 19, comfort setpoint 21, hysteresis 0.5
PROPERTY = hypothesis_settings(max_examples=300, deadline=None)


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations() -> None:
    """Override the package-wide fixture: the analysis needs no Home Assistant."""


def night(index: int) -> date:
    """Return the date of the index-th night of the period."""
    return START.date() + timedelta(days=index)


def cramp(when: datetime, temperature: float | None) -> dict[str, Any]:
    """Return a stored cramp with the room temperature of its moment."""
    return {
        "id": str(when.timestamp()),
        "when": when.astimezone(UTC).isoformat(),
        "kind": "cramp",
        "body_area": "calf",
        "severity": 5,
        "conditions": {"temperature_c": temperature, "night_window": True},
    }


def night_log(
    cramp_nights: Sequence[Sequence[float | None]],
    calm_lows: Sequence[float],
    settings: RiskSettings = DEFAULTS,
    extra: Sequence[dict[str, Any]] = (),
    extra_lows: Sequence[NightLow] = (),
) -> ThresholdSuggestion:
    """Analyse cramp nights (temperatures at 23:00, 23:20, ...) and calm nights.

    Cramp nights come first, calm nights after them; a cramp night's lowest is
    half a degree below its coldest cramp.
    """
    episodes = list(extra)
    lows = list(extra_lows)
    for index, temperatures in enumerate(cramp_nights):
        evening = datetime.combine(night(index), datetime.min.time(), LONDON)
        for number, temperature in enumerate(temperatures):
            moment = evening + timedelta(hours=23, minutes=20 * number)
            episodes.append(cramp(moment, temperature))
        known = [value for value in temperatures if value is not None]
        if known:
            lows.append(NightLow(night=night(index), lowest_c=min(known) - 0.5))
    offset = len(cramp_nights)
    lows += [
        NightLow(night=night(offset + index), lowest_c=low)
        for index, low in enumerate(calm_lows)
    ]
    insights = analyse(
        {"episodes": episodes, "activities": []},
        InsightsRequest(
            start=START, end=END, zone=LONDON, settings=settings, night_lows=tuple(lows)
        ),
    )
    return insights.suggestion


def spread(low: float, count: int, step: float = 0.1) -> list[float]:
    """Return `count` temperatures from `low` upwards."""
    return [round(low + step * index, 2) for index in range(count)]


COLD_CRAMPS = [[value] for value in spread(19.0, 12)]  # median 19.55
WARM_CALM = spread(21.5, 15)  # median 22.2


def test_clear_difference_suggests_a_warmer_threshold() -> None:
    """Cramps near 19.5 °C, calm nights' lowest near 22 °C: suggest 21 °C."""
    roomy = RiskSettings(comfort_setpoint=23.0)
    suggestion = night_log(COLD_CRAMPS, WARM_CALM, roomy)
    assert suggestion.reason is None
    assert suggestion.value == 21.0  # (19.55 + 22.2) / 2 = 20.875, to 0.5
    assert not suggestion.capped
    assert (suggestion.night_cramps, suggestion.cramp_nights) == (12, 12)
    assert suggestion.calm_nights == 15
    assert suggestion.cramp_median == pytest.approx(19.55)
    assert suggestion.calm_median == pytest.approx(22.2)
    assert suggestion.test is not None
    assert suggestion.test.u == 0
    assert suggestion.test.effect == 1.0
    assert suggestion.test.p_value < 0.001


def test_suggestion_keeps_the_comfort_setpoint_above_it() -> None:
    """With the comfort setpoint at 21 °C and 0.5 °C hysteresis, 20 °C at most."""
    suggestion = night_log(COLD_CRAMPS, WARM_CALM)
    assert suggestion.value == 20.0
    assert suggestion.capped
    assert suggestion.candidate == 20.0


def test_each_cramp_night_counts_once_with_its_first_cramp() -> None:
    """A cluster of later cramps in a night adds nothing to the comparison."""
    clustered = [[value, 30.0, 30.0, None] for (value,) in COLD_CRAMPS]
    roomy = RiskSettings(comfort_setpoint=23.0)
    suggestion = night_log(clustered, WARM_CALM, roomy)
    assert suggestion.value == 21.0
    assert suggestion.night_cramps == 36  # with a temperature
    assert suggestion.cramp_nights == 12
    assert suggestion.cramp_median == pytest.approx(19.55)


@pytest.mark.parametrize(
    "cramp_nights",
    [
        pytest.param([], id="none"),
        pytest.param([[18.0]] * 9, id="nine-cramps"),
        pytest.param([[18.0, 18.0, 18.0]] * 4, id="twelve-cramps-on-four-nights"),
        pytest.param([[18.0, None]] * 9, id="only-nine-with-a-temperature"),
    ],
)
def test_too_few_night_cramps(cramp_nights: list[list[float | None]]) -> None:
    """Fewer than 10 night cramps with a temperature, or fewer than 5 nights."""
    suggestion = night_log(cramp_nights, WARM_CALM)
    assert suggestion.reason is NoSuggestion.TOO_FEW_CRAMPS
    assert suggestion.value is None
    assert suggestion.test is None


def test_day_cramps_do_not_count() -> None:
    """Cramps outside the night window are not night cramps."""
    noon = [
        cramp(
            datetime.combine(night(40 + day), datetime.min.time(), LONDON)
            + timedelta(hours=12),
            15.0,
        )
        for day in range(20)
    ]
    suggestion = night_log([[18.0]] * 9, WARM_CALM, extra=noon)
    assert suggestion.reason is NoSuggestion.TOO_FEW_CRAMPS
    assert suggestion.night_cramps == 9


def test_ten_cramps_on_five_nights_are_enough() -> None:
    """The smallest log that may bring a suggestion."""
    cramps = [[19.0, 19.0], [19.2, 19.2], [19.4, 19.4], [19.6, 19.6], [19.8, 19.8]]
    suggestion = night_log(cramps, WARM_CALM[:10], RiskSettings(comfort_setpoint=23))
    assert suggestion.reason is None
    assert (suggestion.night_cramps, suggestion.cramp_nights) == (10, 5)


def test_one_sided_without_calm_nights() -> None:
    """Cramps every night (or no lowest known): nothing to compare with."""
    every_night = night_log(COLD_CRAMPS, [])
    assert every_night.reason is NoSuggestion.TOO_FEW_CALM_NIGHTS
    assert every_night.calm_nights == 0
    assert night_log(COLD_CRAMPS, WARM_CALM[:9]).reason is (
        NoSuggestion.TOO_FEW_CALM_NIGHTS
    )


def test_a_night_with_a_cramp_of_unknown_temperature_is_not_calm() -> None:
    """Its lowest is known, but it had a cramp: nine calm nights, not ten."""
    evening = datetime.combine(night(50), datetime.min.time(), LONDON)
    unknown = [cramp(evening + timedelta(hours=23), None)]
    lows = [NightLow(night=night(50), lowest_c=22.0)]
    suggestion = night_log(COLD_CRAMPS, WARM_CALM[:9], extra=unknown, extra_lows=lows)
    assert suggestion.calm_nights == 9
    assert suggestion.reason is NoSuggestion.TOO_FEW_CALM_NIGHTS
    # The same night without its cramp is the tenth calm night.
    calm = night_log(COLD_CRAMPS, WARM_CALM[:9], extra_lows=lows)
    assert calm.calm_nights == 10


def test_noisy_log_is_unclear() -> None:
    """Medians 1.35 °C apart, but the two overlap too much to tell."""
    cramps = [[value] for value in spread(17.0, 10, 0.5)]
    calm = [17.2, 17.8, 18.6, 19.4, 20.3, 20.9, 21.3, 21.8, 22.4, 22.6]
    suggestion = night_log(cramps, calm)
    assert suggestion.reason is NoSuggestion.UNCLEAR
    assert suggestion.value is None
    assert suggestion.test is not None
    assert suggestion.test.p_value > 0.1
    assert suggestion.calm_median - suggestion.cramp_median >= 1.0


def test_cramps_no_colder_than_calm_nights() -> None:
    """Cramps at the same temperatures as calm nights' lowest: not the cold."""
    suggestion = night_log([[value] for value in WARM_CALM], WARM_CALM)
    assert suggestion.reason is NoSuggestion.NOT_COLDER
    assert suggestion.test is not None


def test_clearly_colder_but_less_than_a_degree_is_not_colder() -> None:
    """Every cramp below every calm night, by 0.9 °C only: no suggestion."""
    cramps = [[value] for value in spread(20.0, 12, 0.05)]
    calm = spread(20.9, 12, 0.05)
    suggestion = night_log(cramps, calm)
    assert suggestion.test is not None
    assert suggestion.test.p_value < 0.001
    assert suggestion.reason is NoSuggestion.NOT_COLDER


@pytest.mark.parametrize(
    ("cramp_value", "calm_value", "current", "reason", "candidate"),
    [
        pytest.param(18.0, 20.5, 19.0, NoSuggestion.SAME_AS_CURRENT, 19.5, id="+0.5"),
        pytest.param(17.5, 20.0, 19.0, NoSuggestion.SAME_AS_CURRENT, 19.0, id="same"),
        pytest.param(17.0, 19.5, 18.9, NoSuggestion.SAME_AS_CURRENT, 18.5, id="-0.4"),
        pytest.param(15.0, 17.0, 19.0, NoSuggestion.BELOW_CURRENT, 16.0, id="below"),
        pytest.param(18.0, 20.5, 18.9, None, 19.5, id="+0.6"),
        pytest.param(7.0, 9.0, 12.0, NoSuggestion.BELOW_CURRENT, 10.0, id="floor"),
    ],
)
def test_only_a_threshold_clearly_warmer_than_now_is_suggested(
    cramp_value: float,
    calm_value: float,
    current: float,
    reason: NoSuggestion | None,
    candidate: float,
) -> None:
    """Within 0.5 °C of the current threshold, or colder: no suggestion."""
    settings = RiskSettings(cold_threshold=current, comfort_setpoint=24.0)
    suggestion = suggest_threshold(
        [(night(index), cramp_value) for index in range(10)],
        [calm_value] * 10,
        settings,
    )
    assert suggestion.candidate == candidate
    assert suggestion.reason is reason
    assert suggestion.value == (candidate if reason is None else None)


def test_never_above_the_option_bound() -> None:
    """A warm household is capped at 26 °C, the option's maximum."""
    settings = RiskSettings(comfort_setpoint=28.0, max_setpoint=30.0)
    suggestion = suggest_threshold(
        [(night(index), 25.0) for index in range(10)], [29.0] * 10, settings
    )
    assert suggestion.value == 26.0
    assert suggestion.capped


def exact_p(lower: Sequence[float], higher: Sequence[float]) -> float:
    """Return the exact one-sided p of the U statistic (no ties), by enumeration."""
    pooled = sorted([*lower, *higher])
    observed = sum(1 for a in lower for b in higher if a > b)
    total = at_most = 0
    for chosen in combinations(range(len(pooled)), len(lower)):
        picked = set(chosen)
        u = sum(
            1
            for i in picked
            for j in range(len(pooled))
            if j not in picked and pooled[i] > pooled[j]
        )
        total += 1
        at_most += u <= observed
    return at_most / total


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        pytest.param([1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11], id="apart"),
        pytest.param([1, 3, 5, 7, 9], [2, 4, 6, 8, 10, 12], id="mixed"),
        pytest.param([1, 2, 4, 6, 7], [3, 5, 8, 9, 10, 11], id="leaning"),
        pytest.param([6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 11], id="reversed"),
    ],
)
def test_rank_test_agrees_with_the_exact_distribution(
    lower: list[float], higher: list[float]
) -> None:
    """The normal approximation is within 0.03 of the exact p, and U is exact."""
    result = rank_test(lower, higher)
    assert result.u == sum(1 for a in lower for b in higher if a > b)
    assert result.p_value == pytest.approx(exact_p(lower, higher), abs=0.03)


def test_rank_test_ties_and_no_difference() -> None:
    """Ties count half; all values equal tells nothing (p = 1)."""
    tied = rank_test([1.0, 2.0], [2.0, 3.0])
    assert tied.u == 0.5
    assert tied.effect == pytest.approx(0.875)
    flat = rank_test([5.0] * 10, [5.0] * 12)
    assert (flat.u, flat.p_value, flat.effect) == (60.0, 1.0, 0.5)
    same = rank_test(spread(18.0, 10), spread(18.0, 10))
    assert 0.4 < same.p_value < 0.6


temperatures = st.integers(min_value=140, max_value=240).map(lambda tenth: tenth / 10)
nights = st.integers(min_value=0, max_value=30).map(night)


@st.composite
def logs(draw: st.DrawFn) -> tuple[list[tuple[date, float]], list[float]]:
    """Draw night cramps and calm lows: anything, or two groups some way apart."""
    if draw(st.booleans()):
        cramps = draw(st.lists(st.tuples(nights, temperatures), max_size=40))
        return cramps, draw(st.lists(temperatures, max_size=30))
    base = draw(st.integers(min_value=140, max_value=200))
    gap = draw(st.integers(min_value=0, max_value=60))
    near = st.integers(min_value=0, max_value=20)
    cramps = draw(
        st.lists(
            st.tuples(nights, near.map(lambda tenth: (base + tenth) / 10)),
            min_size=10,
            max_size=40,
        )
    )
    calm = draw(
        st.lists(
            near.map(lambda tenth: (base + gap + tenth) / 10), min_size=10, max_size=30
        )
    )
    return cramps, calm


@PROPERTY
@given(
    cramps=st.lists(
        st.tuples(st.integers(min_value=0, max_value=8).map(night), temperatures),
        max_size=9,
    ),
    calm=st.lists(temperatures, max_size=40),
)
def test_never_suggests_with_fewer_than_ten_night_cramps(
    cramps: list[tuple[date, float]], calm: list[float]
) -> None:
    """Whatever the calm nights say, nine cramps are too few."""
    suggestion = suggest_threshold(cramps, calm, DEFAULTS)
    assert suggestion.value is None
    assert suggestion.reason is NoSuggestion.TOO_FEW_CRAMPS


@PROPERTY
@given(log=logs())
def test_a_suggestion_always_keeps_the_rules(
    log: tuple[list[tuple[date, float]], list[float]],
) -> None:
    """On the 0.5 °C grid, inside the bounds, warmer by > 0.5 °C, with clear data."""
    cramps, calm = log
    suggestion = suggest_threshold(cramps, calm, DEFAULTS)
    event(f"reason: {suggestion.reason}")  # --hypothesis-show-statistics
    if suggestion.value is None:
        return
    value = suggestion.value
    assert value * 2 == math.floor(value * 2)
    assert 10.0 <= value <= 26.0
    assert value > DEFAULTS.cold_threshold + 0.5
    assert value + DEFAULTS.hysteresis < DEFAULTS.comfort_setpoint
    assert len(cramps) >= 10
    assert suggestion.cramp_nights >= 5
    assert suggestion.calm_nights >= 10
    assert suggestion.test is not None
    assert suggestion.test.p_value < 0.01
    assert suggestion.cramp_median is not None
    assert suggestion.calm_median is not None
    assert suggestion.calm_median - suggestion.cramp_median >= 1.0 - 1e-9


@PROPERTY
@given(log=logs(), halves=st.integers(min_value=-4, max_value=4))
def test_shifting_every_temperature_shifts_the_suggestion(
    log: tuple[list[tuple[date, float]], list[float]], halves: int
) -> None:
    """Room, threshold and setpoint all warmer by d: the same verdict, d warmer."""
    cramps, calm = log
    shift = halves / 2
    base = suggest_threshold(cramps, calm, DEFAULTS)
    moved = suggest_threshold(
        [(day, value + shift) for day, value in cramps],
        [value + shift for value in calm],
        RiskSettings(
            cold_threshold=DEFAULTS.cold_threshold + shift,
            comfort_setpoint=DEFAULTS.comfort_setpoint + shift,
        ),
    )
    assert moved.reason is base.reason
    if base.candidate is None:
        assert moved.candidate is None
        return
    assert moved.candidate == pytest.approx(base.candidate + shift)
    assert moved.capped is base.capped
    assert moved.test is not None
    assert base.test is not None
    assert moved.test.u == base.test.u
    assert moved.test.p_value == pytest.approx(base.test.p_value)
