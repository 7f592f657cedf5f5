"""The clinician's export: `/api/als_comfort/<config_entry_id>/export.csv`.

Authenticated like every Home Assistant API: without a valid token it answers
401. Like Home Assistant's own downloads (diagnostics, backups) it is for
administrators only: anyone else gets 403, before it is looked up whether the
person exists. Every download of a person's log uses `person_for_admin` and
`PRIVATE_HEADERS`. The CSV holds the same entries as the `export_log` action,
one row each (`type` `episode`, `activity` or `repositioning`), with ISO times
carrying their offset and the room temperature in °C and °F; a text cell a
spreadsheet would run as a formula is defused.
"""

from __future__ import annotations

import csv
from datetime import datetime
from http import HTTPStatus
import io
from typing import Any, Final

from aiohttp import web
from homeassistant.components.http.const import KEY_HASS_USER
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import UnitOfTemperature
from homeassistant.helpers.http import KEY_HASS, HomeAssistantView
from homeassistant.util import dt as dt_util
from homeassistant.util.unit_conversion import TemperatureConverter

from .const import DOMAIN
from .runtime import AlsComfortConfigEntry

COLUMNS: Final = (
    "type",
    "id",
    "when",
    "kind",
    "body_area",
    "severity",
    "duration_minutes",
    "minutes",
    "intensity",
    "activity",
    "load",
    "temperature_c",
    "temperature_f",
    "night_window",
    "exertion_load",
    "note",
    "position",
)
# A download of health data is never cached, nor read as anything but itself.
PRIVATE_HEADERS: Final = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
}
# What makes a spreadsheet run a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def person_for_admin(
    request: web.Request, config_entry_id: str
) -> AlsComfortConfigEntry | web.Response:
    """Return the loaded person an administrator asks for, or the refusal.

    403 for anyone but an administrator, whatever the id; then 404 for an id
    that is not a loaded ALS Comfort entry.
    """
    if not request[KEY_HASS_USER].is_admin:
        return web.Response(status=HTTPStatus.FORBIDDEN, text="Forbidden")
    hass = request.app[KEY_HASS]
    entry: AlsComfortConfigEntry | None = hass.config_entries.async_get_entry(
        config_entry_id
    )
    if (
        entry is None
        or entry.domain != DOMAIN
        or entry.state is not ConfigEntryState.LOADED
    ):
        return web.Response(status=HTTPStatus.NOT_FOUND, text="Not found")
    return entry


class ExportView(HomeAssistantView):
    """Serve one person's log as CSV."""

    url = "/api/als_comfort/{config_entry_id}/export.csv"
    name = "api:als_comfort:export"
    requires_auth = True

    async def get(self, request: web.Request, config_entry_id: str) -> web.Response:
        """Return the log, optionally limited by `start` and `end` query times."""
        entry = person_for_admin(request, config_entry_id)
        if isinstance(entry, web.Response):
            return entry
        try:
            start, end = (_query_time(request, key) for key in ("start", "end"))
        except ValueError:
            return web.Response(status=HTTPStatus.BAD_REQUEST, text="Bad start or end")
        exported = entry.runtime_data.coordinator.log.export(start, end)
        return web.Response(
            body=to_csv(exported).encode("utf-8"),
            content_type="text/csv",
            charset="utf-8",
            headers={
                **PRIVATE_HEADERS,
                "Content-Disposition": f'attachment; filename="als_comfort_{entry.entry_id}.csv"',
            },
        )


def _query_time(request: web.Request, key: str) -> datetime | None:
    """Read an optional ISO time from the query string."""
    if (text := request.query.get(key)) is None:
        return None
    if (when := dt_util.parse_datetime(text)) is None:
        raise ValueError(key)
    return when if when.tzinfo else when.replace(tzinfo=dt_util.get_default_time_zone())


def to_csv(exported: dict[str, list[dict[str, Any]]]) -> str:
    """Write exported entries as CSV rows: episodes, activities, repositionings."""
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, COLUMNS, extrasaction="ignore", lineterminator="\r\n"
    )
    writer.writeheader()
    for kind, items in (
        ("episode", exported["episodes"]),
        ("activity", exported["activities"]),
        ("repositioning", exported["repositionings"]),
    ):
        for item in items:
            writer.writerow(
                {key: _defused(value) for key, value in _row(kind, item).items()}
            )
    return buffer.getvalue()


def _defused(value: Any) -> Any:
    """Return a text cell a spreadsheet would run as a formula with a leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def _row(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    """Flatten one entry into a CSV row in local time."""
    conditions = item.get("conditions") or {}
    celsius = conditions.get("temperature_c")
    return {
        **item,
        "type": kind,
        "when": dt_util.as_local(
            dt_util.parse_datetime(item["when"], raise_on_error=True)
        ).isoformat(),
        "temperature_c": celsius,
        "temperature_f": None
        if celsius is None
        else round(
            TemperatureConverter.convert(
                celsius, UnitOfTemperature.CELSIUS, UnitOfTemperature.FAHRENHEIT
            ),
            1,
        ),
        "night_window": conditions.get("night_window"),
        "exertion_load": conditions.get("exertion_load"),
    }
