"""What the fields of the actions accept: storable text, times, whole numbers.

Each validator raises probatio's `Invalid`; `services` turns that into a
translated, field-level refusal. Every free-text field of every action uses
`text`, so that nothing reaches the log that could not be written to disk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
import re
from typing import Any, Final

from homeassistant.util import dt as dt_util
import probatio

MAX_AGE: Final = timedelta(days=7)
# A phone's clock may run a little ahead of Home Assistant's.
CLOCK_SKEW: Final = timedelta(minutes=1)


# What no log may keep: control characters other than tab and newline, and
# lone surrogates (half a character: UTF-8 cannot write them, so the save fails).
UNSTORABLE: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
UNSTORABLE_TEXT: Final = "unstorable"


def text(limit: int) -> Callable[[Any], str]:
    """Accept storable text of at most `limit` characters, trimmed.

    Every free-text field uses it: what it lets through can be written to disk.
    """

    def validate(value: Any) -> str:
        if not isinstance(value, str) or len(value) > limit:
            raise probatio.Invalid("too long")
        if UNSTORABLE.search(value):
            raise probatio.Invalid(UNSTORABLE_TEXT)
        return value.strip()

    return validate


def moment(value: Any) -> datetime:
    """Accept a date and time, in local time when it has no offset; return UTC."""
    when = value if isinstance(value, datetime) else None
    if isinstance(value, str):
        when = dt_util.parse_datetime(value)
    if when is None:
        raise probatio.Invalid("not a date and time")
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt_util.get_default_time_zone())
    try:
        return dt_util.as_utc(when)
    except OverflowError as err:  # at the very edge of the calendar
        raise probatio.Invalid("out of range") from err


def recent(value: Any) -> datetime:
    """Accept a moment of the last seven days, not in the future."""
    when = moment(value)
    now = dt_util.utcnow()
    if when > now + CLOCK_SKEW or when < now - MAX_AGE:
        raise probatio.Invalid("out of range")
    return when


def whole(low: int, high: int) -> Callable[[Any], int]:
    """Accept a whole number from low to high (bool is not a number)."""

    def validate(value: Any) -> int:
        if isinstance(value, bool):
            raise probatio.Invalid("not a number")
        number = probatio.Coerce(float)(value)
        if not number.is_integer() or not low <= number <= high:
            raise probatio.Invalid("out of range")
        return int(number)

    return validate
