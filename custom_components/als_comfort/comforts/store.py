"""The comforts' persisted state: what was switched, until when, what to put back.

Owns `.storage/als_comfort.<entry_id>.comforts` (version 1). It holds whether a
comfort period is running, the night window and cramp cluster last seen (so a
restart neither misses nor repeats an edge), whether a person took the
thermostat over, what the thermostat was before the boost, and the blanket's
switch-off deadline. Every change is written at once (atomic write), so that a deadline is
on disk before a device is switched on. Nothing here switches anything.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from ..const import DOMAIN, LOGGER
from ..store import async_remove_store

STORAGE_VERSION: Final = 1


@dataclass(frozen=True, kw_only=True)
class HeatingRecord:
    """A thermostat under management: what it was, and what it was set to.

    Temperatures are in `unit`, the unit system in use when the boost started,
    because climate actions and states speak the system unit.
    """

    entity_id: str
    previous_target: float | None
    previous_mode: str
    unit: str
    target: float
    mode: str
    target_changed: bool
    mode_changed: bool


@dataclass(kw_only=True)
class BlanketRecord:
    """The blanket or heater: when it must be off, and who switched it on."""

    entity_id: str | None = None
    deadline: datetime | None = None
    ours: bool = False
    # Past a deadline it is not switched on again until a fresh need.
    locked: bool = False


@dataclass(kw_only=True)
class ComfortState:
    """Everything the comforts must remember across a reload or restart."""

    engaged: bool = False
    reason: str | None = None
    window: str | None = None
    cluster: bool = False
    released: bool = False
    heating: HeatingRecord | None = None
    blanket: BlanketRecord = field(default_factory=BlanketRecord)

    def as_dict(self) -> dict[str, Any]:
        """Return the state as stored."""
        deadline = self.blanket.deadline
        return {
            "engaged": self.engaged,
            "reason": self.reason,
            "window": self.window,
            "cluster": self.cluster,
            "released": self.released,
            "heating": asdict(self.heating) if self.heating else None,
            "blanket": {
                "entity_id": self.blanket.entity_id,
                "deadline": deadline.isoformat() if deadline else None,
                "ours": self.blanket.ours,
                "locked": self.blanket.locked,
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ComfortState:
        """Read a stored state; raise KeyError, TypeError or ValueError if damaged."""
        blanket = data["blanket"]
        deadline = blanket["deadline"]
        return cls(
            engaged=bool(data["engaged"]),
            reason=data["reason"],
            window=data["window"],
            cluster=bool(data["cluster"]),
            released=bool(data["released"]),
            heating=HeatingRecord(**data["heating"]) if data["heating"] else None,
            blanket=BlanketRecord(
                entity_id=blanket["entity_id"],
                deadline=(
                    dt_util.parse_datetime(deadline, raise_on_error=True)
                    if deadline
                    else None
                ),
                ours=bool(blanket["ours"]),
                locked=bool(blanket["locked"]),
            ),
        )


class ComfortStore:
    """Keeps one person's comfort state in Home Assistant's storage."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Prepare the store; nothing is read until `async_load`."""
        self._store: Store[dict[str, Any]] = Store(
            hass,
            STORAGE_VERSION,
            f"{DOMAIN}.{entry_id}.comforts",
            private=True,
            atomic_writes=True,
        )

    async def async_load(self) -> ComfortState | None:
        """Return the saved state; None when there is none or it is damaged.

        A damaged file loses nothing that matters for safety: a blanket found on
        without a known deadline gets a full new one, and the thermostat is
        left as it is.
        """
        try:
            data = await self._store.async_load()
            return ComfortState.from_dict(data) if data else None
        except (HomeAssistantError, KeyError, TypeError, ValueError) as err:
            LOGGER.warning(
                "The saved comfort state was unreadable (%s); starting afresh", err
            )
            return None

    async def async_save(self, state: ComfortState) -> None:
        """Write the state now; return once it is on disk."""
        await self._store.async_save(state.as_dict())

    async def async_remove(self) -> None:
        """Delete the file (the person was deleted); a failure is only logged."""
        await async_remove_store(self._store)
