"""A real Home Assistant killed with SIGKILL while it logs: nothing returned is lost.

The venv's `hass` runs a minimal configuration (the APIs, onboarding, a template
bedroom thermometer) with the integration and a year of log history. Each cycle
starts it, waits for the person's entry, checks the log against every call that
ever returned, then lets several client threads log episodes and activities
through the REST API and kills the whole process group at a random moment.
While it is down, the storage files must be whole JSON holding every entry whose
call returned 200; after the next start the export must hold them too. Calls
cut off by the kill may or may not be logged, but never in part.

Select or skip it with `-m crash` / `-m "not crash"`; it runs by default.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
import contextlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
import http.client
import importlib.util
import json
import os
from pathlib import Path
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from types import ModuleType
from typing import Any

import pytest

from custom_components.als_comfort.risk import Intensity, activity_load

pytestmark = pytest.mark.crash

REPO = Path(__file__).resolve().parents[2]
SEED = 20261125
KILLS = 50
WRITERS = 4  # concurrent clients, so that a kill lands in the middle of a write
LONGEST_RUN = 0.8  # seconds of logging before the kill, at most
HISTORY_DAYS = 364  # a year of log before the first kill (all kept: 365 days are)
START_TIMEOUT = 120.0
KINDS = ("cramp", "spasticity", "fasciculation")

CONFIGURATION = """\
homeassistant:
  name: Crash test
  unit_system: metric
  time_zone: Europe/London
  country: GB
  latitude: 51.5
  longitude: -0.12
  elevation: 11
api:
config:
onboarding:
template:
  - sensor:
      - name: Bedroom temperature
        state: "20.5"
        unit_of_measurement: "°C"
        device_class: temperature
"""
PERSON = {
    "name": "Diane",
    "temperature_sensor": "sensor.bedroom_temperature",
    "bedtime": "22:30:00",
    "wake_time": "07:00:00",
}


def _load_demo_setup() -> ModuleType:
    """Import scripts/demo_setup.py (the scripts folder is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "als_comfort_demo_setup", REPO / "scripts" / "demo_setup.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


demo = _load_demo_setup()
# What a client sees when the server dies under it: a refused or reset
# connection (OSError) or an answer cut short (HTTPException).
CUT_OFF = (OSError, http.client.HTTPException)


def _free_port() -> int:
    """Return a TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Ledger:
    """Every log call made: what was sent, and the id of those that returned."""

    sent: dict[str, dict[str, Any]] = field(default_factory=dict)
    returned: dict[str, str] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def marker(self, fields: dict[str, Any]) -> str | None:
        """Return the unique text a logged entry carries, if it is one of ours."""
        text = fields.get("note") or fields.get("activity")
        return text if text in self.sent else None


class RealHomeAssistant:
    """One configuration directory and the `hass` process running on it."""

    def __init__(self, config_dir: Path, port: int) -> None:
        """Prepare the configuration; nothing runs yet."""
        self.config_dir = config_dir
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = config_dir.parent / "hass.out"
        self.process: subprocess.Popen[bytes] | None = None
        self.refresh_token = ""
        self.entry_id = ""
        self.client = demo.Client(self.url)
        config_dir.mkdir()
        (config_dir / "configuration.yaml").write_text(CONFIGURATION, encoding="utf-8")
        (config_dir / "custom_components").mkdir()
        (config_dir / "custom_components" / "als_comfort").symlink_to(
            REPO / "custom_components" / "als_comfort"
        )
        demo.write_http_settings(config_dir, "127.0.0.1", port)

    @property
    def storage(self) -> Path:
        """Return the directory of Home Assistant's storage files."""
        return self.config_dir / ".storage"

    @property
    def log_file(self) -> Path:
        """Return the person's log file."""
        return self.storage / f"als_comfort.{self.entry_id}"

    def start(self) -> None:
        """Start `hass` in a process group of its own."""
        hass = Path(sys.executable).with_name("hass")
        with self.log_path.open("ab") as output:
            self.process = subprocess.Popen(  # noqa: S603 - the venv's own hass
                [str(hass), "-c", str(self.config_dir), "--log-no-color"],
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        """SIGKILL the whole process group and reap it."""
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None

    def stop(self) -> None:
        """Stop Home Assistant cleanly (SIGTERM), killing it if it hangs."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.kill()
        self.process = None

    def alive(self) -> bool:
        """Tell whether the process still runs (it must not exit by itself)."""
        return self.process is not None and self.process.poll() is None

    def onboard(self) -> None:
        """Create the owner through onboarding; keep the refresh token."""
        answer = demo.wait_until(
            "onboarding",
            lambda: self.client.request(
                "POST",
                "/api/onboarding/users",
                {
                    "name": "Crash test",
                    "username": "crash",
                    "password": "crash-test-only",  # a throwaway local login
                    "client_id": self.client.client_id,
                    "language": "en",
                },
            ),
            START_TIMEOUT,
            0.1,
        )
        tokens = self.client.request(
            "POST",
            "/auth/token",
            form={
                "grant_type": "authorization_code",
                "code": answer["auth_code"],
                "client_id": self.client.client_id,
            },
        )
        self.refresh_token = tokens["refresh_token"]
        self.client.token = tokens["access_token"]

    def log_in(self) -> None:
        """Trade the refresh token for a fresh access token once the API answers."""

        def refreshed() -> bool:
            assert self.alive(), self.tail()
            tokens = self.client.request(
                "POST",
                "/auth/token",
                form={
                    "grant_type": "refresh_token",
                    "refresh_token": self.refresh_token,
                    "client_id": self.client.client_id,
                },
            )
            self.client.token = tokens["access_token"]
            return True

        demo.wait_until("the API", refreshed, START_TIMEOUT, 0.05)

    def add_person(self) -> None:
        """Add Diane through the real config flow, without comfort devices."""
        demo.wait_until(
            "Home Assistant to start (the thermometer to report)",
            lambda: self.client.request("GET", "/api/config")["state"] == "RUNNING",
            START_TIMEOUT,
            0.1,
        )
        flow = self.client.request(
            "POST",
            "/api/config/config_entries/flow",
            {"handler": "als_comfort", "show_advanced_options": False},
        )
        demo.flow_step(self.client, flow["flow_id"], "user", PERSON)
        result = demo.flow_step(self.client, flow["flow_id"], "comforts", {})
        assert result["type"] == "create_entry", result
        self.entry_id = result["result"]["entry_id"]

    def wait_loaded(self) -> None:
        """Wait until the person's entry has set up; it must be loaded."""
        entry = demo.wait_until(
            "the entry to set up", lambda: demo.loaded_entry(self.client), 60, 0.05
        )
        assert entry["entry_id"] == self.entry_id
        assert entry["state"] == "loaded", (entry, self.tail())

    def call(self, client: Any, service: str, data: dict[str, Any]) -> Any:
        """Call an action of the integration and return its response."""
        answer = client.request(
            "POST",
            f"/api/services/als_comfort/{service}?return_response",
            {"config_entry_id": self.entry_id, **data},
        )
        return answer["service_response"]

    def tail(self, lines: int = 20) -> str:
        """Return the last log records of Home Assistant, without tracebacks."""
        if not self.log_path.exists():
            return ""
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        records = [line for line in text.splitlines() if line[:4].isdigit()]
        return "\n".join(records[-lines:])


def _history(now: datetime) -> dict[str, Any]:
    """A year of entries, as the integration stores them (storage version 2)."""
    episodes, activities = [], []
    for day in range(HISTORY_DAYS, 0, -1):  # oldest first, as the log keeps them
        for hour in (23, 14, 2):
            when = (now - timedelta(days=day, hours=hour)).isoformat()
            episodes.append(
                {
                    "kind": KINDS[hour % 3],
                    "body_area": "calf",
                    "severity": 1 + day % 10,
                    "note": "history",
                    "id": f"history-episode-{day}-{hour}",
                    "when": when,
                    "logged_at": when,
                    "conditions": {
                        "temperature_c": 18.5,
                        "night_window": hour != 14,
                        "exertion_load": 40.0,
                    },
                }
            )
        when = (now - timedelta(days=day, hours=10)).isoformat()
        activities.append(
            {
                "minutes": 30,
                "intensity": "moderate",
                "activity": "history",
                "load": 60.0,
                "id": f"history-activity-{day}",
                "when": when,
                "logged_at": when,
            }
        )
    return {"episodes": episodes, "activities": activities}


def _seed(home: RealHomeAssistant) -> int:
    """Write a year of history as the log (Home Assistant is stopped)."""
    stored = json.loads(home.log_file.read_text(encoding="utf-8"))
    stored["data"] = _history(datetime.now(UTC))
    home.log_file.write_text(json.dumps(stored), encoding="utf-8")
    return len(stored["data"]["episodes"]) + len(stored["data"]["activities"])


def _writer(
    home: RealHomeAssistant,
    ledger: Ledger,
    stop: threading.Event,
    rng: random.Random,
    prefix: str,
) -> None:
    """Log unique episodes and activities until told to stop or cut off."""
    client = demo.Client(home.url)
    client.token = home.client.token
    number = 0
    while not stop.is_set():
        number += 1
        marker = f"{prefix}-{number}"
        if rng.random() < 0.6:
            service = "log_episode"
            data: dict[str, Any] = {
                "kind": rng.choice(KINDS),
                "severity": rng.randint(1, 10),
                "note": marker,
            }
        else:
            service = "log_activity"
            data = {
                "minutes": rng.randint(1, 120),
                "intensity": rng.choice([intensity.value for intensity in Intensity]),
                "activity": marker,
            }
        with ledger.lock:
            ledger.sent[marker] = {"service": service, **data}
        try:
            response = home.call(client, service, data)
        except CUT_OFF:
            return  # the server died under the call: it did not return
        except demo.DemoError as err:  # an answer, but not 200
            with ledger.lock:
                ledger.refused.append(f"{marker}: {err}")
            return
        with ledger.lock:
            ledger.returned[marker] = response["id"]


def _check_entry(ledger: Ledger, part: str, item: dict[str, Any]) -> str | None:
    """Check one of our entries is whole and as sent; return its marker."""
    marker = ledger.marker(item)
    if marker is None:
        assert item.get("note") == "history" or item.get("activity") == "history", item
        return None
    sent = ledger.sent[marker]
    if part == "episodes":
        assert sent["service"] == "log_episode", item
        assert (item["kind"], item["severity"]) == (sent["kind"], sent["severity"])
        assert set(item) >= {"id", "when", "logged_at", "conditions", "body_area"}
    else:
        assert sent["service"] == "log_activity", item
        assert (item["minutes"], item["intensity"]) == (
            sent["minutes"],
            sent["intensity"],
        )
        assert item["load"] == activity_load(sent["minutes"], sent["intensity"])
        assert set(item) >= {"id", "when", "logged_at"}
    if marker in ledger.returned:
        assert item["id"] == ledger.returned[marker], item
    return marker


def _lost(ledger: Ledger, log: dict[str, list[dict[str, Any]]]) -> tuple[int, int]:
    """Check a log against the ledger; return (entries lost, cut-off calls logged)."""
    found = [
        marker
        for part in ("episodes", "activities")
        for item in log[part]
        if (marker := _check_entry(ledger, part, item)) is not None
    ]
    assert len(found) == len(set(found)), "an entry was logged twice"
    lost = set(ledger.returned) - set(found)
    return len(lost), len(set(found) - set(ledger.returned))


def _check_files(home: RealHomeAssistant, ledger: Ledger) -> None:
    """With Home Assistant down: whole JSON holding every returned entry.

    Only the log and its sibling state files may carry the log's name: a write
    the kill cut short leaves a `tmp…` file, which Home Assistant never loads.
    """
    mine = sorted(home.storage.glob("als_comfort.*"))
    assert home.log_file in mine
    for path in mine:
        assert path.name.startswith(home.log_file.name), f"unexpected file {path}"
        assert ".damaged" not in path.name, f"log kept aside: {path}"
        assert ".corrupt" not in path.name, f"log taken as corrupt: {path}"
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except ValueError as err:
            raise AssertionError(f"{path.name} is not whole JSON: {err}") from err
    stored = json.loads(home.log_file.read_text(encoding="utf-8"))
    assert stored["key"] == home.log_file.name
    lost, _ = _lost(ledger, stored["data"])
    assert lost == 0, f"{lost} returned entries missing from the file on disk"


def _cut_writes(home: RealHomeAssistant) -> tuple[int, int]:
    """Count the writes a kill cut short: of the log, and of any storage file.

    Each leaves its temporary file; one that got as far as the log's key was
    a write of the log.
    """
    temporary = [path for path in home.storage.iterdir() if path.name.startswith("tmp")]
    key = f'"{home.log_file.name}"'.encode()
    of_log = sum(1 for path in temporary if key in path.read_bytes()[:200])
    return of_log, len(temporary)


@contextlib.contextmanager
def _running(home: RealHomeAssistant) -> Iterator[RealHomeAssistant]:
    """Leave no Home Assistant running, whatever happens."""
    try:
        yield home
    finally:
        if home.alive():
            home.kill()


def _set_up(home: RealHomeAssistant) -> int:
    """First start: the owner, Diane's entry, then a year of history; return its size."""
    home.start()
    home.onboard()
    home.add_person()
    home.wait_loaded()
    home.call(home.client, "log_episode", {"kind": "cramp", "note": "history"})
    home.stop()  # flushes the user, the token and the entry to disk
    return _seed(home)


def _start_and_check(home: RealHomeAssistant, ledger: Ledger, history: int) -> int:
    """Start again after a kill; the export holds every returned entry.

    Returns how many calls cut off by a kill were logged all the same.
    """
    home.start()
    home.log_in()
    home.wait_loaded()
    exported = home.call(home.client, "export_log", {})
    lost, logged = _lost(ledger, exported)
    assert lost == 0, f"{lost} returned entries lost"
    assert len(exported["episodes"]) + len(exported["activities"]) >= history
    return logged


def _log_and_kill(
    home: RealHomeAssistant, ledger: Ledger, rng: random.Random, cycle: int
) -> None:
    """Log from several clients at once; SIGKILL after a random delay."""
    stop = threading.Event()
    seeds = [rng.random() for _ in range(WRITERS)]
    with ThreadPoolExecutor(WRITERS) as pool:
        writers = [
            pool.submit(
                _writer,
                home,
                ledger,
                stop,
                random.Random(seed),  # noqa: S311
                f"crash-{cycle}-{number}",
            )
            for number, seed in enumerate(seeds)
        ]
        time.sleep(rng.uniform(0.0, LONGEST_RUN))
        assert home.alive(), home.tail()
        home.kill()
        stop.set()
    for writer in writers:
        writer.result()  # a writer's own failure fails the test
    assert ledger.refused == []


@pytest.mark.usefixtures("socket_enabled")
def test_kill_9_loses_no_returned_entry(tmp_path: Path) -> None:
    """≥ 50 SIGKILLs in the middle of logging: no returned entry lost, files whole."""
    home = RealHomeAssistant(tmp_path / "config", _free_port())
    ledger = Ledger()
    rng = random.Random(SEED)  # noqa: S311 - reproducible, not secret
    cycles: list[float] = []
    with _running(home):
        started = time.monotonic()
        history = _set_up(home)
        setup = time.monotonic() - started
        for cycle in range(KILLS):
            began = time.monotonic()
            try:
                _start_and_check(home, ledger, history)
                _log_and_kill(home, ledger, rng, cycle)
                _check_files(home, ledger)
            except AssertionError as err:
                raise AssertionError(
                    f"cycle {cycle} (seed {SEED}): {err}\n{home.tail()}"
                ) from err
            cycles.append(time.monotonic() - began)
        logged = _start_and_check(home, ledger, history)
        home.stop()

    cut_off = len(ledger.sent) - len(ledger.returned)
    log_writes_cut, temporary = _cut_writes(home)
    print(  # noqa: T201
        f"\ncrash test: kills {KILLS}, calls sent {len(ledger.sent)}, "
        f"returned {len(ledger.returned)}, cut off by a kill {cut_off} "
        f"(of which logged {logged}), entries lost 0, log writes cut by a kill "
        f"{log_writes_cut} (temporary files left {temporary}), history {history} "
        f"entries; set-up {setup:.1f} s, cycle mean {statistics.mean(cycles):.2f} s "
        f"(max {max(cycles):.2f} s), total {time.monotonic() - started:.1f} s"
    )
    # The kills were put to the test: calls returned and calls were cut off.
    assert len(ledger.returned) >= KILLS * WRITERS
    assert cut_off >= KILLS
