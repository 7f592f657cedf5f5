"""Tests that the coordinator is event-driven, writes only on change and cleans up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.const import EVENT_STATE_CHANGED, EVENT_STATE_REPORTED
from homeassistant.core import Event, HomeAssistant, State, callback
from homeassistant.helpers import entity_registry as er
from hypothesis import given, settings, strategies as st
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.coordinator import reading_keeps_verdict
from custom_components.als_comfort.inputs import temperature_from_state
from custom_components.als_comfort.risk import is_cold

from .conftest import pending_timers, set_temperature

pytestmark = pytest.mark.freeze_time("2026-11-25 22:00:00+00:00")


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


@settings(max_examples=3000, deadline=None)
@given(
    value=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.floats(min_value=-40, max_value=70),
        st.sampled_from(["18.0", "18", "19.5", "-30", "60", "unknown", "", "warm"]),
    ),
    anchor=st.sampled_from(["value", "threshold", "top", "plausible"]),
    offset=st.one_of(
        st.sampled_from([0.0, -1e-9, 1e-9, -0.004, 0.004]),
        st.floats(min_value=-0.2, max_value=0.2),
    ),
    unit=st.sampled_from(["°C", "°F", "K", None, "celsius"]),
    was=st.sampled_from([True, False, None]),
    threshold=st.floats(min_value=10, max_value=25),
    hysteresis=st.floats(min_value=0, max_value=3),
)
def test_quick_answer_agrees_with_the_engine(
    value: float | str,
    anchor: str,
    offset: float,
    unit: str | None,
    was: bool | None,
    threshold: float,
    hysteresis: float,
) -> None:
    """Whether a reading keeps the verdict is what the full reading + engine say.

    Readings are also drawn next to every edge: the threshold, the top of the
    hysteresis band and the plausible range.
    """
    if anchor == "threshold":
        value = threshold + offset
    elif anchor == "top":
        value = threshold + hysteresis + offset
    elif anchor == "plausible":
        value = (-30.0 if offset < 0 else 60.0) + offset
    attributes = {} if unit is None else {"unit_of_measurement": unit}
    state = State("sensor.bedroom_temperature", str(value), attributes)
    expected = was == is_cold(temperature_from_state(state), was, threshold, hysteresis)
    assert reading_keeps_verdict(state, was, threshold, hysteresis) is expected
