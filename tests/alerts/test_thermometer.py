"""A thermometer that fails in the night (SPEC §10 `sensor_unavailable`).

Unavailable, non-numeric, implausible or silent (no report for
`sensor_stale_minutes`) for 30 minutes inside the night window: all cold
protection is off, so a caregiver is told (not urgent), once per spell. A
silent thermometer makes the temperature unknown everywhere: the cold-room
sensor is unknown and the risk shows `sensor_unavailable`.
"""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNKNOWN
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.alerts import async_acknowledge
from custom_components.als_comfort.const import (
    CONF_SENSOR_STALE_MINUTES,
    DEFAULT_OPTIONS,
)
from tests.conftest import (
    PAUL,
    Phones,
    alerts_entry,
    set_temperature,
    set_up_entry,
    settle_tasks,
    tick,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

EVENT_ENTITY = "event.diane_comfort_alert"
COLD_ROOM = "binary_sensor.diane_cold_room"
RISK = "sensor.diane_cramp_risk"
SAID = (
    "Diane's bedroom thermometer has not reported for 30 min: ALS Comfort cannot "
    "protect Diane from the cold. Check the thermometer (battery, connection) and "
    "the room."
)
HOUR_STALE = {**DEFAULT_OPTIONS, CONF_SENSOR_STALE_MINUTES: 60}


@pytest.fixture
def mock_config_entry(
    caregivers: list[str], options: dict[str, Any]
) -> MockConfigEntry:
    """Diane's entry with three caregivers (comforts left out)."""
    return alerts_entry(caregivers, options)


def _told(phones: Phones) -> list[str]:
    """The thermometer alerts Paul got."""
    return [
        call.data["message"]
        for call in phones[PAUL]
        if "thermometer has not reported" in call.data["message"]
    ]


@pytest.mark.parametrize(
    ("reading", "unit"),
    [("unavailable", "°C"), ("unknown", "°C"), ("warm-ish", "°C"), ("85", "°C")],
    ids=["unavailable", "unknown", "non-numeric", "implausible"],
)
@pytest.mark.usefixtures("init_integration")
async def test_thermometer_gone_for_30_minutes_is_told(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phones: Phones,
    reading: str,
    unit: str,
) -> None:
    """At 23:00 the reading is useless; at 23:30 Paul is told what to do."""
    set_temperature(hass, reading, unit)
    await settle_tasks(hass)
    await tick(hass, freezer, minutes=29)
    assert phones[PAUL] == []
    await tick(hass, freezer, minutes=1)
    [sent] = phones[PAUL]
    assert sent.data["message"] == SAID
    assert sent.data["title"] == "Cramp alert for Diane"  # not urgent
    assert "channel" not in sent.data["data"]
    state = hass.states.get(EVENT_ENTITY)
    assert state.attributes["kind"] == "sensor_unavailable"
    assert state.attributes["reasons"] == ["sensor_unavailable"]
    assert state.attributes["urgent"] is False


@pytest.mark.parametrize("options", [HOUR_STALE])
@pytest.mark.usefixtures("init_integration")
async def test_silent_thermometer_counts_as_unavailable(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, phones: Phones
) -> None:
    """No report for an hour: the temperature is unknown; 30 min later, Paul is told."""
    set_temperature(hass, 18)  # cold, at 23:00; then nothing more
    await settle_tasks(hass)
    assert hass.states.get(COLD_ROOM).state == "on"
    await tick(hass, freezer, minutes=59)
    assert hass.states.get(COLD_ROOM).state == "on"
    await tick(hass, freezer, minutes=1)  # 00:00: silent for the stale time
    assert hass.states.get(COLD_ROOM).state == STATE_UNKNOWN
    assert "sensor_unavailable" in hass.states.get(RISK).attributes["reasons"]
    await tick(hass, freezer, minutes=29)
    assert _told(phones) == []
    await tick(hass, freezer, minutes=1)
    assert _told(phones) == [SAID]

    set_temperature(hass, 18)  # the same value again: it is alive
    await settle_tasks(hass)
    assert hass.states.get(COLD_ROOM).state == "on"
    assert "sensor_unavailable" not in hass.states.get(RISK).attributes["reasons"]


@pytest.mark.parametrize("options", [HOUR_STALE])
@pytest.mark.usefixtures("init_integration")
async def test_thermometer_repeating_itself_is_not_silent(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, phones: Phones
) -> None:
    """A steady room reported every 20 minutes (same value) stays known all night."""
    for _ in range(24):
        set_temperature(hass, 20.5)
        await tick(hass, freezer, minutes=20)
    assert hass.states.get(COLD_ROOM).state == "off"
    assert phones[PAUL] == []


@pytest.mark.parametrize("options", [{**DEFAULT_OPTIONS, CONF_SENSOR_STALE_MINUTES: 0}])
@pytest.mark.usefixtures("init_integration")
async def test_silence_check_off(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, phones: Phones
) -> None:
    """`sensor_stale_minutes` 0: a quiet thermometer keeps its last reading."""
    await tick(hass, freezer, hours=7, minutes=59)
    assert hass.states.get(COLD_ROOM).state == "off"
    assert phones[PAUL] == []


async def test_once_per_spell(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """Gone all night: told once; back and gone again: told again."""
    set_temperature(hass, "unavailable")
    await tick(hass, freezer, minutes=30)
    assert await async_acknowledge(hass, init_integration, None)
    await tick(hass, freezer, hours=2)
    assert _told(phones) == [SAID]
    set_temperature(hass, 20.5)
    await settle_tasks(hass)
    set_temperature(hass, "unavailable")
    await tick(hass, freezer, minutes=30)
    assert _told(phones) == [SAID, SAID]


@pytest.mark.freeze_time("2026-11-25 12:00:00+00:00")
@pytest.mark.usefixtures("init_integration")
async def test_counted_inside_the_night_window_only(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, phones: Phones
) -> None:
    """Gone at noon: nothing by day; told 30 min after the window opens (21:30)."""
    set_temperature(hass, "unavailable")
    await tick(hass, freezer, hours=9, minutes=30)  # 21:30
    await tick(hass, freezer, minutes=29)
    assert _told(phones) == []
    await tick(hass, freezer, minutes=1)
    assert _told(phones) == [SAID]


async def test_window_closing_ends_the_spell(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """Gone at 06:50: the window closes at 07:00, so nobody is woken for the day."""
    freezer.move_to("2026-11-26 06:50:00+00:00")
    set_temperature(hass, "unavailable")
    await tick(hass, freezer, minutes=40)
    assert _told(phones) == []


async def test_spell_survives_a_restart(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """Gone at 23:00, Home Assistant restarted at 23:20: told at 23:30 all the same."""
    set_temperature(hass, "unavailable")
    await tick(hass, freezer, minutes=20)
    assert await hass.config_entries.async_unload(init_integration.entry_id)
    await settle_tasks(hass)
    await set_up_entry(hass, init_integration)
    await tick(hass, freezer, minutes=9)
    assert _told(phones) == []
    await tick(hass, freezer, minutes=1)
    assert _told(phones) == [SAID]
