"""The state files on disk: private, and never left half-written (SPEC §11).

With real files in a temporary configuration directory (the harness keeps
storage in memory otherwise): the log, the alert state, the comfort state and
the input memory are readable by their owner only (0600, as core's auth and
backup stores), files an older version wrote world-readable are made private
at load, and a write the disk cannot complete leaves the previous alert state
and log whole.
"""

from __future__ import annotations

from collections.abc import Iterator
import json
from pathlib import Path
import stat
from unittest.mock import patch

import atomicwrites
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import storage
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import DOMAIN

from .conftest import FakeThermostat, Phones, set_temperature

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

# The harness replaces reading and writing with an in-memory fake.
REAL_LOAD = storage.Store._async_load
REAL_WRITE = storage.Store._async_write_data
ENTRY_ID = "01KALSCOMFORTTESTENTRY0000"
LOG = f"als_comfort.{ENTRY_ID}"
FILES = (LOG, f"{LOG}.alerts", f"{LOG}.comforts", f"{LOG}.inputs")


@pytest.fixture
def storage_dir(hass: HomeAssistant, tmp_path: Path) -> Iterator[Path]:
    """Real files under a temporary configuration directory."""
    hass.config.config_dir = str(tmp_path)
    with (
        patch.object(storage.Store, "_async_load", REAL_LOAD),
        patch.object(storage.Store, "_async_write_data", REAL_WRITE),
    ):
        yield tmp_path / ".storage"


def _mode(path: Path) -> int:
    """The permission bits of a file."""
    return stat.S_IMODE(path.stat().st_mode)


def _written_by_an_older_version(storage_dir: Path) -> list[str]:
    """Write a log and an alert state world-readable, as older versions did."""
    storage_dir.mkdir()
    for name, version, data in (
        (LOG, 2, {"episodes": [], "activities": []}),
        (f"{LOG}.alerts", 1, {"open": None}),
    ):
        path = storage_dir / name
        path.write_text(json.dumps({"version": version, "key": name, "data": data}))
        path.chmod(0o644)
    return [LOG, f"{LOG}.alerts"]


def _ours(storage_dir: Path) -> list[str]:
    """The files of ALS Comfort, and any temporary file, in the storage folder."""
    return sorted(
        path.name
        for path in storage_dir.iterdir()
        if path.name.startswith(("als_comfort", "tmp")) or "tmp" in path.suffix
    )


async def _set_up(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Add (once) and set up Diane's entry."""
    await hass.config.async_set_time_zone("Europe/London")
    if hass.config_entries.async_get_entry(entry.entry_id) is None:
        entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)


async def _unload(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Unload the entry: every state is written now."""
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)


async def _cold_night_and_a_cramp(hass: HomeAssistant) -> None:
    """The room turns cold at night (heating starts) and a cramp is logged."""
    set_temperature(hass, 17)
    await hass.async_block_till_done(wait_background_tasks=True)
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {"config_entry_id": ENTRY_ID, "kind": "cramp", "note": "private"},
        blocking=True,
    )
    await hass.async_block_till_done(wait_background_tasks=True)


async def test_state_files_are_private(
    hass: HomeAssistant,
    bedroom: None,
    phones: Phones,
    mock_config_entry: MockConfigEntry,
    storage_dir: Path,
) -> None:
    """Every state file is 0600; a world-readable one from before is made private."""
    FakeThermostat(hass)
    older = _written_by_an_older_version(storage_dir)

    await _set_up(hass, mock_config_entry)
    assert {name: _mode(storage_dir / name) for name in older} == dict.fromkeys(
        older, 0o600
    )
    await _cold_night_and_a_cramp(hass)
    assert len(phones["notify.mobile_app_pauls_phone"]) == 1  # an alert is open
    await _unload(hass, mock_config_entry)

    assert {name: _mode(storage_dir / name) for name in FILES} == dict.fromkeys(
        FILES, 0o600
    )
    alerts = json.loads((storage_dir / f"{LOG}.alerts").read_text())
    assert alerts["data"]["open"]["kind"] == "high_risk"
    comforts = json.loads((storage_dir / f"{LOG}.comforts").read_text())
    assert comforts["data"]["engaged"] is True


async def test_a_failed_write_leaves_the_files_whole(
    hass: HomeAssistant,
    bedroom: None,
    phones: Phones,
    mock_config_entry: MockConfigEntry,
    storage_dir: Path,
) -> None:
    """The disk cannot make a write durable: the previous state stays, whole.

    Both are written atomically: a new file is made durable first (fsync),
    then put in place; when that fails, the old file is untouched and no
    half-written or temporary file is left behind.
    """
    FakeThermostat(hass)
    await _set_up(hass, mock_config_entry)
    await _cold_night_and_a_cramp(hass)
    await _unload(hass, mock_config_entry)
    before = {name: (storage_dir / name).read_bytes() for name in FILES}
    assert json.loads(before[f"{LOG}.alerts"])["data"]["open"] is not None

    await _set_up(hass, mock_config_entry)
    with patch.object(
        atomicwrites, "_proper_fsync", side_effect=OSError(5, "Input/output error")
    ):
        with pytest.raises(HomeAssistantError) as failed:
            await hass.services.async_call(
                DOMAIN,
                "log_episode",
                {"config_entry_id": ENTRY_ID, "kind": "spasticity"},
                blocking=True,
            )
        assert failed.value.translation_key == "log_not_saved"
        await hass.services.async_call(
            DOMAIN, "acknowledge_alert", {"config_entry_id": ENTRY_ID}, blocking=True
        )
        await _unload(hass, mock_config_entry)  # the alert state is written now

    assert {name: (storage_dir / name).read_bytes() for name in FILES} == before
    assert _ours(storage_dir) == sorted(FILES)

    # Loaded again, nothing was lost: the open alert is still open.
    await _set_up(hass, mock_config_entry)
    assert mock_config_entry.runtime_data.alerts.state.open is not None
    assert [
        item["kind"] for item in mock_config_entry.runtime_data.coordinator.log.episodes
    ] == ["cramp"]
