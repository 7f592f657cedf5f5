"""The comforts' persisted state: what was switched, until when, what to put back.

Owns `.storage/als_comfort.<entry_id>.comforts` (version 1). It holds whether a
comfort period is running, the night window and cramp cluster last seen (so a
restart neither misses nor repeats an edge), whether a person took the
thermostat over, what the thermostat was before the boost, a thermostat fault
and whether a person was called for it, the blanket's switch-on time and
deadline, and the blanket's on-time in the current night window. Every change
is written at once (atomic write), so that a deadline is on disk before a device
is switched on. Fields added since the first version are read with defaults.
Nothing here switches anything.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from ..const import DOMAIN, LOGGER, Reason
from ..store import async_remove_store

STORAGE_VERSION: Final = 1


@dataclass(frozen=True, kw_only=True)
class HeatingRecord:
    """A thermostat under management: what it was, and what it was set to.

    Temperatures are in `unit`, the unit system in use when the boost started,
    because climate actions and states speak the system unit. A thermostat
    with a low and a high target (`heat_cool`) keeps its low one in
    `previous_target`/`target` and its high one in `previous_high`/`target_high`.
    """

    entity_id: str
    previous_target: float | None
    previous_mode: str
    unit: str
    target: float
    mode: str
    target_changed: bool
    mode_changed: bool
    previous_high: float | None = None
    target_high: float | None = None


@dataclass(kw_only=True)
class HeatingFault:
    """A spell of a thermostat that cannot be set, until it works again."""

    # When it first refused an action in this spell (the retries count from it).
    refused_since: datetime | None = None
    # Whether a person was called for this spell (`heating_cannot_start`).
    called: bool = False


@dataclass(kw_only=True)
class BlanketRecord:
    """The blanket or heater: since when it is on, when it must be off, and who switched it on."""

    entity_id: str | None = None
    deadline: datetime | None = None
    ours: bool = False
    # Past a deadline it is not switched on again until a fresh need.
    locked: bool = False
    on_since: datetime | None = None
    # Why the deadline is when it is (the `reason` of its switch-off).
    limit: str = Reason.TIME_LIMIT
    # Whether a person was called because it stayed on past its deadline.
    called: bool = False


@dataclass(kw_only=True)
class NightUse:
    """The blanket's on-time in one night window, of the spells that ended."""

    window: str | None = None
    minutes: float = 0.0


@dataclass(kw_only=True)
class ComfortState:
    """Everything the comforts must remember across a reload or restart."""

    engaged: bool = False
    reason: str | None = None
    window: str | None = None
    cluster: bool = False
    released: bool = False
    heating: HeatingRecord | None = None
    fault: HeatingFault = field(default_factory=HeatingFault)
    blanket: BlanketRecord = field(default_factory=BlanketRecord)
    night: NightUse = field(default_factory=NightUse)

    def as_dict(self) -> dict[str, Any]:
        """Return the state as stored."""
        return {
            "engaged": self.engaged,
            "reason": self.reason,
            "window": self.window,
            "cluster": self.cluster,
            "released": self.released,
            "heating": asdict(self.heating) if self.heating else None,
            "fault": _stored(asdict(self.fault)),
            "blanket": _stored(asdict(self.blanket)),
            "night": asdict(self.night),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ComfortState:
        """Read a stored state; raise KeyError, TypeError or ValueError if damaged."""
        blanket = data["blanket"]
        return cls(
            engaged=bool(data["engaged"]),
            reason=data["reason"],
            window=data["window"],
            cluster=bool(data["cluster"]),
            released=bool(data["released"]),
            heating=HeatingRecord(**data["heating"]) if data["heating"] else None,
            fault=HeatingFault(**_read(data.get("fault", {}), "refused_since")),
            blanket=BlanketRecord(**_read(blanket, "deadline", "on_since")),
            night=NightUse(**data.get("night", {})),
        )


def _stored(record: dict[str, Any]) -> dict[str, Any]:
    """Return a record with its datetimes as ISO strings."""
    return {
        key: value.isoformat() if isinstance(value, datetime) else value
        for key, value in record.items()
    }


def _read(record: dict[str, Any], *instants: str) -> dict[str, Any]:
    """Return a stored record with the named ISO strings parsed back."""
    return {
        key: (
            dt_util.parse_datetime(value, raise_on_error=True)
            if key in instants and value
            else value
        )
        for key, value in record.items()
    }


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
