"""Tests for the clinician report endpoint: who gets it, which period, which words."""

from __future__ import annotations

from datetime import UTC, datetime
from http import HTTPStatus
import json
from typing import Any

from homeassistant.auth.const import GROUP_ID_ADMIN, GROUP_ID_READ_ONLY, GROUP_ID_USER
from homeassistant.components.frontend.storage import async_user_store
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from bench.yearlog import year_log
from custom_components.als_comfort.const import DOMAIN

from .conftest import access_token, set_temperature, user_in

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")
NOW = datetime(2026, 11, 25, 23, tzinfo=UTC)
ENTRY_ID = "01KALSCOMFORTTESTENTRY0000"
URL = f"/api/als_comfort/{ENTRY_ID}/report"
STORAGE_KEY = f"als_comfort.{ENTRY_ID}"
NOTE = "SECRET-NOTE-never-in-the-report"
CHARTS = ("weeks", "areas", "hours", "temperature", "severity", "activity")


async def _log_cramp(hass: HomeAssistant, when: str | None = None) -> None:
    """Log a noted night cramp in the calf (now, at 18 °C, unless `when` is given)."""
    set_temperature(hass, 18.0)
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {
            "config_entry_id": ENTRY_ID,
            "kind": "cramp",
            "body_area": "calf",
            "severity": 6,
            "note": NOTE,
            **({"when": when} if when else {}),
        },
        blocking=True,
    )


def _section(page: str, key: str) -> str:
    """Return one section of the page."""
    start = page.index(f'<section id="{key}">')
    return page[start : page.index("</section>", start)]


async def test_admin_gets_the_printable_page(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """An administrator gets one private HTML page with SVG charts, no script, no note."""
    await _log_cramp(hass)
    client = await hass_client()
    response = await client.get(URL)
    assert response.status == HTTPStatus.OK
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy  # scripts fall under default-src 'none'
    page = await response.text()
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Symptom report: Diane</title>" in page
    assert '<html lang="en">' in page
    assert page.count("<svg") >= 4
    assert "<script" not in page
    assert NOTE not in page
    assert "2026-10-29 to 2026-11-25" in page  # the last 28 days, today included
    for key in CHARTS:
        assert f'<section id="{key}">' in page


async def test_needs_a_token(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """Without a valid token the endpoint answers 401 and reveals nothing."""
    await _log_cramp(hass)
    client = await hass_client_no_auth()
    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        response = await client.get(URL, headers=headers)
        assert response.status == HTTPStatus.UNAUTHORIZED
        assert "calf" not in (await response.text()).lower()


@pytest.mark.parametrize(
    ("group", "status"),
    [
        (GROUP_ID_ADMIN, HTTPStatus.OK),
        (GROUP_ID_USER, HTTPStatus.FORBIDDEN),
        (GROUP_ID_READ_ONLY, HTTPStatus.FORBIDDEN),
    ],
    ids=["admin", "user", "read-only"],
)
async def test_report_is_for_administrators(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
    group: str,
    status: HTTPStatus,
) -> None:
    """Only an administrator's token gets the report; others get 403, even for a bad id."""
    await _log_cramp(hass)
    token = await access_token(hass, await user_in(hass, group, "Sam"))
    client = await hass_client_no_auth()
    headers = {"Authorization": f"Bearer {token}"}
    response = await client.get(URL, headers=headers)
    assert response.status == status
    assert ("<svg" in await response.text()) is (status is HTTPStatus.OK)
    unknown = await client.get(
        "/api/als_comfort/01NOSUCHENTRY000000000000/report", headers=headers
    )
    expected = HTTPStatus.NOT_FOUND if status is HTTPStatus.OK else status
    assert unknown.status == expected


async def test_unknown_or_unloaded_entry_is_404(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """An id that is not a loaded ALS Comfort entry is 404."""
    client = await hass_client()
    other = MockConfigEntry(domain="other", entry_id="01OTHERDOMAIN0000000000000")
    other.add_to_hass(hass)
    for entry_id in ("01NOSUCHENTRY000000000000", other.entry_id):
        response = await client.get(f"/api/als_comfort/{entry_id}/report")
        assert response.status == HTTPStatus.NOT_FOUND
    await hass.config_entries.async_unload(ENTRY_ID)
    assert (await client.get(URL)).status == HTTPStatus.NOT_FOUND


async def test_empty_log(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """With nothing logged the page says so, and every chart says it has no data."""
    client = await hass_client()
    response = await client.get(URL)
    assert response.status == HTTPStatus.OK
    page = await response.text()
    assert "Nothing was logged in this period." in page
    assert "<svg" not in page
    for key in CHARTS:
        assert "Nothing to show for this period." in _section(page, key)


async def test_one_year_log(
    hass: HomeAssistant,
    bedroom: None,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    hass_client: ClientSessionGenerator,
) -> None:
    """A year of 30 entries a day is reported over a year: 53 weeks, every chart."""
    log = year_log(NOW)
    hass_storage[STORAGE_KEY] = {
        "version": 2,
        "minor_version": 1,
        "key": STORAGE_KEY,
        "data": json.loads(json.dumps(log)),
    }
    cramps = sum(
        item["kind"] == "cramp" and item["when"] >= "2025-11-26T00:00:00+00:00"
        for item in log["episodes"]
    )
    await hass.config.async_set_time_zone("Europe/London")
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    client = await hass_client()
    response = await client.get(f"{URL}?start=2025-11-26&end=2026-11-25")
    assert response.status == HTTPStatus.OK
    page = await response.text()
    assert "2025-11-26 to 2026-11-25" in page
    assert page.count("<svg") == len(CHARTS)
    # About 8 cramps a day for 365 days; the log's first hours are before the period.
    assert 2900 < cramps <= 2920
    assert f"<td>Cramps</td><td>{cramps}</td>" in _section(page, "summary")
    assert "2026-W48" in _section(page, "weeks")
    assert "2025-W48" in _section(page, "weeks")


async def test_start_and_end_choose_the_period(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """Only the episodes of the chosen local days are counted, both days included."""
    await _log_cramp(hass, "2026-11-20T23:30:00+00:00")
    await _log_cramp(hass, "2026-11-24T02:00:00+00:00")
    await _log_cramp(hass)
    client = await hass_client()

    async def cramps(query: str) -> str:
        response = await client.get(f"{URL}?{query}")
        assert response.status == HTTPStatus.OK
        summary = _section(await response.text(), "summary")
        return summary.split("<td>Cramps</td><td>")[1].split("<")[0]

    assert await cramps("start=2026-11-20&end=2026-11-24") == "2"
    assert await cramps("start=2026-11-21&end=2026-11-24") == "1"
    assert await cramps("start=2026-11-24") == "2"  # until today
    assert await cramps("end=2026-11-23") == "1"  # the 28 days up to then


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("start=25-11-2026", "start must be a date written YYYY-MM-DD"),
        ("end=yesterday", "end must be a date written YYYY-MM-DD"),
        ("start=2026-11-25&end=2026-11-01", "start must not be after end"),
        ("start=2020-01-01&end=2026-11-25", "at most 366 days"),
    ],
)
async def test_bad_period_is_400(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
    query: str,
    message: str,
) -> None:
    """A start or end that is no date, or no period, is refused with its reason."""
    client = await hass_client()
    response = await client.get(f"{URL}?{query}")
    assert response.status == HTTPStatus.BAD_REQUEST
    assert message in await response.text()


async def test_written_in_the_users_language(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
    hass_admin_user: Any,
) -> None:
    """The profile's language first, then the browser's, then Home Assistant's."""
    client = await hass_client()

    async def title(headers: dict[str, str] | None = None) -> str:
        page = await (await client.get(URL, headers=headers)).text()
        return page.split("<title>")[1].split("</title>")[0]

    assert await title() == "Symptom report: Diane"
    hass.config.language = "pt"  # not one of the report's languages
    assert await title({"Accept-Language": "*"}) == "Symptom report: Diane"
    hass.config.language = "fr"
    assert await title() == "Rapport des symptômes : Diane"
    assert await title({"Accept-Language": "pt-BR, nl-BE;q=0.9"}) == (
        "Klachtenrapport: Diane"
    )
    # The profile's language is kept by the frontend (set up in a real instance).
    hass.config.components.add("frontend")
    store = await async_user_store(hass, hass_admin_user.id)
    await store.async_set_item("language", {"language": "de"})
    assert await title({"Accept-Language": "nl"}) == "Symptombericht: Diane"
    assert '<html lang="de">' in await (await client.get(URL)).text()
