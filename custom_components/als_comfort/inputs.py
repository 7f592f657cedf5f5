"""Reading the input entities: cleaned numbers, or None when not trustworthy."""

from __future__ import annotations

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

# A room thermometer reading outside this range (°C) is a fault, not a room.
PLAUSIBLE_ROOM_C: Final = (-30.0, 60.0)
ACTIVE_MINUTE_UNITS: Final = {UnitOfTime.MINUTES, "minutes", "minute"}


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
