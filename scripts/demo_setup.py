"""Prepare and bootstrap the demo Home Assistant of scripts/develop and scripts/smoke.

Subcommands (run with the project's .venv/bin/python):

- ``prepare --config DIR --port PORT``: before Home Assistant starts, refuse when
  another instance runs on DIR, and write the HTTP settings (127.0.0.1:PORT) into
  DIR/.storage/http. Home Assistant 2026.10 keeps them there; an ``http:`` block in
  YAML would be migrated once, as a trial that is reverted after five minutes.
- ``bootstrap --url URL``: once Home Assistant answers, finish onboarding through
  the REST API (demo user, core config, analytics, integration step), then create
  the demo person through the real ALS Comfort config flow unless an entry exists,
  and the "ALS Comfort" dashboard with the card for the person's device (over the
  websocket API; left alone once it shows that device, so edits made in the UI stay).
- ``check --url URL``: log in as the demo user and check that the ALS Comfort entry
  is loaded, the bedroom temperature is numeric and the dashboard holds the card
  (used by scripts/smoke).

The standard library talks to the REST API, and aiohttp (which Home Assistant
brings) to the websocket API; ``prepare`` borrows Home Assistant's own schema so
the stored HTTP settings carry every default.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import AsyncIterator, Callable
import contextlib
from datetime import UTC, datetime
import fcntl
import json
import math
import os
from pathlib import Path
import sys
import time
from typing import Any
import urllib.error
import urllib.parse
import urllib.request

DEMO_NAME = "Demo"
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-comfort"  # noqa: S105 - a throwaway local demo login
DEMO_LANGUAGE = "en"
DOMAIN = "als_comfort"

PERSON_STEP = {
    "name": "Diane",
    "temperature_sensor": "sensor.bedroom_temperature",
    "bedtime": "22:30:00",
    "wake_time": "07:00:00",
}
COMFORTS_STEP = {
    "climate_entity": "climate.bedroom",
    "blanket_switch": "input_boolean.heated_blanket",
    "caregivers": ["notify.persistent_notification"],
    "activity_sensor": "sensor.daily_steps",
    "movement_sensor": "binary_sensor.bed_movement",
}
ONBOARDING_STEPS = ("core_config", "analytics", "integration")
# The core_config onboarding step adds these; offline they only fail and retry.
ONLINE_ONLY_ONBOARDING_DOMAINS = ("met", "radio_browser")
LOCK_FILE = ".ha_run.lock"
DASHBOARD_URL_PATH = "als-comfort"
CARD_TYPE = "custom:als-comfort-card"


class DemoError(Exception):
    """A step of the demo set-up failed; the message says which and why."""


def say(message: str) -> None:
    """Print one progress line, flushed so it interleaves with Home Assistant's log."""
    print(f"[demo] {message}", flush=True)


# --- prepare -----------------------------------------------------------------


def ensure_not_running(config_dir: Path) -> None:
    """Fail when a Home Assistant already holds the run lock of this config dir."""
    lock_path = config_dir / LOCK_FILE
    if not lock_path.exists():
        return
    with lock_path.open("a+", encoding="utf-8") as lock_file:
        try:
            fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock_file.seek(0)
            owner = lock_file.read().strip() or "unknown"
            raise DemoError(
                f"Home Assistant already runs on {config_dir} ({owner})"
            ) from None
        fcntl.flock(lock_file.fileno(), fcntl.LOCK_UN)


def write_http_settings(config_dir: Path, host: str, port: int) -> bool:
    """Store host and port as the stable HTTP settings; return whether it changed."""
    from homeassistant.components.http import config as http_config  # noqa: PLC0415

    path = config_dir / ".storage" / http_config.STORAGE_KEY
    wanted = {"server_host": [host], "server_port": port}
    stored: dict[str, Any] | None = None
    if path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
        data = stored.get("data", {})
        stable = data.get(http_config.KEY_STABLE, {})
        if (
            stored.get("version") == http_config.STORAGE_VERSION
            and stored.get("minor_version") == http_config.STORAGE_MINOR_VERSION
            and all(stable.get(key) == value for key, value in wanted.items())
            and data.get(http_config.KEY_PENDING) is None
            and data.get(http_config.KEY_YAML_MIGRATION_DONE)
        ):
            return False
        if stored.get("version") != http_config.STORAGE_VERSION:
            stored = None  # another layout: start again from the defaults
    meta = (
        http_config.HTTP_CONFIG_CREATED_AT,
        http_config.HTTP_CONFIG_ERROR,
        http_config.HTTP_CONFIG_ERROR_MESSAGE,
    )
    previous = {
        key: value
        for key, value in (stored or {})
        .get("data", {})
        .get(http_config.KEY_STABLE, {})
        .items()
        if key not in meta
    }
    stable = http_config.HTTP_STORAGE_SCHEMA({**previous, **wanted})
    document = {
        "version": http_config.STORAGE_VERSION,
        "minor_version": http_config.STORAGE_MINOR_VERSION,
        "key": http_config.STORAGE_KEY,
        "data": {
            http_config.KEY_STABLE: {
                **stable,
                http_config.HTTP_CONFIG_CREATED_AT: datetime.now(UTC).isoformat(),
                http_config.HTTP_CONFIG_ERROR: None,
                http_config.HTTP_CONFIG_ERROR_MESSAGE: None,
            },
            http_config.KEY_PENDING: None,
            http_config.KEY_YAML_MIGRATION_DONE: True,
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".demo-tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=2)
    temporary.replace(path)
    return True


def prepare(args: argparse.Namespace) -> None:
    """Check that the config dir is free and pin the HTTP host and port."""
    config_dir = Path(args.config).resolve()
    ensure_not_running(config_dir)
    if write_http_settings(config_dir, args.host, args.port):
        say(f"HTTP settings stored: {args.host}:{args.port} (.storage/http)")


# --- talking to Home Assistant -----------------------------------------------


class Client:
    """A tiny JSON client for Home Assistant's REST API."""

    def __init__(self, url: str) -> None:
        """Remember the base URL (http or https only); no token until logged in."""
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise DemoError(f"not an http(s) URL: {url}")
        self.url = url.rstrip("/")
        self.client_id = f"{self.url}/"
        self.token: str | None = None

    def request(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        form: dict[str, str] | None = None,
        expect: tuple[int, ...] = (200, 201),
    ) -> Any:
        """Send one request and return the decoded JSON answer."""
        headers = {"Accept": "application/json"}
        data: bytes | None = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
            self.url + path, data=data, headers=headers, method=method
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as err:
            status, text = err.code, err.read().decode(errors="replace")
        if status not in expect:
            raise DemoError(f"{method} {path} answered {status}: {text[:500]}")
        # An expected error status (such as 404) carries no JSON worth reading.
        return json.loads(text) if text and status < 400 else None

    def exchange_code(self, code: str) -> None:
        """Trade an authorization code for an access token."""
        tokens = self.request(
            "POST",
            "/auth/token",
            form={
                "grant_type": "authorization_code",
                "code": code,
                "client_id": self.client_id,
            },
        )
        self.token = tokens["access_token"]

    def login(self, username: str, password: str) -> None:
        """Log in through the login flow, as the frontend does."""
        flow = self.request(
            "POST",
            "/auth/login_flow",
            {
                "client_id": self.client_id,
                "handler": ["homeassistant", None],
                "redirect_uri": f"{self.url}/?auth_callback=1",
            },
        )
        result = self.request(
            "POST",
            f"/auth/login_flow/{flow['flow_id']}",
            {"client_id": self.client_id, "username": username, "password": password},
        )
        if result.get("type") != "create_entry":
            raise DemoError(
                f"cannot log in as '{username}' ({result.get('errors') or result})"
            )
        self.exchange_code(result["result"])


def wait_until(
    what: str, probe: Callable[[], Any], timeout: float, interval: float = 1.0
) -> Any:
    """Call probe until it returns something truthy; fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            if result := probe():
                return result
        except (DemoError, OSError) as err:
            last_error = err
        time.sleep(interval)
    raise DemoError(f"timed out waiting for {what} ({last_error or 'no answer'})")


# --- bootstrap ---------------------------------------------------------------


def onboard(client: Client) -> bool:
    """Finish onboarding as the demo user, or log in; tell whether core_config ran."""
    # Once onboarding is complete, Home Assistant no longer serves its views (404).
    steps = client.request("GET", "/api/onboarding", expect=(200, 404))
    status = {step["step"]: step["done"] for step in steps or []} or dict.fromkeys(
        ("user", *ONBOARDING_STEPS), True
    )
    if not status.get("user"):
        answer = client.request(
            "POST",
            "/api/onboarding/users",
            {
                "name": DEMO_NAME,
                "username": DEMO_USERNAME,
                "password": DEMO_PASSWORD,
                "client_id": client.client_id,
                "language": DEMO_LANGUAGE,
            },
        )
        client.exchange_code(answer["auth_code"])
        say(f"onboarding: created the user '{DEMO_USERNAME}'")
    else:
        client.login(DEMO_USERNAME, DEMO_PASSWORD)
    for step in ONBOARDING_STEPS:
        if status.get(step):
            continue
        body = (
            {
                "client_id": client.client_id,
                "redirect_uri": f"{client.url}/?auth_callback=1",
            }
            if step == "integration"
            else {}
        )
        client.request("POST", f"/api/onboarding/{step}", body)
        say(f"onboarding: step '{step}' done")
    return not status.get("core_config")


def remove_online_only_entries(client: Client, timeout: float) -> None:
    """Remove the weather and radio entries onboarding adds; they need the internet.

    Onboarding creates them in background tasks (installing their requirements on a
    first run), so wait until both are there or the time is up.
    """

    def added() -> list[dict[str, Any]]:
        return [
            entry
            for entry in client.request("GET", "/api/config/config_entries/entry")
            if entry["domain"] in ONLINE_ONLY_ONBOARDING_DOMAINS
            and entry["source"] == "onboarding"
        ]

    deadline = time.monotonic() + timeout
    while len(entries := added()) < len(ONLINE_ONLY_ONBOARDING_DOMAINS):
        if time.monotonic() > deadline:
            break
        time.sleep(0.5)
    for entry in entries:
        client.request(
            "DELETE", f"/api/config/config_entries/entry/{entry['entry_id']}"
        )
        say(
            f"removed the onboarding entry '{entry['title']}' ({entry['domain']}): it needs the internet"
        )


def als_entries(client: Client) -> list[dict[str, Any]]:
    """Return the ALS Comfort config entries."""
    entries: list[dict[str, Any]] = client.request(
        "GET", f"/api/config/config_entries/entry?domain={DOMAIN}"
    )
    return entries


def flow_step(
    client: Client, flow_id: str, step_id: str, data: dict[str, Any]
) -> dict[str, Any]:
    """Submit one config-flow step; fail with the form's errors if it is refused."""
    result: dict[str, Any] = client.request(
        "POST", f"/api/config/config_entries/flow/{flow_id}", data
    )
    if result.get("type") == "form" and result.get("step_id") == step_id:
        raise DemoError(f"config flow step '{step_id}' refused: {result.get('errors')}")
    if result.get("type") == "abort":
        raise DemoError(f"config flow aborted: {result.get('reason')}")
    return result


def create_person(client: Client) -> str:
    """Create the demo person through the real config flow; return the entry id."""
    flow = client.request(
        "POST",
        "/api/config/config_entries/flow",
        {"handler": DOMAIN, "show_advanced_options": False},
    )
    if flow.get("type") != "form" or flow.get("step_id") != "user":
        raise DemoError(f"config flow did not start with the 'user' form: {flow}")
    result = flow_step(client, flow["flow_id"], "user", PERSON_STEP)
    if result.get("step_id") != "comforts":
        raise DemoError(f"config flow did not ask for the comforts: {result}")
    result = flow_step(client, flow["flow_id"], "comforts", COMFORTS_STEP)
    if result.get("type") != "create_entry":
        raise DemoError(f"config flow did not create an entry: {result}")
    entry_id: str = result["result"]["entry_id"]
    return entry_id


def loaded_entry(client: Client) -> dict[str, Any] | None:
    """Return the first ALS Comfort entry once it is loaded (None before)."""
    entries = als_entries(client)
    if entries and entries[0]["state"] not in ("not_loaded", "setup_in_progress"):
        return entries[0]
    return None


def bootstrap(args: argparse.Namespace) -> None:
    """Onboard, create the demo person if missing, and wait for it to load."""
    client = Client(args.url)
    onboarded_now = onboard(client)
    wait_until(
        "Home Assistant to finish starting",
        lambda: client.request("GET", "/api/config")["state"] == "RUNNING",
        args.timeout,
    )
    if onboarded_now:
        remove_online_only_entries(client, timeout=120)
    if entries := als_entries(client):
        say(f"ALS Comfort entry exists already: '{entries[0]['title']}'")
    else:
        create_person(client)
        say(f"created the demo person '{PERSON_STEP['name']}' through the config flow")
    entry = wait_until(
        "the ALS Comfort entry to set up", lambda: loaded_entry(client), 60
    )
    say(f"ALS Comfort entry '{entry['title']}' is {entry['state']}")
    if entry["state"] != "loaded":
        raise DemoError(
            f"the ALS Comfort entry is {entry['state']}: {entry.get('reason')}"
        )
    asyncio.run(ensure_dashboard(client, entry["entry_id"]))


# --- dashboard ---------------------------------------------------------------


class Websocket:
    """Commands over Home Assistant's websocket API, one answer at a time."""

    def __init__(self, socket: Any) -> None:
        """Wrap an authenticated aiohttp websocket."""
        self._socket = socket
        self._id = 0

    async def call(self, command: str, **data: Any) -> Any:
        """Send one command and return its result; fail with its error."""
        self._id += 1
        await self._socket.send_json({"id": self._id, "type": command, **data})
        while True:
            answer = await self._socket.receive_json(timeout=60)
            if answer.get("id") == self._id and answer.get("type") == "result":
                break
        if not answer["success"]:
            error = answer.get("error", {})
            raise DemoError(
                f"{command}: {error.get('code')}: {error.get('message')}",
            )
        return answer["result"]


@contextlib.asynccontextmanager
async def websocket(client: Client) -> AsyncIterator[Websocket]:
    """Open the websocket API with the client's token (aiohttp, from Home Assistant)."""
    import aiohttp  # noqa: PLC0415 - Home Assistant's dependency, only needed here

    if client.token is None:
        raise DemoError("log in before opening the websocket API")
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{client.url}/api/websocket") as socket,
    ):
        hello = await socket.receive_json(timeout=60)
        if hello.get("type") != "auth_required":
            raise DemoError(f"unexpected websocket greeting: {hello}")
        await socket.send_json({"type": "auth", "access_token": client.token})
        auth = await socket.receive_json(timeout=60)
        if auth.get("type") != "auth_ok":
            raise DemoError(f"websocket authentication failed: {auth}")
        yield Websocket(socket)


async def ensure_dashboard(client: Client, entry_id: str) -> None:
    """Create or update the demo dashboard so its card shows the person's device."""
    async with websocket(client) as ws:
        await _ensure_dashboard(ws, entry_id)


async def dashboard_devices(client: Client) -> list[str]:
    """Return the device ids the demo dashboard's cards show (none if it is missing)."""
    async with websocket(client) as ws:
        try:
            config = await ws.call("lovelace/config", url_path=DASHBOARD_URL_PATH)
        except DemoError:
            return []
    return _card_devices(config)


async def _ensure_dashboard(ws: Websocket, entry_id: str) -> None:
    """Create the dashboard if missing; write its views unless they show the device."""
    devices = [
        device
        for device in await ws.call("config/device_registry/list")
        if entry_id in device.get("config_entries", [])
    ]
    if not devices:
        raise DemoError("the demo person has no device")
    device_id = devices[0]["id"]
    entities = {
        entity["unique_id"].removeprefix(f"{entry_id}_"): entity["entity_id"]
        for entity in await ws.call("config/entity_registry/list")
        if entity.get("config_entry_id") == entry_id
    }
    dashboards = await ws.call("lovelace/dashboards/list")
    if not any(board["url_path"] == DASHBOARD_URL_PATH for board in dashboards):
        await ws.call(
            "lovelace/dashboards/create",
            url_path=DASHBOARD_URL_PATH,
            title="ALS Comfort",
            icon="mdi:bed",
            show_in_sidebar=True,
            require_admin=False,
            mode="storage",
        )
        say(f"created the dashboard '/{DASHBOARD_URL_PATH}'")
    try:
        current = await ws.call("lovelace/config", url_path=DASHBOARD_URL_PATH)
    except DemoError:
        current = None  # a new dashboard has no config yet
    if device_id in _card_devices(current):
        say(f"the dashboard '/{DASHBOARD_URL_PATH}' shows the demo person already")
        return
    await ws.call(
        "lovelace/config/save",
        url_path=DASHBOARD_URL_PATH,
        config=dashboard_config(device_id, entities),
    )
    say(f"the dashboard '/{DASHBOARD_URL_PATH}' shows the card for device {device_id}")


def _card_devices(config: Any) -> list[str]:
    """Return the device ids of our cards in a dashboard config."""
    views = config.get("views", []) if isinstance(config, dict) else []
    return [
        card["device_id"]
        for view in views
        for card in view.get("cards", [])
        if card.get("type") == CARD_TYPE and "device_id" in card
    ]


def dashboard_config(device_id: str, entities: dict[str, str]) -> dict[str, Any]:
    """Return the demo dashboard: the card, the demo night and the devices."""
    person = PERSON_STEP["name"]
    switches = [
        entities[key]
        for key in ("comfort_actions", "caregiver_alerts")
        if key in entities
    ]
    return {
        "title": "ALS Comfort",
        "views": [
            {
                "title": person,
                "path": "person",
                "icon": "mdi:bed",
                "cards": [
                    {
                        "type": CARD_TYPE,
                        # The room, threshold and bedtime come from the device.
                        "device_id": device_id,
                        "title": person,
                    },
                    {
                        "type": "entities",
                        "title": "Try it",
                        "entities": [
                            {
                                "entity": "script.demo_night",
                                "name": "Run the demo night",
                            },
                            {
                                "entity": "script.demo_warm_room",
                                "name": "Warm the room again",
                            },
                            {
                                "entity": "input_number.bedroom_temperature",
                                "name": "Bedroom",
                            },
                            {"entity": "input_boolean.simulate_bedroom"},
                            {
                                "entity": "input_number.daily_steps",
                                "name": "Daily steps",
                            },
                            {
                                "entity": "script.demo_turn_over",
                                "name": "Diane turns over in bed",
                            },
                        ],
                    },
                    {"type": "thermostat", "entity": COMFORTS_STEP["climate_entity"]},
                    {
                        "type": "entities",
                        "title": "Comforts",
                        "show_header_toggle": False,
                        "entities": [
                            COMFORTS_STEP["blanket_switch"],
                            "input_boolean.bedroom_heater",
                            *switches,
                        ],
                    },
                    {
                        "type": "markdown",
                        "title": "The demo night",
                        "content": (
                            "**Run the demo night** cools the bedroom below 19 °C; "
                            "ten seconds later Diane logs a cramp in her foot. Watch "
                            "the risk rise, the thermostat go to 21 °C, the blanket "
                            "switch on and the caregiver's alert arrive under "
                            "*Notifications*. **Warm the room again** puts the room "
                            "back and acknowledges the alert. Or log an episode "
                            "yourself with the big buttons."
                        ),
                    },
                ],
            }
        ],
    }


# --- check -------------------------------------------------------------------


def check(args: argparse.Namespace) -> None:
    """Check the running demo; print what was seen; fail on the first miss."""
    client = Client(args.url)
    client.login(DEMO_USERNAME, DEMO_PASSWORD)
    failures: list[str] = []

    entries = als_entries(client)
    for entry in entries:
        say(f"config entry '{entry['title']}' ({entry['domain']}): {entry['state']}")
    if not any(entry["state"] == "loaded" for entry in entries):
        failures.append("no loaded als_comfort config entry")

    state = client.request(
        "GET", "/api/states/sensor.bedroom_temperature", expect=(200, 404)
    )
    value = (state or {}).get("state")
    unit = (state or {}).get("attributes", {}).get("unit_of_measurement", "")
    say(f"sensor.bedroom_temperature: {value} {unit}".rstrip())
    try:
        numeric = value is not None and math.isfinite(float(value))
    except ValueError:
        numeric = False
    if not numeric:
        failures.append(f"sensor.bedroom_temperature is not numeric ({value!r})")

    states = client.request("GET", "/api/states")
    mine = sorted(
        s["entity_id"]
        for s in states
        if s["entity_id"].split(".")[1].startswith("diane")
    )
    say(f"{len(mine)} entities of the demo person: {', '.join(mine) or 'none'}")
    for entity_id in (
        "climate.bedroom",
        "input_boolean.heated_blanket",
        "sensor.daily_steps",
    ):
        found = next((s["state"] for s in states if s["entity_id"] == entity_id), None)
        say(f"{entity_id}: {found}")
    services = client.request("GET", "/api/services")
    notify: dict[str, Any] = next(
        (s["services"] for s in services if s["domain"] == "notify"), {}
    )
    say(
        f"notify.persistent_notification service: {'persistent_notification' in notify}"
    )

    devices = asyncio.run(dashboard_devices(client))
    say(f"dashboard '/{DASHBOARD_URL_PATH}': cards for the devices {devices}")
    if not devices:
        failures.append(f"the dashboard '/{DASHBOARD_URL_PATH}' shows no {CARD_TYPE}")

    if failures:
        raise DemoError("; ".join(failures))
    say("all checks passed")


# --- command line ------------------------------------------------------------


def main() -> int:
    """Run one subcommand; report a failure on one line and exit non-zero."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    prepare_parser = commands.add_parser("prepare", help="before Home Assistant starts")
    prepare_parser.add_argument("--config", required=True)
    prepare_parser.add_argument("--host", default="127.0.0.1")
    prepare_parser.add_argument("--port", type=int, default=8123)
    prepare_parser.set_defaults(run=prepare)
    for name, run in (("bootstrap", bootstrap), ("check", check)):
        sub = commands.add_parser(name)
        sub.add_argument("--url", default="http://localhost:8123")
        sub.add_argument("--timeout", type=float, default=300)
        sub.set_defaults(run=run)
    args = parser.parse_args()
    try:
        args.run(args)
    except DemoError as err:
        say(f"FAILED: {err}")
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
