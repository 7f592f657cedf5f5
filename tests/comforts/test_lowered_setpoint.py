"""A lowered `max_setpoint` lowers a running boost at once (SPEC §10).

The options form reloads the entry; the reload finds the boost above the new
cap and lowers it, in the unit of the boost, before anything else.
"""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import UnitOfTemperature
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM
import pytest

from custom_components.als_comfort.const import (
    CONF_COMFORT_SETPOINT,
    CONF_MAX_SETPOINT,
    DOMAIN,
)
from tests.conftest import (
    HEATING_ISSUE,
    THERMOSTAT,
    FakeThermostat,
    advance_to,
    comfort_entry,
    report_room,
    set_temperature,
    set_up_entry,
)

from .conftest import HEATER, change_options, real_thermostat

pytestmark = pytest.mark.freeze_time("2026-11-25 22:00:00+00:00")


async def test_lowered_max_setpoint_lowers_a_running_boost_at_once(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """Boosted to 23 °C; the highest setting lowered to 22 °C: 22 °C right away."""
    await real_thermostat(hass)
    set_temperature(hass, 17)
    entry = await set_up_entry(
        hass, comfort_entry({CONF_COMFORT_SETPOINT: 23.0, CONF_MAX_SETPOINT: 24.0})
    )
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 23.0
    await advance_to(hass, freezer, "2026-11-25 23:00:00+00:00")
    await change_options(
        hass, entry, **{CONF_COMFORT_SETPOINT: 22.0, CONF_MAX_SETPOINT: 22.0}
    )
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 22.0
    assert hass.states.get(HEATER).state == "on"  # still heating, still managed

    await report_room(hass, 22.5)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 18.0


async def test_lowering_refused_is_tried_again(
    hass: HomeAssistant,
    bedroom: None,
    freezer: FrozenDateTimeFactory,
    issue_registry: ir.IssueRegistry,
) -> None:
    """The thermostat refuses the lower target: tried again until it takes it."""
    thermostat = FakeThermostat(hass)
    set_temperature(hass, 17)
    entry = await set_up_entry(
        hass, comfort_entry({CONF_COMFORT_SETPOINT: 23.0, CONF_MAX_SETPOINT: 24.0})
    )
    thermostat.fail["set_temperature"] = HomeAssistantError("device busy")
    await change_options(
        hass, entry, **{CONF_COMFORT_SETPOINT: 22.0, CONF_MAX_SETPOINT: 22.0}
    )
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 23.0
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is not None
    thermostat.fail.clear()
    await advance_to(hass, freezer, "2026-11-25 22:01:00+00:00")
    assert thermostat.calls[-1] == ("set_temperature", {"temperature": 22.0})
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 22.0
    assert issue_registry.async_get_issue(DOMAIN, HEATING_ISSUE) is None


async def test_fahrenheit_boost_under_a_lowered_cap(
    hass: HomeAssistant, bedroom: None
) -> None:
    """With US units, 73 °F lowered under a 22 °C (71.6 °F) cap: 71 °F is sent."""
    hass.config.units = US_CUSTOMARY_SYSTEM
    thermostat = FakeThermostat(hass, target=64.0)
    set_temperature(hass, 60, UnitOfTemperature.FAHRENHEIT)
    entry = await set_up_entry(
        hass, comfort_entry({CONF_COMFORT_SETPOINT: 23.0, CONF_MAX_SETPOINT: 24.0})
    )
    assert thermostat.calls == [("set_temperature", {"temperature": 73.0})]
    hass.config_entries.async_update_entry(
        entry,
        options={**entry.options, CONF_COMFORT_SETPOINT: 22.0, CONF_MAX_SETPOINT: 22.0},
    )
    await hass.config_entries.async_reload(entry.entry_id)  # as the options form does
    await hass.async_block_till_done()
    assert thermostat.calls[1:] == [("set_temperature", {"temperature": 71.0})]
