"""Adding a second person through the config flow in the UI: one mistake, then success."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import pytest

from .conftest import ARTIFACTS, Api

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


def _dialog_shot(page: Page, name: str) -> None:
    """Keep a screenshot of the flow dialog beside the run's artifacts (for review)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_times_are_asked_without_seconds(page: Page, url: str) -> None:
    """Bedtime and wake time are hours and minutes (22:30, not 22:30:00)."""
    page.goto(f"{url}/config/integrations/integration/als_comfort")
    page.get_by_role("button", name="Add person").click()
    dialog = page.locator("dialog-data-entry-flow")
    times = dialog.locator("input[type=time]")
    expect(times).to_have_count(2)
    assert [times.nth(0).input_value(), times.nth(1).input_value()] == [
        "22:30",
        "07:00",
    ]
    _dialog_shot(page, "config-flow-user")
    page.keyboard.press("Escape")


def test_options_in_sections_with_a_translated_range_error(
    page: Page, url: str, api: Api
) -> None:
    """The options are grouped; a value out of range names the range, then saves."""
    entry = next(
        item
        for item in api.client.request(
            "GET", "/api/config/config_entries/entry?domain=als_comfort"
        )
        if item["title"] == "Diane"
    )
    page.goto(f"{url}/config/integrations/integration/als_comfort")
    row = page.locator(f"ha-config-entry-row[data-entry-id='{entry['entry_id']}']")
    row.get_by_role("button", name="Configure").first.click()
    dialog = page.locator("dialog-data-entry-flow")
    for heading in ("Room and heating", "Blanket or heater", "Caregiver alerts"):
        expect(dialog.get_by_text(heading, exact=True)).to_be_visible()
    limit = dialog.get_by_role(
        "spinbutton", name="Blanket or heater switched off after"
    )
    limit.fill("2")
    _dialog_shot(page, "options-before-submit")
    dialog.get_by_role("button", name="Submit").click()
    expect(dialog).to_contain_text(
        "The blanket or heater limit must be from 5 to 240 minutes."
    )
    _dialog_shot(page, "options-range-error")
    limit.fill("45")
    dialog.get_by_role("button", name="Submit").click()
    expect(dialog).not_to_contain_text("must be from 5 to 240")
    _dialog_shot(page, "options-saved")
    diagnostics = api.client.request(
        "GET", f"/api/diagnostics/config_entry/{entry['entry_id']}"
    )
    assert diagnostics["data"]["entry"]["options"]["blanket_max_minutes"] == 45
