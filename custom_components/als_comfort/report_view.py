"""The clinician report: `/api/als_comfort/<config_entry_id>/report`.

Like the CSV export (`http.py`) it is for administrators only (401 without a
valid token, 403 for anyone else, then 404 for an unknown person) and never
cached. The optional `start` and `end` query dates (`YYYY-MM-DD`, local days,
both included) choose the period; by default the last 28 days, today included.
The page is written in the requesting user's language (their profile's, else
their browser's, else Home Assistant's) and allows no script at all.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import partial
from http import HTTPStatus
from typing import Final

from aiohttp import hdrs, web
from homeassistant.components.frontend.storage import async_user_store
from homeassistant.components.http.const import KEY_HASS_USER
from homeassistant.core import HomeAssistant
from homeassistant.helpers.http import KEY_HASS, HomeAssistantView
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import dt as dt_util

from .const import DOMAIN
from .http import PRIVATE_HEADERS, person_for_admin
from .insights import DEFAULT_PERIOD_DAYS, Insights
from .log_insights import async_insights
from .report import POLICY, render_report
from .report_phrases import report_phrases
from .runtime import AlsComfortConfigEntry

# The languages the report is written in (translations/).
LANGUAGES: Final = ("en", "de", "fr", "es", "nl")
# The log keeps 365 days; a longer period shows nothing more.
MAX_DAYS: Final = 366
# The page's own policy, also as a header, where it cannot be left out.
HEADER_POLICY: Final = (
    f"{POLICY}; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


class PeriodError(ValueError):
    """A `start` or `end` that cannot be a report's period (the 400's text)."""


class ReportView(HomeAssistantView):
    """Serve one person's clinician report as a printable page."""

    url = "/api/als_comfort/{config_entry_id}/report"
    name = "api:als_comfort:report"
    requires_auth = True

    async def get(self, request: web.Request, config_entry_id: str) -> web.Response:
        """Return the report of the asked period, or why not."""
        entry = person_for_admin(request, config_entry_id)
        if isinstance(entry, web.Response):
            return entry
        hass = request.app[KEY_HASS]
        try:
            start, end = report_period(
                request.query.get("start"), request.query.get("end"), dt_util.now()
            )
        except PeriodError as err:
            return web.Response(status=HTTPStatus.BAD_REQUEST, text=str(err))
        language = await async_language(hass, request)
        page = await async_report_page(hass, entry, start, end, language)
        return web.Response(
            text=page,
            content_type="text/html",
            charset="utf-8",
            headers={
                **PRIVATE_HEADERS,
                "Content-Security-Policy": HEADER_POLICY,
                "Referrer-Policy": "no-referrer",
            },
        )


def _day(text: str | None, key: str) -> date | None:
    """Read an optional `YYYY-MM-DD` date."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PeriodError(f"{key} must be a date written YYYY-MM-DD") from None


def report_period(
    start_text: str | None, end_text: str | None, now: datetime
) -> tuple[datetime, datetime]:
    """Return the local period from `start` to `end` (whole days, both included).

    Without `end` the period ends today; without `start` it is 28 days long.
    """
    first, last = _day(start_text, "start"), _day(end_text, "end")
    if last is None:
        last = max(now.date(), first) if first else now.date()
    if first is None:
        first = last - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    if first > last:
        raise PeriodError("start must not be after end")
    if (last - first).days >= MAX_DAYS:
        raise PeriodError(f"the period can be at most {MAX_DAYS} days long")
    zone = dt_util.get_default_time_zone()
    return (
        datetime.combine(first, time(0), tzinfo=zone),
        datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone),
    )


async def async_language(hass: HomeAssistant, request: web.Request) -> str:
    """Return the requesting user's language, among those the report is written in."""
    wanted = [await _profile_language(hass, request[KEY_HASS_USER].id)]
    wanted += [
        part.split(";")[0].strip()
        for part in request.headers.get(hdrs.ACCEPT_LANGUAGE, "").split(",")
    ]
    wanted.append(hass.config.language)
    for language in wanted:
        if language and (base := language.split("-")[0].lower()) in LANGUAGES:
            return base
    return "en"


async def _profile_language(hass: HomeAssistant, user_id: str) -> str | None:
    """Return the language a user chose in their profile, if they chose one."""
    if "frontend" not in hass.config.components:
        return None
    chosen = (await async_user_store(hass, user_id)).data.get("language")
    language = chosen.get("language") if isinstance(chosen, dict) else None
    return language if isinstance(language, str) else None


async def async_report_page(
    hass: HomeAssistant,
    entry: AlsComfortConfigEntry,
    start: datetime,
    end: datetime,
    language: str,
) -> str:
    """Analyse the period and write its page, both in the executor."""
    insights = await async_insights(hass, entry, start, end)
    translations = await async_get_translations(hass, language, "common", [DOMAIN])
    return await hass.async_add_executor_job(
        partial(
            _page,
            insights,
            report_phrases(translations),
            name=entry.runtime_data.person.name,
            language=language,
            temperature_unit=str(hass.config.units.temperature_unit),
        )
    )


def _page(
    insights: Insights,
    phrases: dict[str, str],
    *,
    name: str,
    language: str,
    temperature_unit: str,
) -> str:
    """Render the page (in the executor)."""
    return render_report(
        insights,
        phrases,
        name=name,
        created=dt_util.now(),
        language=language,
        temperature_unit=temperature_unit,
    )
