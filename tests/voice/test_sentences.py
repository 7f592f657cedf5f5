"""Logging by voice through Assist's built-in agent, in five languages (SPEC §13).

Each test speaks through Home Assistant's conversation API and reads the log back
through `export_log`: the log must hold exactly what was said.
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .conftest import logged, say

pytestmark = [
    pytest.mark.freeze_time("2026-11-25 12:00:00+00:00"),
    pytest.mark.usefixtures("diane"),
]

# How each language says "<kind> in <body area>", with the answer's area name.
AREAS: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "en": (
        "log a cramp {where}",
        {
            "foot": ("in my foot", "Foot"),
            "calf": ("in my calf", "Calf"),
            "thigh": ("in my thigh", "Thigh"),
            "hand": ("in my hand", "Hand"),
            "arm": ("in my arm", "Arm"),
            "abdomen": ("in my abdomen", "Abdomen"),
            "chest": ("in my chest", "Chest"),
            "back": ("in my back", "Back"),
            "neck": ("in my neck", "Neck"),
            "jaw": ("in my jaw", "Jaw"),
        },
    ),
    "de": (
        "Krampf {where} eintragen",
        {
            "foot": ("im Fuß", "Fuß"),
            "calf": ("in der Wade", "Wade"),
            "thigh": ("im Oberschenkel", "Oberschenkel"),
            "hand": ("in der Hand", "Hand"),
            "arm": ("im Arm", "Arm"),
            "abdomen": ("im Bauch", "Bauch"),
            "chest": ("in der Brust", "Brust"),
            "back": ("im Rücken", "Rücken"),
            "neck": ("im Nacken", "Nacken"),
            "jaw": ("im Kiefer", "Kiefer"),
        },
    ),
    "fr": (
        "note une crampe {where}",
        {
            "foot": ("au pied", "Pied"),
            "calf": ("au mollet", "Mollet"),
            "thigh": ("à la cuisse", "Cuisse"),
            "hand": ("à la main", "Main"),
            "arm": ("au bras", "Bras"),
            "abdomen": ("à l'abdomen", "Abdomen"),
            "chest": ("à la poitrine", "Poitrine"),
            "back": ("au dos", "Dos"),
            "neck": ("au cou", "Cou"),
            "jaw": ("à la mâchoire", "Mâchoire"),
        },
    ),
    "es": (
        "registra un calambre {where}",
        {
            "foot": ("en el pie", "Pie"),
            "calf": ("en la pantorrilla", "Pantorrilla"),
            "thigh": ("en el muslo", "Muslo"),
            "hand": ("en la mano", "Mano"),
            "arm": ("en el brazo", "Brazo"),
            "abdomen": ("en el abdomen", "Abdomen"),
            "chest": ("en el pecho", "Pecho"),
            "back": ("en la espalda", "Espalda"),
            "neck": ("en el cuello", "Cuello"),
            "jaw": ("en la mandíbula", "Mandíbula"),
        },
    ),
    "nl": (
        "registreer een kramp {where}",
        {
            "foot": ("in mijn voet", "Voet"),
            "calf": ("in mijn kuit", "Kuit"),
            "thigh": ("in mijn dij", "Dij"),
            "hand": ("in mijn hand", "Hand"),
            "arm": ("in mijn arm", "Arm"),
            "abdomen": ("in mijn buik", "Buik"),
            "chest": ("in mijn borst", "Borst"),
            "back": ("in mijn rug", "Rug"),
            "neck": ("in mijn nek", "Nek"),
            "jaw": ("in mijn kaak", "Kaak"),
        },
    ),
}
LOGGED_FOR = {
    "en": "Logged for Diane: {what}.",
    "de": "Für Diane eingetragen: {what}.",
    "fr": "Enregistré pour Diane : {what}.",
    "es": "Registrado para Diane: {what}.",
    "nl": "Vastgelegd voor Diane: {what}.",
}
CRAMP = {"en": "Cramp", "de": "Krampf", "fr": "Crampe", "es": "Calambre", "nl": "Kramp"}


@pytest.mark.parametrize(
    ("language", "sentence", "episode", "answer"),
    [
        (
            "en",
            "log a cramp in my calf",
            ("cramp", "calf", None),
            "Logged for Diane: Cramp, Calf.",
        ),
        (
            "en",
            "log spasticity in my arm",
            ("spasticity", "arm", None),
            "Logged for Diane: Spasticity, Arm.",
        ),
        (
            "de",
            "Krampf in der Wade eintragen",
            ("cramp", "calf", None),
            "Für Diane eingetragen: Krampf, Wade.",
        ),
    ],
)
async def test_the_sentences_of_the_spec(
    hass: HomeAssistant,
    language: str,
    sentence: str,
    episode: tuple[str, str, None],
    answer: str,
) -> None:
    """SPEC §13's sentences, exactly as written, log exactly what was said."""
    assert await say(hass, sentence, language) == answer
    assert await logged(hass) == [episode]


@pytest.mark.parametrize("language", sorted(AREAS))
async def test_every_body_area_in_every_language(
    hass: HomeAssistant, language: str
) -> None:
    """Each body area of SPEC §5 is understood, logged and named back."""
    template, areas = AREAS[language]
    for where, name in areas.values():
        answer = await say(hass, template.format(where=where), language)
        assert answer == LOGGED_FOR[language].format(what=f"{CRAMP[language]}, {name}")
    assert await logged(hass) == [("cramp", area, None) for area in areas]


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "log a cramp"),
        ("de", "Krampf eintragen"),
        ("fr", "note une crampe"),
        ("es", "registra un calambre"),
        ("nl", "registreer een kramp"),
    ],
)
async def test_no_body_area_said_is_unspecified(
    hass: HomeAssistant, language: str, sentence: str
) -> None:
    """A cramp logged without a body area is logged as unspecified."""
    answer = await say(hass, sentence, language)
    assert answer == LOGGED_FOR[language].format(what=CRAMP[language])
    assert await logged(hass) == [("cramp", "unspecified", None)]


@pytest.mark.parametrize(
    ("language", "sentence", "episode"),
    [
        ("en", "I have a cramp in my left calf", ("cramp", "calf", None)),
        ("en", "Log a calf cramp.", ("cramp", "calf", None)),
        ("en", "my foot is cramping", ("cramp", "foot", None)),
        ("en", "record a cramp in my thigh severity 7", ("cramp", "thigh", 7)),
        ("en", "log a cramp in my hand with severity three", ("cramp", "hand", 3)),
        ("en", "cramp in my calves, pain 8 out of 10", ("cramp", "calf", 8)),
        ("en", "log stiffness in my neck", ("spasticity", "neck", None)),
        ("en", "my arm is stiff", ("spasticity", "arm", None)),
        ("en", "log twitching in my thigh", ("fasciculation", "thigh", None)),
        ("en", "I've got fasciculations in my back", ("fasciculation", "back", None)),
        ("de", "Wadenkrampf eintragen", ("cramp", "calf", None)),
        ("de", "trag einen Krampf im Fuß ein", ("cramp", "foot", None)),
        ("de", "ich habe einen Krampf in der Wade Stärke sieben", ("cramp", "calf", 7)),
        ("de", "Spastik im Arm eintragen", ("spasticity", "arm", None)),
        (
            "de",
            "Muskelzucken im Oberschenkel erfassen",
            ("fasciculation", "thigh", None),
        ),
        ("fr", "j'ai une crampe au mollet gauche", ("cramp", "calf", None)),
        (
            "fr",
            "enregistre une crampe au pied avec une intensité de 6",
            ("cramp", "foot", 6),
        ),
        ("fr", "note de la spasticité au bras", ("spasticity", "arm", None)),
        ("fr", "note des fasciculations à la cuisse", ("fasciculation", "thigh", None)),
        ("es", "tengo un calambre en el pie con intensidad ocho", ("cramp", "foot", 8)),
        ("es", "anota espasticidad en el brazo", ("spasticity", "arm", None)),
        (
            "es",
            "registra fasciculaciones en el muslo",
            ("fasciculation", "thigh", None),
        ),
        ("nl", "kuitkramp vastleggen", ("cramp", "calf", None)),
        ("nl", "ik heb kramp in mijn kuit met ernst 5", ("cramp", "calf", 5)),
        ("nl", "leg spasticiteit in mijn arm vast", ("spasticity", "arm", None)),
        (
            "nl",
            "registreer spiertrekkingen in mijn dij",
            ("fasciculation", "thigh", None),
        ),
    ],
)
async def test_variants(
    hass: HomeAssistant,
    language: str,
    sentence: str,
    episode: tuple[str, str, int | None],
) -> None:
    """Natural variants: other words, word order, compounds, a severity."""
    await say(hass, sentence, language)
    assert await logged(hass) == [episode]


async def test_severity_is_said_back_and_alerts_a_caregiver(
    hass: HomeAssistant, diane: MockConfigEntry
) -> None:
    """A severe cramp said aloud is logged with its severity, like the action."""
    answer = await say(hass, "log a cramp in my calf severity 8")
    assert answer == "Logged for Diane: Cramp, Calf, severity 8."
    assert await logged(hass) == [("cramp", "calf", 8)]
    alert = hass.states.get("event.diane_comfort_alert")
    assert alert is not None
    assert alert.attributes["event_type"] == "alert_sent"


async def test_a_region_tagged_language_answers_in_that_language(
    hass: HomeAssistant,
) -> None:
    """A pipeline in `de-DE` is answered in German."""
    answer = await say(hass, "Krampf in der Wade eintragen", "de-DE")
    assert answer == "Für Diane eingetragen: Krampf, Wade."


async def test_a_sentence_of_another_language_is_understood(
    hass: HomeAssistant,
) -> None:
    """German words said to an English pipeline still log, answered in English."""
    answer = await say(hass, "Krampf in der Wade eintragen", "en")
    assert answer == "Logged for Diane: Cramp, Calf."
    assert await logged(hass) == [("cramp", "calf", None)]
