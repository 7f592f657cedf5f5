"""Shared fixtures: a bedroom, a thermostat, caregivers and a configured person."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator
from datetime import timedelta
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import persistent_notification
from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    ATTR_ENTITY_ID,
    ATTR_UNIT_OF_MEASUREMENT,
    CONF_NAME,
    EVENT_CALL_SERVICE,
    Platform,
    UnitOfTemperature,
)
from homeassistant.core import Context, HomeAssistant, ServiceCall, callback
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockUser,
    async_capture_events,
    async_fire_time_changed,
    async_mock_service,
)
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from syrupy.assertion import SnapshotAssertion

from custom_components.als_comfort import PLATFORMS
from custom_components.als_comfort.announce import async_announce
from custom_components.als_comfort.const import (
    CONF_BEDTIME,
    CONF_CAREGIVERS,
    CONF_CLIMATE_ENTITY,
    CONF_TEMPERATURE_SENSOR,
    CONF_WAKE_TIME,
    DEFAULT_OPTIONS,
    DOMAIN,
    EVENT_ACTION,
)

BEDROOM_SENSOR = "sensor.bedroom_temperature"
THERMOSTAT = "climate.bedroom"
CAREGIVER_PHONE = "notify.mobile_app_pauls_phone"

PERSON_DATA: dict[str, Any] = {
    CONF_NAME: "Diane",
    CONF_TEMPERATURE_SENSOR: BEDROOM_SENSOR,
    CONF_BEDTIME: "22:30:00",
    CONF_WAKE_TIME: "07:00:00",
    CONF_CLIMATE_ENTITY: THERMOSTAT,
    CONF_CAREGIVERS: [CAREGIVER_PHONE],
}


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Snapshots with Home Assistant's serializer (stable registry ids and states)."""
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    enable_custom_integrations: None,
) -> Generator[None]:
    """Let Home Assistant load the integration from custom_components."""
    return


def set_temperature(
    hass: HomeAssistant,
    value: str | float,
    unit: str = UnitOfTemperature.CELSIUS,
    entity_id: str = BEDROOM_SENSOR,
) -> None:
    """Report a bedroom temperature the way a real temperature sensor does."""
    hass.states.async_set(
        entity_id,
        str(value),
        {ATTR_DEVICE_CLASS: "temperature", ATTR_UNIT_OF_MEASUREMENT: unit},
    )


def pending_timers(hass: HomeAssistant) -> int:
    """Count the timers still scheduled on the event loop (for leak checks)."""
    loop: asyncio.BaseEventLoop = hass.loop  # type: ignore[assignment]
    return sum(not handle.cancelled() for handle in loop._scheduled)


@pytest.fixture
def bedroom(hass: HomeAssistant) -> None:
    """A bedroom with a working thermometer, a thermostat and a caregiver phone."""
    set_temperature(hass, 20.5)
    hass.states.async_set(THERMOSTAT, "heat", {"temperature": 18})
    hass.services.async_register("notify", CAREGIVER_PHONE.split(".")[1], _no_op)


async def _no_op(*_: Any) -> None:
    """Stand in for a phone notifier in config-flow checks."""


@pytest.fixture
def mock_config_entry() -> MockConfigEntry:
    """The config entry the config flow writes for Diane."""
    return MockConfigEntry(
        domain=DOMAIN,
        entry_id="01KALSCOMFORTTESTENTRY0000",
        title="Diane",
        data=dict(PERSON_DATA),
        options=dict(DEFAULT_OPTIONS),
        version=1,
        minor_version=2,
    )


@pytest.fixture
def platforms() -> list[Platform]:
    """The platforms to load; a test module narrows this for snapshots."""
    return list(PLATFORMS)


@pytest.fixture
async def init_integration(
    hass: HomeAssistant,
    bedroom: None,
    mock_config_entry: MockConfigEntry,
    platforms: list[Platform],
) -> MockConfigEntry:
    """Diane's entry, set up and loaded, in a London bedroom."""
    await hass.config.async_set_time_zone("Europe/London")
    mock_config_entry.add_to_hass(hass)
    with patch("custom_components.als_comfort.PLATFORMS", platforms):
        assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
        await hass.async_block_till_done()
    return mock_config_entry


# --- Diane's entry in the comfort and alert tests -------------------------------

DIANE_ENTRY_ID = "01KDIANEALSCOMFORT00000000"
HEATING_ISSUE = f"heating_failed_{DIANE_ENTRY_ID}"
BLANKET_ISSUE = f"blanket_not_off_{DIANE_ENTRY_ID}"
FAKES = "tests_fake_thermostats"
PAUL = CAREGIVER_PHONE
ANNA = "notify.mobile_app_annas_phone"
TOM = "notify.mobile_app_toms_phone"
HIGH_RISK = (
    "Diane: cramp risk is high — a cramp was logged just now and the bedroom is "
    "cold at night. Please check that Diane is warm and resting."
)
GO_NOW = " Please go to Diane now."
# What a notification without an Acknowledge button adds.
HOW_TO_ACKNOWLEDGE = (
    "\nTo acknowledge it, press “Acknowledge alert” of Diane in Home Assistant."
)

type Phones = dict[str, list[ServiceCall]]


def diane_entry(data: dict[str, Any], options: dict[str, Any]) -> MockConfigEntry:
    """Diane's entry (not yet added) with this data and these options."""
    return MockConfigEntry(
        domain=DOMAIN,
        entry_id=DIANE_ENTRY_ID,
        title="Diane",
        data=data,
        options=options,
        version=1,
        minor_version=2,
    )


def alerts_entry(caregivers: list[str], options: dict[str, Any]) -> MockConfigEntry:
    """Diane's entry with these caregivers and no thermostat (no comforts)."""
    person = {k: v for k, v in PERSON_DATA.items() if k != CONF_CLIMATE_ENTITY}
    return diane_entry({**person, CONF_CAREGIVERS: caregivers}, options)


# --- comforts: a thermostat, the clock, and what was called ---------------------


class FakeThermostat:
    """A thermostat that records its actions and reports them as a device would."""

    def __init__(
        self,
        hass: HomeAssistant,
        mode: str = "heat",
        target: float | None = 18.0,
        entity_id: str = THERMOSTAT,
        **attributes: Any,
    ) -> None:
        """Show the thermostat and answer its two actions."""
        self.hass = hass
        self.entity_id = entity_id
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.fail: dict[str, Exception] = {}
        self.hang = False
        fakes = hass.data.setdefault(FAKES, {})
        fakes[entity_id] = self

        async def route(call: ServiceCall) -> None:
            await fakes[call.data[ATTR_ENTITY_ID]].handle(call)

        for service in ("set_temperature", "set_hvac_mode"):
            hass.services.async_register("climate", service, route)
        hass.states.async_set(
            entity_id,
            mode,
            {"temperature": target, "hvac_modes": ["off", "heat"], **attributes},
        )

    async def handle(self, call: ServiceCall) -> None:
        """Record the call; apply it in the caller's context, unless told to fail."""
        data = {key: value for key, value in call.data.items() if key != ATTR_ENTITY_ID}
        self.calls.append((call.service, data))
        if self.hang:
            await asyncio.Event().wait()
        if (error := self.fail.get(call.service)) is not None:
            raise error
        state = self.hass.states.get(self.entity_id)
        assert state is not None
        mode, attributes = state.state, dict(state.attributes)
        if call.service == "set_temperature":
            attributes["temperature"] = data["temperature"]
        else:
            mode = data["hvac_mode"]
        self.hass.states.async_set(
            self.entity_id, mode, attributes, context=call.context
        )

    def person_sets(self, mode: str, target: float | None) -> None:
        """Change the thermostat as a person would, on the device itself."""
        state = self.hass.states.get(self.entity_id)
        assert state is not None
        self.hass.states.async_set(
            self.entity_id,
            mode,
            {**state.attributes, "temperature": target},
            context=Context(),  # a person at the device or in the UI
        )


def comfort_entry(
    options: dict[str, Any] | None = None, **data: Any
) -> MockConfigEntry:
    """Diane's entry with some data or options changed."""
    return diane_entry({**PERSON_DATA, **data}, {**DEFAULT_OPTIONS, **(options or {})})


async def set_up_entry(hass: HomeAssistant, entry: MockConfigEntry) -> MockConfigEntry:
    """Add (once) and set up an entry in a London bedroom."""
    await hass.config.async_set_time_zone("Europe/London")
    if hass.config_entries.async_get_entry(entry.entry_id) is None:
        entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def advance_to(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, when: str
) -> None:
    """Move the clock to `when` (UTC; London in winter) and run what is due.

    The thermometer is a live one: it repeats its reading at `when`, as a real
    one reports every few minutes, so a long jump never makes it silent
    (`sensor_stale_minutes`). tests/alerts/test_thermometer.py lets it fall silent.
    """
    freezer.move_to(when)
    if (reading := hass.states.get(BEDROOM_SENSOR)) is not None:
        hass.states.async_set(BEDROOM_SENSOR, reading.state, reading.attributes)
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


async def report_room(hass: HomeAssistant, value: float, unit: str = "°C") -> None:
    """Report a bedroom temperature and let the comforts react."""
    set_temperature(hass, value, unit)
    await hass.async_block_till_done()


def capture_actions(hass: HomeAssistant) -> Callable[[], list[tuple[str, str, str]]]:
    """Capture the comfort actions as (action, entity_id, reason)."""
    events = async_capture_events(hass, EVENT_ACTION)

    def actions() -> list[tuple[str, str, str]]:
        assert all(e.data["config_entry_id"] == DIANE_ENTRY_ID for e in events)
        return [
            (e.data["action"], e.data["entity_id"], e.data["reason"]) for e in events
        ]

    return actions


def capture_calls(hass: HomeAssistant, domain: str) -> list[tuple[str, str]]:
    """Capture the action calls of a domain as (service, entity_id)."""
    calls: list[tuple[str, str]] = []

    @callback
    def record(event: Any) -> None:
        if event.data["domain"] == domain:
            data = event.data["service_data"]
            calls.append((event.data["service"], data[ATTR_ENTITY_ID]))

    hass.bus.async_listen(EVENT_CALL_SERVICE, record)
    return calls


# --- caregiver alerts: phones, the clock, and what was shown --------------------


@pytest.fixture
def caregivers() -> list[str]:
    """Three caregivers, first caregiver first."""
    return [PAUL, ANNA, TOM]


@pytest.fixture
def options() -> dict[str, Any]:
    """Default options; a test narrows this."""
    return dict(DEFAULT_OPTIONS)


@pytest.fixture
def phones(hass: HomeAssistant, bedroom: None) -> Phones:
    """Companion-app phones that record what they were sent."""
    return {
        target: async_mock_service(hass, "notify", target.removeprefix("notify."))
        for target in (PAUL, ANNA, TOM)
    }


async def settle_tasks(hass: HomeAssistant) -> None:
    """Let every task, background deliveries included, finish."""
    await hass.async_block_till_done(wait_background_tasks=True)


async def tick(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, **delta: float
) -> None:
    """Move the clock on and run what became due."""
    freezer.tick(timedelta(**delta))
    async_fire_time_changed(hass)
    await settle_tasks(hass)


async def make_risk_high(hass: HomeAssistant, settle: bool = True) -> None:
    """A cold bedroom at night and a cramp just logged: the risk is high.

    Without `settle`, deliveries still running (a hung phone) are not waited for.
    """
    set_temperature(hass, 17)
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {
            "config_entry_id": DIANE_ENTRY_ID,
            "kind": "cramp",
            "body_area": "calf",
            "severity": 3,
        },
        blocking=True,
    )
    if settle:
        await settle_tasks(hass)
    else:
        await hass.async_block_till_done()
    assert hass.states.get("sensor.diane_cramp_risk").state == "high"


async def log_severe_cramp(
    hass: HomeAssistant, severity: int = 8, body_area: str = "calf", **when: float
) -> None:
    """Log a cramp (that happened `when` ago) the way the person does."""
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {
            "config_entry_id": DIANE_ENTRY_ID,
            "kind": "cramp",
            "body_area": body_area,
            "severity": severity,
            "when": (dt_util.utcnow() - timedelta(**when)).isoformat(),
        },
        blocking=True,
    )
    await settle_tasks(hass)


def announce_heating(hass: HomeAssistant, action: str) -> None:
    """Tell Diane's alerts what the heating did, as her comforts do."""
    async_announce(
        hass,
        DIANE_ENTRY_ID,
        EVENT_ACTION,
        {"action": action, "entity_id": THERMOSTAT, "reason": "cold_night"},
    )


# --- users: who may do what ----------------------------------------------------


async def user_in(hass: HomeAssistant, group_id: str, name: str) -> MockUser:
    """A Home Assistant user of one system group (admin, users, read-only)."""
    group = await hass.auth.async_get_group(group_id)
    assert group is not None
    return MockUser(name=name, groups=[group]).add_to_hass(hass)


async def access_token(hass: HomeAssistant, user: MockUser) -> str:
    """An access token of a user, as the frontend or a long-lived token holds."""
    refresh_token = await hass.auth.async_create_refresh_token(
        user, "https://example.com/app"
    )
    return hass.auth.async_create_access_token(refresh_token)


def shown_notifications(hass: HomeAssistant) -> dict[str, Any]:
    """Return the persistent notifications shown in Home Assistant."""
    return dict(persistent_notification._async_get_or_create_notifications(hass))
