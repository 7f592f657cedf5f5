"""The blanket or heater: switched on for a comfort period, always off again.

Switched on when a period starts, or when a window opens or a new cluster
begins during one, unless already on or locked, and only as `blanket_mode`
allows (`limits`): in `prewarm` before bedtime only, in `comfort` within the
nightly budget. Every switch-on, ours or by hand, gets a deadline, on disk
before it is relied on: `blanket_max_minutes` later, or earlier for ours
(bedtime, the end of the budget). A limit lowered in the options, or a budget
that a window opening now counts against, brings the deadline forward. At the
deadline it is switched off and locked until the next window or a new cluster;
a deadline that passed during a restart acts at once. If it cannot be switched
off, it is tried every minute and a repair issue says so until it is off; two
minutes after the deadline a person is called (`heater_stuck_on`), once per
stuck spell, also across a restart. A blanket we switched on goes off when the
period ends. Its on-time inside the night window is counted for the budget.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from homeassistant.const import SERVICE_TURN_OFF, SERVICE_TURN_ON, STATE_OFF, STATE_ON
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.util import dt as dt_util

from ..const import ACTION_BLANKET_OFF, ACTION_BLANKET_ON, LOGGER, Reason
from ..snapshot import RiskSnapshot
from ..timers import Wakeup
from .comfort import Comfort, Period
from .faults import async_report_stuck
from .io import ISSUE_BLANKET, ComfortIO, async_call, fire_action, is_state
from .limits import deadline, may_switch_on, rolled, used_minutes
from .store import BlanketRecord, ComfortState


async def _async_switch_off_removed(
    hass: HomeAssistant, entry_id: str, record: BlanketRecord
) -> None:
    """Switch off a deleted person's timed blanket: nobody would at its deadline."""
    blanket = record.entity_id
    if blanket is None or record.deadline is None or is_state(hass, blanket, STATE_OFF):
        return
    if await async_call(hass, blanket, SERVICE_TURN_OFF) and is_state(
        hass, blanket, STATE_OFF
    ):
        fire_action(hass, entry_id, ACTION_BLANKET_OFF, blanket, Reason.REMOVED)
        return
    LOGGER.warning(
        "The blanket or heater %s could not be switched off: switch it off by hand",
        blanket,
    )


class Blanket(Comfort):
    """Switches one person's blanket or heater, and always off again in time."""

    issue = ISSUE_BLANKET

    def __init__(self, io: ComfortIO, decide: Callable[[], None]) -> None:
        """Prepare; nothing is switched or timed until the controller says so."""
        super().__init__(io, decide)
        self._blanket = io.runtime.person.blanket_switch
        self._deadline = Wakeup(self.hass, self._on_due)
        self._retry = Wakeup(self.hass, self._on_due)

    @callback
    def async_start(self) -> None:
        """Follow the blanket's own state changes until the entry unloads."""
        self._io.follow(self._blanket, self._on_blanket_change)

    @classmethod
    async def async_remove(
        cls, hass: HomeAssistant, entry_id: str, state: ComfortState
    ) -> None:
        """Switch off a deleted person's timed blanket: nobody would at its deadline."""
        await _async_switch_off_removed(hass, entry_id, state.blanket)

    async def async_follow(self, period: Period) -> None:
        """Switch the blanket on when the period needs it afresh and the mode allows.

        A window opening or a new cramp cluster lifts the lock of a blanket
        that reached its time limit.
        """
        state = self._io.state
        if period.opening or period.new_cluster:
            state.blanket.locked = False
        state.night = rolled(state.night, self._snapshot)
        await self._async_tighten()
        if (
            period.engaged
            and period.fresh is not None
            and may_switch_on(
                self._io.runtime.options, self._snapshot, state.night, dt_util.utcnow()
            )
        ):
            await self._async_switch_on(period.fresh)

    @property
    def _snapshot(self) -> RiskSnapshot:
        """Return the coordinator's latest snapshot."""
        return self._io.runtime.coordinator.data

    async def _async_switch_on(self, reason: str) -> None:
        """Switch the blanket on with its deadline already on disk."""
        blanket, record = self._blanket, self._io.state.blanket
        if not blanket or record.locked or record.deadline is not None:
            return
        state = self.hass.states.get(blanket)
        if state is None or state.state != STATE_OFF:
            return
        self._set_deadline(ours=True)
        await self._io.async_save()
        self._arm_deadline()
        if await self._io.async_call(blanket, SERVICE_TURN_ON) and self._is(
            blanket, STATE_ON
        ):
            self._io.fire(ACTION_BLANKET_ON, blanket, reason)
            return
        LOGGER.warning("The blanket or heater %s did not switch on", blanket)
        if not self._is(blanket, STATE_ON):
            await self._async_off_now()

    async def async_end(self, reason: str) -> None:
        """Switch off a blanket we switched on, when its period ends."""
        blanket = self._io.state.blanket.entity_id
        ours = self._io.state.blanket.ours
        if not blanket or not ours or not self._is(blanket, STATE_ON):
            return
        if await self._io.async_call(blanket, SERVICE_TURN_OFF) and self._is(
            blanket, STATE_OFF
        ):
            self._io.fire(ACTION_BLANKET_OFF, blanket, reason)
            await self._async_off_now()

    async def async_resume(self) -> None:
        """After a restart or reload, keep the deadline (or an earlier one); time a blanket found on.

        A deadline of a blanket that is no longer configured (reconfigure) is
        brought forward to now: nothing else would ever switch it off. Limits
        lowered in the options apply at once.
        """
        record = self._io.state.blanket
        if record.deadline is not None and record.entity_id != self._blanket:
            record.deadline = min(record.deadline, dt_util.utcnow())
            await self._io.async_save()
        if record.deadline is not None:
            self._arm_deadline()
            await self._async_tighten()
        elif self._is(self._blanket, STATE_ON):
            await self._async_started_by_hand()

    async def _async_tighten(self) -> None:
        """Bring a pending deadline forward to what the options and the night allow now."""
        record = self._io.state.blanket
        if (
            record.deadline is None
            or record.on_since is None
            or record.deadline <= dt_util.utcnow()
        ):
            return
        when, why = self._limit(record.on_since, ours=record.ours)
        if when < record.deadline:
            record.deadline, record.limit = when, why
            await self._io.async_save()
            self._arm_deadline()

    def _is(self, entity_id: str | None, wanted: str) -> bool:
        """Return whether a blanket's state is `wanted` now."""
        return is_state(self.hass, entity_id, wanted)

    def _limit(self, on_since: datetime, *, ours: bool) -> tuple[datetime, Reason]:
        """Return when a blanket switched on at `on_since` must be off, and why."""
        return deadline(
            on_since,
            ours=ours,
            options=self._io.runtime.options,
            snapshot=self._snapshot,
            night=self._io.state.night,
        )

    def _set_deadline(self, *, ours: bool) -> None:
        """Time a switch-on from now: its full limit, or less for ours."""
        now = dt_util.utcnow()
        when, why = self._limit(now, ours=ours)
        self._io.state.blanket = BlanketRecord(
            entity_id=self._blanket,
            deadline=when,
            ours=ours,
            locked=self._io.state.blanket.locked,
            on_since=now,
            limit=why,
        )

    async def _async_started_by_hand(self) -> None:
        """Time a blanket switched on by a person (or found on)."""
        if self._io.state.blanket.deadline is not None or not self._blanket:
            return
        self._set_deadline(ours=False)
        await self._io.async_save()
        self._arm_deadline()
        LOGGER.info(
            "The blanket or heater %s is on; it is switched off at %s",
            self._blanket,
            self._io.state.blanket.deadline,
        )

    async def _async_off_now(self) -> None:
        """Count the spell, forget the deadline of a blanket that is off; withdraw the issue."""
        io = self._io
        self.async_stop()
        io.clear_issue(ISSUE_BLANKET)
        record = io.state.blanket
        if record.deadline is None and not record.ours:
            return
        snapshot, now = self._snapshot, dt_util.utcnow()
        io.state.night = rolled(io.state.night, snapshot)
        io.state.night.minutes = used_minutes(
            io.state.night, snapshot, record.on_since, now
        )
        io.state.blanket = BlanketRecord(locked=record.locked)
        await io.async_save()
        # The configured blanket may be on untimed while another one was timed.
        if self._is(self._blanket, STATE_ON):
            await self._async_started_by_hand()

    @callback
    def _on_blanket_change(self, event: Event[EventStateChangedData]) -> None:
        """Time a switch-on by hand; forget the deadline once it is off."""
        new = event.data["new_state"]
        if new is None:
            return
        if new.state == STATE_OFF:
            if self._io.state.blanket.entity_id in (None, self._blanket):
                self._io.run(self._async_off_now)
            return
        if new.state != STATE_ON:
            return
        deadline = self._io.state.blanket.deadline
        if deadline is None:
            self._io.run(self._async_started_by_hand)
        elif deadline <= dt_util.utcnow():
            self._io.run(self._async_deadline)

    def _arm_deadline(self) -> None:
        """Schedule the switch-off at the deadline (at once if it has passed)."""
        self.async_stop()
        deadline = self._io.state.blanket.deadline
        if deadline is not None and not self._io.stopped:
            self._deadline.arm(deadline)

    @callback
    def _on_due(self, _now: datetime) -> None:
        """Switch the blanket off (again): its time is up."""
        self._io.run(self._async_deadline)

    async def _async_deadline(self) -> None:
        """Switch off a blanket past its deadline; lock it; retry until it is off."""
        io, record = self._io, self._io.state.blanket
        blanket = record.entity_id
        if (
            blanket is None
            or record.deadline is None
            or record.deadline > dt_util.utcnow()
        ):
            return
        if not record.locked:
            record.locked = True
            await io.async_save()
        if self._is(blanket, STATE_OFF):
            await self._async_off_now()
            return
        if await io.async_call(blanket, SERVICE_TURN_OFF) and self._is(
            blanket, STATE_OFF
        ):
            io.fire(ACTION_BLANKET_OFF, blanket, record.limit)
            await self._async_off_now()
            return
        await async_report_stuck(io, self._retry, blanket, record.deadline)

    @callback
    def async_stop(self) -> None:
        """Cancel the deadline and the retry, if scheduled."""
        self._deadline.cancel()
        self._retry.cancel()
