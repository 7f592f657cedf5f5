"""Config, options and reconfigure flows for ALS Comfort.

One config entry per person. Every entity the user picks is checked against the
live state machine before the entry is created (test-before-configure), and
thresholds are shown in the user's unit system but stored in °C. An entry has no
unique id (nothing typed may become one): a name already set up, whatever its
case or spacing, is refused on the name field, with everything typed kept.
"""

from __future__ import annotations

from collections.abc import Mapping
import math
from typing import Any

from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlowWithReload,
)
from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    ATTR_UNIT_OF_MEASUREMENT,
    CONF_NAME,
    UnitOfTemperature,
)
from homeassistant.core import HomeAssistant, callback, split_entity_id
from homeassistant.data_entry_flow import section
from homeassistant.helpers import selector
from homeassistant.util.unit_conversion import TemperatureConverter
import probatio

from .const import (
    BLANKET_MODES,
    CONF_ACTIVITY_SENSOR,
    CONF_BEDTIME,
    CONF_BLANKET_MODE,
    CONF_BLANKET_SWITCH,
    CONF_CAREGIVERS,
    CONF_CLIMATE_ENTITY,
    CONF_COLD_THRESHOLD,
    CONF_COMFORT_SETPOINT,
    CONF_HYSTERESIS,
    CONF_MAX_SETPOINT,
    CONF_MOVEMENT_SENSOR,
    CONF_QUIET_END,
    CONF_QUIET_HOURS,
    CONF_QUIET_START,
    CONF_TEMPERATURE_SENSOR,
    CONF_WAKE_TIME,
    DEFAULT_BEDTIME,
    DEFAULT_BLANKET_MODE,
    DEFAULT_OPTIONS,
    DEFAULT_WAKE_TIME,
    DOMAIN,
    OPTION_BOUNDS,
    OPTION_UNITS,
    TEMPERATURE_INTERVAL_OPTIONS,
    TEMPERATURE_OPTIONS,
)

NOTIFY_DOMAIN = "notify"
CELSIUS = UnitOfTemperature.CELSIUS

PERSON_FIELDS = (CONF_TEMPERATURE_SENSOR, CONF_BEDTIME, CONF_WAKE_TIME)
COMFORT_FIELDS = (
    CONF_CLIMATE_ENTITY,
    CONF_BLANKET_SWITCH,
    CONF_CAREGIVERS,
    CONF_ACTIVITY_SENSOR,
    CONF_MOVEMENT_SENSOR,
)


def _person_schema() -> dict[probatio.Marker, Any]:
    """Return the fields that describe the person's bedroom and night."""
    return {
        probatio.Required(CONF_TEMPERATURE_SENSOR): selector.EntitySelector(
            selector.EntitySelectorConfig(
                domain="sensor", device_class=SensorDeviceClass.TEMPERATURE
            )
        ),
        probatio.Required(
            CONF_BEDTIME, default=DEFAULT_BEDTIME.isoformat()
        ): selector.TimeSelector(),
        probatio.Required(
            CONF_WAKE_TIME, default=DEFAULT_WAKE_TIME.isoformat()
        ): selector.TimeSelector(),
    }


def _comforts_schema(hass: HomeAssistant) -> dict[probatio.Marker, Any]:
    """Return the optional comfort devices, caregivers and activity sensor."""
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
        probatio.Optional(CONF_ACTIVITY_SENSOR): selector.EntitySelector(
            selector.EntitySelectorConfig(domain="sensor")
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


def _caregiver_exists(hass: HomeAssistant, target: str) -> bool:
    """Tell whether `notify.<name>` is a notify entity or a legacy notify service."""
    if not target.startswith(f"{NOTIFY_DOMAIN}."):
        return False
    if hass.states.get(target) is not None:
        return True
    return hass.services.has_service(NOTIFY_DOMAIN, split_entity_id(target)[1])


def validate_person(
    hass: HomeAssistant, user_input: Mapping[str, Any]
) -> dict[str, str]:
    """Check the bedroom sensor and the night times; return field errors."""
    errors: dict[str, str] = {}
    sensor = user_input[CONF_TEMPERATURE_SENSOR]
    if (error := _temperature_sensor_error(hass, sensor)) is not None:
        errors[CONF_TEMPERATURE_SENSOR] = error
    if user_input[CONF_BEDTIME] == user_input[CONF_WAKE_TIME]:
        errors[CONF_WAKE_TIME] = "same_as_bedtime"
    return errors


def validate_comforts(
    hass: HomeAssistant, user_input: Mapping[str, Any]
) -> dict[str, str]:
    """Check that every chosen device and caregiver exists; return field errors."""
    errors: dict[str, str] = {}
    for field in (
        CONF_CLIMATE_ENTITY,
        CONF_BLANKET_SWITCH,
        CONF_ACTIVITY_SENSOR,
        CONF_MOVEMENT_SENSOR,
    ):
        if (entity_id := user_input.get(field)) and hass.states.get(entity_id) is None:
            errors[field] = "entity_not_found"
    caregivers = user_input.get(CONF_CAREGIVERS, [])
    if any(not _caregiver_exists(hass, target) for target in caregivers):
        errors[CONF_CAREGIVERS] = "caregiver_not_found"
    elif len(set(caregivers)) != len(caregivers):
        errors[CONF_CAREGIVERS] = "caregiver_duplicate"
    return errors


def _same_name(first: str, second: str) -> bool:
    """Tell whether two typed names are the same, whatever their case or spacing."""
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def _pick(user_input: Mapping[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """Keep the given fields that carry a value (an empty choice is no choice)."""
    return {key: user_input[key] for key in fields if user_input.get(key)}


class AlsComfortConfigFlow(ConfigFlow, domain=DOMAIN):
    """Set up ALS Comfort for one person."""

    VERSION = 1
    # 2: no unique id (minor version 1 entries had their typed name as one).
    MINOR_VERSION = 2

    def __init__(self) -> None:
        """Start with nothing chosen."""
        self._person: dict[str, Any] = {}

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> AlsComfortOptionsFlow:
        """Return the options flow for the thresholds."""
        return AlsComfortOptionsFlow()

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask who the person is, which thermometer is in the bedroom, and bedtime."""
        errors: dict[str, str] = {}
        if user_input is not None:
            name = user_input[CONF_NAME].strip()
            errors = validate_person(self.hass, user_input)
            if not any(character.isalnum() for character in name):
                errors[CONF_NAME] = "name_invalid"
            elif self._name_taken(name):
                errors[CONF_NAME] = "name_exists"
            if not errors:
                self._person = {CONF_NAME: name, **_pick(user_input, PERSON_FIELDS)}
                return await self.async_step_comforts()
        schema = probatio.Schema(
            {probatio.Required(CONF_NAME): selector.TextSelector(), **_person_schema()}
        )
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(schema, user_input),
            errors=errors,
        )

    def _name_taken(self, name: str) -> bool:
        """Tell whether a person of this name is set up already (any case or spacing)."""
        return any(
            _same_name(entry.data.get(CONF_NAME, entry.title), name)
            for entry in self._async_current_entries(include_ignore=False)
        )

    async def async_step_comforts(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the optional thermostat, blanket, caregivers and activity sensor."""
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = validate_comforts(self.hass, user_input)
            if not errors:
                return self.async_create_entry(
                    title=self._person[CONF_NAME],
                    data={**self._person, **_pick(user_input, COMFORT_FIELDS)},
                    options=dict(DEFAULT_OPTIONS),
                )
        schema = probatio.Schema(_comforts_schema(self.hass))
        return self.async_show_form(
            step_id="comforts",
            data_schema=self.add_suggested_values_to_schema(schema, user_input),
            errors=errors,
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the person's entities and times; the log stays untouched."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = validate_person(self.hass, user_input) | validate_comforts(
                self.hass, user_input
            )
            if not errors:
                return self.async_update_reload_and_abort(
                    entry,
                    data={
                        CONF_NAME: entry.data[CONF_NAME],
                        **_pick(user_input, PERSON_FIELDS + COMFORT_FIELDS),
                    },
                )
        schema = probatio.Schema(_person_schema() | _comforts_schema(self.hass))
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self.add_suggested_values_to_schema(
                schema, user_input if user_input is not None else entry.data
            ),
            errors=errors,
            description_placeholders={"name": entry.title},
        )


class AlsComfortOptionsFlow(OptionsFlowWithReload):
    """Adjust the thresholds, shown in the user's unit system."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show every option; convert temperatures to and from °C."""
        unit = self.hass.config.units.temperature_unit
        errors: dict[str, str] = {}
        if user_input is not None:
            options = _options_to_celsius(user_input, unit)
            errors = validate_options(options)
            if not errors:
                return self.async_create_entry(data=options)
        shown = (
            user_input
            if user_input is not None
            else _options_from_celsius(self.config_entry.options, unit)
        )
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(
                _options_schema(unit), shown
            ),
            errors=errors,
            description_placeholders={"unit": unit},
        )


def validate_options(options: Mapping[str, Any]) -> dict[str, str]:
    """Check that the thresholds make sense together; return field errors."""
    errors: dict[str, str] = {}
    if options[CONF_COMFORT_SETPOINT] > options[CONF_MAX_SETPOINT]:
        errors[CONF_COMFORT_SETPOINT] = "comfort_above_max"
    elif (
        options[CONF_COMFORT_SETPOINT]
        <= options[CONF_COLD_THRESHOLD] + options[CONF_HYSTERESIS]
    ):
        errors[CONF_COMFORT_SETPOINT] = "comfort_not_warm"
    if (quiet := options.get(CONF_QUIET_HOURS)) is not None:
        if not (quiet[CONF_QUIET_START] and quiet[CONF_QUIET_END]):
            errors[CONF_QUIET_HOURS] = "quiet_hours_incomplete"
        elif quiet[CONF_QUIET_START] == quiet[CONF_QUIET_END]:
            errors[CONF_QUIET_HOURS] = "quiet_hours_empty"
    return errors


def _convert(key: str, value: float, from_unit: str, to_unit: str) -> float:
    """Convert one option between units: temperatures, intervals or as is."""
    if key in TEMPERATURE_OPTIONS:
        return TemperatureConverter.convert(value, from_unit, to_unit)
    if key in TEMPERATURE_INTERVAL_OPTIONS:
        return TemperatureConverter.convert_interval(value, from_unit, to_unit)
    return value


def _options_to_celsius(user_input: Mapping[str, Any], unit: str) -> dict[str, Any]:
    """Turn the submitted form into stored options (°C, quiet hours or none)."""
    options: dict[str, Any] = {
        key: _stored_value(key, _convert(key, float(user_input[key]), unit, CELSIUS))
        for key in DEFAULT_OPTIONS
    }
    options[CONF_BLANKET_MODE] = user_input.get(CONF_BLANKET_MODE, DEFAULT_BLANKET_MODE)
    quiet = user_input.get(CONF_QUIET_HOURS) or {}
    if quiet.get(CONF_QUIET_START) or quiet.get(CONF_QUIET_END):
        options[CONF_QUIET_HOURS] = {
            CONF_QUIET_START: quiet.get(CONF_QUIET_START),
            CONF_QUIET_END: quiet.get(CONF_QUIET_END),
        }
    return options


def _stored_value(key: str, value: float) -> float | int:
    """Round a value for storage: whole numbers where the option counts minutes."""
    if isinstance(DEFAULT_OPTIONS[key], int) and value.is_integer():
        return int(value)
    return round(value, 2)


def _options_from_celsius(options: Mapping[str, Any], unit: str) -> dict[str, Any]:
    """Turn stored options into the values shown in the user's unit system."""
    shown: dict[str, Any] = {
        key: round(_convert(key, float(options.get(key, default)), CELSIUS, unit), 1)
        for key, default in DEFAULT_OPTIONS.items()
    }
    shown[CONF_BLANKET_MODE] = options.get(CONF_BLANKET_MODE, DEFAULT_BLANKET_MODE)
    shown[CONF_QUIET_HOURS] = dict(options.get(CONF_QUIET_HOURS) or {})
    return shown


def _options_schema(unit: str) -> probatio.Schema:
    """Build the options form with bounds converted to the user's unit."""
    fields: dict[probatio.Marker, Any] = {}
    for key in DEFAULT_OPTIONS:
        low, high, step = OPTION_BOUNDS[key]
        config = selector.NumberSelectorConfig(
            min=round(_convert(key, low, CELSIUS, unit), 1),
            max=round(_convert(key, high, CELSIUS, unit), 1),
            step=step,
            mode=selector.NumberSelectorMode.BOX,
        )
        if key in TEMPERATURE_OPTIONS + TEMPERATURE_INTERVAL_OPTIONS:
            config["unit_of_measurement"] = unit
        elif key in OPTION_UNITS:
            config["unit_of_measurement"] = OPTION_UNITS[key]
        fields[probatio.Required(key)] = selector.NumberSelector(config)
    fields[probatio.Optional(CONF_BLANKET_MODE)] = selector.SelectSelector(
        selector.SelectSelectorConfig(
            options=list(BLANKET_MODES),
            translation_key=CONF_BLANKET_MODE,
            mode=selector.SelectSelectorMode.LIST,
        )
    )
    fields[probatio.Required(CONF_QUIET_HOURS)] = section(
        probatio.Schema(
            {
                probatio.Optional(CONF_QUIET_START): selector.TimeSelector(),
                probatio.Optional(CONF_QUIET_END): selector.TimeSelector(),
            }
        ),
        {"collapsed": True},
    )
    return probatio.Schema(fields)
