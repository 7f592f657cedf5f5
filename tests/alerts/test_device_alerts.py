"""Devices that leave the person unprotected (SPEC §10): urgent alerts.

`heating_not_working` when heating is needed in the night window but cannot
start, and `heater_stuck_on` when a blanket or heater did not switch off. The
comforts announce these (`heating_cannot_start`, `heater_stuck_on`, once per
spell); the alerts are tested here by announcing them exactly as the comforts
do. The 30-minute heating watchdog alerts once per failure spell.
"""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.alerts import async_acknowledge
from custom_components.als_comfort.announce import async_announce
from custom_components.als_comfort.const import DOMAIN, EVENT_ACTION
from tests.conftest import (
    ANNA,
    DIANE_ENTRY_ID as ENTRY_ID,
    PAUL,
    THERMOSTAT,
    TOM,
    FakeThermostat,
    Phones,
    alerts_entry,
    comfort_entry,
    set_temperature,
    set_up_entry,
    settle_tasks,
    tick,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

EVENT_ENTITY = "event.diane_comfort_alert"
HEATER = "switch.bedroom_heater"
KEEP_WARM = "Check the thermostat and keep Diane warm with an extra blanket."


@pytest.fixture
def mock_config_entry(
    caregivers: list[str], options: dict[str, Any]
) -> MockConfigEntry:
    """Diane's entry with three caregivers (comforts left out)."""
    return alerts_entry(caregivers, options)


async def _announce(hass: HomeAssistant, action: str, **data: Any) -> None:
    """Announce what a comfort did, as Diane's comforts do."""
    async_announce(hass, ENTRY_ID, EVENT_ACTION, {"action": action, **data})
    await settle_tasks(hass)


@pytest.mark.parametrize(
    ("reason", "why"),
    [
        ("missing", "the thermostat (climate.bedroom) is missing from Home Assistant"),
        ("unavailable", "the thermostat (Bedroom) is not responding"),
        ("no_heat_mode", "the thermostat (Bedroom) has no heating mode"),
        (
            "mode_locked",
            (
                "the thermostat (Bedroom) is in a mode someone chose, such as cooling, "
                "which ALS Comfort does not change"
            ),
        ),
        ("refused", "the thermostat (Bedroom) has refused the change for 15 minutes"),
        ("something_new", "the thermostat (Bedroom) does not do what it is asked"),
    ],
)
@pytest.mark.usefixtures("init_integration")
async def test_heating_cannot_start(
    hass: HomeAssistant, phones: Phones, reason: str, why: str
) -> None:
    """Each way heating cannot start is an urgent alert that says what to do."""
    if reason == "missing":
        hass.states.async_remove(THERMOSTAT)
    else:
        hass.states.async_set(THERMOSTAT, "cool", {"friendly_name": "Bedroom"})
    await _announce(hass, "heating_cannot_start", entity_id=THERMOSTAT, reason=reason)
    [sent] = phones[PAUL]
    assert sent.data["title"] == "Urgent: Diane needs help"
    assert sent.data["message"] == (
        f"The heating in Diane's bedroom cannot be turned up: {why}. {KEEP_WARM}"
    )
    assert sent.data["data"]["channel"] == "alarm_stream"
    state = hass.states.get(EVENT_ENTITY)
    assert state.attributes["kind"] == "heating_not_working"
    assert state.attributes["reasons"] == ["heating_not_working"]
    assert state.attributes["urgent"] is True


@pytest.mark.usefixtures("init_integration")
async def test_heater_stuck_on(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, phones: Phones
) -> None:
    """A heater that did not go off: switch it off at the plug; passed on as usual."""
    hass.states.async_set(HEATER, "on", {"friendly_name": "Heater"})
    await _announce(hass, "heater_stuck_on", entity_id=HEATER)
    [sent] = phones[PAUL]
    assert sent.data["message"] == (
        "Diane's heated blanket or heater (Heater) did not switch off when it should "
        "have. Switch it off at the plug now and check that Diane is not too warm."
    )
    assert sent.data["data"]["channel"] == "alarm_stream"
    assert hass.states.get(EVENT_ENTITY).attributes["kind"] == "heater_stuck_on"
    await tick(hass, freezer, minutes=10)
    assert len(phones[ANNA]) == 1


@pytest.mark.usefixtures("init_integration")
async def test_device_alerts_are_not_held_by_a_cooldown(
    hass: HomeAssistant, phones: Phones
) -> None:
    """A second stuck spell after an acknowledged one is sent again, at once."""
    hass.states.async_set(HEATER, "on", {"friendly_name": "Heater"})
    await _announce(hass, "heater_stuck_on", entity_id=HEATER)
    assert await async_acknowledge(hass, hass.config_entries.async_entries()[0], None)
    await settle_tasks(hass)
    await _announce(hass, "heater_stuck_on", entity_id=HEATER)
    await _announce(
        hass, "heating_cannot_start", entity_id=THERMOSTAT, reason="refused"
    )
    assert [call.data["message"][:14] for call in phones[PAUL]] == [
        "Diane's heated",
        "clear_notifica",
        "Diane's heated",
        "The heating in",
    ]
    assert phones[TOM] == []


async def test_heating_watchdog_alerts_once_per_spell(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, phones: Phones
) -> None:
    """Boosted and still cold: one alert per spell, not one after every change."""
    FakeThermostat(hass)
    set_temperature(hass, 18)
    entry = await set_up_entry(hass, comfort_entry())  # boosted at once
    await tick(hass, freezer, minutes=30)
    assert _still_cold(phones) == 1
    assert await async_acknowledge(hass, entry, None)
    await _log_walk(hass)  # a new snapshot; the room is as cold, still boosted
    await tick(hass, freezer, minutes=40)
    assert _still_cold(phones) == 1

    set_temperature(hass, 20.5)  # warm: the spell is over
    await settle_tasks(hass)
    set_temperature(hass, 18)  # cold again, still boosted: a new spell
    await settle_tasks(hass)
    await tick(hass, freezer, minutes=30)
    assert _still_cold(phones) == 2


def _still_cold(phones: Phones) -> int:
    """How many "still cold" alerts Paul got."""
    return sum("is still cold" in call.data["message"] for call in phones[PAUL])


async def _log_walk(hass: HomeAssistant) -> None:
    """Log a short walk (the exertion load changes, so does the snapshot)."""
    await hass.services.async_call(
        DOMAIN,
        "log_activity",
        {"config_entry_id": ENTRY_ID, "minutes": 10, "intensity": "moderate"},
        blocking=True,
    )
    await settle_tasks(hass)
