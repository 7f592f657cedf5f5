"""A real Home Assistant core for the benchmarks, and the home it runs in.

Each scenario gets its own instance from the test harness used as a library
(`async_test_home_assistant`), with a temporary configuration directory so that
storage is real files on disk. The home: a bedroom thermometer, a thermostat
whose actions are recorded instead of executed, and a caregiver's phone.

The local time is always 22:xx (a fixed-offset zone chosen at start), so the
night window of the default settings (21:30-07:00) is open for the whole run
without freezing the clock (freezegun would slow down everything it measures).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
import random
import tempfile
import time
from typing import Any, Final

from homeassistant import loader
from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    ATTR_FRIENDLY_NAME,
    ATTR_UNIT_OF_MEASUREMENT,
    UnitOfTemperature,
)
from homeassistant.core import HomeAssistant, ServiceCall, callback
from pytest_homeassistant_custom_component.common import async_test_home_assistant  # type: ignore[import-untyped]

SENSOR: Final = "sensor.bedroom_temperature"
THERMOSTAT: Final = "climate.bedroom"
PHONE: Final = "notify.mobile_app_pauls_phone"
SENSOR_ATTRIBUTES: Final = {
    ATTR_DEVICE_CLASS: "temperature",
    ATTR_UNIT_OF_MEASUREMENT: UnitOfTemperature.CELSIUS,
    "state_class": "measurement",
    ATTR_FRIENDLY_NAME: "Bedroom temperature",
}
THERMOSTAT_ATTRIBUTES: Final = {
    "hvac_modes": ["off", "heat"],
    "min_temp": 7,
    "max_temp": 30,
    "target_temp_step": 0.5,
    "current_temperature": 18.0,
    "temperature": 18.0,
    ATTR_FRIENDLY_NAME: "Bedroom",
}
WARM: Final = "20.5"
# One cold reading for the crossings: below 19 °C, inside the night window.
COLD: Final = "18.4"
COLD_SIDE: Final = tuple(f"{17.0 + tenth / 10:.1f}" for tenth in range(17))
WARM_SIDE: Final = tuple(f"{20.0 + tenth / 10:.1f}" for tenth in range(17))
MOCKED_SERVICES: Final = (
    ("climate", "set_temperature"),
    ("climate", "set_hvac_mode"),
    ("notify", PHONE.split(".", 1)[1]),
)


def evening_zone(now: datetime | None = None) -> str:
    """Return a fixed-offset time zone in which it is 22:xx now."""
    offset = (22 - (now or datetime.now(UTC)).hour) % 24
    if offset > 14:
        offset -= 24
    # POSIX sign: Etc/GMT-2 is two hours ahead of UTC.
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"


@asynccontextmanager
async def bench_hass(*, custom_integrations: bool) -> AsyncIterator[HomeAssistant]:
    """Yield a running Home Assistant with real storage in a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="als-comfort-bench-") as config_dir:
        async with async_test_home_assistant(config_dir=config_dir) as hass:
            if custom_integrations:
                # The harness hides custom integrations unless a test enables them.
                hass.data.pop(loader.DATA_CUSTOM_COMPONENTS)
            await hass.config.async_set_time_zone(evening_zone())
            try:
                yield hass
            finally:
                await hass.async_block_till_done()
                await hass.async_stop(force=True)


def noisy_values(
    count: int, *, block: int = 1000, warm_tail: int = 100, seed: int = 7
) -> list[str]:
    """Return thermometer readings: cold-side jitter, warm-side jitter every block.

    Each block of `block` readings has `block - warm_tail` readings between 17.0
    and 18.6 °C, then `warm_tail` between 20.0 and 21.6 °C; no reading repeats
    the one before it, so every reading is a state change.
    """
    rng = random.Random(seed)
    values: list[str] = []
    last = None
    for index in range(count):
        side = WARM_SIDE if index % block >= block - warm_tail else COLD_SIDE
        value = rng.choice(side)
        while value == last:
            value = rng.choice(side)
        values.append(value)
        last = value
    return values


def set_temperature(hass: HomeAssistant, value: str) -> None:
    """Report a reading the way a temperature sensor integration does."""
    hass.states.async_set(SENSOR, value, SENSOR_ATTRIBUTES)


async def feed(hass: HomeAssistant, values: Sequence[str]) -> None:
    """Report readings one per event-loop pass, as if each came from the network."""
    set_state = hass.states.async_set
    for value in values:
        set_state(SENSOR, value, SENSOR_ATTRIBUTES)
        await asyncio.sleep(0)
    await hass.async_block_till_done()


async def feed_settled(hass: HomeAssistant, values: Sequence[str]) -> None:
    """Report readings one at a time, each settled before the next.

    `async_block_till_done` after every reading: the wall time of a reading up
    to the moment everything it set off is done, as a user feels it.
    """
    set_state = hass.states.async_set
    for value in values:
        set_state(SENSOR, value, SENSOR_ATTRIBUTES)
        await hass.async_block_till_done()


class LoopPasses:
    """Count event-loop passes: a callback that re-arms itself runs once a pass."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        """Prepare a stopped counter."""
        self.count = 0
        self._loop = loop
        self._handle: asyncio.Handle | None = None

    def _tick(self) -> None:
        """Count this pass and come back in the next one."""
        self.count += 1
        self._handle = self._loop.call_soon(self._tick)

    def start(self) -> None:
        """Start counting."""
        self._handle = self._loop.call_soon(self._tick)

    def stop(self) -> None:
        """Stop counting."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None


@dataclass(frozen=True, kw_only=True)
class RecordedCall:
    """One call of a mocked service: when, in which loop pass, from where."""

    service: str
    data: dict[str, Any]
    at_ns: int
    loop_pass: int
    inside_state_write: bool


class CallRecorder:
    """Mocked thermostat and phone services that record calls instead of acting."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Register the mocked services on `hass`."""
        self.calls: list[RecordedCall] = []
        self.passes = LoopPasses(hass.loop)
        # Set by the latency driver while `hass.states.async_set` is running.
        self.inside_state_write = False
        for domain, service in MOCKED_SERVICES:
            hass.services.async_register(
                domain, service, self._handler(domain, service)
            )

    def _handler(self, domain: str, service: str) -> Any:
        """Return a handler recording calls of `domain.service`."""

        @callback
        def record(call: ServiceCall) -> None:
            self.calls.append(
                RecordedCall(
                    service=f"{domain}.{service}",
                    data=dict(call.data),
                    at_ns=time.perf_counter_ns(),
                    loop_pass=self.passes.count,
                    inside_state_write=self.inside_state_write,
                )
            )

        return record

    def first(self, service: str) -> RecordedCall | None:
        """Return the first recorded call of `service`, if any."""
        return next((call for call in self.calls if call.service == service), None)


def prepare_home(hass: HomeAssistant) -> CallRecorder:
    """Put a warm bedroom, a heating thermostat and a phone in `hass`."""
    set_temperature(hass, WARM)
    hass.states.async_set(THERMOSTAT, "heat", THERMOSTAT_ATTRIBUTES)
    return CallRecorder(hass)
