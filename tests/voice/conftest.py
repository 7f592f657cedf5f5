"""Voice tests: Assist's built-in agent, Diane (and Marc), saying and reading back."""

from __future__ import annotations

from typing import Any

from homeassistant.components import conversation
from homeassistant.const import CONF_NAME
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import intent
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import CONF_CLIMATE_ENTITY, DOMAIN
from tests.conftest import PERSON_DATA, set_up_entry

DIANE_ID = "01KALSCOMFORTTESTENTRY0000"
MARC_ID = "01KMARCALSCOMFORT000000000"
# Diane and Marc share the bedroom thermometer; neither has a thermostat, so
# no comfort action gets in the way of what the tests listen for.
PERSON = {k: v for k, v in PERSON_DATA.items() if k != CONF_CLIMATE_ENTITY}


def person_entry(entry_id: str, name: str) -> MockConfigEntry:
    """A person's entry (not yet added)."""
    return MockConfigEntry(
        domain=DOMAIN,
        entry_id=entry_id,
        title=name,
        unique_id=name.lower(),
        data={**PERSON, CONF_NAME: name},
        version=1,
        minor_version=1,
    )


@pytest.fixture
async def assist(hass: HomeAssistant) -> None:
    """Assist's conversation agent, as every Home Assistant with voice has it."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})


@pytest.fixture
def mock_config_entry() -> MockConfigEntry:
    """Diane, the one person in most voice tests."""
    return person_entry(DIANE_ID, "Diane")


@pytest.fixture
async def diane(assist: None, init_integration: MockConfigEntry) -> MockConfigEntry:
    """Diane's entry, loaded after Assist."""
    return init_integration


@pytest.fixture
async def marc(hass: HomeAssistant, diane: MockConfigEntry) -> MockConfigEntry:
    """A second person, Marc, loaded after Diane."""
    return await set_up_entry(hass, person_entry(MARC_ID, "Marc"))


async def converse(
    hass: HomeAssistant, text: str, language: str = "en", user_id: str | None = None
) -> intent.IntentResponse:
    """Say a sentence to Assist's built-in agent; return its response."""
    result = await conversation.async_converse(
        hass, text, None, Context(user_id=user_id), language=language
    )
    await hass.async_block_till_done(wait_background_tasks=True)
    return result.response


async def say(
    hass: HomeAssistant, text: str, language: str = "en", user_id: str | None = None
) -> str:
    """Say a sentence to Assist; return what it answers."""
    response = await converse(hass, text, language, user_id)
    speech: str = response.speech["plain"]["speech"]
    return speech


async def logged(
    hass: HomeAssistant, entry_id: str = DIANE_ID
) -> list[tuple[str, str, int | None]]:
    """Return the person's logged episodes as (kind, body area, severity)."""
    exported: Any = await hass.services.async_call(
        DOMAIN,
        "export_log",
        {"config_entry_id": entry_id},
        blocking=True,
        return_response=True,
    )
    return [
        (episode["kind"], episode["body_area"], episode.get("severity"))
        for episode in exported["episodes"]
    ]
