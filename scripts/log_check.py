"""Fail when a Home Assistant log holds an error or a warning about ALS Comfort.

    python scripts/log_check.py HOME_ASSISTANT_LOG

A record is a line that starts with Home Assistant's timestamp and level, with the
lines that follow it (a traceback); a log without any is refused. A WARNING, ERROR or CRITICAL record that names
``als_comfort`` anywhere, its traceback included, is printed and fails the check;
the notice Home Assistant logs for every custom integration is expected. Used by
scripts/smoke after each start of the demo.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
import re
import sys

DOMAIN = "als_comfort"
SERIOUS = frozenset({"WARNING", "ERROR", "CRITICAL"})
# "2026-10-30 21:04:05.123 ERROR" (2026.10) or "...05.123+00:00 ERROR" (2026.11).
RECORD_START = re.compile(
    r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:?\d{2}|Z)? "
    r"(?P<level>[A-Z]+) "
)
# Logged for every custom integration, once per start; not a fault of ours.
CUSTOM_INTEGRATION_NOTICE = re.compile(
    rf"We found a custom integration {DOMAIN} which has not been tested by Home Assistant"
)


def records(lines: list[str]) -> Iterator[tuple[str, str]]:
    """Yield (level, text) for each record; text joins its continuation lines."""
    level, text = "", ""
    for line in lines:
        if match := RECORD_START.match(line):
            if text:
                yield level, text
            level, text = match["level"], line
        else:
            text += line
    if text:
        yield level, text


def problems(lines: list[str]) -> list[str]:
    """Return the serious records that name ALS Comfort, less the expected notice."""
    return [
        text
        for level, text in records(lines)
        if level in SERIOUS
        and DOMAIN in text
        and not CUSTOM_INTEGRATION_NOTICE.search(text)
    ]


def main() -> int:
    """Print the offending records of the log named on the command line."""
    if len(sys.argv) != 2:
        print(__doc__.splitlines()[2].strip(), file=sys.stderr)
        return 2
    path = Path(sys.argv[1])
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)
    if not any(RECORD_START.match(line) for line in lines):
        # An empty log or a new format: nothing here could prove the run clean.
        print(f"[log] {path.name}: no Home Assistant log record recognised")
        return 1
    found = problems(lines)
    for text in found:
        print(f"[log] {text.rstrip()}")
    print(f"[log] {path.name}: {len(found)} error or warning record(s) about {DOMAIN}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
