"""Comfort actions: warm the room and the bed when cramps threaten, safely.

This package is the comforts wing; this module is its front door: the rest of
the integration uses only what it exports. `ComfortController` decides when one
person's comfort period starts and ends; every `Comfort` in `COMFORTS` follows
that decision on its own device (`comfort` says what a comfort is): `heating`
boosts the thermostat and puts it back (with the plain functions of
`thermostat`), `blanket` switches the blanket or heater on and always off again
in time (with the plain functions of `limits`: its deadline, mode and nightly
budget). `faults` reports devices that fail and calls a person. `io` is how they
act and `store` what they remember. The controller reacts to the coordinator's
snapshot, to the `comfort_actions` master switch and to the devices' own state
changes; it never polls. Its state is persisted before any device is relied on.

Comfort period (`engaged`, persisted):

* starts, with `comfort_actions` on, when the room is cold inside the night
  window (`cold_night`) or during a cramp cluster (`cramp_cluster`), or when a
  night window opens while the room is below the comfort setpoint (`preheat`);
* lasts while the window is open, the cluster lasts or the room is cold; an
  unknown room temperature is no reason to go on heating;
* ends when none of these holds, and at once when `comfort_actions` is turned
  off (then what was changed is put back, as at the end of a period).

A missing or unavailable device, or an action that raises or hangs for
`CALL_TIMEOUT` seconds, is logged as a warning and shown as a repair issue
(cleared once the device works); nothing escapes. Where the person is left
unprotected, a person is called (SPEC §10): heating needed at night that cannot
start (`heating_cannot_start`), a blanket or heater still on two minutes past
its deadline (`heater_stuck_on`); the alerts turn these into urgent alerts.
The first decision waits for Home Assistant to have started, so devices set up
after us are not missing. A device replaced by a reconfigure is put back
(thermostat) or switched off (blanket) at once. Disabling the entry puts back
what it changed; a reload or restart changes nothing but what lowered options
require at once. Deleting the entry puts back what the stored state says was
changed (`async_remove_comforts`), then forgets that state. Every action is
announced as `als_comfort_action` with `config_entry_id`, `action`,
`entity_id` and `reason`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.start import async_at_started
from homeassistant.util import dt as dt_util

from ..const import DOMAIN, SIGNAL_SWITCHES_CHANGED, SWITCH_COMFORT_ACTIONS, Reason
from ..snapshot import RiskSnapshot
from .blanket import Blanket
from .comfort import Comfort, Period
from .heating import Heating
from .io import ComfortIO, issue_id
from .store import ComfortState, ComfortStore

if TYPE_CHECKING:
    from ..runtime import AlsComfortConfigEntry

__all__ = [
    "COMFORTS",
    "Comfort",
    "ComfortController",
    "Period",
    "async_remove_comforts",
    "async_setup_comforts",
]

# Every comfort, in the order it follows a decision (the thermostat first).
COMFORTS: Final[tuple[type[Comfort], ...]] = (Heating, Blanket)


async def async_setup_comforts(
    hass: HomeAssistant, entry: AlsComfortConfigEntry
) -> None:
    """Build the person's comfort controller, restore its state and start it."""
    controller = ComfortController(hass, entry)
    await controller.async_load()
    entry.runtime_data.comforts = controller
    controller.async_start()


async def async_remove_comforts(
    hass: HomeAssistant, entry: AlsComfortConfigEntry
) -> None:
    """Put back what a deleted person's comforts changed, then forget their state.

    Nothing would ever resume them: a boosted thermostat is put back (unless a
    person changed it since) and a timed blanket is switched off. The entry is
    unloaded by now, so only the stored state tells what was changed. Failures
    are logged; the removal goes on.
    """
    store = ComfortStore(hass, entry.entry_id)
    state = await store.async_load()
    for comfort in COMFORTS:
        if state is not None:
            await comfort.async_remove(hass, entry.entry_id, state)
        ir.async_delete_issue(hass, DOMAIN, issue_id(comfort.issue, entry.entry_id))
    await store.async_remove()


class ComfortController:
    """Decides when one person's comfort period starts and ends."""

    def __init__(self, hass: HomeAssistant, entry: AlsComfortConfigEntry) -> None:
        """Prepare the controller; the stored state is read by `async_load`."""
        self.hass = hass
        self._entry = entry
        self._runtime = entry.runtime_data
        self._io = ComfortIO(hass, entry)
        self._comforts = [comfort(self._io, self._on_change) for comfort in COMFORTS]
        self._first_run = True

    @property
    def state(self) -> ComfortState:
        """Return what the comforts remember (shared by every comfort)."""
        return self._io.state

    @property
    def boosted(self) -> bool:
        """Return whether the thermostat is turned up by a comfort period now."""
        return self._io.state.heating is not None

    async def async_load(self) -> None:
        """Restore the state saved before a restart or reload."""
        self._first_run = not await self._io.async_load()

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
        for comfort in self._comforts:
            comfort.async_start()
        # Registered last, so it runs first at unload: nothing is scheduled after it.
        entry.async_on_unload(self._async_unload)
        self._io.run(self._async_resume)
        # Devices are set up by then; deciding earlier would find them missing.
        entry.async_on_unload(async_at_started(hass, self._on_started))

    async def _async_resume(self) -> None:
        """Let every comfort carry on after a restart or reload."""
        for comfort in self._comforts:
            await comfort.async_resume()

    @callback
    def _on_started(self, _hass: HomeAssistant) -> None:
        """Decide for the first time, once Home Assistant has started."""
        self._on_change()

    @callback
    def _on_change(self) -> None:
        """Decide again after the snapshot or the master switch changed."""
        self._io.run(self._async_decide)

    async def _async_decide(self) -> None:
        """Follow the snapshot: start or end a period, then bring the devices in line."""
        snapshot = self._runtime.coordinator.data
        opening, new_cluster = self._note_edges(snapshot)
        start = self._start_reason(snapshot, opening)
        was = self.state.engaged
        engaged = self.state.engaged = self._engaged(snapshot, start)
        if engaged and not was:
            self.state.reason = start
        afresh = start is not None and engaged and (not was or opening or new_cluster)
        period = Period(
            engaged=engaged,
            fresh=start if afresh else None,
            opening=opening,
            new_cluster=new_cluster,
            night=snapshot.night_window,
            end_reason=self._end_reason(),
        )
        await self._async_settle(period, ended=was and not engaged)

    async def _async_settle(self, period: Period, *, ended: bool) -> None:
        """Let every comfort follow a decision, then write the decision."""
        if ended:
            for comfort in self._comforts:
                await comfort.async_end(period.end_reason)
        for comfort in self._comforts:
            await comfort.async_follow(period)
        await self._io.async_save()

    def _note_edges(self, snapshot: RiskSnapshot) -> tuple[bool, bool]:
        """Note a night window opening or a cluster beginning.

        The window is known by its opening instant, so that a restart neither
        repeats an opening nor misses one. The first run ever only takes note.
        """
        opening = False
        if snapshot.night_window:
            key = dt_util.as_utc(snapshot.window_opens).isoformat()
            opening = key != self.state.window and not self._first_run
            self.state.window = key
        new_cluster = snapshot.cramp_cluster and not self.state.cluster
        self.state.cluster = snapshot.cramp_cluster
        self._first_run = False
        return opening, new_cluster

    def _start_reason(self, snapshot: RiskSnapshot, opening: bool) -> str | None:
        """Return why a comfort period would start now, if it would."""
        if snapshot.cold_room is True and snapshot.night_window:
            return Reason.COLD_NIGHT
        if snapshot.cold_room is True and snapshot.cramp_cluster:
            return Reason.CRAMP_CLUSTER
        if opening:
            room = snapshot.temperature_c
            options = self._runtime.options
            if room is not None and room < min(
                options.comfort_setpoint, options.max_setpoint
            ):
                return Reason.PREHEAT
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
        return Reason.COMFORT_ENDED if self._enabled() else Reason.SWITCHED_OFF

    async def _async_unload(self) -> None:
        """Stop every timer and job; if the entry is disabled, put things back.

        A reload or restart keeps everything as it is: the persisted state and
        deadline carry on when the entry is set up again. A disabled entry has
        nobody to watch the devices, so what was changed is put back now.
        """
        self._io.stopped = True
        for comfort in self._comforts:
            comfort.async_stop()
        if self._entry.disabled_by is None:
            return
        async with self._io.lock:
            self.state.engaged = False
            period = Period(engaged=False, end_reason=Reason.DISABLED)
            await self._async_settle(period, ended=True)
