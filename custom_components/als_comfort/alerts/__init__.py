"""Caregiver alerts: call a caregiver, and make sure someone answers.

This package is the alerts wing; this module is its front door: the rest of the
integration uses only what it exports. The `AlertManager` of a person decides
what happens to an alert raised by a trigger (`triggers`); `escalation` carries
the open alert from caregiver to caregiver, `delivery` reaches the phones,
`messages` has the words and `state` what is remembered. Rules, in the order
they apply to a raised alert:

* `caregiver_alerts` off: nothing is sent and nothing is queued; an open alert
  is not passed on any more and held quiet-hours alerts are dropped (logged),
  because whoever switched alerts off has taken the watch over. The person's
  own call for help is the exception: it is always sent and passed on.
* Cooldown: a non-urgent alert none of whose reasons is new within
  `alert_cooldown_minutes` is not repeated. A held alert counts as raised.
  Urgent alerts never cool down.
* Quiet hours: only urgent alerts are sent; the rest are held and sent as one
  summary when quiet hours end.
* An alert raised while another is open replaces it (same tag on the phones),
  carrying the older message, reaching the same caregivers at once, and never
  delaying the older one's next step. A call for help reaches everyone at once.

Acknowledged by a phone's button (`phones`: only a user whose phone was sent
the alert, or an administrator), or by the `acknowledge_alert` button or action
(`async_acknowledge`; their callers check who may). Every copy that was
sent is then cleared, except the pressing phone's when it can be told (see
`delivery.pressing_phone`); when it cannot, all copies are cleared.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util import dt as dt_util

from ..const import DOMAIN, LOGGER, SWITCH_CAREGIVER_ALERTS, Reason
from .delivery import alert_tag, async_clear
from .escalation import ACKNOWLEDGED, ALERT_EVENT_TYPES, Escalation
from .messages import AlertDraft, AlertKind, Phrases, async_phrases, render_alert
from .phones import PhonePresses
from .state import Alert, AlertState, AlertStore, HeldAlert
from .summary import QuietHours
from .triggers import AlertTriggers

if TYPE_CHECKING:
    from ..runtime import AlsComfortConfigEntry

__all__ = [
    "ALERT_EVENT_TYPES",
    "AlertManager",
    "async_acknowledge",
    "async_call_for_help",
    "async_remove_alerts",
    "async_setup_alerts",
]


async def async_setup_alerts(hass: HomeAssistant, entry: AlsComfortConfigEntry) -> None:
    """Build the person's alert manager, restore its state and start it."""
    manager = AlertManager(hass, entry)
    await manager.async_load()
    entry.runtime_data.alerts = manager
    manager.async_start()
    AlertTriggers(hass, entry, manager).async_start()


async def async_remove_alerts(
    hass: HomeAssistant, entry: AlsComfortConfigEntry
) -> None:
    """Forget a deleted person's alert state; take an open alert off the phones.

    Nothing will ever resume it, and an Acknowledge button that leads nowhere
    must not stay on a caregiver's phone.
    """
    store = AlertStore(hass, entry.entry_id)
    state = await store.async_load()
    if state.open is not None and state.open.sent_to:
        await async_clear(hass, state.open.sent_to, alert_tag(entry.entry_id))
    await store.async_remove()


async def async_acknowledge(
    hass: HomeAssistant, entry: AlsComfortConfigEntry, user_id: str | None
) -> bool:
    """Acknowledge the person's open alert; return whether one was open."""
    manager = entry.runtime_data.alerts
    return manager is not None and await manager.async_acknowledge(user_id)


async def async_call_for_help(entry: AlsComfortConfigEntry, message: str) -> None:
    """Call every caregiver of the person, urgently; say so if none is set up.

    With nobody to call, the call is still shown in Home Assistant (as every
    undelivered alert is), and the person is told at once.
    """
    if (manager := entry.runtime_data.alerts) is not None:
        manager.async_call_for_help(message)
    if not entry.runtime_data.person.caregivers:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="no_caregiver",
            translation_placeholders={"name": entry.title},
        )


class AlertManager:
    """Decides, holds and closes one person's caregiver alerts."""

    def __init__(self, hass: HomeAssistant, entry: AlsComfortConfigEntry) -> None:
        """Prepare the manager; the stored state is read by `async_load`."""
        self.hass = hass
        self.entry = entry
        self.state = AlertState()
        self._runtime = entry.runtime_data
        self._store = AlertStore(hass, entry.entry_id)
        self._escalation = Escalation(hass, entry, self)
        # One alert is decided at a time, so cooldowns and replacing stay exact.
        self.lock = asyncio.Lock()
        self._quiet_hours = QuietHours(hass, entry, self)

    async def async_load(self) -> None:
        """Restore the state saved before a restart or reload."""
        self.state = await self._store.async_load()

    @callback
    def async_start(self) -> None:
        """Listen for acknowledgements; re-arm escalation and the summary."""
        entry = self.entry
        entry.async_on_unload(lambda: self._store.async_flush(self.state))
        entry.async_on_unload(self._escalation.cancel)
        entry.async_on_unload(self._quiet_hours.cancel)
        PhonePresses(self.hass, entry, self).async_start()
        # A deadline that passed during a restart fires at once.
        self._escalation.schedule()
        self._quiet_hours.schedule()

    @callback
    def save(self) -> None:
        """Write the state soon."""
        self._store.save(self.state)

    def enabled(self) -> bool:
        """Return whether the `caregiver_alerts` master switch is on."""
        return self._runtime.switches.get(SWITCH_CAREGIVER_ALERTS, True)

    @callback
    def async_call_for_help(self, message: str) -> None:
        """Raise the person's own call for help, with their words if any."""
        snapshot = self._runtime.coordinator.data
        self.async_raise(
            AlertDraft(
                kind=AlertKind.HELP_REQUESTED,
                reasons=(Reason.HELP_REQUESTED,),
                urgent=True,
                night=snapshot is not None and snapshot.night_window,
                message=message,
            )
        )

    @callback
    def async_raise(self, draft: AlertDraft) -> None:
        """Raise an alert in the background; the caller never waits for a phone."""
        self.entry.async_create_background_task(
            self.hass, self._async_raise(draft), f"{DOMAIN} raise {draft.kind}"
        )

    async def _async_raise(self, draft: AlertDraft) -> None:
        """Decide whether an alert is sent, held or not repeated; then act."""
        async with self.lock:
            help_call = draft.kind is AlertKind.HELP_REQUESTED
            if not help_call and not self.enabled():
                LOGGER.info("Caregiver alert not sent: caregiver alerts are off")
                return
            now = dt_util.utcnow()
            if not draft.urgent:
                if self._cooling_down(draft.reasons, now):
                    LOGGER.debug("Caregiver alert %s not repeated", draft.kind)
                    return
                self.state.cooldowns.update(dict.fromkeys(draft.reasons, now))
                self.save()
            phrase = await async_phrases(self.hass)
            title, message = render_alert(draft, phrase, self._runtime.person.name)
            if not draft.urgent and self._quiet_hours.quiet(now):
                self._quiet_hours.hold(
                    HeldAlert(at=now, reasons=draft.reasons, message=message)
                )
                return
            alert = Alert.new(draft.kind, draft.reasons, title, message, draft.urgent)
            alert.critical = draft.urgent and draft.night
            self.open(alert, phrase, everyone=help_call)

    def open(self, alert: Alert, phrase: Phrases, everyone: bool = False) -> None:
        """Send an alert, replacing the open one; `everyone`: all caregivers at once."""
        self._escalation.open(alert, phrase, everyone)

    def _cooling_down(self, reasons: tuple[str, ...], now: datetime) -> bool:
        """Return whether every reason was alerted within the cooldown."""
        cooldown = timedelta(minutes=self._runtime.options.alert_cooldown_minutes)
        self.state.cooldowns = {
            key: when
            for key, when in self.state.cooldowns.items()
            if now - when < cooldown
        }
        return bool(reasons) and all(key in self.state.cooldowns for key in reasons)

    async def async_acknowledge(
        self, user_id: str | None, phone: str | None = None
    ) -> bool:
        """Close the open alert as acknowledged; clear the other copies."""
        if (alert := self.state.open) is None:
            return False
        self.state.open = None
        alert.deadline = None
        self._escalation.cancel()
        user = await self.hass.auth.async_get_user(user_id) if user_id else None
        user_name = user.name if user is not None else None
        self.state.acknowledged = {
            "alert_id": alert.alert_id,
            "user_id": user_id,
            "user_name": user_name,
            "at": dt_util.utcnow().isoformat(),
        }
        self.save()
        self._escalation.fire(ACKNOWLEDGED, alert, phone, acknowledged_by=user_name)
        others = [target for target in alert.sent_to if target != phone]
        self.entry.async_create_background_task(
            self.hass,
            async_clear(self.hass, others, self._escalation.tag),
            f"{DOMAIN} clear",
        )
        return True
