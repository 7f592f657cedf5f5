"""LLM agents use the same intents as tools, only for persons exposed to them."""

from __future__ import annotations

from homeassistant.components.homeassistant.exposed_entities import (
    async_expose_entity,
    async_should_expose,
)
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import entity_registry as er, llm
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.llm import async_get_tools

from .conftest import DIANE_ID, MARC_ID, logged

pytestmark = pytest.mark.freeze_time("2026-11-25 12:00:00+00:00")
TOOLS = {
    "als_comfort__AlsComfortLogEpisode",
    "als_comfort__AlsComfortCrampRisk",
    "als_comfort__AlsComfortCallForHelp",
    "als_comfort__AlsComfortAcknowledgeAlert",
}


def _context(language: str = "en") -> llm.LLMContext:
    """An LLM agent's request, as the conversation integration makes it."""
    return llm.LLMContext(
        platform="test_llm",
        context=Context(),
        language=language,
        assistant="conversation",
        device_id=None,
    )


async def _api(hass: HomeAssistant, language: str = "en") -> llm.APIInstance:
    """The Assist API an LLM agent is given."""
    return await llm.async_get_api(hass, llm.LLM_API_ASSIST, _context(language))


@pytest.fixture
def diane_exposed(hass: HomeAssistant, diane: MockConfigEntry) -> MockConfigEntry:
    """Diane, with her cramp risk exposed to Assist by the user."""
    async_expose_entity(hass, "conversation", "sensor.diane_cramp_risk", True)
    return diane


async def test_no_tools_until_a_person_is_exposed(
    hass: HomeAssistant, diane: MockConfigEntry
) -> None:
    """Health data reaches a model only when the user exposed the person."""
    registry = er.async_get(hass)
    entities = er.async_entries_for_config_entry(registry, diane.entry_id)
    assert entities
    assert not any(
        async_should_expose(hass, "conversation", entity.entity_id)
        for entity in entities
    )
    api = await _api(hass)
    assert not [tool for tool in api.tools if tool.name.startswith("als_comfort")]

    async_expose_entity(hass, "conversation", "sensor.diane_cramp_risk", True)
    api = await _api(hass)
    assert {tool.name for tool in api.tools} >= TOOLS
    assert async_get_tools(hass, _context(), "another_api") is None


@pytest.mark.usefixtures("diane_exposed")
async def test_the_intents_are_tools_with_described_slots(hass: HomeAssistant) -> None:
    """The four intents are offered, each slot with a description for the model."""
    api = await _api(hass)
    tools = {
        tool.name: tool for tool in api.tools if tool.name.startswith("als_comfort")
    }
    assert set(tools) == TOOLS
    log = tools["als_comfort__AlsComfortLogEpisode"]
    described = {str(key): key.description for key in log.parameters.schema}
    assert set(described) == {"person", "kind", "body_area", "severity"}
    assert all(described.values())
    risk = tools["als_comfort__AlsComfortCrampRisk"]
    assert risk.annotations.read_only


@pytest.mark.usefixtures("diane_exposed")
async def test_a_tool_call_logs_and_answers(hass: HomeAssistant) -> None:
    """The model's tool call logs exactly its arguments, answered in the user's language."""
    api = await _api(hass, "es")
    result = await api.async_call_tool(
        llm.ToolInput(
            tool_name="als_comfort__AlsComfortLogEpisode",
            tool_args={"kind": "spasticity", "body_area": "hand", "severity": 4},
        )
    )
    assert result.data["speech"]["plain"]["speech"] == (
        "Registrado para Diane: Espasticidad, Mano, gravedad 4."
    )
    assert await logged(hass) == [("spasticity", "hand", 4)]


@pytest.mark.usefixtures("diane_exposed", "marc")
async def test_a_person_not_exposed_is_unknown_to_the_model(
    hass: HomeAssistant,
) -> None:
    """With Marc not exposed, the model can neither name him nor log for him."""
    api = await _api(hass)
    result = await api.async_call_tool(
        llm.ToolInput(
            tool_name="als_comfort__AlsComfortLogEpisode",
            tool_args={"kind": "cramp", "person": "Marc"},
        )
    )
    assert result.data["speech"]["plain"]["speech"] == (
        "ALS Comfort knows nobody called Marc. Say one of: Diane."
    )
    result = await api.async_call_tool(
        llm.ToolInput(
            tool_name="als_comfort__AlsComfortLogEpisode", tool_args={"kind": "cramp"}
        )
    )
    assert result.data["speech"]["plain"]["speech"] == "Logged for Diane: Cramp."
    assert await logged(hass, MARC_ID) == []
    assert await logged(hass, DIANE_ID) == [("cramp", "unspecified", None)]
