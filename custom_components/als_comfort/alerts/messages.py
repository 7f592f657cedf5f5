"""The words of caregiver alerts, in the user's language.

Sentences live in the `common` block of strings.json (keys `alert_*`): a flat
`key → text` map with `{placeholders}`, which hassfest accepts for an
integration and Home Assistant's translation loader serves like every other
category of the file. They are not `exceptions`: nothing is raised with them.

A message says why in plain words and never contains an episode's note.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import dt as dt_util

from ..const import DOMAIN, Reason
from .state import HeldAlert

URGENT_SEVERITY: Final = 7
HEATING_GRACE_MINUTES: Final = 30


class AlertKind(StrEnum):
    """What raised an alert; public in the `als_comfort_alert` event."""

    HIGH_RISK = "high_risk"
    SEVERE_CRAMP = "severe_cramp"
    HEATING_NOT_WORKING = "heating_not_working"
    REPOSITION_DUE = "reposition_due"
    SUMMARY = "summary"


@dataclass(frozen=True, kw_only=True)
class AlertDraft:
    """The facts of an alert at the moment it was raised, before it has words.

    `reasons` are public reason keys; each one has its own cooldown.
    """

    kind: AlertKind
    reasons: tuple[str, ...]
    urgent: bool
    night: bool
    severity: int | None = None
    body_area: str | None = None
    cramp_minutes: int | None = None
    cramps_24h: int = 0
    exertion_percent: float = 0.0
    # Whole minutes since the person last moved, when known.
    still_minutes: int | None = None


class Phrases:
    """Looks up and fills the alert sentences of one language."""

    def __init__(self, strings: Mapping[str, str]) -> None:
        """Keep the flattened `common` strings of the integration."""
        self._strings = strings

    def __call__(self, key: str, **placeholders: object) -> str:
        """Return a sentence with its placeholders filled in."""
        text = self._strings.get(f"component.{DOMAIN}.common.{key}", key)
        # A translation with a broken placeholder still says something.
        with suppress(KeyError, IndexError, ValueError):
            return text.format(**placeholders)
        return text


async def async_phrases(hass: HomeAssistant) -> Phrases:
    """Return the alert sentences in the user's language (English as fallback)."""
    return Phrases(
        await async_get_translations(hass, hass.config.language, "common", [DOMAIN])
    )


def render_alert(draft: AlertDraft, phrase: Phrases, name: str) -> tuple[str, str]:
    """Return the title and message of an alert."""
    title = phrase("alert_title_urgent" if draft.urgent else "alert_title", name=name)
    if draft.kind is AlertKind.SEVERE_CRAMP:
        if draft.body_area and draft.body_area != "unspecified":
            area = phrase(f"alert_area_{draft.body_area}")
            body = phrase(
                "alert_severe_cramp", name=name, severity=draft.severity, area=area
            )
        else:
            body = phrase(
                "alert_severe_cramp_no_area", name=name, severity=draft.severity
            )
    elif draft.kind is AlertKind.REPOSITION_DUE:
        body = phrase("alert_reposition_due", name=name, minutes=draft.still_minutes)
    elif draft.kind is AlertKind.HEATING_NOT_WORKING:
        body = phrase(
            "alert_heating_not_working", name=name, minutes=HEATING_GRACE_MINUTES
        )
    else:
        reasons = join_phrases(
            [_reason_phrase(reason, draft, phrase, name) for reason in _told(draft)],
            phrase,
        )
        body = phrase("alert_high_risk", name=name, reasons=reasons)
    return title, body


def render_summary(
    held: Sequence[HeldAlert], phrase: Phrases, name: str
) -> tuple[str, str]:
    """Return the title and message of the summary sent when quiet hours end."""
    lines = "\n".join(
        phrase(
            "alert_summary_line",
            time=dt_util.as_local(item.at).strftime("%H:%M"),
            message=item.message,
        )
        for item in held
    )
    return (
        phrase("alert_summary_title", name=name),
        phrase("alert_summary", name=name, alerts=lines),
    )


def join_phrases(items: Sequence[str], phrase: Phrases) -> str:
    """Join phrases as a sentence does: "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return phrase("alert_list_two", first=items[0], second=items[1])
    return phrase(
        "alert_list_more", first=items[0], rest=join_phrases(items[1:], phrase)
    )


def _told(draft: AlertDraft) -> list[str]:
    """Return the reasons worth a phrase; a cold night already says the room is cold."""
    return [
        reason
        for reason in draft.reasons
        if not (reason == Reason.COLD_ROOM and Reason.COLD_NIGHT in draft.reasons)
    ]


def _reason_phrase(reason: str, draft: AlertDraft, phrase: Phrases, name: str) -> str:
    """Return the plain-words phrase of one reason."""
    if reason == Reason.CRAMP_CLUSTER:
        if draft.cramp_minutes is None or draft.cramp_minutes < 1:
            return phrase("alert_reason_cramp_cluster_now")
        return phrase("alert_reason_cramp_cluster", minutes=draft.cramp_minutes)
    return phrase(
        f"alert_reason_{reason}",
        name=name,
        count=draft.cramps_24h,
        percent=round(draft.exertion_percent),
        minutes=draft.still_minutes,
    )
