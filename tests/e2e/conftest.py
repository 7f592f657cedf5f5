"""Fixtures of the browser test: the running demo, its REST API and headless Chromium.

`scripts/e2e` starts the demo Home Assistant and runs this directory with pytest on
its own (the Home Assistant test plugin and `tests/conftest.py` are left out: this
test talks to a real server over HTTP). It passes:

- `ALS_COMFORT_E2E_URL`: the demo's address, e.g. http://127.0.0.1:8123;
- `ALS_COMFORT_E2E_CHROMIUM`: the browser (default /usr/bin/chromium, Debian's);
- `ALS_COMFORT_E2E_ARTIFACTS`: where a failing test leaves a page screenshot.

Screenshots for the README (docs/screenshots) are written only with
`scripts/e2e --update-screenshots`, so that a normal run leaves the tree clean.
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
    from playwright.sync_api import Browser, Locator, Page, ViewportSize

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

from demo_setup import DASHBOARD_URL_PATH, DEMO_PASSWORD, DEMO_USERNAME, Client  # noqa: E402 - scripts/ is not a package

DASHBOARD = DASHBOARD_URL_PATH
URL = os.environ.get("ALS_COMFORT_E2E_URL", "")
CHROMIUM = os.environ.get("ALS_COMFORT_E2E_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = REPO / "docs" / "screenshots"
AXE = REPO / "card" / "node_modules" / "axe-core" / "axe.min.js"
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
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
WAIT_MS = 30_000
# The deepest focused element inside shadow roots, as "action:value" of its data set.
FOCUSED_JS = """() => {
  let element = document.activeElement;
  while (element && element.shadowRoot && element.shadowRoot.activeElement) element = element.shadowRoot.activeElement;
  if (!element) return null;
  if (element.dataset && element.dataset.action) return `${element.dataset.action}:${element.dataset.value || ""}`;
  return element.localName + (element.className ? "." + String(element.className).split(" ")[0] : "");
}"""


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --update-screenshots: write the README's screenshots (only then)."""
    parser.addoption(
        "--update-screenshots",
        action="store_true",
        help="write the card's screenshots to docs/screenshots",
    )


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

    def set_state(self, entity_id: str, state: str, attributes: dict[str, Any]) -> None:
        """Write a state object, as an automation or a backend would."""
        self.client.request(
            "POST",
            f"/api/states/{entity_id}",
            {"state": state, "attributes": attributes},
        )

    def call(self, domain: str, service: str, data: dict[str, Any]) -> None:
        """Call an action."""
        self.client.request("POST", f"/api/services/{domain}/{service}", data)

    def person_entity(self, platform: str, key: str, person: str = "diane") -> str:
        """Return the entity id of a person's `<platform>.<person>_<key>`."""
        entity_id = f"{platform}.{person}_{key}"
        assert any(state["entity_id"] == entity_id for state in self.states()), (
            f"{entity_id} is missing"
        )
        return entity_id


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

    expect.set_options(timeout=WAIT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=60_000
        )
        yield browser
        browser.close()


def log_in(page: Page, url: str) -> None:
    """Log in on the real login page, as a person would, and land on the dashboard."""
    page.get_by_role("textbox", name="Username").fill(DEMO_USERNAME)
    page.get_by_role("textbox", name="Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{url}/{DASHBOARD}**")


@pytest.fixture(scope="session")
def logged_in(browser: Browser, url: str) -> dict[str, Any]:
    """Log in once through the login page; return the browser storage it leaves.

    A new browser context started from it has the saved login (local storage)
    but an empty cache, as a browser that was closed and opened again.
    """
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{url}/{DASHBOARD}")
    log_in(page, url)
    page.locator("als-comfort-card ha-card").first.wait_for(timeout=WAIT_MS)
    state: dict[str, Any] = context.storage_state()
    context.close()
    return state


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
def page(
    browser: Browser, url: str, logged_in: dict[str, Any], page_errors: list[str]
) -> Iterator[Page]:
    """Return one logged-in page on the demo dashboard, shared by a module's tests."""
    context = browser.new_context(
        viewport=DESKTOP,
        color_scheme="light",
        locale="en-GB",
        storage_state=logged_in,
        accept_downloads=True,
    )
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.on("pageerror", lambda error: page_errors.append(f"{error}\n{error.stack}"))
    page.goto(f"{url}/{DASHBOARD}")
    page.locator("als-comfort-card ha-card").first.wait_for()
    yield page
    context.close()


@pytest.fixture(scope="session")
def shoot(request: pytest.FixtureRequest) -> Callable[[Locator, str], None]:
    """Return a function that saves a screenshot for the README, only when asked to."""
    update = bool(request.config.getoption("--update-screenshots"))

    def save(target: Locator, name: str) -> None:
        if not update:
            return
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        target.screenshot(path=str(path), animations="disabled")
        assert path.stat().st_size > 5_000, f"the screenshot {name} looks empty"

    return save


def axe_violations(page: Page, target: Locator) -> list[dict[str, Any]]:
    """Run axe-core (card/node_modules, pinned) on `target` and its shadow root."""
    assert AXE.exists(), (
        "axe-core is missing: scripts/e2e installs it (npm ci in card/)"
    )
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = target.evaluate(
        """async (element) => {
          const result = await axe.run(element, { resultTypes: ["violations", "incomplete"] });
          const brief = (item) => ({ id: item.id, impact: item.impact, help: item.help,
            nodes: item.nodes.map((node) => ({ target: node.target, summary: node.failureSummary })) });
          return { violations: result.violations.map(brief), incomplete: result.incomplete.map(brief) };
        }"""
    )
    violations: list[dict[str, Any]] = result["violations"]
    print(  # noqa: T201 - the figures the report quotes
        f"axe: {len(violations)} violations "
        f"({[v['id'] + '/' + str(v['impact']) for v in violations]}), "
        f"{len(result['incomplete'])} incomplete ({[i['id'] for i in result['incomplete']]})"
    )
    return violations


def focused(page: Page) -> str | None:
    """Return what has the keyboard focus, deep in shadow roots ("kind:cramp")."""
    found: str | None = page.evaluate(FOCUSED_JS)
    return found


@pytest.fixture(autouse=True)
def screenshot_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    """Leave a screenshot of the whole page when a test that used it failed."""
    yield
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed or "page" not in request.fixturenames:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{request.node.name}.png"
    try:
        request.getfixturevalue("page").screenshot(path=str(path), full_page=True)
    except Exception as err:  # noqa: BLE001 - a closed page must not hide the failure
        print(f"no screenshot of the failing page: {err}")  # noqa: T201
        return
    print(f"screenshot of the failing page: {path}")  # noqa: T201
