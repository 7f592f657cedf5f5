"""The card's version-2 controls in Chromium, on a page of its own with a fixture `hass`.

The backend of help, repositioning and stillness arrives separately; these tests
drive the real built module with the fixture of tests/frontend/fixtures.mjs (the
agreed interfaces), by keyboard and pointer, and check the calls it makes and
where focus goes. No Home Assistant is needed: the page and the repository's
files are served to the browser by Playwright itself (no network).
"""

from __future__ import annotations

from collections.abc import Iterator
import mimetypes
from typing import TYPE_CHECKING, Any

import pytest

from .conftest import DESKTOP, REPO, focused

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

ORIGIN = "http://card.test"
PAGE = """<!doctype html><html lang="en"><body>
<script type="module">
import "/custom_components/als_comfort/frontend/als-comfort-card.js";
import { alertState, fakeHass } from "/tests/frontend/fixtures.mjs";
window.fixtures = { alertState, fakeHass };
const card = document.createElement("als-comfort-card");
card.setConfig({ device_id: "device-diane" });
card.hass = fakeHass({ version2: true });
document.body.append(card);
window.card = card;
</script></body></html>"""


def serve(route: Route) -> None:
    """Serve the fixture page, or a file of the repository."""
    path = route.request.url.removeprefix(ORIGIN).split("?")[0]
    if path == "/":
        route.fulfill(status=200, content_type="text/html", body=PAGE)
        return
    file = (REPO / path.lstrip("/")).resolve()
    if not file.is_relative_to(REPO) or not file.is_file():
        route.fulfill(status=404, body="not found")
        return
    kind = (
        "text/javascript"
        if file.suffix in {".js", ".mjs"}
        else mimetypes.guess_type(file)[0]
    )
    route.fulfill(status=200, content_type=kind or "text/plain", body=file.read_bytes())


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page with Diane's card on the version-2 fixture."""
    context = browser.new_context(viewport=DESKTOP)
    context.route(f"{ORIGIN}/**", serve)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{ORIGIN}/")
    page.locator("als-comfort-card .content").wait_for()
    yield page
    assert errors == []
    context.close()


def calls(page: Page) -> list[dict[str, Any]]:
    """The action calls the card made through hass."""
    made: list[dict[str, Any]] = page.evaluate("() => window.card.hass.calls")
    return made


def set_hass(page: Page, script: str) -> None:
    """Give the card a new hass, as the frontend does on every state change."""
    page.evaluate(
        f"() => {{ const {{ fakeHass, alertState }} = window.fixtures; window.card.hass = {script}; }}"
    )


def tab_to(page: Page, target: str) -> None:
    """Press Tab until `target` has the focus."""
    for _ in range(40):
        if focused(page) == target:
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{target} cannot be reached with the keyboard")


def test_help_takes_two_presses_and_focus_stays(page: Page) -> None:
    """Enter arms (nothing is called), Enter again calls every caregiver; Cancel disarms."""
    help_button = page.locator('als-comfort-card button[data-action="help"]')
    tab_to(page, "help:")
    page.keyboard.press("Enter")
    assert calls(page) == []
    assert help_button.inner_text().startswith("Tap again to call for help")
    assert focused(page) == "help:"
    tab_to(page, "help-cancel:")
    page.keyboard.press("Enter")
    assert focused(page) == "help:"
    assert help_button.inner_text().startswith("Call for help")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert calls(page) == [
        {
            "domain": "als_comfort",
            "service": "call_for_help",
            "data": {"config_entry_id": "01KALSCOMFORTTESTENTRY0000"},
        }
    ]
    assert focused(page) == "help:"
    assert (
        page.locator("als-comfort-card .status").inner_text()
        == "Calling every caregiver now."
    )


def test_help_held_for_a_second_calls_at_once(page: Page) -> None:
    """A press held for a second calls; a short one only arms."""
    help_button = page.locator('als-comfort-card button[data-action="help"]')
    help_button.hover()
    page.mouse.down()
    page.wait_for_timeout(300)
    page.mouse.up()
    assert calls(page) == []
    page.locator("als-comfort-card h2").click()  # away, then a long press
    page.evaluate(
        "() => { window.card._ui = { ...window.card._ui, helpArmed: false }; }"
    )
    help_button.hover()
    page.mouse.down()
    page.wait_for_timeout(1300)
    page.mouse.up()
    assert [call["service"] for call in calls(page)] == ["call_for_help"]


def test_repositioned_and_last_movement(page: Page) -> None:
    """Repositioned logs by keyboard with focus kept; the last movement is shown."""
    content = page.locator("als-comfort-card .content")
    assert "Last moved" in content.inner_text()
    tab_to(page, "repositioned:")
    page.keyboard.press("Enter")
    assert calls(page)[-1]["service"] == "log_repositioned"
    assert focused(page) == "repositioned:"
    set_hass(
        page,
        "fakeHass({ version2: true, overrides: { 'binary_sensor.diane_long_stillness': { entity_id: 'binary_sensor.diane_long_stillness', state: 'on', attributes: { last_movement: null } } } })",
    )
    assert "Time to turn in bed" in content.inner_text()
    assert focused(page) == "repositioned:", "a state change keeps the focus"


def test_unanswered_then_acknowledge_keeps_focus_in_the_card(page: Page) -> None:
    """Unanswered is a role=alert banner; after Acknowledge focus is on the alert panel."""
    set_hass(
        page,
        "fakeHass({ version2: true, alert: alertState('unanswered', { urgent: true, called: ['notify.mobile_app_sams_phone'] }) })",
    )
    banner = page.locator("als-comfort-card section.alert.unanswered")
    assert banner.get_attribute("role") == "alert"
    assert "nobody has answered" in banner.inner_text().lower()
    assert "Called: Sams phone" in banner.inner_text()
    tab_to(page, "acknowledge:")
    page.keyboard.press("Enter")
    assert calls(page)[-1] == {
        "domain": "button",
        "service": "press",
        "data": {"entity_id": "button.diane_acknowledge_alert"},
    }
    assert focused(page) == "section.panel"
    set_hass(
        page,
        "fakeHass({ version2: true, alert: alertState('acknowledged', { acknowledged_by: 'Sam' }, new Date().toISOString()) })",
    )
    assert (
        "Acknowledged by Sam"
        in page.locator("als-comfort-card section.alert").inner_text()
    )


def test_version_2_controls_hide_without_the_backend(page: Page) -> None:
    """With today's integration (no help, no repositioning, no stillness) they are not shown."""
    set_hass(page, "fakeHass()")
    content = page.locator("als-comfort-card .content")
    assert page.locator('als-comfort-card button[data-action="help"]').count() == 0
    assert (
        page.locator('als-comfort-card button[data-action="repositioned"]').count() == 0
    )
    assert "Last moved" not in content.inner_text()
    set_hass(page, "fakeHass({ admin: false })")
    assert page.locator('als-comfort-card button[data-action="export"]').count() == 0
