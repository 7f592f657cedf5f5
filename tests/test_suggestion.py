"""The personal cold-threshold suggestion: a repair issue, applied only when confirmed.

The log is written as the integration stores it; the nights' lowest room
temperatures are hourly statistics in a real recorder, as Home Assistant keeps
them for a thermometer with a state class.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.recorder.models import StatisticMeanType
from homeassistant.components.recorder.statistics import async_import_statistics
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from pytest_homeassistant_custom_component.typing import RecorderInstanceContextManager

from custom_components.als_comfort.const import CONF_COLD_THRESHOLD, DOMAIN

from .conftest import BEDROOM_SENSOR, set_temperature

# 01:00 in London: inside the night of 24 November (21:30-07:00, UTC in winter).
pytestmark = pytest.mark.freeze_time("2026-11-25 01:00:00+00:00")
ENTRY_ID = "01KALSCOMFORTTESTENTRY0000"
ISSUE_ID = f"threshold_suggestion_{ENTRY_ID}"
STORAGE_KEY = f"als_comfort.{ENTRY_ID}"
# The nights of the report's default period, 29 October to 23 November.
NIGHTS = [date(2026, 10, 29) + timedelta(days=day) for day in range(26)]
CRAMP_NIGHTS = NIGHTS[2:14:2]  # six nights with two cramps each


@pytest.fixture
def mock_recorder_before_hass(
    async_test_recorder: RecorderInstanceContextManager,
) -> None:
    """Prepare the recorder's database before Home Assistant starts."""


def _cramp(night: date, hour: int, celsius: float) -> dict[str, Any]:
    """A night cramp as the log stores it, logged with the room's temperature."""
    when = datetime.fromisoformat(f"{night + timedelta(days=1)}T0{hour}:00:00+00:00")
    return {
        "id": f"01KCRAMP{night:%m%d}{hour}",
        "when": when.isoformat(),
        "logged_at": when.isoformat(),
        "kind": "cramp",
        "body_area": "calf",
        "severity": 5,
        "duration_minutes": None,
        "note": "",
        "conditions": {
            "temperature_c": celsius,
            "night_window": True,
            "exertion_load": 0.0,
        },
    }


def _cramps(nights: list[date], celsius: float = 19.3) -> list[dict[str, Any]]:
    """Two cramps on each of these nights, with the room about this warm."""
    return [
        _cramp(night, hour, round(celsius + index % 3 / 10, 1))
        for index, night in enumerate(nights)
        for hour in (1, 3)
    ]


def _lows(calm_celsius: float) -> list[dict[str, Any]]:
    """An hour of statistics at 02:00 of every night: calm nights this warm."""
    return [
        {
            "start": datetime.fromisoformat(
                f"{night + timedelta(days=1)}T02:00:00+00:00"
            ),
            "min": 19.0 if night in CRAMP_NIGHTS else calm_celsius + index % 8 / 10,
            "max": 23.0,
            "mean": 21.0,
        }
        for index, night in enumerate(NIGHTS)
    ]


async def _set_up(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    storage: dict[str, Any],
    episodes: list[dict[str, Any]],
    calm_celsius: float | None = 21.0,
) -> None:
    """Store the log and the lows; set the person up; let the suggestion be weighed."""
    storage[STORAGE_KEY] = {
        "version": 2,
        "minor_version": 2,
        "key": STORAGE_KEY,
        "data": {"episodes": episodes, "activities": [], "repositionings": []},
    }
    if calm_celsius is not None:
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
            _lows(calm_celsius),
        )
        await async_wait_recording_done(hass)
    await hass.config.async_set_time_zone("Europe/London")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)


def _issue(hass: HomeAssistant) -> ir.IssueEntry | None:
    """Return the suggestion issue, if raised."""
    return ir.async_get(hass).async_get_issue(DOMAIN, ISSUE_ID)


@pytest.mark.usefixtures("recorder_mock", "bedroom")
async def test_clear_difference_raises_a_suggestion(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """Cramps in a cooler room than calm nights: a fixable issue with its numbers."""
    await _set_up(hass, mock_config_entry, hass_storage, _cramps(CRAMP_NIGHTS))
    issue = _issue(hass)
    assert issue is not None
    assert issue.is_fixable
    assert issue.translation_key == "threshold_suggestion"
    assert issue.translation_placeholders == {
        "name": "Diane",
        # Halfway between the medians (19.4 and 21.3) rounds to 20.5; 20.0 keeps
        # the comfort setpoint (21.0) more than the hysteresis (0.5) above it.
        "value": "20.0 °C",
        "current": "19.0 °C",
        "days": "28",
        "cramps": "12",
        "cramp_nights": "6",
        "cramp_median": "19.4 °C",
        "calm_nights": "20",
        "calm_median": "21.3 °C",
        "p": "< 0.001",
    }
    # Suggested, never applied by itself.
    assert mock_config_entry.options[CONF_COLD_THRESHOLD] == 19.0
    assert mock_config_entry.runtime_data.coordinator.settings.cold_threshold == 19.0


@pytest.mark.parametrize(
    ("episodes", "calm"),
    [
        pytest.param(_cramps(CRAMP_NIGHTS)[:9], 21.0, id="nine-night-cramps"),
        pytest.param(_cramps(CRAMP_NIGHTS[:4]) * 3, 21.0, id="four-nights-only"),
        pytest.param(_cramps(CRAMP_NIGHTS), None, id="no-calm-nights-known"),
        pytest.param(_cramps(CRAMP_NIGHTS), 19.6, id="no-clear-difference"),
        pytest.param(_cramps(CRAMP_NIGHTS, 16.0), 18.5, id="below-current"),
    ],
)
@pytest.mark.usefixtures("recorder_mock", "bedroom")
async def test_no_suggestion_from_too_little_or_unclear_data(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    episodes: list[dict[str, Any]],
    calm: float | None,
) -> None:
    """Too few cramps or nights, a one-sided log or a blurred difference: no issue."""
    await _set_up(hass, mock_config_entry, hass_storage, episodes, calm)
    assert _issue(hass) is None


@pytest.mark.usefixtures("recorder_mock", "bedroom")
async def test_a_logged_cramp_can_raise_it(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """The tenth night cramp, logged now in a cool room, brings the suggestion."""
    await _set_up(hass, mock_config_entry, hass_storage, _cramps(CRAMP_NIGHTS[:5])[:9])
    assert _issue(hass) is None
    set_temperature(hass, 19.3)
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {"config_entry_id": ENTRY_ID, "kind": "cramp", "body_area": "foot"},
        blocking=True,
    )
    # Weighed at most once a minute.
    freezer.tick(timedelta(seconds=61))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
    issue = _issue(hass)
    assert issue is not None
    assert issue.translation_placeholders["cramps"] == "10"


async def _fix_flow(hass: HomeAssistant) -> tuple[Any, dict[str, Any]]:
    """Open the suggestion's fix flow as the Repairs dashboard does."""
    assert await async_setup_component(hass, "repairs", {})
    manager = hass.data["repairs"]["flow_manager"]
    result = await manager.async_init(DOMAIN, data={"issue_id": ISSUE_ID})
    return manager, result


@pytest.mark.usefixtures("recorder_mock", "bedroom")
async def test_fix_flow_applies_it_once_confirmed(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """The fix flow asks first; the confirmation sets the threshold and reloads."""
    await _set_up(hass, mock_config_entry, hass_storage, _cramps(CRAMP_NIGHTS))
    manager, result = await _fix_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "confirm"
    assert result["description_placeholders"]["value"] == "20.0 °C"
    assert mock_config_entry.options[CONF_COLD_THRESHOLD] == 19.0

    result = await manager.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done(wait_background_tasks=True)
    assert mock_config_entry.options[CONF_COLD_THRESHOLD] == 20.0
    assert mock_config_entry.runtime_data.coordinator.settings.cold_threshold == 20.0
    # Weighed again with the new threshold: it agrees, so nothing is suggested.
    assert _issue(hass) is None


@pytest.mark.usefixtures("recorder_mock", "bedroom")
async def test_declined_or_ignored_changes_nothing(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """Closing the dialog or ignoring the issue leaves the threshold as it was."""
    await _set_up(hass, mock_config_entry, hass_storage, _cramps(CRAMP_NIGHTS))
    options = dict(mock_config_entry.options)
    manager, result = await _fix_flow(hass)
    manager.async_abort(result["flow_id"])
    ir.async_ignore_issue(hass, DOMAIN, ISSUE_ID, True)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert dict(mock_config_entry.options) == options
    assert mock_config_entry.runtime_data.coordinator.settings.cold_threshold == 19.0
    issue = _issue(hass)
    assert issue is not None
    assert issue.dismissed_version is not None


@pytest.mark.usefixtures("recorder_mock", "bedroom")
async def test_a_value_that_no_longer_fits_is_not_applied(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """A comfort setpoint lowered since the suggestion: the flow aborts, unchanged."""
    await _set_up(hass, mock_config_entry, hass_storage, _cramps(CRAMP_NIGHTS))
    hass.config_entries.async_update_entry(
        mock_config_entry,
        options={**mock_config_entry.options, "comfort_setpoint": 20.2},
    )
    _, result = await _fix_flow(hass)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "no_longer_fits"
    assert mock_config_entry.options[CONF_COLD_THRESHOLD] == 19.0


@pytest.mark.usefixtures("recorder_mock", "bedroom")
async def test_removing_the_person_removes_it(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """A deleted person's suggestion goes with them."""
    await _set_up(hass, mock_config_entry, hass_storage, _cramps(CRAMP_NIGHTS))
    assert _issue(hass) is not None
    await hass.config_entries.async_remove(ENTRY_ID)
    await hass.async_block_till_done()
    assert _issue(hass) is None


@pytest.mark.parametrize(
    "data",
    [
        {"entry_id": "01NOSUCHENTRY000000000000", "value": 20.0},
        {"entry_id": ENTRY_ID, "value": "20.0"},
        None,
    ],
    ids=["person-gone", "malformed-value", "no-data"],
)
@pytest.mark.usefixtures("recorder_mock", "bedroom")
async def test_fix_flow_for_nobody_changes_nothing(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    data: dict[str, Any] | None,
) -> None:
    """An issue whose person or value is unknown aborts and changes no entry."""
    await _set_up(hass, mock_config_entry, hass_storage, [])
    ir.async_create_issue(
        hass,
        DOMAIN,
        ISSUE_ID,
        is_fixable=True,
        severity=ir.IssueSeverity.WARNING,
        translation_key="threshold_suggestion",
        data=data,
    )
    _, result = await _fix_flow(hass)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "person_gone"
    assert mock_config_entry.options[CONF_COLD_THRESHOLD] == 19.0
