"""Who may do what (SPEC §11): every action and the CSV, for every kind of user.

An administrator may do everything; a call without a user (an automation, a
script) is allowed, as in core. A non-administrator with control of the
person's entities may log, acknowledge and call for help, but neither read nor delete the
log; a read-only user may do none of it. A refusal is Home Assistant's
`Unauthorized`, translated, and changes nothing.
"""

from __future__ import annotations

from http import HTTPStatus
import json
from typing import Any

from homeassistant.auth.const import GROUP_ID_ADMIN, GROUP_ID_READ_ONLY, GROUP_ID_USER
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import Unauthorized
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.als_comfort.const import DOMAIN

from .conftest import access_token, user_in

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

ENTRY_ID = "01KALSCOMFORTTESTENTRY0000"
STORAGE_KEY = f"als_comfort.{ENTRY_ID}"
URL = f"/api/als_comfort/{ENTRY_ID}/export.csv"
ENGLISH = json.loads(
    open(  # noqa: SIM115
        "custom_components/als_comfort/translations/en.json", encoding="utf-8"
    ).read()
)["exceptions"]

# A valid call of each action; `delete_log_entry` gets a real id at run time.
CALLS: dict[str, dict[str, Any]] = {
    "log_activity": {"minutes": 20, "intensity": "moderate", "activity": "walk"},
    "log_episode": {"kind": "cramp", "body_area": "calf", "severity": 10},
    "log_repositioned": {"position": "left side"},
    "acknowledge_alert": {},
    "call_for_help": {"message": "Please come"},
    "export_log": {},
    "delete_log_entry": {},
}
ADMIN_ONLY = ("export_log", "delete_log_entry")
CONTROL = (
    "log_activity",
    "log_episode",
    "log_repositioned",
    "acknowledge_alert",
    "call_for_help",
)


def _stored(hass_storage: dict[str, Any]) -> str:
    """The stored log exactly as it would be written."""
    return json.dumps(hass_storage.get(STORAGE_KEY), sort_keys=True)


async def _call(
    hass: HomeAssistant, service: str, user_id: str | None, **data: Any
) -> Any:
    """Call an action as this user, with its valid data."""
    return await hass.services.async_call(
        DOMAIN,
        service,
        {"config_entry_id": ENTRY_ID, **CALLS[service], **data},
        blocking=True,
        context=Context(user_id=user_id),
        return_response=service
        not in {"acknowledge_alert", "call_for_help", "delete_log_entry"},
    )


async def _a_logged_id(hass: HomeAssistant) -> str:
    """Log a severe cramp as an automation would (Paul is alerted); return its id."""
    response = await _call(hass, "log_episode", None, severity=8)
    await hass.async_block_till_done(wait_background_tasks=True)
    return str(response["id"])


def _refused_in_words(refused: Unauthorized, key: str) -> None:
    """The refusal is Home Assistant's own, with a translated message."""
    assert refused.translation_domain == DOMAIN
    assert refused.translation_key == key
    assert key in ENGLISH
    # Home Assistant drops the final full stop of an exception message.
    assert str(refused) == ENGLISH[key]["message"].format(
        **(refused.translation_placeholders or {})
    ).rstrip(".")


@pytest.mark.parametrize(
    ("group", "service"),
    [(GROUP_ID_READ_ONLY, service) for service in CALLS]
    + [(GROUP_ID_USER, service) for service in ADMIN_ONLY],
)
async def test_non_administrators_are_refused(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    group: str,
    service: str,
) -> None:
    """A read-only user is refused everything; a user with control only the log."""
    user = await user_in(hass, group, "Sam")
    entry_id = await _a_logged_id(hass)
    before = _stored(hass_storage)
    extra = {"entry_id": entry_id} if service == "delete_log_entry" else {}
    with pytest.raises(Unauthorized) as refused:
        await _call(hass, service, user.id, **extra)
    if service in ADMIN_ONLY:
        _refused_in_words(refused.value, "admin_only")
        assert refused.value.translation_placeholders == {
            "action": f"als_comfort.{service}"
        }
    else:
        _refused_in_words(refused.value, "not_allowed")
        assert refused.value.translation_placeholders == {
            "action": f"als_comfort.{service}",
            "name": "Diane",
        }
    assert _stored(hass_storage) == before
    assert init_integration.runtime_data.alerts.state.open is not None


@pytest.mark.parametrize(
    ("group", "allowed"),
    [
        (GROUP_ID_ADMIN, set(CALLS)),
        (GROUP_ID_USER, set(CONTROL)),
        (GROUP_ID_READ_ONLY, set()),
        (None, set(CALLS)),  # an automation or a script
    ],
    ids=["admin", "user", "read-only", "no-user"],
)
async def test_who_may_do_what(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    group: str | None,
    allowed: set[str],
) -> None:
    """Each kind of user, each action: done, or refused with nothing changed."""
    user_id = (await user_in(hass, group, "Sam")).id if group else None
    done = set()
    for service in CALLS:
        entry_id = await _a_logged_id(hass)
        extra = {"entry_id": entry_id} if service == "delete_log_entry" else {}
        before = _stored(hass_storage)
        try:
            await _call(hass, service, user_id, **extra)
        except Unauthorized:
            assert _stored(hass_storage) == before
            continue
        done.add(service)
    assert done == allowed
    # Every logged severe cramp alerts anew, so the last alert may be open
    # again; who acknowledged is what tells.
    acknowledged = init_integration.runtime_data.alerts.state.acknowledged
    assert (acknowledged is not None) is ("acknowledge_alert" in allowed)
    if acknowledged is not None:
        assert acknowledged["user_id"] == user_id


async def test_an_unknown_user_id_is_refused(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    """An id of no user is refused everything, not taken for "no user"."""
    entry_id = await _a_logged_id(hass)
    before = _stored(hass_storage)
    for service in CALLS:
        extra = {"entry_id": entry_id} if service == "delete_log_entry" else {}
        with pytest.raises(Unauthorized):
            await _call(hass, service, "nobody-has-this-id", **extra)
    assert _stored(hass_storage) == before


async def test_control_is_checked_per_button(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    """A night nurse allowed only the Acknowledge button may acknowledge, not log."""
    nurse = MockUser(name="Night nurse").add_to_hass(hass)
    nurse.mock_policy(
        {"entities": {"entity_ids": {"button.diane_acknowledge_alert": True}}}
    )
    await _a_logged_id(hass)
    before = _stored(hass_storage)

    for service in ("log_episode", "log_activity", "log_repositioned"):
        with pytest.raises(Unauthorized):
            await _call(hass, service, nurse.id)
    assert _stored(hass_storage) == before

    await _call(hass, "acknowledge_alert", nurse.id)
    await hass.async_block_till_done(wait_background_tasks=True)
    state = hass.states.get("event.diane_comfort_alert")
    assert state.attributes["event_type"] == "acknowledged"
    assert state.attributes["acknowledged_by"] == "Night nurse"


@pytest.mark.parametrize(
    "button",
    [
        "log_cramp",
        "log_spasticity",
        "log_fasciculation",
        "log_repositioned",
        "acknowledge_alert",
    ],
)
async def test_buttons_are_guarded_by_home_assistant(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    hass_read_only_user: MockUser,
    button: str,
) -> None:
    """A read-only user's press is refused by Home Assistant's own entity check."""
    await _a_logged_id(hass)
    before = _stored(hass_storage)
    with pytest.raises(Unauthorized):
        await hass.services.async_call(
            "button",
            "press",
            {"entity_id": f"button.diane_{button}"},
            blocking=True,
            context=Context(user_id=hass_read_only_user.id),
        )
    await hass.async_block_till_done(wait_background_tasks=True)
    assert _stored(hass_storage) == before
    assert init_integration.runtime_data.alerts.state.open is not None


@pytest.mark.parametrize(
    ("group", "status"),
    [
        (GROUP_ID_ADMIN, HTTPStatus.OK),
        (GROUP_ID_USER, HTTPStatus.FORBIDDEN),
        (GROUP_ID_READ_ONLY, HTTPStatus.FORBIDDEN),
    ],
    ids=["admin", "user", "read-only"],
)
async def test_csv_is_for_administrators(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
    group: str,
    status: HTTPStatus,
) -> None:
    """Only an administrator's token gets the CSV; others get 403 and no log."""
    await _call(hass, "log_episode", None, note="Zorblax-private")
    token = await access_token(hass, await user_in(hass, group, "Sam"))
    client = await hass_client_no_auth()
    for entry_id in (ENTRY_ID, "01NOSUCHENTRY000000000000"):
        response = await client.get(
            f"/api/als_comfort/{entry_id}/export.csv",
            headers={"Authorization": f"Bearer {token}"},
        )
        text = await response.text()
        if status is HTTPStatus.OK and entry_id != ENTRY_ID:
            assert response.status == HTTPStatus.NOT_FOUND
            continue
        assert response.status == status
        assert ("Zorblax-private" in text) is (status is HTTPStatus.OK)
