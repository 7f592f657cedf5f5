"""Acknowledge buttons pressed on caregivers' phones: the one input from the bus.

The companion app reports a press of a notification's button as the
`mobile_app_notification_action` event, with the pressing user as its context.
Anyone can fire that event (a phone's webhook fires whatever the phone asks),
so a press counts only when it carries the open alert's action id, a secret
never shown in an entity or announced, *and* comes from a user whose phone was
sent the alert, or from an administrator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from homeassistant.auth.models import User
from homeassistant.core import Event, HomeAssistant, callback

from ..const import DOMAIN, LOGGER
from .delivery import phones_of, pressing_phone
from .state import Alert

if TYPE_CHECKING:
    from ..runtime import AlsComfortConfigEntry
    from . import AlertManager

EVENT_NOTIFICATION_ACTION: Final = "mobile_app_notification_action"


class PhonePresses:
    """Hears the Acknowledge presses of one person's alerts."""

    def __init__(
        self, hass: HomeAssistant, entry: AlsComfortConfigEntry, manager: AlertManager
    ) -> None:
        """Serve one person's alert manager."""
        self.hass = hass
        self.entry = entry
        self._manager = manager

    @callback
    def async_start(self) -> None:
        """Listen while the entry is loaded."""
        self.entry.async_on_unload(
            self.hass.bus.async_listen(EVENT_NOTIFICATION_ACTION, self._on_press)
        )

    @callback
    def _on_press(self, event: Event) -> None:
        """Take a press of the open alert's Acknowledge button; check who pressed."""
        alert = self._manager.state.open
        if alert is None or event.data.get("action") != alert.action:
            return
        self.entry.async_create_background_task(
            self.hass,
            self._async_check(alert, event.context.user_id),
            f"{DOMAIN} acknowledge",
        )

    async def _async_check(self, alert: Alert, user_id: str | None) -> None:
        """Acknowledge when the pressing user may; otherwise log the refusal."""
        user = await self.hass.auth.async_get_user(user_id) if user_id else None
        if self._manager.state.open is not alert:
            return  # acknowledged or replaced meanwhile
        if user is None or not self._may_acknowledge(user, alert.sent_to):
            LOGGER.warning(
                "An Acknowledge for %s was refused: user %s is no administrator "
                "and none of their phones was sent the alert",
                self.entry.title,
                user_id,
            )
            return
        await self._manager.async_acknowledge(
            user.id, pressing_phone(self.hass, user.id, alert.sent_to)
        )

    def _may_acknowledge(self, user: User, sent_to: list[str]) -> bool:
        """Return whether a user is an administrator or was sent the alert."""
        if user.is_admin:
            return True
        return user.is_active and bool(phones_of(self.hass, user.id) & set(sent_to))
