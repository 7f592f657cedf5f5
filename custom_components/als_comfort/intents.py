"""Intents of ALS Comfort: log an episode, say the risk, call for help, acknowledge.

Registered once in `async_setup`, like the actions, so that Assist's sentences
(`voice.py`) and LLM agents (`llm.py`) use the same four. Each intent acts
through the integration's public action with the speaker's context, so the
action's checks (input, permissions) apply to voice exactly as to a dashboard.
Every answer, a refusal included, is spoken in the speaker's language.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any, ClassVar, Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import intent
import probatio

from .const import BODY_AREAS, DOMAIN, EPISODE_KINDS
from .persons import RefusedError, choose_persons
from .runtime import AlsComfortConfigEntry
from .speech import Words, async_words

INTENT_LOG_EPISODE: Final = "AlsComfortLogEpisode"
INTENT_CRAMP_RISK: Final = "AlsComfortCrampRisk"
INTENT_CALL_FOR_HELP: Final = "AlsComfortCallForHelp"
INTENT_ACKNOWLEDGE_ALERT: Final = "AlsComfortAcknowledgeAlert"
SLOT_PERSON: Final = "person"

PERSON_SLOT: Final = {
    probatio.Optional(
        SLOT_PERSON,
        description=(
            "The first name of the person with ALS, as set up in ALS Comfort. "
            "Needed only when ALS Comfort is set up for more than one person."
        ),
    ): intent.non_empty_string,
}


class PersonIntent(intent.IntentHandler):
    """An intent about one person, or each person when unnamed and allowed."""

    # A call for help must reach someone: when several persons are set up and
    # nobody is named, each person's caregivers are called rather than asking.
    everyone_when_unnamed: ClassVar[bool] = False

    @property
    def slot_schema(self) -> dict[Any, Any]:
        """Return the slots: the person, and those of the intent."""
        return {**PERSON_SLOT, **self.extra_slots()}

    def extra_slots(self) -> dict[Any, Any]:
        """Return the intent's own slots."""
        return {}

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Act for the chosen persons and say what happened, or why not."""
        slots = {
            key: slot["value"]
            for key, slot in self.async_validate_slots(intent_obj.slots).items()
        }
        words = await async_words(intent_obj.hass, intent_obj.language)
        response = intent_obj.create_response()
        try:
            entries = choose_persons(
                intent_obj.hass,
                slots.get(SLOT_PERSON),
                assistant=intent_obj.assistant,
                everyone_when_unnamed=self.everyone_when_unnamed,
            )
        except RefusedError as refused:
            response.async_set_error(
                intent.IntentResponseErrorCode.NO_VALID_TARGETS,
                words.say(refused.key, **refused.placeholders),
            )
            return response
        answers, refusals = await self._async_act_for_each(
            intent_obj, entries, slots, words
        )
        if answers:
            response.async_set_speech(" ".join(answers + refusals))
        else:
            response.async_set_error(
                intent.IntentResponseErrorCode.FAILED_TO_HANDLE, " ".join(refusals)
            )
        return response

    async def _async_act_for_each(
        self,
        intent_obj: intent.Intent,
        entries: list[AlsComfortConfigEntry],
        slots: dict[str, Any],
        words: Words,
    ) -> tuple[list[str], list[str]]:
        """Act for each person; return the answers and the refusals."""
        answers, refusals = [], []
        for entry in entries:
            try:
                answers.append(await self.async_act(intent_obj, entry, slots, words))
            except HomeAssistantError as err:
                refusals.append(words.refusal(err, entry.title))
        return answers, refusals

    @abstractmethod
    async def async_act(
        self,
        intent_obj: intent.Intent,
        entry: AlsComfortConfigEntry,
        slots: dict[str, Any],
        words: Words,
    ) -> str:
        """Act for one person; return the spoken answer (each intent its own)."""

    @staticmethod
    async def async_call(
        intent_obj: intent.Intent,
        service: str,
        entry: AlsComfortConfigEntry,
        data: dict[str, Any],
    ) -> None:
        """Call one of the integration's actions as the speaker."""
        await intent_obj.hass.services.async_call(
            DOMAIN,
            service,
            {"config_entry_id": entry.entry_id, **data},
            blocking=True,
            context=intent_obj.context,
        )


class LogEpisodeIntent(PersonIntent):
    """Log a cramp, spasticity or fasciculations, where and how bad."""

    intent_type = INTENT_LOG_EPISODE
    description = (
        "Logs a muscle cramp, a spasticity episode or fasciculations (twitching) "
        "of a person with ALS in ALS Comfort, for their doctor and their alerts. "
        "A cramp of severity 7 or more alerts a caregiver at once."
    )

    def extra_slots(self) -> dict[Any, Any]:
        """Return the kind, the body area and the severity."""
        return {
            probatio.Required(
                "kind",
                description="cramp (painful hard muscle), spasticity (stiffness) "
                "or fasciculation (twitching under the skin)",
            ): probatio.In(EPISODE_KINDS),
            probatio.Optional(
                "body_area", description="Where it happened; unspecified if not said"
            ): probatio.In(BODY_AREAS),
            probatio.Optional(
                "severity",
                description="How bad, from 1 (mild) to 10 (worst), only if said",
            ): probatio.Coerce(int),
        }

    async def async_act(
        self,
        intent_obj: intent.Intent,
        entry: AlsComfortConfigEntry,
        slots: dict[str, Any],
        words: Words,
    ) -> str:
        """Log the episode; say what was logged, for whom."""
        area = slots.get("body_area", "unspecified")
        data: dict[str, Any] = {"kind": slots["kind"], "body_area": area}
        said = [words.kind(slots["kind"])]
        if area != "unspecified":
            said.append(words.body_area(area))
        if (severity := slots.get("severity")) is not None:
            data["severity"] = severity
            said.append(words.say("voice_severity", severity=severity))
        await self.async_call(intent_obj, "log_episode", entry, data)
        return words.say("voice_logged", name=entry.title, what=words.listing(said))


class CrampRiskIntent(PersonIntent):
    """Say the current cramp risk and why."""

    intent_type = INTENT_CRAMP_RISK
    description = (
        "Tells the current cramp risk (low, elevated or high) of a person with ALS "
        "and the reasons for it, from ALS Comfort."
    )
    everyone_when_unnamed = True

    async def async_act(
        self,
        intent_obj: intent.Intent,
        entry: AlsComfortConfigEntry,
        slots: dict[str, Any],
        words: Words,
    ) -> str:
        """Say the level and, in plain words, the reasons."""
        snapshot = entry.runtime_data.coordinator.data
        level = words.level(str(snapshot.level))
        if not snapshot.reasons:
            return words.say("voice_risk_no_reasons", name=entry.title, level=level)
        reasons = words.listing(words.reason(str(r)) for r in snapshot.reasons)
        return words.say("voice_risk", name=entry.title, level=level, reasons=reasons)


class CallForHelpIntent(PersonIntent):
    """Call every caregiver of the person, urgently."""

    intent_type = INTENT_CALL_FOR_HELP
    description = (
        "Calls every caregiver of a person with ALS at once, urgently, through "
        "ALS Comfort. Use it when the person asks for help or a caregiver."
    )
    everyone_when_unnamed = True

    def extra_slots(self) -> dict[Any, Any]:
        """Return the optional message."""
        return {
            probatio.Optional(
                "message",
                description="A short message for the caregivers, only if the person "
                "said one (up to 200 characters)",
            ): intent.non_empty_string,
        }

    async def async_act(
        self,
        intent_obj: intent.Intent,
        entry: AlsComfortConfigEntry,
        slots: dict[str, Any],
        words: Words,
    ) -> str:
        """Call for help; say that the caregivers are being called."""
        data = {"message": slots["message"]} if "message" in slots else {}
        await self.async_call(intent_obj, "call_for_help", entry, data)
        return words.say("voice_help_called", name=entry.title)


class AcknowledgeAlertIntent(PersonIntent):
    """Acknowledge the person's open caregiver alert."""

    intent_type = INTENT_ACKNOWLEDGE_ALERT
    description = (
        "Acknowledges the open caregiver alert of a person with ALS in ALS Comfort, "
        "so it is not passed on to the next caregiver. Only for a caregiver who is "
        "taking care of it."
    )

    async def async_act(
        self,
        intent_obj: intent.Intent,
        entry: AlsComfortConfigEntry,
        slots: dict[str, Any],
        words: Words,
    ) -> str:
        """Acknowledge the alert; say so."""
        await self.async_call(intent_obj, "acknowledge_alert", entry, {})
        return words.say("voice_acknowledged", name=entry.title)


INTENT_HANDLERS: Final[tuple[type[PersonIntent], ...]] = (
    LogEpisodeIntent,
    CrampRiskIntent,
    CallForHelpIntent,
    AcknowledgeAlertIntent,
)


@callback
def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the intents once; they outlive any one person's entry."""
    for handler in INTENT_HANDLERS:
        intent.async_register(hass, handler())
