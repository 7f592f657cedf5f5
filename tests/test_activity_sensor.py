"""The load counted from the activity sensor: nothing lost, nothing counted twice.

A restart or reload keeps the day's load; a step counter that blips
(`unavailable`, `0`, then back to its count) adds nothing; a real reset (a drop
the next reading confirms, as at midnight) starts a new count (issue #13).
Diane's limit is 60 moderate-minutes: 100 steps are 1, so 3,000 steps are 50 %.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant, State
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.als_comfort.const import CONF_ACTIVITY_SENSOR
from custom_components.als_comfort.inputs import ActivityCounter
from custom_components.als_comfort.risk import LoadEvent

STEPS = "sensor.daily_steps"
OTHER_STEPS = "sensor.watch_steps"
EXERTION = "sensor.diane_exertion_load"
MEMORY = "als_comfort.01KALSCOMFORTTESTENTRY0000.inputs"
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

pytestmark = pytest.mark.freeze_time("2026-11-25 12:00:00+00:00")


def _steps(hass: HomeAssistant, value: str, entity_id: str = STEPS) -> None:
    """The step counter reports a value."""
    hass.states.async_set(entity_id, value, {"unit_of_measurement": "steps"})


async def _report(hass: HomeAssistant, *values: str) -> None:
    """The step counter reports these values, one after the other."""
    for value in values:
        _steps(hass, value)
        await hass.async_block_till_done()


def _load(hass: HomeAssistant) -> float:
    """Return the exertion load shown, in % of the limit."""
    return float(hass.states.get(EXERTION).state)


async def _set_up(
    hass: HomeAssistant, entry: MockConfigEntry, sensor: str = STEPS
) -> None:
    """Set Diane up with a step counter."""
    await hass.config.async_set_time_zone("Europe/London")
    if hass.config_entries.async_get_entry(entry.entry_id) is None:
        entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry, data={**entry.data, CONF_ACTIVITY_SENSOR: sensor}
    )
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


async def _unload(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Unload Diane's entry."""
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


@pytest.mark.usefixtures("bedroom")
async def test_reload_keeps_the_step_load(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """3,000 steps counted before a reload still count after it, once."""
    _steps(hass, "1000")
    await _set_up(hass, mock_config_entry)
    await _report(hass, "4000")
    assert _load(hass) == pytest.approx(50, abs=0.1)

    assert await hass.config_entries.async_reload(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert _load(hass) == pytest.approx(50, abs=0.1)
    await _report(hass, "4600")
    assert _load(hass) == pytest.approx(60, abs=0.1)


@pytest.mark.usefixtures("bedroom")
async def test_restart_keeps_the_step_load_and_counts_the_steps_in_between(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """After a restart the sensor reappears: its count is not new load.

    Steps taken while Home Assistant was down count at the first reading.
    """
    _steps(hass, "1000")
    await _set_up(hass, mock_config_entry)
    await _report(hass, "4000")
    await _unload(hass, mock_config_entry)
    assert hass_storage[MEMORY]["data"]["activity"]["baseline"] == 4000
    hass.states.async_remove(STEPS)  # Home Assistant stops

    await _set_up(hass, mock_config_entry)  # the sensor is not there yet
    assert _load(hass) == pytest.approx(50, abs=0.1)
    await _report(hass, "unavailable", "4000")
    assert _load(hass) == pytest.approx(50, abs=0.1)
    await _report(hass, "4300")
    assert _load(hass) == pytest.approx(55, abs=0.1)

    await _unload(hass, mock_config_entry)
    _steps(hass, "5500")  # walked while Home Assistant was down
    await _set_up(hass, mock_config_entry)
    assert _load(hass) == pytest.approx(75, abs=0.1)


@pytest.mark.usefixtures("bedroom")
async def test_a_blip_adds_nothing(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """Unavailable, 0, then the count again: nothing was walked."""
    _steps(hass, "1000")
    await _set_up(hass, mock_config_entry)
    await _report(hass, "4000")
    await _report(hass, "unavailable", "0", "4000")
    assert _load(hass) == pytest.approx(50, abs=0.1)
    await _report(hass, "0", "unavailable", "0", "unavailable", "3990")
    assert _load(hass) == pytest.approx(50, abs=0.1)
    await _report(hass, "4300")  # steps after a blip count from the old count
    assert _load(hass) == pytest.approx(55, abs=0.1)


@pytest.mark.usefixtures("bedroom")
async def test_a_blip_across_a_reload_adds_nothing(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """A drop not yet confirmed is remembered: the count coming back is no load."""
    _steps(hass, "1000")
    await _set_up(hass, mock_config_entry)
    await _report(hass, "4000", "0")
    assert await hass.config_entries.async_reload(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    await _report(hass, "4000")
    assert _load(hass) == pytest.approx(50, abs=0.1)


@pytest.mark.usefixtures("bedroom")
async def test_a_real_midnight_reset_starts_a_new_count(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """At midnight the counter drops to 0 and counts on: those steps are load."""
    freezer.move_to("2026-11-25 23:00:00+00:00")
    _steps(hass, "9000")
    await _set_up(hass, mock_config_entry)
    freezer.move_to("2026-11-26 00:00:00+00:00")
    await _report(hass, "0")
    assert _load(hass) == 0
    freezer.move_to("2026-11-26 00:30:00+00:00")
    async_fire_time_changed(hass)
    await _report(hass, "600")
    assert _load(hass) == pytest.approx(10, abs=0.1)
    await _report(hass, "1200")
    assert _load(hass) == pytest.approx(20, abs=0.1)


@pytest.mark.usefixtures("bedroom")
async def test_a_midnight_reset_while_stopped_loses_no_steps(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Stopped before midnight, started after it: the new day's steps all count."""
    freezer.move_to("2026-11-25 23:00:00+00:00")
    _steps(hass, "9000")
    await _set_up(hass, mock_config_entry)
    await _unload(hass, mock_config_entry)
    freezer.move_to("2026-11-26 00:20:00+00:00")
    _steps(hass, "120")  # reset at midnight, 120 steps since
    await _set_up(hass, mock_config_entry)
    assert _load(hass) == 0  # a drop: not yet known to be a reset
    await _report(hass, "600")
    assert _load(hass) == pytest.approx(10, abs=0.1)


@pytest.mark.usefixtures("bedroom")
async def test_another_sensor_keeps_the_load_and_starts_its_own_count(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """Load counted by the old sensor stays; the new one's count is not load."""
    _steps(hass, "1000")
    await _set_up(hass, mock_config_entry)
    await _report(hass, "4000")
    await _unload(hass, mock_config_entry)
    _steps(hass, "7000", OTHER_STEPS)
    await _set_up(hass, mock_config_entry, OTHER_STEPS)
    assert _load(hass) == pytest.approx(50, abs=0.1)


@pytest.mark.usefixtures("bedroom")
async def test_a_damaged_memory_is_logged_and_left_out(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An unreadable remembered count starts afresh; the entry still loads."""
    hass_storage[MEMORY] = {
        "version": 1,
        "minor_version": 2,
        "key": MEMORY,
        "data": {"activity": {"entity_id": STEPS, "loads": [{"at": "noon"}]}},
    }
    _steps(hass, "1000")
    await _set_up(hass, mock_config_entry)
    assert _load(hass) == 0
    assert "remembered activity count was unreadable" in caplog.text
    await _report(hass, "1600")
    assert _load(hass) == pytest.approx(10, abs=0.1)


# --- The counter on its own ------------------------------------------------------


def _counted(readings: list[str], start: str | None = "1000") -> list[LoadEvent]:
    """Feed a counter readings a minute apart; return the load it counted."""
    counter = ActivityCounter(STEPS)
    counter.start(State(STEPS, start) if start else None, NOON)
    for minute, value in enumerate(readings, start=1):
        counter.take(
            State(STEPS, value, {"unit_of_measurement": "steps"}),
            NOON + timedelta(minutes=minute),
        )
    return counter.loads


def _at(minute: int, load: float) -> LoadEvent:
    """Load counted `minute` minutes after noon."""
    return LoadEvent(at=NOON + timedelta(minutes=minute), load=load)


@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        pytest.param(["1500"], [_at(1, 5)], id="a-rise"),
        pytest.param(["0", "1000"], [], id="blip-back-to-the-count"),
        pytest.param(["unavailable", "0", "1000"], [], id="blip-via-unavailable"),
        pytest.param(["0", "950"], [], id="blip-back-to-about-the-count"),
        pytest.param(["0", "1200"], [_at(2, 2)], id="blip-and-steps-meanwhile"),
        pytest.param(["0", "0", "1000"], [], id="same-low-value-decides-nothing"),
        pytest.param(["300", "100", "1000"], [], id="lower-again-still-waits"),
        pytest.param(["0", "40"], [_at(2, 0.4)], id="reset-counts-on"),
        pytest.param(
            ["200", "500"], [_at(1, 2), _at(2, 3)], id="reset-load-at-the-drop"
        ),
        pytest.param(["abc", "-5", "inf", "1100"], [_at(4, 1)], id="junk-ignored"),
    ],
)
def test_counter(readings: list[str], expected: list[LoadEvent]) -> None:
    """Blips add nothing; a reset is believed once the counter counts on."""
    assert _counted(readings) == expected


def test_counter_without_a_first_reading_takes_the_next_as_its_count() -> None:
    """A sensor missing at start-up: its first value is the count, not load."""
    assert _counted(["5000", "5100"], start=None) == [_at(2, 1)]


def test_counter_round_trips_through_its_stored_form() -> None:
    """What is stored is what is restored, a waiting drop included."""
    counter = ActivityCounter(STEPS)
    counter.start(State(STEPS, "1000"), NOON)
    counter.take(State(STEPS, "1800"), NOON + timedelta(minutes=1))
    counter.take(State(STEPS, "0"), NOON + timedelta(minutes=2))
    again = ActivityCounter(STEPS)
    again.restore(counter.as_dict())
    assert again.as_dict() == counter.as_dict()
    again.take(State(STEPS, "1800"), NOON + timedelta(minutes=3))
    assert again.loads == [_at(1, 8)]
