"""Tests for the options flow: sections on screen, flat names stored, units shown.

The form groups the options in sections (their fields arrive nested, as the
frontend sends them); the options' public names are flat (SPEC §2) and a
submission with them works the same. Errors are translated, name the range and
unit, belong to the submit that caused them, and show where they can be seen.
"""

from __future__ import annotations

from typing import Any

from homeassistant.const import UnitOfTemperature
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData, section
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import (
    CONF_BLANKET_MAX_MINUTES,
    CONF_BLANKET_MODE,
    CONF_BLANKET_NIGHT_MAX_MINUTES,
    CONF_COLD_THRESHOLD,
    CONF_COMFORT_SETPOINT,
    CONF_EXERTION_LIMIT,
    CONF_HYSTERESIS,
    CONF_MAX_SETPOINT,
    CONF_QUIET_HOURS,
    CONF_SENSOR_STALE_MINUTES,
    CONF_STILLNESS_MINUTES,
    DEFAULT_OPTIONS,
)

SECTIONS = [
    "room_and_heating",
    "night",
    "exertion_and_cramps",
    "blanket_or_heater",
    "caregiver_alerts",
    "quiet_hours",
    "sensors",
]
QUIET = {"start": "23:00:00", "end": "06:30:00"}


async def _open_options(hass: HomeAssistant, entry: MockConfigEntry) -> Any:
    """Open the options flow of a loaded entry and return its form."""
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "init"
    return result


def _sections(result: Any) -> dict[str, section]:
    """Return the form's sections by name, in order."""
    return {str(key): value for key, value in result["data_schema"].schema.items()}


def _shown(result: Any) -> dict[str, Any]:
    """Read the values the form shows, by option name (quiet hours as a dict)."""
    shown: dict[str, Any] = {}
    for name, part in _sections(result).items():
        values = {
            str(key): key.description["suggested_value"]
            for key in part.schema.schema
            if key.description and "suggested_value" in key.description
        }
        shown.update({name: values} if name == CONF_QUIET_HOURS else values)
    return shown


def _options_form(**changes: Any) -> dict[str, Any]:
    """Build a flat submission (SPEC §2 names) in °C from the defaults and changes."""
    return {**DEFAULT_OPTIONS, CONF_QUIET_HOURS: {}, **changes}


async def test_options_flow_celsius(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Options are shown and stored in °C, and the entry reloads with them."""
    entry = init_integration
    result = await _open_options(hass, entry)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        _options_form(**{CONF_COLD_THRESHOLD: 18.5, CONF_QUIET_HOURS: QUIET}),
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert entry.options[CONF_COLD_THRESHOLD] == 18.5
    assert entry.options[CONF_QUIET_HOURS] == QUIET
    assert entry.options["blanket_max_minutes"] == 60
    assert isinstance(entry.options["blanket_max_minutes"], int)
    assert entry.runtime_data.options.cold_threshold == 18.5

    shown = _shown(await _open_options(hass, entry))
    assert shown[CONF_COLD_THRESHOLD] == 18.5
    assert shown[CONF_QUIET_HOURS] == {"start": "23:00", "end": "06:30"}


async def test_the_form_is_grouped_in_sections_with_units_and_ranges(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Sections in order; every number has its unit; each range is in the texts."""
    result = await _open_options(hass, init_integration)
    sections = _sections(result)
    assert list(sections) == SECTIONS
    fields = {
        name: [str(key) for key in part.schema.schema]
        for name, part in sections.items()
    }
    assert fields["blanket_or_heater"] == [
        CONF_BLANKET_MODE,
        CONF_BLANKET_MAX_MINUTES,
        CONF_BLANKET_NIGHT_MAX_MINUTES,
    ]
    assert fields["sensors"] == [CONF_SENSOR_STALE_MINUTES, CONF_STILLNESS_MINUTES]
    # Every option is in exactly one section.
    assert sorted(key for keys in fields.values() for key in keys) == sorted(
        [*DEFAULT_OPTIONS, CONF_BLANKET_MODE, "start", "end"]
    )
    units = {
        str(key): selector.config.get("unit_of_measurement")
        for part in sections.values()
        for key, selector in part.schema.schema.items()
        if selector.serialize()["selector"].get("number") is not None
    }
    assert units[CONF_EXERTION_LIMIT] == "min"
    assert units[CONF_COLD_THRESHOLD] == UnitOfTemperature.CELSIUS
    assert None not in units.values()
    placeholders = result["description_placeholders"]
    assert placeholders["cold_threshold_min"] == "10"
    assert placeholders["cold_threshold_max"] == "26"
    assert placeholders["blanket_max_minutes_min"] == "5"
    assert placeholders["exertion_half_life_hours_min"] == "0.5"
    # Unset quiet hours fold away; the others are open.
    assert [name for name, part in sections.items() if part.options["collapsed"]] == [
        CONF_QUIET_HOURS
    ]


async def test_a_submission_as_the_frontend_sends_it_is_stored_flat(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Each section's fields arrive nested; the stored options stay flat."""
    entry = init_integration
    result = await _open_options(hass, entry)
    nested = {name: dict(values) for name, values in _nested_defaults().items()}
    nested["room_and_heating"][CONF_COLD_THRESHOLD] = 18.0
    nested["blanket_or_heater"][CONF_BLANKET_MODE] = "comfort"
    nested[CONF_QUIET_HOURS] = {"start": "22:45", "end": "06:15"}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], nested
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert dict(entry.options) == {
        **DEFAULT_OPTIONS,
        CONF_COLD_THRESHOLD: 18.0,
        CONF_BLANKET_MODE: "comfort",
        CONF_QUIET_HOURS: {"start": "22:45", "end": "06:15"},
    }


def _nested_defaults() -> dict[str, dict[str, Any]]:
    """The default options as the frontend sends them, by section."""
    return {
        "room_and_heating": {
            key: DEFAULT_OPTIONS[key]
            for key in (
                CONF_COLD_THRESHOLD,
                CONF_HYSTERESIS,
                CONF_COMFORT_SETPOINT,
                CONF_MAX_SETPOINT,
            )
        },
        "night": {"pre_bedtime_minutes": 60},
        "exertion_and_cramps": {
            CONF_EXERTION_LIMIT: 60,
            "exertion_half_life_hours": 4,
            "cramp_cluster_minutes": 60,
        },
        "blanket_or_heater": {
            CONF_BLANKET_MODE: "prewarm",
            CONF_BLANKET_MAX_MINUTES: 60,
            CONF_BLANKET_NIGHT_MAX_MINUTES: 120,
        },
        "caregiver_alerts": {
            "alert_cooldown_minutes": 30,
            "escalate_after_minutes": 10,
        },
        CONF_QUIET_HOURS: {},
        "sensors": {CONF_SENSOR_STALE_MINUTES: 180, CONF_STILLNESS_MINUTES: 120},
    }


async def test_a_flat_submission_may_leave_options_out(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Only the options named change; the others keep their values."""
    entry = init_integration
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, CONF_QUIET_HOURS: QUIET}
    )
    await hass.async_block_till_done()
    result = await _open_options(hass, entry)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_STILLNESS_MINUTES: 90}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert dict(entry.options) == {
        **DEFAULT_OPTIONS,
        CONF_STILLNESS_MINUTES: 90,
        CONF_BLANKET_MODE: "prewarm",
        CONF_QUIET_HOURS: QUIET,
    }


async def test_an_unknown_option_name_is_refused(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A misspelt option is not silently dropped."""
    result = await _open_options(hass, init_integration)
    with pytest.raises(InvalidData):
        await hass.config_entries.options.async_configure(
            result["flow_id"], {"cold_treshold": 18}
        )
    assert init_integration.options == DEFAULT_OPTIONS


async def test_options_flow_fahrenheit(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """In °F temperatures are shown as typed (66, not 66.2) and never drift.

    Submitting what is shown keeps the stored °C exactly; a changed value is
    stored in °C precisely enough to come back as typed.
    """
    hass.config.units = US_CUSTOMARY_SYSTEM
    entry = init_integration
    result = await _open_options(hass, entry)
    shown = _shown(result)
    assert shown[CONF_COLD_THRESHOLD] == 66
    assert shown[CONF_HYSTERESIS] == 0.9
    assert shown[CONF_COMFORT_SETPOINT] == 70
    assert shown[CONF_MAX_SETPOINT] == 75
    assert result["description_placeholders"]["unit"] == UnitOfTemperature.FAHRENHEIT
    assert result["description_placeholders"]["cold_threshold_min"] == "50"
    assert result["description_placeholders"]["cold_threshold_max"] == "78"

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _options_form(**shown)
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    # Unchanged: nothing drifted.
    assert entry.options == {**DEFAULT_OPTIONS, CONF_BLANKET_MODE: "prewarm"}

    result = await _open_options(hass, entry)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        _options_form(**{**shown, CONF_COLD_THRESHOLD: 65, CONF_MAX_SETPOINT: 77}),
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert entry.options[CONF_COLD_THRESHOLD] == 18.33
    assert entry.options[CONF_MAX_SETPOINT] == 25.0
    assert entry.options[CONF_COMFORT_SETPOINT] == 21.0
    shown = _shown(await _open_options(hass, entry))
    assert (shown[CONF_COLD_THRESHOLD], shown[CONF_MAX_SETPOINT]) == (65, 77)


@pytest.mark.parametrize(
    ("changes", "section_name", "field", "error"),
    [
        pytest.param(
            {CONF_COMFORT_SETPOINT: 25.0, CONF_MAX_SETPOINT: 24.0},
            "room_and_heating",
            CONF_COMFORT_SETPOINT,
            "comfort_above_max",
            id="comfort-above-max",
        ),
        pytest.param(
            {CONF_COMFORT_SETPOINT: 19.5, CONF_COLD_THRESHOLD: 19.0},
            "room_and_heating",
            CONF_COMFORT_SETPOINT,
            "comfort_not_warm",
            id="comfort-not-warm",
        ),
        pytest.param(
            {CONF_BLANKET_MAX_MINUTES: 2},
            "blanket_or_heater",
            CONF_BLANKET_MAX_MINUTES,
            "blanket_max_minutes_out_of_range",
            id="too-small",
        ),
        pytest.param(
            {CONF_COLD_THRESHOLD: 30.0},
            "room_and_heating",
            CONF_COLD_THRESHOLD,
            "cold_threshold_out_of_range",
            id="too-large",
        ),
        pytest.param(
            {CONF_QUIET_HOURS: {"start": "23:00:00"}},
            CONF_QUIET_HOURS,
            None,
            "quiet_hours_incomplete",
            id="quiet-start-only",
        ),
        pytest.param(
            {CONF_QUIET_HOURS: {"start": "23:00", "end": "23:00"}},
            CONF_QUIET_HOURS,
            None,
            "quiet_hours_empty",
            id="quiet-empty",
        ),
        pytest.param(
            {CONF_QUIET_HOURS: {"start": "23:00", "end": "7 am"}},
            CONF_QUIET_HOURS,
            None,
            "quiet_hours_invalid",
            id="quiet-not-a-time",
        ),
    ],
)
async def test_options_errors_then_recovery(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    changes: dict[str, Any],
    section_name: str,
    field: str | None,
    error: str,
) -> None:
    """A bad value is refused (translated, on its section) and changes nothing.

    The form keeps what was typed, and a good value then goes through.
    """
    entry = init_integration
    result = await _open_options(hass, entry)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _options_form(**changes)
    )
    assert result["type"] is FlowResultType.FORM
    # On its section (what the frontend shows) and on the option's public name.
    assert result["errors"] == {section_name: error} | ({field: error} if field else {})
    assert not _sections(result)[section_name].options["collapsed"]
    shown = _shown(result)
    for key, value in changes.items():
        if key != CONF_QUIET_HOURS:
            assert shown[key] == value
    assert entry.options == DEFAULT_OPTIONS

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _options_form(**{CONF_COMFORT_SETPOINT: 22.0})
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()  # the entry reloads with the new options
    assert entry.options[CONF_COMFORT_SETPOINT] == 22.0


async def test_a_range_error_names_the_range_in_the_users_unit(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A temperature out of range in °F is refused with the °F range."""
    hass.config.units = US_CUSTOMARY_SYSTEM
    result = await _open_options(hass, init_integration)
    form = _options_form(**_shown(result))
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**form, CONF_COLD_THRESHOLD: 45}
    )
    assert result["errors"] == dict.fromkeys(
        ("room_and_heating", CONF_COLD_THRESHOLD), "cold_threshold_out_of_range"
    )
    placeholders = result["description_placeholders"]
    assert (placeholders["cold_threshold_min"], placeholders["cold_threshold_max"]) == (
        "50",
        "78",
    )
    assert placeholders["unit"] == UnitOfTemperature.FAHRENHEIT


async def test_each_submit_shows_only_its_own_errors(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """An error fixed on the next submit is gone, whatever else is wrong then."""
    result = await _open_options(hass, init_integration)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _options_form(**{CONF_BLANKET_MAX_MINUTES: 1000})
    )
    assert result["errors"] == dict.fromkeys(
        ("blanket_or_heater", CONF_BLANKET_MAX_MINUTES),
        "blanket_max_minutes_out_of_range",
    )
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _options_form(**{CONF_EXERTION_LIMIT: 5})
    )
    assert result["errors"] == dict.fromkeys(
        ("exertion_and_cramps", CONF_EXERTION_LIMIT), "exertion_limit_out_of_range"
    )
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _options_form()
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_quiet_hours_that_are_set_are_shown_open(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Quiet hours fold away only while unset."""
    hass.config_entries.async_update_entry(
        init_integration, options={**DEFAULT_OPTIONS, CONF_QUIET_HOURS: QUIET}
    )
    await hass.async_block_till_done()
    result = await _open_options(hass, init_integration)
    assert not _sections(result)[CONF_QUIET_HOURS].options["collapsed"]


async def test_options_flow_version_two_options(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """The blanket mode, nightly budget, silent-thermometer and stillness times round-trip."""
    entry = init_integration
    result = await _open_options(hass, entry)
    shown = _shown(result)
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

    result = await _open_options(hass, entry)
    assert _shown(result)[CONF_BLANKET_MODE] == "comfort"
