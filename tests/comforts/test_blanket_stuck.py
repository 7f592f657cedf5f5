"""A blanket or heater still on after its deadline: a person is called (SPEC §10).

Two minutes after the deadline, a switch still on (or unavailable while it
should be off) is announced as `heater_stuck_on`, once per stuck spell, also
across a restart; the switch-off is still tried every minute and the repair
issue stays until it is off.
"""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.als_comfort.const import (
    CONF_BLANKET_SWITCH,
    CONF_CLIMATE_ENTITY,
    DOMAIN,
)
from tests.conftest import BLANKET_ISSUE, comfort_entry, set_up_entry

from .conftest import (
    BLANKET,
    StuckBlanket,
    blanket_entry,
    capture_calls_for_a_person,
    switch_blanket,
    unload,
    walk_to,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 12:00:00+00:00")


async def test_stuck_blanket_calls_a_person_two_minutes_after_its_deadline(
    hass: HomeAssistant,
    bedroom: None,
    blanket: None,
    freezer: FrozenDateTimeFactory,
    issue_registry: ir.IssueRegistry,
) -> None:
    """On by hand at noon, stuck at 13:00: a call at 13:02, once; tried every minute."""
    announced = capture_calls_for_a_person(hass)
    await set_up_entry(hass, blanket_entry())
    await switch_blanket(hass, "turn_on")
    stuck = StuckBlanket(hass)
    await walk_to(hass, freezer, "2026-11-25 13:01:59+00:00")
    assert stuck.tries == 2  # 13:00, 13:01
    assert issue_registry.async_get_issue(DOMAIN, BLANKET_ISSUE) is not None
    assert announced() == []
    await walk_to(hass, freezer, "2026-11-25 13:02:00+00:00")
    assert announced() == [("25 13:02:00", "heater_stuck_on", BLANKET, "time_limit")]

    await walk_to(hass, freezer, "2026-11-25 13:30:00+00:00")
    assert stuck.tries == 31
    assert len(announced()) == 1
    stuck.mended = True
    await walk_to(hass, freezer, "2026-11-25 13:31:00+00:00")
    assert hass.states.get(BLANKET).state == STATE_OFF
    assert issue_registry.async_get_issue(DOMAIN, BLANKET_ISSUE) is None

    stuck.mended = False  # the next time it sticks is a new spell: a new call
    await switch_blanket(hass, "turn_on")
    await walk_to(hass, freezer, "2026-11-25 14:33:00+00:00")
    assert announced()[1:] == [
        ("25 14:33:00", "heater_stuck_on", BLANKET, "time_limit")
    ]


async def test_heater_unavailable_while_it_should_be_off_calls_a_person(
    hass: HomeAssistant, bedroom: None, freezer: FrozenDateTimeFactory
) -> None:
    """A heater plug that went unavailable while on: at its deadline + 2 min, a call."""
    heater = "switch.heater"
    hass.states.async_set(heater, STATE_OFF)
    announced = capture_calls_for_a_person(hass)
    await set_up_entry(
        hass, comfort_entry(**{CONF_CLIMATE_ENTITY: None, CONF_BLANKET_SWITCH: heater})
    )
    hass.states.async_set(heater, STATE_ON, context=Context())  # on by hand
    await hass.async_block_till_done()
    await walk_to(hass, freezer, "2026-11-25 12:30:00+00:00")
    hass.states.async_set(heater, STATE_UNAVAILABLE)
    await walk_to(hass, freezer, "2026-11-25 13:10:00+00:00")
    assert announced() == [("25 13:02:00", "heater_stuck_on", heater, "time_limit")]


@pytest.mark.parametrize(
    ("stopped", "started", "called_at"),
    [
        ("13:00:30", "13:01:30", "25 13:02:00"),  # back before the 2 minutes
        ("13:01:00", "13:30:00", "25 13:30:00"),  # back long after: at once
        ("13:03:00", "13:05:00", None),  # already called: not again
    ],
    ids=["restart-within", "restart-after", "restart-after-the-call"],
)
async def test_stuck_blanket_is_called_in_once_across_a_restart(
    hass: HomeAssistant,
    bedroom: None,
    blanket: None,
    freezer: FrozenDateTimeFactory,
    stopped: str,
    started: str,
    called_at: str | None,
) -> None:
    """A restart neither delays the call past its time nor repeats it."""
    announced = capture_calls_for_a_person(hass)
    entry = await set_up_entry(hass, blanket_entry())
    await switch_blanket(hass, "turn_on")
    stuck = StuckBlanket(hass)
    await walk_to(hass, freezer, f"2026-11-25 {stopped}+00:00")
    calls_before = announced()
    await unload(hass, entry)
    freezer.move_to(f"2026-11-25 {started}+00:00")
    await set_up_entry(hass, entry)
    async_fire_time_changed(hass)  # a passed deadline acts at once
    await hass.async_block_till_done()
    await walk_to(hass, freezer, "2026-11-25 13:40:00+00:00")
    expected = [("heater_stuck_on", BLANKET, "time_limit")]
    assert [call[1:] for call in announced()] == expected
    assert announced()[0][0] == (called_at or calls_before[0][0])
    assert hass.states.get(BLANKET).state == STATE_ON
    assert stuck.tries > 10  # still tried every minute after the restart
