"""Devices that fail: the repair issue, retries, and a person called.

A blanket or heater still on past its deadline (`async_report_stuck`) is tried
again every minute; two minutes after the deadline a person is called
(`heater_stuck_on`), once per stuck spell: the spell ends when it is seen off,
and whether a person was called is stored with its deadline.

A thermostat that cannot be set: `HeatingFaults` reports the failure (a
warning, the `heating_failed` repair issue and announcement), tries again, and
calls a person; the plain functions decide when, over the fault spell kept in
`store.HeatingFault`. A refusing
thermostat is tried again 1, 3, 7 and 15 minutes after its first refusal, then
every 15 minutes; the times count from the first refusal, so a restart neither
starts them again nor hurries them. A person is called (`heating_cannot_start`)
once per spell when a boost is wanted inside the night window: at once for a
thermostat that is missing, unavailable, has no heating mode or is in a mode
the product may not change; for a refusing one only when it still refuses 15
minutes after the first refusal, once the retries had their chance. A spell
ends when the thermostat works again, or when the next night window opens.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
import logging
from typing import Final

from homeassistant.core import CoreState, callback
from homeassistant.util import dt as dt_util

from ..const import (
    ACTION_BLANKET_OFF_FAILED,
    ACTION_HEATER_STUCK_ON,
    ACTION_HEATING_CANNOT_START,
    ACTION_HEATING_FAILED,
    LOGGER,
    Reason,
)
from ..timers import Wakeup
from .io import ISSUE_BLANKET, ISSUE_HEATING, ComfortIO
from .store import HeatingFault

# Minutes after the first refusal at which it is tried again; then every 15.
RETRY_AFTER: Final = (1, 3, 7, 15)
RETRY_EVERY: Final = 15
# A refusal calls a person once it has lasted this long.
REFUSED_FOR: Final = timedelta(minutes=15)
# A blanket that will not go off is tried this often; past its deadline by
# `STUCK_AFTER`, a person is called.
RETRY_INTERVAL: Final = timedelta(minutes=1)
STUCK_AFTER: Final = timedelta(minutes=2)


async def async_report_stuck(
    io: ComfortIO, retry: Wakeup, blanket: str, deadline: datetime
) -> None:
    """Report a blanket still on past its deadline; arm the next try.

    A person is called once Home Assistant has started (while it starts, the
    switch may simply not be set up yet): the next try, a minute later, calls.
    """
    record, now = io.state.blanket, dt_util.utcnow()
    LOGGER.warning(
        "The blanket or heater %s is past its time limit and could not be "
        "switched off; trying again in a minute",
        blanket,
    )
    if io.issue(ISSUE_BLANKET, blanket):
        io.fire(ACTION_BLANKET_OFF_FAILED, blanket, record.limit)
    due = deadline + STUCK_AFTER
    running = io.hass.state is CoreState.running
    if not record.called and now >= due and running:
        record.called = True
        await io.async_save()
        LOGGER.warning("%s is stuck on: a person is called", blanket)
        io.fire(ACTION_HEATER_STUCK_ON, blanket, record.limit)
    if not io.stopped:
        later = now + RETRY_INTERVAL
        retry.arm(min(later, due) if not record.called and due > now else later)


def next_try(since: datetime, now: datetime) -> datetime:
    """Return when a thermostat refusing since `since` is tried next, after `now`."""
    minutes = (now - since) / timedelta(minutes=1)
    every = (int(minutes // RETRY_EVERY) + 1) * RETRY_EVERY
    offset = next((after for after in RETRY_AFTER if after > minutes), every)
    return since + timedelta(minutes=offset)


def note_refusal(fault: HeatingFault, now: datetime) -> datetime:
    """Note a refusal in the spell; return when to try again."""
    if fault.refused_since is None:
        fault.refused_since = now
    return next_try(fault.refused_since, now)


def calls_a_person(fault: HeatingFault, reason: Reason, now: datetime) -> bool:
    """Return whether this failure calls a person now (and note that it did)."""
    if fault.called:
        return False
    if reason is Reason.REFUSED and (
        fault.refused_since is None or now - fault.refused_since < REFUSED_FOR
    ):
        return False
    fault.called = True
    return True


class HeatingFaults:
    """Reports one person's thermostat failures, tries again, and calls a person."""

    def __init__(self, io: ComfortIO, decide: Callable[[], None]) -> None:
        """Serve one person's heating; `decide` tries the thermostat again."""
        self.hass = io.hass
        self._io = io
        self._decide = decide
        self._retry = Wakeup(io.hass, self._on_retry)

    def failed(
        self, climate: str, why: Reason, *, wanted_at_night: bool = False
    ) -> None:
        """Report a thermostat that could not be set; it is tried again later.

        One that refused is tried again as `next_try` says, and whenever it
        changes or comes back (an unavailable one is retried when it comes
        back only). A boost wanted inside the night window that cannot start
        calls a person, once Home Assistant has started.
        """
        io, now = self._io, dt_util.utcnow()
        retry = None
        if why is Reason.FAILED and not io.stopped:
            retry = note_refusal(io.state.fault, now)
            self._retry.arm(retry)
        running = self.hass.state is CoreState.running
        # While starting, the thermostat may simply not be set up yet.
        LOGGER.log(
            logging.WARNING if running else logging.DEBUG,
            "The thermostat %s could not be changed (%s); ALS Comfort tries again "
            "%swhen it changes or comes back",
            climate,
            why,
            f"at {dt_util.as_local(retry):%H:%M} and " if retry else "",
        )
        if io.issue(ISSUE_HEATING, climate):
            io.fire(ACTION_HEATING_FAILED, climate, why)
        if not (wanted_at_night and running):
            return
        reason = self._cannot_start_reason(climate, why)
        if calls_a_person(io.state.fault, reason, now):
            LOGGER.warning("Heating cannot start (%s): a person is called", reason)
            io.fire(ACTION_HEATING_CANNOT_START, climate, reason)

    def _cannot_start_reason(self, climate: str, why: Reason) -> Reason:
        """Return the reason a person is given for heating that cannot start."""
        if why is Reason.FAILED:
            return Reason.REFUSED
        if why is Reason.UNAVAILABLE and self.hass.states.get(climate) is None:
            return Reason.MISSING
        return why

    def worked(self) -> None:
        """The thermostat did as asked: the spell ends; no retry, no issue."""
        self._io.state.fault = HeatingFault()
        self._retry.cancel()
        self._io.clear_issue(ISSUE_HEATING)

    @callback
    def cancel(self) -> None:
        """Cancel a pending retry (the entry unloads)."""
        self._retry.cancel()

    @callback
    def _on_retry(self, _now: datetime) -> None:
        """Try a thermostat that refused once more."""
        self._decide()
