"""Inline SVG charts of the clinician report.

No script and no external resource. Every chart reads in black and white
(see ``report_svg.py``) and carries a ``<title>`` and an ``aria-label``; the
report puts a table of the same numbers under each one.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from .report_svg import (
    BOTTOM,
    DASHES,
    LEFT,
    MARKERS,
    OUTLINE,
    PLOT_WIDTH,
    RIGHT,
    TOP,
    WIDTH,
    Chart,
    Format,
    fill,
    legend,
    line_legend,
    marker,
    scale,
    svg,
    text,
    whole,
    x_labels,
    y_axis,
)


@dataclass(frozen=True, kw_only=True, slots=True)
class NightMarks:
    """One night of the temperature chart: where along x (0..1) and its values."""

    x: float
    lowest: float | None
    cramps: tuple[float, ...]


def columns(
    chart: Chart,
    labels: Sequence[str],
    stacks: Sequence[Sequence[float]],
    names: Sequence[str],
    *,
    every: int = 1,
) -> str:
    """Return stacked columns, one per label, one segment per series."""
    height = 170.0
    bottom, top, step = scale(0, max((sum(stack) for stack in stacks), default=0), True)
    slot = PLOT_WIDTH / max(len(labels), 1)
    parts = [
        legend(chart, names) if len(names) > 1 else "",
        y_axis(bottom, top, step, height, whole),
    ]
    for index, stack in enumerate(stacks):
        base = TOP + height
        for series, value in enumerate(stack):
            if value > 0:
                size = height * value / top
                base -= size
                parts.append(
                    f'<rect x="{LEFT + slot * (index + 0.15):.1f}" y="{base:.1f}"'
                    f' width="{slot * 0.7:.1f}" height="{size:.1f}"'
                    f' fill="{fill(chart, series)}" {OUTLINE}/>'
                )
    parts.append(x_labels(labels, every, TOP + height))
    return svg(chart, TOP + height + BOTTOM, parts)


def rows(
    chart: Chart,
    labels: Sequence[str],
    stacks: Sequence[Sequence[float]],
    names: Sequence[str],
) -> str:
    """Return stacked horizontal bars, one row per label, with its total."""
    left, right, row = 130.0, WIDTH - RIGHT - 40.0, 20.0
    peak = max((sum(stack) for stack in stacks), default=0) or 1
    parts = [legend(chart, names)]
    for index, stack in enumerate(stacks):
        y, x = TOP + index * row, left
        parts.append(text(left - 6, y + 13, labels[index], "end"))
        for series, value in enumerate(stack):
            if value > 0:
                size = (right - left) * value / peak
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 3:.1f}" width="{size:.1f}" height="{row - 6:.1f}"'
                    f' fill="{fill(chart, series)}" {OUTLINE}/>'
                )
                x += size
        parts.append(text(x + 5, y + 13, whole(sum(stack)), "start"))
    return svg(chart, TOP + row * len(stacks) + 8, parts)


def lines(
    chart: Chart,
    labels: Sequence[str],
    series: Sequence[Sequence[float | None]],
    names: Sequence[str],
    *,
    axis: tuple[float, float, float],
    every: int = 1,
) -> str:
    """Return one line per series (solid, dashed), broken where a value is missing."""
    height, (bottom, top, step) = 170.0, axis
    slot = PLOT_WIDTH / max(len(labels), 1)
    parts = [line_legend(names), y_axis(bottom, top, step, height, whole)]
    for number, values in enumerate(series):
        points = [
            (LEFT + slot * (index + 0.5), TOP + height * (top - value) / (top - bottom))
            if value is not None
            else None
            for index, value in enumerate(values)
        ]
        for run in _runs(points):
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="#000" stroke-width="1.6"{DASHES[number % 2]}/>'
            )
            parts.extend(marker(MARKERS[number % 2], x, y) for x, y in run)
    parts.append(x_labels(labels, every, TOP + height))
    return svg(chart, TOP + height + BOTTOM, parts)


def _runs(
    points: Sequence[tuple[float, float] | None],
) -> list[list[tuple[float, float]]]:
    """Split points into runs without gaps."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


THRESHOLD_LINE: Final = 'stroke="#000" stroke-width="1.2" stroke-dasharray="8 4"'
TEMPERATURE_HEIGHT: Final = 190.0


def _night(night: NightMarks, y_of: Callable[[float], float]) -> str:
    """Return one night: a stem from lowest to warmest, dots, the hollow square."""
    x = LEFT + PLOT_WIDTH * night.x
    marks = [value for value in (night.lowest, *night.cramps) if value is not None]
    stem = (
        f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y_of(min(marks)):.1f}"'
        f' y2="{y_of(max(marks)):.1f}" stroke="#000" stroke-width=".6"/>'
    )
    parts = [stem]
    parts.extend(marker("circle", x, y_of(value)) for value in night.cramps)
    # The hollow square goes on top, so a cramp at the night's lowest shows both.
    if night.lowest is not None:
        parts.append(marker("square", x, y_of(night.lowest), filled=False))
    return "".join(parts)


def temperatures(
    chart: Chart,
    nights: Sequence[NightMarks],
    *,
    threshold: float,
    names: tuple[str, str, str],
    ticks: Sequence[tuple[float, str]],
    fmt: Format,
) -> str:
    """Return each night's cramps and lowest against the dashed threshold."""
    height = TEMPERATURE_HEIGHT
    values = [threshold]
    for night in nights:
        values += [
            value for value in (night.lowest, *night.cramps) if value is not None
        ]
    bottom, top, step = scale(min(values) - 0.5, max(values) + 0.5, False)

    def y_of(value: float) -> float:
        return TOP + height * (top - value) / (top - bottom)

    parts = [_temperature_legend(names), y_axis(bottom, top, step, height, fmt)]
    parts.extend(_night(night, y_of) for night in nights)
    line_y = y_of(threshold)
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{line_y:.1f}"'
        f' y2="{line_y:.1f}" {THRESHOLD_LINE}/>'
    )
    parts.extend(
        text(LEFT + PLOT_WIDTH * x, TOP + height + 14, label) for x, label in ticks
    )
    return svg(chart, TOP + height + BOTTOM, parts)


def _temperature_legend(names: tuple[str, str, str]) -> str:
    """Return the legend: cramp dot, hollow square of the lowest, dashed threshold."""
    cramp, lowest, threshold = names
    x2 = LEFT + 34 + 6.5 * len(cramp)
    x3 = x2 + 34 + 6.5 * len(lowest)
    return (
        marker("circle", LEFT + 6, 13)
        + text(LEFT + 16, 17.5, cramp, "start")
        + marker("square", x2 + 6, 13, filled=False)
        + text(x2 + 16, 17.5, lowest, "start")
        + f'<line x1="{x3:.1f}" x2="{x3 + 22:.1f}" y1="13" y2="13" {THRESHOLD_LINE}/>'
        + text(x3 + 28, 17.5, threshold, "start")
    )
