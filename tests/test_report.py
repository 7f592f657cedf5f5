"""Tests of the clinician report page: well-formed, safe, printable, translated.

The page is parsed with the standard library's HTML parser; charts are
counted and checked for what a black-and-white printer and a screen reader
need. The phrases come from the shipped translation files.
"""

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
import json
from pathlib import Path
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bench.yearlog import year_log
from custom_components.als_comfort.const import BODY_AREAS, DOMAIN, EPISODE_KINDS
from custom_components.als_comfort.insights import (
    Insights,
    InsightsRequest,
    NightLow,
    NoSuggestion,
    RankTest,
    ThresholdSuggestion,
    analyse,
    default_period,
)
from custom_components.als_comfort.report import render_report
from custom_components.als_comfort.report_phrases import REPORT_PHRASES, report_phrases
from custom_components.als_comfort.risk import RiskSettings

INTEGRATION = (
    Path(__file__).resolve().parent.parent / "custom_components" / "als_comfort"
)
LANGUAGES = ("en", "de", "fr", "es", "nl")
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
CREATED = NOW.astimezone(LONDON)
CHARTS = ("weeks", "areas", "hours", "temperature", "severity", "activity")
VOID = {"meta", "br", "hr", "img", "input", "link"}
HOSTILE = "Diane <script>alert('x')</script> & \"Co\""
NOTE = "SECRET-NOTE-never-in-the-report"


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations() -> None:
    """Override the package-wide fixture: the report needs no Home Assistant."""


def phrases(language: str) -> dict[str, str]:
    """Return the report phrases of a shipped language, as Home Assistant gives them."""
    data = json.loads(
        (INTEGRATION / "translations" / f"{language}.json").read_text(encoding="utf-8")
    )
    flat = {
        f"component.{DOMAIN}.common.{key}": value
        for key, value in data["common"].items()
    }
    return report_phrases(flat)


class Page(HTMLParser):
    """Parses a page, checks every element is closed in order, and collects it."""

    def __init__(self, html: str) -> None:
        """Parse the whole page."""
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: Counter[str] = Counter()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.errors: list[str] = []
        self.feed(html)
        self.close()
        if self.stack:
            self.errors.append(f"left open: {self.stack}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element (void elements close themselves)."""
        self.tags[tag] += 1
        self.elements.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A self-closed SVG element."""
        self.tags[tag] += 1
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost element; anything else is malformed."""
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        """Keep the text, with the element it is in."""
        self.texts.append(data)

    @property
    def text(self) -> str:
        """Return all text of the page."""
        return " ".join(self.texts)


def cramp(
    when: datetime, area: str, severity: int | None, temperature: float | None
) -> dict[str, Any]:
    """Return a stored cramp with a note that must never be shown."""
    return {
        "id": str(when.timestamp()),
        "when": when.astimezone(UTC).isoformat(),
        "kind": "cramp",
        "body_area": area,
        "severity": severity,
        "note": NOTE,
        "conditions": {"temperature_c": temperature, "night_window": True},
    }


def month_log() -> tuple[dict[str, list[dict[str, Any]]], tuple[NightLow, ...]]:
    """Return four weeks with night cramps, spasticity, activity and night lows."""
    episodes, lows, activities = [], [], []
    for day in range(28):
        evening = datetime(2026, 10, 29, 23, tzinfo=LONDON) + timedelta(days=day)
        cold = day % 3 == 0
        low = 16.0 + day % 5 / 10 if cold else 20.0 + day % 4 / 10
        lows.append(NightLow(night=evening.date(), lowest_c=low))
        if cold:
            episodes.append(cramp(evening, "calf", 6 + day % 4, low + 0.4))
            episodes.append(cramp(evening + timedelta(hours=3), "foot", None, None))
        episodes.append(
            cramp(evening - timedelta(hours=8), "hand", 3, 21.0)
            | {"kind": "spasticity"}
        )
        activities.append(
            {
                "when": (evening - timedelta(hours=10)).isoformat(),
                "minutes": 30,
                "load": 30,
            }
        )
    return {"episodes": episodes, "activities": activities}, tuple(lows)


def insights_of(
    log: dict[str, list[dict[str, Any]]],
    lows: tuple[NightLow, ...] = (),
    days: int = 28,
    settings: RiskSettings | None = None,
) -> Insights:
    """Analyse the log over the last `days` days before NOW."""
    start, end = default_period(NOW, LONDON, days)
    return analyse(
        log,
        InsightsRequest(
            start=start,
            end=end,
            zone=LONDON,
            settings=settings or RiskSettings(),
            night_lows=lows,
        ),
    )


def render(insights: Insights, language: str = "en", **options: Any) -> str:
    """Render the report with a language's phrases."""
    return render_report(
        insights,
        phrases(language),
        name=options.pop("name", "Diane"),
        created=CREATED,
        language=language,
        **options,
    )


def charts(page: Page) -> list[dict[str, str | None]]:
    """Return the attributes of every chart."""
    return [attrs for tag, attrs in page.elements if tag == "svg"]


@pytest.fixture(name="month")
def month_fixture() -> Insights:
    """Four weeks of log."""
    return insights_of(*month_log())


def test_a_month_renders_one_chart_per_section(month: Insights) -> None:
    """Well-formed; an accessible SVG in each of the six chart sections."""
    html = render(month)
    assert html.startswith("<!DOCTYPE html>")
    page = Page(html)
    assert page.errors == []
    assert page.tags["svg"] == len(CHARTS)
    assert page.tags["title"] == 1 + len(CHARTS)  # the page's, and each chart's
    sections = [attrs["id"] for tag, attrs in page.elements if tag == "section"]
    assert sections == ["summary", "suggestion", *CHARTS]
    for attrs in charts(page):
        assert attrs["role"] == "img"
        assert attrs["aria-label"]
        assert attrs["viewbox"]
    # A table of the same numbers under every chart, plus the summary table.
    assert page.tags["table"] == len(CHARTS) + 1
    assert "Diane" in page.text
    assert "2026-10-29 to 2026-11-25" in page.text


def test_no_script_no_outside_resource_and_no_notes(month: Insights) -> None:
    """Nothing runs, nothing loads from elsewhere, no note leaves the log."""
    html = render(month)
    page = Page(html)
    assert page.tags["script"] == 0
    assert not any(
        name.startswith("on") for _, attrs in page.elements for name in attrs
    )
    assert not any(
        attrs.get(name, "")
        and re.match(r"\s*(https?:|//|javascript:)", attrs[name] or "")
        for _, attrs in page.elements
        for name in ("href", "src", "xlink:href")
    )
    assert "url(http" not in html
    assert NOTE not in html
    policy = [
        attrs
        for tag, attrs in page.elements
        if tag == "meta" and attrs.get("http-equiv")
    ]
    assert policy[0]["content"] == "default-src 'none'; style-src 'unsafe-inline'"


def test_readable_in_black_and_white(month: Insights) -> None:
    """Only black, white and grey; kinds differ by pattern, lines by dash."""
    html = render(month)
    page = Page(html)
    paints = {
        attrs[name]
        for tag, attrs in page.elements
        for name in ("fill", "stroke")
        if attrs.get(name) and not (attrs[name] or "").startswith("url(#")
    }
    assert paints <= {"#000", "#fff", "#999", "none"}
    for key in ("weeks", "areas", "hours"):
        assert f'fill="url(#{key}-p1)"' in html  # hatched: spasticity
    patterns = [attrs["id"] for tag, attrs in page.elements if tag == "pattern"]
    assert len(patterns) == len(set(patterns)), "pattern ids must be unique"
    assert 'stroke-dasharray="6 4"' in html  # the highest severity, dashed
    assert 'stroke-dasharray="8 4"' in html  # the cold threshold, dashed
    assert "@media print" in html


def test_a_hostile_name_and_phrase_are_escaped(month: Insights) -> None:
    """Markup in the person's name or a translation is shown, never run."""
    evil = phrases("en") | {"report_summary_title": "<img src=x onerror=alert(1)>"}
    html = render_report(month, evil, name=HOSTILE, created=CREATED)
    page = Page(html)
    assert page.errors == []
    assert page.tags["script"] == 0
    assert page.tags["img"] == 0
    assert f"Symptom report: {HOSTILE}" in page.text
    assert "<img src=x onerror=alert(1)>" in page.text
    assert "&lt;script&gt;" in html


def test_an_empty_log_still_makes_a_clear_page() -> None:
    """No entries: the page says so, with the period, and draws no empty chart."""
    html = render(insights_of({}))
    page = Page(html)
    assert page.errors == []
    assert page.tags["svg"] == 0
    assert "Nothing was logged in this period." in page.text
    assert "2026-10-29 to 2026-11-25" in page.text
    assert page.text.count("Nothing to show for this period.") == len(CHARTS)
    assert "No suggestion yet" in page.text


def test_a_one_year_log_renders() -> None:
    """365 days x 30 entries: every chart, still well-formed."""
    insights = insights_of(year_log(NOW), days=365)
    assert sum(insights.totals) > 5000
    page = Page(render(insights))
    assert page.errors == []
    assert page.tags["svg"] == len(CHARTS)
    assert "2025-11-26 to 2026-11-25" in page.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_fills_every_phrase(language: str, month: Insights) -> None:
    """No key shown instead of words, no placeholder left unfilled."""
    assert set(phrases(language)) == set(REPORT_PHRASES)
    text = Page(render(month, language)).text
    assert "report_" not in text
    assert not re.search(r"\{\w+\}", text)


def test_phrase_keys_are_exactly_the_report_keys_of_strings_json() -> None:
    """The one constant the Home Assistant glue loads matches strings.json."""
    strings = json.loads((INTEGRATION / "strings.json").read_text(encoding="utf-8"))
    shipped = {key for key in strings["common"] if key.startswith("report_")}
    assert shipped == set(REPORT_PHRASES)
    assert {f"report_kind_{kind}" for kind in EPISODE_KINDS} <= shipped
    assert {f"report_area_{area}" for area in BODY_AREAS} <= shipped


def test_german_page_writes_decimal_commas(month: Insights) -> None:
    """The language decides the decimal mark; the page says which language."""
    html = render(month, "de")
    page = Page(html)
    assert '<html lang="de">' in html
    assert "19,0 °C" in page.text
    assert "Wade" in page.text
    assert "19.0 °C" not in page.text


def test_fahrenheit_users_read_fahrenheit(month: Insights) -> None:
    """Temperatures are converted for the unit the user sees."""
    text = Page(render(month, temperature_unit="°F")).text
    assert "66.2 °F" in text  # the 19 °C threshold
    assert "°C" not in text


def test_missing_or_broken_phrases_still_render(month: Insights) -> None:
    """A missing phrase shows its key; a broken placeholder shows the raw text."""
    broken = phrases("en") | {"report_title": "Report {nobody}"}
    del broken["report_weeks_title"]
    page = Page(render_report(month, broken, name="Diane", created=CREATED))
    assert page.errors == []
    assert "Report {nobody}" in page.text
    assert "report_weeks_title" in page.text


def suggestion_text(insights: Insights) -> str:
    """Return the words of the suggestion section."""
    html = render(insights)
    section = html[
        html.index('<section id="suggestion">') : html.index('<section id="weeks">')
    ]
    return Page(section).text


def test_the_suggestion_shows_its_numbers() -> None:
    """A clear log: the suggested value, the current one and the statistics."""
    log: dict[str, list[dict[str, Any]]] = {"episodes": [], "activities": []}
    lows = []
    for day in range(28):
        evening = datetime(2026, 10, 29, 23, tzinfo=LONDON) + timedelta(days=day)
        if day < 12:
            log["episodes"].append(cramp(evening, "calf", 5, 19.0 + day / 10))
            lows.append(NightLow(night=evening.date(), lowest_c=18.5))
        else:
            lows.append(NightLow(night=evening.date(), lowest_c=21.5 + day / 20))
    insights = insights_of(log, tuple(lows), settings=RiskSettings(comfort_setpoint=23))
    assert insights.suggestion.value == 21.0
    text = suggestion_text(insights)
    assert "a personal cold threshold of 21.0 °C instead of 19.0 °C" in text
    assert "median 19.6 °C" in text  # 19.55 to one decimal
    assert "16 nights without cramps" in text
    assert "Mann-Whitney U = 0.0, p < 0.001" in text
    assert "kept low enough" not in text
    capped = insights_of(log, tuple(lows))
    assert capped.suggestion.value == 20.0
    assert "kept low enough" in suggestion_text(capped)


def test_every_reason_for_no_suggestion_has_words(month: Insights) -> None:
    """Each reason reads as a sentence, with the numbers it needs."""
    numbers = ThresholdSuggestion(
        reason=None, current=19.0, night_cramps=7, cramp_nights=4, calm_nights=3
    )
    said = {
        reason: suggestion_text(
            replace(month, suggestion=replace(numbers, reason=reason))
        )
        for reason in NoSuggestion
    }
    assert "(7 on 4 so far)" in said[NoSuggestion.TOO_FEW_CRAMPS]
    assert "(3 so far)" in said[NoSuggestion.TOO_FEW_CALM_NIGHTS]
    assert "not clearly colder" in said[NoSuggestion.NOT_COLDER]
    assert "not clear enough" in said[NoSuggestion.UNCLEAR]
    assert (
        "agrees with the current cold threshold of 19.0 °C"
        in said[NoSuggestion.SAME_AS_CURRENT]
    )
    assert "never suggested" in said[NoSuggestion.BELOW_CURRENT]
    assert all("a person decides" in text for text in said.values())


def test_the_month_in_numbers(month: Insights) -> None:
    """The summary table carries the log's numbers: what a screen reader reads."""
    text = Page(render(month)).text
    # Ten cold nights, two cramps each; the last night's 02:00 cramp is after
    # the period.
    assert month.totals == (19, 28, 0)
    assert "Cramps 19" in text
    assert "Spasticity 28" in text
    assert "Nights with cramps 10" in text
    assert "Night windows in the period 29" in text
    assert "Logged activities 28" in text
    assert "2026-10-29 16.0 °C 23:00 16.4 °C, 02:00 \N{EN DASH}" in text


def test_an_unclear_difference_shows_its_p_value(month: Insights) -> None:
    """Above 0.001 the p-value is written out, to three decimals."""
    unclear = replace(
        month.suggestion,
        reason=NoSuggestion.UNCLEAR,
        test=RankTest(u=34.0, z=-1.17, p_value=0.1207, effect=0.66),
    )
    text = suggestion_text(replace(month, suggestion=unclear))
    assert "Mann-Whitney U = 34.0, p = 0.121." in text
    assert "not clear enough" in text
