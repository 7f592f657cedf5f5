"""Carry the open caregiver alert from phone to phone until someone answers.

The first caregiver gets it (a call for help: everyone at once); unacknowledged
after `escalate_after_minutes` it goes to the next, and so on; after the last
one, to all of them at once. If still nobody answers `escalate_after_minutes`
later, it is *unanswered*: every caregiver is called again, urgently (the
critical channel at night), and again every `escalate_after_minutes`, for an
hour; then the calling stops, a persistent notification says that nobody
answered, and the alert stays open until acknowledged.

A newer alert replaces the open one but never delays it: its next step is no
later than the older one's. A failed delivery (an error, no such service, or
no answer within the timeout) is logged without health data, shown as a
persistent notification (to whom, not what), and passed on to the next
caregiver at once. Every delivery runs as its own task, so a hung phone holds
up nobody else.

`als_comfort_alert` announcements say what happened (to the event entity, and
on the bus for users); for a failover the event keeps the type of the delivery
that failed (`alert_sent` or `escalated`). A call again fires one `unanswered`
for all caregivers, so an automation sounding a siren runs once per round.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from homeassistant.components import persistent_notification
from homeassistant.core import HomeAssistant, callback
from homeassistant.util import dt as dt_util

from ..announce import async_announce
from ..const import DOMAIN, EVENT_ALERT, LOGGER, Reason
from ..timers import Wakeup
from .delivery import alert_tag, async_notify
from .messages import Phrases, alert_words, async_phrases
from .state import Alert

if TYPE_CHECKING:
    from ..runtime import AlsComfortConfigEntry
    from . import AlertManager

ALERT_SENT: Final = "alert_sent"
ACKNOWLEDGED: Final = "acknowledged"
ESCALATED: Final = "escalated"
DELIVERY_FAILED: Final = "delivery_failed"
UNANSWERED: Final = "unanswered"
ALERT_EVENT_TYPES: Final = (
    ALERT_SENT,
    ACKNOWLEDGED,
    ESCALATED,
    DELIVERY_FAILED,
    UNANSWERED,
)
# How long everyone is called again when nobody answers.
CALL_AGAIN_FOR: Final = timedelta(minutes=60)


class Escalation:
    """Sends the open alert and passes it on; owns its one timer."""

    def __init__(
        self, hass: HomeAssistant, entry: AlsComfortConfigEntry, manager: AlertManager
    ) -> None:
        """Serve one person's alert manager."""
        self.hass = hass
        self.entry = entry
        self.tag = alert_tag(entry.entry_id)
        self._manager = manager
        self._runtime = entry.runtime_data
        self._step = Wakeup(hass, self._on_due)

    def open(self, alert: Alert, phrase: Phrases, everyone: bool = False) -> None:
        """Make an alert the open one (replacing an older) and send it.

        `everyone`: to every caregiver at once (a call for help).
        """
        caregivers = self._runtime.person.caregivers
        state = self._manager.state
        if not caregivers:
            self.fire(DELIVERY_FAILED, alert, None)
            self.show_failure(alert, "alert_no_caregiver", phrase)
            return
        deadline = dt_util.utcnow() + self._escalate_after()
        targets = [caregivers[0]]
        if (older := state.open) is not None:
            alert = alert.superseding(older)
            targets = list(older.sent_to)
            # A newer alert may change the words, never delay the next step.
            deadline = min(deadline, older.deadline or deadline)
        if everyone and alert.step < len(caregivers):
            alert.step = len(caregivers)
            targets = list(caregivers)
        state.open = alert
        self.send(alert, targets, ALERT_SENT, deadline)

    @callback
    def send(
        self,
        alert: Alert,
        targets: list[str],
        event_type: str | None,
        deadline: datetime,
    ) -> None:
        """Send an alert to these caregivers, each in its own task; set its deadline.

        `event_type` is announced for each delivery that succeeds (None: none).
        """
        alert.deadline = deadline
        alert.sent_to.extend(
            target for target in dict.fromkeys(targets) if target not in alert.sent_to
        )
        self.schedule()
        self._manager.save()
        for target in targets:
            self.entry.async_create_background_task(
                self.hass,
                self._async_deliver(alert, target, event_type),
                f"{DOMAIN} notify {target}",
            )

    async def _async_deliver(
        self, alert: Alert, target: str, event_type: str | None
    ) -> None:
        """Deliver to one caregiver; on failure pass the alert on at once."""
        phrase = await async_phrases(self.hass)
        try:
            words = alert_words(alert, phrase, self._runtime.person.name)
            await async_notify(self.hass, target, alert, self.tag, words)
        except Exception as err:  # noqa: BLE001 - a notifier may raise anything; the alert must go on
            LOGGER.warning(
                "Caregiver alert %s could not be delivered to %s (%s)",
                alert.alert_id,
                target,
                type(err).__name__,
            )
            self.fire(DELIVERY_FAILED, alert, target)
            self._fail_over(alert, target, event_type or ESCALATED, phrase)
            return
        if target not in alert.reached:
            alert.reached.append(target)
            self._manager.save()
        if event_type is not None:
            self.fire(event_type, alert, target)

    def _fail_over(
        self, alert: Alert, target: str, event_type: str, phrase: Phrases
    ) -> None:
        """Show a failed delivery and pass the alert to the next caregiver, if any."""
        caregivers = self._runtime.person.caregivers
        later = (
            caregivers[caregivers.index(target) + 1 :] if target in caregivers else ()
        )
        following = next((c for c in later if c not in alert.sent_to), None)
        if following is None or self._manager.state.open is not alert:
            self.show_failure(alert, "alert_delivery_failed_last", phrase, target)
            return
        self.show_failure(alert, "alert_delivery_failed", phrase, target, following)
        alert.step = caregivers.index(following)
        self.send(alert, [following], event_type, self._next_deadline())

    def show_failure(
        self,
        alert: Alert,
        key: str,
        phrase: Phrases,
        target: str = "",
        following: str = "",
    ) -> None:
        """Show in Home Assistant that an alert did not reach a caregiver.

        Every user sees it, so it says to whom and where to look, never the
        alert's words (health data) or its id (the Acknowledge secret). A newer
        failure for the same caregiver replaces the older.
        """
        name = self._runtime.person.name
        persistent_notification.async_create(
            self.hass,
            phrase(key, name=name, target=target, next=following),
            title=phrase("alert_delivery_failed_title", name=name),
            notification_id=f"{DOMAIN}_{self.entry.entry_id}_not_delivered_{target}",
        )

    @callback
    def schedule(self) -> None:
        """Arrange the open alert's next step at its deadline (at once if past)."""
        self.cancel()
        alert = self._manager.state.open
        if alert is not None and alert.deadline is not None:
            self._step.arm(alert.deadline)

    @callback
    def cancel(self) -> None:
        """Cancel the pending step, if any."""
        self._step.cancel()

    def _escalate_after(self) -> timedelta:
        """Return how long a caregiver has to answer before the next step."""
        return timedelta(minutes=self._runtime.options.escalate_after_minutes)

    def _next_deadline(self) -> datetime:
        """Return when the next step is due, counted from now."""
        return dt_util.utcnow() + self._escalate_after()

    @callback
    def _on_due(self, now: datetime) -> None:
        """Pass the unacknowledged alert on: next caregiver, all, then again."""
        state = self._manager.state
        if (alert := state.open) is None:
            return
        if not self._manager.enabled() and Reason.HELP_REQUESTED not in alert.reasons:
            LOGGER.info(
                "Caregiver alert %s not passed on: alerts are off", alert.alert_id
            )
            state.open = None
            self._manager.save()
            return
        caregivers = self._runtime.person.caregivers
        if alert.step >= len(caregivers):
            self._call_again(alert, now)
            return
        alert.step += 1
        everyone = alert.step == len(caregivers)
        self.send(
            alert,
            list(caregivers) if everyone else [caregivers[alert.step]],
            ESCALATED,
            self._next_deadline(),
        )

    def _call_again(self, alert: Alert, now: datetime) -> None:
        """Nobody answered: call everyone again, urgently, for an hour at most."""
        since = alert.unanswered_since or now
        alert.unanswered_since = since
        if now - since >= CALL_AGAIN_FOR:
            alert.deadline = None
            self._manager.save()
            self.entry.async_create_background_task(
                self.hass, self._async_show_unanswered(), f"{DOMAIN} unanswered"
            )
            return
        snapshot = self._runtime.coordinator.data
        alert.critical = alert.critical or (
            snapshot is not None and snapshot.night_window
        )
        alert.deadline = min(self._next_deadline(), since + CALL_AGAIN_FOR)
        self.fire(UNANSWERED, alert, None)
        self.send(alert, list(self._runtime.person.caregivers), None, alert.deadline)

    async def _async_show_unanswered(self) -> None:
        """Say in Home Assistant that nobody answered (no health detail)."""
        phrase = await async_phrases(self.hass)
        name = self._runtime.person.name
        persistent_notification.async_create(
            self.hass,
            phrase("alert_gave_up", name=name),
            title=phrase("alert_gave_up_title", name=name),
            notification_id=f"{DOMAIN}_{self.entry.entry_id}_unanswered",
        )

    def fire(
        self, event_type: str, alert: Alert, caregiver: str | None, **extra: Any
    ) -> None:
        """Announce what happened to an alert.

        Never the message (it may hold health data), nor the alert's id: its
        Acknowledge action id is made from it, and that is a secret.
        """
        async_announce(
            self.hass,
            self.entry.entry_id,
            EVENT_ALERT,
            {
                "type": event_type,
                "kind": alert.kind,
                "reasons": list(alert.reasons),
                "caregiver": caregiver,
                **alert.progress(),
                **extra,
            },
        )
