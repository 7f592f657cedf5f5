"""The daily counts: long-term statistics of episodes per day, one write per change."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.sensor import ATTR_LAST_RESET, ATTR_STATE_CLASS
from homeassistant.const import EVENT_STATE_CHANGED, EVENT_STATE_REPORTED, Platform
from homeassistant.core import Event, HomeAssistant, callback
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.als_comfort.const import DOMAIN

from .conftest import set_temperature

# 20:00 in London in November: before the night window opens (21:30).
pytestmark = pytest.mark.freeze_time("2026-11-25 20:00:00+00:00")

CRAMPS = "sensor.diane_cramps_today"
SPASTICITY = "sensor.diane_spasticity_today"
FASCICULATIONS = "sensor.diane_fasciculations_today"
DAILY = (CRAMPS, SPASTICITY, FASCICULATIONS)


@pytest.fixture
def platforms() -> list[Platform]:
    """Load the sensors and the binary sensors (a change the counts must ignore)."""
    return [Platform.SENSOR, Platform.BINARY_SENSOR]


def _count_writes(hass: HomeAssistant) -> Callable[[], Counter[tuple[str, str]]]:
    """Count state_changed and state_reported events of the daily counts."""
    writes: Counter[tuple[str, str]] = Counter()

    @callback
    def _ours(data: Mapping[str, Any]) -> bool:
        return data["entity_id"] in DAILY

    @callback
    def _record(event: Event) -> None:
        writes[event.event_type, event.data["entity_id"]] += 1

    for event_type in (EVENT_STATE_CHANGED, EVENT_STATE_REPORTED):
        hass.bus.async_listen(event_type, _record, event_filter=_ours)
    return lambda: writes


async def _log(hass: HomeAssistant, kind: str, when: str | None = None) -> str:
    """Log an episode of a kind (now unless `when`); return its id."""
    response = await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {
            "config_entry_id": "01KALSCOMFORTTESTENTRY0000",
            "kind": kind,
            "body_area": "calf",
            **({"when": when} if when else {}),
        },
        blocking=True,
        return_response=True,
    )
    await hass.async_block_till_done()
    return str(response["id"])


@pytest.mark.usefixtures("init_integration")
async def test_daily_counts_are_totals_of_today(hass: HomeAssistant) -> None:
    """Each kind counts today's episodes, a total restarting at local midnight."""
    await _log(hass, "cramp", "2026-11-24T23:50:00+00:00")  # yesterday
    await _log(hass, "cramp", "2026-11-25T00:10:00+00:00")
    await _log(hass, "cramp")
    await _log(hass, "spasticity")
    for entity_id, count in ((CRAMPS, "2"), (SPASTICITY, "1"), (FASCICULATIONS, "0")):
        state = hass.states.get(entity_id)
        assert state.state == count
        assert state.attributes[ATTR_STATE_CLASS] == "total"
        assert state.attributes[ATTR_LAST_RESET] == "2026-11-25T00:00:00+00:00"
        assert "unit_of_measurement" not in state.attributes


@pytest.mark.usefixtures("init_integration")
async def test_one_write_per_change(hass: HomeAssistant) -> None:
    """Other changes write nothing; a logged episode writes its own count once."""
    writes = _count_writes(hass)
    set_temperature(hass, 16.0)  # the room turns cold: a new snapshot
    await hass.async_block_till_done()
    assert hass.states.get("binary_sensor.diane_cold_room").state == "on"
    set_temperature(hass, 22.0)
    await hass.async_block_till_done()
    assert writes() == Counter()

    await _log(hass, "cramp")
    assert writes() == Counter({(EVENT_STATE_CHANGED, CRAMPS): 1})
    await _log(hass, "fasciculation")
    assert writes() == Counter(
        {(EVENT_STATE_CHANGED, CRAMPS): 1, (EVENT_STATE_CHANGED, FASCICULATIONS): 1}
    )


async def test_midnight_starts_a_new_day(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
) -> None:
    """At local midnight the counts go back to 0 with a new last reset, written once.

    The risk snapshot is not renewed for it: the comforts and alerts, which
    decide again on every snapshot, do not hear midnight.
    """
    await _log(hass, "cramp")
    freezer.move_to("2026-11-25 23:59:00+00:00")
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    snapshots: list[None] = []
    init_integration.runtime_data.coordinator.async_add_listener(
        lambda: snapshots.append(None)
    )
    writes = _count_writes(hass)
    freezer.move_to("2026-11-26 00:00:01+00:00")
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert snapshots == []
    state = hass.states.get(CRAMPS)
    assert state.state == "0"
    assert state.attributes[ATTR_LAST_RESET] == "2026-11-26T00:00:00+00:00"
    assert writes() == Counter({(EVENT_STATE_CHANGED, entity): 1 for entity in DAILY})


@pytest.mark.usefixtures("init_integration")
async def test_a_deleted_episode_is_no_longer_counted(hass: HomeAssistant) -> None:
    """Deleting an episode of today lowers today's count (a total may go down)."""
    first = await _log(hass, "cramp")
    await _log(hass, "cramp")
    assert hass.states.get(CRAMPS).state == "2"
    await hass.services.async_call(
        DOMAIN,
        "delete_log_entry",
        {"config_entry_id": "01KALSCOMFORTTESTENTRY0000", "entry_id": first},
        blocking=True,
    )
    await hass.async_block_till_done()
    assert hass.states.get(CRAMPS).state == "1"
