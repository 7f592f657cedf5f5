"""Shared fixtures: a bedroom, a thermostat, caregivers and a configured person."""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from typing import Any
from unittest.mock import patch

from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    ATTR_UNIT_OF_MEASUREMENT,
    CONF_NAME,
    Platform,
    UnitOfTemperature,
)
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from syrupy.assertion import SnapshotAssertion

from custom_components.als_comfort import PLATFORMS
from custom_components.als_comfort.const import (
    CONF_BEDTIME,
    CONF_CAREGIVERS,
    CONF_CLIMATE_ENTITY,
    CONF_TEMPERATURE_SENSOR,
    CONF_WAKE_TIME,
    DEFAULT_OPTIONS,
    DOMAIN,
)

BEDROOM_SENSOR = "sensor.bedroom_temperature"
THERMOSTAT = "climate.bedroom"
CAREGIVER_PHONE = "notify.mobile_app_pauls_phone"

PERSON_DATA: dict[str, Any] = {
    CONF_NAME: "Diane",
    CONF_TEMPERATURE_SENSOR: BEDROOM_SENSOR,
    CONF_BEDTIME: "22:30:00",
    CONF_WAKE_TIME: "07:00:00",
    CONF_CLIMATE_ENTITY: THERMOSTAT,
    CONF_CAREGIVERS: [CAREGIVER_PHONE],
}


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Snapshots with Home Assistant's serializer (stable registry ids and states)."""
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    enable_custom_integrations: None,
) -> Generator[None]:
    """Let Home Assistant load the integration from custom_components."""
    return


def set_temperature(
    hass: HomeAssistant,
    value: str | float,
    unit: str = UnitOfTemperature.CELSIUS,
    entity_id: str = BEDROOM_SENSOR,
) -> None:
    """Report a bedroom temperature the way a real temperature sensor does."""
    hass.states.async_set(
        entity_id,
        str(value),
        {ATTR_DEVICE_CLASS: "temperature", ATTR_UNIT_OF_MEASUREMENT: unit},
    )


def pending_timers(hass: HomeAssistant) -> int:
    """Count the timers still scheduled on the event loop (for leak checks)."""
    loop: asyncio.BaseEventLoop = hass.loop  # type: ignore[assignment]
    return sum(not handle.cancelled() for handle in loop._scheduled)


@pytest.fixture
def bedroom(hass: HomeAssistant) -> None:
    """A bedroom with a working thermometer, a thermostat and a caregiver phone."""
    set_temperature(hass, 20.5)
    hass.states.async_set(THERMOSTAT, "heat", {"temperature": 18})
    hass.services.async_register("notify", CAREGIVER_PHONE.split(".")[1], _no_op)


async def _no_op(*_: Any) -> None:
    """Stand in for a phone notifier in config-flow checks."""


@pytest.fixture
def mock_config_entry() -> MockConfigEntry:
    """The config entry the config flow writes for Diane."""
    return MockConfigEntry(
        domain=DOMAIN,
        entry_id="01KALSCOMFORTTESTENTRY0000",
        title="Diane",
        unique_id="diane",
        data=dict(PERSON_DATA),
        options=dict(DEFAULT_OPTIONS),
        version=1,
        minor_version=1,
    )


@pytest.fixture
def platforms() -> list[Platform]:
    """The platforms to load; a test module narrows this for snapshots."""
    return list(PLATFORMS)


@pytest.fixture
async def init_integration(
    hass: HomeAssistant,
    bedroom: None,
    mock_config_entry: MockConfigEntry,
    platforms: list[Platform],
) -> MockConfigEntry:
    """Diane's entry, set up and loaded, in a London bedroom."""
    await hass.config.async_set_time_zone("Europe/London")
    mock_config_entry.add_to_hass(hass)
    with patch("custom_components.als_comfort.PLATFORMS", platforms):
        assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
        await hass.async_block_till_done()
    return mock_config_entry
