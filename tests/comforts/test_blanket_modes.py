"""Blanket modes, the nightly budget and lowered limits (SPEC §10).

`prewarm` (the default) warms the bed before bedtime only; `comfort` also warms
during the night, within `blanket_night_max_minutes` of on-time per night
window (ours and by hand, across restarts). A blanket switched on by hand always
gets `blanket_max_minutes`. A lowered `blanket_max_minutes` moves the deadline
of a blanket that is on.
"""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
import pytest

from custom_components.als_comfort.const import (
    BLANKET_MODE_COMFORT,
    BLANKET_MODE_PREWARM,
    CONF_BLANKET_MAX_MINUTES,
    CONF_PRE_BEDTIME_MINUTES,
    DOMAIN,
)
from tests.conftest import (
    DIANE_ENTRY_ID,
    advance_to,
    capture_actions,
    report_room,
    set_temperature,
    set_up_entry,
)

from .conftest import (
    BLANKET,
    blanket_entry,
    change_options,
    on_minutes,
    switch_blanket,
    unload,
    walk_to,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 21:00:00+00:00")


def _blanket(hass: HomeAssistant) -> str:
    """Return the blanket's state now."""
    return hass.states.get(BLANKET).state


async def _log_cramp(hass: HomeAssistant) -> None:
    """The person logs a cramp (a new cramp cluster begins)."""
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {"config_entry_id": DIANE_ENTRY_ID, "kind": "cramp", "body_area": "calf"},
        blocking=True,
    )
    await hass.async_block_till_done()


# --- the bad night: a cramp every 65 minutes in a cold room -----------------------

CRAMPS = ("23:00", "00:05", "01:10", "02:15", "03:20", "04:25", "05:30", "06:35")


@pytest.mark.parametrize(
    ("mode", "most_in_window", "most_in_bed"),
    [(BLANKET_MODE_COMFORT, 120, 120), (BLANKET_MODE_PREWARM, 60, 0)],
)
async def test_a_cramp_every_65_minutes_no_longer_keeps_the_blanket_on_all_night(
    hass: HomeAssistant,
    bedroom: None,
    blanket: None,
    freezer: FrozenDateTimeFactory,
    mode: str,
    most_in_window: int,
    most_in_bed: int,
) -> None:
    """Once 438 of 479 minutes: now the nightly budget, or nothing at all in bed."""
    set_temperature(hass, 17)
    await set_up_entry(hass, blanket_entry(mode))
    minutes = {"window": 0, "bed": 0}

    def count_window() -> None:
        minutes["window"] += on_minutes(hass)

    def count_bed() -> None:
        minutes["window"] += on_minutes(hass)
        minutes["bed"] += on_minutes(hass)

    await walk_to(hass, freezer, "2026-11-25 21:30:00+00:00")
    await walk_to(hass, freezer, "2026-11-25 22:30:00+00:00", count_window)
    for cramp in CRAMPS:
        day = 25 if cramp.startswith("23") else 26
        await walk_to(hass, freezer, f"2026-11-{day} {cramp}:00+00:00", count_bed)
        await _log_cramp(hass)
    await walk_to(hass, freezer, "2026-11-26 07:00:00+00:00", count_bed)
    assert minutes["window"] <= most_in_window
    assert minutes["bed"] <= most_in_bed
    assert minutes["window"] >= 60  # the bed was warmed before bedtime
    assert _blanket(hass) == STATE_OFF


# --- prewarm -----------------------------------------------------------------------


async def test_prewarm_warms_the_bed_until_bedtime_only(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """On at the window's opening (room below 21 °C), off at bedtime, never in bed."""
    actions = capture_actions(hass)
    await set_up_entry(
        hass,
        blanket_entry(BLANKET_MODE_PREWARM, **{CONF_BLANKET_MAX_MINUTES: 90}),
    )  # 20.5 °C: below the comfort setpoint, not cold
    await advance_to(hass, freezer, "2026-11-25 21:30:00+00:00")
    assert _blanket(hass) == STATE_ON
    await advance_to(hass, freezer, "2026-11-25 22:29:59+00:00")
    assert _blanket(hass) == STATE_ON
    await advance_to(hass, freezer, "2026-11-25 22:30:00+00:00")
    assert _blanket(hass) == STATE_OFF
    assert actions() == [
        ("blanket_on", BLANKET, "preheat"),
        ("blanket_off", BLANKET, "bedtime"),
    ]

    await report_room(hass, 16)  # cold in bed, and a cramp: still never on
    await _log_cramp(hass)
    await advance_to(hass, freezer, "2026-11-26 03:00:00+00:00")
    await _log_cramp(hass)
    await advance_to(hass, freezer, "2026-11-26 12:00:00+00:00")
    await _log_cramp(hass)  # a cramp in a cold room by day: not in prewarm mode
    assert len(actions()) == 2
    await advance_to(hass, freezer, "2026-11-26 21:30:00+00:00")
    assert _blanket(hass) == STATE_ON  # the next evening


async def test_prewarm_stops_at_the_limit_before_bedtime(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """Window opens 90 min before bedtime: on at 21:00, off at 22:00 (60 min)."""
    freezer.move_to("2026-11-25 20:00:00+00:00")
    await set_up_entry(
        hass,
        blanket_entry(BLANKET_MODE_PREWARM, **{CONF_PRE_BEDTIME_MINUTES: 90}),
    )
    await advance_to(hass, freezer, "2026-11-25 21:00:00+00:00")
    assert _blanket(hass) == STATE_ON
    await advance_to(hass, freezer, "2026-11-25 22:00:00+00:00")
    assert _blanket(hass) == STATE_OFF


async def test_prewarm_leaves_a_warm_bed_alone(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """The room at the comfort setpoint when the window opens: no blanket."""
    set_temperature(hass, 21.5)
    await set_up_entry(hass, blanket_entry(BLANKET_MODE_PREWARM))
    await advance_to(hass, freezer, "2026-11-25 21:30:00+00:00")
    assert _blanket(hass) == STATE_OFF


@pytest.mark.parametrize("mode", [BLANKET_MODE_PREWARM, BLANKET_MODE_COMFORT])
async def test_blanket_on_by_hand_in_bed_gets_its_full_limit(
    hass: HomeAssistant,
    bedroom: None,
    blanket: None,
    freezer: FrozenDateTimeFactory,
    mode: str,
) -> None:
    """Switched on by hand at 23:00: left on (a person chose it), off at 00:00."""
    set_temperature(hass, 21.5)
    await set_up_entry(hass, blanket_entry(mode))
    await advance_to(hass, freezer, "2026-11-25 23:00:00+00:00")
    await switch_blanket(hass, "turn_on")
    await advance_to(hass, freezer, "2026-11-25 23:59:59+00:00")
    assert _blanket(hass) == STATE_ON
    await advance_to(hass, freezer, "2026-11-26 00:00:00+00:00")
    assert _blanket(hass) == STATE_OFF


# --- comfort: the nightly budget ----------------------------------------------------


async def test_comfort_mode_keeps_to_the_nightly_budget(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """60 min ours, 45 by hand, a restart: the next one stops at 120 in all."""
    freezer.move_to("2026-11-25 22:00:00+00:00")
    actions = capture_actions(hass)
    set_temperature(hass, 17)
    entry = await set_up_entry(hass, blanket_entry(BLANKET_MODE_COMFORT))
    assert _blanket(hass) == STATE_ON
    await advance_to(hass, freezer, "2026-11-25 23:00:00+00:00")
    assert _blanket(hass) == STATE_OFF  # 60 min
    await advance_to(hass, freezer, "2026-11-25 23:30:00+00:00")
    await switch_blanket(hass, "turn_on")
    await advance_to(hass, freezer, "2026-11-26 00:15:00+00:00")
    await switch_blanket(hass, "turn_off")  # 45 min by hand: 105 in all
    await unload(hass, entry)
    await advance_to(hass, freezer, "2026-11-26 00:30:00+00:00")
    await set_up_entry(hass, entry)

    await advance_to(hass, freezer, "2026-11-26 01:00:00+00:00")
    await _log_cramp(hass)
    assert _blanket(hass) == STATE_ON
    await advance_to(hass, freezer, "2026-11-26 01:14:59+00:00")
    assert _blanket(hass) == STATE_ON
    await advance_to(hass, freezer, "2026-11-26 01:15:00+00:00")
    assert _blanket(hass) == STATE_OFF  # 120 min: the budget is used
    assert actions()[-1] == ("blanket_off", BLANKET, "night_budget")

    await advance_to(hass, freezer, "2026-11-26 03:00:00+00:00")
    await _log_cramp(hass)
    assert _blanket(hass) == STATE_OFF
    await advance_to(hass, freezer, "2026-11-26 21:30:00+00:00")
    assert _blanket(hass) == STATE_ON  # a new night window, a new budget


async def test_comfort_mode_never_switches_on_once_the_budget_is_used_by_hand(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """Two hours on by hand in the window: a cold spell after it switches nothing."""
    set_temperature(hass, 21.5)
    await set_up_entry(hass, blanket_entry(BLANKET_MODE_COMFORT))
    await advance_to(hass, freezer, "2026-11-25 21:30:00+00:00")
    for start, end in (("21:30", "22:30"), ("22:30", "23:30")):
        await advance_to(hass, freezer, f"2026-11-25 {start}:00+00:00")
        await switch_blanket(hass, "turn_on")
        await advance_to(hass, freezer, f"2026-11-25 {end}:00+00:00")
        assert _blanket(hass) == STATE_OFF  # its own 60-minute limit
    await report_room(hass, 17)
    await _log_cramp(hass)
    assert _blanket(hass) == STATE_OFF


# --- a lowered blanket_max_minutes applies at once ----------------------------------


@pytest.mark.parametrize(
    ("changed_at", "off_at"),
    [("22:10:00", "22:30:00"), ("22:40:00", "22:40:00")],
    ids=["moved", "passed"],
)
@pytest.mark.parametrize("by_hand", [False, True], ids=["ours", "by-hand"])
async def test_lowered_limit_moves_the_deadline_of_a_blanket_that_is_on(
    hass: HomeAssistant,
    bedroom: None,
    blanket: None,
    freezer: FrozenDateTimeFactory,
    changed_at: str,
    off_at: str,
    by_hand: bool,
) -> None:
    """On at 22:00 with 60 min; lowered to 30 min: off at 22:30, or at once if past."""
    freezer.move_to("2026-11-25 22:00:00+00:00")
    if not by_hand:
        set_temperature(hass, 17)
    entry = await set_up_entry(hass, blanket_entry(BLANKET_MODE_COMFORT))
    if by_hand:
        await switch_blanket(hass, "turn_on")
    assert _blanket(hass) == STATE_ON
    await advance_to(hass, freezer, f"2026-11-25 {changed_at}+00:00")
    await change_options(hass, entry, **{CONF_BLANKET_MAX_MINUTES: 30})
    await hass.async_block_till_done()
    if changed_at != off_at:
        assert _blanket(hass) == STATE_ON
        await advance_to(hass, freezer, f"2026-11-25 {off_at}+00:00")
    assert _blanket(hass) == STATE_OFF


async def test_comfort_mode_warms_for_a_cramp_by_day(
    hass: HomeAssistant, bedroom: None, blanket: None, freezer: FrozenDateTimeFactory
) -> None:
    """Outside the night window no nightly budget applies: a cramp in a cold room warms."""
    freezer.move_to("2026-11-25 12:00:00+00:00")
    set_temperature(hass, 17)
    await set_up_entry(hass, blanket_entry(BLANKET_MODE_COMFORT))
    await _log_cramp(hass)
    assert _blanket(hass) == STATE_ON
    await advance_to(hass, freezer, "2026-11-25 13:00:00+00:00")
    assert _blanket(hass) == STATE_OFF
