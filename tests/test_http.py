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
