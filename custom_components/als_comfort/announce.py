"""What happened, told twice: to this person's own parts, then to users.

The parts of one person's entry hear each other on a per-entry dispatcher
signal; users' automations and the logbook get the bus event of the same name.
Nothing of ALS Comfort listens to its own bus events: anyone may fire those (a
companion app's webhook can), so they must never steer an alert or a heater.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.dispatcher import (
    async_dispatcher_connect,
    async_dispatcher_send,
)

type Listener = Callable[[Mapping[str, Any]], None]


def _signal(event_type: str, entry_id: str) -> str:
    """Return the dispatcher signal of one person's events of a type."""
    return f"{event_type}_{entry_id}"


@callback
def async_announce(
    hass: HomeAssistant, entry_id: str, event_type: str, data: Mapping[str, Any]
) -> None:
    """Tell the person's parts what happened, then fire the bus event for users."""
    async_tell_parts(hass, entry_id, event_type, data)
    hass.bus.async_fire(event_type, {"config_entry_id": entry_id, **data})


@callback
def async_tell_parts(
    hass: HomeAssistant, entry_id: str, event_type: str, data: Mapping[str, Any]
) -> None:
    """Tell only the person's own parts: what users would hear did not happen."""
    async_dispatcher_send(hass, _signal(event_type, entry_id), data)


@callback
def async_hear(
    hass: HomeAssistant, entry_id: str, event_type: str, listener: Listener
) -> CALLBACK_TYPE:
    """Call `listener` with the data of the person's announcements of a type."""
    return async_dispatcher_connect(hass, _signal(event_type, entry_id), listener)
