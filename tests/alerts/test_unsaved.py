"""A severe cramp that could not be written still calls a caregiver.

A full disk is no reason for nobody to come at 3 a.m.: the person is told the
cramp was not saved (a translated error), and the alert goes out all the same.
Users' automations hear nothing: `als_comfort_episode_logged` says what is in
the log, and this cramp is not.
"""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import storage
from homeassistant.util.file import WriteError
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.als_comfort.const import (
    DEFAULT_OPTIONS,
    DOMAIN,
    EVENT_EPISODE_LOGGED,
)
from tests.conftest import (
    GO_NOW,
    PAUL,
    Phones,
    alerts_entry,
    log_severe_cramp,
    settle_tasks,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")


@pytest.fixture
def mock_config_entry() -> MockConfigEntry:
    """Diane's entry with Paul as her caregiver (comforts left out)."""
    return alerts_entry([PAUL], dict(DEFAULT_OPTIONS))


@pytest.mark.parametrize(("kind", "severity"), [("cramp", 9), ("spasticity", 9)])
async def test_a_cramp_not_written_is_still_alerted(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    phones: Phones,
    kind: str,
    severity: int,
) -> None:
    """The disk is full: the 9/10 cramp is refused as unsaved, and Paul is called."""
    logged = async_capture_events(hass, EVENT_EPISODE_LOGGED)
    full = WriteError(OSError(28, "No space left on device"))
    with (
        patch.object(storage.Store, "_async_write_data", side_effect=full),
        pytest.raises(HomeAssistantError) as failed,
    ):
        await hass.services.async_call(
            DOMAIN,
            "log_episode",
            {
                "config_entry_id": init_integration.entry_id,
                "kind": kind,
                "body_area": "calf",
                "severity": severity,
            },
            blocking=True,
        )
    await settle_tasks(hass)

    assert failed.value.translation_key == "log_not_saved"
    assert logged == []
    assert init_integration.runtime_data.coordinator.log.episodes == []
    sent = [call.data["message"] for call in phones[PAUL]]
    if kind == "cramp":
        assert sent == [f"Diane logged a severe cramp (9/10) in the calf.{GO_NOW}"]
    else:
        assert sent == []  # only a severe cramp calls at once


async def test_a_cramp_written_is_alerted_once(
    hass: HomeAssistant, init_integration: MockConfigEntry, phones: Phones
) -> None:
    """When the disk works, the same cramp is logged, announced and alerted once."""
    logged: list[Any] = async_capture_events(hass, EVENT_EPISODE_LOGGED)
    await log_severe_cramp(hass, severity=9)
    await settle_tasks(hass)
    assert len(logged) == 1
    assert len(phones[PAUL]) == 1
