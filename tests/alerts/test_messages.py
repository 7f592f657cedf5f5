"""Every alert reason has words in every language, and the README lists them all.

The alert reasons are those the `comfort_alert` event entity translates
(`entity.event.comfort_alert.state_attributes.reasons.state` in strings.json),
plus the `unanswered` step. Each one renders, in each of the five languages, a
whole sentence with the person's name and no key left unfilled.
"""

from __future__ import annotations

from datetime import UTC, datetime
import json
from pathlib import Path
import re
from typing import Any

import pytest

from custom_components.als_comfort.alerts.messages import (
    AlertDraft,
    AlertKind,
    Phrases,
    alert_words,
    render_alert,
)
from custom_components.als_comfort.alerts.state import Alert
from custom_components.als_comfort.const import DOMAIN

ROOT = Path(__file__).resolve().parents[2]
INTEGRATION = ROOT / "custom_components" / DOMAIN
LANGUAGES = ("en", "de", "fr", "es", "nl")
UNANSWERED = "unanswered"


def _load(path: Path) -> dict[str, Any]:
    """Read a JSON file."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _alert_reasons() -> list[str]:
    """The alert reasons strings.json names for the event entity."""
    event = _load(INTEGRATION / "strings.json")["entity"]["event"]["comfort_alert"]
    return list(event["state_attributes"]["reasons"]["state"])


def _phrases(language: str) -> Phrases:
    """The alert sentences of one shipped language, as Home Assistant serves them."""
    common = _load(INTEGRATION / "translations" / f"{language}.json")["common"]
    return Phrases({f"component.{DOMAIN}.common.{k}": v for k, v in common.items()})


def _draft(reason: str) -> AlertDraft:
    """An alert raised for one reason, with every fact its words may need."""
    kinds = {kind.value for kind in AlertKind}
    return AlertDraft(
        kind=AlertKind(reason) if reason in kinds else AlertKind.HIGH_RISK,
        reasons=(reason,),
        urgent=True,
        night=True,
        severity=9,
        body_area="calf",
        cramp_minutes=5,
        cramps_24h=4,
        exertion_percent=130,
        device="Heater",
    )


def _words(reason: str, phrase: Phrases) -> str:
    """The title and message of an alert for one reason (or called again)."""
    if reason == UNANSWERED:
        alert = Alert.new("severe_cramp", ("severe_cramp",), "T", "M", urgent=True)
        alert.unanswered_since = datetime(2026, 11, 25, 23, 40, tzinfo=UTC)
        words = alert_words(alert, phrase, "Diane")
        return f"{words.title}\n{words.message}"
    return "\n".join(render_alert(_draft(reason), phrase, "Diane"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("reason", [*_alert_reasons(), UNANSWERED])
def test_every_reason_has_words_in_every_language(language: str, reason: str) -> None:
    """Whole sentences with the person's name; no key or placeholder left."""
    said = _words(reason, _phrases(language))
    assert "Diane" in said
    assert "alert_" not in said, said  # a key with no sentence in this language
    assert "{" not in said, said
    if language != "en":
        assert said != _words(reason, _phrases("en"))


def _readme_alert_table() -> set[str]:
    """The reason keys in the first column of the README's alert table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = re.search(r"^\| alert reason \|.*?\n\n", readme, re.MULTILINE | re.DOTALL)
    assert table is not None, "the README has no table headed '| alert reason |'"
    rows = [row for row in table.group(0).splitlines()[2:] if row.startswith("|")]
    return {key for row in rows for key in re.findall(r"`(\w+)`", row.split("|")[1])}


def test_readme_lists_exactly_the_alert_reasons() -> None:
    """The README's table of who is called, and when, has every reason, no other."""
    assert _readme_alert_table() == {*_alert_reasons(), UNANSWERED}
