"""A faulty bedroom thermometer: no exception, no false verdict, no alert storm."""

from __future__ import annotations

from datetime import timedelta
import itertools
import logging
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN, UnitOfTemperature
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    async_mock_service,
)

from custom_components.als_comfort.const import (
    CONF_ALERT_COOLDOWN_MINUTES,
    CONF_CAREGIVERS,
    CONF_CLIMATE_ENTITY,
    CONF_ESCALATE_AFTER_MINUTES,
    DEFAULT_OPTIONS,
    DOMAIN,
)
from tests.conftest import PERSON_DATA, set_temperature

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

ENTRY_ID = "01KDIANEALSCOMFORT00000000"
COLD_ROOM = "binary_sensor.diane_cold_room"
RISK = "sensor.diane_cramp_risk"
COOLDOWN_MINUTES = 30


@pytest.fixture
def mock_config_entry() -> MockConfigEntry:
    """Diane's entry: one caregiver, no thermostat, no escalation within the hour."""
    return MockConfigEntry(
        domain=DOMAIN,
        entry_id=ENTRY_ID,
        title="Diane",
        unique_id="diane",
        data={
            **{k: v for k, v in PERSON_DATA.items() if k != CONF_CLIMATE_ENTITY},
            CONF_CAREGIVERS: ["notify.mobile_app_x"],
        },
        options={
            **DEFAULT_OPTIONS,
            CONF_ALERT_COOLDOWN_MINUTES: COOLDOWN_MINUTES,
            CONF_ESCALATE_AFTER_MINUTES: 120,
        },
        version=1,
        minor_version=1,
    )


@pytest.fixture
def phone(hass: HomeAssistant) -> list[ServiceCall]:
    """The caregiver's companion-app phone."""
    return async_mock_service(hass, "notify", "mobile_app_x")


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Errors logged anywhere (an exception in a callback is logged, not raised)."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.levelno >= logging.ERROR or record.exc_info
    ]


async def _report(
    hass: HomeAssistant,
    value: str | float,
    unit: str | None = UnitOfTemperature.CELSIUS,
) -> None:
    """The thermometer reports a value and everything settles."""
    if unit is None:
        hass.states.async_set("sensor.bedroom_temperature", str(value), {})
    else:
        set_temperature(hass, value, unit)
    await hass.async_block_till_done(wait_background_tasks=True)


@pytest.mark.parametrize(
    ("value", "unit"),
    [
        (STATE_UNAVAILABLE, UnitOfTemperature.CELSIUS),
        (STATE_UNKNOWN, UnitOfTemperature.CELSIUS),
        ("nan", UnitOfTemperature.CELSIUS),
        ("NaN", UnitOfTemperature.CELSIUS),
        ("inf", UnitOfTemperature.CELSIUS),
        ("-inf", UnitOfTemperature.CELSIUS),
        ("1e400", UnitOfTemperature.CELSIUS),
        ("cold", UnitOfTemperature.CELSIUS),
        ("", UnitOfTemperature.CELSIUS),
        ("17,5", UnitOfTemperature.CELSIUS),
        ("-273.15", UnitOfTemperature.CELSIUS),  # a fault, not a freezing room
        ("17", "K"),  # kelvin: 17 K is no room
        ("17", None),  # no unit at all
        ("17", "%"),  # not a temperature unit
    ],
)
@pytest.mark.parametrize("before", [17.0, 22.0], ids=["was-cold", "was-warm"])
async def test_faulty_reading_is_unknown_not_a_verdict(
    hass: HomeAssistant,
    bedroom: None,
    init_integration: MockConfigEntry,
    phone: list[ServiceCall],
    caplog: pytest.LogCaptureFixture,
    before: float,
    value: str,
    unit: str | None,
) -> None:
    """A reading that cannot be trusted makes cold_room unknown; a good one recovers."""
    await _report(hass, before)
    assert hass.states.get(COLD_ROOM).state == ("on" if before < 19 else "off")

    await _report(hass, value, unit)
    assert hass.states.get(COLD_ROOM).state == STATE_UNKNOWN
    assert hass.states.get(RISK).state not in (STATE_UNAVAILABLE, "")

    await _report(hass, before)
    assert hass.states.get(COLD_ROOM).state == ("on" if before < 19 else "off")
    assert _errors(caplog) == []
    assert phone == []  # no cramp logged: nothing to alert about


# Temperatures in °C, each a step in a night: hysteresis makes history matter.
STEPS_C = [20.5, 18.9, 19.2, 19.45, 19.6, 18.0, 22.0, 19.0, 19.4, 16.0, 25.0]


async def _verdicts(hass: HomeAssistant, units: list[str]) -> list[tuple[str, str]]:
    """Report the same room temperatures in the given units; collect the verdicts."""
    seen = []
    for celsius, unit in zip(STEPS_C, units, strict=True):
        value = celsius if unit == UnitOfTemperature.CELSIUS else celsius * 9 / 5 + 32
        await _report(hass, round(value, 2), unit)
        seen.append((hass.states.get(COLD_ROOM).state, hass.states.get(RISK).state))
    return seen


async def test_unit_change_keeps_the_verdict(
    hass: HomeAssistant,
    bedroom: None,
    init_integration: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The same room temperature gives the same verdict in °C, °F or switching."""
    celsius = await _verdicts(hass, [UnitOfTemperature.CELSIUS] * len(STEPS_C))
    await _report(hass, 20.5)
    fahrenheit = await _verdicts(hass, [UnitOfTemperature.FAHRENHEIT] * len(STEPS_C))
    await _report(hass, 20.5)
    mixed = await _verdicts(
        hass,
        [
            (UnitOfTemperature.CELSIUS, UnitOfTemperature.FAHRENHEIT)[i % 2]
            for i in range(len(STEPS_C))
        ],
    )
    assert [c for c, _ in celsius] == [
        "off", "on", "on", "on", "off", "on", "off", "off", "off", "on", "off"
    ]  # fmt: skip
    assert fahrenheit == celsius
    assert mixed == celsius
    assert _errors(caplog) == []


async def test_flapping_sensor_for_an_hour(
    hass: HomeAssistant,
    bedroom: None,
    init_integration: MockConfigEntry,
    phone: list[ServiceCall],
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Cold/warm every second for an hour: right verdicts, one alert per cooldown."""
    await _report(hass, 22.0)
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {"config_entry_id": ENTRY_ID, "kind": "cramp", "severity": 3},
        blocking=True,
    )
    await hass.async_block_till_done(wait_background_tasks=True)
    sent_at: list[Any] = []
    flips = 0
    for second in range(3600):
        freezer.tick(timedelta(seconds=1))
        if second % 30 == 0:  # due timers run at most 30 s late; keeps this fast
            async_fire_time_changed(hass)
        cold = second % 2 == 0
        await _report(hass, 17.0 if cold else 22.0)
        flips += 1
        assert hass.states.get(COLD_ROOM).state == ("on" if cold else "off"), second
        while len(sent_at) < len(phone):
            sent_at.append(dt_util.utcnow())

    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert flips == 3600
    print(f"\nflapping hour: {len(phone)} alert(s) at {sent_at}")  # noqa: T201
    assert 1 <= len(phone) <= 2, [call.data.get("message") for call in phone]
    gaps = [b - a for a, b in itertools.pairwise(sent_at)]
    assert all(gap >= timedelta(minutes=COOLDOWN_MINUTES) for gap in gaps), gaps
    assert _errors(caplog) == []
