"""LLM tools of ALS Comfort: the integration's intents, for LLM-based Assist agents.

Home Assistant's Assist API asks each integration's `llm` platform for tools.
The tools are offered only when the user exposed at least one of a person's
entities to that assistant (Settings → Voice assistants → Expose): health data
reaches a cloud model only by the user's choice, and the intents keep to the
persons whose entities are exposed.
"""

from __future__ import annotations

from typing import Final

from homeassistant.components.llm import LLMTools
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import intent
from homeassistant.helpers.llm import (
    LLM_API_ASSIST,
    IntentTool,
    LLMContext,
    Tool,
    ToolAnnotations,
)

from .const import DOMAIN
from .intents import (
    INTENT_ACKNOWLEDGE_ALERT,
    INTENT_CALL_FOR_HELP,
    INTENT_CRAMP_RISK,
    INTENT_LOG_EPISODE,
)
from .persons import exposed_persons

# Titles, and how each tool behaves: logging adds an entry and changes nothing
# else; the risk is only read; help and acknowledgements reach caregivers' phones.
LLM_INTENTS: Final[dict[str, tuple[str, ToolAnnotations]]] = {
    INTENT_LOG_EPISODE: (
        "Log an ALS episode",
        ToolAnnotations(destructive=False, open_world=False),
    ),
    INTENT_CRAMP_RISK: (
        "Tell the cramp risk",
        ToolAnnotations(
            read_only=True, destructive=False, idempotent=True, open_world=False
        ),
    ),
    INTENT_CALL_FOR_HELP: (
        "Call the caregivers for help",
        ToolAnnotations(destructive=False),
    ),
    INTENT_ACKNOWLEDGE_ALERT: (
        "Acknowledge the caregiver alert",
        ToolAnnotations(idempotent=True),
    ),
}


@callback
def async_get_tools(
    hass: HomeAssistant, llm_context: LLMContext, api_id: str
) -> LLMTools | None:
    """Return the intents as tools when a person's entities are exposed."""
    if api_id != LLM_API_ASSIST or not llm_context.assistant:
        return None
    if not exposed_persons(hass, llm_context.assistant):
        return None
    tools: list[Tool] = [
        IntentTool(
            f"{DOMAIN}__{handler.intent_type}",
            handler,
            title=LLM_INTENTS[handler.intent_type][0],
            integration=DOMAIN,
            annotations=LLM_INTENTS[handler.intent_type][1],
        )
        for handler in intent.async_get(hass)
        if handler.intent_type in LLM_INTENTS
    ]
    return LLMTools(tools=tools)
