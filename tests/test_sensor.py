"""Tests for the sensors: cramp risk level, score, exertion load and the log."""

from __future__ import annotations

from datetime import datetime, timedelta
import json
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import Platform
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.als_comfort.const import CONF_ACTIVITY_SENSOR, DOMAIN

from .conftest import set_temperature

CRAMP_RISK = "sensor.diane_cramp_risk"
RISK_SCORE = "sensor.diane_cramp_risk_score"
EXERTION = "sensor.diane_exertion_load"
LAST_EPISODE = "sensor.diane_last_episode"
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


async def _log_episode(
    hass: HomeAssistant, entry: MockConfigEntry, **fields: Any
) -> str:
    """Log an episode through the action; return its log entry id."""
    response = await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {"config_entry_id": entry.entry_id, **fields},
        blocking=True,
        return_response=True,
    )
    assert isinstance(response, dict)
    return str(response["id"])


def _hours_ago(hours: float) -> datetime:
    """An instant some hours before the frozen now."""
    return dt_util.utcnow() - timedelta(hours=hours)


async def test_no_recent_episodes_before_anything_is_logged(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """An empty log shows an unknown last episode and an empty list."""
    state = hass.states.get(LAST_EPISODE)
    assert state.state == "unknown"
    assert state.attributes["recent_episodes"] == []


async def test_recent_episodes_are_the_last_five_newest_first_without_notes(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Seven episodes logged: the sensor lists the newest five, and no note at all."""
    logged = [
        ("cramp", "calf", 3, 7),
        ("spasticity", "arm", None, 6),
        ("fasciculation", "thigh", 2, 5),
        ("cramp", "foot", 8, 4),
        ("cramp", "hand", 5, 3),
        ("spasticity", "jaw", 4, 2),
        ("fasciculation", "back", None, 1),
    ]
    for index, (kind, area, severity, hours) in enumerate(logged):
        fields: dict[str, Any] = {
            "kind": kind,
            "body_area": area,
            "when": _hours_ago(hours),
            "note": f"private note {index}: after holding a book",
        }
        if severity is not None:
            fields["severity"] = severity
        await _log_episode(hass, init_integration, **fields)

    state = hass.states.get(LAST_EPISODE)
    assert state.attributes["recent_episodes"] == [
        {
            "when": "2026-11-25T11:00:00+00:00",
            "kind": "fasciculation",
            "body_area": "back",
            "severity": None,
        },
        {
            "when": "2026-11-25T10:00:00+00:00",
            "kind": "spasticity",
            "body_area": "jaw",
            "severity": 4,
        },
        {
            "when": "2026-11-25T09:00:00+00:00",
            "kind": "cramp",
            "body_area": "hand",
            "severity": 5,
        },
        {
            "when": "2026-11-25T08:00:00+00:00",
            "kind": "cramp",
            "body_area": "foot",
            "severity": 8,
        },
        {
            "when": "2026-11-25T07:00:00+00:00",
            "kind": "fasciculation",
            "body_area": "thigh",
            "severity": 2,
        },
    ]
    # The newest is also the last episode itself.
    assert state.state == "2026-11-25T11:00:00+00:00"
    assert state.attributes["kind"] == "fasciculation"
    assert "private note" not in json.dumps(dict(state.attributes), default=str)


async def test_recent_episodes_follow_a_back_dated_entry_and_a_deletion(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_admin_user: Any,
) -> None:
    """An episode logged for two days ago, then deleted, shows and goes in order.

    It is older than the 24-hour counts and not the last episode, so only the
    list shows it: the list must still follow the log.
    """
    await _log_episode(hass, init_integration, kind="cramp", body_area="calf")
    old = await _log_episode(
        hass,
        init_integration,
        kind="spasticity",
        body_area="neck",
        when=_hours_ago(48),
    )
    state = hass.states.get(LAST_EPISODE)
    assert [
        (item["kind"], item["when"]) for item in state.attributes["recent_episodes"]
    ] == [
        ("cramp", "2026-11-25T12:00:00+00:00"),
        ("spasticity", "2026-11-23T12:00:00+00:00"),
    ]
    assert hass.states.get("sensor.diane_spasticity_24h").state == "0"

    await hass.services.async_call(
        DOMAIN,
        "delete_log_entry",
        {"config_entry_id": init_integration.entry_id, "entry_id": old},
        blocking=True,
        context=Context(user_id=hass_admin_user.id),
    )
    state = hass.states.get(LAST_EPISODE)
    assert [item["kind"] for item in state.attributes["recent_episodes"]] == ["cramp"]
