"""Tests for the clinician's CSV export endpoint."""

from __future__ import annotations

import csv
from http import HTTPStatus
import io
from typing import Any

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.als_comfort.const import DOMAIN

from .conftest import set_temperature

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")
URL = "/api/als_comfort/{}/export.csv"
NOTE = 'woke me up, "worst" one\nsince Tuesday'


async def _log(hass: HomeAssistant, entry_id: str) -> dict[str, Any]:
    """Log a noted cramp and an activity; return the export action's response."""
    set_temperature(hass, 18.0)
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {
            "config_entry_id": entry_id,
            "kind": "cramp",
            "body_area": "hand",
            "severity": 7,
            "note": NOTE,
        },
        blocking=True,
    )
    await hass.services.async_call(
        DOMAIN,
        "log_activity",
        {
            "config_entry_id": entry_id,
            "minutes": 20,
            "intensity": "light",
            "activity": "physio",
        },
        blocking=True,
    )
    return await hass.services.async_call(
        DOMAIN,
        "export_log",
        {"config_entry_id": entry_id},
        blocking=True,
        return_response=True,
    )


async def test_csv_matches_the_export_action(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """The CSV has a header, one row per entry, local times with offset, °C and °F."""
    exported = await _log(hass, init_integration.entry_id)
    client = await hass_client()
    response = await client.get(URL.format(init_integration.entry_id))
    assert response.status == HTTPStatus.OK
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(await response.text())))

    episode, activity = rows
    assert episode["type"] == "episode"
    assert episode["id"] == exported["episodes"][0]["id"]
    assert episode["when"] == "2026-11-25T23:00:00+00:00"  # London, winter: +00:00
    assert episode["note"] == NOTE  # commas, quotes and a newline survive
    assert (episode["kind"], episode["body_area"], episode["severity"]) == (
        "cramp",
        "hand",
        "7",
    )
    assert (episode["temperature_c"], episode["temperature_f"]) == ("18.0", "64.4")
    assert episode["night_window"] == "True"
    assert activity["type"] == "activity"
    assert activity["id"] == exported["activities"][0]["id"]
    assert (activity["minutes"], activity["intensity"], activity["load"]) == (
        "20",
        "light",
        "10.0",
    )


async def test_csv_time_range_and_summer_offset(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """start/end narrow the rows; a bad time is a 400."""
    await _log(hass, init_integration.entry_id)
    client = await hass_client()
    response = await client.get(
        URL.format(init_integration.entry_id), params={"start": "2026-11-26T00:00:00"}
    )
    assert response.status == HTTPStatus.OK
    assert len(list(csv.DictReader(io.StringIO(await response.text())))) == 0
    response = await client.get(
        URL.format(init_integration.entry_id), params={"end": "soon"}
    )
    assert response.status == HTTPStatus.BAD_REQUEST


async def test_csv_needs_a_token(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """Without a valid token the endpoint answers 401 and reveals nothing."""
    await _log(hass, init_integration.entry_id)
    client = await hass_client_no_auth()
    response = await client.get(URL.format(init_integration.entry_id))
    assert response.status == HTTPStatus.UNAUTHORIZED
    assert "worst" not in await response.text()
    response = await client.get(
        URL.format(init_integration.entry_id), headers={"Authorization": "Bearer wrong"}
    )
    assert response.status == HTTPStatus.UNAUTHORIZED


async def test_unknown_entry_is_404(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """An entry id that is not a loaded ALS Comfort entry is not found."""
    client = await hass_client()
    response = await client.get(URL.format("01NOSUCHENTRY000000000000"))
    assert response.status == HTTPStatus.NOT_FOUND


FORMULAS = ['=HYPERLINK("https://evil.example","Click")', "+1+2", "-2+3", "@SUM(A1:A2)"]
# Kept by an older version before text was trimmed and checked.
OLD_CELLS = ["\t=1+2", "\r=1+2"]


async def test_formula_cells_are_defused(
    hass: HomeAssistant,
    bedroom: None,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    hass_client: ClientSessionGenerator,
) -> None:
    """A text cell a spreadsheet would run as a formula gets a leading `'`.

    OWASP's CSV-injection advice: cells starting with =, +, -, @, tab or
    carriage return. Numbers (a negative temperature) stay numbers.
    """
    entry_id = mock_config_entry.entry_id
    old = {"kind": "cramp", "body_area": "calf", "when": "2026-11-25T20:00:00+00:00"}
    hass_storage[f"als_comfort.{entry_id}"] = {
        "version": 2,
        "minor_version": 1,
        "key": f"als_comfort.{entry_id}",
        "data": {
            "episodes": [
                {**old, "id": f"old{index}", "note": text}
                for index, text in enumerate(OLD_CELLS)
            ],
            "activities": [],
        },
    }
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry_id)
    await hass.async_block_till_done()
    set_temperature(hass, -1.5)  # a cold room: a negative number, not text
    for text in FORMULAS:
        await hass.services.async_call(
            DOMAIN,
            "log_episode",
            {"config_entry_id": entry_id, "kind": "cramp", "note": text},
            blocking=True,
        )
        await hass.services.async_call(
            DOMAIN,
            "log_activity",
            {
                "config_entry_id": entry_id,
                "minutes": 5,
                "intensity": "light",
                "activity": text,
            },
            blocking=True,
        )
        await hass.services.async_call(
            DOMAIN,
            "log_repositioned",
            {"config_entry_id": entry_id, "position": text[:50]},
            blocking=True,
        )
    client = await hass_client()
    response = await client.get(URL.format(entry_id))
    assert response.status == HTTPStatus.OK
    rows = list(csv.DictReader(io.StringIO(await response.text(), newline="")))
    notes = [row["note"] for row in rows if row["type"] == "episode"]
    activities = [row["activity"] for row in rows if row["type"] == "activity"]
    positions = [row["position"] for row in rows if row["type"] == "repositioning"]
    assert sorted(notes) == sorted(f"'{text}" for text in OLD_CELLS + FORMULAS)
    assert sorted(activities) == sorted(f"'{text}" for text in FORMULAS)
    assert sorted(positions) == sorted(f"'{text[:50]}" for text in FORMULAS)
    temperatures = [row["temperature_c"] for row in rows if row["temperature_c"]]
    assert temperatures == ["-1.5"] * len(FORMULAS)
    for row in rows:
        for column, cell in row.items():
            if column not in ("temperature_c", "temperature_f"):
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


async def test_download_is_private(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """The CSV is never cached and never read as anything but CSV."""
    await _log(hass, init_integration.entry_id)
    client = await hass_client()
    response = await client.get(URL.format(init_integration.entry_id))
    assert response.status == HTTPStatus.OK
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="als_comfort_{init_integration.entry_id}.csv"'
    )


async def test_csv_has_the_repositionings(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """A repositioning is a row of its own, with its position, after the others."""
    await _log(hass, init_integration.entry_id)
    await hass.services.async_call(
        DOMAIN,
        "log_repositioned",
        {
            "config_entry_id": init_integration.entry_id,
            "position": "right side, 30°",
            "when": "2026-11-25T22:40:00+00:00",
        },
        blocking=True,
    )
    client = await hass_client()
    response = await client.get(URL.format(init_integration.entry_id))
    rows = list(csv.DictReader(io.StringIO(await response.text())))
    assert [row["type"] for row in rows] == ["episode", "activity", "repositioning"]
    turned = rows[-1]
    assert (turned["when"], turned["position"]) == (
        "2026-11-25T22:40:00+00:00",
        "right side, 30°",
    )
    assert turned["kind"] == turned["load"] == turned["note"] == ""
    assert rows[0]["position"] == ""
