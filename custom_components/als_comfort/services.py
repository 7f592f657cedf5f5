"""Actions of ALS Comfort: log what happened, export and delete entries.

What is logged: activity, episodes and repositionings.

Every action names the person by `config_entry_id` and is registered with the
schema of its fields. That schema refuses in the person's words: a bad field is
a translated `ServiceValidationError` naming the field (Home Assistant would
pass on probatio's untranslated `Invalid`), and a refused call changes nothing.
`delete_log_entry` is for administrators, and who calls is checked before what
is sent, so its schema lets everything through and its handler checks the
fields. Actions only translate a call into a request to the person's
coordinator.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any, Final, cast

from homeassistant.const import ATTR_CONFIG_ENTRY_ID
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.service import (
    async_get_config_entry,
    async_register_admin_service,
)
from homeassistant.util import dt as dt_util
import probatio

from .alerts import async_acknowledge
from .const import BODY_AREAS, DOMAIN, EPISODE_KINDS
from .risk import Intensity, activity_load
from .runtime import AlsComfortConfigEntry

MAX_AGE: Final = timedelta(days=7)
# A phone's clock may run a little ahead of Home Assistant's.
CLOCK_SKEW: Final = timedelta(minutes=1)


def _text(limit: int) -> Callable[[Any], str]:
    """Accept a string of at most `limit` characters, trimmed."""

    def validate(value: Any) -> str:
        if not isinstance(value, str) or len(value) > limit:
            raise probatio.Invalid("too long")
        return value.strip()

    return validate


def _moment(value: Any) -> datetime:
    """Accept a date and time, in local time when it has no offset; return UTC."""
    when = value if isinstance(value, datetime) else None
    if isinstance(value, str):
        when = dt_util.parse_datetime(value)
    if when is None:
        raise probatio.Invalid("not a date and time")
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt_util.get_default_time_zone())
    try:
        return dt_util.as_utc(when)
    except OverflowError as err:  # at the very edge of the calendar
        raise probatio.Invalid("out of range") from err


def _recent(value: Any) -> datetime:
    """Accept a moment of the last seven days, not in the future."""
    when = _moment(value)
    now = dt_util.utcnow()
    if when > now + CLOCK_SKEW or when < now - MAX_AGE:
        raise probatio.Invalid("out of range")
    return when


def _whole(low: int, high: int) -> Callable[[Any], int]:
    """Accept a whole number from low to high (bool is not a number)."""

    def validate(value: Any) -> int:
        if isinstance(value, bool):
            raise probatio.Invalid("not a number")
        number = probatio.Coerce(float)(value)
        if not number.is_integer() or not low <= number <= high:
            raise probatio.Invalid("out of range")
        return int(number)

    return validate


ENTRY: Final = {probatio.Required(ATTR_CONFIG_ENTRY_ID): str}
SCHEMAS: Final[dict[str, probatio.Schema]] = {
    "log_activity": probatio.Schema(
        {
            **ENTRY,
            probatio.Required("minutes"): _whole(1, 600),
            probatio.Required("intensity"): probatio.In([i.value for i in Intensity]),
            probatio.Optional("activity", default=""): _text(100),
            probatio.Optional("when"): _recent,
        }
    ),
    "log_episode": probatio.Schema(
        {
            **ENTRY,
            probatio.Required("kind"): probatio.In(EPISODE_KINDS),
            probatio.Optional("body_area", default="unspecified"): probatio.In(
                BODY_AREAS
            ),
            probatio.Optional("severity"): _whole(1, 10),
            probatio.Optional("duration_minutes"): _whole(1, 1440),
            probatio.Optional("note", default=""): _text(500),
            probatio.Optional("when"): _recent,
        }
    ),
    "export_log": probatio.Schema(
        {
            **ENTRY,
            probatio.Optional("start"): _moment,
            probatio.Optional("end"): _moment,
        }
    ),
    "log_repositioned": probatio.Schema(
        {
            **ENTRY,
            probatio.Optional("position", default=""): _text(50),
            probatio.Optional("when"): _recent,
        }
    ),
    "delete_log_entry": probatio.Schema({**ENTRY, probatio.Required("entry_id"): str}),
    "acknowledge_alert": probatio.Schema(ENTRY),
}
FIELDS_WITH_MESSAGES: Final = frozenset(
    {
        "config_entry_id",
        "minutes",
        "intensity",
        "activity",
        "when",
        "kind",
        "body_area",
        "severity",
        "duration_minutes",
        "note",
        "start",
        "end",
        "entry_id",
        "position",
    }
)


def _validated(service: str, data: dict[str, Any]) -> dict[str, Any]:
    """Validate a call's data; refuse with a translated, field-level message."""
    try:
        return dict(SCHEMAS[service](dict(data)))
    except probatio.MultipleInvalid as err:
        field = str(err.errors[0].path[0]) if err.errors[0].path else ""
        key = f"invalid_{field}" if field in FIELDS_WITH_MESSAGES else "invalid_field"
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key=key,
            translation_placeholders={"field": field},
        ) from err


def _schema(service: str) -> probatio.All[dict[str, Any]]:
    """Return the schema an action registers with: its fields, refused in words."""

    def validate(data: dict[str, Any]) -> dict[str, Any]:
        return _validated(service, data)

    return probatio.All(validate)


# An administrator's action: who calls is checked first, then the handler's fields.
LET_THROUGH: Final = probatio.Schema({}, extra=probatio.ALLOW_EXTRA)


def _loaded_entry(hass: HomeAssistant, entry_id: str) -> AlsComfortConfigEntry:
    """Return the person's loaded entry, or refuse the call in the person's words."""
    try:
        entry: AlsComfortConfigEntry = async_get_config_entry(hass, DOMAIN, entry_id)
    except ServiceValidationError as err:
        if err.translation_key == "service_config_entry_not_loaded":
            key, placeholders = (
                "entry_not_loaded",
                {"name": (err.translation_placeholders or {})["entry_title"]},
            )
        else:
            key, placeholders = "entry_not_found", {"config_entry_id": entry_id}
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key=key,
            translation_placeholders=placeholders,
        ) from err
    return entry


type Handler = Callable[
    [AlsComfortConfigEntry, dict[str, Any], ServiceCall], Awaitable[ServiceResponse]
]


def _action(
    hass: HomeAssistant, handler: Handler, service: str | None = None
) -> Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]]:
    """Wrap a handler: find the person, then act.

    With `service`, the fields are validated here (the schema let them through).
    """

    async def run(call: ServiceCall) -> ServiceResponse:
        data = dict(call.data) if service is None else _validated(service, call.data)
        entry = _loaded_entry(hass, data.pop(ATTR_CONFIG_ENTRY_ID))
        return await handler(entry, data, call)

    return run


async def _log_activity(
    entry: AlsComfortConfigEntry, data: dict[str, Any], call: ServiceCall
) -> ServiceResponse:
    """Log a bout of activity; its load is minutes times the intensity's weight."""
    data["load"] = activity_load(data["minutes"], Intensity(data["intensity"]))
    record = await entry.runtime_data.coordinator.async_log_activity(data)
    return {"id": record["id"]}


async def _log_episode(
    entry: AlsComfortConfigEntry, data: dict[str, Any], call: ServiceCall
) -> ServiceResponse:
    """Log a cramp, a spasticity episode or fasciculations."""
    record = await entry.runtime_data.coordinator.async_log_episode(data)
    return {"id": record["id"]}


async def _log_repositioned(
    entry: AlsComfortConfigEntry, data: dict[str, Any], call: ServiceCall
) -> ServiceResponse:
    """Log that a caregiver turned the person (when, and the position if given)."""
    record = await entry.runtime_data.coordinator.async_log_repositioning(data)
    return {"id": record["id"]}


async def _export_log(
    entry: AlsComfortConfigEntry, data: dict[str, Any], call: ServiceCall
) -> ServiceResponse:
    """Return the person's log between start and end."""
    exported = entry.runtime_data.coordinator.log.export(
        data.get("start"), data.get("end")
    )
    return cast(ServiceResponse, exported)


async def _delete_log_entry(
    entry: AlsComfortConfigEntry, data: dict[str, Any], call: ServiceCall
) -> ServiceResponse:
    """Delete one logged entry (administrators only)."""
    if not await entry.runtime_data.coordinator.async_delete_entry(data["entry_id"]):
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="log_entry_not_found",
            translation_placeholders={"entry_id": data["entry_id"]},
        )
    return None


async def _acknowledge_alert(
    entry: AlsComfortConfigEntry, data: dict[str, Any], call: ServiceCall
) -> ServiceResponse:
    """Acknowledge the open caregiver alert, recording who did."""
    await acknowledge_open_alert(entry, call.context.user_id)
    return None


async def acknowledge_open_alert(
    entry: AlsComfortConfigEntry, user_id: str | None
) -> None:
    """Acknowledge the person's open alert, or say that none is open."""
    if not await async_acknowledge(entry.runtime_data.coordinator.hass, entry, user_id):
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="no_open_alert",
            translation_placeholders={"name": entry.title},
        )


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the actions once; they outlive any one person's entry."""
    for service, handler, response in (
        ("log_activity", _log_activity, SupportsResponse.OPTIONAL),
        ("log_episode", _log_episode, SupportsResponse.OPTIONAL),
        ("log_repositioned", _log_repositioned, SupportsResponse.OPTIONAL),
        ("export_log", _export_log, SupportsResponse.ONLY),
        ("acknowledge_alert", _acknowledge_alert, SupportsResponse.NONE),
    ):
        hass.services.async_register(
            DOMAIN,
            service,
            _action(hass, handler),
            schema=_schema(service),
            supports_response=response,
        )
    async_register_admin_service(
        hass,
        DOMAIN,
        "delete_log_entry",
        _action(hass, _delete_log_entry, "delete_log_entry"),
        schema=LET_THROUGH,
    )
