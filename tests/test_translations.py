"""Tests that every language says everything English says, and says it whole.

`strings.json` is the source; each `translations/<language>.json` must have
exactly its keys, keep every `{placeholder}` of the English text and leave no
string empty. That en.json is generated from strings.json is tested in
test_metadata.py.
"""

from __future__ import annotations

import json
from pathlib import Path
import re
from typing import Any

from homeassistant.core import HomeAssistant
import pytest

from custom_components.als_comfort.alerts.messages import (
    AlertDraft,
    AlertKind,
    async_phrases,
    render_alert,
)

INTEGRATION = (
    Path(__file__).resolve().parent.parent / "custom_components" / "als_comfort"
)
TRANSLATIONS = INTEGRATION / "translations"
SHIPPED = {"en", "de", "fr", "es", "nl"}
PLACEHOLDER = re.compile(r"\{(\w+)\}")
FILES = sorted(TRANSLATIONS.glob("*.json"))
OTHER_FILES = [path for path in FILES if path.stem != "en"]


def _load(path: Path) -> dict[str, Any]:
    """Read a JSON file as UTF-8."""
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a JSON object"
    return data


def _flat(node: Any, prefix: str = "") -> dict[str, Any]:
    """Return every leaf of a translation tree by its `::`-separated key path."""
    if not isinstance(node, dict):
        return {prefix: node}
    leaves: dict[str, Any] = {}
    for key, value in node.items():
        leaves.update(_flat(value, f"{prefix}::{key}" if prefix else key))
    return leaves


def _english() -> dict[str, Any]:
    """Return the English texts (references resolved) by key path."""
    return _flat(_load(TRANSLATIONS / "en.json"))


def test_every_promised_language_is_shipped() -> None:
    """English, German, French, Spanish and Dutch each have a file."""
    assert {path.stem for path in FILES} >= SHIPPED


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_file_is_utf8_json(path: Path) -> None:
    """The file is a JSON object in UTF-8 without a byte-order mark."""
    text = path.read_bytes().decode("utf-8")
    assert not text.startswith("\ufeff")
    assert isinstance(json.loads(text), dict)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_keys_are_exactly_those_of_strings_json(path: Path) -> None:
    """No key of strings.json is missing, and none is left over."""
    wanted = set(_flat(_load(INTEGRATION / "strings.json")))
    have = set(_flat(_load(path)))
    missing, extra = sorted(wanted - have), sorted(have - wanted)
    report = f"{path.name} (scripts/translations lists these too)"
    assert not missing, f"{report}: missing {missing}"
    assert not extra, f"{report}: not in strings.json {extra}"


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_no_empty_strings(path: Path) -> None:
    """Every value is text with something in it."""
    empty = [
        key
        for key, text in _flat(_load(path)).items()
        if not isinstance(text, str) or not text.strip()
    ]
    assert not empty, f"{path.name}: empty or not text: {empty}"


@pytest.mark.parametrize("path", OTHER_FILES, ids=lambda path: path.name)
def test_placeholders_are_those_of_english(path: Path) -> None:
    """A translation keeps each `{placeholder}` of the English text, and adds none."""
    english = _english()
    wrong = {
        key: (sorted(set(PLACEHOLDER.findall(text))), sorted(wanted))
        for key, text in _flat(_load(path)).items()
        if key in english
        and set(PLACEHOLDER.findall(text))
        != (wanted := set(PLACEHOLDER.findall(english[key])))
    }
    assert not wrong, f"{path.name}: (has, English has) {wrong}"


@pytest.mark.parametrize("path", OTHER_FILES, ids=lambda path: path.name)
def test_backend_messages_fill_in_cleanly(path: Path) -> None:
    """Alert and error texts are filled with str.format: no stray brace may break them.

    A message that fails to format reaches the caregiver with its raw `{name}`.
    """
    english = _english()
    broken: dict[str, str] = {}
    for key, text in _flat(_load(path)).items():
        if not key.startswith(("exceptions::", "common::")):
            continue
        values = dict.fromkeys(PLACEHOLDER.findall(english[key]), "X")
        try:
            filled = text.format(**values)
        except (KeyError, IndexError, ValueError) as err:
            broken[key] = repr(err)
            continue
        if "{" in filled or "}" in filled:
            broken[key] = filled
    assert not broken, f"{path.name}: {broken}"


@pytest.mark.parametrize("path", OTHER_FILES, ids=lambda path: path.name)
def test_mostly_not_left_in_english(path: Path) -> None:
    """A file copied from English would pass every other test; this one would not.

    Some texts rightly stay the same (`Arm`, `{time} {message}`), so a fifth may.
    """
    english = _english()
    same = [key for key, text in _flat(_load(path)).items() if text == english.get(key)]
    assert len(same) <= len(english) // 5, f"{path.name}: still English: {same}"


HIGH_RISK = AlertDraft(
    kind=AlertKind.HIGH_RISK,
    reasons=("cramp_cluster", "overexertion", "frequent_cramps"),
    urgent=False,
    night=True,
    cramp_minutes=10,
    cramps_24h=4,
    exertion_percent=151.6,
)
SEVERE_CRAMP = AlertDraft(
    kind=AlertKind.SEVERE_CRAMP,
    reasons=("severe_cramp",),
    urgent=True,
    night=True,
    severity=8,
    body_area="calf",
)


@pytest.mark.parametrize(
    ("language", "high_risk", "severe_cramp"),
    [
        (
            "de",
            (
                "Krampfalarm für Diane",
                (
                    "Diane: Das Krampfrisiko ist hoch \N{EN DASH} vor 10 Min. wurde "
                    "ein Krampf erfasst, Diane hat sich überanstrengt (152 % der "
                    "Belastungsgrenze) und in den letzten 24 Stunden wurden 4 Krämpfe "
                    "erfasst. Bitte sehen Sie nach, ob Diane es warm hat und sich "
                    "ausruht."
                ),
            ),
            (
                "Dringend: Diane braucht Hilfe",
                (
                    "Diane hat einen starken Krampf (8/10) in der Wade erfasst. Bitte "
                    "gehen Sie jetzt zu Diane."
                ),
            ),
        ),
        (
            "fr",
            (
                "Alerte crampe pour Diane",
                (
                    "Diane : le risque de crampe est élevé — une crampe a été enregistrée "
                    "il y a 10 min, Diane a fait trop d'efforts (152 % de la limite) et "
                    "4 crampes ont été enregistrées au cours des dernières 24 heures. "
                    "Veuillez vérifier que Diane est au chaud et se repose."
                ),
            ),
            (
                "Urgent : Diane a besoin d'aide",
                (
                    "Diane a enregistré une crampe sévère (8/10) au mollet. Veuillez "
                    "aller voir Diane tout de suite."
                ),
            ),
        ),
        (
            "es",
            (
                "Alerta de calambres para Diane",
                (
                    "Diane: el riesgo de calambres es alto — se registró un calambre hace "
                    "10 min, el esfuerzo de Diane ha sido excesivo (152 % del límite) y "
                    "se registraron 4 calambres en las últimas 24 horas. Compruebe que "
                    "Diane no tiene frío y descansa."
                ),
            ),
            (
                "Urgente: Diane necesita ayuda",
                (
                    "Diane ha registrado un calambre fuerte (8/10) en la pantorrilla. "
                    "Por favor, vaya con Diane ahora."
                ),
            ),
        ),
        (
            "nl",
            (
                "Krampalarm voor Diane",
                (
                    "Diane: het risico op kramp is hoog — er is 10 min geleden een kramp "
                    "vastgelegd, Diane heeft zich te veel ingespannen (152 % van de "
                    "grens) en er zijn in de afgelopen 24 uur 4 krampen vastgelegd. "
                    "Kijk of Diane het warm heeft en rust."
                ),
            ),
            (
                "Dringend: Diane heeft hulp nodig",
                (
                    "Diane heeft een hevige kramp (8/10) in de kuit vastgelegd. Ga nu "
                    "naar Diane."
                ),
            ),
        ),
    ],
)
async def test_caregivers_are_alerted_in_the_home_language(
    hass: HomeAssistant,
    language: str,
    high_risk: tuple[str, str],
    severe_cramp: tuple[str, str],
) -> None:
    """Home Assistant loads the language file, and its phrases join into sentences."""
    hass.config.language = language
    phrase = await async_phrases(hass)
    assert render_alert(HIGH_RISK, phrase, "Diane") == high_risk
    assert render_alert(SEVERE_CRAMP, phrase, "Diane") == severe_cramp


REPOSITION_DUE = AlertDraft(
    kind=AlertKind.REPOSITION_DUE,
    reasons=("reposition_due",),
    urgent=False,
    night=True,
    still_minutes=125,
)
STILL_AND_COLD = AlertDraft(
    kind=AlertKind.HIGH_RISK,
    reasons=("cold_room", "long_stillness", "cold_night"),
    urgent=False,
    night=True,
    still_minutes=125,
)


@pytest.mark.parametrize(
    ("language", "reminder", "reason"),
    [
        (
            "en",
            (
                "Please turn Diane in bed: no movement for 125 minutes. Then log the "
                "repositioning, so that the next reminder comes in time."
            ),
            "Diane has not moved for 125 minutes",
        ),
        (
            "de",
            (
                "Bitte Diane im Bett umlagern: seit 125 Minuten keine Bewegung. Danach "
                "das Umlagern erfassen, damit die nächste Erinnerung rechtzeitig kommt."
            ),
            "Diane hat sich seit 125 Minuten nicht bewegt",
        ),
        (
            "fr",
            (
                "Merci de changer Diane de position dans le lit : aucun mouvement depuis "
                "125 minutes. Notez ensuite le changement de position, pour que le "
                "prochain rappel arrive à temps."
            ),
            "Diane n'a pas bougé depuis 125 minutes",
        ),
        (
            "es",
            (
                "Por favor, cambie de postura a Diane en la cama: sin movimiento desde "
                "hace 125 minutos. Después registre el cambio de postura, para que el "
                "próximo aviso llegue a tiempo."
            ),
            "Diane no se ha movido en 125 minutos",
        ),
        (
            "nl",
            (
                "Draai Diane in bed, alstublieft: al 125 minuten geen beweging. Leg het "
                "draaien daarna vast, zodat de volgende herinnering op tijd komt."
            ),
            "Diane heeft 125 minuten niet bewogen",
        ),
    ],
)
async def test_reposition_reminder_in_five_languages(
    hass: HomeAssistant, language: str, reminder: str, reason: str
) -> None:
    """The reminder says what to do; the risk's reason says how long, in each language."""
    hass.config.language = language
    phrase = await async_phrases(hass)
    title, message = render_alert(REPOSITION_DUE, phrase, "Diane")
    assert message == reminder
    assert title == render_alert(HIGH_RISK, phrase, "Diane")[0]
    assert reason in render_alert(STILL_AND_COLD, phrase, "Diane")[1]
