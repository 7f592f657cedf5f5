"""Assist understands ALS Comfort with no setup step, in five languages.

The sentences (`sentences.py`) are registered with Home Assistant's built-in
conversation agent the way its own sentence triggers are
(`AgentManager.register_trigger`): once, while at least one person is loaded,
and removed when the last one unloads. A trigger outranks the agent's built-in
intents, and an Assist pipeline runs triggers before any other agent, an LLM
included. The agent turns every list of a trigger into a wildcard; the
callback then understands the sentence strictly with the real lists and hands
it to the integration's intents, which answer in the speaker's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from hassil.recognize import RecognizeResult
from homeassistant.components.conversation import ConversationInput
from homeassistant.components.conversation.agent_manager import get_agent_manager
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import intent
from homeassistant.util.hass_dict import HassKey

from .const import BODY_AREAS, DOMAIN
from .runtime import AlsComfortConfigEntry
from .sentences import SLOT_BODY_AREA, Heard, Sentences
from .speech import async_words, spoken_language

DATA_VOICE: HassKey[Voice] = HassKey(f"{DOMAIN}_voice")


@dataclass
class Voice:
    """The compiled sentences, and who keeps them registered."""

    sentences: Sentences
    entries: set[str] = field(default_factory=set)
    unregister: CALLBACK_TYPE | None = None


async def async_setup_voice(hass: HomeAssistant, entry: AlsComfortConfigEntry) -> None:
    """Let Assist hear the sentences while this person is loaded."""
    if (voice := hass.data.get(DATA_VOICE)) is None:
        sentences = await hass.async_add_executor_job(Sentences.load)
        voice = hass.data.setdefault(DATA_VOICE, Voice(sentences))
    if voice.unregister is None:
        voice.unregister = get_agent_manager(hass).register_trigger(
            sentences=voice.sentences.templates,
            trigger_callback=partial(_async_heard, hass, voice.sentences),
        )
    voice.entries.add(entry.entry_id)
    entry.async_on_unload(partial(_async_release, voice, entry.entry_id))


@callback
def _async_release(voice: Voice, entry_id: str) -> None:
    """Forget a person; with nobody left, Assist no longer hears the sentences."""
    voice.entries.discard(entry_id)
    if not voice.entries and voice.unregister is not None:
        voice.unregister()
        voice.unregister = None


async def _async_heard(
    hass: HomeAssistant,
    sentences: Sentences,
    user_input: ConversationInput,
    _result: RecognizeResult,
) -> str:
    """Understand what was said, act through the intents, and answer."""
    language = spoken_language(user_input.language)
    persons = [
        entry.title for entry in hass.config_entries.async_loaded_entries(DOMAIN)
    ]
    heard = await hass.async_add_executor_job(
        sentences.understand, user_input.text, language, persons
    )
    if isinstance(heard, Heard):
        return await _async_run(hass, heard, user_input)
    words = await async_words(hass, language)
    if heard is None:
        return words.say("voice_not_understood")
    if heard.slot == SLOT_BODY_AREA:
        areas = [words.body_area(area) for area in BODY_AREAS if area != "unspecified"]
        return words.say(
            "voice_unknown_body_area", area=heard.text, areas=words.listing(areas)
        )
    return words.say("invalid_severity")


async def _async_run(
    hass: HomeAssistant, heard: Heard, user_input: ConversationInput
) -> str:
    """Run an intent as the speaker; return what it says."""
    try:
        response = await intent.async_handle(
            hass,
            DOMAIN,
            heard.intent_type,
            {name: {"value": value} for name, value in heard.slots.items()},
            text_input=user_input.text,
            context=user_input.context,
            language=user_input.language,
            device_id=user_input.device_id,
            satellite_id=user_input.satellite_id,
            conversation_agent_id=user_input.agent_id,
        )
    except intent.IntentError:
        words = await async_words(hass, user_input.language)
        return words.say("voice_failed")
    speech: str = response.speech.get("plain", {}).get("speech", "")
    return speech
