"""The printed table: figures, ratios against the targets, and where time goes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
import statistics
from typing import Final

from .clinician import ClinicianResults, clinician_lines
from .measure import Crossing, Runs
from .profiling import Cost
from .sessions import IntegrationResults, YamlResults, YearResults

TARGET_B_OVER_A: Final = 1.3
TARGET_C_OVER_B: Final = 5.0
TARGET_LOG_LOAD_MS: Final = 200.0
NO_COMFORTS: Final = "n/a (comforts not merged yet)"
SCENARIO_NAMES: Final = {
    "A": "bare Home Assistant, nothing listening (the floor)",
    "A1": "A + one state listener that does nothing",
    "B": "ALS Comfort, one person, empty log",
    "C": "YAML build (bench/yaml/als_comfort_package.yaml)",
}


@dataclass(kw_only=True)
class Report:
    """Everything one run measured."""

    machine: list[str]
    updates: int
    readings: str
    cpu: dict[str, Runs]
    # A, A1 and B fed only readings that leave every outcome as it is.
    quiet_cpu: dict[str, Runs]
    # Every scenario with each reading settled (async_block_till_done) before the next.
    settled: dict[str, Runs]
    settled_updates: int
    integration: IntegrationResults
    yaml: YamlResults
    year: YearResults
    year_updates: int
    clinician: ClinicianResults | None = None


def _ms(values: Sequence[float]) -> str:
    """Format the median and max of millisecond timings."""
    return f"median {statistics.median(values):.1f} ms, max {max(values):.1f} ms"


def _verdict(ratio: float, target: float, *, at_most: bool) -> str:
    """Say whether a ratio meets its target."""
    met = ratio <= target if at_most else ratio >= target
    sign = "<=" if at_most else ">="
    return f"target {sign} {target:g}: {'met' if met else 'MISSED'}"


def _cpu_table(report: Report) -> list[str]:
    """Per-update cost of every scenario and the ratios."""
    cpu, floor = report.cpu, report.cpu["A"].cpu
    samples = len(cpu["A"].cpu_us)
    lines = [
        f"1. Cost per thermometer update: {report.updates:,} readings ({report.readings}),",
        f"   median of {samples} timed runs, scenarios interleaved; process CPU time.",
        (
            f"   {'scenario':<58}{'CPU us':>9}{'best us':>9}{'wall us':>9}"
            f"{'spread':>8}{'x A':>8}"
        ),
    ]
    for name, label in SCENARIO_NAMES.items():
        runs = cpu[name]
        lines.append(
            f"   {name:<3}{label:<55}{runs.cpu:>9.1f}{runs.best:>9.1f}{runs.wall:>9.1f}"
            f"{runs.spread:>8.0%}{runs.cpu / floor:>8.2f}"
        )
    year = report.year.cpu
    label = f"B with a one-year log ({report.year_updates:,} readings)"
    lines.append(
        f"   {'':<3}{label:<55}{year.cpu:>9.1f}{year.best:>9.1f}{year.wall:>9.1f}"
        f"{year.spread:>8.0%}{year.cpu / floor:>8.2f}"
    )
    b, c = cpu["B"].cpu, cpu["C"].cpu
    lines += [
        (
            f"   B/A = {b / floor:.2f} ({_verdict(b / floor, TARGET_B_OVER_A, at_most=True)})"
            f"    C/B = {c / b:.2f} ({_verdict(c / b, TARGET_C_OVER_B, at_most=False)})"
        ),
        (
            f"   by the best runs: B/A = {cpu['B'].best / cpu['A'].best:.2f},"
            f" C/B = {cpu['C'].best / cpu['B'].best:.2f}"
        ),
        (
            f"   A1/A = {cpu['A1'].cpu / floor:.2f}: what any state listener costs"
            " (Home Assistant builds the Event and dispatches it)"
        ),
        _quiet_line(report.quiet_cpu, report.updates),
        *_settled_lines(report.settled, report.settled_updates),
        "   listeners on state_changed: "
        + ", ".join(f"{name} {runs.state_listeners}" for name, runs in cpu.items())
        + " (one is Home Assistant's per-entity dispatcher)",
    ]
    return lines


def _quiet_line(quiet: dict[str, Runs], updates: int) -> str:
    """The ratios when no reading changes an outcome (no crossing, no comfort)."""
    a, a1, b = quiet["A"].cpu, quiet["A1"].cpu, quiet["B"].cpu
    return (
        f"   {updates:,} readings that change nothing (17.0-18.6 °C only):"
        f" A {a:.1f} us, A1/A = {a1 / a:.2f}, B/A = {b / a:.2f}"
        " (the rest of B/A above is the work done at the crossings)"
    )


def _settled_lines(settled: dict[str, Runs], updates: int) -> list[str]:
    """Wall time per reading when each is settled before the next: what users feel."""
    a, a1, b, c = (settled[name].wall for name in ("A", "A1", "B", "C"))
    ratio = b / a
    return [
        (
            f"   wall time per reading, each settled with async_block_till_done"
            f" ({updates:,} readings):"
        ),
        (
            f"     A {a:.1f} us, A1 {a1:.1f} us, B {b:.1f} us, C {c:.1f} us:"
            f" B/A = {ratio:.2f} ({_verdict(ratio, TARGET_B_OVER_A, at_most=True)}),"
            f" C/B = {c / b:.2f}, A1/A = {a1 / a:.2f}"
        ),
    ]


def _latency_line(name: str, crossings: list[Crossing | None] | None) -> str:
    """Summarise the crossings of one build."""
    if crossings is None:
        return f"   {name:<14}{NO_COMFORTS}"
    made = [crossing for crossing in crossings if crossing is not None]
    if not made:
        return f"   {name:<14}no call in {len(crossings)} crossings"
    latency = [crossing.latency_us / 1000 for crossing in made]
    same_pass = sum(crossing.loop_passes == 0 for crossing in made)
    inside = sum(crossing.synchronous for crossing in made)
    passes = statistics.median(crossing.loop_passes for crossing in made)
    return (
        f"   {name:<14}{statistics.median(latency):>8.2f}{max(latency):>9.2f}"
        f"{f'{same_pass}/{len(crossings)}':>12}{f'{inside}/{len(crossings)}':>12}"
        f"{passes:>12.0f}"
    )


def _writes_before(crossings: list[Crossing | None] | None) -> str:
    """Say which storage writes finished between the reading and the call."""
    made = [crossing for crossing in crossings or [] if crossing is not None]
    if not made:
        return "none measured"
    counts = sorted(len(crossing.writes_before) for crossing in made)
    files = sorted({key for crossing in made for key in crossing.writes_before})
    return (
        f"{counts[0]} to {counts[-1]} per crossing (median {statistics.median(counts):g})"
        + (f": {', '.join(files)}" if files else "")
    )


def _latency_table(report: Report) -> list[str]:
    """Threshold-to-call latency of both builds."""
    crossings = len(report.yaml.latency)
    return [
        (
            f"2. Cold crossing to climate.set_temperature: {crossings} crossings"
            " (20.5 -> 18.4 °C, night window open)"
        ),
        (
            f"   {'build':<14}{'med ms':>8}{'max ms':>9}{'same pass':>12}"
            f"{'in write':>12}{'passes':>12}"
        ),
        _latency_line("ALS Comfort", report.integration.latency),
        _latency_line("YAML build", report.yaml.latency),
        (
            "   same pass: no event-loop pass (so no timer, no executor job) between the"
            " reading and the call;"
        ),
        "   in write: the call was made before hass.states.async_set returned.",
        (
            "   storage writes finished between reading and call: ALS Comfort "
            f"{_writes_before(report.integration.latency)}; YAML build "
            f"{_writes_before(report.yaml.latency)}"
        ),
        (
            f"   one atomic Store write of a comfort-sized state: "
            f"{_ms(report.integration.store_write_ms)}"
        ),
    ]


def _writes(writes: dict[str, int], per: int) -> str:
    """Format a count of writes per 1,000 readings, with the entities that wrote."""
    total = sum(writes.values()) * 1000 / per
    detail = ", ".join(f"{entity}: {count}" for entity, count in sorted(writes.items()))
    return f"{total:.0f}" + (f" ({detail})" if detail else "")


def _writes_table(report: Report, quiet: int) -> list[str]:
    """State writes during readings that do not change any outcome."""
    return [
        (
            f"3. State writes per 1,000 readings that change no outcome "
            f"({quiet:,} readings at 17.0-18.6 °C after settling cold):"
        ),
        f"   B {_writes(report.integration.writes, quiet)}",
        f"   C {_writes(report.yaml.writes, quiet)}",
    ]


def _setup_table(report: Report) -> list[str]:
    """Set-up time and the one-year log."""
    integration, year = report.integration, report.year
    verdict = "met" if max(year.load_ms) <= TARGET_LOG_LOAD_MS else "MISSED"
    return [
        "4. Set-up and storage:",
        (
            f"   async_setup_entry, first set-up (imports the platforms): "
            f"{integration.setup_first_ms:.1f} ms"
        ),
        (
            f"   async_setup_entry, unload and set up again x{len(integration.setup_ms)}: "
            f"{_ms(integration.setup_ms)}"
        ),
        f"   async_setup_entry with the one-year log: {year.setup_ms:.1f} ms",
        f"   YAML build set-up (6 domains): {report.yaml.setup_ms:.1f} ms",
        (
            f"   one-year log: {year.entries:,} entries, {year.log_bytes / 1e6:.2f} MB;"
            f" EpisodeLog.async_load x{len(year.load_ms)}: {_ms(year.load_ms)}"
            f" (every load <= {TARGET_LOG_LOAD_MS:g} ms: {verdict})"
        ),
        (
            f"   one recompute with the one-year log (assess and count; mean of"
            f" {year.recompute_instants} instants over 48 h): {year.recompute_ms:.3f} ms"
        ),
    ]


def _cost_lines(costs: list[Cost]) -> list[str]:
    """Format profiled costs per reading."""
    return [
        f"   {cost.name:<48}{cost.calls_per_reading:>8.2f}{cost.total_us:>10.1f}"
        f"{cost.own_us:>9.1f}"
        for cost in costs
    ]


def _profile_table(report: Report) -> list[str]:
    """Where the time of B goes."""
    header = f"   {'function':<48}{'calls':>8}{'total us':>10}{'own us':>9}"
    return [
        (
            f"5. Profile of B (cProfile, {report.updates:,} readings; per reading;"
            " cProfile inflates small calls):"
        ),
        header,
        *_cost_lines(report.integration.hot_path),
        "   most time of their own:",
        *_cost_lines(report.integration.top),
        "   with the one-year log:",
        header,
        *_cost_lines(report.year.hot_path),
    ]


def render(report: Report, quiet: int) -> str:
    """Return the whole printed report."""
    sections = [
        report.machine,
        _cpu_table(report),
        _latency_table(report),
        _writes_table(report, quiet),
        _setup_table(report),
        _profile_table(report),
        clinician_lines(report.clinician),
    ]
    return "\n\n".join("\n".join(section) for section in sections)
