"""Tests that the integration serves its dashboard card and loads it in the frontend."""

from __future__ import annotations

from http import HTTPStatus
import re

from homeassistant.components.frontend import DATA_EXTRA_MODULE_URL
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.als_comfort.const import DOMAIN
from custom_components.als_comfort.frontend import CARD_FILE, CARD_URL, card_digest


async def test_card_is_served(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """The card's built module is served as JavaScript, with both its elements."""
    client = await hass_client()
    response = await client.get(CARD_URL)
    assert response.status == HTTPStatus.OK
    assert response.content_type in {"application/javascript", "text/javascript"}
    body = await response.text()
    assert body == CARD_FILE.read_text(encoding="utf-8")
    assert '"als-comfort-card"' in body
    assert '"als-comfort-card-editor"' in body
    assert "customCards" in body


async def test_card_is_loaded_by_the_frontend(
    hass: HomeAssistant, bedroom: None, mock_config_entry: MockConfigEntry
) -> None:
    """With the frontend, the card is an extra module named by its content's hash."""
    assert await async_setup_component(hass, "frontend", {})
    mock_config_entry.add_to_hass(hass)
    assert await async_setup_component(hass, DOMAIN, {})
    await hass.async_block_till_done()
    urls = [url for url in hass.data[DATA_EXTRA_MODULE_URL].urls if CARD_URL in url]
    assert urls == [f"{CARD_URL}?v={card_digest()}"]
    assert re.fullmatch(r"[0-9a-f]{12}", card_digest())
    assert CARD_URL.startswith(f"/{DOMAIN}/")


async def test_card_without_the_frontend(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Without the frontend, the card is served but no module list is touched."""
    assert "frontend" not in hass.config.components
    assert DATA_EXTRA_MODULE_URL not in hass.data
