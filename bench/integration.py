"""ALS Comfort set up for one person, as the config flow would have left it."""

from __future__ import annotations

from typing import Any, Final

from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry  # type: ignore[import-untyped]

from custom_components.als_comfort.const import (
    CONF_BEDTIME,
    CONF_CAREGIVERS,
    CONF_CLIMATE_ENTITY,
    CONF_TEMPERATURE_SENSOR,
    CONF_WAKE_TIME,
    DEFAULT_OPTIONS,
    DOMAIN,
)

from .harness import PHONE, SENSOR, THERMOSTAT

ENTRY_ID: Final = "01KALSCOMFORTBENCHENTRY000"
PERSON_DATA: Final[dict[str, Any]] = {
    CONF_NAME: "Diane",
    CONF_TEMPERATURE_SENSOR: SENSOR,
    CONF_BEDTIME: "22:30:00",
    CONF_WAKE_TIME: "07:00:00",
    CONF_CLIMATE_ENTITY: THERMOSTAT,
    CONF_CAREGIVERS: [PHONE],
}


def add_entry(hass: HomeAssistant) -> MockConfigEntry:
    """Add Diane's config entry (not set up yet)."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        entry_id=ENTRY_ID,
        title="Diane",
        data=dict(PERSON_DATA),
        options=dict(DEFAULT_OPTIONS),
        version=1,
        minor_version=2,
    )
    entry.add_to_hass(hass)
    return entry


async def async_unload(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Unload the entry and let everything settle."""
    if not await hass.config_entries.async_unload(entry.entry_id):
        raise RuntimeError("ALS Comfort did not unload")
    await hass.async_block_till_done()


def comforts_running(entry: MockConfigEntry) -> bool:
    """Return whether the loaded entry runs the heating comforts."""
    return getattr(entry.runtime_data, "comforts", None) is not None


def entity_ids(hass: HomeAssistant, entry: MockConfigEntry) -> set[str]:
    """Return the entity ids of the person's entities."""
    return {
        item.entity_id
        for item in er.async_entries_for_config_entry(
            er.async_get(hass), entry.entry_id
        )
    }


def comfort_switch(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """Return the entity id of the `comfort_actions` master switch."""
    entity_id = er.async_get(hass).async_get_entity_id(
        "switch", DOMAIN, f"{entry.entry_id}_comfort_actions"
    )
    if entity_id is None:
        raise RuntimeError("no comfort_actions switch")
    return entity_id
