"""Tests for acknowledging a caregiver alert from the action and the button."""

from __future__ import annotations

from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockUser,
    async_mock_service,
)

from custom_components.als_comfort.const import CONF_CLIMATE_ENTITY, DOMAIN
from tests.conftest import CAREGIVER_PHONE, PERSON_DATA, set_temperature

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")
ENTRY_ID = "01KALSCOMFORTTESTENTRY0000"
EVENT_ENTITY = "event.diane_comfort_alert"


@pytest.fixture
def mock_config_entry() -> MockConfigEntry:
    """Diane with one caregiver phone and no thermostat (comforts stay out)."""
    return MockConfigEntry(
        domain=DOMAIN,
        entry_id=ENTRY_ID,
        title="Diane",
        unique_id="diane",
        data={k: v for k, v in PERSON_DATA.items() if k != CONF_CLIMATE_ENTITY},
        version=1,
        minor_version=1,
    )


async def _open_an_alert(hass: HomeAssistant) -> list:
    """Make the risk high so that caregiver 1 is alerted; return the phone's calls."""
    phone = async_mock_service(hass, "notify", CAREGIVER_PHONE.removeprefix("notify."))
    set_temperature(hass, 17)
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {"config_entry_id": ENTRY_ID, "kind": "cramp"},
        blocking=True,
    )
    await hass.async_block_till_done(wait_background_tasks=True)
    assert len(phone) == 1
    assert hass.states.get(EVENT_ENTITY).attributes["event_type"] == "alert_sent"
    return phone


@pytest.mark.usefixtures("init_integration")
async def test_action_acknowledges_and_records_who(
    hass: HomeAssistant, hass_admin_user: MockUser
) -> None:
    """The action closes the open alert and the event entity names who did it."""
    await _open_an_alert(hass)
    await hass.services.async_call(
        DOMAIN,
        "acknowledge_alert",
        {"config_entry_id": ENTRY_ID},
        blocking=True,
        context=Context(user_id=hass_admin_user.id),
    )
    await hass.async_block_till_done(wait_background_tasks=True)
    state = hass.states.get(EVENT_ENTITY)
    assert state.attributes["event_type"] == "acknowledged"
    assert state.attributes["acknowledged_by"] == hass_admin_user.name

    with pytest.raises(ServiceValidationError) as refused:
        await hass.services.async_call(
            DOMAIN, "acknowledge_alert", {"config_entry_id": ENTRY_ID}, blocking=True
        )
    assert refused.value.translation_key == "no_open_alert"


@pytest.mark.usefixtures("init_integration")
async def test_button_acknowledges(
    hass: HomeAssistant, hass_admin_user: MockUser
) -> None:
    """The big button closes the alert; pressing it with none open says so."""
    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(
            "button",
            "press",
            {"entity_id": "button.diane_acknowledge_alert"},
            blocking=True,
        )
    await _open_an_alert(hass)
    await hass.services.async_call(
        "button",
        "press",
        {"entity_id": "button.diane_acknowledge_alert"},
        blocking=True,
        context=Context(user_id=hass_admin_user.id),
    )
    await hass.async_block_till_done(wait_background_tasks=True)
    state = hass.states.get(EVENT_ENTITY)
    assert state.attributes["event_type"] == "acknowledged"
    assert state.attributes["acknowledged_by"] == hass_admin_user.name
