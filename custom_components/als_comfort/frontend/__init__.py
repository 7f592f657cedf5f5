"""Serve the `custom:als-comfort-card` dashboard card and load it on every page.

The card's one module, `als-comfort-card.js` beside this file, is built from
`card/src` (Lit, bundled by esbuild) and committed, so HACS users need no build.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from homeassistant.components.frontend import add_extra_js_url
from homeassistant.components.http.server import StaticPathConfig
from homeassistant.core import HomeAssistant

CARD_FILE = Path(__file__).parent / "als-comfort-card.js"
# Public: the README names it. Under the domain's path, like the integration's API.
CARD_URL = "/als_comfort/als-comfort-card.js"


def card_digest() -> str:
    """Return a short hash of the card's module, so browsers fetch each new build."""
    return hashlib.sha256(CARD_FILE.read_bytes()).hexdigest()[:12]


async def async_register_card(hass: HomeAssistant) -> None:
    """Serve the card's module and, when the frontend runs, load it on every page.

    The module is an extra module of the frontend rather than a dashboard
    resource: it is there on every dashboard (and in the card picker) without
    the user adding anything, and defines its elements so that they survive the
    frontend's registry swap (see card/src/registry.js).
    """
    await hass.http.async_register_static_paths(
        [StaticPathConfig(CARD_URL, str(CARD_FILE), cache_headers=True)]
    )
    if "frontend" not in hass.config.components:
        return
    digest = await hass.async_add_executor_job(card_digest)
    add_extra_js_url(hass, f"{CARD_URL}?v={digest}")
