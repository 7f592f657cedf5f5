"""The thermostat during a comfort period: boost, put back, and a person's change.

During a period the target is raised to `comfort_setpoint`, never above
`max_setpoint` nor the thermostat's own maximum, in the system unit (the unit in
which climate actions and climate states speak); a thermostat that is not
heating is switched to `heat`. A target already that warm is never lowered. The
previous target and mode are saved first and put back when the period ends.
A change of target or mode that is not the answer to one of our own calls
(context) and differs from what was set is a person's: the thermostat is
released, left as the person set it, and not touched until the next window.

While nothing is boosted, the boost that would be made now (`standby`) is kept
on disk, rewritten only when the thermostat's target, mode or our options
change. A boost that matches it calls the thermostat at once, in the very
event-loop pass of the reading, and writes afterwards: what to put back was on
disk before the call. Should Home Assistant stop between the call and that
write, the next start finds the thermostat as `standby` would set it and takes
it back under management, so it is still put back. A boost without a matching
`standby` writes first and calls afterwards.
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

from .comfort_io import (
    ISSUE_HEATING,
    Caller,
    ComfortIO,
    async_call,
    fire_action,
    present,
)
from .comfort_store import HeatingRecord
from .const import (
    ACTION_HEATING_FAILED,
    ACTION_HEATING_RELEASED,
    ACTION_HEATING_RESTORED,
    ACTION_HEATING_STARTED,
    ACTION_PREHEAT_STARTED,
    LOGGER,
    REASON_CANNOT_HEAT,
    REASON_FAILED,
    REASON_MANUAL,
    REASON_PREHEAT,
    REASON_RECONFIGURED,
    REASON_REMOVED,
    REASON_UNAVAILABLE,
)
from .thermostat import as_set, in_unit, mode_or_target_changed, plan_boost
from .timers import Wakeup

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


async def async_put_back_removed(
    hass: HomeAssistant, entry_id: str, record: HeatingRecord | None
) -> None:
    """Put back the thermostat of a deleted person, unless a person changed it since."""
    if record is None:
        return
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
                hass, entry_id, ACTION_HEATING_RESTORED, climate, REASON_REMOVED
            )
        return
    LOGGER.warning(
        "The thermostat %s could not be put back (it was %s, target %s): "
        "set it by hand",
        climate,
        record.previous_mode,
        record.previous_target,
    )


class Heating:
    """Boosts one person's thermostat during a comfort period, and puts it back."""

    def __init__(
        self,
        io: ComfortIO,
        decide: Callable[[], None],
        end_reason: Callable[[], str],
    ) -> None:
        """Prepare; the controller's `decide` and why a period ended, as it says."""
        self.hass = io.hass
        self._io = io
        self._climate = io.runtime.person.climate_entity
        self._decide = decide
        self._end_reason = end_reason
        # The first decision after a start looks for a boost left unwritten.
        self._after_start = True
        # A thermostat that refused is tried again, less and less often.
        self._retry = Wakeup(self.hass, self._on_retry)
        self._failures = 0

    @callback
    def async_start(self) -> None:
        """Follow the thermostat's own state changes until the entry unloads."""
        self._io.follow(self._climate, self._on_climate_change)
        self._io.entry.async_on_unload(self._retry.cancel)

    async def async_follow(self, end_reason: str | None = None) -> None:
        """Boost the thermostat during a period; put it back after one.

        A boost of a thermostat that is no longer configured (reconfigure) is
        put back first: nothing else would ever put it back.
        """
        state = self._io.state
        record = state.heating
        if record is not None and record.entity_id != self._climate:
            await self._async_restore(record.entity_id, record, REASON_RECONFIGURED)
            if state.heating is not None:
                # The old thermostat is not back yet; its record must never be
                # applied to the new one, so the new one waits.
                return
        if not self._climate:
            return
        if self._after_start:
            self._after_start = False
            await self._async_adopt_unsaved_boost(self._climate)
        wanted = state.engaged and not state.released
        if wanted and state.heating is None:
            await self._async_boost(self._climate, state.reason)
        elif not wanted and state.heating is not None:
            await self._async_restore(
                self._climate, state.heating, end_reason or self._end_reason()
            )
        self._plan_standby()

    def _plan_standby(self) -> None:
        """Keep `standby` as the boost the thermostat would get now (not yet written)."""
        io = self._io
        if io.state.heating is not None or not self._climate:
            return
        climate = self.hass.states.get(self._climate)
        if present(climate):
            unit = self.hass.config.units.temperature_unit
            io.state.standby = plan_boost(climate, io.runtime.options, unit)

    async def _async_refresh_standby(self) -> None:
        """Write the standby boost after the thermostat changed while not boosted."""
        self._plan_standby()
        await self._io.async_save()

    async def _async_adopt_unsaved_boost(self, entity_id: str) -> None:
        """Take back a boost whose record was not written before a stop.

        Only the boost `standby` planned sets the thermostat exactly so; a
        person's change made while we were running would have rewritten it.
        """
        io = self._io
        standby = io.state.standby
        climate = self.hass.states.get(entity_id)
        if (
            io.state.heating is not None
            or standby is None
            or standby.entity_id != entity_id
            or not (standby.target_changed or standby.mode_changed)
            or not present(climate)
            or not as_set(standby, climate, self.hass.config.units.temperature_unit)
        ):
            return
        io.state.heating = standby
        await io.async_save()
        LOGGER.warning(
            "%s was left boosted when Home Assistant stopped; ALS Comfort "
            "puts it back (target %s, %s) when the comfort period ends",
            entity_id,
            standby.previous_target,
            standby.previous_mode,
        )

    async def _async_boost(self, climate: str, reason: str | None) -> None:
        """Raise the target (and switch heating on), saving what it was first."""
        io = self._io
        state = self.hass.states.get(climate)
        if not present(state):
            self._failed(climate, REASON_UNAVAILABLE)
            return
        unit = self.hass.config.units.temperature_unit
        record = plan_boost(state, io.runtime.options, unit)
        if record is None:
            self._failed(climate, REASON_CANNOT_HEAT)
            return
        # On disk already when it is the standby: call first, write afterwards.
        written_ahead = io.standby_on_disk(record)
        io.state.heating = record
        io.state.standby = None
        if not written_ahead:
            await io.async_save()
        if record.target_changed and not await io.async_call(
            climate, SERVICE_SET_TEMPERATURE, {ATTR_TEMPERATURE: record.target}
        ):
            io.state.heating = None
            io.state.standby = record
            await io.async_save()
            self._failed(climate, REASON_FAILED)
            return
        await io.async_save()
        if record.mode_changed and not await io.async_call(
            climate, SERVICE_SET_HVAC_MODE, {ATTR_HVAC_MODE: HVACMode.HEAT}
        ):
            # The raised target alone heats nothing; it is put back with the period.
            io.state.heating = replace(
                record, mode=record.previous_mode, mode_changed=False
            )
            await io.async_save()
            self._failed(climate, REASON_FAILED)
            return
        self._worked()
        if record.target_changed:
            started = ACTION_PREHEAT_STARTED if reason == REASON_PREHEAT else None
            io.fire(started or ACTION_HEATING_STARTED, climate, reason)

    async def _async_restore(
        self, climate: str, record: HeatingRecord, reason: str
    ) -> None:
        """Put back the target and mode the thermostat had before the boost."""
        io = self._io
        if not present(self.hass.states.get(climate)):
            self._failed(climate, REASON_UNAVAILABLE)
            return
        if not await _async_put_back(self.hass, io.async_call, climate, record):
            self._failed(climate, REASON_FAILED)
            return
        io.state.heating = None
        # One write for both: nothing to put back, and the next boost's plan.
        if climate == self._climate:
            self._plan_standby()
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
        if why == REASON_FAILED and not self._io.stopped:
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
        if not mode_or_target_changed(old, new):
            return
        if record is None:
            self._io.run(self._async_refresh_standby)
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
        self._plan_standby()
        await io.async_save()
        LOGGER.info("The thermostat was changed by hand; released until the next night")
        io.fire(ACTION_HEATING_RELEASED, self._climate, REASON_MANUAL)
