"""The report's night lows come from the recorder: statistics, then recent states."""

from __future__ import annotations

from datetime import datetime
from http import HTTPStatus
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.recorder import Recorder
from homeassistant.components.recorder.models import StatisticMeanType
from homeassistant.components.recorder.statistics import async_import_statistics
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
    RecorderInstanceContextManager,
)

from custom_components.als_comfort.const import DOMAIN

from .conftest import BEDROOM_SENSOR, access_token, set_temperature

URL = "/api/als_comfort/{}/report"


@pytest.fixture
def mock_recorder_before_hass(
    async_test_recorder: RecorderInstanceContextManager,
) -> None:
    """Prepare the recorder's database before Home Assistant starts."""


def _hour(text: str, low: float) -> dict[str, object]:
    """One hour of statistics with its lowest reading."""
    return {
        "start": datetime.fromisoformat(text),
        "min": low,
        "max": low + 1,
        "mean": low + 0.5,
    }


async def _cramp_now(hass: HomeAssistant, entry_id: str, celsius: float) -> None:
    """Log a cramp now, with the room at this temperature."""
    set_temperature(hass, celsius)
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {"config_entry_id": entry_id, "kind": "cramp", "body_area": "calf"},
        blocking=True,
    )


async def test_night_lows_from_statistics_and_states(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
    hass_admin_user: MockUser,
) -> None:
    """Each cramp night shows its lowest: hourly minimums inside its window only."""
    entry_id = init_integration.entry_id
    freezer.move_to("2026-11-24 02:00:00+00:00")
    await _cramp_now(hass, entry_id, 16.0)
    async_import_statistics(
        hass,
        {
            "mean_type": StatisticMeanType.ARITHMETIC,
            "has_sum": False,
            "name": None,
            "source": "recorder",
            "statistic_id": BEDROOM_SENSOR,
            "unit_class": "temperature",
            "unit_of_measurement": "°C",
        },
        [
            _hour("2026-11-24T03:00:00+00:00", 15.5),
            # Midday is outside every night window: not a night's lowest.
            _hour("2026-11-24T12:00:00+00:00", 14.0),
        ],
    )
    freezer.move_to("2026-11-25 23:00:00+00:00")
    # After the statistics: only recorded states know this night.
    await _cramp_now(hass, entry_id, 18.0)
    await async_wait_recording_done(hass)

    # A token of this (frozen) moment: the fixture's would have expired.
    token = await access_token(hass, hass_admin_user)
    client = await hass_client_no_auth()
    response = await client.get(
        URL.format(entry_id), headers={"Authorization": f"Bearer {token}"}
    )
    page = await response.text()
    assert response.status == HTTPStatus.OK
    section = page[page.index('<section id="temperature">') :]
    section = section[: section.index("</section>")]
    assert "<td>2026-11-23</td><td>15.5 °C</td><td>02:00 16.0 °C</td>" in section
    assert "<td>2026-11-25</td><td>18.0 °C</td><td>23:00 18.0 °C</td>" in section
    assert "14.0" not in section


async def test_a_failing_database_still_gives_the_report(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A recorder that cannot answer costs the lows, not the page."""
    await _cramp_now(hass, init_integration.entry_id, 17.0)
    client = await hass_client()
    with patch(
        "custom_components.als_comfort.log_insights.statistics_during_period",
        side_effect=OSError("disk gone"),
    ):
        response = await client.get(URL.format(init_integration.entry_id))
    assert response.status == HTTPStatus.OK
    assert "<svg" in await response.text()
    assert "Could not read the recorded temperatures" in caplog.text
