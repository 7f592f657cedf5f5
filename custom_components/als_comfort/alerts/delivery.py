"""How a caregiver alert reaches a phone, and how its copies are cleared.

A target `notify.<name>` is a notify entity when one has that entity id; it then
gets `notify.send_message` (message and title only: it can neither carry an
Acknowledge button nor be cleared). Otherwise it is the legacy service
`notify.<name>` (such as a companion-app phone), which gets the actionable,
tagged notification, with critical / alarm-stream delivery when asked. An
unavailable notify entity is a failed delivery: Home Assistant would skip it
without an error, and the alert would reach nobody.

`notify.persistent_notification` shows the alert in Home Assistant's own
notification drawer, which has no Acknowledge button: the alert keeps one
notification id per person (a newer alert or a call again replaces it), is
dismissed by ALS Comfort once acknowledged, and says how to acknowledge, as
does every target without a button. Dismissing it there does not acknowledge:
the drawer does not tell who dismissed it, and "dismiss all" is not an answer.

Every call has its own timeout, so one hung phone cannot hold another's alert.
"""

from __future__ import annotations

import asyncio
from typing import Any, Final

from homeassistant.components import persistent_notification
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util import slugify

from ..const import LOGGER
from .messages import Words
from .state import Alert

DELIVERY_TIMEOUT: Final = 10.0
NOTIFY: Final = "notify"
CLEAR_NOTIFICATION: Final = "clear_notification"
# Home Assistant's own notification drawer, as a legacy notify service.
DRAWER: Final = f"{NOTIFY}.persistent_notification"
# iOS: critical interruption (and the older critical sound); Android: the alarm
# stream, delivered at once, which also passes Do Not Disturb.
CRITICAL_DATA: Final[dict[str, Any]] = {
    "push": {
        "interruption-level": "critical",
        "sound": {"name": "default", "critical": 1, "volume": 1.0},
    },
    "ttl": 0,
    "priority": "high",
    "channel": "alarm_stream",
}


class NotifierUnavailableError(HomeAssistantError):
    """A caregiver's notify entity is unavailable: it would show nothing."""


def alert_tag(entry_id: str) -> str:
    """Return the tag shared by a person's alerts, so a newer one replaces an older."""
    return f"als_comfort_{entry_id}"


def is_notify_entity(hass: HomeAssistant, target: str) -> bool:
    """Return whether a target is a notify entity (else a legacy notify service)."""
    return hass.states.get(target) is not None


def legacy_data(alert: Alert, tag: str, ack_title: str) -> dict[str, Any]:
    """Return the companion-app `data` of an alert's notification."""
    data: dict[str, Any] = {
        "actions": [{"action": alert.action, "title": ack_title}],
        "tag": tag,
    }
    if alert.critical:
        data |= CRITICAL_DATA
    return data


async def async_notify(
    hass: HomeAssistant, target: str, alert: Alert, tag: str, words: Words
) -> None:
    """Send an alert to one caregiver; raise if it failed or did not answer."""
    message = f"{words.message}\n{words.how_to_acknowledge}"
    if is_notify_entity(hass, target):
        if hass.states.is_state(target, STATE_UNAVAILABLE):
            raise NotifierUnavailableError(target)
        service = "send_message"
        data: dict[str, Any] = {"entity_id": target}
    elif target == DRAWER:
        service = target.removeprefix(f"{NOTIFY}.")
        data = {"data": {persistent_notification.ATTR_NOTIFICATION_ID: tag}}
    else:
        service = target.removeprefix(f"{NOTIFY}.")
        data = {"data": legacy_data(alert, tag, words.acknowledge)}
        message = words.message
    async with asyncio.timeout(DELIVERY_TIMEOUT):
        await hass.services.async_call(
            NOTIFY,
            service,
            {"message": message, "title": words.title, **data},
            blocking=True,
        )


async def async_clear(hass: HomeAssistant, targets: list[str], tag: str) -> None:
    """Clear an alert's copies from these phones (and the drawer), each on its own."""
    if DRAWER in targets:
        persistent_notification.async_dismiss(hass, tag)
    phones = [
        target
        for target in targets
        if target != DRAWER and not is_notify_entity(hass, target)
    ]
    await asyncio.gather(*(_async_clear_one(hass, phone, tag) for phone in phones))


async def _async_clear_one(hass: HomeAssistant, target: str, tag: str) -> None:
    """Clear the tagged notification from one phone; a failure is only logged."""
    try:
        async with asyncio.timeout(DELIVERY_TIMEOUT):
            await hass.services.async_call(
                NOTIFY,
                target.removeprefix(f"{NOTIFY}."),
                {"message": CLEAR_NOTIFICATION, "data": {"tag": tag}},
                blocking=True,
            )
    except Exception as err:  # noqa: BLE001 - a phone notifier may raise anything
        LOGGER.warning(
            "Could not clear the caregiver alert from %s (%s)",
            target,
            type(err).__name__,
        )


def phones_of(hass: HomeAssistant, user_id: str) -> set[str]:
    """Return the notify targets of a user's companion-app phones.

    The companion app names its legacy notify service after the phone's
    device name, as `notify.mobile_app_<device name>`.
    """
    return {
        f"{NOTIFY}.{slugify(f'mobile_app_{entry.data.get("device_name", "")}')}"
        for entry in hass.config_entries.async_entries("mobile_app")
        if entry.data.get("user_id") == user_id
    }


def pressing_phone(hass: HomeAssistant, user_id: str, sent_to: list[str]) -> str | None:
    """Return the phone that pressed Acknowledge, when it can be told for sure.

    The press only says which user pressed (`context.user_id`). It is known
    which phone that was when exactly one of that user's companion-app phones
    was sent the alert.
    """
    candidates = phones_of(hass, user_id).intersection(sent_to)
    return candidates.pop() if len(candidates) == 1 else None
