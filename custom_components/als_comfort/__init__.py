"""ALS Comfort: cramp-prone conditions, comforts and a log for one person."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv, device_registry as dr
from homeassistant.helpers.typing import ConfigType

from .alerts import async_remove_alerts, async_setup_alerts
from .comforts import async_remove_comforts, async_setup_comforts
from .const import DOMAIN, LOGGER
from .frontend import async_register_card
from .http import ExportView
from .intents import async_setup_intents
from .kept_logs import async_remember, async_take_back
from .memory import InputMemory
from .report_view import ReportView
from .runtime import AlsComfortConfigEntry, build_runtime
from .services import async_setup_services
from .store import EpisodeLog
from .suggestion import async_remove_suggestion, async_setup_suggestion
from .voice import async_setup_voice

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)
PLATFORMS: list[Platform] = [
    Platform.BUTTON,
    Platform.BINARY_SENSOR,
    Platform.EVENT,
    Platform.SENSOR,
    Platform.SWITCH,
]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions, the CSV export, the report and the dashboard card."""
    async_setup_services(hass)
    async_setup_intents(hass)
    hass.http.register_view(ExportView())
    hass.http.register_view(ReportView())
    await async_register_card(hass)
    return True


# Entry functions return True: Home Assistant 2026.10 needs a bool, 2026.11 ignores it.
async def async_setup_entry(hass: HomeAssistant, entry: AlsComfortConfigEntry) -> bool:
    """Set up one person: runtime, device and platforms."""
    # A re-added person's kept log moves to this entry before its log loads.
    await async_take_back(hass, entry)
    runtime = build_runtime(hass, entry)
    entry.runtime_data = runtime
    await runtime.coordinator.async_load()
    runtime.coordinator.async_start()
    dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id, **runtime.device_info
    )
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    # After the platforms: the master switches have restored their positions.
    await async_setup_alerts(hass, entry)
    await async_setup_comforts(hass, entry)
    await async_setup_voice(hass, entry)
    await async_setup_suggestion(hass, entry)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: AlsComfortConfigEntry) -> bool:
    """Unload one person's platforms; everything else is owned by the entry."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(hass: HomeAssistant, entry: AlsComfortConfigEntry) -> None:
    """Put back what a deleted person's comforts changed; forget their state.

    The episode log is the person's health record: it stays on disk, noted as
    theirs, and is offered back if they are added again.
    """
    await async_remember(hass, entry.entry_id, entry.title)
    await async_remove_comforts(hass, entry)
    await async_remove_alerts(hass, entry)
    async_remove_suggestion(hass, entry.entry_id)
    await InputMemory(hass, entry.entry_id).async_remove()
    LOGGER.info(
        "The episode log of %s is kept at %s",
        entry.title,
        EpisodeLog(hass, entry.entry_id).path,
    )


async def async_migrate_entry(
    hass: HomeAssistant, entry: AlsComfortConfigEntry
) -> bool:
    """Bring an entry of an older minor version up to date.

    Home Assistant itself refuses entries of a newer major version. Minor
    version 1 entries carry their typed name as unique id; it is dropped, as no
    entry has one now (the config flow refuses a name already set up).
    """
    if entry.minor_version < 2:
        LOGGER.debug("Dropping the name-made unique id of entry %s", entry.entry_id)
        hass.config_entries.async_update_entry(entry, unique_id=None, minor_version=2)
    return True
