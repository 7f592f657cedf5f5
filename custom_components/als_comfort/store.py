"""The person's log, kept in Home Assistant's storage.

Three lists: episodes, activities and repositionings (a caregiver turned the
person: `{id, when, logged_at, position}`, the position as given, or "").
Owns `.storage/als_comfort.<entry_id>` (version 2, the first ever written;
minor version 2 added the repositionings, so a file of 2.1 reads as one
without any): every entry on disk (atomic write) before the call that logged it
returns, 365 days kept. A damaged file is never silently replaced: it is kept aside and reported as a
repair issue, and the log starts again beside it. The log is the person's
health record: deleting the person deletes their other state files
(`async_remove_store`), never the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util, ulid as ulid_util

from .const import DOMAIN, EPISODE_KINDS, LOGGER
from .risk import LoadEvent

STORAGE_VERSION: Final = 2
STORAGE_MINOR_VERSION: Final = 2
RETENTION: Final = timedelta(days=365)


@dataclass(frozen=True, kw_only=True)
class Conditions:
    """What the room and the body were like when an episode was logged."""

    temperature_c: float | None
    night_window: bool
    exertion_load: float


class EpisodeLog:
    """The episodes and activities of one person, in memory and on disk."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Prepare the store; nothing is read until `async_load`."""
        self._hass = hass
        self._entry_id = entry_id
        # Serialised in the executor: a year of log is 4 MB of JSON.
        self._store: Store[dict[str, Any]] = Store(
            hass,
            STORAGE_VERSION,
            f"{DOMAIN}.{entry_id}",
            minor_version=STORAGE_MINOR_VERSION,
            atomic_writes=True,
            serialize_in_event_loop=False,
        )
        self.episodes: list[dict[str, Any]] = []
        self.activities: list[dict[str, Any]] = []
        self.repositionings: list[dict[str, Any]] = []
        # Parsed views, rebuilt whenever the log changes (never per reading).
        self.episode_times: dict[str, tuple[datetime, ...]] = {}
        self.activity_loads: tuple[LoadEvent, ...] = ()
        self.repositioning_times: tuple[datetime, ...] = ()

    @property
    def path(self) -> Path:
        """Return where the log lives on disk."""
        return Path(self._store.path)

    async def async_load(self) -> None:
        """Read the log; report a damaged file instead of hiding it."""
        existed = await self._hass.async_add_executor_job(self.path.exists)
        data = await self._store.async_load()
        if data is None and existed:
            self._report_damaged()
        elif data is not None and not _well_formed(data):
            await self._hass.async_add_executor_job(self._keep_aside)
            self._report_damaged()
            data = None
        self.episodes = list((data or {}).get("episodes", []))
        self.activities = list((data or {}).get("activities", []))
        self.repositionings = list((data or {}).get("repositionings", []))
        self._forget_expired()

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
        self.episodes.append(record)
        await self._async_save()
        return record

    async def async_add_activity(self, activity: dict[str, Any]) -> dict[str, Any]:
        """Store an activity; return it."""
        record = _new_record(activity)
        self.activities.append(record)
        await self._async_save()
        return record

    async def async_add_repositioning(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Store that the person was turned (when, and the position if given)."""
        record = _new_record(fields)
        self.repositionings.append(record)
        await self._async_save()
        return record

    async def async_delete(self, entry_id: str) -> bool:
        """Delete one logged entry by id; return whether it existed."""
        for entries in (self.episodes, self.activities, self.repositionings):
            for index, item in enumerate(entries):
                if item["id"] == entry_id:
                    del entries[index]
                    await self._async_save()
                    return True
        return False

    def export(
        self, start: datetime | None, end: datetime | None
    ) -> dict[str, list[dict[str, Any]]]:
        """Return copies of the entries between start and end (inclusive)."""

        def wanted(item: dict[str, Any]) -> bool:
            when = _instant(item)
            return (start is None or when >= start) and (end is None or when <= end)

        return {
            "episodes": [dict(item) for item in self.episodes if wanted(item)],
            "activities": [dict(item) for item in self.activities if wanted(item)],
            "repositionings": [
                dict(item) for item in self.repositionings if wanted(item)
            ],
        }

    def _forget_expired(self) -> None:
        """Drop entries older than the retention period; refresh the parsed views.

        Everything is kept sorted by instant: the coordinator bisects the views.
        """
        horizon = dt_util.utcnow() - RETENTION
        episodes = _dated(self.episodes, horizon)
        activities = _dated(self.activities, horizon)
        repositionings = _dated(self.repositionings, horizon)
        self.episodes = [item for _, item in episodes]
        self.activities = [item for _, item in activities]
        self.repositionings = [item for _, item in repositionings]
        self.repositioning_times = tuple(when for when, _ in repositionings)
        self.episode_times = {
            kind: tuple(when for when, item in episodes if item["kind"] == kind)
            for kind in EPISODE_KINDS
        }
        self.activity_loads = tuple(
            LoadEvent(at=when, load=float(item["load"])) for when, item in activities
        )

    async def _async_save(self) -> None:
        """Write the whole log atomically and wait until it is on disk."""
        self._forget_expired()
        # Copies: the next call may change the lists while this one is written.
        await self._store.async_save(
            {
                "episodes": list(self.episodes),
                "activities": list(self.activities),
                "repositionings": list(self.repositionings),
            }
        )


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


def _dated(
    items: list[dict[str, Any]], horizon: datetime
) -> list[tuple[datetime, dict[str, Any]]]:
    """Pair entries with their instants, keep those after `horizon`, sorted."""
    dated = [(_instant(item), item) for item in items]
    return sorted(
        ((when, item) for when, item in dated if when >= horizon),
        key=lambda pair: pair[0],
    )


def _instant(item: dict[str, Any]) -> datetime:
    """Return the instant of a stored entry."""
    return dt_util.parse_datetime(item["when"], raise_on_error=True)


def _well_formed(data: Any) -> bool:
    """Tell whether loaded data has the shape of a log, entry by entry."""
    if not isinstance(data, dict):
        return False
    episodes, activities = data.get("episodes", []), data.get("activities", [])
    repositionings = data.get("repositionings", [])
    if not all(
        isinstance(part, list) for part in (episodes, activities, repositionings)
    ):
        return False
    return (
        all(
            _valid_entry(item) and item.get("kind") in EPISODE_KINDS
            for item in episodes
        )
        and all(
            _valid_entry(item) and isinstance(item.get("load"), int | float)
            for item in activities
        )
        and all(
            _valid_entry(item) and isinstance(item.get("position", ""), str)
            for item in repositionings
        )
    )


def _valid_entry(item: Any) -> bool:
    """Tell whether one stored entry has an id and a readable instant."""
    return (
        isinstance(item, dict)
        and isinstance(item.get("id"), str)
        and isinstance(item.get("when"), str)
        and dt_util.parse_datetime(item["when"]) is not None
    )
