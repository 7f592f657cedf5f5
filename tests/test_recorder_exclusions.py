"""The recorder keeps the verdicts, not the dashboard's extra attributes.

The recent-episodes list, the kinds and body areas one can log, and the settings
the cold-room and night-window sensors show (thermometer, thresholds, window
edges) are for the dashboard; history gets the states and the last episode's own
attributes only.
"""

from __future__ import annotations

from datetime import timedelta

from homeassistant.components.recorder import Recorder
from homeassistant.components.recorder.history import get_significant_states
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from pytest_homeassistant_custom_component.typing import RecorderInstanceContextManager

from custom_components.als_comfort.binary_sensor import STATIC_ATTRIBUTES
from custom_components.als_comfort.const import BODY_AREAS, DOMAIN, EPISODE_KINDS

LAST_EPISODE = "sensor.diane_last_episode"
COLD_ROOM = "binary_sensor.diane_cold_room"
NIGHT_WINDOW = "binary_sensor.diane_night_window"


@pytest.fixture
def mock_recorder_before_hass(
    async_test_recorder: RecorderInstanceContextManager,
) -> None:
    """Prepare the recorder's database before Home Assistant starts."""


async def test_dashboard_attributes_are_not_recorded(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
) -> None:
    """A logged cramp is in history with its kind, without the dashboard extras."""
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {
            "config_entry_id": init_integration.entry_id,
            "kind": "cramp",
            "body_area": "calf",
        },
        blocking=True,
    )
    live = {
        entity_id: hass.states.get(entity_id).attributes
        for entity_id in (LAST_EPISODE, COLD_ROOM, NIGHT_WINDOW)
    }
    assert live[LAST_EPISODE]["recent_episodes"]
    assert {"threshold", "temperature_entity"} <= set(live[COLD_ROOM])
    assert {"opens", "bedtime", "closes"} <= set(live[NIGHT_WINDOW])
    await async_wait_recording_done(hass)

    history = await hass.async_add_executor_job(
        get_significant_states,
        hass,
        dt_util.utcnow() - timedelta(hours=1),
        None,
        [LAST_EPISODE, COLD_ROOM, NIGHT_WINDOW],
    )
    assert history[LAST_EPISODE][-1].attributes["kind"] == "cramp"
    assert all(
        "recent_episodes" not in state.attributes for state in history[LAST_EPISODE]
    )
    assert live[LAST_EPISODE]["body_areas"] == list(BODY_AREAS)
    assert live[LAST_EPISODE]["episode_kinds"] == list(EPISODE_KINDS)
    assert all(
        not {"body_areas", "episode_kinds"} & set(state.attributes)
        for state in history[LAST_EPISODE]
    )
    for entity_id in (COLD_ROOM, NIGHT_WINDOW):
        assert history[entity_id]
        for state in history[entity_id]:
            assert not STATIC_ATTRIBUTES & set(state.attributes)
            assert state.attributes["friendly_name"].startswith("Diane")
