"""What the inputs remember across a restart or reload, and where it is kept.

Owns `.storage/als_comfort.<entry_id>.inputs` (version 1): the cold-room verdict
last published, so that a room inside the warm-up margin stays cold across a
restart instead of reading as warm and then as a new cold spell (hysteresis).
It is the place for whatever else an input must remember (a step counter's
load, the last movement). Private to its owner, written atomically, shortly
after a change, and at once when the entry unloads; loaded before the first
snapshot.
"""

from __future__ import annotations

from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.storage import Store

from .const import DOMAIN, LOGGER
from .store import async_remove_store

STORAGE_VERSION: Final = 1
# Changes of one moment are written together.
SAVE_DELAY: Final = 1.0


class InputMemory:
    """One person's remembered input state, in memory and on disk."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Prepare the store; nothing is read until `async_load`."""
        self._store: Store[dict[str, Any]] = Store(
            hass,
            STORAGE_VERSION,
            f"{DOMAIN}.{entry_id}.inputs",
            private=True,
            atomic_writes=True,
        )
        # None: unknown (never seen, or the thermometer was not reporting).
        self.cold_room: bool | None = None
        # Whether a file was found: without one, nothing was remembered yet.
        self.found = False

    async def async_load(self) -> None:
        """Read what was remembered; an unreadable file is reported and ignored."""
        try:
            data = await self._store.async_load()
        except HomeAssistantError as err:
            LOGGER.warning("The remembered input state was unreadable (%s)", err)
            return
        if not isinstance(data, dict):
            return
        self.found = True
        cold_room = data.get("cold_room")
        self.cold_room = cold_room if isinstance(cold_room, bool) else None

    def remember_cold_room(self, verdict: bool | None) -> None:
        """Note the published cold-room verdict; write it soon if it changed."""
        if verdict != self.cold_room:
            self.cold_room = verdict
            self._store.async_delay_save(self._as_dict, SAVE_DELAY)

    async def async_flush(self) -> None:
        """Write now (on unload), so that a reload finds what was remembered."""
        await self._store.async_save(self._as_dict())

    async def async_remove(self) -> None:
        """Delete the file (the person was deleted); a failure is only logged."""
        await async_remove_store(self._store)

    def _as_dict(self) -> dict[str, Any]:
        """Return what is remembered, as stored."""
        return {"cold_room": self.cold_room}
