"""Adding a second person through the config flow in the UI: one mistake, then success."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import pytest

from .conftest import Api

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


def test_add_a_second_person_with_one_error_and_recovery(
    page: Page, url: str, api: Api
) -> None:
    """A name with no letter is refused on the Name field; corrected, the flow goes on."""
    before = len(
        api.client.request("GET", "/api/config/config_entries/entry?domain=als_comfort")
    )
    page.goto(f"{url}/config/integrations/integration/als_comfort")
    page.get_by_role("button", name="Add", exact=False).first.click()
    dialog = page.locator("dialog-data-entry-flow")
    name = dialog.get_by_role("textbox", name="Name")
    name.fill("!!!")
    dialog.locator("ha-selector-entity, ha-entity-picker").first.click()
    dialog.get_by_text("Bedroom temperature", exact=True).last.click()
    dialog.get_by_role("button", name="Submit").click()
    expect(dialog).to_contain_text("Enter a name with at least one letter or digit.")
    name.fill("Sam")
    dialog.get_by_role("button", name="Submit").click()
    expect(dialog.locator("ha-form")).not_to_contain_text("Name*")  # the second step
    dialog.get_by_role("button", name="Submit").click()
    dialog.get_by_role("button", name="Finish").click()
    entries = api.client.request(
        "GET", "/api/config/config_entries/entry?domain=als_comfort"
    )
    assert len(entries) == before + 1
    assert any(entry["title"] == "Sam" for entry in entries)
