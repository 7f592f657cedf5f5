"""What a thermostat's state says, and what to set it to: plain functions.

Temperatures are in the unit system in use (`unit`), because climate actions
and climate states speak it; a `HeatingRecord` keeps the unit of its boost.
Nothing here reads the state machine or calls a device, so `heating` decides
with these and tests can check them directly.

Thermostat shapes: one target (`temperature`), or a low and a high target
(`target_temp_low`/`target_temp_high`, a `heat_cool` thermostat). A boost raises
the one target, or the low one, keeping the high one at least 1 °C (2 °F) above.

Modes: a thermostat already in a heating mode (`heat`, `heat_cool`, `auto`)
keeps it. One that is `off` is switched to `heat`, if it has it: off is where
a thermostat rests, and warming a cold room is what it is there for. Any other
mode (`cool`, `dry`, `fan_only`) was chosen by someone for a reason the
product cannot know: it is never changed (`mode_locked`), and a person is
called instead.
"""

from __future__ import annotations

from dataclasses import replace
import math
from typing import Any, Final

from homeassistant.components.climate.const import (
    ATTR_HVAC_MODE,
    ATTR_HVAC_MODES,
    ATTR_MAX_TEMP,
    ATTR_TARGET_TEMP_HIGH,
    ATTR_TARGET_TEMP_LOW,
    ATTR_TARGET_TEMP_STEP,
    HVACMode,
)
from homeassistant.const import ATTR_TEMPERATURE, UnitOfTemperature
from homeassistant.core import State
from homeassistant.util.unit_conversion import TemperatureConverter

from ..const import Reason
from ..models import ComfortOptions
from .store import HeatingRecord

HEATING_MODES: Final = frozenset({HVACMode.HEAT, HVACMode.HEAT_COOL, HVACMode.AUTO})
# The one mode the product may switch to `heat`.
CHANGEABLE_MODES: Final = frozenset({HVACMode.OFF})
TARGETS: Final = (ATTR_TEMPERATURE, ATTR_TARGET_TEMP_LOW, ATTR_TARGET_TEMP_HIGH)


def _gap(unit: str) -> float:
    """Return 1 °C in `unit`, rounded up to a whole degree in °F."""
    return 2.0 if unit == UnitOfTemperature.FAHRENHEIT else 1.0


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


def _range(state: State) -> tuple[float, float] | None:
    """Return the low and high targets of a thermostat with no single target."""
    if _number(state.attributes.get(ATTR_TEMPERATURE)) is not None:
        return None
    low = _number(state.attributes.get(ATTR_TARGET_TEMP_LOW))
    high = _number(state.attributes.get(ATTR_TARGET_TEMP_HIGH))
    return None if low is None or high is None else (low, high)


def plan_boost(
    state: State, options: ComfortOptions, unit: str
) -> HeatingRecord | Reason:
    """Plan a boost from the thermostat's state, or say why it cannot heat."""
    mode_changed = state.state not in HEATING_MODES
    if mode_changed and state.state not in CHANGEABLE_MODES:
        return Reason.MODE_LOCKED
    if mode_changed and HVACMode.HEAT not in state.attributes.get(ATTR_HVAC_MODES, ()):
        return Reason.CANNOT_HEAT
    device_max = _number(state.attributes.get(ATTR_MAX_TEMP))
    if not mode_changed and (targets := _range(state)) is not None:
        return _plan_range(state, options, unit, targets, device_max)
    target = comfort_target(options, unit, device_max)
    previous = _number(state.attributes.get(ATTR_TEMPERATURE))
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


def _plan_range(
    state: State,
    options: ComfortOptions,
    unit: str,
    targets: tuple[float, float],
    device_max: float | None,
) -> HeatingRecord:
    """Plan a boost of the low target, the high one kept above it."""
    low, high = targets
    gap = _gap(unit)
    target = comfort_target(
        options, unit, None if device_max is None else device_max - gap
    )
    changed = low < target
    return HeatingRecord(
        entity_id=state.entity_id,
        previous_target=low,
        previous_mode=state.state,
        unit=unit,
        target=target if changed else low,
        mode=state.state,
        target_changed=changed,
        mode_changed=False,
        previous_high=high,
        target_high=max(high, round(target + gap, 1)) if changed else high,
    )


def lowered(record: HeatingRecord, options: ComfortOptions) -> HeatingRecord | None:
    """Return the boost brought under a lowered cap, or None if it is under it.

    Compared and kept in the unit of the boost.
    """
    cap = comfort_target(options, record.unit)
    if not record.target_changed or record.target <= cap:
        return None
    return replace(record, target=cap)


def in_unit(value: float, record: HeatingRecord, unit: str) -> float:
    """Convert a temperature recorded with a boost to the unit in use now."""
    if unit == record.unit:
        return value
    return round(TemperatureConverter.convert(value, record.unit, unit), 1)


def boost_data(record: HeatingRecord, unit: str) -> dict[str, float]:
    """Return the `set_temperature` data of a boost."""
    if record.target_high is None:
        return {ATTR_TEMPERATURE: in_unit(record.target, record, unit)}
    return {
        ATTR_TARGET_TEMP_LOW: in_unit(record.target, record, unit),
        ATTR_TARGET_TEMP_HIGH: in_unit(record.target_high, record, unit),
    }


def put_back_data(record: HeatingRecord, unit: str) -> dict[str, float] | None:
    """Return the `set_temperature` data that puts the targets back, if any."""
    if not record.target_changed or record.previous_target is None:
        return None
    if record.previous_high is None:
        return {ATTR_TEMPERATURE: in_unit(record.previous_target, record, unit)}
    return {
        ATTR_TARGET_TEMP_LOW: in_unit(record.previous_target, record, unit),
        ATTR_TARGET_TEMP_HIGH: in_unit(record.previous_high, record, unit),
    }


def mode_to_put_back(
    record: HeatingRecord, state: State | None
) -> dict[str, str] | None:
    """Return the `set_hvac_mode` data that puts the mode back, if it moved.

    The mode is put back when we changed it, and when the thermostat chose
    another heating mode itself during the boost.
    """
    current = state.state if state is not None else record.mode
    if not record.mode_changed and current == record.previous_mode:
        return None
    return {ATTR_HVAC_MODE: record.previous_mode}


def mode_or_target_changed(old: State, new: State) -> bool:
    """Return whether a climate state change touched its mode or a target."""
    return old.state != new.state or any(
        old.attributes.get(key) != new.attributes.get(key) for key in TARGETS
    )


def as_set(record: HeatingRecord, state: State, unit: str) -> bool:
    """Return whether the thermostat shows the targets we set, in a mode we allow.

    A heating mode the thermostat chose itself (`auto` → `heat`) is as set; a
    device may round what it was sent to its own step.
    """
    if state.state != record.mode and not (
        record.mode in HEATING_MODES and state.state in HEATING_MODES
    ):
        return False
    step = _number(state.attributes.get(ATTR_TARGET_TEMP_STEP)) or (
        1.0 if unit == UnitOfTemperature.FAHRENHEIT else 0.5
    )
    if record.target_high is None:
        shown = [(ATTR_TEMPERATURE, record.target)]
    else:
        shown = [
            (ATTR_TARGET_TEMP_LOW, record.target),
            (ATTR_TARGET_TEMP_HIGH, record.target_high),
        ]
    for key, value in shown:
        current = _number(state.attributes.get(key))
        if current is None or abs(current - in_unit(value, record, unit)) > step / 2:
            return False
    return True
