"""Tests for the log's storage: restarts, damage and retention."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir, storage
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import DOMAIN

# The harness replaces loading with an in-memory fake; damage needs real files.
REAL_LOAD = storage.Store._async_load
STORAGE_KEY = "als_comfort.01KALSCOMFORTTESTENTRY0000"

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")


async def _restart(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Unload the entry and set it up again from the same storage."""
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


async def test_restart_loses_nothing(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Entries logged before a restart are all there after it, in the sensors too."""
    entry_id = init_integration.entry_id
    for kind in ("cramp", "cramp", "spasticity"):
        await hass.services.async_call(
            DOMAIN,
            "log_episode",
            {"config_entry_id": entry_id, "kind": kind},
            blocking=True,
        )
    await hass.services.async_call(
        DOMAIN,
        "log_activity",
        {"config_entry_id": entry_id, "minutes": 40, "intensity": "moderate"},
        blocking=True,
    )
    before = await hass.services.async_call(
        DOMAIN,
        "export_log",
        {"config_entry_id": entry_id},
        blocking=True,
        return_response=True,
    )

    await _restart(hass, init_integration)

    after = await hass.services.async_call(
        DOMAIN,
        "export_log",
        {"config_entry_id": entry_id},
        blocking=True,
        return_response=True,
    )
    assert after == before
    assert hass.states.get("sensor.diane_cramps_24h").state == "2"
    assert hass.states.get("sensor.diane_spasticity_24h").state == "1"
    assert hass.states.get("sensor.diane_exertion_load").state == "66.7"
    assert hass.states.get("binary_sensor.diane_cramp_cluster").state == "on"


@pytest.mark.parametrize(
    ("content", "kept_as"),
    [
        pytest.param(
            '{"version": 2, "key": "x", "data": {"episodes": [{"id',
            ".corrupt.",
            id="truncated",
        ),
        pytest.param(
            '{"version": 2, "minor_version": 1, "key": "x", "data": {"episodes": "gone"}}',
            ".damaged.",
            id="wrong-shape",
        ),
        pytest.param(
            '{"version": 2, "minor_version": 2, "key": "x", "data": {"episodes": [],'
            ' "activities": [], "repositionings": [{"id": "r", "when": "yesterday"}]}}',
            ".damaged.",
            id="repositioning-without-a-time",
        ),
        pytest.param(
            '{"version": 2, "minor_version": 2, "key": "x", "data": {"episodes": [],'
            ' "activities": [], "repositionings": [{"id": "r",'
            ' "when": "2026-11-25T22:00:00+00:00", "position": 3}]}}',
            ".damaged.",
            id="repositioning-position-not-text",
        ),
    ],
)
async def test_damaged_file_is_kept_and_reported(
    hass: HomeAssistant,
    bedroom: None,
    mock_config_entry: MockConfigEntry,
    tmp_path: Path,
    content: str,
    kept_as: str,
) -> None:
    """A damaged log is moved aside (not deleted), a repair issue says so, logging works."""
    hass.config.config_dir = str(tmp_path)
    store_dir = tmp_path / ".storage"
    store_dir.mkdir()
    (store_dir / STORAGE_KEY).write_text(content, encoding="utf-8")
    mock_config_entry.add_to_hass(hass)

    with patch.object(storage.Store, "_async_load", REAL_LOAD):
        assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
        await hass.async_block_till_done()

    assert mock_config_entry.state is ConfigEntryState.LOADED
    kept = [path for path in store_dir.iterdir() if kept_as in path.name]
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8") == content
    issue = ir.async_get(hass).async_get_issue(
        DOMAIN, f"log_damaged_{mock_config_entry.entry_id}"
    )
    assert issue is not None
    assert issue.translation_key == "log_damaged"
    assert issue.severity is ir.IssueSeverity.ERROR

    await hass.services.async_call(
        "button", "press", {"entity_id": "button.diane_log_cramp"}, blocking=True
    )
    assert hass.states.get("sensor.diane_cramps_24h").state == "1"


async def test_entries_older_than_a_year_are_dropped(
    hass: HomeAssistant,
    bedroom: None,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """Retention is 365 days: older entries are not loaded and not written back."""
    hass_storage[STORAGE_KEY] = {
        "version": 2,
        "minor_version": 1,
        "key": STORAGE_KEY,
        "data": {
            "episodes": [
                {
                    "id": "old",
                    "when": "2025-11-20T10:00:00+00:00",
                    "kind": "cramp",
                    "body_area": "calf",
                },
                {
                    "id": "new",
                    "when": "2026-11-20T10:00:00+00:00",
                    "kind": "cramp",
                    "body_area": "calf",
                },
            ],
            "activities": [],
        },
    }
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert [
        item["id"] for item in mock_config_entry.runtime_data.coordinator.log.episodes
    ] == ["new"]


async def test_a_log_written_before_repositionings_loads_and_gains_them(
    hass: HomeAssistant,
    bedroom: None,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """A 2.1 file has no repositionings: it loads whole and is written as 2.2."""
    hass_storage[STORAGE_KEY] = {
        "version": 2,
        "minor_version": 1,
        "key": STORAGE_KEY,
        "data": {
            "episodes": [
                {
                    "id": "cramp",
                    "when": "2026-11-25T21:00:00+00:00",
                    "kind": "cramp",
                    "body_area": "calf",
                }
            ],
            "activities": [],
        },
    }
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    log = mock_config_entry.runtime_data.coordinator.log
    assert ([item["id"] for item in log.episodes], log.repositionings) == (
        ["cramp"],
        [],
    )

    response = await hass.services.async_call(
        DOMAIN,
        "log_repositioned",
        {"config_entry_id": mock_config_entry.entry_id, "position": "back"},
        blocking=True,
        return_response=True,
    )
    stored = hass_storage[STORAGE_KEY]
    assert (stored["version"], stored["minor_version"]) == (2, 2)
    assert stored["data"]["episodes"][0]["id"] == "cramp"
    assert stored["data"]["repositionings"] == [
        {
            "position": "back",
            "id": response["id"],
            "when": "2026-11-25T23:00:00+00:00",
            "logged_at": "2026-11-25T23:00:00+00:00",
        }
    ]


async def test_repositionings_survive_a_restart_and_can_be_deleted(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A repositioning is part of the log: kept across a restart, deleted by id."""
    entry_id = init_integration.entry_id
    logged = await hass.services.async_call(
        DOMAIN,
        "log_repositioned",
        {"config_entry_id": entry_id, "position": "left side"},
        blocking=True,
        return_response=True,
    )
    await _restart(hass, init_integration)
    exported = await hass.services.async_call(
        DOMAIN,
        "export_log",
        {"config_entry_id": entry_id},
        blocking=True,
        return_response=True,
    )
    assert [item["id"] for item in exported["repositionings"]] == [logged["id"]]
    stillness = "binary_sensor.diane_long_stillness"
    assert hass.states.get(stillness).attributes["last_movement"] is not None

    await hass.services.async_call(
        DOMAIN,
        "delete_log_entry",
        {"config_entry_id": entry_id, "entry_id": logged["id"]},
        blocking=True,
    )
    assert init_integration.runtime_data.coordinator.log.repositionings == []
    assert hass.states.get(stillness).attributes["last_movement"] is None
