"""The thermostat during a comfort period: boost, put back, and a person's change.

During a period the target is raised to `comfort_setpoint`, never above
`max_setpoint` nor the thermostat's own maximum, in the system unit (the unit in
which climate actions and climate states speak); a thermostat that is not
heating is switched to `heat`. A target already that warm is never lowered. The
previous target and mode are saved first and put back when the period ends.
A change of target or mode that is not the answer to one of our own calls
(context) and differs from what was set is a person's: the thermostat is
released, left as the person set it, and not touched until the next window.

What to put back is on disk before the thermostat is touched: a boost writes
first and calls afterwards, so a stop at any moment leaves a record that puts
the thermostat back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
import logging
from typing import Final

from homeassistant.components.climate.const import (
    ATTR_HVAC_MODE,
    SERVICE_SET_HVAC_MODE,
    SERVICE_SET_TEMPERATURE,
    HVACMode,
)
from homeassistant.const import ATTR_TEMPERATURE
from homeassistant.core import (
    CoreState,
    Event,
    EventStateChangedData,
    HomeAssistant,
    callback,
)
from homeassistant.util import dt as dt_util

from ..const import (
    ACTION_HEATING_FAILED,
    ACTION_HEATING_RELEASED,
    ACTION_HEATING_RESTORED,
    ACTION_HEATING_STARTED,
    ACTION_PREHEAT_STARTED,
    LOGGER,
    Reason,
)
from ..timers import Wakeup
from .comfort import Comfort, Period
from .io import ISSUE_HEATING, Caller, ComfortIO, async_call, fire_action, present
from .store import ComfortState, HeatingRecord
from .thermostat import as_set, in_unit, mode_or_target_changed, plan_boost

# Minutes before a refused thermostat is tried again; the last one repeats.
RETRY_MINUTES: Final = (1, 2, 4, 8, 15)


async def _async_put_back(
    hass: HomeAssistant, call: Caller, climate: str, record: HeatingRecord
) -> bool:
    """Set the target and mode of before the boost again; return whether it worked."""
    unit = hass.config.units.temperature_unit
    ok = True
    if record.target_changed and record.previous_target is not None:
        ok = await call(
            climate,
            SERVICE_SET_TEMPERATURE,
            {ATTR_TEMPERATURE: in_unit(record.previous_target, record, unit)},
        )
    if ok and record.mode_changed:
        ok = await call(
            climate, SERVICE_SET_HVAC_MODE, {ATTR_HVAC_MODE: record.previous_mode}
        )
    return ok


async def _async_put_back_removed(
    hass: HomeAssistant, entry_id: str, record: HeatingRecord
) -> None:
    """Put back the thermostat of a deleted person, unless a person changed it since."""
    climate = record.entity_id
    state = hass.states.get(climate)
    unit = hass.config.units.temperature_unit
    if present(state) and not as_set(record, state, unit):
        LOGGER.info(
            "The thermostat %s was changed by hand; it is left as it is", climate
        )
        return
    if present(state) and await _async_put_back(
        hass, partial(async_call, hass), climate, record
    ):
        if record.target_changed or record.mode_changed:
            fire_action(
                hass, entry_id, ACTION_HEATING_RESTORED, climate, Reason.REMOVED
            )
        return
    LOGGER.warning(
        "The thermostat %s could not be put back (it was %s, target %s): "
        "set it by hand",
        climate,
        record.previous_mode,
        record.previous_target,
    )


class Heating(Comfort):
    """Boosts one person's thermostat during a comfort period, and puts it back."""

    issue = ISSUE_HEATING

    def __init__(self, io: ComfortIO, decide: Callable[[], None]) -> None:
        """Prepare; nothing is called until the controller decides."""
        super().__init__(io, decide)
        self._climate = self._io.runtime.person.climate_entity
        # A thermostat that refused is tried again, less and less often.
        self._retry = Wakeup(self.hass, self._on_retry)
        self._failures = 0

    @callback
    def async_start(self) -> None:
        """Follow the thermostat's own state changes until the entry unloads."""
        self._io.follow(self._climate, self._on_climate_change)

    @callback
    def async_stop(self) -> None:
        """Cancel a pending retry."""
        self._retry.cancel()

    @classmethod
    async def async_remove(
        cls, hass: HomeAssistant, entry_id: str, state: ComfortState
    ) -> None:
        """Put back a deleted person's boosted thermostat, unless a person changed it."""
        if state.heating is not None:
            await _async_put_back_removed(hass, entry_id, state.heating)

    async def async_follow(self, period: Period) -> None:
        """Boost the thermostat during a period; put it back after one.

        A boost of a thermostat that is no longer configured (reconfigure) is
        put back first: nothing else would ever put it back.
        """
        state = self._io.state
        if period.opening:
            state.released = False
        record = state.heating
        if record is not None and record.entity_id != self._climate:
            await self._async_restore(record.entity_id, record, Reason.RECONFIGURED)
            if state.heating is not None:
                # The old thermostat is not back yet; its record must never be
                # applied to the new one, so the new one waits.
                return
        if not self._climate:
            return
        wanted = state.engaged and not state.released
        if wanted and state.heating is None:
            await self._async_boost(self._climate, state.reason)
        elif not wanted and state.heating is not None:
            await self._async_restore(self._climate, state.heating, period.end_reason)

    async def _async_boost(self, climate: str, reason: str | None) -> None:
        """Raise the target (and switch heating on), saving what it was first."""
        io = self._io
        state = self.hass.states.get(climate)
        if not present(state):
            self._failed(climate, Reason.UNAVAILABLE)
            return
        unit = self.hass.config.units.temperature_unit
        record = plan_boost(state, io.runtime.options, unit)
        if record is None:
            self._failed(climate, Reason.CANNOT_HEAT)
            return
        io.state.heating = record
        await io.async_save()
        if record.target_changed and not await io.async_call(
            climate, SERVICE_SET_TEMPERATURE, {ATTR_TEMPERATURE: record.target}
        ):
            io.state.heating = None
            await io.async_save()
            self._failed(climate, Reason.FAILED)
            return
        if record.mode_changed and not await io.async_call(
            climate, SERVICE_SET_HVAC_MODE, {ATTR_HVAC_MODE: HVACMode.HEAT}
        ):
            # The raised target alone heats nothing; it is put back with the period.
            io.state.heating = replace(
                record, mode=record.previous_mode, mode_changed=False
            )
            await io.async_save()
            self._failed(climate, Reason.FAILED)
            return
        self._worked()
        if record.target_changed:
            started = ACTION_PREHEAT_STARTED if reason == Reason.PREHEAT else None
            io.fire(started or ACTION_HEATING_STARTED, climate, reason)

    async def _async_restore(
        self, climate: str, record: HeatingRecord, reason: str
    ) -> None:
        """Put back the target and mode the thermostat had before the boost."""
        io = self._io
        if not present(self.hass.states.get(climate)):
            self._failed(climate, Reason.UNAVAILABLE)
            return
        if not await _async_put_back(self.hass, io.async_call, climate, record):
            self._failed(climate, Reason.FAILED)
            return
        io.state.heating = None
        await io.async_save()
        self._worked()
        if record.target_changed or record.mode_changed:
            io.fire(ACTION_HEATING_RESTORED, climate, reason)

    def _failed(self, climate: str, why: str) -> None:
        """Report a thermostat that could not be set; it is tried again later.

        One that refused is tried again after 1, 2, 4, 8, then every 15
        minutes, and whenever it changes or comes back (an unavailable one is
        retried when it comes back only).
        """
        retry = None
        if why == Reason.FAILED and not self._io.stopped:
            retry = RETRY_MINUTES[min(self._failures, len(RETRY_MINUTES) - 1)]
            self._failures += 1
            self._retry.arm(dt_util.utcnow() + timedelta(minutes=retry))
        # While starting, the thermostat may simply not be set up yet.
        LOGGER.log(
            logging.WARNING if self.hass.state is CoreState.running else logging.DEBUG,
            "The thermostat %s could not be changed (%s); ALS Comfort tries again "
            "%swhen it changes or comes back",
            climate,
            why,
            f"in {retry} min and " if retry else "",
        )
        if self._io.issue(ISSUE_HEATING, climate):
            self._io.fire(ACTION_HEATING_FAILED, climate, why)

    def _worked(self) -> None:
        """The thermostat did as asked: no retry, no repair issue."""
        self._failures = 0
        self._retry.cancel()
        self._io.clear_issue(ISSUE_HEATING)

    @callback
    def _on_retry(self, _now: datetime) -> None:
        """Try a thermostat that refused once more."""
        self._decide()

    @callback
    def _on_climate_change(self, event: Event[EventStateChangedData]) -> None:
        """Retry when the thermostat comes back; release it on a person's change."""
        old, new = event.data["old_state"], event.data["new_state"]
        if not present(new):
            return
        if not present(old):
            self._decide()
            return
        record = self._io.state.heating
        if record is None or not mode_or_target_changed(old, new):
            return
        if self._io.ours(event.context):
            return
        unit = self.hass.config.units.temperature_unit
        if not as_set(record, new, unit):
            self._io.run(self._async_release)

    async def _async_release(self) -> None:
        """Leave the thermostat to the person until the next night window."""
        io = self._io
        if io.state.heating is None:
            return
        io.state.heating = None
        io.state.released = True
        await io.async_save()
        LOGGER.info("The thermostat was changed by hand; released until the next night")
        io.fire(ACTION_HEATING_RELEASED, self._climate, Reason.MANUAL)
