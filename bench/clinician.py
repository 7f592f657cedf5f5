"""Time the clinician report of a one-year log: the analysis and the page.

Part of `scripts/bench` (section 6 of its table); alone it runs with
`.venv/bin/python -m bench.clinician`. The log is bench/yearlog.py's
(365 days x 30 entries) with a lowest room temperature for every night, and
the page is rendered in English from the shipped translation file, as the
report view will do it. Reading the log from disk and the recorder's
statistics are not part of it: the log is in memory once the integration has
loaded it, and the statistics query belongs to the view.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
import gc
import importlib
import json
from pathlib import Path
import random
import statistics
import time
from typing import Any, Final
from zoneinfo import ZoneInfo

from .yearlog import year_log

TARGET_S: Final = 1.0
ZONE: Final = ZoneInfo("Europe/Berlin")
DAYS: Final = 365
PACKAGE: Final = "custom_components.als_comfort"


@dataclass(frozen=True, kw_only=True)
class ClinicianResults:
    """Timings of one-year reports, in milliseconds per run."""

    entries: int
    analyse_ms: tuple[float, ...]
    render_ms: tuple[float, ...]
    cpu_ms: tuple[float, ...]
    page_bytes: int
    charts: int

    @property
    def total_ms(self) -> tuple[float, ...]:
        """Return analysis plus page, run by run."""
        return tuple(
            a + b for a, b in zip(self.analyse_ms, self.render_ms, strict=True)
        )


def _night_lows(insights: Any, now: datetime) -> tuple[Any, ...]:
    """Return a lowest temperature (15-21 °C) for every night of the year."""
    rng = random.Random(5)
    first = (now - timedelta(days=DAYS + 1)).astimezone(ZONE).date()
    return tuple(
        insights.NightLow(
            night=first + timedelta(days=day), lowest_c=round(rng.uniform(15, 21), 1)
        )
        for day in range(DAYS + 2)
    )


def clinician_session(runs: int) -> ClinicianResults | None:
    """Build the one-year report `runs` times (after one warm-up); None if absent."""
    try:
        insights = importlib.import_module(f"{PACKAGE}.insights")
        report = importlib.import_module(f"{PACKAGE}.report")
        phrasing = importlib.import_module(f"{PACKAGE}.report_phrases")
    except ImportError:
        return None
    now = datetime.now(UTC)
    log = year_log(now)
    start, end = insights.default_period(now, ZONE, DAYS)
    request = insights.InsightsRequest(
        start=start, end=end, zone=ZONE, night_lows=_night_lows(insights, now)
    )
    translation = Path(report.__file__).parent / "translations" / "en.json"
    common = json.loads(translation.read_text(encoding="utf-8"))["common"]
    phrases = phrasing.report_phrases(
        {f"component.als_comfort.common.{key}": value for key, value in common.items()}
    )
    analyse_ms: list[float] = []
    render_ms: list[float] = []
    cpu_ms: list[float] = []
    page = ""
    for run in range(runs + 1):
        gc.collect()
        cpu, started = time.process_time(), time.perf_counter()
        result = insights.analyse(log, request)
        analysed = time.perf_counter()
        page = report.render_report(result, phrases, name="Diane", created=now)
        done = time.perf_counter()
        if run:  # the first run warms caches up and is not counted
            analyse_ms.append((analysed - started) * 1000)
            render_ms.append((done - analysed) * 1000)
            cpu_ms.append((time.process_time() - cpu) * 1000)
    return ClinicianResults(
        entries=len(log["episodes"]) + len(log["activities"]),
        analyse_ms=tuple(analyse_ms),
        render_ms=tuple(render_ms),
        cpu_ms=tuple(cpu_ms),
        page_bytes=len(page.encode()),
        charts=page.count("<svg"),
    )


def _ms(values: tuple[float, ...]) -> str:
    """Format the median and max of millisecond timings."""
    return f"median {statistics.median(values):.0f} ms, max {max(values):.0f} ms"


def clinician_lines(results: ClinicianResults | None) -> list[str]:
    """Return section 6 of the printed table."""
    if results is None:
        return ["6. Clinician report: n/a (no insights module in the code measured)"]
    worst = max(results.total_ms) / 1000
    verdict = "met" if worst <= TARGET_S else "MISSED"
    return [
        (
            f"6. Clinician report of a one-year log ({results.entries:,} entries,"
            f" {DAYS} days), {len(results.total_ms)} runs after a warm-up:"
        ),
        f"   analyse (insights):        {_ms(results.analyse_ms)}",
        f"   render_report (HTML, SVG): {_ms(results.render_ms)}",
        (
            f"   both: {_ms(results.total_ms)}; process CPU {_ms(results.cpu_ms)}"
            f" (every run <= {TARGET_S:g} s: {verdict})"
        ),
        f"   page: {results.page_bytes / 1000:.0f} kB, {results.charts} inline SVG charts",
    ]


def main() -> None:
    """Time the report alone and print section 6."""
    parser = argparse.ArgumentParser(prog="python -m bench.clinician")
    parser.add_argument("--runs", type=int, default=5, help="timed runs")
    print("\n".join(clinician_lines(clinician_session(parser.parse_args().runs))))


if __name__ == "__main__":
    main()
