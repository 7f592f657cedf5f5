"""Diagnostics: how a person's entry is set up and doing, without health details.

A diagnostics file is shared to get help, so it holds nothing of the person's
health or day (SPEC §11): the person's name, bedtime and wake time and the
caregivers' notify targets are redacted; of the snapshot only the verdicts and
their thresholds are shown, never an episode, when one happened or when the
person last moved; the log is summarised by counts, never listed or dated.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any, Final

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant

from .const import CONF_BEDTIME, CONF_CAREGIVERS, CONF_WAKE_TIME
from .runtime import AlsComfortConfigEntry

TO_REDACT: Final = {
    CONF_NAME,
    CONF_CAREGIVERS,
    CONF_BEDTIME,
    CONF_WAKE_TIME,
    "title",
    "unique_id",
}
# The snapshot's verdicts; the rest (episodes, their times, when the person
# sleeps or last moved) is health detail. A new snapshot field stays out until
# added here.
SHOWN: Final = (
    "level",
    "score",
    "reasons",
    "cold_room",
    "night_window",
    "exertion_percent",
    "overexertion",
    "cramp_cluster",
    "long_stillness",
    "counts_24h",
    "temperature_c",
    "cold_threshold_c",
    "clears_above_c",
)


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: AlsComfortConfigEntry
) -> dict[str, Any]:
    """Return the entry's settings, current verdict and a summary of its log."""
    runtime = entry.runtime_data
    log = runtime.coordinator.log
    snapshot = runtime.coordinator.data
    return {
        "entry": async_redact_data(entry.as_dict(), TO_REDACT),
        "switches": dict(runtime.switches),
        "snapshot": _verdicts(asdict(snapshot)) if snapshot else None,
        "log": {
            "episodes_by_kind": dict(Counter(item["kind"] for item in log.episodes)),
            "activities": len(log.activities),
            "repositionings": len(log.repositionings),
        },
    }


def _verdicts(snapshot: dict[str, Any]) -> dict[str, Any]:
    """Return the snapshot's verdicts only."""
    return {key: snapshot[key] for key in SHOWN}
