"""Tests that the integration serves its dashboard card and loads it in the frontend."""

from __future__ import annotations

from http import HTTPStatus
import json

from homeassistant.components.frontend import DATA_EXTRA_MODULE_URL
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.als_comfort.const import DOMAIN
from custom_components.als_comfort.frontend import CARD_FILE, CARD_URL

from .test_metadata import INTEGRATION


async def test_card_is_served(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """The card's module is served as JavaScript, with the card's definition."""
    client = await hass_client()
    response = await client.get(CARD_URL)
    assert response.status == HTTPStatus.OK
    assert response.content_type in {"application/javascript", "text/javascript"}
    body = await response.text()
    assert 'customElements.define("als-comfort-card"' in body
    assert body == CARD_FILE.read_text(encoding="utf-8")


async def test_card_is_loaded_by_the_frontend(
    hass: HomeAssistant, bedroom: None, mock_config_entry: MockConfigEntry
) -> None:
    """With the frontend, the card is an extra module with a cache-busting version."""
    assert await async_setup_component(hass, "frontend", {})
    mock_config_entry.add_to_hass(hass)
    assert await async_setup_component(hass, DOMAIN, {})
    await hass.async_block_till_done()
    version = json.loads((INTEGRATION / "manifest.json").read_text())["version"]
    assert f"{CARD_URL}?v={version}" in hass.data[DATA_EXTRA_MODULE_URL].urls


async def test_card_without_the_frontend(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Without the frontend, the card is served but no module list is touched."""
    assert "frontend" not in hass.config.components
    assert DATA_EXTRA_MODULE_URL not in hass.data
