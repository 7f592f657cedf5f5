"""Tests that the coordinator is event-driven, writes only on change and cleans up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_STATE_CHANGED, EVENT_STATE_REPORTED, STATE_UNKNOWN
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .conftest import pending_timers, set_temperature, tick

pytestmark = pytest.mark.freeze_time("2026-11-25 22:00:00+00:00")
COLD_ROOM = "binary_sensor.diane_cold_room"
RISK = "sensor.diane_cramp_risk"


def _our_entities(hass: HomeAssistant, entry: MockConfigEntry) -> set[str]:
    """Return the entity ids of the person's entities."""
    return {
        entity.entity_id
        for entity in er.async_entries_for_config_entry(
            er.async_get(hass), entry.entry_id
        )
    }


async def test_noisy_sensor_writes_only_on_change(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """1,000 readings on the cold side write each risk entity at most once."""
    ours = _our_entities(hass, init_integration)
    writes: dict[str, int] = {}

    @callback
    def _count(event: Event) -> None:
        if (entity_id := event.data["entity_id"]) in ours:
            writes[entity_id] = writes.get(entity_id, 0) + 1

    @callback
    def _ours(data: Mapping[str, Any]) -> bool:
        return data["entity_id"] in ours

    @callback
    def _ours(data: Mapping[str, Any]) -> bool:
        return data["entity_id"] in ours

    hass.bus.async_listen(EVENT_STATE_CHANGED, _count)
    hass.bus.async_listen(EVENT_STATE_REPORTED, _count, event_filter=_ours)
    for step in range(1000):
        set_temperature(hass, round(17.0 + (step % 17) / 10, 1))  # 17.0 … 18.6 °C
        await hass.async_block_till_done()

    assert hass.states.get("binary_sensor.diane_cold_room").state == "on"
    assert writes  # the first cold reading did change things
    assert max(writes.values()) == 1, writes


async def _set_up(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Set the entry up and feed it a reading."""
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    set_temperature(hass, 18)
    await hass.async_block_till_done()


async def _unload(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Unload the entry and let everything settle."""
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


async def test_unload_leaves_no_listener_or_timer(
    hass: HomeAssistant, bedroom: None, mock_config_entry: MockConfigEntry
) -> None:
    """Each set-up/unload cycle leaves bus listeners and loop timers as they were.

    The first cycle loads Home Assistant's own sensor, binary sensor and switch
    components, which keep their listeners; every later cycle must leave no trace.
    """
    await hass.config.async_set_time_zone("Europe/London")
    mock_config_entry.add_to_hass(hass)
    await _set_up(hass, mock_config_entry)
    await _unload(hass, mock_config_entry)
    listeners = hass.bus.async_listeners()
    timers = pending_timers(hass)

    for _ in range(3):
        await _set_up(hass, mock_config_entry)
        assert pending_timers(hass) > timers  # the next window edge is scheduled
        await _unload(hass, mock_config_entry)
        assert hass.bus.async_listeners() == listeners
        assert pending_timers(hass) == timers

    # A reading after the unload changes nothing and raises nothing.
    set_temperature(hass, 15)
    await hass.async_block_till_done()


async def test_silent_thermometer_is_unknown_until_it_reports(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
) -> None:
    """No report for `sensor_stale_minutes` (180): unknown; one report: known again."""
    set_temperature(hass, 18)
    await hass.async_block_till_done()
    await tick(hass, freezer, minutes=179)
    assert hass.states.get(COLD_ROOM).state == "on"
    await tick(hass, freezer, minutes=1)
    assert hass.states.get(COLD_ROOM).state == STATE_UNKNOWN
    assert "sensor_unavailable" in hass.states.get(RISK).attributes["reasons"]
    set_temperature(hass, 18)  # the same reading again: it is alive
    await hass.async_block_till_done()
    assert hass.states.get(COLD_ROOM).state == "on"
