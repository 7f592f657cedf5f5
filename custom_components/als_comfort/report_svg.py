"""SVG building blocks of the report's charts: frame, axes, legends, markers.

Everything drawn is black, white or grey: series differ by fill pattern
(solid, hatched, dotted), line dash and marker shape. Every text is escaped
here; callers pass plain text.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
import math
from typing import Final

WIDTH: Final = 720
LEFT: Final = 46
RIGHT: Final = 12
TOP: Final = 30
BOTTOM: Final = 36
PLOT_WIDTH: Final = WIDTH - LEFT - RIGHT
GRID: Final = 'stroke="#999" stroke-width=".5" stroke-dasharray="2 3"'
OUTLINE: Final = 'stroke="#000" stroke-width=".6"'

Format = Callable[[float], str]


MARKERS: Final = ("circle", "square")
DASHES: Final = ("", ' stroke-dasharray="6 4"')


@dataclass(frozen=True, kw_only=True, slots=True)
class Chart:
    """A chart's id (unique in the page), its title and its accessible label."""

    key: str
    title: str
    label: str


def esc(text: object) -> str:
    """Escape text for HTML and SVG, quotes included."""
    return escape(str(text), quote=True)


def fill(chart: Chart, series: int) -> str:
    """Return the fill of a series: solid black, then hatched, then dotted."""
    return "#000" if series % 3 == 0 else f"url(#{chart.key}-p{series % 3})"


def _patterns(chart: Chart) -> str:
    """Return the hatch and dot patterns of one chart."""
    return (
        f'<defs><pattern id="{chart.key}-p1" width="6" height="6"'
        ' patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#fff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2.4"/>'
        f'</pattern><pattern id="{chart.key}-p2" width="5" height="5"'
        ' patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#fff"/>'
        '<circle cx="2.5" cy="2.5" r="1.3" fill="#000"/></pattern></defs>'
    )


def svg(chart: Chart, height: float, body: Sequence[str]) -> str:
    """Wrap chart elements in an accessible, scalable ``<svg>``."""
    return (
        f'<svg class="chart" role="img" aria-label="{esc(chart.label)}"'
        f' viewBox="0 0 {WIDTH} {height:.0f}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{esc(chart.title)}</title>{_patterns(chart)}{''.join(body)}</svg>"
    )


def text(x: float, y: float, content: object, anchor: str = "middle") -> str:
    """Return a text element."""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{esc(content)}</text>'


def scale(low: float, high: float, whole: bool) -> tuple[float, float, float]:
    """Return (bottom, top, step) of an axis with at most about five steps."""
    span = max(high - low, 1e-9)
    magnitude = 10 ** math.floor(math.log10(span / 5))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude * 5 >= span)
    if whole:
        step = max(1.0, math.ceil(step))
    return math.floor(low / step) * step, max(math.ceil(high / step), 1) * step, step


def y_axis(bottom: float, top: float, step: float, height: float, fmt: Format) -> str:
    """Return the grid lines and labels of a y axis over the plot height."""
    parts = []
    steps = round((top - bottom) / step)
    for index in range(steps + 1):
        value = bottom + index * step
        y = TOP + height - height * index / steps
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" {GRID}/>'
        )
        parts.append(text(LEFT - 5, y + 3.5, fmt(value), "end"))
    return "".join(parts)


def legend(chart: Chart, names: Sequence[str]) -> str:
    """Return a row of pattern swatches with the series names."""
    parts, x = [], float(LEFT)
    for index, name in enumerate(names):
        parts.append(
            f'<rect x="{x:.1f}" y="8" width="14" height="11" fill="{fill(chart, index)}" {OUTLINE}/>'
        )
        parts.append(text(x + 19, 17.5, name, "start"))
        x += 34 + 6.5 * len(name)
    return "".join(parts)


def x_labels(labels: Sequence[str], every: int, baseline: float) -> str:
    """Return every ``every``-th label under its column."""
    slot = PLOT_WIDTH / max(len(labels), 1)
    return "".join(
        text(LEFT + slot * (index + 0.5), baseline + 14, label)
        for index, label in enumerate(labels)
        if index % every == 0
    )


def whole(value: float) -> str:
    """Format an axis count."""
    return f"{value:.0f}"


def marker(shape: str, x: float, y: float, filled: bool = True) -> str:
    """Return a circle or a square marker centred on (x, y)."""
    paint = "#000" if filled else "none"
    if shape == "circle":
        return (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.2" fill="{paint}" stroke="#000"/>'
        )
    return f'<rect x="{x - 3.2:.1f}" y="{y - 3.2:.1f}" width="6.4" height="6.4" fill="{paint}" stroke="#000"/>'


def line_legend(names: Sequence[str]) -> str:
    """Return a legend of line styles with their markers."""
    parts, x = [], float(LEFT)
    for index, name in enumerate(names):
        dash, shape = DASHES[index % 2], MARKERS[index % 2]
        parts.append(
            f'<line x1="{x:.1f}" x2="{x + 22:.1f}" y1="13" y2="13" stroke="#000" stroke-width="1.6"{dash}/>'
        )
        parts.append(marker(shape, x + 11, 13))
        parts.append(text(x + 28, 17.5, name, "start"))
        x += 40 + 6.5 * len(name)
    return "".join(parts)
