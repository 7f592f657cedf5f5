"""A realistic one-year log (storage version 2), written where ALS Comfort reads it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
import random
from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util, ulid as ulid_util

DAYS: Final = 365
PER_DAY: Final = 30
# Of each day's entries: episodes by kind, then activities.
EPISODES_PER_DAY: Final = {"cramp": 8, "spasticity": 4, "fasciculation": 3}
ACTIVITIES_PER_DAY: Final = PER_DAY - sum(EPISODES_PER_DAY.values())
BODY_AREAS: Final = ("foot", "calf", "thigh", "hand", "arm", "back", "unspecified")
ACTIVITIES: Final = (
    ("walk with the frame", "light"),
    ("physiotherapy", "moderate"),
    ("arm cycle", "moderate"),
    ("standing frame", "light"),
    ("stairs with help", "vigorous"),
)
WEIGHTS: Final = {"light": 0.5, "moderate": 1.0, "vigorous": 2.0}


def _instant(rng: random.Random, now: datetime, day: int) -> datetime:
    """Return a moment on the `day`-th day back, inside the 365-day retention."""
    return now - timedelta(days=day, minutes=rng.uniform(1, 24 * 60 - 1))


def _episode(rng: random.Random, when: datetime, kind: str) -> dict[str, Any]:
    """Return one stored episode as `EpisodeLog` writes it."""
    night = when.hour >= 21 or when.hour < 7
    return {
        "id": ulid_util.ulid_at_time(when.timestamp()),
        "when": when.isoformat(),
        "logged_at": (when + timedelta(minutes=rng.randint(0, 30))).isoformat(),
        "kind": kind,
        "body_area": rng.choice(BODY_AREAS),
        "severity": rng.choice((None, *range(1, 11))),
        "duration_minutes": rng.choice((None, 1, 2, 5, 10)),
        "note": rng.choice(("", "woke me up", "after physio", "holding a book")),
        "conditions": {
            "temperature_c": rng.choice((None, round(rng.uniform(16.5, 22.5), 1))),
            "night_window": night,
            "exertion_load": round(rng.uniform(0, 90), 1),
        },
    }


def _activity(rng: random.Random, when: datetime) -> dict[str, Any]:
    """Return one stored activity as `EpisodeLog` writes it."""
    activity, intensity = rng.choice(ACTIVITIES)
    minutes = rng.randint(5, 45)
    return {
        "id": ulid_util.ulid_at_time(when.timestamp()),
        "when": when.isoformat(),
        "logged_at": (when + timedelta(minutes=rng.randint(0, 60))).isoformat(),
        "minutes": minutes,
        "intensity": intensity,
        "activity": activity,
        "load": minutes * WEIGHTS[intensity],
    }


def year_log(now: datetime | None = None, seed: int = 11) -> dict[str, Any]:
    """Return 365 days x 30 entries, oldest first, the newest a minute ago."""
    rng = random.Random(seed)
    now = now or dt_util.utcnow()
    episodes: list[dict[str, Any]] = []
    activities: list[dict[str, Any]] = []
    for day in range(DAYS):
        for kind, count in EPISODES_PER_DAY.items():
            episodes.extend(
                _episode(rng, _instant(rng, now, day), kind) for _ in range(count)
            )
        activities.extend(
            _activity(rng, _instant(rng, now, day)) for _ in range(ACTIVITIES_PER_DAY)
        )
    episodes.sort(key=lambda item: item["when"])
    activities.sort(key=lambda item: item["when"])
    return {"episodes": episodes, "activities": activities}


async def async_write_year_log(hass: HomeAssistant, entry_id: str) -> int:
    """Write a one-year log to `.storage/als_comfort.<entry_id>`; return its bytes."""
    store: Store[dict[str, Any]] = Store(
        hass, 2, f"als_comfort.{entry_id}", atomic_writes=True
    )
    await store.async_save(year_log())
    return (await hass.async_add_executor_job(Path(store.path).stat)).st_size
