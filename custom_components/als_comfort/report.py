"""The clinician report: one printable HTML page made from ``Insights``.

Pure: no Home Assistant import, no script, no external resource (a content
security policy in the page forbids them too). Print it to PDF from the
browser. Each chart is inline SVG readable in black and white, with a table of
the same numbers under it. Every text (the person's name, phrases, labels) is
escaped; episode notes are never shown. The words come from the phrases given
(``report_phrases.REPORT_PHRASES``), so the page is in the user's language.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Final

from .insights import (
    MIN_CALM_NIGHTS,
    MIN_CRAMP_NIGHTS,
    MIN_NIGHT_CRAMPS,
    Insights,
    NoSuggestion,
    ThresholdSuggestion,
)
from .report_phrases import Words
from .report_sections import (
    activity,
    areas,
    hours,
    kinds,
    section,
    severity,
    table,
    temperature,
    weeks,
)
from .report_svg import esc

STYLE: Final = """
body{font:11pt/1.45 system-ui,sans-serif;color:#000;background:#fff;max-width:60rem;margin:1.5rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.15rem;border-bottom:1px solid #000;margin:1.6rem 0 .5rem}
p{margin:.3rem 0}.lead{font-size:.95rem}.note{font-size:.9rem;font-style:italic}
svg.chart{width:100%;height:auto;display:block}svg text{font:11px sans-serif;fill:#000}
table{border-collapse:collapse;font-size:.9rem;margin:.6rem 0}
th,td{border:1px solid #888;padding:.15rem .45rem;text-align:right}th:first-child,td:first-child{text-align:left}
figure{margin:.4rem 0;break-inside:avoid}
@media print{@page{size:A4;margin:14mm}body{margin:0;max-width:none;font-size:10pt}
h2{break-after:avoid}thead{display:table-header-group}tr{break-inside:avoid}}
"""
POLICY: Final = "default-src 'none'; style-src 'unsafe-inline'"


def render_report(
    insights: Insights,
    phrases: Mapping[str, str],
    *,
    name: str,
    created: datetime,
    language: str = "en",
    temperature_unit: str = "°C",
) -> str:
    """Return the whole report page."""
    words = Words(phrases, temperature_unit)
    title = words("report_title", name=name)
    body = [
        _header(insights, words, title, created),
        _summary(insights, words),
        _suggestion(insights.suggestion, words),
        weeks(insights, words),
        areas(insights, words),
        hours(insights, words),
        temperature(insights, words),
        severity(insights, words),
        activity(insights, words),
    ]
    return (
        f'<!DOCTYPE html><html lang="{esc(language)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{STYLE}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )


def _header(insights: Insights, words: Words, title: str, created: datetime) -> str:
    """Return the title, the period, when it was made and what it is."""
    last_day = (insights.end - insights.end.resolution).date()
    period = words("report_period", start=insights.start.date(), end=last_day)
    made = words(
        "report_created", date=f"{created:%Y-%m-%d %H:%M}", zone=insights.start.tzinfo
    )
    return (
        f"<header><h1>{esc(title)}</h1><p><strong>{esc(period)}</strong></p>"
        f'<p class="note">{esc(made)}</p>'
        f'<p class="lead">{esc(words("report_disclaimer"))}</p></header>'
    )


def _summary(insights: Insights, words: Words) -> str:
    """Return the totals; an empty period says so plainly."""
    title = words("report_summary_title")
    if not sum(insights.totals) and not insights.activities:
        return section(
            "summary", title, f"<p><strong>{esc(words('report_empty'))}</strong></p>"
        )
    body: list[Sequence[object]] = [
        *zip(kinds(words), insights.totals, strict=True),
        (words("report_cramp_nights"), len(insights.cramp_nights)),
        (words("report_nights"), insights.nights),
        (words("report_activities"), insights.activities),
    ]
    return section("summary", title, table(("", words("report_total")), body))


def _suggestion(suggestion: ThresholdSuggestion, words: Words) -> str:
    """Return the threshold suggestion, or why there is none, with its numbers."""
    temp = words.temperature
    current = temp(suggestion.current)
    if suggestion.value is not None:
        said = [
            words("report_suggested", value=temp(suggestion.value), current=current)
        ]
        if suggestion.capped:
            said.append(words("report_suggestion_capped"))
    else:
        reason = suggestion.reason or NoSuggestion.UNCLEAR
        said = [
            words(
                f"report_no_suggestion_{reason}",
                needed=MIN_NIGHT_CRAMPS,
                nights_needed=MIN_CRAMP_NIGHTS,
                calm_needed=MIN_CALM_NIGHTS,
                cramps=suggestion.night_cramps,
                nights=suggestion.cramp_nights,
                calm=suggestion.calm_nights,
                current=current,
            )
        ]
    if suggestion.test is not None:
        said.append(
            words(
                "report_suggestion_numbers",
                cramp_nights=suggestion.cramp_nights,
                cramp_median=temp(suggestion.cramp_median),
                calm_nights=suggestion.calm_nights,
                calm_median=temp(suggestion.calm_median),
                u=words.number(suggestion.test.u),
                p=words.p_value(suggestion.test.p_value),
            )
        )
    said.append(words("report_suggestion_how"))
    content = "".join(f"<p>{esc(line)}</p>" for line in said)
    return section("suggestion", words("report_suggestion_title"), content)
