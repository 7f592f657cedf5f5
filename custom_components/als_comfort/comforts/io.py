"""What the comforts share: their state, their calls, announcements and issues.

`ComfortIO` holds one person's persisted comfort state and is the only way the
comforts act on the world: device actions called in a context of our own (so
that their echoes are not taken for a person), with a timeout; the
`als_comfort_action` announcement; repair issues; and one job at a time, so that a
decision always sees the last one's result. The module's functions serve the
same purposes where no controller runs any more (a deleted entry).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Final, TypeGuard

from homeassistant.const import ATTR_ENTITY_ID, STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import (
    Context,
    CoreState,
    Event,
    EventStateChangedData,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_track_state_change_event

from ..announce import async_announce
from ..const import DOMAIN, EVENT_ACTION, LOGGER
from .store import ComfortState, ComfortStore

if TYPE_CHECKING:
    from ..runtime import AlsComfortConfigEntry

# A hung device must not hold the comforts (or an unload) for longer than this.
CALL_TIMEOUT: Final = 10.0
NOT_THERE: Final = (STATE_UNAVAILABLE, STATE_UNKNOWN)
# Own calls whose contexts are remembered; a period makes a handful.
OWN_CONTEXTS: Final = 32

ISSUE_HEATING: Final = "heating_failed"
ISSUE_BLANKET: Final = "blanket_not_off"

type Job = Callable[[], Coroutine[Any, Any, None]]
# Calls a device action: (entity_id, service, data) -> whether it succeeded.
type Caller = Callable[[str, str, dict[str, Any] | None], Coroutine[Any, Any, bool]]


def present(state: State | None) -> TypeGuard[State]:
    """Return whether an entity exists and reports a real state."""
    return state is not None and state.state not in NOT_THERE


def is_state(hass: HomeAssistant, entity_id: str | None, wanted: str) -> bool:
    """Return whether an entity's state is `wanted` now."""
    state = hass.states.get(entity_id or "")
    return state is not None and state.state == wanted


def issue_id(key: str, entry_id: str) -> str:
    """Return the id of a person's repair issue."""
    return f"{key}_{entry_id}"


def fire_action(
    hass: HomeAssistant,
    entry_id: str,
    action: str,
    entity_id: str | None,
    reason: str | None,
) -> None:
    """Announce an action: to the alerts (heating watchdog), the logbook and users."""
    async_announce(
        hass,
        entry_id,
        EVENT_ACTION,
        {"action": action, "entity_id": entity_id, "reason": reason},
    )


async def async_call(
    hass: HomeAssistant,
    entity_id: str,
    service: str,
    data: dict[str, Any] | None = None,
    context: Context | None = None,
) -> bool:
    """Call a device action, waiting at most `CALL_TIMEOUT`; return whether it succeeded."""
    domain = entity_id.split(".", 1)[0]
    try:
        async with asyncio.timeout(CALL_TIMEOUT):
            await hass.services.async_call(
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


class ComfortIO:
    """One person's comfort state, and the means by which the comforts act."""

    def __init__(self, hass: HomeAssistant, entry: AlsComfortConfigEntry) -> None:
        """Prepare; the stored state is read by `async_load`."""
        self.hass = hass
        self.entry = entry
        self.runtime = entry.runtime_data
        self._store = ComfortStore(hass, entry.entry_id)
        self.state = ComfortState()
        # What the file holds, so that a write that would change nothing is skipped.
        self._saved: dict[str, Any] | None = None
        # Set at unload: no job runs and no timer is armed after it.
        self.stopped = False
        self.lock = asyncio.Lock()
        self.own_contexts: deque[str] = deque(maxlen=OWN_CONTEXTS)

    async def async_load(self) -> bool:
        """Restore the state saved before a restart or reload; return whether there was one."""
        stored = await self._store.async_load()
        self.state = stored or ComfortState()
        self._saved = stored.as_dict() if stored else None
        return stored is not None

    async def async_save(self) -> None:
        """Write the state unless the file already holds it; return once on disk."""
        data = self.state.as_dict()
        if data == self._saved:
            return
        await self._store.async_save(self.state)
        self._saved = data

    def run(self, job: Job) -> None:
        """Run a job as an entry task, after any job already running."""
        self.entry.async_create_task(
            self.hass, self._async_locked(job), f"{DOMAIN} comforts"
        )

    async def _async_locked(self, job: Job) -> None:
        """Run a job holding the decision lock, unless the entry is unloading."""
        async with self.lock:
            if not self.stopped:
                await job()

    @callback
    def follow(
        self,
        entity_id: str | None,
        action: Callable[[Event[EventStateChangedData]], None],
    ) -> None:
        """Call `action` on a device's state changes until the entry unloads."""
        if entity_id:
            self.entry.async_on_unload(
                async_track_state_change_event(self.hass, entity_id, action)
            )

    def fire(self, action: str, entity_id: str | None, reason: str | None) -> None:
        """Announce one of this person's actions on the bus."""
        fire_action(self.hass, self.entry.entry_id, action, entity_id, reason)

    async def async_call(
        self, entity_id: str, service: str, data: dict[str, Any] | None = None
    ) -> bool:
        """Call a device action in our own context; return whether it succeeded."""
        context = Context()
        self.own_contexts.append(context.id)
        return await async_call(self.hass, entity_id, service, data, context)

    def ours(self, context: Context) -> bool:
        """Return whether a state change answers one of our own calls."""
        return context.id in self.own_contexts or context.parent_id in self.own_contexts

    def issue(self, key: str, entity_id: str) -> bool:
        """Raise a repair issue; return whether it is new.

        While Home Assistant is starting, devices may not be set up yet: no
        issue then; the next attempt after the start reports it.
        """
        if self.hass.state is not CoreState.running:
            return False
        ident = issue_id(key, self.entry.entry_id)
        placeholders = {"entity_id": entity_id, "name": self.runtime.person.name}
        if key == ISSUE_BLANKET:
            placeholders["minutes"] = f"{self.runtime.options.blanket_max_minutes:g}"
        new = ir.async_get(self.hass).async_get_issue(DOMAIN, ident) is None
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            ident,
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

    def clear_issue(self, key: str) -> None:
        """Withdraw a repair issue once its device works again."""
        ir.async_delete_issue(self.hass, DOMAIN, issue_id(key, self.entry.entry_id))
