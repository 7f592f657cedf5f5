"""The setup and reconfigure fields: what each offers, and why a choice is refused.

The pickers offer only what fits (a temperature sensor; a step or active-minute
counter); the step judges every choice on its own field with a translated
reason, never the form's schema, whose errors are untranslated. Times of day
are in `flow_times.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
import math
from typing import Any, Final

from homeassistant.components.sensor import SensorDeviceClass, SensorStateClass
from homeassistant.components.sensor.const import ATTR_STATE_CLASS
from homeassistant.const import ATTR_DEVICE_CLASS, ATTR_UNIT_OF_MEASUREMENT
from homeassistant.core import HomeAssistant, State, split_entity_id, valid_entity_id
from homeassistant.helpers import (
    config_validation as cv,
    entity_registry as er,
    selector,
)
from homeassistant.util.unit_conversion import TemperatureConverter
import probatio

from .const import (
    CONF_ACTIVITY_SENSOR,
    CONF_BEDTIME,
    CONF_BLANKET_SWITCH,
    CONF_CAREGIVERS,
    CONF_CLIMATE_ENTITY,
    CONF_MOVEMENT_SENSOR,
    CONF_TEMPERATURE_SENSOR,
    CONF_WAKE_TIME,
)
from .flow_times import DEFAULT_TIMES, TIME_FIELDS, TIME_INPUT, read_time
from .inputs import ACTIVE_MINUTE_UNITS

NOTIFY_DOMAIN: Final = "notify"
# What a step counter reports as its unit (the coordinator reads every unit but
# minutes as steps).
STEP_UNITS: Final = frozenset({"steps", "step"})
ACTIVITY_UNITS: Final = STEP_UNITS | {unit.casefold() for unit in ACTIVE_MINUTE_UNITS}
CUMULATIVE: Final = (SensorStateClass.TOTAL, SensorStateClass.TOTAL_INCREASING)


class OfferedEntitySelector(selector.EntitySelector):
    """An entity picker that offers what fits; the step judges what was chosen.

    Its `include_entities` only narrows what the picker shows: Home Assistant's
    own check of that list would refuse anything else untranslated, in the schema.
    """

    def __call__(self, data: Any) -> str:
        """Accept any entity id of the picker's domain."""
        return str(cv.entity_domain(self.config["domain"])(data))


def person_schema(
    times: Mapping[str, Any] = DEFAULT_TIMES,
) -> dict[probatio.Marker, Any]:
    """Return the fields of the person's bedroom and night; `times` fill left-out times."""
    return {
        probatio.Required(CONF_TEMPERATURE_SENSOR): selector.EntitySelector(
            selector.EntitySelectorConfig(
                domain="sensor", device_class=SensorDeviceClass.TEMPERATURE
            )
        ),
        **{
            probatio.Required(field, default=times[field]): TIME_INPUT
            for field in TIME_FIELDS
        },
    }


def comforts_schema(hass: HomeAssistant) -> dict[probatio.Marker, Any]:
    """Return the optional comfort devices, caregivers and sensors."""
    return {
        probatio.Optional(CONF_CLIMATE_ENTITY): selector.EntitySelector(
            selector.EntitySelectorConfig(domain="climate")
        ),
        probatio.Optional(CONF_BLANKET_SWITCH): selector.EntitySelector(
            selector.EntitySelectorConfig(domain=["switch", "input_boolean"])
        ),
        probatio.Optional(CONF_CAREGIVERS): selector.SelectSelector(
            selector.SelectSelectorConfig(
                options=_notify_targets(hass),
                multiple=True,
                custom_value=True,
                mode=selector.SelectSelectorMode.DROPDOWN,
            )
        ),
        probatio.Optional(CONF_ACTIVITY_SENSOR): OfferedEntitySelector(
            selector.EntitySelectorConfig(
                domain="sensor", include_entities=activity_sensors(hass)
            )
        ),
        # Any entity whose state changes when the person moves (SPEC §12).
        probatio.Optional(CONF_MOVEMENT_SENSOR): selector.EntitySelector(),
    }


def _notify_targets(hass: HomeAssistant) -> list[str]:
    """List the notify entities and legacy notify services one could alert."""
    services = {
        f"{NOTIFY_DOMAIN}.{name}"
        for name in hass.services.async_services_for_domain(NOTIFY_DOMAIN)
        if name not in ("send_message", "notify")
    }
    return sorted(services | set(hass.states.async_entity_ids(NOTIFY_DOMAIN)))


def activity_sensors(hass: HomeAssistant) -> list[str]:
    """List the sensors that count steps or active minutes.

    By their unit; a counter without one (read as steps) is listed when it says
    it only adds up (state class total or total_increasing).
    """
    return sorted(
        state.entity_id
        for state in hass.states.async_all("sensor")
        if _counts_activity(state.attributes.get(ATTR_UNIT_OF_MEASUREMENT))
        or (
            ATTR_UNIT_OF_MEASUREMENT not in state.attributes
            and state.attributes.get(ATTR_STATE_CLASS) in CUMULATIVE
        )
    )


def _counts_activity(unit: Any) -> bool:
    """Tell whether a sensor's unit is that of steps or of active minutes."""
    return isinstance(unit, str) and unit.casefold() in ACTIVITY_UNITS


def _activity_error(state: State) -> str | None:
    """Return why a sensor cannot count activity: a unit that is not steps or min.

    A sensor without a unit is read as a step counter, as the coordinator does.
    """
    unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT)
    if unit is None or _counts_activity(unit):
        return None
    return "activity_not_counter"


def _temperature_sensor_error(hass: HomeAssistant, entity_id: str) -> str | None:
    """Return why an entity cannot serve as the bedroom thermometer, if it cannot."""
    if (state := hass.states.get(entity_id)) is None:
        return "sensor_not_found"
    unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT)
    if (
        state.attributes.get(ATTR_DEVICE_CLASS) != SensorDeviceClass.TEMPERATURE
        or unit not in TemperatureConverter.VALID_UNITS
    ):
        return "not_temperature"
    try:
        value = float(state.state)
    except ValueError:
        return "sensor_not_numeric"
    return None if math.isfinite(value) else "sensor_not_numeric"


def validate_person(
    hass: HomeAssistant, user_input: Mapping[str, Any]
) -> dict[str, str]:
    """Check the bedroom sensor and the night times; return field errors."""
    errors: dict[str, str] = {}
    sensor = user_input[CONF_TEMPERATURE_SENSOR]
    if (error := _temperature_sensor_error(hass, sensor)) is not None:
        errors[CONF_TEMPERATURE_SENSOR] = error
    times = {field: read_time(user_input[field]) for field in TIME_FIELDS}
    for field, value in times.items():
        if value is None:
            errors[field] = "time_invalid"
    if None not in times.values() and times[CONF_BEDTIME] == times[CONF_WAKE_TIME]:
        errors[CONF_WAKE_TIME] = "same_as_bedtime"
    return errors


def stored_person(user_input: Mapping[str, Any]) -> dict[str, Any]:
    """Return the person's validated fields as stored: times as `HH:MM:SS`."""
    return {
        CONF_TEMPERATURE_SENSOR: user_input[CONF_TEMPERATURE_SENSOR],
        **{field: read_time(user_input[field]) for field in TIME_FIELDS},
    }


def validate_comforts(
    hass: HomeAssistant, user_input: Mapping[str, Any]
) -> dict[str, str]:
    """Check every chosen device, sensor and caregiver; return field errors."""
    errors: dict[str, str] = {}
    for field in (
        CONF_CLIMATE_ENTITY,
        CONF_BLANKET_SWITCH,
        CONF_ACTIVITY_SENSOR,
        CONF_MOVEMENT_SENSOR,
    ):
        if (entity_id := user_input.get(field)) and hass.states.get(entity_id) is None:
            errors[field] = "entity_not_found"
    activity = hass.states.get(user_input.get(CONF_ACTIVITY_SENSOR) or "")
    if activity is not None and (error := _activity_error(activity)) is not None:
        errors[CONF_ACTIVITY_SENSOR] = error
    if CONF_BLANKET_SWITCH not in errors and _heats_through(
        hass, user_input.get(CONF_CLIMATE_ENTITY), user_input.get(CONF_BLANKET_SWITCH)
    ):
        errors[CONF_BLANKET_SWITCH] = "blanket_is_thermostat_switch"
    if (
        error := _caregivers_error(hass, user_input.get(CONF_CAREGIVERS, []))
    ) is not None:
        errors[CONF_CAREGIVERS] = error
    return errors


def _caregivers_error(hass: HomeAssistant, caregivers: list[str]) -> str | None:
    """Return why the caregiver list cannot be used, if it cannot."""
    if any(not _caregiver_exists(hass, target) for target in caregivers):
        return "caregiver_not_found"
    if len(set(caregivers)) != len(caregivers):
        return "caregiver_duplicate"
    return None


def _caregiver_exists(hass: HomeAssistant, target: str) -> bool:
    """Tell whether `notify.<name>` is a notify entity or a legacy notify service."""
    if not target.startswith(f"{NOTIFY_DOMAIN}."):
        return False
    if hass.states.get(target) is not None:
        return True
    return hass.services.has_service(NOTIFY_DOMAIN, split_entity_id(target)[1])


def _heats_through(
    hass: HomeAssistant, climate_id: str | None, switch_id: str | None
) -> bool:
    """Tell whether the thermostat itself switches this blanket or heater switch.

    A thermostat made from a switch (generic_thermostat and its kin) names its
    heater in its helper's settings or in its attributes: the product would
    then fight the thermostat over the same switch.
    """
    if not climate_id or not switch_id:
        return False
    state = hass.states.get(climate_id)
    named: list[Any] = list(state.attributes.values()) if state else []
    registered = er.async_get(hass).async_get(climate_id)
    helper_id = registered.config_entry_id if registered else None
    helper = hass.config_entries.async_get_entry(helper_id) if helper_id else None
    if helper is not None:
        named.extend([*helper.data.values(), *helper.options.values()])
    return switch_id in _entity_ids(named)


def _entity_ids(values: Iterable[Any]) -> set[str]:
    """Return the entity ids among settings: single ones and those in lists."""
    found: set[str] = set()
    for value in values:
        items = value if isinstance(value, list | tuple) else [value]
        found.update(
            item for item in items if isinstance(item, str) and valid_entity_id(item)
        )
    return found
