"""Tests for diagnostics: useful, and free of the person's health and private details.

A diagnostics file is shared to get help (SPEC §11): no name, notes or notify
targets, and no health detail — no last episode (kind, area, severity, time),
no first entry's time, no bedtime or wake time.
"""

from __future__ import annotations

from datetime import timedelta
import json

from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from custom_components.als_comfort.const import (
    CONF_BEDTIME,
    CONF_WAKE_TIME,
    DEFAULT_OPTIONS,
    DOMAIN,
)

from .conftest import PERSON_DATA

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

# Values found nowhere else in a diagnostics file, so a search finds only a leak.
BEDTIME, WAKE_TIME = "21:47:00", "06:13:00"
EPISODE_TIME = "22:49:31"


@pytest.fixture
def mock_config_entry() -> MockConfigEntry:
    """Diane's entry with a bedtime and wake time of her own."""
    return MockConfigEntry(
        domain=DOMAIN,
        entry_id="01KALSCOMFORTTESTENTRY0000",
        title="Diane",
        data={**PERSON_DATA, CONF_BEDTIME: BEDTIME, CONF_WAKE_TIME: WAKE_TIME},
        options=dict(DEFAULT_OPTIONS),
        version=1,
        minor_version=2,
    )


async def test_diagnostics_hold_no_health_detail(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
    snapshot: SnapshotAssertion,
) -> None:
    """Name, notes, targets, episodes and times appear nowhere; the rest is stable."""
    when = dt_util.utcnow() - timedelta(minutes=10, seconds=29)
    assert when.time().isoformat() == EPISODE_TIME
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {
            "config_entry_id": init_integration.entry_id,
            "kind": "spasticity",
            "body_area": "jaw",
            "severity": 9,
            "duration_minutes": 17,
            "note": "secret-note-text",
            "when": when.isoformat(),
        },
        blocking=True,
    )
    await hass.services.async_call(
        DOMAIN,
        "log_activity",
        {
            "config_entry_id": init_integration.entry_id,
            "minutes": 37,
            "intensity": "vigorous",
            "activity": "secret-activity-text",
        },
        blocking=True,
    )
    await hass.services.async_call(
        DOMAIN,
        "log_repositioned",
        {
            "config_entry_id": init_integration.entry_id,
            "position": "secret-position-text",
            "when": when.isoformat(),
        },
        blocking=True,
    )
    diagnostics = await get_diagnostics_for_config_entry(
        hass, hass_client, init_integration
    )

    text = json.dumps(diagnostics).lower()
    private = (
        "diane",
        "secret-note-text",
        "secret-activity-text",
        "secret-position-text",
        "mobile_app_pauls_phone",
        "jaw",  # the body area
        "21:47",  # bedtime
        "06:13",  # wake time
        "22:49",  # when the episode happened
    )
    assert [item for item in private if item in text] == []
    for key in (
        "last_episode",
        "recent_episodes",
        "last_cramp",
        "last_movement",
        "first",
    ):
        assert f'"{key}"' not in text
    assert diagnostics["entry"]["data"][CONF_BEDTIME] == "**REDACTED**"
    assert diagnostics["entry"]["data"][CONF_WAKE_TIME] == "**REDACTED**"
    assert '"severity"' not in text
    assert '"duration_minutes"' not in text
    assert diagnostics["log"] == {
        "episodes_by_kind": {"spasticity": 1},
        "activities": 1,
        "repositionings": 1,
    }
    assert diagnostics == snapshot(
        exclude=props("created_at", "modified_at", "entry_id")
    )
