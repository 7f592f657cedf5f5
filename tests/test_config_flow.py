"""Tests for the config, options and reconfigure flows."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.const import CONF_NAME, UnitOfTemperature
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, section
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import (
    CONF_ACTIVITY_SENSOR,
    CONF_BEDTIME,
    CONF_BLANKET_MODE,
    CONF_BLANKET_NIGHT_MAX_MINUTES,
    CONF_BLANKET_SWITCH,
    CONF_CAREGIVERS,
    CONF_CLIMATE_ENTITY,
    CONF_COLD_THRESHOLD,
    CONF_COMFORT_SETPOINT,
    CONF_HYSTERESIS,
    CONF_MAX_SETPOINT,
    CONF_MOVEMENT_SENSOR,
    CONF_QUIET_HOURS,
    CONF_SENSOR_STALE_MINUTES,
    CONF_STILLNESS_MINUTES,
    CONF_TEMPERATURE_SENSOR,
    CONF_WAKE_TIME,
    DEFAULT_OPTIONS,
    DOMAIN,
)

from .conftest import (
    BEDROOM_SENSOR,
    CAREGIVER_PHONE,
    PERSON_DATA,
    THERMOSTAT,
    set_temperature,
)

pytestmark = pytest.mark.usefixtures("bedroom")

USER_INPUT = {
    CONF_NAME: "Diane",
    CONF_TEMPERATURE_SENSOR: BEDROOM_SENSOR,
    CONF_BEDTIME: "22:30:00",
    CONF_WAKE_TIME: "07:00:00",
}


async def _start(hass: HomeAssistant) -> str:
    """Open a new config flow and return its id."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {}
    return result["flow_id"]


async def _to_comforts(hass: HomeAssistant) -> str:
    """Pass the user step with valid input and return the flow id."""
    flow_id = await _start(hass)
    result = await hass.config_entries.flow.async_configure(flow_id, USER_INPUT)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "comforts"
    return flow_id


async def test_full_flow_creates_entry(hass: HomeAssistant) -> None:
    """A valid person and comforts create one entry with the default options."""
    flow_id = await _to_comforts(hass)
    hass.states.async_set("switch.heated_blanket", "off")
    hass.states.async_set("sensor.daily_steps", "1200")
    result = await hass.config_entries.flow.async_configure(
        flow_id,
        {
            CONF_CLIMATE_ENTITY: THERMOSTAT,
            CONF_BLANKET_SWITCH: "switch.heated_blanket",
            CONF_CAREGIVERS: [CAREGIVER_PHONE],
            CONF_ACTIVITY_SENSOR: "sensor.daily_steps",
        },
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Diane"
    assert result["data"] == {
        **USER_INPUT,
        CONF_CLIMATE_ENTITY: THERMOSTAT,
        CONF_BLANKET_SWITCH: "switch.heated_blanket",
        CONF_CAREGIVERS: [CAREGIVER_PHONE],
        CONF_ACTIVITY_SENSOR: "sensor.daily_steps",
    }
    assert result["options"] == DEFAULT_OPTIONS
    entry = result["result"]
    assert entry.unique_id is None  # nothing typed becomes a unique id
    assert entry.state is ConfigEntryState.LOADED


async def test_comforts_are_optional(hass: HomeAssistant) -> None:
    """Skipping every comfort gives an entry with the person's fields only."""
    flow_id = await _to_comforts(hass)
    result = await hass.config_entries.flow.async_configure(flow_id, {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == USER_INPUT


async def test_name_is_trimmed(hass: HomeAssistant) -> None:
    """Spaces around the name are not part of the title."""
    flow_id = await _start(hass)
    await hass.config_entries.flow.async_configure(
        flow_id, {**USER_INPUT, CONF_NAME: "  Diane  "}
    )
    result = await hass.config_entries.flow.async_configure(flow_id, {})
    assert result["title"] == "Diane"
    assert result["data"][CONF_NAME] == "Diane"


@pytest.mark.parametrize(
    ("prepare", "changes", "field", "error"),
    [
        pytest.param(None, {CONF_NAME: "   "}, CONF_NAME, "name_invalid", id="blank"),
        pytest.param(None, {CONF_NAME: "!!"}, CONF_NAME, "name_invalid", id="symbols"),
        pytest.param(
            None,
            {CONF_TEMPERATURE_SENSOR: "sensor.missing"},
            CONF_TEMPERATURE_SENSOR,
            "sensor_not_found",
            id="missing",
        ),
        pytest.param(
            lambda hass: hass.states.async_set(
                BEDROOM_SENSOR, "20", {"unit_of_measurement": "°C"}
            ),
            {},
            CONF_TEMPERATURE_SENSOR,
            "not_temperature",
            id="no-device-class",
        ),
        pytest.param(
            lambda hass: hass.states.async_set(
                BEDROOM_SENSOR,
                "20",
                {"device_class": "temperature", "unit_of_measurement": "%"},
            ),
            {},
            CONF_TEMPERATURE_SENSOR,
            "not_temperature",
            id="wrong-unit",
        ),
        pytest.param(
            lambda hass: set_temperature(hass, "unavailable"),
            {},
            CONF_TEMPERATURE_SENSOR,
            "sensor_not_numeric",
            id="unavailable",
        ),
        pytest.param(
            lambda hass: set_temperature(hass, "nan"),
            {},
            CONF_TEMPERATURE_SENSOR,
            "sensor_not_numeric",
            id="nan",
        ),
        pytest.param(
            None,
            {CONF_WAKE_TIME: "22:30:00"},
            CONF_WAKE_TIME,
            "same_as_bedtime",
            id="same-times",
        ),
    ],
)
async def test_user_step_errors_then_recovery(
    hass: HomeAssistant,
    prepare: Any,
    changes: dict[str, Any],
    field: str,
    error: str,
) -> None:
    """Each bad answer is shown on its field, and a good one then goes through."""
    if prepare is not None:
        prepare(hass)
    flow_id = await _start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {**USER_INPUT, **changes}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {field: error}

    set_temperature(hass, 20.5)
    result = await hass.config_entries.flow.async_configure(flow_id, USER_INPUT)
    assert result["step_id"] == "comforts"
    result = await hass.config_entries.flow.async_configure(flow_id, {})
    assert result["type"] is FlowResultType.CREATE_ENTRY


@pytest.mark.parametrize(
    ("comforts", "field", "error"),
    [
        pytest.param(
            {CONF_CLIMATE_ENTITY: "climate.nowhere"},
            CONF_CLIMATE_ENTITY,
            "entity_not_found",
            id="climate",
        ),
        pytest.param(
            {CONF_BLANKET_SWITCH: "switch.nowhere"},
            CONF_BLANKET_SWITCH,
            "entity_not_found",
            id="blanket",
        ),
        pytest.param(
            {CONF_ACTIVITY_SENSOR: "sensor.nowhere"},
            CONF_ACTIVITY_SENSOR,
            "entity_not_found",
            id="activity",
        ),
        pytest.param(
            {CONF_CAREGIVERS: ["notify.mobile_app_lost_phone"]},
            CONF_CAREGIVERS,
            "caregiver_not_found",
            id="unknown-notifier",
        ),
        pytest.param(
            {CONF_CAREGIVERS: ["light.kitchen"]},
            CONF_CAREGIVERS,
            "caregiver_not_found",
            id="not-notify",
        ),
        pytest.param(
            {CONF_CAREGIVERS: [CAREGIVER_PHONE, CAREGIVER_PHONE]},
            CONF_CAREGIVERS,
            "caregiver_duplicate",
            id="duplicate",
        ),
    ],
)
async def test_comforts_step_errors_then_recovery(
    hass: HomeAssistant, comforts: dict[str, Any], field: str, error: str
) -> None:
    """A missing device or caregiver is refused on its field, then corrected."""
    flow_id = await _to_comforts(hass)
    result = await hass.config_entries.flow.async_configure(flow_id, comforts)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "comforts"
    assert result["errors"] == {field: error}

    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_CAREGIVERS: [CAREGIVER_PHONE]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_CAREGIVERS] == [CAREGIVER_PHONE]


async def test_notify_entity_is_a_caregiver(hass: HomeAssistant) -> None:
    """A notify entity (new-style notifier) is accepted as a caregiver."""
    hass.states.async_set("notify.pauls_watch", "unknown")
    flow_id = await _to_comforts(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_CAREGIVERS: ["notify.pauls_watch", CAREGIVER_PHONE]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_CAREGIVERS] == ["notify.pauls_watch", CAREGIVER_PHONE]


async def test_caregiver_choices_list_notifiers(hass: HomeAssistant) -> None:
    """The caregiver list offers notify entities and legacy notify services only."""
    hass.states.async_set("notify.pauls_watch", "unknown")
    hass.services.async_register("notify", "send_message", _noop)
    flow_id = await _start(hass)
    result = await hass.config_entries.flow.async_configure(flow_id, USER_INPUT)
    caregivers = result["data_schema"].schema[CONF_CAREGIVERS]
    assert caregivers.config["options"] == [CAREGIVER_PHONE, "notify.pauls_watch"]


async def _noop(*_: Any) -> None:
    """Stand in for a service."""


@pytest.mark.parametrize("typed", ["DIANE", "  diane ", "Diane"])
async def test_duplicate_person_is_refused_on_the_name(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, typed: str
) -> None:
    """A second entry for the same person (name, any case or spacing) is refused.

    The refusal is on the name field, with everything typed kept, and another
    name then goes through: an abandoned flow never blocks a name.
    """
    mock_config_entry.add_to_hass(hass)
    flow_id = await _start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {**USER_INPUT, CONF_NAME: typed}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_NAME: "name_exists"}
    assert _suggested(result) == {**USER_INPUT, CONF_NAME: typed}

    result = await hass.config_entries.flow.async_configure(
        flow_id, {**USER_INPUT, CONF_NAME: "Diane Martin"}
    )
    assert result["step_id"] == "comforts"
    result = await hass.config_entries.flow.async_configure(flow_id, {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Diane Martin"


async def test_entry_with_a_name_made_unique_id_is_migrated(
    hass: HomeAssistant, bedroom: None
) -> None:
    """An entry of minor version 1 loses its name-made unique id, keeps the rest."""
    old = MockConfigEntry(
        domain=DOMAIN,
        title="Diane",
        unique_id="diane",
        data=dict(PERSON_DATA),
        options=dict(DEFAULT_OPTIONS),
        version=1,
        minor_version=1,
    )
    old.add_to_hass(hass)
    assert await hass.config_entries.async_setup(old.entry_id)
    await hass.async_block_till_done()
    assert old.state is ConfigEntryState.LOADED
    assert (old.version, old.minor_version, old.unique_id) == (1, 2, None)
    assert old.data == PERSON_DATA
    assert old.options == DEFAULT_OPTIONS


async def _open_options(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """Open the options flow of a loaded entry and return its id."""
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "init"
    return result["flow_id"]


def _suggested(result: Any) -> dict[str, Any]:
    """Read the values a form suggests, by field name, sections as dicts."""
    return _suggested_in(result["data_schema"])


def _suggested_in(schema: Any) -> dict[str, Any]:
    """Read suggested values from a schema, descending into sections."""
    values: dict[str, Any] = {}
    for key, value in schema.schema.items():
        if isinstance(value, section):
            values[str(key)] = _suggested_in(value.schema)
        elif key.description and "suggested_value" in key.description:
            values[str(key)] = key.description["suggested_value"]
    return values


def _options_form(**changes: Any) -> dict[str, Any]:
    """Build a submitted options form in °C from the defaults and changes."""
    return {**DEFAULT_OPTIONS, CONF_QUIET_HOURS: {}, **changes}


async def test_options_flow_celsius(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Options are shown and stored in °C, and the entry reloads with them."""
    entry = init_integration
    flow_id = await _open_options(hass, entry)
    result = await hass.config_entries.options.async_configure(
        flow_id,
        _options_form(
            **{
                CONF_COLD_THRESHOLD: 18.5,
                CONF_QUIET_HOURS: {"start": "23:00:00", "end": "06:30:00"},
            }
        ),
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert entry.options[CONF_COLD_THRESHOLD] == 18.5
    assert entry.options[CONF_QUIET_HOURS] == {"start": "23:00:00", "end": "06:30:00"}
    assert entry.options["blanket_max_minutes"] == 60
    assert isinstance(entry.options["blanket_max_minutes"], int)
    assert entry.runtime_data.options.cold_threshold == 18.5

    result = await hass.config_entries.options.async_init(entry.entry_id)
    shown = _suggested(result)
    assert shown[CONF_COLD_THRESHOLD] == 18.5
    assert shown[CONF_QUIET_HOURS] == {"start": "23:00:00", "end": "06:30:00"}


async def test_options_flow_fahrenheit(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """With US units, temperatures are shown in °F and stored in °C."""
    hass.config.units = US_CUSTOMARY_SYSTEM
    entry = init_integration
    result = await hass.config_entries.options.async_init(entry.entry_id)
    shown = _suggested(result)
    assert shown[CONF_COLD_THRESHOLD] == 66.2
    assert shown[CONF_HYSTERESIS] == 0.9
    assert shown[CONF_MAX_SETPOINT] == 75.2
    assert result["description_placeholders"] == {"unit": UnitOfTemperature.FAHRENHEIT}

    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        _options_form(
            **{
                CONF_COLD_THRESHOLD: 66,
                CONF_HYSTERESIS: 0.9,
                CONF_COMFORT_SETPOINT: 70,
                CONF_MAX_SETPOINT: 75,
            }
        ),
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()  # the entry reloads with the new options
    assert entry.options[CONF_COLD_THRESHOLD] == 18.89
    assert entry.options[CONF_HYSTERESIS] == 0.5
    assert entry.options[CONF_COMFORT_SETPOINT] == 21.11
    assert entry.options[CONF_MAX_SETPOINT] == 23.89
    assert CONF_QUIET_HOURS not in entry.options


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        pytest.param(
            {CONF_COMFORT_SETPOINT: 25.0, CONF_MAX_SETPOINT: 24.0},
            CONF_COMFORT_SETPOINT,
            "comfort_above_max",
            id="comfort-above-max",
        ),
        pytest.param(
            {CONF_COMFORT_SETPOINT: 19.5, CONF_COLD_THRESHOLD: 19.0},
            CONF_COMFORT_SETPOINT,
            "comfort_not_warm",
            id="comfort-not-warm",
        ),
        pytest.param(
            {CONF_QUIET_HOURS: {"start": "23:00:00"}},
            CONF_QUIET_HOURS,
            "quiet_hours_incomplete",
            id="quiet-start-only",
        ),
        pytest.param(
            {CONF_QUIET_HOURS: {"start": "23:00:00", "end": "23:00:00"}},
            CONF_QUIET_HOURS,
            "quiet_hours_empty",
            id="quiet-empty",
        ),
    ],
)
async def test_options_errors_then_recovery(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    changes: dict[str, Any],
    field: str,
    error: str,
) -> None:
    """Inconsistent thresholds are refused and change nothing until corrected."""
    entry = init_integration
    flow_id = await _open_options(hass, entry)
    result = await hass.config_entries.options.async_configure(
        flow_id, _options_form(**changes)
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {field: error}
    assert (
        _suggested(result)[CONF_COMFORT_SETPOINT]
        == _options_form(**changes)[CONF_COMFORT_SETPOINT]
    )
    assert entry.options == DEFAULT_OPTIONS

    result = await hass.config_entries.options.async_configure(
        flow_id, _options_form(**{CONF_COMFORT_SETPOINT: 22.0})
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()  # the entry reloads with the new options
    assert entry.options[CONF_COMFORT_SETPOINT] == 22.0


async def test_reconfigure_changes_entities_keeps_name(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Reconfigure swaps the sensor and devices, keeps the name, and reloads."""
    entry = init_integration
    set_temperature(hass, 68, UnitOfTemperature.FAHRENHEIT, "sensor.new_thermometer")
    hass.states.async_set("input_boolean.heater", "off")
    result = await entry.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"
    assert _suggested(result)[CONF_TEMPERATURE_SENSOR] == BEDROOM_SENSOR
    assert result["description_placeholders"] == {"name": "Diane"}

    new_input = {
        CONF_TEMPERATURE_SENSOR: "sensor.new_thermometer",
        CONF_BEDTIME: "23:00:00",
        CONF_WAKE_TIME: "06:30:00",
        CONF_BLANKET_SWITCH: "input_boolean.heater",
    }
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**new_input, CONF_BLANKET_SWITCH: "input_boolean.nothing"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_BLANKET_SWITCH: "entity_not_found"}
    assert entry.data[CONF_TEMPERATURE_SENSOR] == BEDROOM_SENSOR

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], new_input
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert entry.data == {CONF_NAME: "Diane", **new_input}
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data.person.temperature_sensor == "sensor.new_thermometer"
    assert entry.runtime_data.person.climate_entity is None


async def test_options_flow_version_two_options(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """The blanket mode, nightly budget, silent-thermometer and stillness times round-trip."""
    entry = init_integration
    result = await hass.config_entries.options.async_init(entry.entry_id)
    shown = _suggested(result)
    assert shown[CONF_BLANKET_MODE] == "prewarm"
    assert shown[CONF_SENSOR_STALE_MINUTES] == 180
    assert shown[CONF_BLANKET_NIGHT_MAX_MINUTES] == 120
    assert shown[CONF_STILLNESS_MINUTES] == 120
    assert entry.runtime_data.options.blanket_mode == "prewarm"

    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        _options_form(
            **{
                CONF_BLANKET_MODE: "comfort",
                CONF_SENSOR_STALE_MINUTES: 0,
                CONF_BLANKET_NIGHT_MAX_MINUTES: 90,
                CONF_STILLNESS_MINUTES: 150,
            }
        ),
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert entry.options[CONF_BLANKET_MODE] == "comfort"
    assert entry.options[CONF_SENSOR_STALE_MINUTES] == 0
    options = entry.runtime_data.options
    assert (options.blanket_mode, options.sensor_stale_minutes) == ("comfort", 0)
    assert options.blanket_night_max_minutes == 90
    assert options.stillness_minutes == 150

    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert _suggested(result)[CONF_BLANKET_MODE] == "comfort"


async def test_reconfigure_movement_sensor(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A movement sensor is checked like every other entity and then kept."""
    entry = init_integration
    hass.states.async_set("binary_sensor.bed_occupancy", "on")
    result = await entry.start_reconfigure_flow(hass)
    base = {
        CONF_TEMPERATURE_SENSOR: BEDROOM_SENSOR,
        CONF_BEDTIME: "22:30:00",
        CONF_WAKE_TIME: "07:00:00",
    }
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**base, CONF_MOVEMENT_SENSOR: "binary_sensor.nothing"}
    )
    assert result["errors"] == {CONF_MOVEMENT_SENSOR: "entity_not_found"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**base, CONF_MOVEMENT_SENSOR: "binary_sensor.bed_occupancy"}
    )
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert entry.data[CONF_MOVEMENT_SENSOR] == "binary_sensor.bed_occupancy"
    assert entry.runtime_data.person.movement_sensor == "binary_sensor.bed_occupancy"
