"""Config, options and reconfigure flows for ALS Comfort.

One config entry per person. Every entity the user picks is checked against the
live state machine before the entry is created (test-before-configure), each
refusal on its own field (`flow_fields.py`). An entry has no unique id (nothing
typed may become one): a name already set up, whatever its case or spacing, is
refused on the name field, after the other checks, with everything typed kept.
A person added again whose log was kept when they were removed is offered that
log back (`kept_logs.py`). The options (`flow_options.py`) are shown in
sections, in the user's unit system, and stored flat in °C.
"""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlowWithReload,
)
from homeassistant.const import CONF_NAME
from homeassistant.core import callback
from homeassistant.helpers import selector
import probatio

from .const import (
    CONF_ACTIVITY_SENSOR,
    CONF_BLANKET_SWITCH,
    CONF_CAREGIVERS,
    CONF_CLIMATE_ENTITY,
    CONF_MOVEMENT_SENSOR,
    CONF_TAKE_BACK_LOG,
    DEFAULT_OPTIONS,
    DOMAIN,
)
from .flow_fields import (
    comforts_schema,
    person_schema,
    stored_person,
    validate_comforts,
    validate_person,
)
from .flow_options import (
    OptionsForm,
    options_schema,
    placeholders,
    read_options,
    shown_options,
)
from .flow_times import DEFAULT_TIMES, shown_person
from .kept_logs import KeptLog, async_find, same_name

COMFORT_FIELDS = (
    CONF_CLIMATE_ENTITY,
    CONF_BLANKET_SWITCH,
    CONF_CAREGIVERS,
    CONF_ACTIVITY_SENSOR,
    CONF_MOVEMENT_SENSOR,
)
CONF_LOG = "log"
TAKE_BACK = "take_back"
NEW_LOG = "new_log"


def _picked(user_input: dict[str, Any]) -> dict[str, Any]:
    """Keep the comfort fields that carry a value (an empty choice is no choice)."""
    return {key: user_input[key] for key in COMFORT_FIELDS if user_input.get(key)}


class AlsComfortConfigFlow(ConfigFlow, domain=DOMAIN):
    """Set up ALS Comfort for one person."""

    VERSION = 1
    # 2: no unique id (minor version 1 entries had their typed name as one).
    MINOR_VERSION = 2
    # The kept log offered back, set before the `take_back` step is shown.
    _kept: KeptLog

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
                self._person = {CONF_NAME: name, **stored_person(user_input)}
                if (kept := await async_find(self.hass, name)) is not None:
                    self._kept = kept
                    return await self.async_step_take_back()
                return await self.async_step_comforts()
        schema = probatio.Schema(
            {probatio.Required(CONF_NAME): selector.TextSelector(), **person_schema()}
        )
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(
                schema, shown_person(user_input or DEFAULT_TIMES)
            ),
            errors=errors,
        )

    def _name_taken(self, name: str) -> bool:
        """Tell whether a person of this name is set up already (any case or spacing)."""
        return any(
            same_name(entry.data.get(CONF_NAME, entry.title), name)
            for entry in self._async_current_entries(include_ignore=False)
        )

    async def async_step_take_back(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Offer the log kept when a person of this name was removed."""
        if user_input is not None:
            if user_input[CONF_LOG] == TAKE_BACK:
                self._person[CONF_TAKE_BACK_LOG] = self._kept.entry_id
            return await self.async_step_comforts()
        schema = probatio.Schema(
            {
                probatio.Required(CONF_LOG, default=TAKE_BACK): selector.SelectSelector(
                    selector.SelectSelectorConfig(
                        options=[TAKE_BACK, NEW_LOG],
                        translation_key=CONF_LOG,
                        mode=selector.SelectSelectorMode.LIST,
                    )
                )
            }
        )
        return self.async_show_form(
            step_id="take_back",
            data_schema=schema,
            description_placeholders=self._kept.placeholders(),
        )

    async def async_step_comforts(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the optional thermostat, blanket, caregivers and sensors."""
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = validate_comforts(self.hass, user_input)
            if not errors:
                return self.async_create_entry(
                    title=self._person[CONF_NAME],
                    data={**self._person, **_picked(user_input)},
                    options=dict(DEFAULT_OPTIONS),
                )
        schema = probatio.Schema(comforts_schema(self.hass))
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
                        **stored_person(user_input),
                        **_picked(user_input),
                    },
                    # Our own words ("the log is kept"), not Home Assistant's.
                    reason="reconfigure_successful",
                )
        schema = probatio.Schema(person_schema(entry.data) | comforts_schema(self.hass))
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self.add_suggested_values_to_schema(
                schema, shown_person(user_input or entry.data)
            ),
            errors=errors,
            description_placeholders={"name": entry.title},
        )


class AlsComfortOptionsFlow(OptionsFlowWithReload):
    """Adjust the thresholds, shown in the user's unit system, in sections."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show every option; store them flat, temperatures in °C."""
        unit = self.hass.config.units.temperature_unit
        errors: dict[str, str] = {}
        if user_input is not None:
            options, errors = read_options(user_input, self.config_entry.options, unit)
            if not errors:
                return self.async_create_entry(data=options)
        shown = user_input or shown_options(self.config_entry.options, unit)
        schema = options_schema(unit, shown, expand=set(errors))
        return self.async_show_form(
            step_id="init",
            # Suggested values keep the form's own schema (flat names accepted).
            data_schema=OptionsForm(
                self.add_suggested_values_to_schema(schema, shown).schema
            ),
            errors=errors,
            description_placeholders=placeholders(unit),
        )
