"""Faulty caregiver notifiers: raising, hung, deleted or unavailable.

Whatever a caregiver's notifier does, the alert goes on to the next caregiver
as soon as the delivery fails (an error, or no answer within the timeout), the
`comfort_alert` event entity shows `delivery_failed` for the one that failed, a
persistent notification says which notifier failed and what the alert said,
and the log names the notifier but never the message.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Callable
from datetime import timedelta
import logging
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.notify import NotifyEntity
from homeassistant.config_entries import ConfigEntry, ConfigFlow
from homeassistant.const import Platform
from homeassistant.core import (
    Event,
    EventStateChangedData,
    HomeAssistant,
    ServiceCall,
    callback,
)
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.event import async_track_state_change_event
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockModule,
    async_capture_events,
    async_fire_time_changed,
    async_mock_service,
    mock_config_flow,
    mock_integration,
    mock_platform,
    setup_test_component_platform,
)

from custom_components.als_comfort.alerts import async_acknowledge
from custom_components.als_comfort.alerts.delivery import DELIVERY_TIMEOUT
from custom_components.als_comfort.const import EVENT_ALERT, LOGGER
from tests.conftest import (
    ANNA,
    GO_NOW,
    HIGH_RISK,
    HOW_TO_ACKNOWLEDGE,
    PAUL,
    TOM,
    Phones,
    alerts_entry,
    log_severe_cramp,
    make_risk_high,
    shown_notifications,
    tick,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

DISPLAY = "notify.kitchen_display"
ALERT_ENTITY = "event.diane_comfort_alert"


@pytest.fixture
def mock_config_entry(
    caregivers: list[str], options: dict[str, Any]
) -> MockConfigEntry:
    """Diane's entry: the caregivers of the test, alerts only."""
    return alerts_entry(caregivers, options)


@pytest.fixture
def integration_log(caplog: pytest.LogCaptureFixture) -> Callable[[], str]:
    """Return what the integration itself logged, at every level.

    Only its own records: under `pytest -v` Home Assistant's debug log of the
    bus shows every call's data, alert messages included.
    """
    caplog.set_level(logging.DEBUG, logger=LOGGER.name)

    def text() -> str:
        return "\n".join(
            record.getMessage()
            for record in caplog.records
            if record.name.startswith(LOGGER.name)
        )

    return text


def hanging_phone(hass: HomeAssistant, target: str) -> list[ServiceCall]:
    """A phone notifier that never answers; return the calls it got."""
    calls: list[ServiceCall] = []
    never = asyncio.Event()

    async def hang(call: ServiceCall) -> None:
        """Record the call and wait forever."""
        calls.append(call)
        await never.wait()

    hass.services.async_register("notify", target.removeprefix("notify."), hang)
    return calls


def messages(calls: list[ServiceCall]) -> list[str]:
    """Return the messages a phone got."""
    return [call.data["message"] for call in calls]


def alert_entity_steps(hass: HomeAssistant) -> list[tuple[str, str | None]]:
    """Record what the comfort_alert event entity shows: (event type, caregiver)."""
    steps: list[tuple[str, str | None]] = []

    @callback
    def shown(event: Event[EventStateChangedData]) -> None:
        state = event.data["new_state"]
        if state is not None and "event_type" in state.attributes:
            steps.append(
                (state.attributes["event_type"], state.attributes["caregiver"])
            )

    async_track_state_change_event(hass, ALERT_ENTITY, shown)
    return steps


WHERE_TO_LOOK = (
    "Check that notifier (for a phone: the companion app and its notification "
    "settings). What the alert was about is in the logbook and under Comfort alert "
    "on the device page of Diane."
)


def failure_note(target: str, following: str | None) -> str:
    """The persistent notification of a failed delivery, as a person reads it.

    Every user sees it: it says to whom and where to look, never what the
    alert said (SPEC §11).
    """
    if following is None:
        return (
            f"The caregiver alert for Diane could not be delivered to {target}, and "
            f"no other caregiver is left to try. {WHERE_TO_LOOK}"
        )
    return (
        f"The caregiver alert for Diane could not be delivered to {target}, so it "
        f"was passed on to {following}. {WHERE_TO_LOOK}"
    )


def shown_messages(hass: HomeAssistant) -> list[str]:
    """Return the messages of the persistent notifications, sorted."""
    return sorted(note["message"] for note in shown_notifications(hass).values())


# --- moved from tests/test_alerts.py: raising and hanging notifiers ---------------


async def test_failed_and_hung_phones_do_not_block(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """Acceptance 6: a raising and a hung notifier; the next caregiver is notified."""
    failing = async_mock_service(
        hass,
        "notify",
        "mobile_app_pauls_phone",
        raise_exception=HomeAssistantError("offline"),
    )
    hung = hanging_phone(hass, ANNA)
    events = async_capture_events(hass, EVENT_ALERT)

    await make_risk_high(hass, settle=False)
    assert len(failing) == 1  # failed: passed on to Anna at once
    assert len(hung) == 1
    assert phones[TOM] == []
    await tick(hass, freezer, seconds=DELIVERY_TIMEOUT + 1)  # Anna never answers

    assert messages(phones[TOM]) == [HIGH_RISK]
    assert [(event.data["type"], event.data["caregiver"]) for event in events] == [
        ("delivery_failed", PAUL),
        ("delivery_failed", ANNA),
        ("alert_sent", TOM),
    ]
    assert shown_messages(hass) == [failure_note(ANNA, TOM), failure_note(PAUL, ANNA)]


@pytest.mark.parametrize("caregivers", [[ANNA, TOM]])
async def test_hung_phone_does_not_hold_the_others(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """All caregivers at once: one hung phone, the other is notified meanwhile."""
    hung = hanging_phone(hass, ANNA)
    await make_risk_high(hass, settle=False)
    await tick(hass, freezer, seconds=DELIVERY_TIMEOUT + 1)
    assert len(phones[TOM]) == 1  # Anna did not answer: Tom

    freezer.tick(timedelta(minutes=10))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert len(hung) == 2  # everyone at once: Anna hangs again ...
    assert len(phones[TOM]) == 2  # ... and Tom has it all the same
    await tick(hass, freezer, seconds=DELIVERY_TIMEOUT + 1)
    # One notification per alert and phone: the latest failure replaces the first.
    [note] = shown_notifications(hass).values()
    assert "no other caregiver is left to try" in note["message"]


@pytest.mark.parametrize("caregivers", [[ANNA, TOM]])
async def test_failure_after_acknowledgement_is_only_shown(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """A phone that fails after someone answered is shown, not passed on."""
    hung = hanging_phone(hass, ANNA)
    await make_risk_high(hass, settle=False)
    assert len(hung) == 1
    assert await async_acknowledge(hass, init_integration, None)
    await hass.async_block_till_done()  # clearing Anna's copy hangs too
    await tick(hass, freezer, seconds=DELIVERY_TIMEOUT + 1)
    assert len(hung) == 2
    assert phones[TOM] == []
    [note] = shown_notifications(hass).values()
    assert "no other caregiver is left to try" in note["message"]


async def test_failure_log_has_no_health_data(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    phones: Phones,
    integration_log: Callable[[], str],
) -> None:
    """A failing phone is logged with its target, never with the message."""
    async_mock_service(
        hass, "notify", "mobile_app_pauls_phone", raise_exception=RuntimeError("boom")
    )
    await log_severe_cramp(hass, 9)
    ours = integration_log()
    assert (
        "could not be delivered to notify.mobile_app_pauls_phone (RuntimeError)" in ours
    )
    assert "severe cramp" not in ours
    assert len(phones[ANNA]) == 1


# --- deleted notifiers --------------------------------------------------------


async def test_deleted_phone_service_passes_the_alert_on(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    phones: Phones,
    integration_log: Callable[[], str],
) -> None:
    """Paul's companion app was removed: Anna has the alert at once; it is shown."""
    steps = alert_entity_steps(hass)
    hass.services.async_remove("notify", PAUL.removeprefix("notify."))

    await make_risk_high(hass)
    assert messages(phones[ANNA]) == [HIGH_RISK]
    assert phones[PAUL] == phones[TOM] == []
    assert steps == [("delivery_failed", PAUL), ("alert_sent", ANNA)]
    assert shown_messages(hass) == [failure_note(PAUL, ANNA)]
    [note] = shown_notifications(hass).values()
    assert note["title"] == "Caregiver alert for Diane not delivered"
    assert f"could not be delivered to {PAUL} (ServiceNotFound)" in integration_log()
    assert "cramp risk is high" not in integration_log()


@pytest.mark.parametrize("caregivers", [[PAUL, ANNA]])
async def test_deleted_last_phone_is_shown_when_the_alert_escalates(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """Anna's app is removed before her turn: nobody is left; that is shown."""
    steps = alert_entity_steps(hass)
    await make_risk_high(hass)
    hass.services.async_remove("notify", ANNA.removeprefix("notify."))
    await tick(hass, freezer, minutes=10)
    assert steps == [
        ("alert_sent", PAUL),
        ("delivery_failed", ANNA),
    ]
    assert shown_messages(hass) == [failure_note(ANNA, None)]
    await tick(hass, freezer, minutes=10)  # then everyone at once: Paul again
    assert messages(phones[PAUL]) == [HIGH_RISK, HIGH_RISK]


class KitchenDisplay(NotifyEntity):
    """A real notify entity (a wall display) that records what it shows."""

    _attr_name = "Kitchen display"
    _attr_unique_id = "kitchen_display"

    def __init__(self) -> None:
        """Nothing shown yet."""
        self.shown: list[str] = []

    async def async_send_message(self, message: str, title: str | None = None) -> None:
        """Show the message."""
        self.shown.append(message)


async def _forward_to_notify(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up the display's integration: its one notify entity."""
    await hass.config_entries.async_forward_entry_setups(entry, [Platform.NOTIFY])
    return True


class DisplayFlow(ConfigFlow):
    """The display integration's config flow (its entry is made by the test)."""

    VERSION = 1


@pytest.fixture
async def display(
    hass: HomeAssistant,
) -> AsyncGenerator[tuple[KitchenDisplay, MockConfigEntry]]:
    """The kitchen display, set up by an integration of its own."""
    mock_integration(hass, MockModule("test", async_setup_entry=_forward_to_notify))
    mock_platform(hass, "test.config_flow")  # every entry's flow module is imported
    entity = KitchenDisplay()
    setup_test_component_platform(hass, "notify", [entity], from_config_entry=True)
    entry = MockConfigEntry(domain="test")
    entry.add_to_hass(hass)
    with mock_config_flow("test", DisplayFlow):
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        assert hass.states.get(DISPLAY) is not None
        yield entity, entry


@pytest.mark.parametrize("caregivers", [[DISPLAY, ANNA]])
async def test_working_display_gets_the_alert(
    hass: HomeAssistant,
    display: tuple[KitchenDisplay, MockConfigEntry],
    init_integration: MockConfigEntry,
    phones: Phones,
) -> None:
    """The display works: it shows the alert; nobody else is bothered yet."""
    await make_risk_high(hass)
    assert display[0].shown == [HIGH_RISK + HOW_TO_ACKNOWLEDGE]
    assert phones[ANNA] == []
    assert shown_notifications(hass) == {}


@pytest.mark.parametrize("caregivers", [[DISPLAY, ANNA]])
@pytest.mark.parametrize(
    ("fault", "why"),
    [("deleted", "ServiceNotFound"), ("unavailable", "NotifierUnavailableError")],
)
async def test_deleted_or_unavailable_display_passes_the_alert_on(
    hass: HomeAssistant,
    display: tuple[KitchenDisplay, MockConfigEntry],
    init_integration: MockConfigEntry,
    phones: Phones,
    integration_log: Callable[[], str],
    fault: str,
    why: str,
) -> None:
    """A notify entity that is gone or unavailable shows nothing: Anna at once."""
    entity, entry = display
    if fault == "deleted":
        assert await hass.config_entries.async_remove(entry.entry_id)
        assert hass.states.get(DISPLAY) is None
    else:
        entity._attr_available = False
        entity.async_write_ha_state()
    steps = alert_entity_steps(hass)

    await log_severe_cramp(hass, 8)
    said = f"Diane logged a severe cramp (8/10) in the calf.{GO_NOW}"
    assert entity.shown == []
    assert messages(phones[ANNA]) == [said]
    assert steps == [("delivery_failed", DISPLAY), ("alert_sent", ANNA)]
    assert shown_messages(hass) == [failure_note(DISPLAY, ANNA)]
    assert f"could not be delivered to {DISPLAY} ({why})" in integration_log()
    assert "severe cramp" not in integration_log()
