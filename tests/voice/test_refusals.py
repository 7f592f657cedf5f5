"""Refused requests get a spoken answer in the speaker's language and change nothing."""

from __future__ import annotations

from homeassistant.auth.models import User
from homeassistant.const import EVENT_CALL_SERVICE
from homeassistant.core import Event, HomeAssistant, ServiceCall, callback
from homeassistant.exceptions import HomeAssistantError, Unauthorized
from homeassistant.helpers import intent
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import DOMAIN

from .conftest import logged, say

pytestmark = [
    pytest.mark.freeze_time("2026-11-25 12:00:00+00:00"),
    pytest.mark.usefixtures("diane"),
]


@pytest.mark.parametrize(
    ("language", "sentence", "answer"),
    [
        (
            "en",
            "log a cramp in my elbow",
            (
                "I cannot log the body area “elbow”. Say one of: Foot, Calf, Thigh, "
                "Hand, Arm, Abdomen, Chest, Back, Neck, Jaw."
            ),
        ),
        (
            "en",
            "my eyelid is twitching",
            (
                "I cannot log the body area “eyelid”. Say one of: Foot, Calf, Thigh, "
                "Hand, Arm, Abdomen, Chest, Back, Neck, Jaw."
            ),
        ),
        (
            "de",
            "Krampf im Ellbogen eintragen",
            (
                "Die Körperstelle „Ellbogen“ kann ich nicht eintragen. Sag eine dieser: "
                "Fuß, Wade, Oberschenkel, Hand, Arm, Bauch, Brust, Rücken, Nacken, Kiefer."
            ),
        ),
        (
            "fr",
            "note une crampe au coude",
            (
                "Je ne peux pas enregistrer la partie du corps « coude ». Dites l'une de "
                "celles-ci : Pied, Mollet, Cuisse, Main, Bras, Abdomen, Poitrine, Dos, "
                "Cou, Mâchoire."
            ),
        ),
        (
            "es",
            "registra un calambre en el codo",
            (
                "No puedo registrar la zona del cuerpo «codo». Di una de estas: Pie, "
                "Pantorrilla, Muslo, Mano, Brazo, Abdomen, Pecho, Espalda, Cuello, "
                "Mandíbula."
            ),
        ),
        (
            "nl",
            "registreer een kramp in mijn elleboog",
            (
                "Het lichaamsdeel “elleboog” kan ik niet vastleggen. Zeg een van deze: "
                "Voet, Kuit, Dij, Hand, Arm, Buik, Borst, Rug, Nek, Kaak."
            ),
        ),
    ],
)
async def test_an_unknown_body_area(
    hass: HomeAssistant, language: str, sentence: str, answer: str
) -> None:
    """A body area that is not one of SPEC §5's is refused with the list of them."""
    assert await say(hass, sentence, language) == answer
    assert await logged(hass) == []


@pytest.mark.parametrize(
    ("language", "sentence", "answer"),
    [
        (
            "en",
            "log a cramp in my calf severity 12",
            "Severity must be a whole number from 1 to 10.",
        ),
        (
            "en",
            "log a cramp in my calf severity bad",
            "Severity must be a whole number from 1 to 10.",
        ),
        (
            "de",
            "Krampf in der Wade Stärke zwölf eintragen",
            "Die Stärke muss eine ganze Zahl von 1 bis 10 sein.",
        ),
        (
            "fr",
            "note une crampe au mollet avec une intensité de 0",
            "La gravité doit être un nombre entier de 1 à 10.",
        ),
    ],
)
async def test_a_severity_out_of_range(
    hass: HomeAssistant, language: str, sentence: str, answer: str
) -> None:
    """The action's own translated refusal is spoken; nothing is logged."""
    assert await say(hass, sentence, language) == answer
    assert await logged(hass) == []


@pytest.mark.parametrize(
    ("language", "sentence", "answer"),
    [
        ("en", "acknowledge the alert", "No caregiver alert is open for Diane."),
        (
            "fr",
            "confirme l'alerte",
            "Aucune alerte aux aidants n'est en cours pour Diane.",
        ),
    ],
)
async def test_no_open_alert(
    hass: HomeAssistant, language: str, sentence: str, answer: str
) -> None:
    """Acknowledging with no open alert says so, in the speaker's language."""
    assert await say(hass, sentence, language) == answer


async def test_an_unknown_name_with_one_person(hass: HomeAssistant) -> None:
    """Even with one person, a wrong name is not taken for hers."""
    answer = await say(hass, "log a cramp for Bob")
    assert answer == "ALS Comfort knows nobody called Bob. Say one of: Diane."
    assert await logged(hass) == []


async def test_two_unknown_parts_are_not_understood(hass: HomeAssistant) -> None:
    """With nothing to go on, Assist says what can be said instead; nothing is logged."""
    answer = await say(hass, "Bob hat einen Krampf im Ellbogen", "de")
    assert answer == (
        "Das habe ich leider nicht verstanden. Du kannst zum Beispiel sagen: "
        "Krampf in der Wade eintragen."
    )
    assert await logged(hass) == []


async def test_the_speaker_acts_as_themself(
    hass: HomeAssistant, hass_read_only_user: User
) -> None:
    """Voice calls the action as the speaker, so its permission checks apply."""
    contexts: list[str | None] = []

    @callback
    def record(event: Event) -> None:
        if event.data["domain"] == DOMAIN and event.data["service"] == "log_episode":
            contexts.append(event.context.user_id)

    hass.bus.async_listen(EVENT_CALL_SERVICE, record)
    await say(hass, "log a cramp in my calf", user_id=hass_read_only_user.id)
    assert contexts == [hass_read_only_user.id]


@pytest.mark.parametrize(
    ("language", "answer"),
    [
        ("en", "You are not allowed to do that for Diane."),
        ("de", "Du darfst das für Diane nicht tun."),
    ],
)
async def test_a_refused_permission_is_said(
    hass: HomeAssistant, hass_read_only_user: User, language: str, answer: str
) -> None:
    """An action refusing the speaker (SPEC §11) is answered, not left silent.

    The permission check itself belongs to the actions (issue 16); here the action
    refuses the way Home Assistant's checks do, with `Unauthorized`.
    """

    async def refuse(call: ServiceCall) -> None:
        raise Unauthorized(context=call.context)

    hass.services.async_register(DOMAIN, "log_episode", refuse)
    sentence = {"en": "log a cramp in my calf", "de": "Krampf in der Wade eintragen"}
    user = hass_read_only_user.id
    assert await say(hass, sentence[language], language, user_id=user) == answer


@pytest.mark.parametrize(
    ("sentence", "answer"),
    [
        ("log a cramp in my calf", "You are not allowed to do that for Diane."),
        ("I need help", None),  # call_for_help: a read-only user may not either
    ],
)
async def test_a_read_only_speaker_is_refused_by_the_action(
    hass: HomeAssistant, hass_read_only_user: User, sentence: str, answer: str | None
) -> None:
    """The real action refuses a read-only speaker (SPEC §11): said, nothing logged."""
    spoken = await say(hass, sentence, "en", user_id=hass_read_only_user.id)
    assert spoken == (answer or "You are not allowed to do that for Diane.")
    assert await logged(hass) == []


@pytest.mark.parametrize(
    "error", [HomeAssistantError("disk full"), OSError(28, "No space left on device")]
)
async def test_a_failure_without_words_is_said_plainly(
    hass: HomeAssistant, error: Exception
) -> None:
    """An action failing without a translated message still gets an answer."""

    async def fail(call: ServiceCall) -> None:
        raise error

    hass.services.async_register(DOMAIN, "log_episode", fail)
    assert await say(hass, "log a cramp in my calf") == "Sorry, that did not work."


async def test_intents_without_a_loaded_person(
    hass: HomeAssistant, diane: MockConfigEntry
) -> None:
    """An intent (say, from an LLM agent) with nobody loaded says so."""
    assert await hass.config_entries.async_unload(diane.entry_id)
    response = await intent.async_handle(
        hass,
        "test",
        "AlsComfortLogEpisode",
        {"kind": {"value": "cramp"}},
        language="nl",
    )
    assert response.response_type is intent.IntentResponseType.ERROR
    assert response.speech["plain"]["speech"] == (
        "ALS Comfort draait op dit moment voor niemand."
    )
