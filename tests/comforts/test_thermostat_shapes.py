"""Thermostats of every shape, and who changed them (SPEC §10).

A `heat_cool` thermostat with a low and a high target; a thermostat that reports
our own target back with a new context, or picks a heating mode itself; a
person's change made while Home Assistant was stopped.
"""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import Context, HomeAssistant
import pytest

from custom_components.als_comfort.const import CONF_COMFORT_SETPOINT, CONF_MAX_SETPOINT
from tests.conftest import (
    THERMOSTAT,
    FakeThermostat,
    advance_to,
    capture_actions,
    capture_calls,
    comfort_entry,
    report_room,
    set_temperature,
    set_up_entry,
)

from .conftest import RangeThermostat, person_sets_thermostat, real_thermostat, unload

pytestmark = pytest.mark.freeze_time("2026-11-25 22:00:00+00:00")


# --- heat_cool with a low and a high target ---------------------------------------


@pytest.mark.parametrize(
    ("high", "options", "boost"),
    [
        (24.0, {}, (21.0, 24.0)),
        (21.5, {}, (21.0, 22.0)),  # the high target kept 1 °C above the low one
        (24.0, {CONF_COMFORT_SETPOINT: 26.0, CONF_MAX_SETPOINT: 24.0}, (24.0, 25.0)),
    ],
    ids=["plain", "high-pushed-up", "capped"],
)
async def test_heat_cool_thermostat_gets_its_low_target_raised(
    hass: HomeAssistant,
    bedroom: None,
    freezer: FrozenDateTimeFactory,
    high: float,
    options: dict[str, float],
    boost: tuple[float, float],
) -> None:
    """The low target is raised (capped), the high one kept above; both put back."""
    thermostat = RangeThermostat(hass, low=17.0, high=high)
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry(options))
    low, raised_high = boost
    assert thermostat.calls == [
        ("set_temperature", {"target_temp_low": low, "target_temp_high": raised_high})
    ]
    # The device reports both targets back later, in a context of its own.
    state = hass.states.get(THERMOSTAT)
    hass.states.async_set(
        THERMOSTAT, "heat_cool", dict(state.attributes), context=Context()
    )
    await hass.async_block_till_done()

    await report_room(hass, 22)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert thermostat.calls[1:] == [
        ("set_temperature", {"target_temp_low": 17.0, "target_temp_high": high})
    ]
    assert [action for action, *_ in actions()] == [
        "heating_started",
        "heating_restored",
    ]


async def test_heat_cool_low_target_already_warm_is_left_alone(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A low target at 22 °C is warm enough: nothing is lowered or put back."""
    thermostat = RangeThermostat(hass, low=22.0, high=25.0)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    await report_room(hass, 22)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert thermostat.calls == []


async def test_person_changing_a_heat_cool_target_wins(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A person who sets the low target to 19 °C is left with it."""
    thermostat = RangeThermostat(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    await hass.services.async_call(
        "climate",
        "set_temperature",
        {ATTR_ENTITY_ID: THERMOSTAT, "target_temp_low": 19, "target_temp_high": 24},
        blocking=True,
        context=Context(),
    )
    await report_room(hass, 22)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert len(thermostat.calls) == 2  # the boost and the person's own
    assert hass.states.get(THERMOSTAT).attributes["target_temp_low"] == 19


# --- the thermostat's own doing is not a person's change ---------------------------


async def test_schedule_thermostat_choosing_heat_itself_stays_managed(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """`auto` → `heat` after a cloud poll, our target intact: put back at the close."""
    thermostat = FakeThermostat(hass, mode="auto", hvac_modes=["off", "heat", "auto"])
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    assert thermostat.calls == [("set_temperature", {"temperature": 21.0})]
    await advance_to(hass, freezer, "2026-11-25 22:05:00+00:00")
    state = hass.states.get(THERMOSTAT)
    hass.states.async_set(THERMOSTAT, "heat", dict(state.attributes), context=Context())
    await hass.async_block_till_done()

    await report_room(hass, 22)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert thermostat.calls[1:] == [
        ("set_temperature", {"temperature": 18.0}),
        ("set_hvac_mode", {"hvac_mode": "auto"}),
    ]
    assert [action for action, *_ in actions()] == [
        "heating_started",
        "heating_restored",
    ]


async def test_our_target_reported_back_in_a_new_context_is_not_a_person(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A cloud thermostat echoes 21 °C in its own context, rounded: still ours."""
    thermostat = FakeThermostat(hass, target_temp_step=0.5)
    set_temperature(hass, 17)
    await set_up_entry(hass, comfort_entry())
    state = hass.states.get(THERMOSTAT)
    for target in (21.0, 21.2, 21.0):
        attributes = {**state.attributes, "temperature": target}
        hass.states.async_set(THERMOSTAT, "heat", attributes, context=Context())
        await hass.async_block_till_done()
    await report_room(hass, 22)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert thermostat.calls[1:] == [("set_temperature", {"temperature": 18.0})]


# --- a person's change while Home Assistant was stopped wins ----------------------


@pytest.mark.parametrize(
    "change", [{"temperature": 19}, {"hvac_mode": "off"}], ids=["target", "off"]
)
async def test_change_made_while_stopped_wins_at_restart(
    hass: HomeAssistant,
    bedroom: None,
    freezer: FrozenDateTimeFactory,
    change: dict[str, object],
) -> None:
    """Set by hand while stopped: released at start, not boosted, not put back."""
    await real_thermostat(hass)
    set_temperature(hass, 17)
    calls = capture_calls(hass, "climate")
    actions = capture_actions(hass)
    entry = await set_up_entry(hass, comfort_entry())
    await unload(hass, entry)
    await person_sets_thermostat(hass, **change)
    shown = hass.states.get(THERMOSTAT)

    await advance_to(hass, freezer, "2026-11-26 01:00:00+00:00")
    await set_up_entry(hass, entry)
    await report_room(hass, 16.5)
    await report_room(hass, 21.5)
    await advance_to(hass, freezer, "2026-11-26 07:30:00+00:00")
    assert calls == [("set_temperature", THERMOSTAT), next(iter(_person(change)))]
    now = hass.states.get(THERMOSTAT)
    assert (now.state, now.attributes["temperature"]) == (
        shown.state,
        shown.attributes["temperature"],
    )
    assert actions()[1:] == [("heating_released", THERMOSTAT, "manual_change")]


def _person(change: dict[str, object]) -> list[tuple[str, str]]:
    """The call a person made for this change."""
    service = "set_hvac_mode" if "hvac_mode" in change else "set_temperature"
    return [(service, THERMOSTAT)]


async def test_nothing_changed_while_stopped_stays_managed(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A restart with the thermostat as we left it: no new boost, put back at the close."""
    await real_thermostat(hass)
    set_temperature(hass, 17)
    calls = capture_calls(hass, "climate")
    entry = await set_up_entry(hass, comfort_entry())
    await unload(hass, entry)
    await advance_to(hass, freezer, "2026-11-26 01:00:00+00:00")
    await set_up_entry(hass, entry)
    await report_room(hass, 21.5)
    await advance_to(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert calls == [("set_temperature", THERMOSTAT)] * 2
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 18


async def test_change_made_while_stopped_is_kept_and_the_next_night_boosts_afresh(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """Stopped all day after a change by hand: the next window boosts from 19 °C."""
    await real_thermostat(hass)
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, comfort_entry())
    await unload(hass, entry)
    await person_sets_thermostat(hass, temperature=19)
    await advance_to(hass, freezer, "2026-11-26 21:45:00+00:00")
    await set_up_entry(hass, entry)
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 21.0
    await report_room(hass, 22)
    await advance_to(hass, freezer, "2026-11-27 07:00:00+00:00")
    assert hass.states.get(THERMOSTAT).attributes["temperature"] == 19.0
