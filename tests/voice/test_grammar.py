"""Every sentence template of every language is heard by Assist and understood.

Sentences are sampled from each template of `sentences/<language>.yaml` (the
longest form, with every optional part, and the shortest). Each must reach the
integration through Home Assistant's own sentence-trigger matching, where every
list is a wildcard (two wildcards side by side would silently match nothing),
and must be understood strictly as the template's intent and kind.
"""

from __future__ import annotations

from functools import cache
from itertools import islice

from hassil import Intents
from hassil.intents import TextSlotList
from hassil.sample import sample_sentence
from homeassistant.components import conversation
from homeassistant.components.conversation import ConversationInput
from homeassistant.core import Context, HomeAssistant
from homeassistant.util.yaml import load_yaml_dict
import pytest

from custom_components.als_comfort.sentences import (
    LANGUAGES,
    SENTENCES_DIR,
    Heard,
    Sentences,
)

PERSONS = ["Diane"]


@cache
def _samples(language: str) -> list[tuple[str, dict[str, str], str]]:
    """Return (intent, fixed slots, sentence): the longest and shortest of each template."""
    intents = Intents.from_dict(load_yaml_dict(SENTENCES_DIR / f"{language}.yaml"))
    lists = {**intents.slot_lists, "person": TextSlotList.from_strings(PERSONS)}
    samples = []
    for name, intent_data in intents.intents.items():
        for data in intent_data.data:
            for template in data.sentences:
                for shortest in (False, True):
                    text = next(
                        islice(
                            sample_sentence(
                                template,
                                lists,
                                intents.expansion_rules,
                                language,
                                expand_ranges=False,
                                skip_optionals=shortest,
                            ),
                            1,
                        )
                    ).replace("{severity}", "7")
                    samples.append((name, dict(data.slots), " ".join(text.split())))
    return samples


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_is_understood_strictly(language: str) -> None:
    """A sample of each template is understood as its own intent and kind."""
    sentences = Sentences.load()
    for name, slots, text in _samples(language):
        heard = sentences.understand(text, language, PERSONS)
        assert isinstance(heard, Heard), text
        assert heard.intent_type == name, text
        assert slots.items() <= heard.slots.items(), text


@pytest.mark.usefixtures("assist")
@pytest.mark.parametrize("language", LANGUAGES)
async def test_every_template_reaches_the_integration(
    hass: HomeAssistant, diane: None, language: str
) -> None:
    """Home Assistant's trigger matching hears a sample of each template."""
    agent = conversation.async_get_agent(hass)
    for _, _, text in _samples(language):
        user_input = ConversationInput(
            text=text,
            context=Context(),
            conversation_id=None,
            device_id=None,
            satellite_id=None,
            language=language,
            agent_id=conversation.HOME_ASSISTANT_AGENT,
        )
        assert await agent.async_recognize_sentence_trigger(user_input), text
