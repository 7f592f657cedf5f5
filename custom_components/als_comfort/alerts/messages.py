"""The words of caregiver alerts, in the user's language.

Sentences live in the `common` block of strings.json (keys `alert_*`): a flat
`key → text` map with `{placeholders}`, which hassfest accepts for an
integration and Home Assistant's translation loader serves like every other
category of the file. They are not `exceptions`: nothing is raised with them.

A message says why and what to do, in plain words, with the person's name;
it never contains an episode's note. Only a call for help carries words of the
person's own: the message they gave.
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
from .state import Alert, HeldAlert

URGENT_SEVERITY: Final = 7
HEATING_GRACE_MINUTES: Final = 30
# How long the thermometer is unknown in the night window before a caregiver is told.
SENSOR_GRACE_MINUTES: Final = 30
# Why heating cannot start, as the comforts say (`heating_cannot_start`).
HEATING_FAILURES: Final = (
    "missing",
    "unavailable",
    "no_heat_mode",
    "mode_locked",
    "refused",
)


class AlertKind(StrEnum):
    """What raised an alert; public in the `als_comfort_alert` event."""

    HIGH_RISK = "high_risk"
    SEVERE_CRAMP = "severe_cramp"
    HEATING_NOT_WORKING = "heating_not_working"
    HELP_REQUESTED = "help_requested"
    HEATER_STUCK_ON = "heater_stuck_on"
    SENSOR_UNAVAILABLE = "sensor_unavailable"
    REPOSITION_DUE = "reposition_due"
    SUMMARY = "summary"


@dataclass(frozen=True, kw_only=True)
class AlertDraft:
    """The facts of an alert at the moment it was raised, before it has words.

    `reasons` are public reason keys; each non-urgent one has its own cooldown.
    `message` is the person's own words (a call for help), `device` the name of
    the thermostat or heater concerned, `failure` why heating cannot start.
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
    message: str = ""
    device: str = ""
    failure: str = ""
    # Whole minutes since the person last moved, when known.
    still_minutes: int | None = None


@dataclass(frozen=True, kw_only=True)
class Words:
    """What a notification says, in the user's language."""

    title: str
    message: str
    # The title of the Acknowledge button.
    acknowledge: str
    # How to acknowledge, said where no button can be shown.
    how_to_acknowledge: str


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
    return title, _body(draft, phrase, name)


def _body(draft: AlertDraft, phrase: Phrases, name: str) -> str:
    """Return what an alert says: why, and what to do."""
    match draft.kind:
        case AlertKind.SEVERE_CRAMP:
            return _severe_cramp(draft, phrase, name)
        case AlertKind.HELP_REQUESTED if draft.message:
            return phrase(
                "alert_help_requested_message", name=name, message=draft.message
            )
        case AlertKind.HELP_REQUESTED:
            return phrase("alert_help_requested", name=name)
        case AlertKind.HEATING_NOT_WORKING if draft.failure:
            failure = draft.failure if draft.failure in HEATING_FAILURES else "other"
            why = phrase(f"alert_heating_failure_{failure}", device=draft.device)
            return phrase("alert_heating_cannot_start", name=name, why=why)
        case AlertKind.HEATING_NOT_WORKING:
            return phrase(
                "alert_heating_not_working", name=name, minutes=HEATING_GRACE_MINUTES
            )
        case AlertKind.REPOSITION_DUE:
            return phrase(
                "alert_reposition_due", name=name, minutes=draft.still_minutes
            )
        case AlertKind.HEATER_STUCK_ON:
            return phrase("alert_heater_stuck_on", name=name, device=draft.device)
        case AlertKind.SENSOR_UNAVAILABLE:
            return phrase(
                "alert_sensor_unavailable", name=name, minutes=SENSOR_GRACE_MINUTES
            )
    reasons = join_phrases(
        [_reason_phrase(reason, draft, phrase, name) for reason in _told(draft)],
        phrase,
    )
    return phrase("alert_high_risk", name=name, reasons=reasons)


def _severe_cramp(draft: AlertDraft, phrase: Phrases, name: str) -> str:
    """Return the message of a severe cramp, with its body area when given."""
    if draft.body_area and draft.body_area != "unspecified":
        area = phrase(f"alert_area_{draft.body_area}")
        return phrase(
            "alert_severe_cramp", name=name, severity=draft.severity, area=area
        )
    return phrase("alert_severe_cramp_no_area", name=name, severity=draft.severity)


def alert_words(alert: Alert, phrase: Phrases, name: str) -> Words:
    """Return what an open alert says; called again, that nobody answered yet."""
    title, message = alert.title, alert.message
    if alert.unanswered_since is not None:
        title = phrase("alert_title_unanswered", name=name)
        message = phrase("alert_unanswered", name=name, message=message)
    return Words(
        title=title,
        message=message,
        acknowledge=phrase("alert_action_acknowledge"),
        how_to_acknowledge=phrase("alert_how_to_acknowledge", name=name),
    )


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
