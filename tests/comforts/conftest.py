"""Shared fixtures and helpers of the comfort tests: a blanket, thermostats, options."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import ATTR_ENTITY_ID, STATE_ON
from homeassistant.core import Context, HomeAssistant, ServiceCall
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.als_comfort.const import (
    BLANKET_MODE_COMFORT,
    BLANKET_MODE_PREWARM,
    CONF_BLANKET_MODE,
    CONF_BLANKET_SWITCH,
    CONF_CLIMATE_ENTITY,
    CONF_QUIET_HOURS,
    DEFAULT_OPTIONS,
    DOMAIN,
    EVENT_ACTION,
)
from tests.conftest import (
    BEDROOM_SENSOR,
    DIANE_ENTRY_ID as ENTRY_ID,
    THERMOSTAT,
    FakeThermostat,
    comfort_entry,
)

BLANKET = "input_boolean.blanket"
COMFORT_ACTIONS = "switch.diane_comfort_actions"
STORAGE_KEY = f"{DOMAIN}.{ENTRY_ID}.comforts"


async def unload(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Unload the entry and let everything settle."""
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


@pytest.fixture
async def blanket(hass: HomeAssistant) -> None:
    """A real heated blanket switch (an input_boolean), off."""
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"blanket": None}}
    )
    await hass.async_block_till_done()


def blanket_entry(mode: str = BLANKET_MODE_COMFORT, **options: Any) -> MockConfigEntry:
    """Diane's entry with a blanket and no thermostat (comfort mode: SPEC §6)."""
    return comfort_entry(
        {CONF_BLANKET_MODE: mode, **options},
        **{CONF_CLIMATE_ENTITY: None, CONF_BLANKET_SWITCH: BLANKET},
    )


async def switch_blanket(hass: HomeAssistant, service: str) -> None:
    """Switch the blanket as a person would."""
    await hass.services.async_call(
        "input_boolean",
        service,
        {ATTR_ENTITY_ID: BLANKET},
        blocking=True,
        context=Context(),  # a person at the device or in the UI
    )
    await hass.async_block_till_done()


# --- version 2 (SPEC §10): what calls a person, other thermostats, options ------

# The comforts' announcements that the alerts turn into an urgent call.
CALLS_A_PERSON = ("heating_cannot_start", "heater_stuck_on")
HEATER = "input_boolean.heater"


def capture_calls_for_a_person(
    hass: HomeAssistant,
) -> Callable[[], list[tuple[str, str, str, str | None]]]:
    """Capture the announcements that call a person: (UTC time, action, entity, reason).

    Read from the `als_comfort_action` bus events, as a user's automation sees them.
    """
    events = async_capture_events(hass, EVENT_ACTION)

    def announced() -> list[tuple[str, str, str, str | None]]:
        return [
            (
                dt_util.as_utc(event.time_fired).strftime("%d %H:%M:%S"),
                event.data["action"],
                event.data["entity_id"],
                event.data.get("reason"),
            )
            for event in events
            if event.data["action"] in CALLS_A_PERSON
        ]

    return announced


class RangeThermostat(FakeThermostat):
    """A thermostat in `heat_cool` that has a low and a high target, no single one."""

    def __init__(
        self, hass: HomeAssistant, low: float = 17.0, high: float = 24.0, **kw: Any
    ) -> None:
        """Show the thermostat with its two targets."""
        kw.setdefault("hvac_modes", ["off", "heat", "cool", "heat_cool"])
        super().__init__(
            hass,
            mode=kw.pop("mode", "heat_cool"),
            target=None,
            target_temp_low=low,
            target_temp_high=high,
            **kw,
        )

    async def handle(self, call: ServiceCall) -> None:
        """Apply both targets (or a mode) in the caller's context."""
        data = {key: value for key, value in call.data.items() if key != ATTR_ENTITY_ID}
        self.calls.append((call.service, data))
        if (error := self.fail.get(call.service)) is not None:
            raise error
        state = self.hass.states.get(self.entity_id)
        assert state is not None
        mode, attributes = state.state, dict(state.attributes)
        mode = data.pop("hvac_mode", mode)
        attributes.update(data)
        self.hass.states.async_set(
            self.entity_id, mode, attributes, context=call.context
        )


async def real_thermostat(hass: HomeAssistant, **config: Any) -> None:
    """A real generic_thermostat heating through an input_boolean, at 18 °C."""
    hass.states.async_remove(THERMOSTAT)
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"heater": None}}
    )
    assert await async_setup_component(
        hass,
        "climate",
        {
            "climate": {
                "platform": "generic_thermostat",
                "name": "bedroom",
                "heater": HEATER,
                "target_sensor": BEDROOM_SENSOR,
                "initial_hvac_mode": "heat",
                "target_temp": 18,
                **config,
            }
        },
    )
    await hass.async_block_till_done()


async def person_sets_thermostat(hass: HomeAssistant, **data: Any) -> None:
    """A person sets the thermostat in the UI (a target, or a mode)."""
    service = "set_hvac_mode" if "hvac_mode" in data else "set_temperature"
    await hass.services.async_call(
        "climate",
        service,
        {ATTR_ENTITY_ID: THERMOSTAT, **data},
        blocking=True,
        context=Context(),
    )
    await hass.async_block_till_done()


async def change_options(
    hass: HomeAssistant, entry: MockConfigEntry, **changes: Any
) -> None:
    """Change options in the options form, as a user does (the entry reloads)."""
    result = await hass.config_entries.options.async_init(entry.entry_id)
    form = {
        **{
            key: entry.options.get(key, value) for key, value in DEFAULT_OPTIONS.items()
        },
        CONF_BLANKET_MODE: entry.options.get(CONF_BLANKET_MODE, BLANKET_MODE_PREWARM),
        CONF_QUIET_HOURS: {},
        **changes,
    }
    result = await hass.config_entries.options.async_configure(result["flow_id"], form)
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    await hass.async_block_till_done()


class StuckBlanket:
    """The blanket's relay sticks: `turn_off` fails until it is mended."""

    def __init__(self, hass: HomeAssistant) -> None:
        """From now on the blanket will not switch off (call once set up)."""
        self.hass = hass
        self.tries = 0
        self.mended = False
        hass.services.async_register("input_boolean", "turn_off", self._turn_off)

    async def _turn_off(self, call: ServiceCall) -> None:
        """Refuse, or switch off once mended."""
        self.tries += 1
        if not self.mended:
            raise HomeAssistantError("relay stuck")
        self.hass.states.async_set(BLANKET, "off", context=call.context)


def on_minutes(hass: HomeAssistant, entity_id: str = BLANKET) -> int:
    """Return 1 when the blanket is on now, for counting minutes."""
    state = hass.states.get(entity_id)
    return int(state is not None and state.state == STATE_ON)


async def walk_to(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    when: str,
    each_minute: Callable[[], None] | None = None,
) -> None:
    """Move the clock to `when` (UTC) from whole minute to whole minute, as time passes.

    `each_minute` is called at the start of each minute passed (to count what
    is on during it).
    """
    end = dt_util.parse_datetime(when, raise_on_error=True)
    while (now := dt_util.utcnow()) < end:
        if each_minute is not None:
            each_minute()
        minute = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
        freezer.move_to(min(end, minute))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
