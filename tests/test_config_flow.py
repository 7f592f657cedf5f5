"""Tests for the config, options and reconfigure flows."""

from __future__ import annotations

from datetime import time
from typing import Any

from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.const import CONF_NAME, UnitOfTemperature
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import (
    CONF_ACTIVITY_SENSOR,
    CONF_BEDTIME,
    CONF_BLANKET_SWITCH,
    CONF_CAREGIVERS,
    CONF_CLIMATE_ENTITY,
    CONF_MOVEMENT_SENSOR,
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
# The same, as typed in the form's time boxes (hours and minutes).
USER_TYPED = {**USER_INPUT, CONF_BEDTIME: "22:30", CONF_WAKE_TIME: "07:00"}


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


def _suggested(result: Any) -> dict[str, Any]:
    """Read the values a form suggests, by field name."""
    return {
        str(key): key.description["suggested_value"]
        for key in result["data_schema"].schema
        if key.description and "suggested_value" in key.description
    }


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
    assert _suggested(result) == {**USER_TYPED, CONF_NAME: typed}

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
    assert _suggested(result)[CONF_BEDTIME] == "22:30"  # shown without seconds
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
        result["flow_id"],
        {**new_input, CONF_BEDTIME: "23:0"},  # written as 23:00:00
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    # The integration's own words ("the log is kept"), not Home Assistant's.
    assert "translation_domain" not in result
    await hass.async_block_till_done()
    assert entry.data == {CONF_NAME: "Diane", **new_input}
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data.person.temperature_sensor == "sensor.new_thermometer"
    assert entry.runtime_data.person.climate_entity is None


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


async def test_times_are_typed_without_seconds(hass: HomeAssistant) -> None:
    """Bedtime and wake time are asked as hours and minutes, stored readable.

    The form offers 22:30 and 07:00; what is typed is stored so that
    `time.fromisoformat` reads it, like every entry written before.
    """
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    flow_id = result["flow_id"]
    schema = {str(key): key for key in result["data_schema"].schema}
    assert _suggested(result)[CONF_BEDTIME] == "22:30"  # what the form shows
    assert _suggested(result)[CONF_WAKE_TIME] == "07:00"
    selector_config = result["data_schema"].schema[schema[CONF_BEDTIME]].config
    assert selector_config["type"] == "time"

    result = await hass.config_entries.flow.async_configure(
        flow_id, {**USER_TYPED, CONF_BEDTIME: "23:15", CONF_WAKE_TIME: "6:45"}
    )
    result = await hass.config_entries.flow.async_configure(flow_id, {})
    assert result["data"][CONF_BEDTIME] == "23:15"  # ISO already: as typed
    assert result["data"][CONF_WAKE_TIME] == "06:45:00"  # written as ISO
    person = result["result"].runtime_data.person
    assert (person.bedtime, person.wake_time) == (time(23, 15), time(6, 45))


async def test_defaults_fill_the_times(hass: HomeAssistant) -> None:
    """A submission without times gets the defaults of SPEC §2."""
    flow_id = await _start(hass)
    await hass.config_entries.flow.async_configure(
        flow_id, {CONF_NAME: "Diane", CONF_TEMPERATURE_SENSOR: BEDROOM_SENSOR}
    )
    result = await hass.config_entries.flow.async_configure(flow_id, {})
    assert result["data"] == USER_INPUT


@pytest.mark.parametrize("typed", ["25:00", "half past ten", "22"])
async def test_a_time_that_is_not_one_is_refused_then_corrected(
    hass: HomeAssistant, typed: str
) -> None:
    """A time that cannot be read is refused on its field, kept as typed."""
    flow_id = await _start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {**USER_TYPED, CONF_WAKE_TIME: typed}
    )
    assert result["errors"] == {CONF_WAKE_TIME: "time_invalid"}
    assert _suggested(result)[CONF_WAKE_TIME] == typed
    result = await hass.config_entries.flow.async_configure(flow_id, USER_TYPED)
    assert result["step_id"] == "comforts"


async def test_a_taken_name_is_refused_with_the_other_errors_at_once(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """The duplicate check runs with the others: one submit shows every error."""
    mock_config_entry.add_to_hass(hass)
    flow_id = await _start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {**USER_TYPED, CONF_TEMPERATURE_SENSOR: "sensor.missing"}
    )
    assert result["errors"] == {
        CONF_NAME: "name_exists",
        CONF_TEMPERATURE_SENSOR: "sensor_not_found",
    }


async def test_activity_choices_are_step_and_minute_counters(
    hass: HomeAssistant,
) -> None:
    """The activity picker offers counters of steps or active minutes only.

    Not the bedroom thermometer, nor any other measurement; a counter without a
    unit is offered when it only adds up.
    """
    hass.states.async_set(
        "sensor.daily_steps", "1200", {"unit_of_measurement": "steps"}
    )
    hass.states.async_set("sensor.active_minutes", "25", {"unit_of_measurement": "min"})
    hass.states.async_set(
        "sensor.pedometer", "900", {"state_class": "total_increasing"}
    )
    hass.states.async_set("sensor.bedroom_humidity", "40", {"unit_of_measurement": "%"})
    hass.states.async_set("sensor.unit_less_level", "3")
    flow_id = await _start(hass)
    result = await hass.config_entries.flow.async_configure(flow_id, USER_INPUT)
    picker = result["data_schema"].schema[CONF_ACTIVITY_SENSOR]
    assert picker.serialize()["selector"]["entity"]["include_entities"] == [
        "sensor.active_minutes",
        "sensor.daily_steps",
        "sensor.pedometer",
    ]


@pytest.mark.parametrize(
    "refused", [BEDROOM_SENSOR, "sensor.bedroom_humidity"], ids=["thermometer", "%"]
)
async def test_activity_sensor_must_count_steps_or_minutes(
    hass: HomeAssistant, refused: str
) -> None:
    """The bedroom thermometer (or any measurement) is refused as activity sensor."""
    hass.states.async_set("sensor.bedroom_humidity", "40", {"unit_of_measurement": "%"})
    hass.states.async_set("sensor.active_minutes", "25", {"unit_of_measurement": "min"})
    flow_id = await _to_comforts(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_ACTIVITY_SENSOR: refused}
    )
    assert result["errors"] == {CONF_ACTIVITY_SENSOR: "activity_not_counter"}
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_ACTIVITY_SENSOR: "sensor.active_minutes"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_ACTIVITY_SENSOR] == "sensor.active_minutes"


@pytest.mark.parametrize("named_in", ["options", "attributes"])
async def test_the_thermostats_own_switch_is_not_the_heater(
    hass: HomeAssistant, named_in: str
) -> None:
    """A thermostat made from a switch (generic_thermostat) keeps its switch.

    The product would fight the thermostat over it: it is refused on the
    blanket field, and another switch, or the same one without that
    thermostat, goes through.
    """
    relay = "switch.radiator_relay"
    hass.states.async_set(relay, "off")
    hass.states.async_set("switch.electric_blanket", "off")
    helper = MockConfigEntry(
        domain="generic_thermostat",
        title="Bedroom radiator",
        options={"heater": relay} if named_in == "options" else {},
    )
    helper.add_to_hass(hass)
    radiator = (
        er.async_get(hass)
        .async_get_or_create(
            "climate", "generic_thermostat", "radiator", config_entry=helper
        )
        .entity_id
    )
    attributes = {"heater": [relay]} if named_in == "attributes" else {}
    hass.states.async_set(radiator, "heat", {"temperature": 18, **attributes})

    flow_id = await _to_comforts(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_CLIMATE_ENTITY: radiator, CONF_BLANKET_SWITCH: relay}
    )
    assert result["errors"] == {CONF_BLANKET_SWITCH: "blanket_is_thermostat_switch"}
    result = await hass.config_entries.flow.async_configure(
        flow_id,
        {CONF_BLANKET_SWITCH: relay},  # no thermostat: nothing to fight
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_BLANKET_SWITCH] == relay


async def test_a_thermostat_of_its_own_leaves_every_switch_free(
    hass: HomeAssistant,
) -> None:
    """A thermostat that names no switch (not a helper) refuses no blanket."""
    hass.states.async_set("switch.electric_blanket", "off")
    er.async_get(hass).async_get_or_create(
        "climate", "nest", "bedroom", suggested_object_id="bedroom"
    )
    flow_id = await _to_comforts(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id,
        {
            CONF_CLIMATE_ENTITY: THERMOSTAT,
            CONF_BLANKET_SWITCH: "switch.electric_blanket",
        },
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_reconfigure_refuses_what_setup_refuses(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Reconfigure checks times and the activity sensor as setup does."""
    result = await init_integration.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_TEMPERATURE_SENSOR: BEDROOM_SENSOR,
            CONF_BEDTIME: "22:30",
            CONF_WAKE_TIME: "7",
            CONF_ACTIVITY_SENSOR: BEDROOM_SENSOR,
        },
    )
    assert result["errors"] == {
        CONF_WAKE_TIME: "time_invalid",
        CONF_ACTIVITY_SENSOR: "activity_not_counter",
    }
    assert init_integration.data == PERSON_DATA


async def test_reconfigure_keeps_the_times_it_is_not_given(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A reconfigure submission without times keeps the person's, not the defaults."""
    hass.config_entries.async_update_entry(
        init_integration,
        data={**PERSON_DATA, CONF_BEDTIME: "21:45:00", CONF_WAKE_TIME: "06:15:00"},
    )
    await hass.async_block_till_done()
    result = await init_integration.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_TEMPERATURE_SENSOR: BEDROOM_SENSOR}
    )
    assert result["reason"] == "reconfigure_successful"
    assert init_integration.data[CONF_BEDTIME] == "21:45:00"
    assert init_integration.data[CONF_WAKE_TIME] == "06:15:00"
