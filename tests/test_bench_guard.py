"""Guard for the benchmark's "writes only on change" figure, without timing anything.

`test_coordinator.py::test_noisy_sensor_writes_only_on_change` lets every entity
be written once, because its first reading crosses from warm to cold, and it only
jitters on the cold side with an empty log. Here the room settles first, so
noise must write nothing at all: on either side of the threshold, inside the
hysteresis band, with a non-empty log and the comforts at work in the night
window. A crossing afterwards still writes, so the test cannot pass vacuously.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from homeassistant.const import EVENT_STATE_CHANGED, EVENT_STATE_REPORTED
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_mock_service,
)

from custom_components.als_comfort.const import DOMAIN

from .conftest import set_temperature

# 22:00 in London in November: inside the default night window (21:30-07:00).
pytestmark = pytest.mark.freeze_time("2026-11-25 22:00:00+00:00")

COLD_ROOM = "binary_sensor.diane_cold_room"


def _readings(low: float, high: float) -> list[float]:
    """Return 1,000 readings jittering between low and high, none repeating."""
    steps = round((high - low) * 10) + 1
    return [round(low + (index * 7 % steps) / 10, 1) for index in range(1000)]


async def _log_some_history(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Log an activity and two episodes, so that every sensor shows something."""
    ago = dt_util.utcnow() - timedelta(hours=3)
    for service, data in (
        ("log_activity", {"minutes": 30, "intensity": "moderate", "when": ago}),
        ("log_episode", {"kind": "cramp", "body_area": "calf", "when": ago}),
        ("log_episode", {"kind": "spasticity", "body_area": "arm", "when": ago}),
    ):
        await hass.services.async_call(
            DOMAIN,
            service,
            {"config_entry_id": entry.entry_id, **data},
            blocking=True,
        )
    await hass.async_block_till_done()


async def _writes_during(
    hass: HomeAssistant, ours: set[str], readings: list[float]
) -> dict[str, int]:
    """Report the readings; count state_changed + state_reported of our entities."""
    writes: dict[str, int] = {}

    @callback
    def _is_ours(data: Mapping[str, Any]) -> bool:
        return data["entity_id"] in ours

    @callback
    def _count(event: Event) -> None:
        writes[event.data["entity_id"]] = writes.get(event.data["entity_id"], 0) + 1

    unsubscribe = [
        hass.bus.async_listen(event_type, _count, event_filter=_is_ours)
        for event_type in (EVENT_STATE_CHANGED, EVENT_STATE_REPORTED)
    ]
    for reading in readings:
        set_temperature(hass, reading)
        await hass.async_block_till_done()
    for unsub in unsubscribe:
        unsub()
    return writes


@pytest.mark.parametrize(
    ("settle", "low", "high", "cold"),
    [
        pytest.param(18.0, 17.0, 18.6, "on", id="cold-side"),
        pytest.param(18.0, 19.0, 19.5, "on", id="hysteresis-band-while-cold"),
        pytest.param(20.5, 20.0, 21.6, "off", id="warm-side"),
        pytest.param(20.5, 19.0, 19.5, "off", id="hysteresis-band-while-warm"),
    ],
)
async def test_settled_noise_writes_nothing(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    settle: float,
    low: float,
    high: float,
    cold: str,
) -> None:
    """1,000 readings that change no outcome write no state; a crossing does."""
    async_mock_service(hass, "climate", "set_temperature")
    async_mock_service(hass, "climate", "set_hvac_mode")
    await _log_some_history(hass, init_integration)
    ours = {
        entry.entity_id
        for entry in er.async_entries_for_config_entry(
            er.async_get(hass), init_integration.entry_id
        )
    }
    set_temperature(hass, settle)
    await hass.async_block_till_done()

    assert await _writes_during(hass, ours, _readings(low, high)) == {}
    assert hass.states.get(COLD_ROOM).state == cold

    crossing = 21.0 if cold == "on" else 17.5
    writes = await _writes_during(hass, ours, [crossing])
    assert writes.get(COLD_ROOM) == 1
    assert max(writes.values()) == 1, writes
