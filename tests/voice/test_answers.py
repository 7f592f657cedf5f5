"""Asking the risk, calling for help and acknowledging by voice, in five languages.

A call for help goes through the real `call_for_help` action: the caregiver's
phone is what records it.
"""

from __future__ import annotations

from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_mock_service,
)

from tests.conftest import CAREGIVER_PHONE, set_temperature

from .conftest import say

EVENT_ENTITY = "event.diane_comfort_alert"


@pytest.mark.freeze_time("2026-11-25 12:00:00+00:00")
@pytest.mark.usefixtures("diane")
@pytest.mark.parametrize(
    ("language", "sentence", "answer"),
    [
        (
            "en",
            "what is my cramp risk",
            "Cramp risk for Diane: Low. Nothing is raising it right now.",
        ),
        (
            "de",
            "wie hoch ist mein Krampfrisiko",
            "Krampfrisiko für Diane: Niedrig. Im Moment erhöht nichts das Risiko.",
        ),
        (
            "fr",
            "quel est mon risque de crampe",
            "Risque de crampe pour Diane : Faible. Rien ne l'augmente en ce moment.",
        ),
        (
            "es",
            "cuál es mi riesgo de calambres",
            "Riesgo de calambres de Diane: Bajo. Ahora mismo nada lo aumenta.",
        ),
        (
            "nl",
            "wat is mijn krampenrisico",
            "Risico op kramp voor Diane: Laag. Op dit moment verhoogt niets het risico.",
        ),
    ],
)
async def test_a_calm_risk_in_every_language(
    hass: HomeAssistant, language: str, sentence: str, answer: str
) -> None:
    """The risk is told by its level's name, and that nothing raises it."""
    assert await say(hass, sentence, language) == answer


@pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")
@pytest.mark.usefixtures("diane")
@pytest.mark.parametrize(
    ("language", "sentence", "answer"),
    [
        (
            "en",
            "what is my cramp risk",
            "Cramp risk for Diane: High. Why: Recent cramp, Cold room, Cool night in bed.",
        ),
        (
            "de",
            "warum ist mein Krampfrisiko hoch",
            (
                "Krampfrisiko für Diane: Hoch. Gründe: Krampf vor Kurzem, "
                "Kaltes Zimmer, Kühle Nacht im Bett."
            ),
        ),
        (
            "fr",
            "pourquoi mon risque de crampe est-il élevé",
            (
                "Risque de crampe pour Diane : Élevé. Pourquoi : Crampe récente, "
                "Pièce froide, Nuit fraîche au lit."
            ),
        ),
        (
            "es",
            "qué riesgo de calambres tengo",
            (
                "Riesgo de calambres de Diane: Alto. Motivos: Calambre reciente, "
                "Habitación fría, Noche fresca en la cama."
            ),
        ),
        (
            "nl",
            "hoe hoog is mijn risico op kramp",
            (
                "Risico op kramp voor Diane: Hoog. Waarom: Recente kramp, "
                "Koude kamer, Koele nacht in bed."
            ),
        ),
    ],
)
async def test_a_high_risk_says_why(
    hass: HomeAssistant, language: str, sentence: str, answer: str
) -> None:
    """A cold night and a fresh cramp: the level and each reason, in plain words."""
    set_temperature(hass, 17)
    await say(hass, "log a cramp in my calf")
    risk = hass.states.get("sensor.diane_cramp_risk")
    assert risk is not None
    assert risk.state == "high"
    assert risk.attributes["reasons"] == ["cramp_cluster", "cold_room", "cold_night"]
    assert await say(hass, sentence, language) == answer


@pytest.mark.usefixtures("diane")
@pytest.mark.parametrize(
    ("language", "sentence", "answer"),
    [
        ("en", "I need help", "Calling every caregiver of Diane now."),
        ("en", "help", "Calling every caregiver of Diane now."),
        ("en", "call my caregiver", "Calling every caregiver of Diane now."),
        (
            "de",
            "ich brauche Hilfe",
            "Alle Pflegepersonen von Diane werden jetzt gerufen.",
        ),
        ("fr", "j'ai besoin d'aide", "J'appelle maintenant tous les aidants de Diane."),
        ("fr", "au secours", "J'appelle maintenant tous les aidants de Diane."),
        (
            "es",
            "necesito ayuda",
            "Estoy llamando ahora a todos los cuidadores de Diane.",
        ),
        ("nl", "ik heb hulp nodig", "Ik roep nu alle mantelzorgers van Diane."),
    ],
)
async def test_calling_for_help_in_every_language(
    hass: HomeAssistant,
    hass_admin_user: User,
    diane: MockConfigEntry,
    language: str,
    sentence: str,
    answer: str,
) -> None:
    """Asking for help calls Diane's caregiver at once, urgently, as the speaker."""
    phone = async_mock_service(hass, "notify", CAREGIVER_PHONE.split(".")[1])
    spoken = await say(hass, sentence, language, user_id=hass_admin_user.id)
    assert spoken == answer
    [sent] = phone
    assert sent.data["message"] == "Diane asked for help. Please go to Diane now."
    alert = diane.runtime_data.alerts.state.open
    assert alert is not None
    assert (alert.reasons, alert.urgent) == (("help_requested",), True)


@pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")
@pytest.mark.usefixtures("diane")
@pytest.mark.parametrize(
    ("language", "sentence", "answer"),
    [
        (
            "en",
            "acknowledge the alert",
            "The caregiver alert for Diane is acknowledged.",
        ),
        (
            "de",
            "Alarm bestätigen",
            "Der Alarm an die Pflegepersonen für Diane ist bestätigt.",
        ),
        (
            "fr",
            "accuse réception de l'alerte",
            "L'alerte aux aidants pour Diane est confirmée.",
        ),
        (
            "es",
            "confirma la alerta",
            "La alerta a los cuidadores de Diane está confirmada.",
        ),
        (
            "nl",
            "bevestig de melding",
            "Het alarm aan de mantelzorgers voor Diane is bevestigd.",
        ),
    ],
)
async def test_acknowledging_in_every_language(
    hass: HomeAssistant, language: str, sentence: str, answer: str
) -> None:
    """The open alert is acknowledged through the action; a second time says none is open."""
    await say(hass, "log a cramp in my calf severity 8")
    alert = hass.states.get(EVENT_ENTITY)
    assert alert is not None
    assert alert.attributes["event_type"] == "alert_sent"

    assert await say(hass, sentence, language) == answer
    alert = hass.states.get(EVENT_ENTITY)
    assert alert is not None
    assert alert.attributes["event_type"] == "acknowledged"
