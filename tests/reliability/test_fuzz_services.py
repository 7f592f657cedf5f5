"""Fuzz every action with arbitrary JSON-like data.

A refusal must be a `ServiceValidationError` (or `Invalid` / `Unauthorized`), never
another exception, and must leave the stored log byte-for-byte unchanged; an
accepted logging call adds exactly one entry, any other accepted call adds none
(an accepted deletion removes exactly one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
import json
import math
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError, Unauthorized
from hypothesis import HealthCheck, given, settings, strategies as st
import probatio
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import BODY_AREAS, DOMAIN, EPISODE_KINDS

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

ENTRY_ID = "01KALSCOMFORTTESTENTRY0000"
STORAGE_KEY = f"als_comfort.{ENTRY_ID}"
NOW = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)
CALLS_PER_TEST = 2_000
TOTAL_TARGET = 10_000
REFUSALS = (ServiceValidationError, probatio.Invalid, Unauthorized)
SERVICES = (
    "log_activity",
    "log_episode",
    "export_log",
    "delete_log_entry",
    "acknowledge_alert",
)
RESPONSE = {
    "log_activity": True,
    "log_episode": True,
    "export_log": True,
    "delete_log_entry": False,
    "acknowledge_alert": False,
}
FIELDS = {
    "log_activity": ("minutes", "intensity", "activity", "when"),
    "log_episode": (
        "kind",
        "body_area",
        "severity",
        "duration_minutes",
        "note",
        "when",
    ),
    "export_log": ("start", "end"),
    "delete_log_entry": ("entry_id",),
    "acknowledge_alert": (),
}

TOTAL: Counter[str] = Counter()

# --- strategies --------------------------------------------------------------

NUMBERS = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 600, 601, 1440, 1441, 10, 11, -1, 2.5, 1e308, -0.0]),
    st.sampled_from([math.nan, math.inf, -math.inf]),
)
TEXT = st.one_of(
    st.text(max_size=20),
    st.text(min_size=90, max_size=600),
    st.just(""),
    st.just(" "),
    st.sampled_from(
        [
            "nan",
            "inf",
            "-inf",
            "1e400",
            "10",
            "٣",
            "\U0001d7d9\U0001d7d8",
            "\x00",
            "\u202e",
        ]
    ),
    st.builds(lambda n: "x" * n, st.integers(min_value=1_000, max_value=100_000)),
)


def _iso(offset_minutes: int | None, delta_seconds: int) -> str:
    """An ISO time around now, with or without an offset."""
    moment = NOW + timedelta(seconds=delta_seconds)
    if offset_minutes is None:
        return moment.replace(tzinfo=None).isoformat()
    return moment.astimezone(timezone(timedelta(minutes=offset_minutes))).isoformat()


# Years 1900-2100 only: the extremes are covered by a dedicated test below.
MOMENTS = st.one_of(
    st.builds(
        _iso,
        st.one_of(st.none(), st.integers(min_value=-14 * 60, max_value=14 * 60)),
        st.integers(min_value=-10 * 86_400, max_value=86_400),
    ),
    st.datetimes(
        min_value=datetime(1900, 1, 1),  # noqa: DTZ001 naive on purpose: local time
        max_value=datetime(2100, 1, 1),  # noqa: DTZ001
    ).map(datetime.isoformat),
    st.sampled_from(["soon", "2026-13-45T00:00:00", "2026-02-30T10:00", "T", ""]),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, TEXT, MOMENTS)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=8), inner, max_size=4),
    ),
    max_leaves=8,
)


def _valid(service: str) -> st.SearchStrategy[dict[str, Any]]:
    """Valid values of a service's fields (optional ones may be left out)."""
    recent = st.builds(
        _iso,
        st.one_of(st.none(), st.just(0), st.just(60)),
        st.integers(min_value=-7 * 86_400 + 3_600, max_value=0),
    )
    fields: dict[str, st.SearchStrategy[Any]] = {
        "log_activity": st.fixed_dictionaries(
            {
                "minutes": st.integers(min_value=1, max_value=600),
                "intensity": st.sampled_from(["light", "moderate", "vigorous"]),
            },
            optional={"activity": st.text(max_size=100), "when": recent},
        ),
        "log_episode": st.fixed_dictionaries(
            {"kind": st.sampled_from(sorted(EPISODE_KINDS))},
            optional={
                "body_area": st.sampled_from(sorted(BODY_AREAS)),
                "severity": st.integers(min_value=1, max_value=10),
                "duration_minutes": st.integers(min_value=1, max_value=1440),
                "note": st.text(max_size=500),
                "when": recent,
            },
        ),
        "export_log": st.fixed_dictionaries(
            {}, optional={"start": MOMENTS, "end": MOMENTS}
        ),
        "delete_log_entry": st.fixed_dictionaries({"entry_id": st.text(max_size=30)}),
        "acknowledge_alert": st.just({}),
    }[service]
    return fields


@st.composite
def payloads(draw: st.DrawFn, service: str) -> dict[str, Any]:
    """A valid call, then some fields replaced, dropped or added at random."""
    data: dict[str, Any] = dict(draw(_valid(service)))
    data["config_entry_id"] = draw(
        st.one_of(
            st.just(ENTRY_ID),
            st.just(ENTRY_ID),
            st.just(ENTRY_ID),
            JSONISH,
        )
    )
    known = ("config_entry_id", *FIELDS[service])
    for field in draw(st.lists(st.sampled_from(known), max_size=3, unique=True)):
        if draw(st.booleans()):
            data[field] = draw(JSONISH)
        else:
            data.pop(field, None)
    extra = draw(st.dictionaries(st.text(max_size=10), JSONISH, max_size=2))
    if draw(st.integers(min_value=0, max_value=3)) == 0:
        data.update(extra)
    return data


# --- harness -----------------------------------------------------------------


def _stored(hass_storage: dict[str, Any]) -> str:
    """The stored log exactly as it would be written."""
    return json.dumps(hass_storage.get(STORAGE_KEY), sort_keys=True)


def _size(hass_storage: dict[str, Any]) -> int:
    """How many entries the stored log holds."""
    stored = hass_storage.get(STORAGE_KEY)
    if stored is None:
        return 0
    data = stored["data"]
    return len(data["episodes"]) + len(data["activities"])


async def _fuzz(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    service: str,
    batch: list[dict[str, Any]],
    tally: Counter[str],
) -> None:
    """Make every call of a batch and check what it did to the stored log."""
    for data in batch:
        before, size = _stored(hass_storage), _size(hass_storage)
        tally["calls"] += 1
        try:
            await hass.services.async_call(
                DOMAIN,
                service,
                data,
                blocking=True,
                return_response=RESPONSE[service],
            )
        except REFUSALS:
            tally["refused"] += 1
            assert _stored(hass_storage) == before, (service, data)
            continue
        tally["accepted"] += 1
        if service in ("log_activity", "log_episode"):
            assert _size(hass_storage) == size + 1, (service, data)
        elif service == "delete_log_entry":
            assert _size(hass_storage) == size - 1, (service, data)
        else:
            assert _stored(hass_storage) == before, (service, data)


@pytest.fixture
def tally(request: pytest.FixtureRequest) -> Iterator[Counter[str]]:
    """Count one test's calls; fail it if it made fewer than its share."""
    counts: Counter[str] = Counter()
    yield counts
    TOTAL.update(counts)
    print(  # noqa: T201
        f"\n{request.node.name}: {counts['calls']} calls "
        f"({counts['accepted']} accepted, {counts['refused']} refused); "
        f"file total so far {TOTAL['calls']}"
    )
    assert counts["calls"] >= CALLS_PER_TEST


FUZZ_SETTINGS = settings(
    max_examples=70,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
    derandomize=True,
)
BATCH = 30


@pytest.mark.parametrize(
    "service", ["log_activity", "log_episode", "export_log", "acknowledge_alert"]
)
@FUZZ_SETTINGS
@given(data=st.data())
async def test_fuzz_action(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    tally: Counter[str],
    service: str,
    data: st.DataObject,
) -> None:
    """Arbitrary calls of an action: refused cleanly, or exactly one entry more."""
    batch = data.draw(st.lists(payloads(service), min_size=BATCH, max_size=BATCH))
    await _fuzz(hass, hass_storage, service, batch, tally)


@FUZZ_SETTINGS
@given(data=st.data())
async def test_fuzz_delete(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    tally: Counter[str],
    data: st.DataObject,
) -> None:
    """Arbitrary deletions, with real entry ids mixed in: refused or one fewer."""
    for _ in range(3):
        await hass.services.async_call(
            DOMAIN,
            "log_episode",
            {"config_entry_id": ENTRY_ID, "kind": "cramp"},
            blocking=True,
        )
    ids = [
        item["id"]
        for part in ("episodes", "activities")
        for item in hass_storage[STORAGE_KEY]["data"][part]
    ]
    batch = data.draw(
        st.lists(payloads("delete_log_entry"), min_size=BATCH, max_size=BATCH)
    )
    for payload in batch:
        if ids and data.draw(st.integers(min_value=0, max_value=4)) == 0:
            payload["entry_id"] = ids.pop()
    await _fuzz(hass, hass_storage, "delete_log_entry", batch, tally)


def test_total_reaches_target() -> None:
    """The file made at least 10,000 calls (run after the fuzzers above)."""
    print(f"\nfuzzed calls in total: {TOTAL['calls']}")  # noqa: T201
    assert TOTAL["calls"] >= TOTAL_TARGET


@pytest.mark.parametrize(
    ("service", "data"),
    [
        ("export_log", {"start": "0001-01-01T00:00:00+05:00"}),
        ("export_log", {"end": "9999-12-31T23:59:59-05:00"}),
        ("log_episode", {"kind": "cramp", "when": "0001-01-01T00:00:00+05:00"}),
        (
            "log_activity",
            {"minutes": 5, "intensity": "light", "when": "9999-12-31T23:59:59-05:00"},
        ),
    ],
)
async def test_extreme_times_are_refused_cleanly(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    service: str,
    data: dict[str, Any],
) -> None:
    """A time at the edge of the calendar is refused like any other bad time."""
    before = _stored(hass_storage)
    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(
            DOMAIN,
            service,
            {"config_entry_id": ENTRY_ID, **data},
            blocking=True,
            return_response=RESPONSE[service],
        )
    assert _stored(hass_storage) == before
