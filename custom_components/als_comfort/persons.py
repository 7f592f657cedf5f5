"""Whom a spoken request is for: the person named, the only one, or each of them.

A person is a loaded ALS Comfort entry; the entry's title is the person's name.
The built-in agent's sentences reach every person. An LLM agent reaches only the
persons the user exposed to it (at least one of their entities), so health data
goes to a model only by the user's choice.
"""

from __future__ import annotations

import unicodedata

from homeassistant.components.homeassistant.exposed_entities import async_should_expose
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

from .const import DOMAIN
from .runtime import AlsComfortConfigEntry


class RefusedError(Exception):
    """A request the intent cannot carry out, with the sentence that says why."""

    def __init__(self, key: str, **placeholders: object) -> None:
        """Keep the `voice_*` sentence key and its placeholders."""
        super().__init__(key)
        self.key = key
        self.placeholders = placeholders


def _spoken_form(name: str) -> str:
    """Return a name as speech-to-text may write it: no case, accents or punctuation.

    "Anne-Marie" is heard as "anne marie", "José" often as "jose".
    """
    letters = unicodedata.normalize("NFKD", name.casefold())
    kept = "".join(
        char if char.isalnum() else " "
        for char in letters
        if not unicodedata.combining(char)
    )
    return " ".join(kept.split())


def _same_name(title: str, spoken: str) -> bool:
    """Tell whether a spoken name is the person's."""
    return _spoken_form(title) == _spoken_form(spoken)


def exposed_persons(
    hass: HomeAssistant, assistant: str | None
) -> list[AlsComfortConfigEntry]:
    """Return the loaded persons; for an assistant, those it was shown.

    Sentences of the built-in agent have no assistant and reach every person;
    an LLM agent reaches a person only when the user exposed one of the
    person's entities to it.
    """
    entries: list[AlsComfortConfigEntry] = hass.config_entries.async_loaded_entries(
        DOMAIN
    )
    if assistant is None:
        return entries
    registry = er.async_get(hass)
    return [
        entry
        for entry in entries
        if any(
            async_should_expose(hass, assistant, entity.entity_id)
            for entity in er.async_entries_for_config_entry(registry, entry.entry_id)
        )
    ]


def choose_persons(
    hass: HomeAssistant,
    name: str | None,
    *,
    assistant: str | None,
    everyone_when_unnamed: bool,
) -> list[AlsComfortConfigEntry]:
    """Return the persons a request is for: the one named, the only one, or all."""
    entries = exposed_persons(hass, assistant)
    names = ", ".join(entry.title for entry in entries)
    if not entries:
        raise RefusedError("voice_no_person")
    if name is not None:
        chosen = [entry for entry in entries if _same_name(entry.title, name)]
        if not chosen:
            raise RefusedError("voice_unknown_person", name=name, names=names)
        return chosen
    if len(entries) == 1 or everyone_when_unnamed:
        return entries
    raise RefusedError("voice_which_person", names=names)
