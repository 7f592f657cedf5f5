"""The dashboard card in a real browser, against the real demo Home Assistant.

Run by `scripts/e2e` (never by `scripts/test`): it logs in through the login page,
opens the demo's "ALS Comfort" dashboard, and checks that the card shows what the
REST API says, that its buttons log an episode and acknowledge an alert, and that
the demo night raises the risk, starts the comforts and calls the caregiver. The
tests run in order on one logged-in page, as one person would use it (the later
ones need the demo night of the earlier one). Screenshots of the
card (light and dark) go to docs/screenshots, which the README shows.
"""

from __future__ import annotations

from collections.abc import Callable
import os
import re
from typing import TYPE_CHECKING, Any, Literal

import pytest

from .conftest import DASHBOARD, SCREENSHOTS, Api

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

# The card lives in shadow DOM; Playwright's CSS and role locators pierce open
# shadow roots, so these find the elements inside it.
CARD = "als-comfort-card"
RISK_LABELS = {"low": "Low", "elevated": "Elevated", "high": "High"}

pytestmark = pytest.mark.skipif(
    "ALS_COMFORT_E2E_URL" not in os.environ,
    reason="the browser test needs the demo: run scripts/e2e",
)


def expect(target: Any) -> Any:
    """Return Playwright's `expect` (imported late: only scripts/e2e installs it)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def card(page: Page) -> Locator:
    """Return the card on the page."""
    return page.locator(CARD)


def test_login_opens_the_dashboard_with_the_card(page: Page, url: str) -> None:
    """The real login page (filled in by the `page` fixture) leads to the dashboard."""
    expect(page).to_have_url(re.compile(rf"^{re.escape(url)}/{DASHBOARD}(/|$)"))
    expect(card(page).locator(".risk")).to_be_visible()
    expect(page.get_by_role("textbox", name="Password")).to_have_count(0)


def test_card_shows_the_persons_risk_and_room(
    page: Page, api: Api, wait: Callable[..., Any]
) -> None:
    """The risk level and the room temperature are those of the entities."""
    risk = api.state(api.person_entity("sensor", "cramp_risk"))
    level = risk["state"]
    assert level in RISK_LABELS

    risk_view = card(page).locator(".risk")
    expect(risk_view).to_have_attribute("data-level", level)
    expect(risk_view).to_have_text(RISK_LABELS[level])

    # The simulated room changes every 30 s: compare the two as they come.
    def same_temperature() -> bool:
        value = api.state("sensor.bedroom_temperature")["state"]
        return f"{value} °C" in card(page).locator(".card").inner_text()

    wait("the card to show the bedroom temperature", same_temperature)


def test_log_cramp_from_the_card(
    page: Page, api: Api, wait: Callable[..., Any]
) -> None:
    """Cramp, then Calf: the episode is logged, counted and shown on the card."""
    count_id = api.person_entity("sensor", "cramps_24h")
    last_id = api.person_entity("sensor", "last_episode")
    before = int(api.state(count_id)["state"])
    view = card(page)

    view.get_by_role("button", name="Cramp", exact=True).click()
    calf = view.get_by_role("button", name=re.compile(r"Cramp, Calf$"))
    expect(calf).to_be_visible()
    calf.click()

    wait(
        f"{count_id} to count the new cramp",
        lambda: int(api.state(count_id)["state"]) == before + 1,
    )
    last = api.state(last_id)["attributes"]
    assert (last["kind"], last["body_area"]) == ("cramp", "calf")
    expect(view).to_contain_text(re.compile(rf"Cramps: {before + 1}\b"))
    expect(view).to_contain_text("Cramp, Calf")
    # Back at the first step, ready for the next episode.
    expect(view.get_by_role("button", name="Cramp", exact=True)).to_be_visible()


def test_demo_night_raises_the_risk_starts_comforts_and_alerts(
    page: Page, api: Api, wait: Callable[..., Any]
) -> None:
    """The dashboard's "Run the demo night" warns, warms and calls the caregiver."""
    risk_id = api.person_entity("sensor", "cramp_risk")
    alert_id = api.person_entity("event", "comfort_alert")
    count_id = api.person_entity("sensor", "cramps_24h")
    load_id = api.person_entity("sensor", "exertion_load")
    cramps = int(api.state(count_id)["state"])

    row = page.locator("hui-script-entity-row").filter(has_text="Run the demo night")
    row.get_by_role("button", name="Run").click()

    # The script: a walk, the room cools, ten seconds later a cramp.
    wait(
        "the script to log its cramp",
        lambda: int(api.state(count_id)["state"]) == cramps + 1,
        60,
    )
    wait("the script to end", lambda: api.state("script.demo_night")["state"] == "off")
    assert float(api.state(load_id)["state"]) > 0
    wait("the risk to be high", lambda: api.state(risk_id)["state"] == "high", 60)
    wait(
        "the thermostat to be boosted to 21 °C",
        lambda: api.state("climate.bedroom")["attributes"]["temperature"] == 21,
    )
    wait(
        "the blanket to be on",
        lambda: api.state("input_boolean.heated_blanket")["state"] == "on",
    )
    wait(
        "the caregiver alert to be sent",
        lambda: api.state(alert_id)["attributes"].get("event_type") == "alert_sent",
    )

    view = card(page)
    expect(view.locator(".risk")).to_have_attribute("data-level", "high")
    expect(view.locator(".risk")).to_have_text("High")
    expect(view).to_contain_text("Cold room")
    expect(view).to_contain_text(re.compile(rf"Cramps: {cramps + 1}\b"))
    expect(view).to_contain_text("Cramp, Foot")  # the script's, in the last episodes
    expect(view.get_by_role("button", name="Acknowledge alert")).to_be_visible()

    # The caregiver of the demo is notify.persistent_notification.
    page.get_by_role("button", name=re.compile("Notifications")).click()
    expect(page.get_by_text("Cramp alert for Diane").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_text("Cramp alert for Diane")).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot_of_the_card(
    page: Page, scheme: Literal["light", "dark"], wait: Callable[..., Any]
) -> None:
    """Save the card with the night's data, in the light and the dark theme."""
    page.emulate_media(color_scheme=scheme)
    surface = card(page).locator("ha-card")

    def follows_scheme() -> bool:
        color = surface.evaluate("element => getComputedStyle(element).backgroundColor")
        red, green, blue = (int(part) for part in re.findall(r"\d+", color)[:3])
        dark = red + green + blue < 3 * 128
        return dark == (scheme == "dark")

    wait(f"the card to follow the {scheme} colour scheme", follows_scheme)
    expect(card(page).locator(".risk")).to_have_attribute("data-level", "high")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"card-{scheme}.png"
    card(page).screenshot(path=str(path), animations="disabled")
    assert path.stat().st_size > 10_000, "the screenshot looks empty"


def test_acknowledge_from_the_card(
    page: Page, api: Api, wait: Callable[..., Any]
) -> None:
    """The card's Acknowledge button closes the open alert, and then disappears."""
    page.emulate_media(color_scheme="light")
    alert_id = api.person_entity("event", "comfort_alert")
    acknowledge = card(page).get_by_role("button", name="Acknowledge alert")

    acknowledge.click()

    wait(
        "the alert to be acknowledged",
        lambda: api.state(alert_id)["attributes"].get("event_type") == "acknowledged",
    )
    expect(acknowledge).to_have_count(0)


def test_no_error_from_the_card(page_errors: list[str]) -> None:
    """The card's module raised no uncaught error on the page."""
    assert [error for error in page_errors if "als-comfort-card" in error] == []
