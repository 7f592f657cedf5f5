"""The person's log, kept in Home Assistant's storage.

Three lists: episodes, activities and repositionings (a caregiver turned the
person: `{id, when, logged_at, position}`, the position as given, or "").
Owns `.storage/als_comfort.<entry_id>` (version 2, the first ever written;
minor version 2 added the repositionings, so a file of 2.1 reads as one
without any), readable by its owner only. Every change is on disk (atomic
write) before the call that made it returns, and only then in memory: a write
that fails is an error to the caller and changes nothing, so memory never
holds what the disk does not. 365 days are kept. A damaged file, or one whose
entries break the log's shape (`log_format`), is never silently replaced: it
is kept aside and reported as a repair issue, and the log starts again beside
it. The log is the person's health record: deleting the person deletes their
other state files (`async_remove_store`), never the log.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util, ulid as ulid_util

from .const import DOMAIN, EPISODE_KINDS, LOGGER
from .log_format import PARTS, well_formed
from .risk import LoadEvent

STORAGE_VERSION: Final = 2
STORAGE_MINOR_VERSION: Final = 2
RETENTION: Final = timedelta(days=365)
PRIVATE: Final = 0o600

type Entries = list[dict[str, Any]]
type Dated = list[tuple[datetime, dict[str, Any]]]
# The log's lists by name (`log_format.PARTS`), as a change sees them.
type Parts = dict[str, Entries]


@dataclass(frozen=True, kw_only=True)
class Conditions:
    """What the room and the body were like when an episode was logged."""

    temperature_c: float | None
    night_window: bool
    exertion_load: float


class LogNotWrittenError(HomeAssistantError):
    """The log could not be written (a full disk, data it cannot encode)."""


class _ConfirmedStore(Store[dict[str, Any]]):
    """Home Assistant's store, but a confirmed save raises when writing failed.

    The store itself logs a failed write and returns as if it had written;
    for a change of the person's log that would be a silent loss. Its other
    writes (bringing an older file up to date while loading) stay as they are.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Prepare the store; no save is being confirmed yet."""
        super().__init__(*args, **kwargs)
        self._confirming = False

    async def async_save_confirmed(self, data: dict[str, Any]) -> None:
        """Save; raise `LogNotWrittenError` when the write failed."""
        self._confirming = True
        try:
            await self.async_save(data)
        finally:
            self._confirming = False

    async def _async_write_data(self, data: dict[str, Any]) -> None:
        """Write; a confirmed save's failure is raised past the store."""
        try:
            await super()._async_write_data(data)
        except (HomeAssistantError, OSError, TypeError, ValueError) as err:
            if self._confirming:
                raise LogNotWrittenError(type(err).__name__) from err
            raise


class EpisodeLog:
    """Everything logged for one person, in memory and on disk."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Prepare the store; nothing is read until `async_load`."""
        self._hass = hass
        self._entry_id = entry_id
        # Serialised in the executor: a year of log is 4 MB of JSON.
        self._store = _ConfirmedStore(
            hass,
            STORAGE_VERSION,
            f"{DOMAIN}.{entry_id}",
            minor_version=STORAGE_MINOR_VERSION,
            private=True,
            atomic_writes=True,
            serialize_in_event_loop=False,
        )
        # One change at a time: each is made on what the one before left.
        self._lock = asyncio.Lock()
        self.episodes: Entries = []
        self.activities: Entries = []
        self.repositionings: Entries = []
        # Parsed views, rebuilt whenever the log changes (never per reading).
        self.episode_times: dict[str, tuple[datetime, ...]] = {}
        self.activity_loads: tuple[LoadEvent, ...] = ()
        self.repositioning_times: tuple[datetime, ...] = ()

    @property
    def path(self) -> Path:
        """Return where the log lives on disk."""
        return Path(self._store.path)

    async def async_load(self) -> None:
        """Read the log; report a damaged or malformed file instead of hiding it."""
        existed = await self._hass.async_add_executor_job(self.path.exists)
        if existed:
            await self._hass.async_add_executor_job(keep_private, self.path)
        data = await self._store.async_load()
        if data is None and existed:
            self._report_damaged()
        elif data is not None and not well_formed(data):
            await self._hass.async_add_executor_job(self._keep_aside)
            self._report_damaged()
            data = None
        self._take(_kept(data or {}))

    def _keep_aside(self) -> None:
        """Move a readable but malformed log out of the way, keeping it."""
        stamp = dt_util.utcnow().strftime("%Y%m%dT%H%M%S")
        self.path.rename(self.path.with_name(f"{self.path.name}.damaged.{stamp}"))

    def _report_damaged(self) -> None:
        """Raise a repair issue saying the log file was damaged and kept aside."""
        LOGGER.error("The ALS Comfort log %s was damaged; it was kept aside", self.path)
        ir.async_create_issue(
            self._hass,
            DOMAIN,
            f"log_damaged_{self._entry_id}",
            is_fixable=False,
            is_persistent=True,
            severity=ir.IssueSeverity.ERROR,
            translation_key="log_damaged",
            translation_placeholders={"path": str(self.path.parent)},
        )

    async def async_add_episode(
        self, episode: dict[str, Any], conditions: Conditions
    ) -> dict[str, Any]:
        """Store an episode with the conditions of its moment; return it."""
        record = _new_record(episode) | {"conditions": conditions.__dict__.copy()}
        await self._async_change(lambda parts: parts["episodes"].append(record))
        return record

    async def async_add_activity(self, activity: dict[str, Any]) -> dict[str, Any]:
        """Store an activity; return it."""
        record = _new_record(activity)
        await self._async_change(lambda parts: parts["activities"].append(record))
        return record

    async def async_add_repositioning(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Store that the person was turned (when, and the position if given)."""
        record = _new_record(fields)
        await self._async_change(lambda parts: parts["repositionings"].append(record))
        return record

    async def async_delete(self, entry_id: str) -> bool:
        """Delete one logged entry by id; return whether it existed."""
        found = False

        def delete(parts: Parts) -> None:
            nonlocal found
            for entries in parts.values():
                for index, item in enumerate(entries):
                    if item["id"] == entry_id:
                        del entries[index]
                        found = True
                        return

        await self._async_change(delete)
        return found

    async def _async_change(self, change: Callable[[Parts], None]) -> None:
        """Make a change on copies, write them, and only then keep them.

        Raises a translated error when the log could not be written; memory
        then stays as it was.
        """
        async with self._lock:
            parts = {part: list(self._entries(part)) for part in PARTS}
            change(parts)
            dated = _kept(parts)
            try:
                await self._store.async_save_confirmed(
                    {part: [item for _, item in dated[part]] for part in PARTS}
                )
            except LogNotWrittenError as err:
                LOGGER.error("The ALS Comfort log %s could not be written", self.path)
                raise HomeAssistantError(
                    translation_domain=DOMAIN, translation_key="log_not_saved"
                ) from err
            self._take(dated)

    def _entries(self, part: str) -> Entries:
        """Return one of the log's lists by name."""
        entries: Entries = getattr(self, part)
        return entries

    def export(self, start: datetime | None, end: datetime | None) -> Parts:
        """Return copies of the entries between start and end (inclusive)."""

        def wanted(item: dict[str, Any]) -> bool:
            when = _instant(item)
            return (start is None or when >= start) and (end is None or when <= end)

        return {
            part: [dict(item) for item in self._entries(part) if wanted(item)]
            for part in PARTS
        }

    def _take(self, dated: dict[str, Dated]) -> None:
        """Keep these dated entries; rebuild the parsed views.

        Everything is kept sorted by instant: the coordinator bisects the views.
        """
        episodes, activities = dated["episodes"], dated["activities"]
        self.episodes = [item for _, item in episodes]
        self.activities = [item for _, item in activities]
        self.repositionings = [item for _, item in dated["repositionings"]]
        self.repositioning_times = tuple(when for when, _ in dated["repositionings"])
        self.episode_times = {
            kind: tuple(when for when, item in episodes if item["kind"] == kind)
            for kind in EPISODE_KINDS
        }
        self.activity_loads = tuple(
            LoadEvent(at=when, load=float(item["load"])) for when, item in activities
        )


def keep_private(path: Path) -> None:
    """Make a state file readable by its owner only (older versions wrote 0644)."""
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(PRIVATE)
    except OSError as err:
        LOGGER.debug("%s could not be made private: %s", path, err)


async def async_remove_store(store: Store[Any]) -> None:
    """Delete a deleted person's state file; log, never raise, if it cannot be."""
    try:
        await store.async_remove()
    except OSError as err:
        LOGGER.warning("%s could not be deleted: %s", store.path, err)


def _new_record(fields: dict[str, Any]) -> dict[str, Any]:
    """Give a new entry its id, UTC instant and logging time."""
    now = dt_util.utcnow()
    when: datetime = fields.get("when") or now
    return {
        **fields,
        "id": ulid_util.ulid_now(),
        "when": dt_util.as_utc(when).isoformat(),
        "logged_at": now.isoformat(),
    }


def _kept(data: dict[str, Any]) -> dict[str, Dated]:
    """Return each list's entries of the last year, dated and sorted."""
    horizon = dt_util.utcnow() - RETENTION
    return {part: _dated(data.get(part, []), horizon) for part in PARTS}


def _dated(items: Entries, horizon: datetime) -> Dated:
    """Pair entries with their instants, keep those after `horizon`, sorted."""
    dated = [(_instant(item), item) for item in items]
    return sorted(
        ((when, item) for when, item in dated if when >= horizon),
        key=lambda pair: pair[0],
    )


def _instant(item: dict[str, Any]) -> datetime:
    """Return the instant of a stored entry."""
    return dt_util.parse_datetime(item["when"], raise_on_error=True)
