"""Seeded random nights with restarts: nothing lost, nothing left on.

Each scenario moves the clock, logs entries, switches the blanket, makes the
room cold at night and unloads/sets up the entry at random. After every step:
the blanket is never on past its deadline (while the entry runs); at the end of
each scenario, past wake time in a warm room, the thermostat is not left at the
comfort setpoint, and the export holds exactly what was logged.
"""

from __future__ import annotations

from datetime import datetime, timedelta
import random
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import ATTR_ENTITY_ID, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import Context, HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.als_comfort.const import (
    CONF_BLANKET_MAX_MINUTES,
    CONF_BLANKET_SWITCH,
    CONF_COMFORT_SETPOINT,
    DEFAULT_OPTIONS,
    DOMAIN,
)
from tests.conftest import PERSON_DATA, THERMOSTAT, FakeThermostat, set_temperature

pytestmark = pytest.mark.freeze_time("2026-11-25 12:00:00+00:00")

ENTRY_ID = "01KDIANEALSCOMFORT00000000"
BLANKET = "input_boolean.blanket"
SEED = 20261125
SCENARIOS = 120
LIMIT = timedelta(minutes=DEFAULT_OPTIONS[CONF_BLANKET_MAX_MINUTES])
COMFORT = DEFAULT_OPTIONS[CONF_COMFORT_SETPOINT]
KINDS = ("cramp", "spasticity", "fasciculation")


class World:
    """The harness: one person's entry, her devices and what she logged."""

    def __init__(self, hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
        """Remember the harness; nothing is set up yet."""
        self.hass = hass
        self.freezer = freezer
        self.entry = MockConfigEntry(
            domain=DOMAIN,
            entry_id=ENTRY_ID,
            title="Diane",
            unique_id="diane",
            data={**PERSON_DATA, CONF_BLANKET_SWITCH: BLANKET},
            options=dict(DEFAULT_OPTIONS),
            version=1,
            minor_version=1,
        )
        self.logged: dict[str, set[str]] = {"episodes": set(), "activities": set()}
        self.steps = 0
        self.restarts = 0
        self.blanket_checks = 0
        self.trace: list[Any] = []
        self.blanket_on_seen = 0

    @property
    def loaded(self) -> bool:
        """Whether the entry is running."""
        return self.entry.state is ConfigEntryState.LOADED

    async def settle(self) -> None:
        """Let every task, background ones included, finish."""
        await self.hass.async_block_till_done(wait_background_tasks=True)

    async def set_up(self) -> None:
        """Set the entry up (a Home Assistant start)."""
        assert await self.hass.config_entries.async_setup(self.entry.entry_id)
        await self.settle()
        # No time passes; this runs timers set for a moment already past, as a
        # real event loop would at once (the test loop's clock stands still).
        async_fire_time_changed(self.hass)
        await self.settle()

    async def unload(self) -> None:
        """Unload the entry (a Home Assistant stop)."""
        assert await self.hass.config_entries.async_unload(self.entry.entry_id)
        await self.settle()
        self.restarts += 1

    async def advance(self, delta: timedelta) -> None:
        """Move the clock on in hops (so timers run about on time)."""
        end = dt_util.utcnow() + delta
        while (now := dt_util.utcnow()) < end:
            self.freezer.move_to(min(end, now + timedelta(minutes=20)))
            async_fire_time_changed(self.hass)
            await self.settle()
            await self.check_blanket()

    async def move_to_local(self, days: int, hour: int, minute: int) -> None:
        """Go forward to a local (London) time `days` days from today."""
        local = dt_util.as_local(dt_util.utcnow())
        target = (local + timedelta(days=days)).replace(
            hour=hour, minute=minute, second=0, microsecond=0
        )
        if target <= local:
            target += timedelta(days=1)
        await self.advance(dt_util.as_utc(target) - dt_util.utcnow())

    async def room(self, value: float | str) -> None:
        """The thermometer reports a value."""
        set_temperature(self.hass, value)
        await self.settle()
        await self.check_blanket()

    async def log(self, rng: random.Random) -> None:
        """Log an episode or an activity, maybe for a little while ago."""
        when = {}
        if rng.random() < 0.3:
            when = {
                "when": (
                    dt_util.utcnow() - timedelta(minutes=rng.randint(1, 3000))
                ).isoformat()
            }
        if rng.random() < 0.6:
            service, part = "log_episode", "episodes"
            data: dict[str, Any] = {"kind": rng.choice(KINDS)}
            if rng.random() < 0.5:
                data["severity"] = rng.randint(1, 10)
        else:
            service, part = "log_activity", "activities"
            data = {
                "minutes": rng.randint(1, 120),
                "intensity": rng.choice(["light", "moderate", "vigorous"]),
            }
        response = await self.hass.services.async_call(
            DOMAIN,
            service,
            {"config_entry_id": ENTRY_ID, **data, **when},
            blocking=True,
            return_response=True,
        )
        self.logged[part].add(response["id"])
        await self.settle()

    async def blanket_by_hand(self, service: str) -> None:
        """A person switches the blanket."""
        await self.hass.services.async_call(
            "input_boolean",
            service,
            {ATTR_ENTITY_ID: BLANKET},
            blocking=True,
            context=Context(),
        )
        await self.settle()
        await self.check_blanket()

    async def check_blanket(self) -> None:
        """While the entry runs, the blanket is never on past its deadline."""
        if not self.loaded:
            return
        state = self.hass.states.get(BLANKET)
        assert state is not None
        self.blanket_checks += 1
        if state.state == STATE_ON:
            self.blanket_on_seen += 1
            on_for = dt_util.utcnow() - self.on_since(state.last_changed)
            assert on_for < LIMIT, (dt_util.utcnow(), on_for)

    def on_since(self, last_changed: datetime) -> datetime:
        """When the blanket went on (a restart never starts the count again)."""
        return last_changed

    async def check_export(self) -> None:
        """The export holds exactly the entries logged."""
        exported = await self.hass.services.async_call(
            DOMAIN,
            "export_log",
            {"config_entry_id": ENTRY_ID},
            blocking=True,
            return_response=True,
        )
        for part, ids in self.logged.items():
            assert {item["id"] for item in exported[part]} == ids, part


async def _scenario(world: World, rng: random.Random) -> None:
    """One random stretch of time; ends past wake time in a warm room."""
    for _ in range(rng.randint(4, 12)):
        world.steps += 1
        step = rng.choice(
            [
                "advance",
                "log",
                "cold_night",
                "warm",
                "cold",
                "blanket",
                "restart",
                "gone",
            ]
        )
        world.trace.append(
            (dt_util.utcnow().isoformat(), step, world.hass.states.get(BLANKET).state)
        )
        if step == "advance":
            await world.advance(timedelta(seconds=rng.randint(1, 3 * 3600)))
        elif step == "log" and world.loaded:
            await world.log(rng)
        elif step == "cold_night":
            await world.move_to_local(
                0, rng.choice([22, 23, 0, 1, 3, 5]), rng.randint(0, 59)
            )
            await world.room(rng.choice([15.0, 16.5, 17.0, 18.5]))
        elif step == "warm":
            await world.room(rng.choice([20.0, 21.5, 23.0]))
        elif step == "cold":
            await world.room(rng.choice([16.0, 18.0]))
        elif step == "blanket":
            await world.blanket_by_hand(rng.choice(["turn_on", "turn_on", "turn_off"]))
        elif step == "restart" and world.loaded:
            await world.unload()
            await world.advance(timedelta(seconds=rng.randint(0, 2 * 3600)))
            await world.set_up()
            await world.check_blanket()
        elif step == "gone":
            await world.room(STATE_UNAVAILABLE)
        if not world.loaded:
            await world.set_up()

    # The window closes: past wake time in a warm room, nothing stays boosted.
    await world.room(22.0)
    await world.move_to_local(0, 7, rng.randint(5, 50))
    await world.room(22.5)
    target = world.hass.states.get(THERMOSTAT).attributes["temperature"]
    assert target != COMFORT, dt_util.utcnow()
    await world.check_export()


async def test_restart_scenarios(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """≥ 100 seeded scenarios keep every invariant."""
    await hass.config.async_set_time_zone("Europe/London")
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"blanket": None}}
    )
    thermostat = FakeThermostat(hass)
    world = World(hass, freezer)
    world.entry.add_to_hass(hass)
    await world.set_up()
    rng = random.Random(SEED)  # noqa: S311
    for number in range(SCENARIOS):
        try:
            await _scenario(world, rng)
        except AssertionError as err:
            raise AssertionError(
                f"scenario {number} (seed {SEED}): {err}; steps {world.trace[-14:]}"
            ) from err
    print(  # noqa: T201
        f"\nscenarios: {SCENARIOS}, steps: {world.steps}, restarts: {world.restarts}, "
        f"blanket checks: {world.blanket_checks}, logged: "
        f"{sum(len(ids) for ids in world.logged.values())}"
    )
    boosts = thermostat.calls.count(("set_temperature", {"temperature": COMFORT}))
    print(f"boosts: {boosts}, blanket seen on: {world.blanket_on_seen}")  # noqa: T201
    # The invariants were put to the test: boosts and blanket nights happened.
    assert boosts >= SCENARIOS // 10
    assert world.blanket_on_seen >= SCENARIOS // 10
    assert world.restarts >= SCENARIOS // 4
    assert sum(len(ids) for ids in world.logged.values()) >= SCENARIOS
