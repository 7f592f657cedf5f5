"""Logs kept when a person was removed, and taking one back when they return.

Removing a person keeps their log (`.storage/als_comfort.<entry_id>`, the
health record). So that a reinstall does not orphan it, a small private index
(`.storage/als_comfort.kept_logs`) remembers whose it was: the entry id, the
person's name and when they were removed, nothing of the log itself. Adding a
person of that name again offers the log back (the config flow's `take_back`
step, which reads the log only to say how much it holds and over what period).

A log taken back moves to the new entry's storage key before the entry loads:
written there first (atomically), the old file deleted only then, and never
over a log already there: neither file is ever lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .const import CONF_TAKE_BACK_LOG, DOMAIN, LOGGER
from .store import STORAGE_VERSION, async_remove_store

INDEX_KEY: Final = f"{DOMAIN}.kept_logs"
INDEX_VERSION: Final = 1


@dataclass(frozen=True, kw_only=True)
class KeptLog:
    """A removed person's log: whose it was, how much it holds, over what period."""

    entry_id: str
    name: str
    removed: datetime
    entries: int
    first: datetime
    last: datetime

    def placeholders(self) -> dict[str, str]:
        """Return what the take-back step says about the log (local dates)."""
        return {
            "name": self.name,
            "entries": str(self.entries),
            "first": _local_date(self.first),
            "last": _local_date(self.last),
            "removed": _local_date(self.removed),
        }


def _local_date(when: datetime) -> str:
    """Return the local calendar date of an instant, as YYYY-MM-DD."""
    return dt_util.as_local(when).date().isoformat()


def _index(hass: HomeAssistant) -> Store[dict[str, dict[str, str]]]:
    """Return the store of the kept logs' owners."""
    return Store(hass, INDEX_VERSION, INDEX_KEY, private=True, atomic_writes=True)


def _log(hass: HomeAssistant, entry_id: str) -> Store[dict[str, Any]]:
    """Return the store of one person's log, read and written as it is on disk."""
    return Store(
        hass, STORAGE_VERSION, f"{DOMAIN}.{entry_id}", private=True, atomic_writes=True
    )


def same_name(first: str, second: str) -> bool:
    """Tell whether two typed names are the same, whatever their case or spacing."""
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


async def async_remember(hass: HomeAssistant, entry_id: str, name: str) -> None:
    """Note whose log is kept, as the person is removed."""
    index = _index(hass)
    kept = await index.async_load() or {}
    kept[entry_id] = {"name": name, "removed": dt_util.utcnow().isoformat()}
    await index.async_save(kept)


async def async_find(hass: HomeAssistant, name: str) -> KeptLog | None:
    """Return the latest kept log, not empty, of a removed person of this name."""
    kept = await _index(hass).async_load() or {}
    in_use = {entry.entry_id for entry in hass.config_entries.async_entries(DOMAIN)}
    candidates = sorted(
        (
            (item["removed"], entry_id, item["name"])
            for entry_id, item in kept.items()
            if entry_id not in in_use and same_name(item["name"], name)
        ),
        reverse=True,
    )
    for removed, entry_id, owner in candidates:
        instants = _instants(await _log(hass, entry_id).async_load())
        if instants:
            return KeptLog(
                entry_id=entry_id,
                name=owner,
                removed=dt_util.parse_datetime(removed, raise_on_error=True),
                entries=len(instants),
                first=min(instants),
                last=max(instants),
            )
    return None


def _instants(data: Any) -> list[datetime]:
    """Return when each entry of a log happened (every list of entries it holds)."""
    if not isinstance(data, dict):
        return []
    whens = [
        item.get("when")
        for entries in data.values()
        if isinstance(entries, list)
        for item in entries
        if isinstance(item, dict)
    ]
    parsed = [dt_util.parse_datetime(when) for when in whens if isinstance(when, str)]
    return [when for when in parsed if when is not None and when.tzinfo is not None]


async def async_take_back(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Before a new entry loads, move the kept log it takes back to its own key."""
    if (old_id := entry.data.get(CONF_TAKE_BACK_LOG)) is None:
        return
    source, target = _log(hass, old_id), _log(hass, entry.entry_id)
    data = await source.async_load()
    moved = False
    if data is not None and await target.async_load() is None:
        await target.async_save(data)  # atomic: on disk before the old goes
        moved = True
    hass.config_entries.async_update_entry(
        entry,
        data={
            key: value for key, value in entry.data.items() if key != CONF_TAKE_BACK_LOG
        },
    )
    if not moved:
        LOGGER.warning(
            "The kept log %s could not be taken back by %s; it stays where it is",
            old_id,
            entry.entry_id,
        )
        return
    await async_remove_store(source)
    index = _index(hass)
    kept = await index.async_load() or {}
    kept.pop(old_id, None)
    await index.async_save(kept)
