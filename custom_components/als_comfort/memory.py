"""What the inputs remember across a restart or reload, and where it is kept.

Owns `.storage/als_comfort.<entry_id>.inputs` (version 1; minor version 2
added the last two keys, a file of 1.1 reads as one without them):

* `cold_room`: the cold-room verdict last published, so that a room inside the
  warm-up margin stays cold across a restart instead of reading as warm and
  then as a new cold spell (hysteresis);
* `last_movement`: when the movement sensor last changed (to the minute), so
  that a restart neither forgets the stillness nor starts it again;
* `activity`: the activity sensor's counter (`inputs.ActivityCounter`): the
  count it has reached, a drop waiting to be confirmed, and the load it counted,
  so that a restart or reload keeps the day's load.

Readable by its owner only (when the person last moved is private), written
atomically, shortly after a change, and at once when the entry unloads;
loaded before the first snapshot. A lost delayed write loses nothing counted:
the counter's count and its load are written together, so the next reading
counts again what the lost write held.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .const import DOMAIN, LOGGER
from .store import async_remove_store

STORAGE_VERSION: Final = 1
STORAGE_MINOR_VERSION: Final = 2
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
            minor_version=STORAGE_MINOR_VERSION,
            private=True,
            atomic_writes=True,
        )
        # None: unknown (never seen, or the thermometer was not reporting).
        self.cold_room: bool | None = None
        # None: the movement sensor was never seen to change.
        self.last_movement: datetime | None = None
        # The activity counter as it stores itself; None: nothing counted yet.
        self.activity: dict[str, Any] | None = None
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
        moved = data.get("last_movement")
        self.last_movement = (
            dt_util.parse_datetime(moved) if isinstance(moved, str) else None
        )
        if self.last_movement is not None and self.last_movement.tzinfo is None:
            self.last_movement = None
        activity = data.get("activity")
        self.activity = activity if isinstance(activity, dict) else None

    def remember_cold_room(self, verdict: bool | None) -> None:
        """Note the published cold-room verdict; write it soon if it changed."""
        if verdict != self.cold_room:
            self.cold_room = verdict
            self._save_soon()

    def remember_movement(self, when: datetime) -> bool:
        """Note a movement; return whether it is later than the one remembered."""
        if self.last_movement is not None and when <= self.last_movement:
            return False
        self.last_movement = when
        self._save_soon()
        return True

    def remember_activity(self, counter: dict[str, Any]) -> None:
        """Note the activity counter as it stores itself; write it soon if changed."""
        if counter != self.activity:
            self.activity = counter
            self._save_soon()

    async def async_flush(self) -> None:
        """Write now (on unload), so that a reload finds what was remembered."""
        await self._store.async_save(self._as_dict())

    async def async_remove(self) -> None:
        """Delete the file (the person was deleted); a failure is only logged."""
        await async_remove_store(self._store)

    def _save_soon(self) -> None:
        """Write what is remembered shortly, together with the other changes."""
        self._store.async_delay_save(self._as_dict, SAVE_DELAY)

    def _as_dict(self) -> dict[str, Any]:
        """Return what is remembered, as stored."""
        return {
            "cold_room": self.cold_room,
            "last_movement": (
                self.last_movement.isoformat() if self.last_movement else None
            ),
            "activity": self.activity,
        }
