"""What a thermostat's state says, and what to set it to: plain functions.

Temperatures are in the unit system in use (`unit`), because climate actions
and climate states speak it; a `HeatingRecord` keeps the unit of its boost.
Nothing here reads the state machine or calls a device, so `heating` decides
with these and tests can check them directly.
"""

from __future__ import annotations

import math
from typing import Any, Final

from homeassistant.components.climate.const import (
    ATTR_HVAC_MODES,
    ATTR_MAX_TEMP,
    ATTR_TARGET_TEMP_STEP,
    HVACMode,
)
from homeassistant.const import ATTR_TEMPERATURE, UnitOfTemperature
from homeassistant.core import State
from homeassistant.util.unit_conversion import TemperatureConverter

from ..models import ComfortOptions
from .store import HeatingRecord

HEATING_MODES: Final = frozenset({HVACMode.HEAT, HVACMode.HEAT_COOL, HVACMode.AUTO})


def comfort_target(
    options: ComfortOptions, unit: str, device_max: float | None = None
) -> float:
    """Return the thermostat target in `unit`: the comfort setpoint, capped.

    Never above `max_setpoint` (whatever the options say) nor the device's own
    maximum. Rounded to a tenth (°C) or a whole degree (°F), rounding down when
    rounding up would pass the cap.
    """
    cap = TemperatureConverter.convert(
        options.max_setpoint, UnitOfTemperature.CELSIUS, unit
    )
    if device_max is not None:
        cap = min(cap, device_max)
    step = 1.0 if unit == UnitOfTemperature.FAHRENHEIT else 0.1
    wanted = TemperatureConverter.convert(
        options.comfort_setpoint, UnitOfTemperature.CELSIUS, unit
    )
    value = round(min(wanted, cap) / step) * step
    if value > cap:
        value = math.floor(cap / step) * step
    return round(value, 1)


def _number(value: Any) -> float | None:
    """Return a finite number from a state attribute, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def plan_boost(
    state: State, options: ComfortOptions, unit: str
) -> HeatingRecord | None:
    """Plan a boost from the thermostat's state; None if it cannot heat."""
    target = comfort_target(options, unit, _number(state.attributes.get(ATTR_MAX_TEMP)))
    previous = _number(state.attributes.get(ATTR_TEMPERATURE))
    mode_changed = state.state not in HEATING_MODES
    if mode_changed and HVACMode.HEAT not in state.attributes.get(ATTR_HVAC_MODES, ()):
        return None
    # A target at or above ours is left alone while heating: never lowered.
    target_changed = mode_changed or previous is None or previous < target
    return HeatingRecord(
        entity_id=state.entity_id,
        previous_target=previous,
        previous_mode=state.state,
        unit=unit,
        target=previous if previous is not None and not target_changed else target,
        mode=HVACMode.HEAT if mode_changed else state.state,
        target_changed=target_changed,
        mode_changed=mode_changed,
    )


def in_unit(value: float, record: HeatingRecord, unit: str) -> float:
    """Convert a temperature recorded with a boost to the unit in use now."""
    if unit == record.unit:
        return value
    return round(TemperatureConverter.convert(value, record.unit, unit), 1)


def mode_or_target_changed(old: State, new: State) -> bool:
    """Return whether a climate state change touched its mode or target."""
    return old.state != new.state or old.attributes.get(
        ATTR_TEMPERATURE
    ) != new.attributes.get(ATTR_TEMPERATURE)


def as_set(record: HeatingRecord, state: State, unit: str) -> bool:
    """Return whether the thermostat shows the mode and target we left it at."""
    if state.state != record.mode:
        return False
    current = _number(state.attributes.get(ATTR_TEMPERATURE))
    step = _number(state.attributes.get(ATTR_TARGET_TEMP_STEP)) or (
        1.0 if unit == UnitOfTemperature.FAHRENHEIT else 0.5
    )
    # A device may round what it was sent to its own step.
    return (
        current is not None
        and abs(current - in_unit(record.target, record, unit)) <= step / 2
    )
