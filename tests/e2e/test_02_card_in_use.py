"""The card in use on the demo, as one person would go through a night, by keyboard.

The tests run in order on one logged-in page (each needs the state the one
before left): the normal card; a state change and the minute tick under the
keyboard focus; an episode logged and undone with the keyboard; the demo night
(high risk); a severe cramp in three taps (an urgent caregiver alert); the
unanswered state; acknowledging, and the clinician's download. At each state
axe-core checks the card in the light and the dark theme, and with
`--update-screenshots` the README's screenshots are saved.
"""

from __future__ import annotations

from collections.abc import Callable
import os
from pathlib import Path
import re
from typing import TYPE_CHECKING, Any

import pytest

from .conftest import DESKTOP, PHONE, Api, axe_violations, focused

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

CARD = "als-comfort-card"
SERIOUS = {"serious", "critical"}

pytestmark = pytest.mark.skipif(
    "ALS_COMFORT_E2E_URL" not in os.environ,
    reason="the browser test needs the demo: run scripts/e2e",
)


def expect(target: Any) -> Any:
    """Return Playwright's `expect` (imported late: only scripts/e2e installs it)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def card(page: Page) -> Locator:
    """Return the demo person's card on the page."""
    return page.locator(CARD).first


def tab_to(page: Page, target: str, *, back: bool = False, limit: int = 40) -> None:
    """Press Tab (or Shift+Tab) until `target` ("kind:cramp") has the focus."""
    for _ in range(limit):
        if focused(page) == target:
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    pytest.fail(f"{target} cannot be reached with the keyboard (at {focused(page)})")


def start_keyboard_in_card(page: Page) -> None:
    """Put the keyboard's starting point on the card's title, as a click there does."""
    card(page).locator("h2").click()


def count(api: Api, key: str) -> int:
    """Return one of Diane's 24-hour counts."""
    return int(api.state(api.person_entity("sensor", key))["state"])


def check_looks(
    page: Page,
    name: str,
    shoot: Callable[[Locator, str], None],
    wait: Callable[..., Any],
) -> None:
    """Axe in light and dark (0 serious or critical); screenshots light, dark, phone."""
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)

        def follows(scheme: str = scheme) -> bool:
            color = (
                card(page)
                .locator("ha-card")
                .evaluate("e => getComputedStyle(e).backgroundColor")
            )
            red, green, blue = (int(part) for part in re.findall(r"\d+", color)[:3])
            return (red + green + blue < 3 * 128) == (scheme == "dark")

        wait(f"the card to follow the {scheme} theme", follows)
        serious = [
            v for v in axe_violations(page, card(page)) if v["impact"] in SERIOUS
        ]
        assert serious == [], f"{name}, {scheme}: {serious}"
        shoot(card(page), f"card-{name}-{scheme}")
    page.emulate_media(color_scheme="light")
    page.set_viewport_size(PHONE)
    shoot(card(page), f"card-{name}-phone")
    page.set_viewport_size(DESKTOP)


def test_the_card_shows_the_person(
    page: Page, api: Api, wait: Callable[..., Any], shoot: Any
) -> None:
    """Title (the person's name), risk and room as the entities say; accessible, both themes."""
    view = card(page)
    expect(view.locator("h2")).to_have_text("Diane")
    level = api.state(api.person_entity("sensor", "cramp_risk"))["state"]
    expect(view.locator("section.risk")).to_have_attribute("data-level", level)

    def same_temperature() -> bool:
        # The demo's thermometer reports whole tenths ("20.1", "20"), shown as they are.
        value = api.state("sensor.bedroom_temperature")["state"]
        return f"{value} °C" in view.locator(".content").inner_text()

    wait("the card to show the bedroom temperature", same_temperature)
    check_looks(page, "normal", shoot, wait)


def test_focus_stays_through_a_state_change_and_the_minute_tick(
    page: Page, api: Api, wait: Callable[..., Any]
) -> None:
    """The temperature changes (REST) while a button has the focus: same button, same status line."""
    start_keyboard_in_card(page)
    tab_to(page, "kind:cramp")
    view = card(page)
    view.locator('button[data-value="cramp"]').evaluate("e => e.__marked = true")
    view.locator(".status").evaluate("e => e.__marked = true")
    api.call(
        "input_number",
        "set_value",
        {"entity_id": "input_number.bedroom_temperature", "value": 20.3},
    )
    wait(
        "the card to show 20.3 °C",
        lambda: "20.3 °C" in view.locator(".content").inner_text(),
    )
    view.evaluate("card => card.requestUpdate()")  # what the minute tick does
    assert focused(page) == "kind:cramp"
    assert view.locator('button[data-value="cramp"]').evaluate(
        "e => e.__marked === true"
    )
    assert view.locator(".status").evaluate("e => e.__marked === true"), (
        "the live region was rebuilt"
    )


def test_log_and_undo_with_the_keyboard(
    page: Page, api: Api, wait: Callable[..., Any]
) -> None:
    """Cramp → (focus: first body area) → Moderate → Calf: logged; then Undo removes it."""
    before = count(api, "cramps_24h")
    last_id = api.person_entity("sensor", "last_episode")
    view = card(page)
    start_keyboard_in_card(page)
    tab_to(page, "kind:cramp")
    page.keyboard.press("Enter")
    wait("focus on the first body area", lambda: focused(page) == "area:foot")
    expect(view.get_by_role("button", name="Change type")).to_be_visible()
    tab_to(page, "severity:moderate", back=True)
    page.keyboard.press("Space")
    expect(view.locator('button[data-value="moderate"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    assert focused(page) == "severity:moderate"
    tab_to(page, "area:calf")
    page.keyboard.press("Enter")
    wait("the cramp to be counted", lambda: count(api, "cramps_24h") == before + 1)
    attributes = api.state(last_id)["attributes"]
    assert (attributes["kind"], attributes["body_area"], attributes["severity"]) == (
        "cramp",
        "calf",
        5,
    )
    expect(view.locator(".status")).to_have_text("Logged: Cramp, Calf, Moderate")
    assert focused(page) == "kind:cramp", "ready for the next episode"

    tab_to(page, "undo:")
    page.keyboard.press("Enter")
    wait("the cramp to be removed", lambda: count(api, "cramps_24h") == before)
    expect(view.locator(".status")).to_have_text("Removed: Cramp, Calf, Moderate")
    wait("focus back on the kinds", lambda: focused(page) == "kind:cramp")

    # Change type goes back without logging anything.
    page.keyboard.press("Enter")
    tab_to(page, "change-type:")
    page.keyboard.press("Enter")
    wait("focus on the kind again", lambda: focused(page) == "kind:cramp")
    assert count(api, "cramps_24h") == before


def test_demo_night_high_risk(
    page: Page, api: Api, wait: Callable[..., Any], shoot: Any
) -> None:
    """With caregiver alerts off, the demo night makes the risk high and starts the comforts."""
    alerts = api.person_entity("switch", "caregiver_alerts")
    api.call("switch", "turn_off", {"entity_id": alerts})
    row = page.locator("hui-script-entity-row").filter(has_text="Run the demo night")
    row.get_by_role("button", name="Run").click()
    risk_id = api.person_entity("sensor", "cramp_risk")
    wait("the risk to be high", lambda: api.state(risk_id)["state"] == "high", 60)
    wait(
        "the script to end",
        lambda: api.state("script.demo_night")["state"] == "off",
        60,
    )
    wait(
        "the thermostat to be boosted",
        lambda: api.state("climate.bedroom")["attributes"]["temperature"] == 21,
    )
    view = card(page)
    expect(view.locator("section.risk")).to_have_attribute("data-level", "high")
    expect(view.locator("section.risk")).to_contain_text("Cold room")
    expect(view).to_contain_text("Cramp, Foot")
    check_looks(page, "high", shoot, wait)


def test_a_severe_cramp_in_three_taps_calls_a_caregiver(
    page: Page, api: Api, wait: Callable[..., Any], shoot: Any
) -> None:
    """Cramp, Severe, Calf: logged at severity 8; the caregiver alert opens on the card."""
    api.call(
        "switch",
        "turn_on",
        {"entity_id": api.person_entity("switch", "caregiver_alerts")},
    )
    alert_id = api.person_entity("event", "comfort_alert")
    view = card(page)
    view.get_by_role("button", name="Cramp", exact=True).click()
    view.get_by_role("button", name="Severe", exact=True).click()
    view.get_by_role("button", name=re.compile(r"Cramp, Calf$")).click()
    last_id = api.person_entity("sensor", "last_episode")

    def logged() -> tuple[Any, ...]:
        last = api.state(last_id)["attributes"]
        return (last["kind"], last["body_area"], last["severity"])

    wait("the severe cramp to be logged", lambda: logged() == ("cramp", "calf", 8))
    wait(
        "the caregiver alert",
        lambda: api.state(alert_id)["attributes"].get("event_type") == "alert_sent",
    )
    alert = view.locator("section.alert")
    expect(alert).to_have_attribute("data-alert", "alert_sent")
    expect(alert.get_by_role("button", name="Acknowledge alert")).to_be_visible()
    check_looks(page, "alert", shoot, wait)


def test_unanswered_is_unmistakable(
    page: Page, api: Api, wait: Callable[..., Any], shoot: Any
) -> None:
    """The event entity's `unanswered` event (its state written as the version-2 backend will)."""
    alert_id = api.person_entity("event", "comfort_alert")
    current = api.state(alert_id)
    attributes = {
        **current["attributes"],
        "event_type": "unanswered",
        "urgent": True,
        "called": ["notify.persistent_notification"],
        "next_escalation": None,
    }
    api.set_state(alert_id, current["state"], attributes)
    alert = card(page).locator("section.alert.unanswered")
    expect(alert).to_have_attribute("role", "alert")
    expect(alert).to_contain_text("Nobody has answered")
    check_looks(page, "unanswered", shoot, wait)


def test_acknowledge_with_the_keyboard(
    page: Page, api: Api, wait: Callable[..., Any]
) -> None:
    """Enter on Acknowledge: the alert is acknowledged, by whom, and focus stays in the card."""
    alert_id = api.person_entity("event", "comfort_alert")
    start_keyboard_in_card(page)
    tab_to(page, "acknowledge:")
    page.keyboard.press("Enter")
    wait(
        "the alert to be acknowledged",
        lambda: api.state(alert_id)["attributes"].get("event_type") == "acknowledged",
    )
    view = card(page)
    expect(view.get_by_role("button", name="Acknowledge alert")).to_have_count(0)
    expect(view.locator("section.alert")).to_contain_text(
        "acknowledged", ignore_case=True
    )
    assert focused(page) == "section.panel", (
        "focus on the alert's panel, not lost to the page"
    )


def test_clinician_download_with_the_keyboard(
    page: Page, shoot: Callable[[Locator, str], None]
) -> None:
    """An administrator's Enter gets the CSV, then the report, through signed addresses."""
    start_keyboard_in_card(page)
    tab_to(page, "export:")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert "/export.csv?authSig=" in download.url
    content = Path(download.path()).read_text(encoding="utf-8")
    assert "cramp" in content
    assert "calf" in content
    tab_to(page, "report:")
    with page.context.expect_page() as report_info:
        page.keyboard.press("Enter")
    report = report_info.value
    assert re.search(r"/api/als_comfort/[^/]+/report\?authSig=", report.url)
    report.wait_for_load_state()
    expect(report).to_have_title(re.compile(r"^Symptom report: "))
    # The night's cramps are charted: per week, by body area, by severity.
    for chart in ("weeks", "areas", "severity"):
        expect(report.locator(f"section#{chart} svg[role=img]")).to_be_visible()
    assert report.locator("script").count() == 0
    shoot(report.locator("body"), "report")
    report.close()


def test_no_error_from_the_card(page_errors: list[str]) -> None:
    """The card's module raised no uncaught error on the page."""
    assert [error for error in page_errors if "als-comfort-card" in error] == []
