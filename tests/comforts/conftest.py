"""Shared fixtures and helpers of the comfort tests: a real blanket switch."""

from __future__ import annotations

from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import Context, HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import (
    CONF_BLANKET_SWITCH,
    CONF_CLIMATE_ENTITY,
    DOMAIN,
)
from tests.conftest import DIANE_ENTRY_ID as ENTRY_ID, comfort_entry

BLANKET = "input_boolean.blanket"
COMFORT_ACTIONS = "switch.diane_comfort_actions"
STORAGE_KEY = f"{DOMAIN}.{ENTRY_ID}.comforts"


async def unload(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Unload the entry and let everything settle."""
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


@pytest.fixture
async def blanket(hass: HomeAssistant) -> None:
    """A real heated blanket switch (an input_boolean), off."""
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"blanket": None}}
    )
    await hass.async_block_till_done()


def blanket_entry() -> MockConfigEntry:
    """Diane's entry with a blanket and no thermostat."""
    return comfort_entry(**{CONF_CLIMATE_ENTITY: None, CONF_BLANKET_SWITCH: BLANKET})


async def switch_blanket(hass: HomeAssistant, service: str) -> None:
    """Switch the blanket as a person would."""
    await hass.services.async_call(
        "input_boolean",
        service,
        {ATTR_ENTITY_ID: BLANKET},
        blocking=True,
        context=Context(),  # a person at the device or in the UI
    )
    await hass.async_block_till_done()
