"""The words Assist speaks for ALS Comfort, in the speaker's language.

Spoken answers live in the `exceptions` block of strings.json under `voice_*`
keys, next to the alert and report sentences and for the same reason (see
`alert_messages.py`). Names of risk levels, reasons, kinds and body areas are
not repeated there: they are the entity translations the dashboard shows.
A refused action call is answered with its own translated message, looked up
again in the speaker's language (Home Assistant renders exception messages in
English only).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, Unauthorized
from homeassistant.helpers.translation import async_get_translations

from .const import DOMAIN

SHIPPED_LANGUAGES = ("en", "de", "fr", "es", "nl")
_EPISODE = f"component.{DOMAIN}.entity.sensor.last_episode.state_attributes"
_RISK = f"component.{DOMAIN}.entity.sensor.cramp_risk"


def spoken_language(language: str | None) -> str:
    """Return the shipped language closest to a speaker's (`de-CH` → `de`)."""
    base = (language or "en").replace("_", "-").split("-")[0].lower()
    return base if base in SHIPPED_LANGUAGES else "en"


@dataclass(frozen=True)
class Words:
    """The integration's translations of one language, ready to be spoken."""

    entity: Mapping[str, str]
    exceptions: Mapping[str, str]

    def say(self, key: str, **placeholders: object) -> str:
        """Return the sentence `key` with its placeholders filled in."""
        return self._fill(
            self.exceptions.get(f"component.{DOMAIN}.exceptions.{key}.message", key),
            placeholders,
        )

    def kind(self, kind: str) -> str:
        """Return the name of an episode kind (`cramp` → "Cramp")."""
        return self.entity.get(f"{_EPISODE}.kind.state.{kind}", kind)

    def body_area(self, area: str) -> str:
        """Return the name of a body area (`calf` → "Calf")."""
        return self.entity.get(f"{_EPISODE}.body_area.state.{area}", area)

    def level(self, level: str) -> str:
        """Return the name of a cramp risk level (`high` → "High")."""
        return self.entity.get(f"{_RISK}.state.{level}", level)

    def reason(self, reason: str) -> str:
        """Return the words of a risk reason (`cold_room` → "Cold room")."""
        key = f"{_RISK}.state_attributes.reasons.state.{reason}"
        return self.entity.get(key, reason.replace("_", " "))

    @staticmethod
    def listing(items: Iterable[str]) -> str:
        """Return items as one spoken list."""
        return ", ".join(items)

    def refusal(self, err: HomeAssistantError, name: str) -> str:
        """Return why an action call was refused, in this language.

        A refusal of the speaker is said plainly: the written one names the
        action, which means nothing when spoken.
        """
        if isinstance(err, Unauthorized):
            return self.say("voice_not_allowed", name=name)
        if err.translation_domain and err.translation_key:
            key = (
                f"component.{err.translation_domain}.exceptions."
                f"{err.translation_key}.message"
            )
            if (text := self.exceptions.get(key)) is not None:
                return self._fill(text, err.translation_placeholders or {})
        return self.say("voice_failed", name=name)

    @staticmethod
    def _fill(text: str, placeholders: Mapping[str, object]) -> str:
        """Fill in placeholders; a translation with a broken one still speaks."""
        with suppress(KeyError, IndexError, ValueError):
            return text.format(**placeholders)
        return text


async def async_words(hass: HomeAssistant, language: str | None) -> Words:
    """Load the words of a speaker's language (English where one is missing).

    Home Assistant's own exception messages come along: a refusal such as a
    missing action is spoken in the same language.
    """
    spoken = spoken_language(language)
    return Words(
        entity=await async_get_translations(hass, spoken, "entity", [DOMAIN]),
        exceptions=await async_get_translations(
            hass, spoken, "exceptions", [DOMAIN, "homeassistant"]
        ),
    )
