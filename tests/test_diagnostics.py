"""Tests for diagnostics: useful, and free of the person's private details."""

from __future__ import annotations

import json

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from custom_components.als_comfort.const import DOMAIN

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")


async def test_diagnostics_redact_private_details(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
    snapshot: SnapshotAssertion,
) -> None:
    """Name, notes and notify targets appear nowhere; the rest is a stable snapshot."""
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {
            "config_entry_id": init_integration.entry_id,
            "kind": "cramp",
            "note": "secret-note-text",
        },
        blocking=True,
    )
    diagnostics = await get_diagnostics_for_config_entry(
        hass, hass_client, init_integration
    )

    text = json.dumps(diagnostics).lower()
    for private in ("diane", "secret-note-text", "mobile_app_pauls_phone"):
        assert private not in text
    assert diagnostics["log"]["episodes_by_kind"] == {"cramp": 1}
    assert diagnostics == snapshot(
        exclude=props("created_at", "modified_at", "entry_id")
    )
