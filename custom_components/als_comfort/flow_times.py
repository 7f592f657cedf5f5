"""Times of day in the forms: typed as hours and minutes, stored readable.

Home Assistant 2026.10's time selector always asks for seconds; the browser's
time box (a text field of type time) asks hours and minutes. What is stored is
read by `time.fromisoformat`, like every entry written before.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from typing import Any, Final

from homeassistant.helpers import selector
from homeassistant.util import dt as dt_util

from .const import CONF_BEDTIME, CONF_WAKE_TIME, DEFAULT_BEDTIME, DEFAULT_WAKE_TIME

TIME_FIELDS: Final = (CONF_BEDTIME, CONF_WAKE_TIME)
# A submission without times gets these, as stored before (shown as 22:30, 07:00).
DEFAULT_TIMES: Final = {
    CONF_BEDTIME: DEFAULT_BEDTIME.isoformat(),
    CONF_WAKE_TIME: DEFAULT_WAKE_TIME.isoformat(),
}
# A time typed in the browser's time box: hours and minutes, no seconds.
TIME_INPUT: Final = selector.TextSelector(
    selector.TextSelectorConfig(type=selector.TextSelectorType.TIME)
)


def read_time(value: Any) -> str | None:
    """Return a typed time of day as stored, or None if it is not one.

    An ISO time (22:30, 22:30:00) is kept as typed; another that reads as one
    (7:05) is written as ISO (07:05:00): `time.fromisoformat` reads them all.
    """
    parsed = dt_util.parse_time(value) if isinstance(value, str) else None
    if parsed is None:
        return None
    try:
        time.fromisoformat(value)
    except ValueError:
        return parsed.isoformat()
    return str(value)


def shown_time(value: Any) -> Any:
    """Show a stored time of day as a person types it (`HH:MM`); anything else as is."""
    parsed = dt_util.parse_time(value) if isinstance(value, str) else None
    if parsed is None or parsed.second:
        return value
    return parsed.strftime("%H:%M")


def shown_person(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return entry data or a submitted form as shown: times without seconds."""
    return {
        key: shown_time(value) if key in TIME_FIELDS else value
        for key, value in data.items()
    }
