"""Personal ``cold_threshold`` suggestion (SPEC §14): when, and which value.

The rule, in plain words:

1. Only night cramps logged with a room temperature count. With fewer than
   10 of them, or all of them on fewer than 5 nights, there is no suggestion
   (``too_few_cramps``).
2. They are compared with the calm nights: nights without any cramp whose
   lowest room temperature is known. With fewer than 10 calm nights there is
   nothing to compare with (``too_few_calm_nights``: the log is one-sided).
3. Each cramp night counts once, with the room temperature at its first
   cramp: once a muscle cramps it tends to repeat for an hour, so the later
   cramps of a night say nothing new about the room.
4. The median temperature at cramps must be at least 1 °C below the median
   lowest temperature of calm nights (``not_colder`` otherwise). A calm
   night's lowest is its coldest moment, so this comparison leans against
   blaming the cold.
5. A one-sided Mann-Whitney rank test must find the cramp temperatures lower
   with p < 0.01 (``unclear`` otherwise). The p-value is the normal
   approximation with tie and continuity corrections.
6. The candidate threshold lies halfway between the two medians, rounded half
   up to 0.5 °C, kept within the option's bounds (10-26 °C) and low enough
   that the comfort setpoint stays more than the hysteresis above it (the
   options form requires that).
7. It is suggested only when it is more than 0.5 °C warmer than the current
   threshold (``same_as_current``, ``below_current`` otherwise): calm nights
   partly owe their calm to the heating the current threshold starts, so a
   log cannot show that a colder threshold is safe.

Nothing here changes a setting: the caller shows the suggestion, with the
numbers behind it, and a person decides.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
import math
import statistics
from typing import Final

from .const import CONF_COLD_THRESHOLD, OPTION_BOUNDS
from .risk import RiskSettings

MIN_NIGHT_CRAMPS: Final = 10
MIN_CRAMP_NIGHTS: Final = 5
MIN_CALM_NIGHTS: Final = 10
MIN_DIFFERENCE_C: Final = 1.0
SIGNIFICANCE: Final = 0.01
STEP_C: Final = 0.5
THRESHOLD_MIN_C: Final = OPTION_BOUNDS[CONF_COLD_THRESHOLD][0]
THRESHOLD_MAX_C: Final = OPTION_BOUNDS[CONF_COLD_THRESHOLD][1]
# Temperatures are read to 0.1 °C at best; comparing at 0.01 °C keeps float
# noise from tipping a rounding or a comparison.
_DECIMALS: Final = 2


class NoSuggestion(StrEnum):
    """Why no threshold is suggested."""

    TOO_FEW_CRAMPS = "too_few_cramps"
    TOO_FEW_CALM_NIGHTS = "too_few_calm_nights"
    NOT_COLDER = "not_colder"
    UNCLEAR = "unclear"
    SAME_AS_CURRENT = "same_as_current"
    BELOW_CURRENT = "below_current"


@dataclass(frozen=True, kw_only=True, slots=True)
class RankTest:
    """A one-sided Mann-Whitney U test that one sample lies below another.

    ``u`` counts the pairs in which the first sample's value is the higher
    (ties count half): small means the first sample is lower. ``effect`` is
    the share of pairs in which it is lower (ties half), 0.5 when unrelated.
    """

    u: float
    z: float
    p_value: float
    effect: float


@dataclass(frozen=True, kw_only=True, slots=True)
class ThresholdSuggestion:
    """The suggestion, or why there is none, with the numbers behind it."""

    reason: NoSuggestion | None
    current: float
    night_cramps: int
    cramp_nights: int
    calm_nights: int
    cramp_median: float | None = None
    calm_median: float | None = None
    test: RankTest | None = None
    candidate: float | None = None
    capped: bool = False

    @property
    def value(self) -> float | None:
        """Return the suggested threshold (°C), or None when there is none."""
        return self.candidate if self.reason is None else None


def rank_test(lower: Sequence[float], higher: Sequence[float]) -> RankTest:
    """Test that ``lower`` tends to lie below ``higher`` (both non-empty)."""
    pooled = sorted(
        [(value, True) for value in lower] + [(value, False) for value in higher]
    )
    total, first, second = len(pooled), len(lower), len(higher)
    rank_sum = ties = 0.0
    index = 0
    while index < total:
        end = index
        while end < total and pooled[end][0] == pooled[index][0]:
            end += 1
        tied = end - index
        ties += tied**3 - tied
        members = sum(1 for _, mine in pooled[index:end] if mine)
        rank_sum += members * (index + end + 1) / 2
        index = end
    u = rank_sum - first * (first + 1) / 2
    pairs = first * second
    variance = pairs / 12 * (total + 1 - ties / (total * (total - 1)))
    effect = 1 - u / pairs
    if variance <= 0:
        return RankTest(u=u, z=0.0, p_value=1.0, effect=effect)
    z = (u - pairs / 2 + 0.5) / math.sqrt(variance)
    p_value = min(1.0, 0.5 * math.erfc(-z / math.sqrt(2)))
    return RankTest(u=u, z=z, p_value=p_value, effect=effect)


def _ceiling(settings: RiskSettings) -> float:
    """Return the warmest threshold on the 0.5 °C grid the options allow."""
    room = round((settings.comfort_setpoint - settings.hysteresis) / STEP_C, 6)
    return min(THRESHOLD_MAX_C, (math.ceil(room) - 1) * STEP_C)


def _candidate(
    cramp_median: float, calm_median: float, settings: RiskSettings
) -> tuple[float, bool]:
    """Return the rounded midpoint within the bounds, and whether it was capped."""
    midpoint = round((cramp_median + calm_median) / 2, _DECIMALS)
    rounded = math.floor(midpoint / STEP_C + 0.5) * STEP_C
    value = max(THRESHOLD_MIN_C, min(rounded, _ceiling(settings)))
    return value, value != rounded


def _verdict(difference: float, p_value: float, above: float) -> NoSuggestion | None:
    """Return why there is no suggestion, or None.

    ``difference``: calm nights' median lowest minus the cramps' median;
    ``above``: how much warmer the candidate is than the current threshold.
    """
    if round(difference, _DECIMALS) < MIN_DIFFERENCE_C:
        return NoSuggestion.NOT_COLDER
    if not p_value < SIGNIFICANCE:
        return NoSuggestion.UNCLEAR
    if round(above, _DECIMALS) < -STEP_C:
        return NoSuggestion.BELOW_CURRENT
    if round(above, _DECIMALS) <= STEP_C:
        return NoSuggestion.SAME_AS_CURRENT
    return None


def suggest_threshold(
    cramps: Sequence[tuple[date, float]],
    calm_lows: Sequence[float],
    settings: RiskSettings,
) -> ThresholdSuggestion:
    """Apply the rule to night cramps and the lowest temperatures of calm nights.

    ``cramps`` are (night, room temperature) of each night cramp, in time
    order; ``calm_lows`` the lowest temperature of each night without cramps.
    """
    first: dict[date, float] = {}
    for night, temperature in cramps:
        first.setdefault(night, temperature)
    facts = ThresholdSuggestion(
        reason=None,
        current=settings.cold_threshold,
        night_cramps=len(cramps),
        cramp_nights=len(first),
        calm_nights=len(calm_lows),
    )
    if len(cramps) < MIN_NIGHT_CRAMPS or len(first) < MIN_CRAMP_NIGHTS:
        return replace(facts, reason=NoSuggestion.TOO_FEW_CRAMPS)
    if len(calm_lows) < MIN_CALM_NIGHTS:
        return replace(facts, reason=NoSuggestion.TOO_FEW_CALM_NIGHTS)
    cramp_median = statistics.median(first.values())
    calm_median = statistics.median(calm_lows)
    test = rank_test(list(first.values()), calm_lows)
    candidate, capped = _candidate(cramp_median, calm_median, settings)
    above = candidate - settings.cold_threshold
    return replace(
        facts,
        reason=_verdict(calm_median - cramp_median, test.p_value, above),
        cramp_median=cramp_median,
        calm_median=calm_median,
        test=test,
        candidate=candidate,
        capped=capped,
    )
