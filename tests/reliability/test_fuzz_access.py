"""Fuzz every action as each kind of user, with the text that breaks logs.

Users: an administrator, a non-administrator who may control Diane's entities,
and a read-only user. Text: lone surrogates, control characters, long text and
formula prefixes, mixed into otherwise valid calls. Every call either succeeds
as that user may, or is refused cleanly (`ServiceValidationError`,
`Unauthorized`) leaving the stored log byte-for-byte unchanged: an unhandled
error fails the test. What is stored can always be written, and the CSV of
everything accepted has no cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
import csv
import io
import re
from typing import Any

from homeassistant.auth.const import GROUP_ID_ADMIN, GROUP_ID_READ_ONLY, GROUP_ID_USER
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import Unauthorized
from hypothesis import HealthCheck, given, settings, strategies as st
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import DOMAIN
from custom_components.als_comfort.http import to_csv
from tests.conftest import user_in
from tests.reliability.test_fuzz_services import (
    ENTRY_ID,
    JSONISH,
    MOMENTS,
    REFUSALS,
    RESPONSE as LOG_RESPONSES,
    SERVICES as LOG_SERVICES,
    STORAGE_KEY,
    payloads,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

CALLS_PER_TEST = 600
SERVICES = (*LOG_SERVICES, "log_repositioned")
RESPONSE = {**LOG_RESPONSES, "log_repositioned": True}
# What a user of each group may do; anything else must be refused.
MAY: dict[str, frozenset[str]] = {
    GROUP_ID_ADMIN: frozenset(SERVICES),
    GROUP_ID_USER: frozenset(
        {"log_activity", "log_episode", "log_repositioned", "acknowledge_alert"}
    ),
    GROUP_ID_READ_ONLY: frozenset(),
}
UNSTORABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
FORMULA = ("=", "+", "-", "@", "\t", "\r")

TOTAL: Counter[str] = Counter()

# --- text that breaks logs ----------------------------------------------------

SURROGATES = st.integers(min_value=0xD800, max_value=0xDFFF).map(chr)
CONTROLS = st.sampled_from([chr(code) for code in (*range(0x20), *range(0x7F, 0xA0))])
PIECES = st.one_of(st.text(max_size=8), SURROGATES, CONTROLS, st.just("\u200d"))
HOSTILE = st.one_of(
    st.lists(PIECES, max_size=10).map("".join),
    st.tuples(st.sampled_from(FORMULA), st.text(max_size=20)).map("".join),
    st.sampled_from(['=HYPERLINK("http://x","y")', "@SUM(A1)", "+1", "-1", "\ud800"]),
    st.integers(min_value=90, max_value=600).map(lambda n: "=" * n),
)


@st.composite
def calls(draw: st.DrawFn, service: str) -> dict[str, Any]:
    """A call of an action; its free text, when it has any, often hostile."""
    if service == "log_repositioned":
        data = draw(
            st.fixed_dictionaries(
                {"config_entry_id": st.one_of(st.just(ENTRY_ID), JSONISH)},
                optional={"position": st.one_of(st.text(max_size=60), JSONISH)},
            )
        )
        if draw(st.booleans()):
            data["when"] = draw(MOMENTS)
    else:
        data = draw(payloads(service))
    field = {
        "log_episode": "note",
        "log_activity": "activity",
        "log_repositioned": "position",
    }.get(service)
    if field is not None and draw(st.integers(min_value=0, max_value=2)):
        data[field] = draw(HOSTILE)
    return data


# --- harness -------------------------------------------------------------------


def _stored(hass_storage: dict[str, Any]) -> dict[str, Any]:
    """The stored log (episodes, activities and repositionings)."""
    stored = hass_storage.get(STORAGE_KEY)
    empty: dict[str, Any] = {"episodes": [], "activities": [], "repositionings": []}
    return {**empty, **stored["data"]} if stored else empty


async def _fuzz(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    group: str,
    user_id: str,
    batch: list[tuple[str, dict[str, Any]]],
    tally: Counter[str],
) -> None:
    """Make every call as this user; check it was allowed, or refused cleanly."""
    for service, data in batch:
        before = repr(_stored(hass_storage))
        tally["calls"] += 1
        try:
            await hass.services.async_call(
                DOMAIN,
                service,
                data,
                blocking=True,
                context=Context(user_id=user_id),
                return_response=RESPONSE[service],
            )
        except REFUSALS as err:
            tally["unauthorized" if isinstance(err, Unauthorized) else "invalid"] += 1
            assert repr(_stored(hass_storage)) == before, (group, service, data)
            continue
        tally["accepted"] += 1
        assert service in MAY[group], (group, service, data)


def _everything_stored_is_storable(hass_storage: dict[str, Any]) -> None:
    """No stored text could fail a write; no CSV cell runs as a formula."""
    stored = _stored(hass_storage)
    for item in stored["episodes"] + stored["activities"] + stored["repositionings"]:
        for value in item.values():
            assert not (isinstance(value, str) and UNSTORABLE.search(value)), item
    for row in csv.DictReader(io.StringIO(to_csv(stored), newline="")):
        for column, cell in row.items():
            if column not in ("temperature_c", "temperature_f"):
                assert not cell.startswith(FORMULA), (column, cell)


@pytest.fixture
def tally(request: pytest.FixtureRequest) -> Iterator[Counter[str]]:
    """Count one test's calls; fail it if it made fewer than its share."""
    counts: Counter[str] = Counter()
    yield counts
    TOTAL.update(counts)
    print(  # noqa: T201
        f"\n{request.node.name}: {counts['calls']} calls ({counts['accepted']} "
        f"accepted, {counts['invalid']} invalid, {counts['unauthorized']} "
        f"unauthorized, 0 unhandled); file total so far {TOTAL['calls']}"
    )
    assert counts["calls"] >= CALLS_PER_TEST


@pytest.mark.parametrize("group", list(MAY), ids=["admin", "user", "read-only"])
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
    derandomize=True,
)
@given(data=st.data())
async def test_fuzz_as_each_user(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    tally: Counter[str],
    group: str,
    data: st.DataObject,
) -> None:
    """Arbitrary calls of every action as one user: allowed, or refused cleanly."""
    user = await user_in(hass, group, f"fuzz {group}")
    batch = [
        (service, data.draw(calls(service)))
        for service in data.draw(
            st.lists(st.sampled_from(SERVICES), min_size=30, max_size=30)
        )
    ]
    await _fuzz(hass, hass_storage, group, user.id, batch, tally)
    _everything_stored_is_storable(hass_storage)


def test_every_kind_of_user_was_fuzzed() -> None:
    """Each user made calls, and some were accepted (run after the fuzzers above)."""
    print(f"\nfuzzed calls as users: {TOTAL}")  # noqa: T201
    assert TOTAL["calls"] >= 3 * CALLS_PER_TEST
    assert TOTAL["accepted"] > 0
    assert TOTAL["unauthorized"] > 0
