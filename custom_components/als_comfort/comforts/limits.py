"""When the blanket or heater must be off, and how long it was on tonight.

Plain functions over the options, the snapshot's night window and the stored
`NightUse`. Every switch-on has a deadline `blanket_max_minutes` after it. One
switched on by the product gets an earlier one where its mode says so:

* `prewarm`: bedtime (the product warms the bed, never the person in it);
* `comfort`: the moment the nightly budget `blanket_night_max_minutes` runs out.

On-time is counted inside the night window only, from the switch-on (ours or a
person's) to the moment it is seen off; the spells that ended are kept in
`NightUse` for the window they belong to, and the one running is added from
its switch-on time, so a restart loses none of it. Time while Home Assistant
was stopped counts as on if the blanket was on when it stopped (it may well
have been).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from homeassistant.util import dt as dt_util

from ..const import BLANKET_MODE_COMFORT, Reason
from ..models import ComfortOptions
from ..snapshot import RiskSnapshot
from .store import NightUse

MINUTE = timedelta(minutes=1)


def window_key(snapshot: RiskSnapshot) -> str:
    """Return the key of the snapshot's night window (its opening, in UTC)."""
    return dt_util.as_utc(snapshot.window_opens).isoformat()


def rolled(night: NightUse, snapshot: RiskSnapshot) -> NightUse:
    """Return tonight's use: the stored one, or none yet in a new window."""
    key = window_key(snapshot)
    return night if night.window == key else NightUse(window=key)


def _overlap(start: datetime, end: datetime, snapshot: RiskSnapshot) -> float:
    """Return the minutes of [start, end) inside the snapshot's night window."""
    begin = max(start, snapshot.window_opens)
    finish = min(end, snapshot.window_closes)
    return max(0.0, (finish - begin) / MINUTE)


def used_minutes(
    night: NightUse, snapshot: RiskSnapshot, on_since: datetime | None, now: datetime
) -> float:
    """Return the minutes on in the snapshot's window, the running spell included."""
    running = 0.0 if on_since is None else _overlap(on_since, now, snapshot)
    return rolled(night, snapshot).minutes + running


def deadline(
    on_since: datetime,
    *,
    ours: bool,
    options: ComfortOptions,
    snapshot: RiskSnapshot,
    night: NightUse,
) -> tuple[datetime, Reason]:
    """Return when a blanket switched on at `on_since` must be off, and why."""
    limits = [(on_since + options.blanket_max_minutes * MINUTE, Reason.TIME_LIMIT)]
    if ours and options.blanket_mode == BLANKET_MODE_COMFORT:
        left = options.blanket_night_max_minutes - rolled(night, snapshot).minutes
        start = max(on_since, snapshot.window_opens)
        limits.append((start + max(left, 0.0) * MINUTE, Reason.NIGHT_BUDGET))
    elif ours:
        # Pre-warming ends at bedtime; one switched on after it (in comfort
        # mode, before the mode changed) is off at once.
        limits.append((max(snapshot.bedtime, on_since), Reason.BEDTIME))
    return min(limits, key=lambda limit: limit[0])


def may_switch_on(
    options: ComfortOptions, snapshot: RiskSnapshot, night: NightUse, now: datetime
) -> bool:
    """Return whether the product may switch the blanket on now.

    `prewarm` (and any mode not known): only inside the night window before
    bedtime. `comfort`: not inside the night window once the nightly budget is
    used.
    """
    if options.blanket_mode != BLANKET_MODE_COMFORT:
        return snapshot.night_window and now < snapshot.bedtime
    if not snapshot.night_window:
        return True
    used = used_minutes(night, snapshot, None, now)
    return used < options.blanket_night_max_minutes
