"""The thermostat during a comfort period: boost, put back, and a person's change.

During a period the target (or the low target of a `heat_cool` thermostat) is
raised to `comfort_setpoint`, never above `max_setpoint` nor the thermostat's
own maximum, in the system unit (the unit in which climate actions and climate
states speak); a thermostat that is off is switched to `heat` (see
`thermostat` for the modes that are never changed). A target already that warm
is never lowered. The previous targets and mode are saved first and put back
when the period ends; a heating mode the thermostat chose itself meanwhile is
put back too. A lowered `max_setpoint` lowers a running boost at once.

A change of target or mode that is not the answer to one of our own calls
(context) and no longer shows what was set is a person's: the thermostat is
released, left as the person set it, and not touched until the next window.
Our own targets reported back in another context, or a heating mode the
thermostat picked itself, are not. After a restart the thermostat is compared
with what was set once it is seen: a change made while Home Assistant was
stopped is a person's too.

What to put back is on disk before the thermostat is touched: a boost writes
first and calls afterwards, so a stop at any moment leaves a record that puts
the thermostat back. A boost that cannot start is reported as in `faults`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from homeassistant.components.climate.const import (
    SERVICE_SET_HVAC_MODE,
    SERVICE_SET_TEMPERATURE,
)
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback

from ..const import (
    ACTION_HEATING_RELEASED,
    ACTION_HEATING_RESTORED,
    ACTION_HEATING_STARTED,
    ACTION_PREHEAT_STARTED,
    LOGGER,
    Reason,
)
from .comfort import Comfort, Period
from .faults import HeatingFaults
from .io import ISSUE_HEATING, Caller, ComfortIO, async_call, fire_action, present
from .store import ComfortState, HeatingFault, HeatingRecord
from .thermostat import (
    as_set,
    boost_data,
    lowered,
    mode_or_target_changed,
    mode_to_put_back,
    plan_boost,
    put_back_data,
)


async def _async_put_back(
    hass: HomeAssistant, call: Caller, climate: str, record: HeatingRecord
) -> bool | None:
    """Set the targets and mode of before the boost again.

    Return whether it worked, or None when there was nothing to put back.
    """
    unit = hass.config.units.temperature_unit
    targets = put_back_data(record, unit)
    mode = mode_to_put_back(record, hass.states.get(climate))
    if targets is None and mode is None:
        return None
    ok = targets is None or await call(climate, SERVICE_SET_TEMPERATURE, targets)
    if ok and mode is not None:
        ok = await call(climate, SERVICE_SET_HVAC_MODE, mode)
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
    if present(state):
        done = await _async_put_back(hass, partial(async_call, hass), climate, record)
        if done:
            fire_action(
                hass, entry_id, ACTION_HEATING_RESTORED, climate, Reason.REMOVED
            )
        if done is not False:
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
        # Failures: a repair issue, retries, and a person called at night.
        self._faults = HeatingFaults(io, decide)
        # Whether the latest decision was taken inside the night window.
        self._night = False
        # A stored boost is compared with the thermostat once it is first seen.
        self._checked = False

    @callback
    def async_start(self) -> None:
        """Follow the thermostat's own state changes until the entry unloads."""
        self._io.follow(self._climate, self._on_climate_change)

    @callback
    def async_stop(self) -> None:
        """Cancel a pending retry."""
        self._faults.cancel()

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
        self._night = period.night
        if self._climate:
            await self._async_check_once(self._climate)
        if period.opening:
            state.released = False
            state.fault = HeatingFault()
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
        elif state.heating is not None:
            await self._async_keep_under_cap(self._climate, state.heating)

    async def _async_check_once(self, climate: str) -> None:
        """Release a boosted thermostat a person changed while we were stopped.

        Done once after set-up, when the thermostat is first seen (before a
        window that opened meanwhile allows a new boost).
        """
        record = self._io.state.heating
        if record is None or record.entity_id != climate:
            self._checked = True
        state = self.hass.states.get(climate)
        if self._checked or record is None or not present(state):
            return
        self._checked = True
        if not as_set(record, state, self.hass.config.units.temperature_unit):
            await self._async_release()

    async def _async_boost(self, climate: str, reason: str | None) -> None:
        """Raise the target (and switch heating on), saving what it was first."""
        io = self._io
        state = self.hass.states.get(climate)
        if not present(state):
            self._faults.failed(
                climate, Reason.UNAVAILABLE, wanted_at_night=self._night
            )
            return
        unit = self.hass.config.units.temperature_unit
        record = plan_boost(state, io.runtime.options, unit)
        if isinstance(record, Reason):
            self._faults.failed(climate, record, wanted_at_night=self._night)
            return
        io.state.heating = record
        await io.async_save()
        if record.target_changed and not await io.async_call(
            climate, SERVICE_SET_TEMPERATURE, boost_data(record, unit)
        ):
            io.state.heating = None
            await io.async_save()
            self._faults.failed(climate, Reason.FAILED, wanted_at_night=self._night)
            return
        if record.mode_changed and not await io.async_call(
            climate, SERVICE_SET_HVAC_MODE, {"hvac_mode": record.mode}
        ):
            # The raised target alone heats nothing; it is put back with the period.
            io.state.heating = replace(
                record, mode=record.previous_mode, mode_changed=False
            )
            await io.async_save()
            self._faults.failed(climate, Reason.FAILED, wanted_at_night=self._night)
            return
        self._faults.worked()
        if record.target_changed:
            started = ACTION_PREHEAT_STARTED if reason == Reason.PREHEAT else None
            io.fire(started or ACTION_HEATING_STARTED, climate, reason)

    async def _async_keep_under_cap(self, climate: str, record: HeatingRecord) -> None:
        """Lower a running boost to a `max_setpoint` lowered since it started."""
        io = self._io
        unit = self.hass.config.units.temperature_unit
        lower = lowered(record, io.runtime.options)
        if lower is None or not present(self.hass.states.get(climate)):
            return
        io.state.heating = lower
        await io.async_save()
        if not await io.async_call(
            climate, SERVICE_SET_TEMPERATURE, boost_data(lower, unit)
        ):
            io.state.heating = record
            await io.async_save()
            self._faults.failed(climate, Reason.FAILED)
            return
        self._faults.worked()

    async def _async_restore(
        self, climate: str, record: HeatingRecord, reason: str
    ) -> None:
        """Put back the targets and mode the thermostat had before the boost."""
        io = self._io
        if not present(self.hass.states.get(climate)):
            self._faults.failed(climate, Reason.UNAVAILABLE)
            return
        done = await _async_put_back(self.hass, io.async_call, climate, record)
        if done is False:
            self._faults.failed(climate, Reason.FAILED)
            return
        io.state.heating = None
        await io.async_save()
        self._faults.worked()
        if done:
            io.fire(ACTION_HEATING_RESTORED, climate, reason)

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
