"""Serve the `custom:als-comfort-card` dashboard card and load it in the frontend."""

from __future__ import annotations

from pathlib import Path

from homeassistant.components.frontend import add_extra_js_url
from homeassistant.components.http.server import StaticPathConfig
from homeassistant.core import HomeAssistant
from homeassistant.loader import async_get_integration

from .const import DOMAIN

CARD_FILE = Path(__file__).parent / "frontend" / "als-comfort-card.js"
CARD_URL = f"/{DOMAIN}/als-comfort-card.js"


async def async_register_card(hass: HomeAssistant) -> None:
    """Serve the card's module and, when the frontend runs, load it on every page.

    The version query makes browsers fetch the card again after an update.
    """
    await hass.http.async_register_static_paths(
        [StaticPathConfig(CARD_URL, str(CARD_FILE), cache_headers=True)]
    )
    if "frontend" not in hass.config.components:
        return
    integration = await async_get_integration(hass, DOMAIN)
    add_extra_js_url(hass, f"{CARD_URL}?v={integration.version}")
