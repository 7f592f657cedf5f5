"""The personal cold-threshold suggestion (SPEC §14), shown as a repair issue.

The rule is `insights_threshold.py`'s, applied to the last 28 days (the
report's default period, so the report shows the same numbers). While it
suggests a value, a fixable repair issue says which, with the numbers behind
it; its fix flow (`repairs.py`) applies it only when a person confirms.
Without a suggestion there is no issue. It is worked out when the person's
entry has started (and Home Assistant too), after each logged episode (at most
once a minute) and once a day at noon, when the night's calm has become a
calm night. Never polled, never applied by itself.
"""

from __future__ import annotations

from typing import Any, Final

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.debounce import Debouncer
from homeassistant.helpers.event import async_track_time_change
from homeassistant.helpers.start import async_at_started
from homeassistant.util import dt as dt_util

from .announce import async_hear
from .const import DOMAIN, EVENT_EPISODE_LOGGED, LOGGER
from .insights import DEFAULT_PERIOD_DAYS, ThresholdSuggestion, default_period
from .log_insights import async_insights
from .report_phrases import Words
from .runtime import AlsComfortConfigEntry

ISSUE: Final = "threshold_suggestion"
# Several episodes logged in a row are weighed once.
COOLDOWN_S: Final = 60
# Noon: every night window of the default settings has closed.
DAILY_HOUR: Final = 12


def issue_id(entry_id: str) -> str:
    """Return the id of one person's threshold suggestion issue."""
    return f"{ISSUE}_{entry_id}"


async def async_setup_suggestion(
    hass: HomeAssistant, entry: AlsComfortConfigEntry
) -> None:
    """Weigh the suggestion once started, after logged episodes and daily."""

    async def _weigh_now() -> None:
        await async_weigh_suggestion(hass, entry)

    debouncer = Debouncer(
        hass,
        LOGGER,
        cooldown=COOLDOWN_S,
        immediate=True,
        function=_weigh_now,
        background=True,
    )
    entry.async_on_unload(debouncer.async_shutdown)

    @callback
    def _weigh(*_: Any) -> None:
        debouncer.async_schedule_call()

    entry.async_on_unload(
        async_hear(hass, entry.entry_id, EVENT_EPISODE_LOGGED, _weigh)
    )
    entry.async_on_unload(
        async_track_time_change(hass, _weigh, hour=DAILY_HOUR, minute=0, second=0)
    )
    entry.async_on_unload(async_at_started(hass, _weigh))


async def async_weigh_suggestion(
    hass: HomeAssistant, entry: AlsComfortConfigEntry
) -> None:
    """Raise, update or remove the person's suggestion issue."""
    now = dt_util.now()
    start, end = default_period(now, dt_util.get_default_time_zone())
    snapshot = entry.runtime_data.coordinator.data
    # Tonight is no calm night yet: its lows wait for its end.
    until = snapshot.window_opens if snapshot.night_window else now
    insights = await async_insights(hass, entry, start, end, lows_until=until)
    suggestion = insights.suggestion
    if entry.state not in (ConfigEntryState.LOADED, ConfigEntryState.SETUP_IN_PROGRESS):
        return  # unloaded or removed meanwhile: its issue is not to come back
    if suggestion.value is None:
        ir.async_delete_issue(hass, DOMAIN, issue_id(entry.entry_id))
        return
    ir.async_create_issue(
        hass,
        DOMAIN,
        issue_id(entry.entry_id),
        is_fixable=True,
        severity=ir.IssueSeverity.WARNING,
        translation_key=ISSUE,
        translation_placeholders=_placeholders(
            suggestion,
            entry.runtime_data.person.name,
            str(hass.config.units.temperature_unit),
        ),
        data={"entry_id": entry.entry_id, "value": suggestion.value},
    )


def _placeholders(
    suggestion: ThresholdSuggestion, name: str, unit: str
) -> dict[str, str]:
    """Return the numbers behind a suggestion, as the issue shows them."""
    words = Words({}, unit)
    temp = words.temperature
    test = suggestion.test
    return {
        "name": name,
        "value": temp(suggestion.value),
        "current": temp(suggestion.current),
        "days": str(DEFAULT_PERIOD_DAYS),
        "cramps": str(suggestion.night_cramps),
        "cramp_nights": str(suggestion.cramp_nights),
        "cramp_median": temp(suggestion.cramp_median),
        "calm_nights": str(suggestion.calm_nights),
        "calm_median": temp(suggestion.calm_median),
        "p": words.p_value(test.p_value) if test else "",
    }


@callback
def async_remove_suggestion(hass: HomeAssistant, entry_id: str) -> None:
    """Forget a deleted person's suggestion."""
    ir.async_delete_issue(hass, DOMAIN, issue_id(entry_id))


def suggested(data: dict[str, Any] | None) -> tuple[str, float] | None:
    """Return the person and the value an issue's data suggests, if well formed."""
    data = data or {}
    entry_id, value = data.get("entry_id"), data.get("value")
    if isinstance(entry_id, str) and isinstance(value, int | float):
        return entry_id, float(value)
    return None
