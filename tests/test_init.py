"""Tests for setting up, unloading and migrating a person's entry."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import DOMAIN


async def test_setup_creates_the_persons_device(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A loaded entry has one device named after the person, and typed runtime data."""
    entry = init_integration
    assert entry.state is ConfigEntryState.LOADED
    devices = dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)
    assert len(devices) == 1
    device = devices[0]
    assert device.identifiers == {(DOMAIN, entry.entry_id)}
    assert device.name == "Diane"
    assert device.entry_type is dr.DeviceEntryType.SERVICE
    assert device.config_entry_id == entry.entry_id
    runtime = entry.runtime_data
    assert runtime.person.name == "Diane"
    assert runtime.person.bedtime.isoformat() == "22:30:00"
    assert runtime.options.cold_threshold == 19.0
    assert runtime.options.quiet_hours is None


async def test_unload(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    """Unloading the entry leaves it not loaded, and it sets up again."""
    entry = init_integration
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.NOT_LOADED
    assert await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.LOADED


async def test_setup_without_sensor_still_loads(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """A thermometer that is not there yet at startup does not stop the entry."""
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    assert mock_config_entry.state is ConfigEntryState.LOADED


async def test_newer_entry_version_is_refused(hass: HomeAssistant) -> None:
    """An entry written by a newer version is not loaded (no silent downgrade)."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Diane",
        data={},
        version=2,
        minor_version=1,
    )
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.MIGRATION_ERROR


async def test_older_minor_version_migrates(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """An entry from an older minor version loads and is brought up to date."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Diane",
        unique_id="diane",
        data=dict(mock_config_entry.data),
        version=1,
        minor_version=0,
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.LOADED
    assert entry.minor_version == 2
    assert entry.unique_id is None
    assert entry.runtime_data.options.blanket_max_minutes == 60
