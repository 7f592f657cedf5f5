"""The words of the clinician report, in the user's language.

The sentences live in the ``common`` block of strings.json under ``report_*``
keys, next to the caregiver alerts and for the same reason (see
``alerts/messages.py``): a flat ``key -> sentence`` map with ``{placeholders}``
that the backend fills in; nothing is raised with them. Body areas refer to the
service selector's names, so each is translated once.
"""

from collections.abc import Mapping
from contextlib import suppress
from typing import Final

from .const import BODY_AREAS, DOMAIN, EPISODE_KINDS

# Shown for a value that is not known.
UNKNOWN: Final = "\N{EN DASH}"
# Smaller p-values are shown as "< 0.001".
P_FLOOR: Final = 0.001

REPORT_PHRASES: Final[tuple[str, ...]] = (
    "report_title",
    "report_period",
    "report_created",
    "report_disclaimer",
    "report_summary_title",
    "report_nights",
    "report_cramp_nights",
    "report_activities",
    "report_empty",
    "report_total",
    "report_no_data",
    "report_chart_label",
    "report_weeks_title",
    "report_week",
    "report_areas_title",
    "report_area",
    "report_hours_title",
    "report_hour",
    "report_temperature_title",
    "report_temperature_lead",
    "report_night",
    "report_lowest",
    "report_at_cramps",
    "report_cramp_dot",
    "report_lowest_square",
    "report_threshold",
    "report_severity_title",
    "report_mean",
    "report_highest",
    "report_rated",
    "report_activity_title",
    "report_activity_lead",
    "report_load",
    "report_minutes",
    "report_suggestion_title",
    "report_suggested",
    "report_suggestion_capped",
    "report_suggestion_numbers",
    "report_suggestion_how",
    "report_no_suggestion_too_few_cramps",
    "report_no_suggestion_too_few_calm_nights",
    "report_no_suggestion_not_colder",
    "report_no_suggestion_unclear",
    "report_no_suggestion_same_as_current",
    "report_no_suggestion_below_current",
    "report_decimal_mark",
    *(f"report_kind_{kind}" for kind in EPISODE_KINDS),
    *(f"report_area_{area}" for area in BODY_AREAS),
)


def report_phrases(translations: Mapping[str, str]) -> dict[str, str]:
    """Pick the report's phrases out of Home Assistant's flat translations.

    ``translations`` is what ``async_get_translations(hass, language,
    "common", [DOMAIN])`` returns; missing phrases are left out (the
    report then shows the key rather than failing).
    """
    prefix = f"component.{DOMAIN}.common."
    return {
        key: translations[f"{prefix}{key}"]
        for key in REPORT_PHRASES
        if f"{prefix}{key}" in translations
    }


class Words:
    """Looks up the report's phrases and writes numbers the local way."""

    def __init__(self, phrases: Mapping[str, str], temperature_unit: str) -> None:
        """Keep the phrases of one language and the unit to show temperatures in."""
        self._phrases = phrases
        self._mark = phrases.get("report_decimal_mark", ".")
        self._fahrenheit = temperature_unit == "°F"
        self.unit = temperature_unit

    def __call__(self, key: str, **placeholders: object) -> str:
        """Return a phrase with its placeholders filled in (the key if missing)."""
        text = self._phrases.get(key, key)
        # A translation with a broken placeholder still says something.
        with suppress(KeyError, IndexError, ValueError):
            return text.format(**placeholders)
        return text

    def number(self, value: float, decimals: int = 1) -> str:
        """Return a number with the language's decimal mark."""
        return f"{value:.{decimals}f}".replace(".", self._mark)

    def p_value(self, p: float) -> str:
        """Return a p-value as medical papers write it: ``= 0.023`` or ``< 0.001``."""
        if p < P_FLOOR:
            return f"< {self.number(P_FLOOR, 3)}"
        return f"= {self.number(p, 3)}"

    def degrees(self, celsius: float) -> float:
        """Return a temperature in the unit shown."""
        return celsius * 9 / 5 + 32 if self._fahrenheit else celsius

    def temperature(self, celsius: float | None) -> str:
        """Return a temperature with its unit, or a dash when unknown."""
        if celsius is None:
            return UNKNOWN
        return f"{self.number(self.degrees(celsius))} {self.unit}"
