"""Tests for the sensors: cramp risk level, score and exertion load."""

from __future__ import annotations

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.als_comfort.const import CONF_ACTIVITY_SENSOR

from .conftest import set_temperature

CRAMP_RISK = "sensor.diane_cramp_risk"
RISK_SCORE = "sensor.diane_cramp_risk_score"
EXERTION = "sensor.diane_exertion_load"
STEPS = "sensor.daily_steps"

pytestmark = pytest.mark.freeze_time("2026-11-25 12:00:00+00:00")


@pytest.fixture
def platforms() -> list[Platform]:
    """Load only the sensors."""
    return [Platform.SENSOR]


async def test_snapshot(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Every sensor, its registry entry and its state, on a warm afternoon."""
    await snapshot_platform(hass, entity_registry, snapshot, init_integration.entry_id)


@pytest.mark.usefixtures("init_integration")
async def test_warm_afternoon_is_low(hass: HomeAssistant) -> None:
    """A warm room by day with nothing logged is low risk with no reasons."""
    state = hass.states.get(CRAMP_RISK)
    assert state.state == "low"
    assert state.attributes["reasons"] == []
    assert state.attributes["score"] == 0
    assert state.attributes["options"] == ["low", "elevated", "high"]
    assert hass.states.get(RISK_SCORE).state == "0"


@pytest.mark.usefixtures("init_integration")
async def test_cold_room_raises_risk(hass: HomeAssistant) -> None:
    """A cold room by day makes the risk elevated, with the reason given."""
    set_temperature(hass, 17.5)
    await hass.async_block_till_done()
    state = hass.states.get(CRAMP_RISK)
    assert state.state == "elevated"
    assert state.attributes["reasons"] == ["cold_room"]
    assert int(hass.states.get(RISK_SCORE).state) == state.attributes["score"] > 0


@pytest.mark.usefixtures("init_integration")
async def test_unavailable_sensor_is_reported_as_a_reason(hass: HomeAssistant) -> None:
    """An unavailable thermometer shows as `sensor_unavailable`, not as warm."""
    set_temperature(hass, "unavailable")
    await hass.async_block_till_done()
    state = hass.states.get(CRAMP_RISK)
    assert "sensor_unavailable" in state.attributes["reasons"]
    assert "cold_room" not in state.attributes["reasons"]


async def test_steps_add_exertion_that_decays(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    bedroom: None,
) -> None:
    """3,000 steps are 30 moderate-minutes: 50 % of the limit, 25 % four hours on."""
    hass.states.async_set(STEPS, "1000", {"unit_of_measurement": "steps"})
    mock_config_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        mock_config_entry, data={**mock_config_entry.data, CONF_ACTIVITY_SENSOR: STEPS}
    )
    await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert float(hass.states.get(EXERTION).state) == 0

    hass.states.async_set(STEPS, "4000", {"unit_of_measurement": "steps"})
    await hass.async_block_till_done()
    assert float(hass.states.get(EXERTION).state) == pytest.approx(50, abs=0.5)

    freezer.tick(timedelta(hours=4))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert float(hass.states.get(EXERTION).state) == pytest.approx(25, abs=1)


async def test_activity_reset_is_not_negative(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, bedroom: None
) -> None:
    """A daily reset to 0 adds nothing; what is counted after it adds again."""
    hass.states.async_set(STEPS, "6000", {"unit_of_measurement": "steps"})
    mock_config_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        mock_config_entry, data={**mock_config_entry.data, CONF_ACTIVITY_SENSOR: STEPS}
    )
    await hass.config_entries.async_setup(mock_config_entry.entry_id)
    for value in ("0", "unavailable", "1200"):
        hass.states.async_set(STEPS, value, {"unit_of_measurement": "steps"})
        await hass.async_block_till_done()
    assert float(hass.states.get(EXERTION).state) == pytest.approx(20, abs=0.5)


async def test_active_minutes_count_one_to_one(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, bedroom: None
) -> None:
    """An active-minutes sensor adds its increase as moderate-minutes, and flags overexertion."""
    sensor = "sensor.active_minutes"
    hass.states.async_set(sensor, "10", {"unit_of_measurement": "min"})
    mock_config_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        mock_config_entry, data={**mock_config_entry.data, CONF_ACTIVITY_SENSOR: sensor}
    )
    await hass.config_entries.async_setup(mock_config_entry.entry_id)
    hass.states.async_set(sensor, "100", {"unit_of_measurement": "min"})
    await hass.async_block_till_done()
    assert float(hass.states.get(EXERTION).state) == pytest.approx(150, abs=0.5)
    assert "overexertion" in hass.states.get(CRAMP_RISK).attributes["reasons"]
