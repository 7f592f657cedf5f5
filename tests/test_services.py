"""Tests for the logging actions: refusals change nothing, valid calls are stored."""

from __future__ import annotations

from datetime import timedelta
import json
from typing import Any

from homeassistant.auth.models import User
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import ServiceValidationError, Unauthorized
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.als_comfort.const import DOMAIN

from .conftest import set_temperature

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

STORAGE_KEY = "als_comfort.01KALSCOMFORTTESTENTRY0000"
ENGLISH = json.loads(
    open(  # noqa: SIM115
        "custom_components/als_comfort/translations/en.json", encoding="utf-8"
    ).read()
)


async def _call(
    hass: HomeAssistant, service: str, data: dict[str, Any], **kwargs: Any
) -> Any:
    """Call an action of the integration and wait for it."""
    return await hass.services.async_call(
        DOMAIN, service, data, blocking=True, **kwargs
    )


def _stored(hass_storage: dict[str, Any]) -> str:
    """Return the stored log exactly as it would be written."""
    return json.dumps(hass_storage.get(STORAGE_KEY), sort_keys=True)


def _ago(**delta: float) -> str:
    """Return an ISO time this long before now."""
    return (dt_util.utcnow() - timedelta(**delta)).isoformat()


ACTIVITY = {"minutes": 30, "intensity": "moderate", "activity": "walk"}
EPISODE = {"kind": "cramp", "body_area": "calf", "severity": 5}
# A valid call of each logging action, and the part of the log it adds to.
BASES: dict[str, dict[str, Any]] = {
    "log_activity": ACTIVITY,
    "log_episode": EPISODE,
    "log_repositioned": {"position": "left side"},
}
PARTS = {
    "log_activity": "activities",
    "log_episode": "episodes",
    "log_repositioned": "repositionings",
}


@pytest.mark.parametrize(
    ("service", "changes", "key"),
    [
        pytest.param("log_activity", {"minutes": 0}, "invalid_minutes", id="minutes-0"),
        pytest.param(
            "log_activity", {"minutes": 601}, "invalid_minutes", id="minutes-601"
        ),
        pytest.param(
            "log_activity", {"minutes": 2.5}, "invalid_minutes", id="minutes-2.5"
        ),
        pytest.param(
            "log_activity", {"minutes": "x"}, "invalid_minutes", id="minutes-text"
        ),
        pytest.param(
            "log_activity", {"minutes": True}, "invalid_minutes", id="minutes-bool"
        ),
        pytest.param(
            "log_activity",
            {"intensity": "extreme"},
            "invalid_intensity",
            id="intensity",
        ),
        pytest.param(
            "log_activity",
            {"activity": "a" * 101},
            "invalid_activity",
            id="activity-101",
        ),
        pytest.param(
            "log_activity",
            {"when": "2026-11-25T23:10:00+00:00"},
            "invalid_when",
            id="activity-future",
        ),
        pytest.param(
            "log_activity",
            {"when": "2026-11-17T23:00:00+00:00"},
            "invalid_when",
            id="activity-8-days",
        ),
        pytest.param("log_activity", {"when": "soon"}, "invalid_when", id="when-text"),
        pytest.param("log_episode", {"kind": "headache"}, "invalid_kind", id="kind"),
        pytest.param(
            "log_episode", {"body_area": "toe"}, "invalid_body_area", id="area"
        ),
        pytest.param(
            "log_episode", {"severity": 0}, "invalid_severity", id="severity-0"
        ),
        pytest.param(
            "log_episode", {"severity": 11}, "invalid_severity", id="severity-11"
        ),
        pytest.param("log_episode", {"note": "n" * 501}, "invalid_note", id="note-501"),
        pytest.param(
            "log_episode",
            {"duration_minutes": 0},
            "invalid_duration_minutes",
            id="dur-0",
        ),
        pytest.param(
            "log_episode",
            {"when": "2026-11-26T00:00:00+00:00"},
            "invalid_when",
            id="episode-future",
        ),
        pytest.param(
            "log_episode",
            {"when": "2026-11-18T22:59:00+00:00"},
            "invalid_when",
            id="ep-old",
        ),
        pytest.param(
            "log_episode", {"mood": "bad"}, "invalid_field", id="unknown-field"
        ),
        pytest.param(
            "log_episode",
            {"config_entry_id": "01NOSUCHENTRY000000000000"},
            "entry_not_found",
            id="unknown-entry",
        ),
    ],
)
async def test_refusals_change_nothing(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    service: str,
    changes: dict[str, Any],
    key: str,
) -> None:
    """Each bad field is refused with its translated message; the log is untouched."""
    entry_id = init_integration.entry_id
    base = ACTIVITY if service == "log_activity" else EPISODE
    await _call(hass, service, {"config_entry_id": entry_id, **base})
    before = _stored(hass_storage)

    with pytest.raises(ServiceValidationError) as refused:
        await _call(hass, service, {"config_entry_id": entry_id, **base, **changes})

    assert refused.value.translation_domain == DOMAIN
    assert refused.value.translation_key == key
    assert key in ENGLISH["exceptions"]
    assert _stored(hass_storage) == before
    assert hass.states.get("sensor.diane_last_episode") is not None


async def test_unloaded_entry_is_refused(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    """An entry that is not running refuses logging, and actions stay registered."""
    await hass.config_entries.async_unload(init_integration.entry_id)
    await hass.async_block_till_done()
    assert hass.services.has_service(DOMAIN, "log_episode")
    with pytest.raises(ServiceValidationError) as refused:
        await _call(
            hass,
            "log_episode",
            {"config_entry_id": init_integration.entry_id, **EPISODE},
        )
    assert refused.value.translation_key == "entry_not_loaded"
    assert refused.value.translation_placeholders == {"name": "Diane"}
    assert STORAGE_KEY not in hass_storage


async def test_episode_is_stored_with_its_conditions(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    """A cramp is on disk when the call returns, with the room and load of its moment."""
    entry_id = init_integration.entry_id
    set_temperature(hass, 18.2)
    await _call(hass, "log_activity", {"config_entry_id": entry_id, **ACTIVITY})
    response = await _call(
        hass,
        "log_episode",
        {
            "config_entry_id": entry_id,
            **EPISODE,
            "severity": 8,
            "note": "after reading",
        },
        return_response=True,
    )

    stored = hass_storage[STORAGE_KEY]["data"]["episodes"]
    assert len(stored) == 1
    episode = stored[0]
    assert episode["id"] == response["id"]
    assert episode["kind"] == "cramp"
    assert episode["body_area"] == "calf"
    assert episode["severity"] == 8
    assert episode["note"] == "after reading"
    assert episode["when"] == "2026-11-25T23:00:00+00:00"
    assert episode["conditions"] == {
        "temperature_c": 18.2,
        "night_window": True,
        "exertion_load": 30.0,
    }

    last = hass.states.get("sensor.diane_last_episode")
    assert last.state == "2026-11-25T23:00:00+00:00"
    assert last.attributes["kind"] == "cramp"
    assert last.attributes["body_area"] == "calf"
    assert last.attributes["severity"] == 8
    assert hass.states.get("sensor.diane_cramps_24h").state == "1"
    assert hass.states.get("binary_sensor.diane_cramp_cluster").state == "on"
    assert hass.states.get("sensor.diane_cramp_risk").state == "high"


async def test_past_episode_has_no_live_temperature(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    """An episode logged for two hours ago does not get today's room reading."""
    await _call(
        hass,
        "log_episode",
        {
            "config_entry_id": init_integration.entry_id,
            "kind": "spasticity",
            "when": "2026-11-25T12:00:00",  # local (London) time
        },
    )
    episode = hass_storage[STORAGE_KEY]["data"]["episodes"][0]
    assert episode["body_area"] == "unspecified"
    assert episode["when"] == "2026-11-25T12:00:00+00:00"
    assert episode["conditions"]["temperature_c"] is None
    assert episode["conditions"]["night_window"] is False
    assert hass.states.get("sensor.diane_spasticity_24h").state == "1"
    assert hass.states.get("sensor.diane_cramps_24h").state == "0"


async def test_activity_raises_exertion(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    """Forty-five vigorous minutes are 90 moderate-minutes: 150 % and overexertion."""
    await _call(
        hass,
        "log_activity",
        {
            "config_entry_id": init_integration.entry_id,
            "minutes": 45,
            "intensity": "vigorous",
        },
    )
    activity = hass_storage[STORAGE_KEY]["data"]["activities"][0]
    assert activity["load"] == 90
    assert activity["activity"] == ""
    assert hass.states.get("sensor.diane_exertion_load").state == "150.0"
    assert hass.states.get("binary_sensor.diane_overexertion").state == "on"


async def test_counts_roll_off_after_24_hours(
    hass: HomeAssistant, init_integration: MockConfigEntry, freezer: Any
) -> None:
    """A fasciculation logged now leaves the 24-hour count exactly a day later."""
    from pytest_homeassistant_custom_component.common import async_fire_time_changed

    await _call(
        hass,
        "log_episode",
        {"config_entry_id": init_integration.entry_id, "kind": "fasciculation"},
    )
    assert hass.states.get("sensor.diane_fasciculations_24h").state == "1"
    freezer.tick(timedelta(hours=23, minutes=59))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get("sensor.diane_fasciculations_24h").state == "1"
    freezer.tick(timedelta(minutes=1))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get("sensor.diane_fasciculations_24h").state == "0"


async def test_export_returns_the_log(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """The export has every entry, and start/end narrow it."""
    entry_id = init_integration.entry_id
    await _call(
        hass,
        "log_episode",
        {"config_entry_id": entry_id, **EPISODE, "when": _ago(hours=30)},
    )
    await _call(
        hass, "log_episode", {"config_entry_id": entry_id, "kind": "spasticity"}
    )
    await _call(hass, "log_activity", {"config_entry_id": entry_id, **ACTIVITY})

    everything = await _call(
        hass, "export_log", {"config_entry_id": entry_id}, return_response=True
    )
    assert [item["kind"] for item in everything["episodes"]] == ["cramp", "spasticity"]
    assert [item["minutes"] for item in everything["activities"]] == [30]

    recent = await _call(
        hass,
        "export_log",
        {"config_entry_id": entry_id, "start": _ago(hours=1), "end": _ago(minutes=0)},
        return_response=True,
    )
    assert [item["kind"] for item in recent["episodes"]] == ["spasticity"]
    assert len(recent["activities"]) == 1


async def test_delete_is_for_administrators(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    hass_admin_user: User,
    hass_read_only_user: User,
) -> None:
    """A non-admin cannot delete; an admin can; an unknown id is refused."""
    entry_id = init_integration.entry_id
    logged = await _call(
        hass,
        "log_episode",
        {"config_entry_id": entry_id, **EPISODE},
        return_response=True,
    )
    request = {"config_entry_id": entry_id, "entry_id": logged["id"]}

    with pytest.raises(Unauthorized):
        await _call(
            hass,
            "delete_log_entry",
            request,
            context=Context(user_id=hass_read_only_user.id),
        )
    assert len(hass_storage[STORAGE_KEY]["data"]["episodes"]) == 1

    await _call(
        hass, "delete_log_entry", request, context=Context(user_id=hass_admin_user.id)
    )
    assert hass_storage[STORAGE_KEY]["data"]["episodes"] == []
    assert hass.states.get("sensor.diane_cramps_24h").state == "0"

    with pytest.raises(ServiceValidationError) as refused:
        await _call(hass, "delete_log_entry", request)
    assert refused.value.translation_key == "log_entry_not_found"


async def test_buttons_log_unspecified_episodes(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    """Each one-tap button logs its kind with body area `unspecified`."""
    for button in ("log_cramp", "log_spasticity", "log_fasciculation"):
        await hass.services.async_call(
            "button", "press", {"entity_id": f"button.diane_{button}"}, blocking=True
        )
    stored = hass_storage[STORAGE_KEY]["data"]["episodes"]
    assert sorted(item["kind"] for item in stored) == [
        "cramp",
        "fasciculation",
        "spasticity",
    ]
    assert {item["body_area"] for item in stored} == {"unspecified"}
    assert hass.states.get("sensor.diane_cramps_24h").state == "1"


@pytest.mark.parametrize(
    ("service", "field", "text"),
    [
        pytest.param("log_episode", "note", "woke \ud800 at three", id="surrogate"),
        pytest.param("log_episode", "note", "\udfff", id="low-surrogate"),
        pytest.param("log_episode", "note", "a\x00b", id="nul"),
        pytest.param("log_episode", "note", "\x1b[31mred", id="escape"),
        pytest.param("log_episode", "note", "line\r\nbreak", id="carriage-return"),
        pytest.param("log_episode", "note", "del\x7f", id="delete"),
        pytest.param("log_episode", "note", "next\x85line", id="c1-control"),
        pytest.param("log_activity", "activity", "walk \ud83d", id="activity"),
        pytest.param("log_activity", "activity", "bell\x07", id="activity-bell"),
        pytest.param("log_repositioned", "position", "left\ud800", id="position"),
    ],
)
async def test_unstorable_text_is_refused(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    service: str,
    field: str,
    text: str,
) -> None:
    """Text the log could not write is refused, and later saves still work.

    The bad night: a lone surrogate from YAML or a template was accepted, and
    every later save failed, losing what was logged after it at restart.
    """
    entry_id = init_integration.entry_id
    base = BASES[service]
    await _call(hass, service, {"config_entry_id": entry_id, **base})
    before = _stored(hass_storage)

    with pytest.raises(ServiceValidationError) as refused:
        await _call(hass, service, {"config_entry_id": entry_id, **base, field: text})
    assert refused.value.translation_domain == DOMAIN
    assert refused.value.translation_key == "unstorable_text"
    assert refused.value.translation_placeholders == {"field": field}
    assert "unstorable_text" in ENGLISH["exceptions"]
    assert _stored(hass_storage) == before

    logged = await _call(
        hass,
        service,
        {"config_entry_id": entry_id, **base},
        return_response=True,
    )
    part = PARTS[service]
    stored = hass_storage[STORAGE_KEY]["data"][part]
    assert [item["id"] for item in stored][-1] == logged["id"]
    assert len(stored) == 2


@pytest.mark.parametrize(
    "text",
    [
        "line one\nline two\tand a tab",
        # A nurse emoji (joined by zero-width joiners) and a leg.
        "\U0001f469\U0001f3fd\u200d\u2695\ufe0f said: \U0001f9b5 cramp",
        # Hebrew in direction marks (format characters, not controls), and more.
        "\u202b\u05e9\u05dc\u05d5\u05dd\u202c, caf\u00e9, \u00c6r\u00f8, \u65e5\u672c",
        "=1+2",  # stored as typed; the CSV defuses it
    ],
)
async def test_storable_text_is_kept(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    text: str,
) -> None:
    """Newlines, tabs and every real character are kept exactly."""
    await _call(
        hass,
        "log_episode",
        {"config_entry_id": init_integration.entry_id, **EPISODE, "note": text},
    )
    [stored] = hass_storage[STORAGE_KEY]["data"]["episodes"]
    assert stored["note"] == text
