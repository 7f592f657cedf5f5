"""Tests for the log's storage: restarts, damage and retention."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir, storage
from homeassistant.helpers.json import SerializationError
from homeassistant.util.file import WriteError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import DOMAIN

from .conftest import PAUL, Phones

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


def _log_file(episodes: list[Any], activities: list[Any] | None = None) -> str:
    """A log file that parses, with these entries."""
    return json.dumps(
        {
            "version": 2,
            "minor_version": 1,
            "key": STORAGE_KEY,
            "data": {"episodes": episodes, "activities": activities or []},
        }
    )


GOOD_EPISODE = {
    "id": "01KGOOD",
    "when": "2026-11-25T20:00:00+00:00",
    "kind": "cramp",
    "body_area": "calf",
}
GOOD_ACTIVITY = {"id": "01KWALK", "when": "2026-11-25T12:00:00+00:00", "load": 20.0}


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
            _log_file([{**GOOD_EPISODE, "when": "2026-11-25T20:00:00"}]),
            ".damaged.",
            id="time-without-zone",
        ),
        pytest.param(
            _log_file([{k: v for k, v in GOOD_EPISODE.items() if k != "body_area"}]),
            ".damaged.",
            id="no-body-area",
        ),
        pytest.param(
            _log_file([{**GOOD_EPISODE, "severity": "8"}]),
            ".damaged.",
            id="text-severity",
        ),
        pytest.param(
            _log_file([{**GOOD_EPISODE, "severity": 11}]), ".damaged.", id="severity-11"
        ),
        pytest.param(
            _log_file([{**GOOD_EPISODE, "conditions": {"temperature_c": "cold"}}]),
            ".damaged.",
            id="text-temperature",
        ),
        pytest.param(
            _log_file([GOOD_EPISODE], [{**GOOD_ACTIVITY, "load": "20"}]),
            ".damaged.",
            id="text-load",
        ),
        pytest.param(
            _log_file([GOOD_EPISODE], [{**GOOD_ACTIVITY, "when": "yesterday"}]),
            ".damaged.",
            id="activity-time",
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
    phones: Phones,
    mock_config_entry: MockConfigEntry,
    tmp_path: Path,
    content: str,
    kept_as: str,
) -> None:
    """A damaged log is moved aside (not deleted) and reported; Diane stays protected.

    A log that parses but breaks the format made setup fail before, and with
    it every caregiver alert. Now the entry loads with an empty log, logging
    works, and a severe cramp still calls her caregiver.
    """
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
    assert mock_config_entry.runtime_data.coordinator.log.episodes == []

    await hass.services.async_call(
        "button", "press", {"entity_id": "button.diane_log_cramp"}, blocking=True
    )
    assert hass.states.get("sensor.diane_cramps_24h").state == "1"
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {"config_entry_id": mock_config_entry.entry_id, "kind": "cramp", "severity": 9},
        blocking=True,
    )
    await hass.async_block_till_done(wait_background_tasks=True)
    assert [call.data["message"] for call in phones[PAUL]] == [
        "Diane logged a severe cramp (9/10). Please go to Diane now."
    ]


async def test_a_well_formed_log_is_loaded(
    hass: HomeAssistant,
    bedroom: None,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """Every field the log writes, and fields a newer version may add, load."""
    hass_storage[STORAGE_KEY] = json.loads(
        _log_file(
            [
                {
                    **GOOD_EPISODE,
                    "severity": None,
                    "duration_minutes": 3,
                    "note": "at night",
                    "logged_at": "2026-11-25T20:01:00+00:00",
                    "conditions": {
                        "temperature_c": None,
                        "night_window": False,
                        "exertion_load": 0,
                    },
                    "added_later": {"any": "thing"},
                }
            ],
            [{**GOOD_ACTIVITY, "minutes": 20, "intensity": "moderate", "activity": ""}],
        )
    ) | {"version": 2}
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    log = mock_config_entry.runtime_data.coordinator.log
    assert [item["id"] for item in log.episodes + log.activities] == [
        "01KGOOD",
        "01KWALK",
    ]
    assert (
        ir.async_get(hass).async_get_issue(
            DOMAIN, f"log_damaged_{mock_config_entry.entry_id}"
        )
        is None
    )


@pytest.mark.parametrize(
    "error",
    [WriteError(OSError(28, "No space left on device")), SerializationError("bad")],
    ids=["disk-full", "unencodable"],
)
async def test_a_failed_write_is_an_error_and_changes_nothing(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    error: Exception,
) -> None:
    """A write that fails is a translated error; memory keeps nothing unwritten.

    Home Assistant's store would only log it: the entry would look logged, be
    counted and alerted on, and be gone after a restart.
    """
    entry_id = init_integration.entry_id
    kept = await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {"config_entry_id": entry_id, "kind": "spasticity"},
        blocking=True,
        return_response=True,
    )
    log = init_integration.runtime_data.coordinator.log
    before = json.dumps(hass_storage[STORAGE_KEY], sort_keys=True)
    calls = [
        ("log_episode", {"kind": "cramp", "severity": 9, "note": "lost?"}),
        ("log_activity", {"minutes": 30, "intensity": "vigorous"}),
        ("delete_log_entry", {"entry_id": kept["id"]}),
    ]
    with patch.object(storage.Store, "_async_write_data", side_effect=error):
        for service, data in calls:
            with pytest.raises(HomeAssistantError) as failed:
                await hass.services.async_call(
                    DOMAIN,
                    service,
                    {"config_entry_id": entry_id, **data},
                    blocking=True,
                )
            assert failed.value.translation_domain == DOMAIN
            assert failed.value.translation_key == "log_not_saved"
    await hass.async_block_till_done(wait_background_tasks=True)

    assert json.dumps(hass_storage[STORAGE_KEY], sort_keys=True) == before
    assert [item["id"] for item in log.episodes] == [kept["id"]]
    assert log.activities == []
    assert hass.states.get("sensor.diane_cramps_24h").state == "0"
    assert hass.states.get("sensor.diane_spasticity_24h").state == "1"

    # The disk is back: logging works again, and memory matches the disk.
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {"config_entry_id": entry_id, "kind": "cramp"},
        blocking=True,
    )
    assert len(hass_storage[STORAGE_KEY]["data"]["episodes"]) == len(log.episodes) == 2


async def test_an_older_file_loads_when_bringing_it_up_to_date_cannot_be_written(
    hass: HomeAssistant,
    bedroom: None,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """A log of minor version 1 is loaded even when the disk refuses its update.

    Loading an older file writes it back in the current version; that write
    failing (a full disk) must not stop the person's entry, nor lose the log.
    """
    hass_storage[STORAGE_KEY] = json.loads(_log_file([GOOD_EPISODE]))
    mock_config_entry.add_to_hass(hass)
    with patch.object(
        storage.Store,
        "_async_write_data",
        side_effect=WriteError(OSError(28, "No space left on device")),
    ):
        assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
        await hass.async_block_till_done()
    assert mock_config_entry.state is ConfigEntryState.LOADED
    log = mock_config_entry.runtime_data.coordinator.log
    assert [item["id"] for item in log.episodes] == ["01KGOOD"]


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
