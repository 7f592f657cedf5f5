"""Who may read and delete a person's log, and what diagnostics give away."""

from __future__ import annotations

from http import HTTPStatus
import json
from typing import Any

from homeassistant.auth.models import User
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import Unauthorized
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.als_comfort.const import DOMAIN
from tests.conftest import CAREGIVER_PHONE

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

URL = "/api/als_comfort/{}/export.csv"
STORAGE_KEY = "als_comfort.01KALSCOMFORTTESTENTRY0000"
NOTE = "Zorblax-private-note: woke at three"


def _stored(hass_storage: dict[str, Any]) -> str:
    """The stored log exactly as it would be written."""
    return json.dumps(hass_storage.get(STORAGE_KEY), sort_keys=True)


async def _log_noted_cramp(hass: HomeAssistant, entry_id: str) -> str:
    """Log a cramp with a private note; return its id."""
    response = await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {"config_entry_id": entry_id, "kind": "cramp", "severity": 4, "note": NOTE},
        blocking=True,
        return_response=True,
    )
    return str(response["id"])


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer "},
        {"Authorization": "Bearer not-a-token"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
    ],
    ids=["none", "empty", "garbage", "basic"],
)
async def test_export_without_a_valid_token_is_401(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
    headers: dict[str, str],
) -> None:
    """No valid token: 401, nothing of the log in the answer, for any entry id."""
    await _log_noted_cramp(hass, init_integration.entry_id)
    client = await hass_client_no_auth()
    for entry_id in (init_integration.entry_id, "01NOSUCHENTRY000000000000"):
        response = await client.get(URL.format(entry_id), headers=headers)
        assert response.status == HTTPStatus.UNAUTHORIZED
        text = await response.text()
        assert "zorblax" not in text.lower()
        assert "cramp" not in text.lower()


async def test_export_with_a_non_admin_token_is_forbidden(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
    hass_read_only_access_token: str,
) -> None:
    """The CSV is for administrators only (SPEC §11), like core's downloads.

    A logged-in user who is not an administrator gets 403 and nothing of the
    log, for a real entry id and an unknown one alike.
    """
    await _log_noted_cramp(hass, init_integration.entry_id)
    client = await hass_client_no_auth()
    for entry_id in (init_integration.entry_id, "01NOSUCHENTRY000000000000"):
        response = await client.get(
            URL.format(entry_id),
            headers={"Authorization": f"Bearer {hass_read_only_access_token}"},
        )
        assert response.status == HTTPStatus.FORBIDDEN
        text = await response.text()
        assert "zorblax" not in text.lower()
        assert "cramp" not in text.lower()


async def test_delete_as_non_admin_is_unauthorized(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    hass_read_only_user: User,
    hass_admin_user: User,
) -> None:
    """A non-admin cannot delete: real or unknown ids, valid or junk data."""
    entry_id = init_integration.entry_id
    episode_id = await _log_noted_cramp(hass, entry_id)
    before = _stored(hass_storage)
    context = Context(user_id=hass_read_only_user.id)
    for data in (
        {"config_entry_id": entry_id, "entry_id": episode_id},
        {"config_entry_id": entry_id, "entry_id": "01NOSUCHLOGENTRY0000000000"},
        {"config_entry_id": "01NOSUCHENTRY000000000000", "entry_id": episode_id},
        {"config_entry_id": entry_id},
        {"junk": [1, None]},
    ):
        with pytest.raises(Unauthorized):
            await hass.services.async_call(
                DOMAIN, "delete_log_entry", data, blocking=True, context=context
            )
        assert _stored(hass_storage) == before
    assert len(hass_storage[STORAGE_KEY]["data"]["episodes"]) == 1

    # An unknown user id is refused too, not taken for "no user".
    with pytest.raises(Unauthorized):
        await hass.services.async_call(
            DOMAIN,
            "delete_log_entry",
            {"config_entry_id": entry_id, "entry_id": episode_id},
            blocking=True,
            context=Context(user_id="nobody-with-this-id"),
        )
    assert _stored(hass_storage) == before

    # The admin can, so the refusals above were about the user, not the data.
    await hass.services.async_call(
        DOMAIN,
        "delete_log_entry",
        {"config_entry_id": entry_id, "entry_id": episode_id},
        blocking=True,
        context=Context(user_id=hass_admin_user.id),
    )
    assert hass_storage[STORAGE_KEY]["data"]["episodes"] == []


async def test_diagnostics_hold_no_private_details(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """Name, notes and notify targets appear nowhere, in any letter case."""
    entry_id = init_integration.entry_id
    await _log_noted_cramp(hass, entry_id)
    await hass.services.async_call(
        DOMAIN,
        "log_activity",
        {
            "config_entry_id": entry_id,
            "minutes": 30,
            "intensity": "light",
            "activity": "walk with Zorblax",
        },
        blocking=True,
    )
    await hass.async_block_till_done()
    diagnostics = await get_diagnostics_for_config_entry(
        hass, hass_client, init_integration
    )
    text = json.dumps(diagnostics).lower()
    private = (
        "diane",
        NOTE.lower(),
        "zorblax",
        CAREGIVER_PHONE.lower(),
        CAREGIVER_PHONE.removeprefix("notify.").lower(),
        "pauls_phone",
    )
    leaked = [item for item in private if item in text]
    assert leaked == []
    assert diagnostics["log"]["episodes_by_kind"] == {"cramp": 1}
