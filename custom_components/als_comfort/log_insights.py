"""The insights of a loaded person: their log and their room's recorded lows.

The lowest room temperature of each night comes from the recorder: the hourly
long-term statistics (minimum, in °C) of the bedroom thermometer, and for the
hours they do not cover yet (the current hour, or a thermometer without a state
class) its recorded states. Without the recorder there are no lows: the report
says so in its chart and the threshold suggestion waits for calm nights.
Queries run in the recorder's executor and the analysis in Home Assistant's,
never in the event loop.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, Final

from homeassistant.components.recorder.history import state_changes_during_period
from homeassistant.components.recorder.statistics import statistics_during_period
from homeassistant.const import UnitOfTemperature
from homeassistant.core import HomeAssistant
from homeassistant.helpers.recorder import get_instance
from homeassistant.util import dt as dt_util

from .const import LOGGER
from .inputs import temperature_from_state
from .insights import HourlyLow, Insights, InsightsRequest, analyse, night_lows

if TYPE_CHECKING:
    from .runtime import AlsComfortConfigEntry

RECORDER: Final = "recorder"
_HOUR: Final = timedelta(hours=1)
# A night window lasts less than a day: two days either side cover every night
# overlapping the period.
_MARGIN: Final = timedelta(days=2)


async def async_hourly_lows(
    hass: HomeAssistant, entity_id: str, start: datetime, end: datetime
) -> list[HourlyLow]:
    """Return the thermometer's recorded lows between start and end (none without a recorder)."""
    if RECORDER not in hass.config.components:
        return []
    instance = get_instance(hass)
    if not await instance.async_db_ready:
        return []
    try:
        return await instance.async_add_executor_job(
            _recorded_lows, hass, entity_id, start, end
        )
    except Exception:  # noqa: BLE001 - a broken database must not break the report
        LOGGER.warning("Could not read the recorded temperatures of %s", entity_id)
        return []


def _recorded_lows(
    hass: HomeAssistant, entity_id: str, start: datetime, end: datetime
) -> list[HourlyLow]:
    """Read hourly minimums, then the states of the hours they do not cover."""
    rows = statistics_during_period(
        hass,
        start,
        end,
        {entity_id},
        "hour",
        {"temperature": UnitOfTemperature.CELSIUS},
        {"min"},
    ).get(entity_id, [])
    lows = [
        HourlyLow(start=datetime.fromtimestamp(row["start"], UTC), lowest_c=low)
        for row in rows
        if (low := row.get("min")) is not None
    ]
    covered = lows[-1].start + _HOUR if lows else start
    if covered < end:
        states = state_changes_during_period(hass, covered, end, entity_id)
        lows.extend(
            HourlyLow(start=state.last_changed, lowest_c=celsius)
            for state in states.get(entity_id, [])
            if (celsius := temperature_from_state(state)) is not None
        )
    return lows


async def async_insights(
    hass: HomeAssistant,
    entry: AlsComfortConfigEntry,
    start: datetime,
    end: datetime,
    lows_until: datetime | None = None,
) -> Insights:
    """Analyse one period of a loaded person's log with their room's lows.

    With `lows_until`, only the hours ended by then give lows: a night still
    going on has no lowest yet, so it is no calm night.
    """
    runtime = entry.runtime_data
    hourly = await async_hourly_lows(
        hass, runtime.person.temperature_sensor, start - _MARGIN, end + _MARGIN
    )
    if lows_until is not None:
        hourly = [hour for hour in hourly if hour.start + _HOUR <= lows_until]
    log = runtime.coordinator.log
    # The log's lists are replaced on every change, never changed in place,
    # so the executor reads a consistent log.
    logged: dict[str, Any] = {"episodes": log.episodes, "activities": log.activities}
    return await hass.async_add_executor_job(
        partial(
            _analyse,
            logged,
            hourly,
            start=start,
            end=end,
            settings=runtime.coordinator.settings,
        )
    )


def _analyse(
    logged: dict[str, Any], hourly: list[HourlyLow], **period: Any
) -> Insights:
    """Make the night lows and analyse (in the executor)."""
    zone = dt_util.get_default_time_zone()
    lows = night_lows(hourly, period["settings"], zone)
    return analyse(logged, InsightsRequest(zone=zone, night_lows=lows, **period))
