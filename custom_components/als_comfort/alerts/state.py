"""What caregiver alerts remember across a restart, and where it is kept.

Owns `.storage/als_comfort.<entry_id>.alerts` (version 1, readable by its owner
only and written atomically like the log, so a crash mid-write never leaves
half a file): the open alert with its escalation step, deadline, the caregivers
it was sent to and reached, and since when nobody answered; when each reason was
last alerted (cooldown); the alerts held back during quiet hours; whether the
risk was already high and whether the person was already lying still too long
(so a restart does not alert again); when heating started (the heating
watchdog) and whether it already alerted; since when the thermometer is unknown
in the night window and whether that was alerted; and who acknowledged the last
alert. It also knows the quiet-hours clock. Nothing here sends anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util, ulid as ulid_util

from ..const import DOMAIN, LOGGER
from ..store import async_remove_store, keep_private

STORAGE_VERSION: Final = 1
# Changes of one moment (an alert and its cooldowns) are written together.
SAVE_DELAY: Final = 1.0
ACTION_PREFIX: Final = "ALS_COMFORT_ACK_"


@dataclass(kw_only=True)
class Alert:
    """One alert on its way to the caregivers, until someone acknowledges it.

    `step` is the index of the caregiver it was last passed to; the number of
    caregivers means "all of them at once", the last step. `reached` are the
    caregivers a delivery succeeded to; `unanswered_since` is when everyone had
    been called and nobody answered; no `deadline` then means calling stopped.
    """

    alert_id: str
    kind: str
    reasons: tuple[str, ...]
    title: str
    message: str
    urgent: bool
    critical: bool
    step: int = 0
    deadline: datetime | None = None
    sent_to: list[str] = field(default_factory=list)
    reached: list[str] = field(default_factory=list)
    unanswered_since: datetime | None = None

    @classmethod
    def new(
        cls,
        kind: str,
        reasons: tuple[str, ...],
        title: str,
        message: str,
        urgent: bool,
    ) -> Alert:
        """Return a new alert with its own id (and so its own Acknowledge action)."""
        return cls(
            alert_id=ulid_util.ulid_now(),
            kind=kind,
            reasons=reasons,
            title=title,
            message=message,
            urgent=urgent,
            critical=False,
        )

    @property
    def action(self) -> str:
        """Return the id of the Acknowledge button of this alert's notifications."""
        return f"{ACTION_PREFIX}{self.alert_id}"

    def progress(self) -> dict[str, Any]:
        """Return how far the alert got: urgency, who was reached, the next step."""
        return {
            "urgent": self.urgent,
            "called": list(self.reached),
            "next_escalation": _iso(self.deadline),
        }

    def superseding(self, older: Alert) -> Alert:
        """Return this alert carrying an older open one along.

        A phone shows one notification per tag, so the newer alert replaces the
        older one: it keeps the older message (a sentence said already is not
        said twice), its urgency and how far it got, and the hour of calling
        again (unless that hour is over).
        """
        lines = (*self.message.splitlines(), *older.message.splitlines())
        return Alert(
            alert_id=self.alert_id,
            kind=self.kind,
            reasons=tuple(dict.fromkeys((*self.reasons, *older.reasons))),
            title=older.title if older.urgent and not self.urgent else self.title,
            message="\n".join(dict.fromkeys(lines)),
            urgent=self.urgent or older.urgent,
            critical=self.critical or older.critical,
            step=older.step,
            reached=list(older.reached),
            unanswered_since=older.unanswered_since if older.deadline else None,
        )

    def as_dict(self) -> dict[str, Any]:
        """Return the alert as stored."""
        return {
            "alert_id": self.alert_id,
            "kind": self.kind,
            "reasons": list(self.reasons),
            "title": self.title,
            "message": self.message,
            "urgent": self.urgent,
            "critical": self.critical,
            "step": self.step,
            "deadline": _iso(self.deadline),
            "sent_to": list(self.sent_to),
            "reached": list(self.reached),
            "unanswered_since": _iso(self.unanswered_since),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alert:
        """Read a stored alert."""
        return cls(
            alert_id=str(data["alert_id"]),
            kind=str(data["kind"]),
            reasons=tuple(data["reasons"]),
            title=str(data["title"]),
            message=str(data["message"]),
            urgent=bool(data["urgent"]),
            critical=bool(data["critical"]),
            step=int(data["step"]),
            deadline=_parse(data.get("deadline")),
            sent_to=list(data["sent_to"]),
            reached=list(data.get("reached", [])),
            unanswered_since=_parse(data.get("unanswered_since")),
        )


@dataclass(frozen=True, kw_only=True)
class HeldAlert:
    """A non-urgent alert raised in quiet hours, waiting for their end."""

    at: datetime
    reasons: tuple[str, ...]
    message: str


@dataclass(kw_only=True)
class AlertState:
    """Everything the alerts of one person remember."""

    open: Alert | None = None
    cooldowns: dict[str, datetime] = field(default_factory=dict)
    held: list[HeldAlert] = field(default_factory=list)
    risk_was_high: bool = False
    still_too_long: bool = False
    heating_since: datetime | None = None
    heating_alerted: bool = False
    sensor_unknown_since: datetime | None = None
    sensor_alerted: bool = False
    acknowledged: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the state as stored."""
        return {
            "open": self.open.as_dict() if self.open else None,
            "cooldowns": {key: _iso(when) for key, when in self.cooldowns.items()},
            "held": [
                {
                    "at": _iso(held.at),
                    "reasons": list(held.reasons),
                    "message": held.message,
                }
                for held in self.held
            ],
            "risk_was_high": self.risk_was_high,
            "still_too_long": self.still_too_long,
            "heating_since": _iso(self.heating_since),
            "heating_alerted": self.heating_alerted,
            "sensor_unknown_since": _iso(self.sensor_unknown_since),
            "sensor_alerted": self.sensor_alerted,
            "acknowledged": self.acknowledged,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AlertState:
        """Read a stored state."""
        return cls(
            open=Alert.from_dict(data["open"]) if data.get("open") else None,
            cooldowns={
                key: dt_util.parse_datetime(when, raise_on_error=True)
                for key, when in data.get("cooldowns", {}).items()
            },
            held=[
                HeldAlert(
                    at=dt_util.parse_datetime(held["at"], raise_on_error=True),
                    reasons=tuple(held["reasons"]),
                    message=str(held["message"]),
                )
                for held in data.get("held", [])
            ],
            risk_was_high=bool(data.get("risk_was_high", False)),
            still_too_long=bool(data.get("still_too_long", False)),
            heating_since=_parse(data.get("heating_since")),
            heating_alerted=bool(data.get("heating_alerted", False)),
            sensor_unknown_since=_parse(data.get("sensor_unknown_since")),
            sensor_alerted=bool(data.get("sensor_alerted", False)),
            acknowledged=data.get("acknowledged"),
        )


class AlertStore:
    """Keeps one person's alert state in Home Assistant's storage."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Prepare the store; nothing is read until `async_load`."""
        self._hass = hass
        # The open alert's message and the held alerts are health data.
        self._store: Store[dict[str, Any]] = Store(
            hass,
            STORAGE_VERSION,
            f"{DOMAIN}.{entry_id}.alerts",
            private=True,
            atomic_writes=True,
        )

    async def async_load(self) -> AlertState:
        """Read the state; an unreadable one is reported and started afresh."""
        await self._hass.async_add_executor_job(keep_private, Path(self._store.path))
        data = await self._store.async_load()
        if data is None:
            return AlertState()
        try:
            return AlertState.from_dict(data)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            LOGGER.warning(
                "The stored caregiver alert state could not be read (%s); starting afresh",
                type(err).__name__,
            )
            return AlertState()

    def save(self, state: AlertState) -> None:
        """Write the state soon; changes of the same moment are written once."""
        self._store.async_delay_save(state.as_dict, SAVE_DELAY)

    async def async_flush(self, state: AlertState) -> None:
        """Write the state now (on unload), cancelling a pending delayed write."""
        await self._store.async_save(state.as_dict())

    async def async_remove(self) -> None:
        """Delete the file (the person was deleted); a failure is only logged."""
        await async_remove_store(self._store)


def in_quiet_hours(local: datetime, quiet: tuple[time, time] | None) -> bool:
    """Return whether a local time lies in quiet hours (which may cross midnight)."""
    if quiet is None or quiet[0] == quiet[1]:
        return False
    start, end = quiet
    now = local.time()
    if start < end:
        return start <= now < end
    return now >= start or now < end


def quiet_hours_end(local: datetime, end: time) -> datetime:
    """Return the next local instant after `local` at which quiet hours end."""
    day = local.date()
    candidate = datetime.combine(day, end, tzinfo=local.tzinfo)
    if candidate <= local:
        candidate = datetime.combine(day + timedelta(days=1), end, tzinfo=local.tzinfo)
    return candidate


def _iso(when: datetime | None) -> str | None:
    """Return an instant as stored (ISO 8601), or None."""
    return when.isoformat() if when is not None else None


def _parse(value: Any) -> datetime | None:
    """Read a stored instant, or None."""
    return dt_util.parse_datetime(value, raise_on_error=True) if value else None
