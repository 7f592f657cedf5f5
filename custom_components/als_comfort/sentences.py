"""What people say to Assist about ALS Comfort, understood in five languages.

The sentences live in `sentences/<language>.yaml` in hassil's format, the one
of Home Assistant's own intents: per intent, sentence templates (a data block
may fix a slot, such as the episode kind); lists with the spoken words of each
body area; a range for the severity; expansion rules. The names of the persons
are the list `person`, filled in when a sentence is heard.

A sentence is understood strictly first: every list must match. When that
fails, one list at a time is relaxed into a wildcard to find out what was not
understood, so that "log a cramp in my elbow" gets a useful answer (which body
areas there are) rather than silence; an unknown name is left for the intent
to refuse, because it knows who is set up.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
import re
from typing import Any, Final

from hassil import Intents, recognize_best
from hassil.intents import SlotList, TextSlotList, WildcardSlotList
from homeassistant.util.yaml import load_yaml_dict

from .intents import SLOT_PERSON

SENTENCES_DIR: Final = Path(__file__).parent / "sentences"
LANGUAGES: Final = ("en", "de", "fr", "es", "nl")
SLOT_BODY_AREA: Final = "body_area"
SLOT_SEVERITY: Final = "severity"
# The lists relaxed, one at a time, to find out what was not understood.
RELAXED: Final = (SLOT_PERSON, SLOT_SEVERITY, SLOT_BODY_AREA)
_RULE = re.compile(r"<(\w+)>")


@dataclass(frozen=True)
class Heard:
    """A sentence understood: the intent to run and its slot values."""

    intent_type: str
    slots: dict[str, Any]


@dataclass(frozen=True)
class Misheard:
    """A sentence of ours with a part that is not understood (a slot's text)."""

    slot: str
    text: str


def _expanded(template: str, rules: dict[str, str]) -> str:
    """Write a template's expansion rules out in full (nested rules included)."""
    while _RULE.search(template):
        template = _RULE.sub(lambda rule: f"({rules[rule.group(1)]})", template)
    return template


class Sentences:
    """The sentences of every language, compiled for the matcher."""

    def __init__(self, sources: dict[str, dict[str, Any]]) -> None:
        """Compile the sentence files' contents, by language."""
        self._intents = {
            language: Intents.from_dict(source) for language, source in sources.items()
        }
        self.templates = [
            _expanded(template, source.get("expansion_rules", {}))
            for source in sources.values()
            for intent_data in source["intents"].values()
            for data in intent_data["data"]
            for template in data["sentences"]
        ]

    @classmethod
    def load(cls) -> Sentences:
        """Read the sentence files (blocking: run in the executor)."""
        return cls(
            {
                language: load_yaml_dict(SENTENCES_DIR / f"{language}.yaml")
                for language in LANGUAGES
            }
        )

    def understand(
        self, text: str, language: str, persons: list[str]
    ) -> Heard | Misheard | None:
        """Understand a sentence, trying the speaker's language first."""
        names = TextSlotList.from_strings(persons, allow_template=False)
        order = [language, *(other for other in LANGUAGES if other != language)]
        for relaxed in (None, *RELAXED):
            lists: dict[str, SlotList] = {SLOT_PERSON: names}
            if relaxed is not None:
                lists[relaxed] = WildcardSlotList(relaxed)
            for spoken in order:
                result = recognize_best(text, self._intents[spoken], slot_lists=lists)
                if result is None:
                    continue
                slots = {
                    name: value.strip()
                    if isinstance(value := entity.value, str)
                    else value
                    for name, entity in result.entities.items()
                }
                # An unknown name goes to the intent, which says who is set up.
                if relaxed in (SLOT_BODY_AREA, SLOT_SEVERITY):
                    return Misheard(relaxed, str(slots[relaxed]))
                return Heard(result.intent.name, slots)
        return None
