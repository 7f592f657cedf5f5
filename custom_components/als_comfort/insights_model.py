"""The plain values going into the analysis and coming out of it."""

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from .insights_threshold import ThresholdSuggestion
from .risk import RiskSettings


@dataclass(frozen=True, kw_only=True, slots=True)
class NightLow:
    """The lowest room temperature (°C) of the night opening on ``night``."""

    night: date
    lowest_c: float


@dataclass(frozen=True, kw_only=True, slots=True)
class HourlyLow:
    """One hour of long-term statistics: its start and its lowest reading (°C)."""

    start: datetime
    lowest_c: float


@dataclass(frozen=True, kw_only=True, slots=True)
class InsightsRequest:
    """What to analyse: the period, the local zone, settings and night lows."""

    start: datetime
    end: datetime
    zone: tzinfo
    settings: RiskSettings = field(default_factory=RiskSettings)
    night_lows: tuple[NightLow, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class DaySummary:
    """One local day: episodes by kind and the logged activity."""

    day: date
    counts: tuple[int, ...]
    activity_load: float
    activity_minutes: float


@dataclass(frozen=True, kw_only=True, slots=True)
class WeekSummary:
    """One ISO week: episodes by kind, cramp severity and activity."""

    monday: date
    counts: tuple[int, ...]
    severity_mean: float | None
    severity_max: int | None
    rated: int
    activity_load: float
    activity_minutes: float

    @property
    def label(self) -> str:
        """Return the ISO week, e.g. ``2026-W47``."""
        year, week, _ = self.monday.isocalendar()
        return f"{year}-W{week:02d}"


@dataclass(frozen=True, kw_only=True, slots=True)
class AreaSummary:
    """Episodes by kind in one body area."""

    area: str
    counts: tuple[int, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class HourSummary:
    """Night episodes by kind in one local wall-clock hour."""

    hour: int
    counts: tuple[int, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class CrampReading:
    """One night cramp: when (local) and the room temperature logged with it."""

    at: datetime
    temperature_c: float | None


@dataclass(frozen=True, kw_only=True, slots=True)
class NightSummary:
    """A night with cramps: its lowest temperature and each cramp."""

    night: date
    lowest_c: float | None
    cramps: tuple[CrampReading, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Insights:
    """Everything the clinician report shows about one period.

    Counts by kind follow ``const.EPISODE_KINDS``. ``nights`` is the number of
    night windows overlapping the period.
    """

    start: datetime
    end: datetime
    settings: RiskSettings
    totals: tuple[int, ...]
    activities: int
    nights: int
    days: tuple[DaySummary, ...]
    weeks: tuple[WeekSummary, ...]
    areas: tuple[AreaSummary, ...]
    hours: tuple[HourSummary, ...]
    cramp_nights: tuple[NightSummary, ...]
    suggestion: ThresholdSuggestion
