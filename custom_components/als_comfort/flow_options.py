"""The options form: grouped in sections, in the user's units, stored flat in °C.

On screen the options are grouped in sections; each section's fields arrive
nested under its key. The options' public names are flat (SPEC §2), and so are
the stored options: a submission with the flat names (a script, a test) is read
the same way, and a field left out keeps its current value.

Each number is checked here, not by its selector, so that a value out of range
gets a translated error naming the range and unit, and every submit shows only
the errors of that submit. The frontend shows an error on a section, not on a
field inside one: each error is keyed by its section (what the frontend shows,
and the section is then shown expanded) and by the option's own public name
(what a script or an automation's author looks for).

In °F a temperature is shown to the whole degree (66, not 66.2); a value
submitted as shown keeps what is stored, so a round trip never drifts, and a
changed one is stored in °C to a hundredth (a whole °F comes back whole).
"""

from __future__ import annotations

from collections.abc import Mapping
import math
from typing import Any, Final

from homeassistant.const import UnitOfTemperature
from homeassistant.data_entry_flow import section
from homeassistant.helpers import selector
from homeassistant.util.unit_conversion import TemperatureConverter
import probatio

from .const import (
    BLANKET_MODES,
    CONF_ALERT_COOLDOWN_MINUTES,
    CONF_BLANKET_MAX_MINUTES,
    CONF_BLANKET_MODE,
    CONF_BLANKET_NIGHT_MAX_MINUTES,
    CONF_COLD_THRESHOLD,
    CONF_COMFORT_SETPOINT,
    CONF_CRAMP_CLUSTER_MINUTES,
    CONF_ESCALATE_AFTER_MINUTES,
    CONF_EXERTION_HALF_LIFE_HOURS,
    CONF_EXERTION_LIMIT,
    CONF_HYSTERESIS,
    CONF_MAX_SETPOINT,
    CONF_PRE_BEDTIME_MINUTES,
    CONF_QUIET_END,
    CONF_QUIET_HOURS,
    CONF_QUIET_START,
    CONF_SENSOR_STALE_MINUTES,
    CONF_STILLNESS_MINUTES,
    DEFAULT_BLANKET_MODE,
    DEFAULT_OPTIONS,
    OPTION_BOUNDS,
    OPTION_UNITS,
    TEMPERATURE_INTERVAL_OPTIONS,
    TEMPERATURE_OPTIONS,
)
from .flow_times import TIME_INPUT, read_time, shown_time

CELSIUS: Final = UnitOfTemperature.CELSIUS
# The sections of the form, in order, and the options each holds. Quiet hours
# are stored as they are shown: a section of their own, `{start, end}`.
SECTIONS: Final[dict[str, tuple[str, ...]]] = {
    "room_and_heating": (
        CONF_COLD_THRESHOLD,
        CONF_HYSTERESIS,
        CONF_COMFORT_SETPOINT,
        CONF_MAX_SETPOINT,
    ),
    "night": (CONF_PRE_BEDTIME_MINUTES,),
    "exertion_and_cramps": (
        CONF_EXERTION_LIMIT,
        CONF_EXERTION_HALF_LIFE_HOURS,
        CONF_CRAMP_CLUSTER_MINUTES,
    ),
    "blanket_or_heater": (
        CONF_BLANKET_MODE,
        CONF_BLANKET_MAX_MINUTES,
        CONF_BLANKET_NIGHT_MAX_MINUTES,
    ),
    "caregiver_alerts": (CONF_ALERT_COOLDOWN_MINUTES, CONF_ESCALATE_AFTER_MINUTES),
    CONF_QUIET_HOURS: (CONF_QUIET_START, CONF_QUIET_END),
    "sensors": (CONF_SENSOR_STALE_MINUTES, CONF_STILLNESS_MINUTES),
}
SECTION_OF: Final = {
    key: name
    for name, keys in SECTIONS.items()
    if name != CONF_QUIET_HOURS
    for key in keys
}


class OptionsForm(probatio.Schema):
    """The options form's schema: sections on screen, the flat names accepted too."""

    def __call__(self, data: Any, **kwargs: Any) -> Any:
        """Validate a submission, nesting flat option names into their sections."""
        return super().__call__(nested(data), **kwargs)


def nested(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return a submission with flat names moved into their sections.

    Quiet hours left out stay left out (they are kept), while an empty quiet
    hours section clears them.
    """
    result = {key: value for key, value in data.items() if key not in SECTION_OF}
    for name in SECTIONS:
        if name != CONF_QUIET_HOURS or name in result:
            result[name] = dict(result.get(name) or {})
    for key, value in data.items():
        if key in SECTION_OF:
            result[SECTION_OF[key]][key] = value
    return result


def flat(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return a validated submission (every field there) by option name."""
    values = {key: data[name][key] for key, name in SECTION_OF.items()}
    if CONF_QUIET_HOURS in data:
        values[CONF_QUIET_HOURS] = dict(data[CONF_QUIET_HOURS])
    return values


def bounds(key: str, unit: str) -> tuple[float, float, float]:
    """Return an option's minimum, maximum and step in the unit it is shown in.

    A temperature in °F steps by whole degrees; the range is rounded inwards so
    that both ends are values one may enter.
    """
    low, high, step = OPTION_BOUNDS[key]
    if key in TEMPERATURE_OPTIONS and unit != CELSIUS:
        step = 1
    low, high = _convert(key, low, CELSIUS, unit), _convert(key, high, CELSIUS, unit)
    return (
        _tidy(math.ceil(round(low / step, 6)) * step),
        _tidy(math.floor(round(high / step, 6)) * step),
        step,
    )


def _tidy(value: float) -> float | int:
    """Drop float noise; whole numbers as int (60, not 60.0000001)."""
    value = round(value, 4)
    return int(value) if value.is_integer() else value


def _convert(key: str, value: float, from_unit: str, to_unit: str) -> float:
    """Convert one option between units: temperatures, intervals or as is."""
    if key in TEMPERATURE_OPTIONS:
        return TemperatureConverter.convert(value, from_unit, to_unit)
    if key in TEMPERATURE_INTERVAL_OPTIONS:
        return TemperatureConverter.convert_interval(value, from_unit, to_unit)
    return value


def unit_of(key: str, unit: str) -> str:
    """Return the unit an option is shown in."""
    if key in TEMPERATURE_OPTIONS + TEMPERATURE_INTERVAL_OPTIONS:
        return unit
    return OPTION_UNITS[key]


def shown_value(key: str, stored: float, unit: str) -> float | int:
    """Return a stored option as shown: in the user's unit, to the field's step."""
    step = bounds(key, unit)[2]
    return _tidy(round(_convert(key, float(stored), CELSIUS, unit) / step) * step)


def shown_options(options: Mapping[str, Any], unit: str) -> dict[str, Any]:
    """Return stored options as shown in the form, by section."""
    values: dict[str, Any] = {
        key: shown_value(key, options.get(key, default), unit)
        for key, default in DEFAULT_OPTIONS.items()
    }
    values[CONF_BLANKET_MODE] = options.get(CONF_BLANKET_MODE, DEFAULT_BLANKET_MODE)
    quiet = options.get(CONF_QUIET_HOURS) or {}
    values[CONF_QUIET_HOURS] = {key: shown_time(value) for key, value in quiet.items()}
    return nested(values)


def placeholders(unit: str) -> dict[str, str]:
    """Return the unit and each option's range, for descriptions and errors."""
    texts = {"unit": unit}
    for key in DEFAULT_OPTIONS:
        low, high, _ = bounds(key, unit)
        texts[f"{key}_min"], texts[f"{key}_max"] = str(low), str(high)
    return texts


def options_schema(
    unit: str, current: Mapping[str, Any], expand: set[str]
) -> OptionsForm:
    """Build the form from the values it shows.

    They are also the defaults of a submission that leaves a field out. Quiet
    hours fold away while unset, unless `expand` names them (an error to show).
    """
    fields: dict[probatio.Marker, Any] = {}
    for name, keys in SECTIONS.items():
        inner: dict[probatio.Marker, Any] = {}
        for key in keys:
            inner.update(_field(key, unit, current.get(name, {}).get(key)))
        optional = name == CONF_QUIET_HOURS
        collapsed = optional and not any(current.get(name, {}).values())
        marker = probatio.Optional if optional else probatio.Required
        fields[marker(name)] = section(
            probatio.Schema(inner), {"collapsed": collapsed and name not in expand}
        )
    return OptionsForm(fields)


def _field(key: str, unit: str, current: Any) -> dict[probatio.Marker, Any]:
    """Return one field of the form with its selector."""
    if key in (CONF_QUIET_START, CONF_QUIET_END):
        return {probatio.Optional(key): TIME_INPUT}
    if key == CONF_BLANKET_MODE:
        return {
            probatio.Required(key, default=current): selector.SelectSelector(
                selector.SelectSelectorConfig(
                    options=list(BLANKET_MODES),
                    translation_key=CONF_BLANKET_MODE,
                    mode=selector.SelectSelectorMode.LIST,
                )
            )
        }
    config = selector.NumberSelectorConfig(
        step=bounds(key, unit)[2],
        unit_of_measurement=unit_of(key, unit),
        mode=selector.NumberSelectorMode.BOX,
    )
    return {probatio.Required(key, default=current): selector.NumberSelector(config)}


def read_options(
    submitted: Mapping[str, Any], stored: Mapping[str, Any], unit: str
) -> tuple[dict[str, Any], dict[str, str]]:
    """Turn a submission into options to store, and the errors by section."""
    values = flat(submitted)
    options: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, default in DEFAULT_OPTIONS.items():
        value = float(values[key])
        low, high, _ = bounds(key, unit)
        if not low <= value <= high:
            errors.setdefault(SECTION_OF[key], f"{key}_out_of_range")
            errors[key] = f"{key}_out_of_range"
            continue
        options[key] = _stored(key, value, stored.get(key, default), unit)
    if "room_and_heating" not in errors and (error := _heating_error(options)):
        errors["room_and_heating"] = errors[CONF_COMFORT_SETPOINT] = error
    options[CONF_BLANKET_MODE] = values[CONF_BLANKET_MODE]
    quiet, error = _quiet_hours(
        values.get(CONF_QUIET_HOURS, stored.get(CONF_QUIET_HOURS))
    )
    if error is not None:
        errors[CONF_QUIET_HOURS] = error
    elif quiet is not None:
        options[CONF_QUIET_HOURS] = quiet
    return options, errors


def _stored(key: str, value: float, current: Any, unit: str) -> float | int:
    """Return a submitted value as stored (°C); unchanged, what was stored."""
    if value == shown_value(key, current, unit):
        return current  # type: ignore[no-any-return]
    converted = _convert(key, value, unit, CELSIUS)
    if isinstance(DEFAULT_OPTIONS[key], int) and converted.is_integer():
        return int(converted)
    return round(converted, 2)


def _heating_error(options: Mapping[str, Any]) -> str | None:
    """Return why the comfort temperature does not fit the others, if it does not."""
    if options[CONF_COMFORT_SETPOINT] > options[CONF_MAX_SETPOINT]:
        return "comfort_above_max"
    if (
        options[CONF_COMFORT_SETPOINT]
        <= options[CONF_COLD_THRESHOLD] + options[CONF_HYSTERESIS]
    ):
        return "comfort_not_warm"
    return None


def _quiet_hours(
    quiet: Mapping[str, Any] | None,
) -> tuple[dict[str, str] | None, str | None]:
    """Return the quiet hours to store (or none), or why they cannot be."""
    quiet = quiet or {}
    start, end = quiet.get(CONF_QUIET_START), quiet.get(CONF_QUIET_END)
    if not start and not end:
        return None, None
    if not (start and end):
        return None, "quiet_hours_incomplete"
    start_time, end_time = read_time(start), read_time(end)
    if start_time is None or end_time is None:
        return None, "quiet_hours_invalid"
    if start_time == end_time:
        return None, "quiet_hours_empty"
    return {CONF_QUIET_START: start_time, CONF_QUIET_END: end_time}, None
