"""Tests for the binary sensors: night window, cold room, overexertion, cluster."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNKNOWN, Platform
from homeassistant.core import HomeAssistant, State
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    mock_restore_cache,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from .conftest import set_temperature

NIGHT_WINDOW = "binary_sensor.diane_night_window"
COLD_ROOM = "binary_sensor.diane_cold_room"
MEMORY = "als_comfort.01KALSCOMFORTTESTENTRY0000.inputs"

pytestmark = pytest.mark.freeze_time("2026-11-25 18:00:00+00:00")


@pytest.fixture
def platforms() -> list[Platform]:
    """Load only the binary sensors."""
    return [Platform.BINARY_SENSOR]


async def test_snapshot(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Every binary sensor, its registry entry and its state."""
    await snapshot_platform(hass, entity_registry, snapshot, init_integration.entry_id)


def _london(text: str) -> datetime:
    """An instant given as London wall-clock time."""
    return datetime.fromisoformat(text).replace(
        tzinfo=dt_util.get_time_zone("Europe/London")
    )


async def _go(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, when: datetime
) -> None:
    """Move the clock and let the scheduled timers fire."""
    freezer.move_to(when)
    async_fire_time_changed(hass, when)
    await hass.async_block_till_done()


@pytest.mark.usefixtures("init_integration")
async def test_night_window_opens_and_closes_at_local_times(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Bedtime 22:30, one hour before: open 21:30 to 07:00 London time."""
    assert hass.states.get(NIGHT_WINDOW).state == STATE_OFF
    await _go(hass, freezer, _london("2026-11-25T21:29:59"))
    assert hass.states.get(NIGHT_WINDOW).state == STATE_OFF
    await _go(hass, freezer, _london("2026-11-25T21:30:00"))
    assert hass.states.get(NIGHT_WINDOW).state == STATE_ON
    await _go(hass, freezer, _london("2026-11-26T03:00:00"))
    assert hass.states.get(NIGHT_WINDOW).state == STATE_ON
    await _go(hass, freezer, _london("2026-11-26T06:59:59"))
    assert hass.states.get(NIGHT_WINDOW).state == STATE_ON
    await _go(hass, freezer, _london("2026-11-26T07:00:00"))
    assert hass.states.get(NIGHT_WINDOW).state == STATE_OFF


@pytest.mark.usefixtures("init_integration")
async def test_night_window_follows_a_time_zone_change(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Moving Home Assistant to New York moves the window to New York's evening."""
    await _go(hass, freezer, _london("2026-11-25T22:00:00"))
    assert hass.states.get(NIGHT_WINDOW).state == STATE_ON
    await hass.config.async_update(time_zone="America/New_York")
    await hass.async_block_till_done()
    # 22:00 in London is 17:00 in New York: not yet night there.
    assert hass.states.get(NIGHT_WINDOW).state == STATE_OFF
    await _go(hass, freezer, _london("2026-11-26T02:30:00"))  # 21:30 New York
    assert hass.states.get(NIGHT_WINDOW).state == STATE_ON


@pytest.mark.usefixtures("init_integration")
@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        pytest.param(["20.5"], STATE_OFF, id="warm"),
        pytest.param(["18.9"], STATE_ON, id="cold"),
        pytest.param(["18.9", "19.2"], STATE_ON, id="warming-inside-margin"),
        pytest.param(["18.9", "19.5"], STATE_ON, id="at-margin"),
        pytest.param(["18.9", "19.6"], STATE_OFF, id="above-margin"),
        pytest.param(["20.5", "19.2"], STATE_OFF, id="cooling-not-yet-cold"),
        pytest.param(["18.9", "19.6", "19.1"], STATE_OFF, id="cleared-stays-clear"),
    ],
)
async def test_cold_room_hysteresis(
    hass: HomeAssistant, readings: list[str], expected: str
) -> None:
    """Cold below 19 °C; clears only above 19.5 °C (threshold + 0.5 margin)."""
    for reading in readings:
        set_temperature(hass, reading)
        await hass.async_block_till_done()
    assert hass.states.get(COLD_ROOM).state == expected


@pytest.mark.usefixtures("init_integration")
@pytest.mark.parametrize(
    ("celsius", "fahrenheit"),
    [("18.9", "66.0"), ("20.5", "68.9"), ("15.0", "59.0")],
)
async def test_fahrenheit_sensor_matches_celsius(
    hass: HomeAssistant, celsius: str, fahrenheit: str
) -> None:
    """A °F thermometer gives the same verdict as the same room in °C."""
    set_temperature(hass, celsius)
    await hass.async_block_till_done()
    in_celsius = hass.states.get(COLD_ROOM).state
    set_temperature(hass, 21.0)
    await hass.async_block_till_done()
    set_temperature(hass, fahrenheit, "°F")
    await hass.async_block_till_done()
    assert hass.states.get(COLD_ROOM).state == in_celsius


@pytest.mark.usefixtures("init_integration")
@pytest.mark.parametrize(
    "reading", ["unavailable", "unknown", "nan", "inf", "warm", "-80"]
)
async def test_unusable_reading_is_unknown_not_warm(
    hass: HomeAssistant, reading: str
) -> None:
    """A reading that cannot be trusted gives no cold/warm verdict at all."""
    set_temperature(hass, 18.0)
    await hass.async_block_till_done()
    assert hass.states.get(COLD_ROOM).state == STATE_ON
    set_temperature(hass, reading)
    await hass.async_block_till_done()
    assert hass.states.get(COLD_ROOM).state == STATE_UNKNOWN


@pytest.mark.usefixtures("init_integration")
async def test_sensor_removed_is_unknown(hass: HomeAssistant) -> None:
    """A thermometer that disappears gives an unknown verdict."""
    hass.states.async_remove("sensor.bedroom_temperature")
    await hass.async_block_till_done()
    assert hass.states.get(COLD_ROOM).state == STATE_UNKNOWN


@pytest.mark.usefixtures("init_integration")
async def test_cold_room_without_unit_is_unknown(hass: HomeAssistant) -> None:
    """A reading with no temperature unit is not guessed at."""
    hass.states.async_set(
        "sensor.bedroom_temperature", "18", {"device_class": "temperature"}
    )
    await hass.async_block_till_done()
    assert hass.states.get(COLD_ROOM).state == STATE_UNKNOWN


@pytest.mark.usefixtures("init_integration")
async def test_cold_room_says_what_it_measures_against(hass: HomeAssistant) -> None:
    """The thermometer and both thresholds are attributes, in the user's unit."""
    attributes = hass.states.get(COLD_ROOM).attributes
    assert attributes["temperature_entity"] == "sensor.bedroom_temperature"
    assert attributes["threshold"] == 19.0
    assert attributes["clears_above"] == 19.5
    assert attributes["temperature_unit"] == "°C"
    assert "temperature" not in attributes, "the live reading would write each time"


@pytest.mark.usefixtures("init_integration")
async def test_cold_room_thresholds_follow_the_unit_system(
    hass: HomeAssistant,
) -> None:
    """Switching Home Assistant to °F shows 19 °C as 66.2 °F, 19.5 °C as 67.1 °F."""
    set_temperature(hass, 18.0)
    await hass.async_block_till_done()
    await hass.config.async_update(unit_system="us_customary")
    await hass.async_block_till_done()
    state = hass.states.get(COLD_ROOM)
    assert state.state == STATE_ON
    assert state.attributes["threshold"] == 66.2
    assert state.attributes["clears_above"] == 67.1
    assert state.attributes["temperature_unit"] == "°F"


async def test_cold_room_threshold_of_the_options_in_fahrenheit(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, bedroom: None
) -> None:
    """A home in °F sees the stored 17.5 °C threshold as 63.5 °F."""
    await hass.config.async_update(unit_system="us_customary")
    mock_config_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        mock_config_entry,
        options={**mock_config_entry.options, "cold_threshold": 17.5, "hysteresis": 1},
    )
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    attributes = hass.states.get(COLD_ROOM).attributes
    assert attributes["threshold"] == 63.5
    assert attributes["clears_above"] == 65.3
    assert attributes["temperature_unit"] == "°F"


@pytest.mark.usefixtures("init_integration")
async def test_night_window_gives_its_edges_and_the_bedtime(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The current or next window: opens 21:30, bedtime 22:30, closes 07:00."""
    tonight = {
        "opens": "2026-11-25T21:30:00+00:00",
        "bedtime": "2026-11-25T22:30:00+00:00",
        "closes": "2026-11-26T07:00:00+00:00",
    }
    state = hass.states.get(NIGHT_WINDOW)
    assert {key: state.attributes[key] for key in tonight} == tonight

    # Opening changes the state only: the window described is the same one.
    await _go(hass, freezer, _london("2026-11-25T21:30:00"))
    state = hass.states.get(NIGHT_WINDOW)
    assert state.state == STATE_ON
    assert {key: state.attributes[key] for key in tonight} == tonight

    # At closing the attributes describe the next night.
    await _go(hass, freezer, _london("2026-11-26T07:00:00"))
    state = hass.states.get(NIGHT_WINDOW)
    assert state.state == STATE_OFF
    assert state.attributes["opens"] == "2026-11-26T21:30:00+00:00"
    assert state.attributes["bedtime"] == "2026-11-26T22:30:00+00:00"
    assert state.attributes["closes"] == "2026-11-27T07:00:00+00:00"


@pytest.mark.usefixtures("init_integration")
async def test_night_window_edges_follow_a_time_zone_change(
    hass: HomeAssistant,
) -> None:
    """In New York the same wall times are New York's, with its offset."""
    await hass.config.async_update(time_zone="America/New_York")
    await hass.async_block_till_done()
    state = hass.states.get(NIGHT_WINDOW)
    assert state.attributes["opens"] == "2026-11-25T21:30:00-05:00"
    assert state.attributes["bedtime"] == "2026-11-25T22:30:00-05:00"
    assert state.attributes["closes"] == "2026-11-26T07:00:00-05:00"


@pytest.mark.usefixtures("init_integration")
async def test_readings_leave_the_attributes_unwritten(hass: HomeAssistant) -> None:
    """Readings that keep the verdict write neither state nor attributes."""
    before = {
        entity_id: hass.states.get(entity_id) for entity_id in (COLD_ROOM, NIGHT_WINDOW)
    }
    for reading in ("20.1", "21.4", "19.8", "23.0"):
        set_temperature(hass, reading)
        await hass.async_block_till_done()
    for entity_id, state in before.items():
        assert hass.states.get(entity_id) is state


async def test_cold_room_in_the_warm_up_margin_stays_cold_across_a_reload(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Cold, then 19.3 °C (inside the margin), then reloaded: still cold."""
    set_temperature(hass, 17)
    await hass.async_block_till_done()
    set_temperature(hass, 19.3)
    await hass.async_block_till_done()
    assert hass.states.get(COLD_ROOM).state == STATE_ON

    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(COLD_ROOM).state == STATE_ON
    set_temperature(hass, 19.6)  # above the margin: warm at last
    await hass.async_block_till_done()
    assert hass.states.get(COLD_ROOM).state == STATE_OFF


@pytest.mark.parametrize(
    ("before", "after"), [(STATE_ON, STATE_ON), (STATE_OFF, STATE_OFF)]
)
async def test_cold_room_verdict_before_a_restart_is_kept_inside_the_margin(
    hass: HomeAssistant,
    bedroom: None,
    mock_config_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    before: str,
    after: str,
) -> None:
    """At 19.3 °C after a restart, the room is what it was before the restart."""
    mock_config_entry.add_to_hass(hass)
    entity_registry.async_get_or_create(
        "binary_sensor",
        "als_comfort",
        f"{mock_config_entry.entry_id}_cold_room",
        config_entry=mock_config_entry,
        suggested_object_id="diane_cold_room",
    )
    mock_restore_cache(hass, [State(COLD_ROOM, before)])
    set_temperature(hass, 19.3)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(COLD_ROOM).state == after


@pytest.mark.parametrize(
    ("remembered", "shown"), [(True, STATE_ON), (False, STATE_OFF)]
)
async def test_cold_room_verdict_survives_a_restart_without_restore_state(
    hass: HomeAssistant,
    bedroom: None,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    remembered: bool,
    shown: str,
) -> None:
    """No restored entity states at all: the product's own store keeps the verdict."""
    hass_storage[MEMORY] = {
        "version": 1,
        "minor_version": 1,
        "key": MEMORY,
        "data": {"cold_room": remembered},
    }
    mock_config_entry.add_to_hass(hass)
    set_temperature(hass, 19.3)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(COLD_ROOM).state == shown


async def test_cold_room_verdict_survives_a_reload_without_restore_state(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    """The verdict is on disk at unload; restored states say the opposite: still cold."""
    set_temperature(hass, 17)
    await hass.async_block_till_done()
    set_temperature(hass, 19.3)
    await hass.async_block_till_done()
    assert await hass.config_entries.async_unload(init_integration.entry_id)
    await hass.async_block_till_done()
    assert hass_storage[MEMORY]["data"]["cold_room"] is True

    mock_restore_cache(hass, [State(COLD_ROOM, STATE_OFF)])
    assert await hass.config_entries.async_setup(init_integration.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(COLD_ROOM).state == STATE_ON
