"""Fixtures of the browser test: the running demo, its REST API and headless Chromium.

`scripts/e2e` starts the demo Home Assistant and runs this directory with pytest on
its own (the Home Assistant test plugin and `tests/conftest.py` are left out: this
test talks to a real server over HTTP). It passes:

- `ALS_COMFORT_E2E_URL`: the demo's address, e.g. http://127.0.0.1:8123;
- `ALS_COMFORT_E2E_CHROMIUM`: the browser (default /usr/bin/chromium, Debian's);
- `ALS_COMFORT_E2E_SCREENSHOTS`: where the card's screenshots go (default
  docs/screenshots);
- `ALS_COMFORT_E2E_ARTIFACTS`: where a failing test leaves a page screenshot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
import os
from pathlib import Path
import sys
import tempfile
import time
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

from demo_setup import DASHBOARD_URL_PATH, DEMO_PASSWORD, DEMO_USERNAME, Client  # noqa: E402 - scripts/ is not a package

DASHBOARD = DASHBOARD_URL_PATH
URL = os.environ.get("ALS_COMFORT_E2E_URL", "")
CHROMIUM = os.environ.get("ALS_COMFORT_E2E_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(
    os.environ.get("ALS_COMFORT_E2E_SCREENSHOTS", REPO / "docs" / "screenshots")
)
ARTIFACTS = Path(
    os.environ.get(
        "ALS_COMFORT_E2E_ARTIFACTS", Path(tempfile.gettempdir()) / "als-comfort-e2e"
    )
)
# Without the background-networking flags Chromium hangs on a machine without
# internet access, trying to reach Google's services.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 1100, "height": 1000}
WAIT_MS = 30_000


class Api:
    """The demo's REST API, logged in as the demo user."""

    def __init__(self, url: str) -> None:
        """Log in through the login flow, as the frontend does."""
        self.client = Client(url)
        self.client.login(DEMO_USERNAME, DEMO_PASSWORD)

    def states(self) -> list[dict[str, Any]]:
        """Return every state."""
        states: list[dict[str, Any]] = self.client.request("GET", "/api/states")
        return states

    def state(self, entity_id: str) -> dict[str, Any]:
        """Return one entity's state object."""
        state: dict[str, Any] = self.client.request("GET", f"/api/states/{entity_id}")
        return state

    def person_entity(self, platform: str, key: str) -> str:
        """Return the entity id of the demo person's `<platform>.<name>_<key>`."""
        found: list[str] = [
            state["entity_id"]
            for state in self.states()
            if state["entity_id"].startswith(f"{platform}.")
            and state["entity_id"].endswith(f"_{key}")
        ]
        assert len(found) == 1, f"expected one {platform}.*_{key}, found {found}"
        return found[0]


def eventually[T](what: str, probe: Callable[[], T], timeout: float = 30) -> T:
    """Poll `probe` until it returns something truthy; fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    last: T | None = None
    while time.monotonic() < deadline:
        if result := probe():
            return result
        last = result
        time.sleep(0.25)
    pytest.fail(f"timed out after {timeout} s waiting for {what} (last: {last!r})")


@pytest.fixture(scope="session")
def wait() -> Callable[..., Any]:
    """Return `eventually`: poll until something holds, within a bounded time."""
    return eventually


@pytest.fixture(scope="session")
def url() -> str:
    """Return the demo's address; the test needs scripts/e2e to have started it."""
    if not URL:
        pytest.fail("ALS_COMFORT_E2E_URL is not set: run scripts/e2e")
    return URL.rstrip("/")


@pytest.fixture(scope="session")
def api(url: str) -> Api:
    """Return the REST API of the demo, logged in."""
    return Api(url)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Start Debian's Chromium, headless, through Playwright (nothing is downloaded)."""
    from playwright.sync_api import expect, sync_playwright

    # The frontend loads the card's module after the page: give every wait the
    # same bounded time, assertions (default 5 s) as well as actions.
    expect.set_options(timeout=WAIT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=60_000
        )
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Remember each phase's report on the test item (for the failure screenshot)."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="module")
def page_errors() -> list[str]:
    """Collect the uncaught errors of the page."""
    return []


@pytest.fixture(scope="module")
def page(browser: Browser, url: str, page_errors: list[str]) -> Iterator[Page]:
    """Return one page (light colour scheme) shared by the tests of a module.

    It opens the demo dashboard, which sends it to the real login page, and logs
    in there as the demo user, as a person would.
    """
    context = browser.new_context(
        viewport=VIEWPORT, color_scheme="light", locale="en-GB"
    )
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.on("pageerror", lambda error: page_errors.append(f"{error}\n{error.stack}"))
    page.goto(f"{url}/{DASHBOARD}")
    page.get_by_role("textbox", name="Username").fill(DEMO_USERNAME)
    page.get_by_role("textbox", name="Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{url}/{DASHBOARD}**")
    yield page
    context.close()


@pytest.fixture(autouse=True)
def screenshot_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    """Leave a screenshot of the whole page when a test that used it failed."""
    yield
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed or "page" not in request.fixturenames:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{request.node.name}.png"
    request.getfixturevalue("page").screenshot(path=str(path), full_page=True)
    print(f"screenshot of the failing page: {path}")  # noqa: T201
