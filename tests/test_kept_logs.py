"""Re-adding a removed person: their kept log is offered back, never orphaned.

The bad night: Diane's entry is deleted (by mistake, or to reinstall) and added
again. Her log of cramps was kept on disk, but the new entry starts an empty
log beside it; the clinician's export no longer shows her history.
"""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import (
    CONF_BEDTIME,
    CONF_TAKE_BACK_LOG,
    CONF_TEMPERATURE_SENSOR,
    CONF_WAKE_TIME,
    DEFAULT_OPTIONS,
    DOMAIN,
)

from .conftest import BEDROOM_SENSOR, PERSON_DATA

pytestmark = pytest.mark.freeze_time("2026-11-20 21:00:00+00:00")

OLD_ID = "01KALSCOMFORTTESTENTRY0000"
INDEX = "als_comfort.kept_logs"
TYPED = {
    CONF_NAME: "Diane",
    CONF_TEMPERATURE_SENSOR: BEDROOM_SENSOR,
    CONF_BEDTIME: "22:30",
    CONF_WAKE_TIME: "07:00",
}


async def _log_a_cramp_and_remove(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Log a severe calf cramp for the person, then delete their entry."""
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {
            "config_entry_id": entry.entry_id,
            "kind": "cramp",
            "body_area": "calf",
            "severity": 6,
        },
        blocking=True,
    )
    assert await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()


async def _add_again(hass: HomeAssistant, name: str = "Diane") -> dict[str, Any]:
    """Start adding a person and pass the first step; return the next form."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    return await hass.config_entries.flow.async_configure(
        result["flow_id"], {**TYPED, CONF_NAME: name}
    )


async def _export(hass: HomeAssistant, entry_id: str) -> dict[str, Any]:
    """Return the person's whole log as the export_log action gives it."""
    response = await hass.services.async_call(
        DOMAIN,
        "export_log",
        {"config_entry_id": entry_id},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    return dict(response)


async def test_a_readded_person_takes_back_their_log(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """Remove Diane with a logged cramp, add her again, take the log back."""
    await _log_a_cramp_and_remove(hass, init_integration)
    assert f"als_comfort.{OLD_ID}" in hass_storage  # kept on removal
    assert hass_storage[INDEX]["data"] == {
        OLD_ID: {"name": "Diane", "removed": "2026-11-20T21:00:00+00:00"}
    }

    result = await _add_again(hass, "  diane ")
    assert result["step_id"] == "take_back"
    assert result["description_placeholders"] == {
        "name": "Diane",
        "entries": "1",
        "first": "2026-11-20",
        "last": "2026-11-20",
        "removed": "2026-11-20",
    }
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"log": "take_back"}
    )
    assert result["step_id"] == "comforts"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    entry = result["result"]
    assert entry.state is ConfigEntryState.LOADED
    assert CONF_TAKE_BACK_LOG not in entry.data  # consumed before the entry loaded

    episodes = (await _export(hass, entry.entry_id))["episodes"]
    assert [
        (item["kind"], item["body_area"], item["severity"]) for item in episodes
    ] == [("cramp", "calf", 6)]
    assert f"als_comfort.{OLD_ID}" not in hass_storage  # moved, not copied
    assert f"als_comfort.{entry.entry_id}" in hass_storage
    assert hass_storage[INDEX]["data"] == {}


async def test_a_new_log_leaves_the_kept_one_for_later(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """Choosing a new log starts empty; the kept log stays and is offered again."""
    await _log_a_cramp_and_remove(hass, init_integration)
    result = await _add_again(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"log": "new_log"}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    entry = result["result"]
    await hass.async_block_till_done()
    assert (await _export(hass, entry.entry_id))["episodes"] == []
    assert f"als_comfort.{OLD_ID}" in hass_storage

    assert await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    result = await _add_again(hass)
    assert result["step_id"] == "take_back"
    # The older log with a cramp, not the newer empty one.
    assert result["description_placeholders"]["entries"] == "1"


async def test_someone_else_is_not_offered_the_log(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Adding another person goes straight on; Diane's log is not theirs."""
    await _log_a_cramp_and_remove(hass, init_integration)
    result = await _add_again(hass, "Sam")
    assert result["step_id"] == "comforts"


async def test_an_empty_kept_log_is_not_offered(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A person removed before anything was logged has nothing to take back."""
    assert await hass.config_entries.async_remove(init_integration.entry_id)
    await hass.async_block_till_done()
    result = await _add_again(hass)
    assert result["step_id"] == "comforts"


def _returning(entry_id: str, take_back: str) -> MockConfigEntry:
    """A new entry for Diane that takes back the log of `take_back`."""
    return MockConfigEntry(
        domain=DOMAIN,
        entry_id=entry_id,
        title="Diane",
        data={**PERSON_DATA, CONF_TAKE_BACK_LOG: take_back},
        options=dict(DEFAULT_OPTIONS),
        version=1,
        minor_version=2,
    )


def _log(episodes: list[dict[str, Any]]) -> dict[str, Any]:
    """A stored log with these episodes."""
    return {"version": 2, "data": {"episodes": episodes, "activities": []}}


EPISODE = {
    "id": "01KOLDEPISODE0000000000000",
    "kind": "cramp",
    "body_area": "foot",
    "when": "2026-11-19T23:00:00+00:00",
    "logged_at": "2026-11-19T23:00:00+00:00",
    "conditions": {"temperature_c": 17.5, "night_window": True, "exertion_load": 0},
}


@pytest.mark.usefixtures("bedroom")
async def test_a_log_already_there_is_never_overwritten(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """Both files are kept when the new entry somehow has a log of its own."""
    new_id = "01KALSCOMFORTNEWENTRY00000"
    own = {**EPISODE, "id": "01KOWNEPISODE0000000000000", "body_area": "hand"}
    hass_storage[f"als_comfort.{OLD_ID}"] = _log([EPISODE])
    hass_storage[f"als_comfort.{new_id}"] = _log([own])
    entry = _returning(new_id, OLD_ID)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.LOADED
    assert CONF_TAKE_BACK_LOG not in entry.data
    episodes = (await _export(hass, new_id))["episodes"]
    assert [item["body_area"] for item in episodes] == ["hand"]
    assert hass_storage[f"als_comfort.{OLD_ID}"]["data"]["episodes"] == [EPISODE]


@pytest.mark.usefixtures("bedroom")
async def test_a_kept_log_gone_meanwhile_leaves_a_new_log(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """If the kept log was deleted by hand meanwhile, the person still loads."""
    entry = _returning("01KALSCOMFORTNEWENTRY00000", OLD_ID)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert CONF_TAKE_BACK_LOG not in entry.data
    assert (await _export(hass, entry.entry_id))["episodes"] == []
