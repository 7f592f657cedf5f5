"""Diagnostics: how a person's entry is set up and doing, without health details.

The person's name, free-text notes and caregivers' notify targets are redacted;
the log is summarised by counts, never listed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any, Final

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant

from .const import CONF_CAREGIVERS
from .runtime import AlsComfortConfigEntry

TO_REDACT: Final = {CONF_NAME, CONF_CAREGIVERS, "title", "unique_id", "note"}
# Snapshot fields left out: the log's episodes and when the person sleeps,
# cramped or last moved.
NOT_SHOWN: Final = frozenset(
    {
        "recent_episodes",
        "last_cramp",
        "window_opens",
        "bedtime",
        "window_closes",
        "last_movement",
    }
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
        "snapshot": async_redact_data(_verdict(asdict(snapshot)), TO_REDACT)
        if snapshot
        else None,
        "log": {
            "episodes_by_kind": dict(Counter(item["kind"] for item in log.episodes)),
            "activities": len(log.activities),
            "repositionings": len(log.repositionings),
            "first": min(
                (item["when"] for item in log.episodes + log.activities), default=None
            ),
        },
    }


def _verdict(snapshot: dict[str, Any]) -> dict[str, Any]:
    """Return the snapshot without the log's episodes and the person's times."""
    return {key: value for key, value in snapshot.items() if key not in NOT_SHOWN}
