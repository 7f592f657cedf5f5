"""Actions of ALS Comfort: log, export and delete; acknowledge; call for help.

What is logged: activity, episodes and repositionings.

Every action names the person by `config_entry_id` and is registered with the
schema of its fields. That schema refuses in the person's words: a bad field is
a translated `ServiceValidationError` naming the field (Home Assistant would
pass on probatio's untranslated `Invalid`), and a refused call changes nothing.
Free text must be storable: a character the log could not write (a control
character, half of a character) is refused here, never found at the next save.

Who may call what is one table, `ACTIONS` (see `permissions`): the log is read
and deleted by administrators only, and for those actions who calls is checked
before what is sent, so their schema lets everything through and the handler
checks the fields. The other actions need control of the person's buttons that
do the same. Actions only translate a call into a request to the person's
coordinator.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
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
from homeassistant.helpers.service import async_get_config_entry
import probatio

from .alerts import async_acknowledge, async_call_for_help
from .const import BODY_AREAS, DOMAIN, EPISODE_KINDS
from .fields import UNSTORABLE_TEXT, moment, recent, text, whole
from .permissions import async_check_admin, async_check_control
from .risk import Intensity, activity_load
from .runtime import AlsComfortConfigEntry

ENTRY: Final = {probatio.Required(ATTR_CONFIG_ENTRY_ID): str}
SCHEMAS: Final[dict[str, probatio.Schema]] = {
    "log_activity": probatio.Schema(
        {
            **ENTRY,
            probatio.Required("minutes"): whole(1, 600),
            probatio.Required("intensity"): probatio.In([i.value for i in Intensity]),
            probatio.Optional("activity", default=""): text(100),
            probatio.Optional("when"): recent,
        }
    ),
    "log_episode": probatio.Schema(
        {
            **ENTRY,
            probatio.Required("kind"): probatio.In(EPISODE_KINDS),
            probatio.Optional("body_area", default="unspecified"): probatio.In(
                BODY_AREAS
            ),
            probatio.Optional("severity"): whole(1, 10),
            probatio.Optional("duration_minutes"): whole(1, 1440),
            probatio.Optional("note", default=""): text(500),
            probatio.Optional("when"): recent,
        }
    ),
    "export_log": probatio.Schema(
        {
            **ENTRY,
            probatio.Optional("start"): moment,
            probatio.Optional("end"): moment,
        }
    ),
    "log_repositioned": probatio.Schema(
        {
            **ENTRY,
            probatio.Optional("position", default=""): text(50),
            probatio.Optional("when"): recent,
        }
    ),
    "delete_log_entry": probatio.Schema({**ENTRY, probatio.Required("entry_id"): str}),
    "acknowledge_alert": probatio.Schema(ENTRY),
    "call_for_help": probatio.Schema(
        {**ENTRY, probatio.Optional("message", default=""): text(200)}
    ),
}
# Every field of an action has its own message (`invalid_<field>`).
FIELDS_WITH_MESSAGES: Final = frozenset(
    str(field) for schema in SCHEMAS.values() for field in schema.schema
)


def _validated(service: str, data: dict[str, Any]) -> dict[str, Any]:
    """Validate a call's data; refuse with a translated, field-level message."""
    try:
        return dict(SCHEMAS[service](dict(data)))
    except probatio.MultipleInvalid as err:
        field = str(err.errors[0].path[0]) if err.errors[0].path else ""
        key = f"invalid_{field}" if field in FIELDS_WITH_MESSAGES else "invalid_field"
        if err.errors[0].msg == UNSTORABLE_TEXT:
            key = "unstorable_text"
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
LOG_BUTTONS: Final = tuple(f"log_{kind}" for kind in EPISODE_KINDS)


@dataclass(frozen=True)
class Action:
    """One action, and who may call it.

    `buttons`: the person's buttons a user must be allowed to press; none
    means administrators only.
    """

    service: str
    handler: Handler
    response: SupportsResponse
    buttons: tuple[str, ...] = ()

    @property
    def admin_only(self) -> bool:
        """Return whether only administrators may call this action."""
        return not self.buttons


def _run(
    hass: HomeAssistant, action: Action
) -> Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]]:
    """Wrap a handler: check who calls, find the person, then act.

    For administrators' actions who calls is checked first, then the fields
    (their schema let everything through).
    """
    service = action.service

    async def run(call: ServiceCall) -> ServiceResponse:
        if action.admin_only:
            await async_check_admin(hass, call.context, service)
            data = _validated(service, call.data)
        else:
            data = dict(call.data)
        entry = _loaded_entry(hass, data.pop(ATTR_CONFIG_ENTRY_ID))
        if not action.admin_only:
            await async_check_control(
                hass, call.context, entry, service, action.buttons
            )
        return await action.handler(entry, data, call)

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


async def _call_for_help(
    entry: AlsComfortConfigEntry, data: dict[str, Any], call: ServiceCall
) -> ServiceResponse:
    """Call every caregiver of the person at once, urgently."""
    await async_call_for_help(entry, data["message"])
    return None


ACTIONS: Final = (
    Action("log_activity", _log_activity, SupportsResponse.OPTIONAL, LOG_BUTTONS),
    Action("log_episode", _log_episode, SupportsResponse.OPTIONAL, LOG_BUTTONS),
    Action(
        "log_repositioned",
        _log_repositioned,
        SupportsResponse.OPTIONAL,
        ("log_repositioned",),
    ),
    Action(
        "acknowledge_alert",
        _acknowledge_alert,
        SupportsResponse.NONE,
        ("acknowledge_alert",),
    ),
    Action("call_for_help", _call_for_help, SupportsResponse.NONE, ("call_for_help",)),
    Action("export_log", _export_log, SupportsResponse.ONLY),
    Action("delete_log_entry", _delete_log_entry, SupportsResponse.NONE),
)


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the actions once; they outlive any one person's entry."""
    for action in ACTIONS:
        hass.services.async_register(
            DOMAIN,
            action.service,
            _run(hass, action),
            schema=LET_THROUGH if action.admin_only else _schema(action.service),
            supports_response=action.response,
        )
