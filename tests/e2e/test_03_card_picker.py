"""Adding the card through the dashboard's card picker, as a new user would."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
import os
from typing import TYPE_CHECKING, Any

import pytest

from .conftest import DASHBOARD, Api

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.skipif(
    "ALS_COMFORT_E2E_URL" not in os.environ,
    reason="the browser test needs the demo: run scripts/e2e",
)


def expect(target: Any) -> Any:
    """Return Playwright's `expect` (imported late: only scripts/e2e installs it)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def cards_saved(api: Api) -> int:
    """Return how many ALS Comfort cards the saved dashboard holds."""
    from demo_setup import dashboard_devices

    # Playwright's sync API runs an event loop in this thread: ask from another.
    with ThreadPoolExecutor(1) as pool:
        return len(pool.submit(asyncio.run, dashboard_devices(api.client)).result())


def test_add_the_card_through_the_picker(page: Page, url: str, api: Api) -> None:
    """Edit → Add card → search "ALS" → the card's preview and editor → Save: a second card."""
    page.goto(f"{url}/{DASHBOARD}/person")
    page.locator("als-comfort-card ha-card").first.wait_for()
    before = cards_saved(api)
    page.get_by_role("button", name="Edit dashboard").click()
    page.get_by_role("button", name="Add card").click()
    dialog = page.locator("hui-dialog-create-card")
    dialog.get_by_role("tab", name="By card").click()
    dialog.get_by_role("textbox").first.fill("ALS Comfort")
    tile = dialog.locator("hui-card-picker .card").filter(has_text="ALS Comfort").first
    expect(tile.locator("als-comfort-card ha-card")).to_be_visible()  # the live preview
    tile.click()
    editor = page.locator("hui-dialog-edit-card")
    expect(editor.locator("als-comfort-card-editor ha-form")).to_be_visible()
    expect(editor.locator("als-comfort-card h2")).to_have_text(
        "Diane"
    )  # the preview, by name
    editor.get_by_role("button", name="Save").click()
    expect(editor.get_by_role("button", name="Save")).to_be_hidden()
    page.get_by_role("button", name="Done").click()
    assert cards_saved(api) == before + 1
    expect(page.locator("hui-masonry-view als-comfort-card ha-card")).to_have_count(
        before + 1
    )
    assert page.locator("hui-error-card").count() == 0
