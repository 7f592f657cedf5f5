"""The sections of the clinician report that each show one chart and its table."""

from collections.abc import Iterable, Sequence
from datetime import date
import math
from typing import Final

from .const import EPISODE_KINDS
from .insights import Insights
from .report_charts import NightMarks, columns, lines, rows, temperatures
from .report_phrases import UNKNOWN, Words
from .report_svg import Chart, esc

MAX_LABELS: Final = 12
SEVERITY_AXIS: Final = (0.0, 10.0, 2.0)


def table(head: Sequence[str], body: Iterable[Sequence[object]]) -> str:
    """Return a table with a header row; every cell is escaped."""
    header = "".join(f'<th scope="col">{esc(cell)}</th>' for cell in head)
    cells = "".join(
        "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>"
        for row in body
    )
    return f"<table><thead><tr>{header}</tr></thead><tbody>{cells}</tbody></table>"


def section(key: str, title: str, content: str) -> str:
    """Return one titled section of the page."""
    return f'<section id="{key}"><h2>{esc(title)}</h2>{content}</section>'


def kinds(words: Words) -> list[str]:
    """Return the names of the episode kinds, in order."""
    return [words(f"report_kind_{kind}") for kind in EPISODE_KINDS]


def _chart(key: str, title: str, words: Words) -> Chart:
    """Return the identity of one chart."""
    return Chart(key=key, title=title, label=words("report_chart_label", title=title))


def _every(count: int) -> int:
    """Return how many columns one axis label stands for."""
    return max(1, math.ceil(count / MAX_LABELS))


def _shown(key: str, title: str, words: Words, figure: str | None) -> str:
    """Return a chart section, or the line that says there is nothing to show."""
    if figure is None:
        return section(key, title, f"<p>{esc(words('report_no_data'))}</p>")
    return section(key, title, figure)


def _short(day: date) -> str:
    """Return a day as month-day, short enough for an axis."""
    return f"{day:%m-%d}"


def weeks(insights: Insights, words: Words) -> str:
    """Return episodes per ISO week, by kind."""
    title = words("report_weeks_title")
    figure = None
    if sum(insights.totals):
        chart = _chart("weeks", title, words)
        labels = [week.label[-3:] for week in insights.weeks]
        svg = columns(
            chart,
            labels,
            [week.counts for week in insights.weeks],
            kinds(words),
            every=_every(len(labels)),
        )
        body = [(week.label, *week.counts, sum(week.counts)) for week in insights.weeks]
        head = (words("report_week"), *kinds(words), words("report_total"))
        figure = f"<figure>{svg}</figure>{table(head, body)}"
    return _shown("weeks", title, words, figure)


def areas(insights: Insights, words: Words) -> str:
    """Return episodes by body area, by kind, most first."""
    title = words("report_areas_title")
    figure = None
    if insights.areas:
        chart = _chart("areas", title, words)
        labels = [words(f"report_area_{area.area}") for area in insights.areas]
        stacks = [area.counts for area in insights.areas]
        svg = rows(chart, labels, stacks, kinds(words))
        body = [
            (label, *stack, sum(stack))
            for label, stack in zip(labels, stacks, strict=True)
        ]
        head = (words("report_area"), *kinds(words), words("report_total"))
        figure = f"<figure>{svg}</figure>{table(head, body)}"
    return _shown("areas", title, words, figure)


def hours(insights: Insights, words: Words) -> str:
    """Return night episodes per local hour, in the order of the night."""
    title = words("report_hours_title")
    figure = None
    if any(sum(hour.counts) for hour in insights.hours):
        chart = _chart("hours", title, words)
        labels = [f"{hour.hour:02d}" for hour in insights.hours]
        stacks = [hour.counts for hour in insights.hours]
        svg = columns(chart, labels, stacks, kinds(words))
        body = [
            (f"{label}:00", *stack, sum(stack))
            for label, stack in zip(labels, stacks, strict=True)
        ]
        head = (words("report_hour"), *kinds(words), words("report_total"))
        figure = f"<figure>{svg}</figure>{table(head, body)}"
    return _shown("hours", title, words, figure)


def _night_marks(insights: Insights, words: Words) -> list[NightMarks]:
    """Return where each cramp night sits along the period, in the unit shown."""
    first = insights.start.date()
    span = max(len(insights.days), 1)
    return [
        NightMarks(
            x=min(1.0, max(0.0, ((night.night - first).days + 0.75) / span)),
            lowest=None if night.lowest_c is None else words.degrees(night.lowest_c),
            cramps=tuple(
                words.degrees(cramp.temperature_c)
                for cramp in night.cramps
                if cramp.temperature_c is not None
            ),
        )
        for night in insights.cramp_nights
    ]


def _day_ticks(insights: Insights) -> list[tuple[float, str]]:
    """Return the day labels of a time axis, as (x from 0 to 1, label)."""
    span = max(len(insights.days), 1)
    every = _every(span)
    return [
        ((index + 0.5) / span, _short(day.day))
        for index, day in enumerate(insights.days)
        if index % every == 0
    ]


def _temperature_table(insights: Insights, words: Words) -> str:
    """Return each cramp night: its lowest, and the time and room of each cramp."""
    body = [
        (
            f"{night.night:%Y-%m-%d}",
            words.temperature(night.lowest_c),
            ", ".join(
                f"{cramp.at:%H:%M} {words.temperature(cramp.temperature_c)}"
                for cramp in night.cramps
            ),
        )
        for night in insights.cramp_nights
    ]
    head = (words("report_night"), words("report_lowest"), words("report_at_cramps"))
    return table(head, body)


def temperature(insights: Insights, words: Words) -> str:
    """Return each night cramp's room temperature against the night's lowest."""
    title = words("report_temperature_title")
    marks = [mark for mark in _night_marks(insights, words) if mark.cramps]
    if not marks:
        return _shown("temperature", title, words, None)
    threshold = insights.settings.cold_threshold
    svg = temperatures(
        _chart("temperature", title, words),
        marks,
        threshold=words.degrees(threshold),
        names=(
            words("report_cramp_dot"),
            words("report_lowest_square"),
            words("report_threshold", value=words.temperature(threshold)),
        ),
        ticks=_day_ticks(insights),
        fmt=words.number,
    )
    lead = words("report_temperature_lead", threshold=words.temperature(threshold))
    figure = f"<figure>{svg}</figure>{_temperature_table(insights, words)}"
    return section("temperature", title, f'<p class="lead">{esc(lead)}</p>{figure}')


def severity(insights: Insights, words: Words) -> str:
    """Return the weekly mean and highest cramp severity."""
    title = words("report_severity_title")
    figure = None
    if any(week.rated for week in insights.weeks):
        labels = [week.label[-3:] for week in insights.weeks]
        svg = lines(
            _chart("severity", title, words),
            labels,
            [
                [week.severity_mean for week in insights.weeks],
                [week.severity_max for week in insights.weeks],
            ],
            [words("report_mean"), words("report_highest")],
            axis=SEVERITY_AXIS,
            every=_every(len(labels)),
        )
        body = [
            (
                week.label,
                week.rated,
                UNKNOWN
                if week.severity_mean is None
                else words.number(week.severity_mean),
                UNKNOWN if week.severity_max is None else week.severity_max,
            )
            for week in insights.weeks
        ]
        head = (
            words("report_week"),
            words("report_rated"),
            words("report_mean"),
            words("report_highest"),
        )
        figure = f"<figure>{svg}</figure>{table(head, body)}"
    return _shown("severity", title, words, figure)


def activity(insights: Insights, words: Words) -> str:
    """Return the activity load per day, and per week in the table."""
    title = words("report_activity_title")
    figure = None
    if insights.activities:
        labels = [_short(day.day) for day in insights.days]
        svg = columns(
            _chart("activity", title, words),
            labels,
            [(day.activity_load,) for day in insights.days],
            [words("report_load")],
            every=_every(len(labels)),
        )
        body = [
            (
                week.label,
                words.number(week.activity_minutes, 0),
                words.number(week.activity_load, 0),
            )
            for week in insights.weeks
        ]
        head = (words("report_week"), words("report_minutes"), words("report_load"))
        lead = f'<p class="lead">{esc(words("report_activity_lead"))}</p>'
        figure = f"{lead}<figure>{svg}</figure>{table(head, body)}"
    return _shown("activity", title, words, figure)
