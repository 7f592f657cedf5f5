"""Caregiver alerts: call a caregiver, and make sure someone answers.

This package is the alerts wing; this module is its front door: the rest of the
integration uses only what it exports. The `AlertManager` of a person decides
what happens to an alert raised by a trigger (`triggers`); `escalation` carries
the open alert from caregiver to caregiver, `delivery` reaches the phones,
`messages` has the words and `state` what is remembered. Rules, in the order
they apply to a raised alert:

* `caregiver_alerts` off: nothing is sent and nothing is queued; an open alert
  is not passed on any more and held quiet-hours alerts are dropped (logged),
  because whoever switched alerts off has taken the watch over.
* Cooldown: an alert none of whose reasons is new within `alert_cooldown_minutes`
  is not repeated. A held alert counts as raised.
* Quiet hours: only urgent alerts (severe cramp, heating not working) are sent;
  the rest are held and sent as one summary when quiet hours end.
* An alert raised while another is open replaces it (same tag on the phones),
  carrying the older message and reaching the same caregivers at once.

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
from homeassistant.util import dt as dt_util, ulid as ulid_util

from ..const import DOMAIN, LOGGER, SWITCH_CAREGIVER_ALERTS
from ..timers import Wakeup
from .delivery import alert_tag, async_clear
from .escalation import ACKNOWLEDGED, ALERT_EVENT_TYPES, Escalation
from .messages import (
    AlertDraft,
    AlertKind,
    Phrases,
    async_phrases,
    render_alert,
    render_summary,
)
from .phones import PhonePresses
from .state import (
    Alert,
    AlertState,
    AlertStore,
    HeldAlert,
    in_quiet_hours,
    quiet_hours_end,
)
from .triggers import AlertTriggers

if TYPE_CHECKING:
    from ..runtime import AlsComfortConfigEntry

__all__ = [
    "ALERT_EVENT_TYPES",
    "AlertManager",
    "async_acknowledge",
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
        self._lock = asyncio.Lock()
        self._summary = Wakeup(hass, self._on_quiet_end)

    async def async_load(self) -> None:
        """Restore the state saved before a restart or reload."""
        self.state = await self._store.async_load()

    @callback
    def async_start(self) -> None:
        """Listen for acknowledgements; re-arm escalation and the summary."""
        entry = self.entry
        entry.async_on_unload(lambda: self._store.async_flush(self.state))
        entry.async_on_unload(self._escalation.cancel)
        entry.async_on_unload(self._summary.cancel)
        PhonePresses(self.hass, entry, self).async_start()
        # A deadline that passed during a restart fires at once.
        self._escalation.schedule()
        self._schedule_summary()

    @callback
    def save(self) -> None:
        """Write the state soon."""
        self._store.save(self.state)

    def enabled(self) -> bool:
        """Return whether the `caregiver_alerts` master switch is on."""
        return self._runtime.switches.get(SWITCH_CAREGIVER_ALERTS, True)

    @callback
    def async_raise(self, draft: AlertDraft) -> None:
        """Raise an alert in the background; the caller never waits for a phone."""
        self.entry.async_create_background_task(
            self.hass, self._async_raise(draft), f"{DOMAIN} raise {draft.kind}"
        )

    async def _async_raise(self, draft: AlertDraft) -> None:
        """Decide whether an alert is sent, held or not repeated; then act."""
        async with self._lock:
            if not self.enabled():
                LOGGER.info("Caregiver alert not sent: caregiver alerts are off")
                return
            now = dt_util.utcnow()
            if self._cooling_down(draft.reasons, now):
                LOGGER.debug("Caregiver alert %s not repeated (cooldown)", draft.kind)
                return
            self.state.cooldowns.update(dict.fromkeys(draft.reasons, now))
            self.save()
            phrase = await async_phrases(self.hass)
            title, message = render_alert(draft, phrase, self._runtime.person.name)
            if not draft.urgent and self._quiet(now):
                self._hold(HeldAlert(at=now, reasons=draft.reasons, message=message))
                return
            alert = _new_alert(draft.kind, draft.reasons, title, message, draft.urgent)
            alert.critical = draft.urgent and draft.night
            self._escalation.open(alert, phrase)

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

    def _quiet(self, now: datetime) -> bool:
        """Return whether an instant lies in the person's quiet hours."""
        return in_quiet_hours(dt_util.as_local(now), self._runtime.options.quiet_hours)

    def _hold(self, held: HeldAlert) -> None:
        """Keep a non-urgent alert for the end of quiet hours."""
        self.state.held.append(held)
        self.save()
        self._schedule_summary()

    @callback
    def _schedule_summary(self) -> None:
        """Arrange the summary of held alerts at the end of quiet hours (or now)."""
        self._summary.cancel()
        if not self.state.held:
            return
        quiet = self._runtime.options.quiet_hours
        when = dt_util.utcnow()
        if quiet is not None and self._quiet(when):
            when = quiet_hours_end(dt_util.as_local(when), quiet[1])
        self._summary.arm(when)

    @callback
    def _on_quiet_end(self, _now: datetime) -> None:
        """Send the summary of the alerts held during quiet hours."""
        self.entry.async_create_background_task(
            self.hass, self._async_send_summary(), f"{DOMAIN} quiet hours summary"
        )

    async def _async_send_summary(self) -> None:
        """Send the held alerts as one message, unless alerts are off."""
        async with self._lock:
            held, self.state.held = self.state.held, []
            self.save()
            if not self.enabled():
                LOGGER.info(
                    "%d held caregiver alerts dropped: alerts are off", len(held)
                )
                return
            phrase: Phrases = await async_phrases(self.hass)
            title, message = render_summary(held, phrase, self._runtime.person.name)
            reasons = tuple(dict.fromkeys(r for item in held for r in item.reasons))
            self._escalation.open(
                _new_alert(AlertKind.SUMMARY, reasons, title, message, urgent=False),
                phrase,
            )


def _new_alert(
    kind: AlertKind, reasons: tuple[str, ...], title: str, message: str, urgent: bool
) -> Alert:
    """Return a new alert with its own id (and so its own Acknowledge action)."""
    return Alert(
        alert_id=ulid_util.ulid_now(),
        kind=kind,
        reasons=reasons,
        title=title,
        message=message,
        urgent=urgent,
        critical=False,
    )
