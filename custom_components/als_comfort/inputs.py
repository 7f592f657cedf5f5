"""Reading the input entities: cleaned numbers, or None when not trustworthy.

Also the activity sensor's counter, which turns a cumulative sensor's
increases into load at the moment they were reported.
"""

from __future__ import annotations

from datetime import datetime, timedelta
import math
from typing import Final

from homeassistant.const import (
    ATTR_UNIT_OF_MEASUREMENT,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
    UnitOfTemperature,
    UnitOfTime,
)
from homeassistant.core import State
from homeassistant.util.unit_conversion import TemperatureConverter

from .const import LOGGER
from .risk import LoadEvent, active_minutes_to_load, steps_to_load

# A room thermometer reading outside this range (°C) is a fault, not a room.
PLAUSIBLE_ROOM_C: Final = (-30.0, 60.0)
ACTIVE_MINUTE_UNITS: Final = {UnitOfTime.MINUTES, "minutes", "minute"}
# Sensor-counted load is forgotten once decayed below this share of itself.
FORGOTTEN_SHARE: Final = 1 / 1024


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


class ActivityCounter:
    """Turns increases of a cumulative activity sensor into timed load."""

    def __init__(self) -> None:
        """Start with no reading and no load."""
        self.baseline: float | None = None
        self.loads: list[LoadEvent] = []

    def start(self, state: State | None) -> None:
        """Take the sensor's current value as the baseline; it is not load."""
        reading = activity_from_state(state)
        self.baseline = reading[0] if reading is not None else None

    def take(self, state: State | None, now: datetime) -> None:
        """Add the increase since the last reading as load at `now`."""
        reading = activity_from_state(state)
        if reading is None:
            return
        value, active_minutes = reading
        baseline, self.baseline = self.baseline, value
        if baseline is None or value == baseline:
            return
        # A drop is a reset (a new day): what is shown now was done since then.
        increment = value - baseline if value > baseline else value
        load = (
            active_minutes_to_load(increment)
            if active_minutes
            else steps_to_load(increment)
        )
        if load > 0:
            self.loads.append(LoadEvent(at=now, load=load))

    def forget_old(self, now: datetime, half_life_hours: float) -> None:
        """Drop load that has decayed to nothing."""
        horizon = timedelta(hours=half_life_hours * math.log2(1 / FORGOTTEN_SHARE))
        if self.loads and now - self.loads[0].at > horizon:
            self.loads = [event for event in self.loads if now - event.at <= horizon]
