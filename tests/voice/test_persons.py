"""Two persons: the person is named; with one it is implied. Unloading silences voice."""

from __future__ import annotations

from homeassistant.components.conversation.agent_manager import get_agent_manager
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import intent
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_mock_service,
)

from custom_components.als_comfort.const import DOMAIN
from tests.conftest import CAREGIVER_PHONE, set_up_entry

from .conftest import DIANE_ID, MARC_ID, converse, logged, person_entry, say

pytestmark = pytest.mark.freeze_time("2026-11-25 12:00:00+00:00")


@pytest.mark.usefixtures("marc")
async def test_with_two_persons_an_unnamed_log_asks_who(hass: HomeAssistant) -> None:
    """Nobody's log guesses: Assist asks for the name and logs nothing."""
    answer = await say(hass, "log a cramp in my calf")
    assert answer == "Who is this for? Please say the name too: Diane, Marc."
    assert await logged(hass, DIANE_ID) == []
    assert await logged(hass, MARC_ID) == []


@pytest.mark.usefixtures("marc")
@pytest.mark.parametrize(
    ("language", "sentence", "answer"),
    [
        ("en", "log a cramp in my calf for Marc", "Logged for Marc: Cramp, Calf."),
        ("en", "Marc has a cramp in his calf", "Logged for Marc: Cramp, Calf."),
        ("en", "log a cramp in my calf for marc", "Logged for Marc: Cramp, Calf."),
        (
            "de",
            "Krampf in der Wade für Marc eintragen",
            "Für Marc eingetragen: Krampf, Wade.",
        ),
        (
            "fr",
            "note une crampe au mollet pour Marc",
            "Enregistré pour Marc : Crampe, Mollet.",
        ),
        (
            "es",
            "registra un calambre en la pantorrilla para Marc",
            "Registrado para Marc: Calambre, Pantorrilla.",
        ),
        (
            "nl",
            "registreer een kramp in mijn kuit voor Marc",
            "Vastgelegd voor Marc: Kramp, Kuit.",
        ),
    ],
)
async def test_the_named_person_gets_the_entry(
    hass: HomeAssistant, language: str, sentence: str, answer: str
) -> None:
    """Naming the person logs for that person only."""
    assert await say(hass, sentence, language) == answer
    assert await logged(hass, MARC_ID) == [("cramp", "calf", None)]
    assert await logged(hass, DIANE_ID) == []


@pytest.mark.usefixtures("marc")
async def test_unknown_name_is_refused(hass: HomeAssistant) -> None:
    """A name nobody has is refused with the names there are."""
    answer = await say(hass, "log a cramp in my calf for Bob")
    assert answer == "ALS Comfort knows nobody called Bob. Say one of: Diane, Marc."
    assert await logged(hass, DIANE_ID) == []
    assert await logged(hass, MARC_ID) == []


@pytest.mark.usefixtures("diane")
@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("Anne-Marie", "log a cramp in my calf for anne marie"),
        ("José", "log a cramp in my calf for Jose"),
        ("Rose (Mum)", "log a cramp in my calf for Rose Mum"),
    ],
)
async def test_a_name_as_speech_to_text_writes_it(
    hass: HomeAssistant, name: str, sentence: str
) -> None:
    """Case, accents, hyphens and brackets of a typed name do not stand in the way."""
    entry = await set_up_entry(hass, person_entry("01KANOTHERPERSON0000000000", name))
    assert await say(hass, sentence) == f"Logged for {name}: Cramp, Calf."
    assert await logged(hass, entry.entry_id) == [("cramp", "calf", None)]
    assert await logged(hass, DIANE_ID) == []


@pytest.mark.usefixtures("marc")
async def test_the_risk_of_each_person_or_of_the_one_named(hass: HomeAssistant) -> None:
    """Unnamed, the risk of each person is told; named, only that person's."""
    calm = "Cramp risk for {}: Low. Nothing is raising it right now."
    both = f"{calm.format('Diane')} {calm.format('Marc')}"
    assert await say(hass, "what is my cramp risk") == both
    assert await say(hass, "what is Marc's cramp risk") == calm.format("Marc")


async def test_an_unnamed_call_for_help_calls_for_everyone(
    hass: HomeAssistant, diane: MockConfigEntry, marc: MockConfigEntry
) -> None:
    """Who needs help is unclear: every person's caregivers are called, not asked."""
    phone = async_mock_service(hass, "notify", CAREGIVER_PHONE.split(".")[1])
    answer = await say(hass, "I need help")
    assert answer == (
        "Calling every caregiver of Diane now. Calling every caregiver of Marc now."
    )
    assert sorted(call.data["message"] for call in phone) == [
        "Diane asked for help. Please go to Diane now.",
        "Marc asked for help. Please go to Marc now.",
    ]

    phone.clear()
    assert await say(hass, "Marc needs help") == "Calling every caregiver of Marc now."
    assert [call.data["message"] for call in phone] == [
        "Marc asked for help. Please go to Marc now."
    ]


@pytest.mark.usefixtures("marc")
async def test_an_unnamed_acknowledgement_asks_who(hass: HomeAssistant) -> None:
    """An acknowledgement stops an escalation: it is never guessed."""
    calls = async_mock_service(hass, DOMAIN, "acknowledge_alert")
    answer = await say(hass, "acknowledge the alert")
    assert answer == "Who is this for? Please say the name too: Diane, Marc."
    assert calls == []


async def test_unloading_the_only_person_silences_the_sentences(
    hass: HomeAssistant, diane: MockConfigEntry
) -> None:
    """With nobody loaded, Assist no longer knows the sentences; a reload brings them back."""
    assert get_agent_manager(hass).trigger_sentences

    assert await hass.config_entries.async_unload(diane.entry_id)
    assert diane.state is ConfigEntryState.NOT_LOADED
    assert get_agent_manager(hass).trigger_sentences == []
    response = await converse(hass, "log a cramp in my calf")
    assert response.response_type is intent.IntentResponseType.ERROR
    assert "Diane" not in response.speech["plain"]["speech"]

    assert await hass.config_entries.async_setup(diane.entry_id)
    await hass.async_block_till_done()
    assert await say(hass, "log a cramp in my calf") == "Logged for Diane: Cramp, Calf."
    assert await logged(hass) == [("cramp", "calf", None)]


async def test_the_sentences_stay_while_a_person_is_loaded(
    hass: HomeAssistant, diane: MockConfigEntry, marc: MockConfigEntry
) -> None:
    """Unloading one of two persons keeps voice for the other, who is then implied."""
    assert await hass.config_entries.async_unload(diane.entry_id)
    assert await say(hass, "log a cramp in my calf") == "Logged for Marc: Cramp, Calf."
    assert await logged(hass, MARC_ID) == [("cramp", "calf", None)]

    assert await hass.config_entries.async_unload(marc.entry_id)
    assert get_agent_manager(hass).trigger_sentences == []
