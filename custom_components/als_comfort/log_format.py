"""The shape a stored log must have to be loaded.

A log that is valid JSON can still break what its readers rely on: a time
without a zone, an episode without its body area, a number stored as text.
Loaded, such a log made setup fail, and the person's caregiver alerts with it.
`store` keeps it aside and reports it instead. Fields a newer version may add
are let through.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from homeassistant.util import dt as dt_util
import probatio

from .const import BODY_AREAS, EPISODE_KINDS
from .risk import Intensity


def _instant(value: Any) -> Any:
    """Accept an ISO date and time with its offset."""
    when = dt_util.parse_datetime(value) if isinstance(value, str) else None
    if when is None or when.tzinfo is None:
        raise probatio.Invalid("not an instant")
    return value


def _number(value: Any) -> Any:
    """Accept a number (a bool is not one; JSON has no infinite numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise probatio.Invalid("not a number")
    return value


def _whole(low: int, high: int) -> Callable[[Any], Any]:
    """Accept a whole number from low to high, or nothing."""

    def validate(value: Any) -> Any:
        if value is None:
            return value
        if isinstance(value, bool) or not isinstance(value, int):
            raise probatio.Invalid("not a whole number")
        if not low <= value <= high:
            raise probatio.Invalid("out of range")
        return value

    return validate


ENTRY: Final = {
    probatio.Required("id"): str,
    probatio.Required("when"): _instant,
    probatio.Optional("logged_at"): _instant,
}
CONDITIONS: Final = probatio.Schema(
    {
        probatio.Optional("temperature_c"): probatio.Any(None, _number),
        probatio.Optional("night_window"): bool,
        probatio.Optional("exertion_load"): _number,
    },
    extra=probatio.ALLOW_EXTRA,
)
EPISODE: Final = probatio.Schema(
    {
        **ENTRY,
        probatio.Required("kind"): probatio.In(EPISODE_KINDS),
        probatio.Required("body_area"): probatio.In(BODY_AREAS),
        probatio.Optional("severity"): _whole(1, 10),
        probatio.Optional("duration_minutes"): _whole(1, 1440),
        probatio.Optional("note"): str,
        probatio.Optional("conditions"): probatio.Any(None, CONDITIONS),
    },
    extra=probatio.ALLOW_EXTRA,
)
ACTIVITY: Final = probatio.Schema(
    {
        **ENTRY,
        probatio.Required("load"): _number,
        probatio.Optional("minutes"): _whole(1, 600),
        probatio.Optional("intensity"): probatio.In([i.value for i in Intensity]),
        probatio.Optional("activity"): str,
    },
    extra=probatio.ALLOW_EXTRA,
)
REPOSITIONING: Final = probatio.Schema(
    {**ENTRY, probatio.Optional("position"): str}, extra=probatio.ALLOW_EXTRA
)
LOG: Final = probatio.Schema(
    {
        probatio.Optional("episodes"): [EPISODE],
        probatio.Optional("activities"): [ACTIVITY],
        probatio.Optional("repositionings"): [REPOSITIONING],
    },
    extra=probatio.ALLOW_EXTRA,
)
# The log's lists, in the order they are written and exported.
PARTS: Final = ("episodes", "activities", "repositionings")


def well_formed(data: Any) -> bool:
    """Tell whether loaded data has the shape of a log, entry by entry."""
    try:
        LOG(data)
    except probatio.Invalid:
        return False
    return True
