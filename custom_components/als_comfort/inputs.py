"""Reading the input entities: cleaned numbers, or None when not trustworthy.

Also the activity sensor's counter, which turns a cumulative sensor's
increases into load at the moment they were reported, and what counts as the
person moving.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
import math
from typing import Any, Final

from homeassistant.const import (
    ATTR_UNIT_OF_MEASUREMENT,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
    UnitOfTemperature,
    UnitOfTime,
)
from homeassistant.core import State
from homeassistant.util import dt as dt_util
from homeassistant.util.unit_conversion import TemperatureConverter

from .const import LOGGER
from .risk import LoadEvent, active_minutes_to_load, steps_to_load

# A room thermometer reading outside this range (°C) is a fault, not a room.
PLAUSIBLE_ROOM_C: Final = (-30.0, 60.0)
ACTIVE_MINUTE_UNITS: Final = {UnitOfTime.MINUTES, "minutes", "minute"}
# Sensor-counted load is forgotten once decayed below this share of itself.
FORGOTTEN_SHARE: Final = 1 / 1024
# After a drop, a reading at this share of the count before it (or above) is
# that count coming back (a blip), not a new count: a counter never loses a
# tenth of its count without being reset, and a reset counter seldom reports
# nine tenths of yesterday's count as its first reading after the reset.
BLIP_SHARE: Final = 0.9
NOT_A_READING: Final = frozenset({STATE_UNAVAILABLE, STATE_UNKNOWN})


def temperature_from_state(state: State | None) -> float | None:
    """Read a thermometer state as °C, or None when it cannot be trusted."""
    if state is None or state.state in (STATE_UNKNOWN, STATE_UNAVAILABLE):
        return None
    unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT)
    try:
        value = float(state.state)
    except ValueError:
        LOGGER.debug(
            "Ignoring non-numeric temperature %r of %s", state.state, state.entity_id
        )
        return None
    if not math.isfinite(value) or unit not in TemperatureConverter.VALID_UNITS:
        LOGGER.debug(
            "Ignoring temperature %r %r of %s", state.state, unit, state.entity_id
        )
        return None
    celsius = TemperatureConverter.convert(value, unit, UnitOfTemperature.CELSIUS)
    if not PLAUSIBLE_ROOM_C[0] <= celsius <= PLAUSIBLE_ROOM_C[1]:
        LOGGER.debug("Ignoring implausible room temperature %s °C", celsius)
        return None
    return celsius


def is_movement(old: State | None, new: State | None) -> bool:
    """Tell whether a movement sensor's change is the person moving.

    Only a change between two real states is: a sensor appearing (a restart),
    going unavailable or coming back says nothing about the person.
    """
    if old is None or new is None:
        return False
    if old.state in NOT_A_READING or new.state in NOT_A_READING:
        return False
    return old.state != new.state


def activity_from_state(state: State | None) -> tuple[float, bool] | None:
    """Read a cumulative activity sensor as (value, counts active minutes)."""
    if state is None:
        return None
    try:
        value = float(state.state)
    except ValueError:
        return None
    if not math.isfinite(value) or value < 0:
        return None
    return value, state.attributes.get(ATTR_UNIT_OF_MEASUREMENT) in ACTIVE_MINUTE_UNITS


@dataclass(frozen=True, slots=True)
class Drop:
    """A reading below the count so far, until the next reading says what it was."""

    value: float
    at: datetime


class ActivityCounter:
    """Turns increases of a cumulative activity sensor into timed load.

    A drop is not believed at once, because a step counter that blips
    (`unavailable`, `0`, then its count again) must add nothing. The next
    numeric reading after a drop decides, with no timer:

    * back to at least `BLIP_SHARE` of the count before the drop, or above it:
      the drop was a blip; only a rise above the old count is load;
    * lower, and above the value it dropped to: the counter was reset (a new
      day) and counts on: the value it dropped to is load at the drop's own
      time, the rise since then load now;
    * the dropped-to value again, or lower: still undecided (at the lower value).

    The count, a drop waiting for its answer and the load counted are stored
    together (`as_dict`, `restore`), so a restart or reload counts nothing twice
    and loses nothing: steps taken while Home Assistant was down count at the
    first reading after it.
    """

    def __init__(self, entity_id: str) -> None:
        """Start with no reading and no load."""
        self.entity_id = entity_id
        self.baseline: float | None = None
        self.drop: Drop | None = None
        self.loads: list[LoadEvent] = []

    def start(self, state: State | None, now: datetime) -> None:
        """Read the sensor at start-up: with no count yet, its value is not load."""
        if self.baseline is None:
            reading = activity_from_state(state)
            self.baseline = reading[0] if reading is not None else None
        else:
            self.take(state, now)

    def take(self, state: State | None, now: datetime) -> None:
        """Add the increase since the last reading as load at `now`."""
        reading = activity_from_state(state)
        if reading is None:
            return
        value, active_minutes = reading
        baseline = self.baseline
        if baseline is None:
            self.baseline = value
        elif self.drop is None and value < baseline:
            self.drop = Drop(value, now)
        elif self.drop is None or value >= BLIP_SHARE * baseline:
            # A rise, or the count coming back after a blip: steps below the
            # old count were counted already.
            self.drop = None
            self.baseline = max(value, baseline)
            self._add(now, value - baseline, active_minutes)
        elif value <= self.drop.value:
            # Lower again: wait at the lower value; the same value says nothing.
            if value < self.drop.value:
                self.drop = Drop(value, now)
        else:
            # Counting on from the low value: it was a reset.
            drop, self.drop, self.baseline = self.drop, None, value
            self._add(drop.at, drop.value, active_minutes)
            self._add(now, value - drop.value, active_minutes)

    def _add(self, at: datetime, increase: float, active_minutes: bool) -> None:
        """Add the load of an increase (steps or active minutes) at an instant."""
        load = (
            active_minutes_to_load(increase)
            if active_minutes
            else steps_to_load(increase)
        )
        if load > 0:
            self.loads.append(LoadEvent(at=at, load=load))

    def forget_old(self, now: datetime, half_life_hours: float) -> None:
        """Drop load that has decayed to nothing."""
        horizon = timedelta(hours=half_life_hours * math.log2(1 / FORGOTTEN_SHARE))
        if self.loads and now - self.loads[0].at > horizon:
            self.loads = [event for event in self.loads if now - event.at <= horizon]

    def as_dict(self) -> dict[str, Any]:
        """Return the counter as it is stored (`InputMemory.activity`)."""
        return {
            "entity_id": self.entity_id,
            "baseline": self.baseline,
            "drop": (
                {"value": self.drop.value, "at": self.drop.at.isoformat()}
                if self.drop
                else None
            ),
            "loads": [
                {"at": event.at.isoformat(), "load": event.load} for event in self.loads
            ],
        }

    def restore(self, data: dict[str, Any] | None) -> None:
        """Take up the stored counter; a damaged one is logged and left out.

        The load counted is the person's, whichever sensor counted it; the
        count only goes on from the same sensor.
        """
        if data is None:
            return
        try:
            loads = [
                LoadEvent(at=_instant(item["at"]), load=float(item["load"]))
                for item in data["loads"]
            ]
            drop = data["drop"]
            restored_drop = (
                Drop(float(drop["value"]), _instant(drop["at"])) if drop else None
            )
            baseline = data["baseline"]
            restored_baseline = None if baseline is None else float(baseline)
        except (KeyError, TypeError, ValueError) as err:
            LOGGER.warning("The remembered activity count was unreadable (%r)", err)
            return
        self.loads = sorted(loads, key=lambda event: event.at)
        if data.get("entity_id") == self.entity_id:
            self.baseline, self.drop = restored_baseline, restored_drop


def _instant(text: Any) -> datetime:
    """Read a stored, zoned instant; refuse anything else."""
    when = dt_util.parse_datetime(str(text))
    if when is None or when.tzinfo is None:
        raise ValueError(text)
    return when
