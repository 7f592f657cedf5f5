"""Measure what ALS Comfort costs per thermometer update, and print the table.

Run with `scripts/bench` (it sets the environment up first and picks the code
to measure). Everything runs in this one process, on real Home Assistant core:

1. CPU per update of 10,000 noisy readings in four scenarios, each a fresh
   Home Assistant, interleaved over rounds: A bare, A1 one no-op listener,
   B ALS Comfort, C the YAML build of bench/yaml/. Then B with a one-year log.
   Then the wall time per reading with each reading settled
   (`async_block_till_done`) before the next: the figure a user feels.
2. From the reading that makes the room cold in the night window to the
   `climate.set_temperature` call, 100 times, for B and C, counting event-loop
   passes in between.
3. State writes of the entities during readings that change no outcome.
4. Set-up time; loading a one-year log (365 days x 30 entries) from disk, and
   one recompute with it.
5. A cProfile of B: the hot path and the functions with most time of their own.
6. The clinician report of the one-year log: analysis and page (bench/clinician.py).
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import datetime
import itertools
import logging
import os
from pathlib import Path
import platform
import sys
import time
from zoneinfo import ZoneInfo

from homeassistant.const import __version__ as ha_version

import custom_components.als_comfort

from .clinician import clinician_session
from .harness import evening_zone, feed_settled, noisy_values
from .report import Report, render
from .scenarios import SCENARIOS
from .sessions import cpu_rounds, integration_session, yaml_session, year_session

MIN_TIMED_RUNS = 5


def _arguments() -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        prog="scripts/bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--updates", type=int, default=10_000, help="readings per run")
    parser.add_argument(
        "--rounds", type=int, default=5, help="rounds over all scenarios"
    )
    parser.add_argument(
        "--runs", type=int, default=2, help="timed runs per scenario and round"
    )
    parser.add_argument(
        "--crossings", type=int, default=100, help="cold crossings timed"
    )
    parser.add_argument(
        "--settled-updates",
        type=int,
        default=2_000,
        help="readings per run, each settled with async_block_till_done",
    )
    parser.add_argument(
        "--quiet-updates", type=int, default=1000, help="outcome-neutral readings"
    )
    parser.add_argument(
        "--year-updates", type=int, default=500, help="readings per run, one-year log"
    )
    parser.add_argument(
        "--year-runs", type=int, default=5, help="timed runs with the one-year log"
    )
    parser.add_argument(
        "--top", type=int, default=12, help="functions listed by own time"
    )
    parser.add_argument(
        "--report-runs", type=int, default=5, help="timed one-year clinician reports"
    )
    parser.add_argument("--label", default="working tree", help="which code this is")
    parser.add_argument(
        "--verbose", action="store_true", help="show Home Assistant's warnings"
    )
    arguments = parser.parse_args()
    if arguments.rounds * arguments.runs < MIN_TIMED_RUNS:
        parser.error(f"rounds x runs must be at least {MIN_TIMED_RUNS}")
    return arguments


def _cpu_model() -> str:
    """Return the CPU model from /proc/cpuinfo."""
    try:
        with Path("/proc/cpuinfo").open(encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _machine(label: str, load_before: float) -> list[str]:
    """Describe what was measured, and on what."""
    code = Path(custom_components.als_comfort.__file__).parent
    zone = evening_zone()
    return [
        "ALS Comfort benchmark (scripts/bench)",
        (
            f"  Home Assistant {ha_version}, Python {platform.python_version()},"
            f" {os.cpu_count()} cores (nproc), {_cpu_model()}"
        ),
        f"  code under test: {code} ({label})",
        f"  load average (1 min): {load_before:.2f} before, {os.getloadavg()[0]:.2f} after",
        (
            f"  time zone {zone}, local time {datetime.now(ZoneInfo(zone)):%H:%M}:"
            " the default night window (21:30-07:00) is open throughout"
        ),
    ]


def _say(message: str) -> None:
    """Tell the user what is being measured (on stderr, apart from the table)."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


async def _measure(arguments: argparse.Namespace) -> Report:
    """Run every session; return what they measured."""
    load_before = os.getloadavg()[0]
    noisy = noisy_values(arguments.updates)
    quiet = noisy_values(arguments.quiet_updates, warm_tail=0)
    year_block = max(10, arguments.year_updates)
    year = noisy_values(
        arguments.year_updates, block=year_block, warm_tail=year_block // 10
    )
    _say(f"CPU per update: {arguments.rounds} rounds of {', '.join(SCENARIOS)}")
    cpu = await cpu_rounds(noisy, arguments.rounds, arguments.runs)
    _say(f"CPU per update, readings that change nothing: A, A1, B x {arguments.rounds}")
    quiet_cpu = await cpu_rounds(
        noisy_values(arguments.updates, warm_tail=0),
        arguments.rounds,
        arguments.runs,
        scenarios=("A", "A1", "B"),
    )
    _say(f"wall per settled reading: {arguments.rounds} rounds of A, A1, B, C")
    settled = await cpu_rounds(
        noisy_values(arguments.settled_updates),
        arguments.rounds,
        arguments.runs,
        feeder=feed_settled,
    )
    _say("ALS Comfort: writes, profile, crossings, set-up")
    integration = await integration_session(
        quiet=quiet, noisy=noisy, crossings=arguments.crossings, top=arguments.top
    )
    _say("YAML build: writes, crossings")
    yaml = await yaml_session(quiet=quiet, crossings=arguments.crossings)
    _say("one-year log: load, readings, recompute")
    year_results = await year_session(noisy=year, runs=arguments.year_runs)
    _say("clinician report: one-year log, analysis and page")
    clinician = clinician_session(arguments.report_runs)
    return Report(
        machine=_machine(arguments.label, load_before),
        updates=arguments.updates,
        readings=_describe(noisy),
        cpu=cpu,
        quiet_cpu=quiet_cpu,
        settled=settled,
        settled_updates=arguments.settled_updates,
        integration=integration,
        yaml=yaml,
        year=year_results,
        year_updates=arguments.year_updates,
        clinician=clinician,
    )


def _describe(values: list[str]) -> str:
    """Describe a reading sequence: how many on each side, how many crossings."""
    cold = sum(float(value) < 19 for value in values)
    crossings = sum(
        (float(before) < 19) != (float(after) < 19)
        for before, after in itertools.pairwise(values)
    )
    return (
        f"{cold:,} at 17.0-18.6 °C, {len(values) - cold:,} at 20.0-21.6 °C,"
        f" {crossings} crossings"
    )


def main() -> None:
    """Measure and print the table."""
    arguments = _arguments()
    logging.basicConfig(
        level=logging.WARNING if arguments.verbose else logging.ERROR,
        format="[bench] %(levelname)s %(name)s: %(message)s",
    )
    started = time.perf_counter()
    report = asyncio.run(_measure(arguments))
    print(render(report, arguments.quiet_updates))
    print(f"\n(measured in {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
