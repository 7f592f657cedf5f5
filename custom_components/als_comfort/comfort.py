"""Comfort actions: warm the room and the bed when cramps threaten, safely.

`ComfortController` owns one person's thermostat boost and blanket/heater. It
reacts to the coordinator's snapshot, to the `comfort_actions` master switch and
to the two devices' own state changes; it never polls. Its state is persisted by
`comfort_store` before any device is relied on.

Comfort period (`engaged`, persisted):

* starts, with `comfort_actions` on, when the room is cold inside the night
  window (`cold_night`) or during a cramp cluster (`cramp_cluster`), or when a
  night window opens while the room is below the comfort setpoint (`preheat`);
* lasts while the window is open, the cluster lasts or the room is cold; an
  unknown room temperature is no reason to go on heating;
* ends when none of these holds, and at once when `comfort_actions` is turned
  off (then what was changed is put back, as at the end of a period).

Thermostat, during a period: the target is raised to `comfort_setpoint`, never
above `max_setpoint` nor the thermostat's own maximum, in the system unit (the
unit in which climate actions and climate states speak); a thermostat that is
not heating is switched to `heat`. A target already that warm is never lowered.
The previous target and mode are saved first and put back when the period ends.
A change of target or mode that is not the answer to one of our own calls
(context) and differs from what was set is a person's: the thermostat is
released, left as the person set it, and not touched until the next window.

Blanket/heater: switched on when a period starts, or when a window opens or a
new cluster begins during one, unless already on or locked. Every switch-on,
ours or by hand, gets a deadline `blanket_max_minutes` later, on disk before it
is relied on. At the deadline it is switched off and locked until the next
window or a new cluster; a deadline that passed during a restart acts at once.
If it cannot be switched off, it is tried every minute and a repair issue says
so until it is off. A blanket we switched on goes off when the period ends.

A missing or unavailable device, or an action that raises or hangs for
`CALL_TIMEOUT` seconds, is logged as a warning and shown as a repair issue
(cleared once the device works); nothing escapes. The first decision waits for
Home Assistant to have started, so devices set up after us are not missing.
A device replaced by a reconfigure is put back (thermostat) or switched off
(blanket) at once. Disabling the entry puts back what it changed; a reload or
restart changes nothing. Every action fires `als_comfort_action` with
`config_entry_id`, `action`, `entity_id` and `reason`.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import replace
from datetime import datetime, timedelta
import logging
import math
from typing import TYPE_CHECKING, Any, Final, TypeGuard

from homeassistant.components.climate.const import (
    ATTR_HVAC_MODE,
    ATTR_HVAC_MODES,
    ATTR_MAX_TEMP,
    ATTR_TARGET_TEMP_STEP,
    SERVICE_SET_HVAC_MODE,
    SERVICE_SET_TEMPERATURE,
    HVACMode,
)
from homeassistant.const import (
    ATTR_ENTITY_ID,
    ATTR_TEMPERATURE,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
    UnitOfTemperature,
)
from homeassistant.core import (
    CALLBACK_TYPE,
    Context,
    CoreState,
    Event,
    EventStateChangedData,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.event import (
    async_call_later,
    async_track_point_in_utc_time,
    async_track_state_change_event,
)
from homeassistant.helpers.start import async_at_started
from homeassistant.util import dt as dt_util
from homeassistant.util.unit_conversion import TemperatureConverter

from .comfort_store import BlanketRecord, ComfortState, ComfortStore, HeatingRecord
from .const import (
    DOMAIN,
    EVENT_ACTION,
    LOGGER,
    SIGNAL_SWITCHES_CHANGED,
    SWITCH_COMFORT_ACTIONS,
)
from .inputs import temperature_from_state
from .models import ComfortOptions, RiskSnapshot
from .risk import window_for

if TYPE_CHECKING:
    from .runtime import AlsComfortConfigEntry

# A hung device must not hold the comforts (or an unload) for longer than this.
CALL_TIMEOUT: Final = 10.0
RETRY_INTERVAL: Final = timedelta(minutes=1)
HEATING_MODES: Final = frozenset({HVACMode.HEAT, HVACMode.HEAT_COOL, HVACMode.AUTO})
NOT_THERE: Final = (STATE_UNAVAILABLE, STATE_UNKNOWN)
# Own calls whose contexts are remembered; a period makes a handful.
OWN_CONTEXTS: Final = 32

ACTION_HEATING_STARTED: Final = "heating_started"
ACTION_PREHEAT_STARTED: Final = "preheat_started"
ACTION_HEATING_RESTORED: Final = "heating_restored"
ACTION_HEATING_RELEASED: Final = "heating_released"
ACTION_HEATING_FAILED: Final = "heating_failed"
ACTION_BLANKET_ON: Final = "blanket_on"
ACTION_BLANKET_OFF: Final = "blanket_off"
ACTION_BLANKET_OFF_FAILED: Final = "blanket_off_failed"

REASON_COLD_NIGHT: Final = "cold_night"
REASON_CRAMP_CLUSTER: Final = "cramp_cluster"
REASON_PREHEAT: Final = "preheat"
REASON_COMFORT_ENDED: Final = "comfort_ended"
REASON_SWITCHED_OFF: Final = "comfort_actions_off"
REASON_DISABLED: Final = "integration_disabled"
REASON_RECONFIGURED: Final = "reconfigured"
REASON_MANUAL: Final = "manual_change"
REASON_TIME_LIMIT: Final = "time_limit"
REASON_UNAVAILABLE: Final = "unavailable"
REASON_FAILED: Final = "action_failed"
REASON_CANNOT_HEAT: Final = "no_heat_mode"

ISSUE_HEATING: Final = "heating_failed"
ISSUE_BLANKET: Final = "blanket_not_off"


async def async_setup_comforts(
    hass: HomeAssistant, entry: AlsComfortConfigEntry
) -> None:
    """Build the person's comfort controller, restore its state and start it."""
    controller = ComfortController(hass, entry)
    await controller.async_load()
    entry.runtime_data.comforts = controller
    controller.async_start()


def comfort_target(
    options: ComfortOptions, unit: str, device_max: float | None = None
) -> float:
    """Return the thermostat target in `unit`: the comfort setpoint, capped.

    Never above `max_setpoint` (whatever the options say) nor the device's own
    maximum. Rounded to a tenth (°C) or a whole degree (°F), rounding down when
    rounding up would pass the cap.
    """
    cap = TemperatureConverter.convert(
        options.max_setpoint, UnitOfTemperature.CELSIUS, unit
    )
    if device_max is not None:
        cap = min(cap, device_max)
    step = 1.0 if unit == UnitOfTemperature.FAHRENHEIT else 0.1
    wanted = TemperatureConverter.convert(
        options.comfort_setpoint, UnitOfTemperature.CELSIUS, unit
    )
    value = round(min(wanted, cap) / step) * step
    if value > cap:
        value = math.floor(cap / step) * step
    return round(value, 1)


def _number(value: Any) -> float | None:
    """Return a finite number from a state attribute, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _present(state: State | None) -> TypeGuard[State]:
    """Return whether an entity exists and reports a real state."""
    return state is not None and state.state not in NOT_THERE


def _changed(old: State, new: State) -> bool:
    """Return whether a climate state change touched its mode or target."""
    return old.state != new.state or old.attributes.get(
        ATTR_TEMPERATURE
    ) != new.attributes.get(ATTR_TEMPERATURE)


class ComfortController:
    """Warms one person's room and bed during a comfort period, safely."""

    def __init__(self, hass: HomeAssistant, entry: AlsComfortConfigEntry) -> None:
        """Prepare the controller; the stored state is read by `async_load`."""
        self.hass = hass
        self._entry = entry
        self._runtime = entry.runtime_data
        self._climate = self._runtime.person.climate_entity
        self._blanket = self._runtime.person.blanket_switch
        self._store = ComfortStore(hass, entry.entry_id)
        self.state = ComfortState()
        self._first_run = True
        self._stopped = False
        # One decision at a time, so a decision always sees the last one's result.
        self._lock = asyncio.Lock()
        self._own_contexts: deque[str] = deque(maxlen=OWN_CONTEXTS)
        self._cancel_deadline: CALLBACK_TYPE | None = None
        self._cancel_retry: CALLBACK_TYPE | None = None

    async def async_load(self) -> None:
        """Restore the state saved before a restart or reload."""
        stored = await self._store.async_load()
        self._first_run = stored is None
        self.state = stored or ComfortState()

    @callback
    def async_start(self) -> None:
        """Subscribe to the snapshot, the master switch and both devices; act once."""
        entry, hass = self._entry, self.hass
        entry.async_on_unload(
            self._runtime.coordinator.async_add_listener(self._on_change)
        )
        entry.async_on_unload(
            async_dispatcher_connect(
                hass,
                SIGNAL_SWITCHES_CHANGED.format(entry_id=entry.entry_id),
                self._on_change,
            )
        )
        if self._climate:
            entry.async_on_unload(
                async_track_state_change_event(
                    hass, self._climate, self._on_climate_change
                )
            )
        if self._blanket:
            entry.async_on_unload(
                async_track_state_change_event(
                    hass, self._blanket, self._on_blanket_change
                )
            )
        # Registered last, so it runs first at unload: nothing is scheduled after it.
        entry.async_on_unload(self._async_unload)
        self._run(self._async_resume_blanket)
        # Devices are set up by then; deciding earlier would find them missing.
        entry.async_on_unload(async_at_started(hass, self._on_started))

    def _run(self, job: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Run a job as an entry task, after any job already running."""
        self._entry.async_create_task(
            self.hass, self._async_locked(job), f"{DOMAIN} comforts"
        )

    async def _async_locked(self, job: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Run a job holding the decision lock, unless the entry is unloading."""
        async with self._lock:
            if not self._stopped:
                await job()

    async def _async_save(self) -> None:
        """Write the state; return once it is on disk."""
        await self._store.async_save(self.state)

    def _fire(self, action: str, entity_id: str | None, reason: str | None) -> None:
        """Announce an action on the bus (logbook and user automations)."""
        self.hass.bus.async_fire(
            EVENT_ACTION,
            {
                "config_entry_id": self._entry.entry_id,
                "action": action,
                "entity_id": entity_id,
                "reason": reason,
            },
        )

    async def _async_call(
        self, entity_id: str, service: str, data: dict[str, Any] | None = None
    ) -> bool:
        """Call a device action in our own context; return whether it succeeded."""
        domain = entity_id.split(".", 1)[0]
        context = Context()
        self._own_contexts.append(context.id)
        try:
            async with asyncio.timeout(CALL_TIMEOUT):
                await self.hass.services.async_call(
                    domain,
                    service,
                    {ATTR_ENTITY_ID: entity_id, **(data or {})},
                    blocking=True,
                    context=context,
                )
        # Any device integration may raise anything; a comfort must never take
        # the integration (or the caller) down with it.
        except Exception as err:  # noqa: BLE001
            LOGGER.warning(
                "%s.%s for %s failed: %s",
                domain,
                service,
                entity_id,
                str(err) or type(err).__name__,
            )
            return False
        return True

    def _ours(self, context: Context) -> bool:
        """Return whether a state change answers one of our own calls."""
        return (
            context.id in self._own_contexts or context.parent_id in self._own_contexts
        )

    def _issue(self, key: str, entity_id: str) -> bool:
        """Raise a repair issue; return whether it is new.

        While Home Assistant is starting, devices may not be set up yet: no
        issue then; the next attempt after the start reports it.
        """
        if self.hass.state is not CoreState.running:
            return False
        issue_id = f"{key}_{self._entry.entry_id}"
        placeholders = {"entity_id": entity_id, "name": self._runtime.person.name}
        if key == ISSUE_BLANKET:
            placeholders["minutes"] = f"{self._runtime.options.blanket_max_minutes:g}"
        new = ir.async_get(self.hass).async_get_issue(DOMAIN, issue_id) is None
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            issue_id,
            is_fixable=False,
            severity=(
                ir.IssueSeverity.ERROR
                if key == ISSUE_BLANKET
                else ir.IssueSeverity.WARNING
            ),
            translation_key=key,
            translation_placeholders=placeholders,
        )
        return new

    def _clear_issue(self, key: str) -> None:
        """Withdraw a repair issue once its device works again."""
        ir.async_delete_issue(self.hass, DOMAIN, f"{key}_{self._entry.entry_id}")

    @callback
    def _on_started(self, _hass: HomeAssistant) -> None:
        """Decide for the first time, once Home Assistant has started."""
        self._on_change()

    @callback
    def _on_change(self) -> None:
        """Decide again after the snapshot or the master switch changed."""
        self._run(self._async_decide)

    async def _async_decide(self) -> None:
        """Follow the snapshot: start or end a period, then bring the devices in line."""
        snapshot = self._runtime.coordinator.data
        before = self.state.as_dict()
        opening, new_cluster = self._note_edges(snapshot)
        start = self._start_reason(snapshot, opening)
        was = self.state.engaged
        self.state.engaged = self._engaged(snapshot, start)
        if self.state.engaged and not was:
            self.state.reason = start
        if self.state.as_dict() != before:
            await self._async_save()
        if start and self.state.engaged and (not was or opening or new_cluster):
            await self._async_blanket_on(start)
        if was and not self.state.engaged:
            await self._async_blanket_end(self._end_reason())
        await self._async_heating()

    def _note_edges(self, snapshot: RiskSnapshot) -> tuple[bool, bool]:
        """Note a night window opening or a cluster beginning; clear what they clear.

        The window is known by its opening instant, so that a restart neither
        repeats an opening nor misses one. The first run ever only takes note.
        """
        opening = False
        if snapshot.night_window:
            opens = window_for(dt_util.now(), self._runtime.coordinator.settings)[0]
            key = dt_util.as_utc(opens).isoformat()
            opening = key != self.state.window and not self._first_run
            self.state.window = key
        new_cluster = snapshot.cramp_cluster and not self.state.cluster
        self.state.cluster = snapshot.cramp_cluster
        self._first_run = False
        if opening:
            self.state.released = False
        if opening or new_cluster:
            self.state.blanket.locked = False
        return opening, new_cluster

    def _start_reason(self, snapshot: RiskSnapshot, opening: bool) -> str | None:
        """Return why a comfort period would start now, if it would."""
        if snapshot.cold_room is True and snapshot.night_window:
            return REASON_COLD_NIGHT
        if snapshot.cold_room is True and snapshot.cramp_cluster:
            return REASON_CRAMP_CLUSTER
        if opening:
            room = temperature_from_state(
                self.hass.states.get(self._runtime.person.temperature_sensor)
            )
            options = self._runtime.options
            if room is not None and room < min(
                options.comfort_setpoint, options.max_setpoint
            ):
                return REASON_PREHEAT
        return None

    def _engaged(self, snapshot: RiskSnapshot, start: str | None) -> bool:
        """Return whether a comfort period runs after this decision."""
        if not self._enabled():
            return False
        if self.state.engaged:
            return (
                snapshot.night_window
                or snapshot.cramp_cluster
                or snapshot.cold_room is True
            )
        return start is not None

    def _enabled(self) -> bool:
        """Return whether the `comfort_actions` master switch is on."""
        return self._runtime.switches.get(SWITCH_COMFORT_ACTIONS, True)

    def _end_reason(self) -> str:
        """Return why a period ended."""
        return REASON_COMFORT_ENDED if self._enabled() else REASON_SWITCHED_OFF

    async def _async_unload(self) -> None:
        """Stop every timer and job; if the entry is disabled, put things back.

        A reload or restart keeps everything as it is: the persisted state and
        deadline carry on when the entry is set up again. A disabled entry has
        nobody to watch the devices, so what was changed is put back now.
        """
        self._stopped = True
        self._cancel_timers()
        if self._entry.disabled_by is None:
            return
        async with self._lock:
            self.state.engaged = False
            await self._async_heating(REASON_DISABLED)
            await self._async_blanket_end(REASON_DISABLED)

    async def _async_heating(self, end_reason: str | None = None) -> None:
        """Boost the thermostat during a period; put it back after one.

        A boost of a thermostat that is no longer configured (reconfigure) is
        put back first: nothing else would ever put it back.
        """
        record = self.state.heating
        if record is not None and record.entity_id != self._climate:
            await self._async_restore(record.entity_id, record, REASON_RECONFIGURED)
        if not self._climate:
            return
        wanted = self.state.engaged and not self.state.released
        if wanted and self.state.heating is None:
            await self._async_boost(self._climate, self.state.reason)
        elif not wanted and self.state.heating is not None:
            await self._async_restore(
                self._climate, self.state.heating, end_reason or self._end_reason()
            )

    async def _async_boost(self, climate: str, reason: str | None) -> None:
        """Raise the target (and switch heating on), saving what it was first."""
        state = self.hass.states.get(climate)
        if not _present(state):
            self._heating_failed(climate, REASON_UNAVAILABLE)
            return
        record = self._plan_boost(state)
        if record is None:
            self._heating_failed(climate, REASON_CANNOT_HEAT)
            return
        self.state.heating = record
        await self._async_save()
        if record.target_changed and not await self._async_call(
            climate, SERVICE_SET_TEMPERATURE, {ATTR_TEMPERATURE: record.target}
        ):
            self.state.heating = None
            await self._async_save()
            self._heating_failed(climate, REASON_FAILED)
            return
        if record.mode_changed and not await self._async_call(
            climate, SERVICE_SET_HVAC_MODE, {ATTR_HVAC_MODE: HVACMode.HEAT}
        ):
            # The raised target alone heats nothing; it is put back with the period.
            self.state.heating = replace(
                record, mode=record.previous_mode, mode_changed=False
            )
            await self._async_save()
            self._heating_failed(climate, REASON_FAILED)
            return
        self._clear_issue(ISSUE_HEATING)
        if record.target_changed:
            started = ACTION_PREHEAT_STARTED if reason == REASON_PREHEAT else None
            self._fire(started or ACTION_HEATING_STARTED, climate, reason)

    def _plan_boost(self, state: State) -> HeatingRecord | None:
        """Plan a boost from the thermostat's state; None if it cannot heat."""
        unit = self.hass.config.units.temperature_unit
        target = comfort_target(
            self._runtime.options, unit, _number(state.attributes.get(ATTR_MAX_TEMP))
        )
        previous = _number(state.attributes.get(ATTR_TEMPERATURE))
        mode_changed = state.state not in HEATING_MODES
        if mode_changed and HVACMode.HEAT not in state.attributes.get(
            ATTR_HVAC_MODES, ()
        ):
            return None
        # A target at or above ours is left alone while heating: never lowered.
        target_changed = mode_changed or previous is None or previous < target
        return HeatingRecord(
            entity_id=state.entity_id,
            previous_target=previous,
            previous_mode=state.state,
            unit=unit,
            target=previous if previous is not None and not target_changed else target,
            mode=HVACMode.HEAT if mode_changed else state.state,
            target_changed=target_changed,
            mode_changed=mode_changed,
        )

    async def _async_restore(
        self, climate: str, record: HeatingRecord, reason: str
    ) -> None:
        """Put back the target and mode the thermostat had before the boost."""
        if not _present(self.hass.states.get(climate)):
            self._heating_failed(climate, REASON_UNAVAILABLE)
            return
        ok = True
        if record.target_changed and record.previous_target is not None:
            ok = await self._async_call(
                climate,
                SERVICE_SET_TEMPERATURE,
                {
                    ATTR_TEMPERATURE: self._in_system_unit(
                        record.previous_target, record
                    )
                },
            )
        if ok and record.mode_changed:
            ok = await self._async_call(
                climate, SERVICE_SET_HVAC_MODE, {ATTR_HVAC_MODE: record.previous_mode}
            )
        if not ok:
            self._heating_failed(climate, REASON_FAILED)
            return
        self.state.heating = None
        await self._async_save()
        self._clear_issue(ISSUE_HEATING)
        if record.target_changed or record.mode_changed:
            self._fire(ACTION_HEATING_RESTORED, climate, reason)

    def _in_system_unit(self, value: float, record: HeatingRecord) -> float:
        """Convert a recorded temperature to the unit system in use now."""
        unit = self.hass.config.units.temperature_unit
        if unit == record.unit:
            return value
        return round(TemperatureConverter.convert(value, record.unit, unit), 1)

    def _heating_failed(self, climate: str, why: str) -> None:
        """Report a thermostat that could not be set; it is tried again later."""
        # While starting, the thermostat may simply not be set up yet.
        LOGGER.log(
            logging.WARNING if self.hass.state is CoreState.running else logging.DEBUG,
            "The thermostat %s could not be changed (%s); ALS Comfort tries again "
            "when it changes or comes back",
            climate,
            why,
        )
        if self._issue(ISSUE_HEATING, climate):
            self._fire(ACTION_HEATING_FAILED, climate, why)

    @callback
    def _on_climate_change(self, event: Event[EventStateChangedData]) -> None:
        """Retry when the thermostat comes back; release it on a person's change."""
        old, new = event.data["old_state"], event.data["new_state"]
        if not _present(new):
            return
        if not _present(old):
            self._on_change()
            return
        record = self.state.heating
        if record is None or self._ours(event.context) or not _changed(old, new):
            return
        if not self._as_set(record, new):
            self._run(self._async_release)

    def _as_set(self, record: HeatingRecord, state: State) -> bool:
        """Return whether the thermostat shows the mode and target we left it at."""
        if state.state != record.mode:
            return False
        current = _number(state.attributes.get(ATTR_TEMPERATURE))
        unit = self.hass.config.units.temperature_unit
        step = _number(state.attributes.get(ATTR_TARGET_TEMP_STEP)) or (
            1.0 if unit == UnitOfTemperature.FAHRENHEIT else 0.5
        )
        # A device may round what it was sent to its own step.
        return (
            current is not None
            and abs(current - self._in_system_unit(record.target, record)) <= step / 2
        )

    async def _async_release(self) -> None:
        """Leave the thermostat to the person until the next night window."""
        if self.state.heating is None:
            return
        self.state.heating = None
        self.state.released = True
        await self._async_save()
        LOGGER.info("The thermostat was changed by hand; released until the next night")
        self._fire(ACTION_HEATING_RELEASED, self._climate, REASON_MANUAL)

    async def _async_blanket_on(self, reason: str) -> None:
        """Switch the blanket on with its deadline already on disk."""
        blanket, record = self._blanket, self.state.blanket
        if not blanket or record.locked or record.deadline is not None:
            return
        state = self.hass.states.get(blanket)
        if state is None or state.state != STATE_OFF:
            return
        self._set_deadline(ours=True)
        await self._async_save()
        self._arm_deadline()
        if await self._async_call(blanket, SERVICE_TURN_ON) and self._blanket_is(
            blanket, STATE_ON
        ):
            self._fire(ACTION_BLANKET_ON, blanket, reason)
            return
        LOGGER.warning("The blanket or heater %s did not switch on", blanket)
        if not self._blanket_is(blanket, STATE_ON):
            await self._async_blanket_off_now()

    async def _async_blanket_end(self, reason: str) -> None:
        """Switch off a blanket we switched on, when its period ends."""
        blanket = self.state.blanket.entity_id
        ours = self.state.blanket.ours
        if not blanket or not ours or not self._blanket_is(blanket, STATE_ON):
            return
        if await self._async_call(blanket, SERVICE_TURN_OFF) and self._blanket_is(
            blanket, STATE_OFF
        ):
            self._fire(ACTION_BLANKET_OFF, blanket, reason)
            await self._async_blanket_off_now()

    def _blanket_is(self, entity_id: str | None, wanted: str) -> bool:
        """Return whether a blanket's state is `wanted` now."""
        state = self.hass.states.get(entity_id or "")
        return state is not None and state.state == wanted

    def _set_deadline(self, *, ours: bool) -> None:
        """Give the blanket a full time limit from now."""
        minutes = self._runtime.options.blanket_max_minutes
        self.state.blanket.entity_id = self._blanket
        self.state.blanket.deadline = dt_util.utcnow() + timedelta(minutes=minutes)
        self.state.blanket.ours = ours

    async def _async_resume_blanket(self) -> None:
        """After a restart, keep the stored deadline; time a blanket found on.

        A deadline of a blanket that is no longer configured (reconfigure) is
        brought forward to now: nothing else would ever switch it off.
        """
        record = self.state.blanket
        if record.deadline is not None and record.entity_id != self._blanket:
            record.deadline = min(record.deadline, dt_util.utcnow())
            await self._async_save()
        if record.deadline is not None:
            self._arm_deadline()
        elif self._blanket_is(self._blanket, STATE_ON):
            await self._async_started_by_hand()

    async def _async_started_by_hand(self) -> None:
        """Time a blanket switched on by a person (or found on)."""
        if self.state.blanket.deadline is not None or not self._blanket:
            return
        self._set_deadline(ours=False)
        await self._async_save()
        self._arm_deadline()
        LOGGER.info(
            "The blanket or heater %s is on; it is switched off at %s",
            self._blanket,
            self.state.blanket.deadline,
        )

    async def _async_blanket_off_now(self) -> None:
        """Forget the deadline of a blanket that is off; withdraw the issue."""
        self._cancel_timers()
        self._clear_issue(ISSUE_BLANKET)
        if self.state.blanket.deadline is None and not self.state.blanket.ours:
            return
        self.state.blanket = BlanketRecord(locked=self.state.blanket.locked)
        await self._async_save()
        # The configured blanket may be on untimed while another one was timed.
        if self._blanket_is(self._blanket, STATE_ON):
            await self._async_started_by_hand()

    @callback
    def _on_blanket_change(self, event: Event[EventStateChangedData]) -> None:
        """Time a switch-on by hand; forget the deadline once it is off."""
        new = event.data["new_state"]
        if new is None:
            return
        if new.state == STATE_OFF:
            if self.state.blanket.entity_id in (None, self._blanket):
                self._run(self._async_blanket_off_now)
            return
        if new.state != STATE_ON:
            return
        deadline = self.state.blanket.deadline
        if deadline is None:
            self._run(self._async_started_by_hand)
        elif deadline <= dt_util.utcnow():
            self._run(self._async_deadline)

    def _arm_deadline(self) -> None:
        """Schedule the switch-off at the deadline (at once if it has passed)."""
        self._cancel_timers()
        if (deadline := self.state.blanket.deadline) is not None and not self._stopped:
            self._cancel_deadline = async_track_point_in_utc_time(
                self.hass, self._on_deadline, deadline
            )

    @callback
    def _on_deadline(self, _now: datetime) -> None:
        """Switch the blanket off: its time is up."""
        self._cancel_deadline = None
        self._run(self._async_deadline)

    @callback
    def _on_retry(self, _now: datetime) -> None:
        """Try again to switch off a blanket past its deadline."""
        self._cancel_retry = None
        self._run(self._async_deadline)

    async def _async_deadline(self) -> None:
        """Switch off a blanket past its deadline; lock it; retry until it is off."""
        record = self.state.blanket
        blanket = record.entity_id
        if (
            blanket is None
            or record.deadline is None
            or record.deadline > dt_util.utcnow()
        ):
            return
        if not record.locked:
            record.locked = True
            await self._async_save()
        if self._blanket_is(blanket, STATE_OFF):
            await self._async_blanket_off_now()
            return
        if await self._async_call(blanket, SERVICE_TURN_OFF) and self._blanket_is(
            blanket, STATE_OFF
        ):
            self._fire(ACTION_BLANKET_OFF, blanket, REASON_TIME_LIMIT)
            await self._async_blanket_off_now()
            return
        LOGGER.warning(
            "The blanket or heater %s is past its time limit and could not be "
            "switched off; trying again in a minute",
            blanket,
        )
        if self._issue(ISSUE_BLANKET, blanket):
            self._fire(ACTION_BLANKET_OFF_FAILED, blanket, REASON_TIME_LIMIT)
        if not self._stopped:
            self._cancel_retry = async_call_later(
                self.hass, RETRY_INTERVAL, self._on_retry
            )

    @callback
    def _cancel_timers(self) -> None:
        """Cancel the deadline and the retry, if scheduled."""
        for cancel in (self._cancel_deadline, self._cancel_retry):
            if cancel is not None:
                cancel()
        self._cancel_deadline = self._cancel_retry = None
