"""Long stillness: a person who cannot turn in bed is reminded to be turned (SPEC §12).

Diane's night window is 21:30 to 07:00 (London, winter: local time is UTC). The
last movement is the later of her movement sensor's last change and the last
logged repositioning; inside the window, 120 minutes after it, the
`long_stillness` sensor turns on, the risk gains `long_stillness` and a
caregiver is reminded (`reposition_due`), once, like any non-urgent alert.
"""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import Event, HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.als_comfort.const import (
    CONF_BEDTIME,
    CONF_MOVEMENT_SENSOR,
    CONF_QUIET_END,
    CONF_QUIET_HOURS,
    CONF_QUIET_START,
    CONF_STILLNESS_MINUTES,
    CONF_TEMPERATURE_SENSOR,
    CONF_WAKE_TIME,
    DEFAULT_OPTIONS,
    DOMAIN,
    EVENT_ALERT,
)

from .conftest import (
    BEDROOM_SENSOR,
    DIANE_ENTRY_ID,
    PAUL,
    PERSON_DATA,
    Phones,
    diane_entry,
    set_temperature,
    set_up_entry,
    settle_tasks,
)

pytestmark = pytest.mark.freeze_time("2026-11-25 22:00:00+00:00")

BED = "binary_sensor.bed_movement"
STILLNESS = "binary_sensor.diane_long_stillness"
RISK = "sensor.diane_cramp_risk"
REMINDER = (
    "Please turn Diane in bed: no movement for {minutes} minutes. Then log the "
    "repositioning, so that the next reminder comes in time."
)


def _entry(movement_sensor: str | None = BED, **options: Any) -> MockConfigEntry:
    """Diane's entry with a caregiver, no comforts, and this movement sensor."""
    data = {k: v for k, v in PERSON_DATA.items() if k != "climate_entity"}
    if movement_sensor:
        data[CONF_MOVEMENT_SENSOR] = movement_sensor
    return diane_entry(data, {**DEFAULT_OPTIONS, **options})


async def _at(hass: HomeAssistant, freezer: FrozenDateTimeFactory, when: str) -> None:
    """Move the clock to `when` (UTC, which is London's winter time) and settle."""
    freezer.move_to(when)
    async_fire_time_changed(hass)
    await settle_tasks(hass)


async def _move(hass: HomeAssistant, state: str) -> None:
    """The bed sensor reports a state, as it does when Diane moves."""
    hass.states.async_set(BED, state)
    await settle_tasks(hass)


async def _reposition(hass: HomeAssistant, **fields: Any) -> dict[str, Any]:
    """A caregiver logs that Diane was turned."""
    response = await hass.services.async_call(
        DOMAIN,
        "log_repositioned",
        {"config_entry_id": DIANE_ENTRY_ID, **fields},
        blocking=True,
        return_response=True,
    )
    await settle_tasks(hass)
    assert isinstance(response, dict)
    return response


def _still(hass: HomeAssistant) -> str:
    """Return the long-stillness sensor's state."""
    return hass.states.get(STILLNESS).state


def _last_movement(hass: HomeAssistant) -> str | None:
    """Return the long-stillness sensor's `last_movement` attribute."""
    return hass.states.get(STILLNESS).attributes["last_movement"]


@pytest.fixture
def alerts(hass: HomeAssistant) -> list[Event]:
    """Capture what happens to the caregiver alerts."""
    return async_capture_events(hass, EVENT_ALERT)


def _reminders(alerts: list[Event]) -> list[Event]:
    """Return the reminders to turn Diane that were sent (not passed on)."""
    return [
        event
        for event in alerts
        if event.data["type"] == "alert_sent" and event.data["kind"] == "reposition_due"
    ]


def _first_message(phones: Phones) -> str:
    """Return the first message the first caregiver got."""
    return str(phones[PAUL][0].data["message"])


async def test_sensor_change_resets_the_clock(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phones: Phones,
    alerts: list[Event],
) -> None:
    """Each change of the bed sensor starts the 120 minutes again."""
    hass.states.async_set(BED, "off")
    await set_up_entry(hass, _entry())
    await _move(hass, "on")  # 22:00
    assert _last_movement(hass) == "2026-11-25T22:00:00+00:00"

    await _at(hass, freezer, "2026-11-25 23:45:00+00:00")
    await _move(hass, "off")  # she turned over by herself
    await _at(hass, freezer, "2026-11-26 00:30:00+00:00")  # 150 min after 22:00
    assert _still(hass) == "off"
    assert _reminders(alerts) == []

    await _at(hass, freezer, "2026-11-26 01:44:59+00:00")
    assert _still(hass) == "off"
    await _at(hass, freezer, "2026-11-26 01:45:00+00:00")
    assert _still(hass) == "on"
    assert "long_stillness" in hass.states.get(RISK).attributes["reasons"]
    assert len(_reminders(alerts)) == 1
    assert _first_message(phones) == REMINDER.format(minutes=120)
    assert _last_movement(hass) == "2026-11-25T23:45:00+00:00"

    await _move(hass, "on")  # moved again: the problem is gone
    assert _still(hass) == "off"
    assert "long_stillness" not in hass.states.get(RISK).attributes["reasons"]


async def test_a_restless_sensor_moves_the_clock_to_the_minute(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phones: Phones,
    alerts: list[Event],
) -> None:
    """Changes within one minute note one movement: the sensor is written once."""
    hass.states.async_set(BED, "off")
    await set_up_entry(hass, _entry())
    await _at(hass, freezer, "2026-11-25 22:10:05+00:00")
    writes: list[str] = []
    hass.bus.async_listen(
        "state_changed",
        lambda event: (
            writes.append(event.data["entity_id"])
            if "diane_" in event.data["entity_id"]
            else None
        ),
    )
    for step in range(20):
        await _move(hass, "on" if step % 2 == 0 else "off")
    assert _last_movement(hass) == "2026-11-25T22:10:00+00:00"
    assert writes == [STILLNESS]  # once, and no other entity of Diane's


async def test_logged_repositioning_resets_the_clock(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phones: Phones,
    alerts: list[Event],
) -> None:
    """Without a sensor, logged repositionings alone set the rhythm."""
    await set_up_entry(hass, _entry(movement_sensor=None))
    await _reposition(hass, position="left side")
    assert _last_movement(hass) == "2026-11-25T22:00:00+00:00"

    await _at(hass, freezer, "2026-11-26 00:00:00+00:00")
    assert _still(hass) == "on"
    assert len(_reminders(alerts)) == 1
    assert _first_message(phones) == REMINDER.format(minutes=120)

    await _at(hass, freezer, "2026-11-26 00:20:00+00:00")
    await _reposition(hass, position="right side")
    assert _still(hass) == "off"
    assert _last_movement(hass) == "2026-11-26T00:20:00+00:00"
    await _at(hass, freezer, "2026-11-26 02:19:00+00:00")
    assert _still(hass) == "off"
    await _at(hass, freezer, "2026-11-26 02:20:00+00:00")
    assert _still(hass) == "on"
    assert len(_reminders(alerts)) == 2


async def test_a_repositioning_logged_afterwards_counts_from_its_time(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phones: Phones,
    alerts: list[Event],
) -> None:
    """`when` places the repositioning; the later of sensor and log counts."""
    hass.states.async_set(BED, "off")
    await set_up_entry(hass, _entry())
    await _move(hass, "on")  # 22:00
    await _at(hass, freezer, "2026-11-25 23:50:00+00:00")
    await _reposition(hass, when="2026-11-25T23:30:00+00:00")
    assert _last_movement(hass) == "2026-11-25T23:30:00+00:00"
    await _at(hass, freezer, "2026-11-26 01:29:00+00:00")
    assert _still(hass) == "off"
    await _at(hass, freezer, "2026-11-26 01:30:00+00:00")
    assert _still(hass) == "on"


async def test_reminder_only_inside_the_night_window(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phones: Phones,
    alerts: list[Event],
) -> None:
    """By day stillness is no problem; at the window's opening it is, at once."""
    freezer.move_to("2026-11-25 10:00:00+00:00")
    await set_up_entry(hass, _entry(movement_sensor=None))
    await _reposition(hass)
    await _at(hass, freezer, "2026-11-25 15:00:00+00:00")  # 5 hours, by day
    assert _still(hass) == "off"
    assert _reminders(alerts) == []

    await _at(hass, freezer, "2026-11-25 21:29:59+00:00")
    assert _still(hass) == "off"
    await _at(hass, freezer, "2026-11-25 21:30:00+00:00")  # the window opens
    assert _still(hass) == "on"
    assert len(_reminders(alerts)) == 1
    assert _first_message(phones) == REMINDER.format(minutes=690)

    await _at(hass, freezer, "2026-11-26 07:00:00+00:00")  # the window closes
    assert _still(hass) == "off"
    assert len(_reminders(alerts)) == 1


async def test_nothing_is_assumed_without_data(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phones: Phones,
    alerts: list[Event],
) -> None:
    """No sensor change and nothing logged: no stillness, no reason, no reminder.

    A sensor appearing, going unavailable or coming back is not a movement.
    """
    await set_up_entry(hass, _entry())
    await _move(hass, "off")  # the sensor appears (as after a restart)
    await _move(hass, "unavailable")
    await _move(hass, "on")
    for when in ("2026-11-26 01:00:00+00:00", "2026-11-26 06:59:00+00:00"):
        await _at(hass, freezer, when)
        assert _still(hass) == "off"
        assert _last_movement(hass) is None
        assert "long_stillness" not in hass.states.get(RISK).attributes["reasons"]
    assert _reminders(alerts) == []


async def test_option_zero_turns_it_off(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phones: Phones,
    alerts: list[Event],
) -> None:
    """`stillness_minutes` 0: the last movement is shown, nothing else happens."""
    await set_up_entry(hass, _entry(**{CONF_STILLNESS_MINUTES: 0}))
    await _reposition(hass)
    await _at(hass, freezer, "2026-11-26 05:00:00+00:00")
    assert (_still(hass), _last_movement(hass)) == ("off", "2026-11-25T22:00:00+00:00")
    assert _reminders(alerts) == []


async def test_restart_keeps_the_last_movement(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phones: Phones,
    alerts: list[Event],
) -> None:
    """The sensor's last change survives a restart; the sensor reappearing is none.

    Nor is the reminder sent a second time after the restart.
    """
    entry = _entry()
    hass.states.async_set(BED, "off")
    await set_up_entry(hass, entry)
    await _move(hass, "on")  # 22:00
    await _at(hass, freezer, "2026-11-25 23:00:00+00:00")
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    hass.states.async_remove(BED)  # Home Assistant stops; the sensor is gone

    await set_up_entry(hass, entry)
    await _move(hass, "on")  # the sensor comes back with its state
    assert _last_movement(hass) == "2026-11-25T22:00:00+00:00"
    await _at(hass, freezer, "2026-11-26 00:00:00+00:00")
    assert _still(hass) == "on"
    assert len(_reminders(alerts)) == 1

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    await set_up_entry(hass, entry)
    await settle_tasks(hass)
    assert _still(hass) == "on"
    assert len(_reminders(alerts)) == 1


async def test_quiet_hours_hold_the_reminder_for_the_morning(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phones: Phones,
    alerts: list[Event],
) -> None:
    """Not urgent: within quiet hours it waits for the morning summary."""
    quiet = {CONF_QUIET_START: "23:00:00", CONF_QUIET_END: "07:00:00"}
    await set_up_entry(hass, _entry(movement_sensor=None, **{CONF_QUIET_HOURS: quiet}))
    await _reposition(hass)
    await _at(hass, freezer, "2026-11-26 00:00:00+00:00")
    assert _still(hass) == "on"
    assert phones[PAUL] == []

    await _at(hass, freezer, "2026-11-26 07:00:00+00:00")
    assert len(phones[PAUL]) == 1
    assert phones[PAUL][0].data["message"] == (
        "Held back during Diane's quiet hours:\n00:00 " + REMINDER.format(minutes=120)
    )


async def test_cooldown_holds_back_a_second_reminder(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phones: Phones,
    alerts: list[Event],
) -> None:
    """A new spell of stillness within the cooldown is not reminded again."""
    await set_up_entry(
        hass, _entry(movement_sensor=None, **{CONF_STILLNESS_MINUTES: 15})
    )
    await _reposition(hass)
    await _at(hass, freezer, "2026-11-25 22:15:00+00:00")
    await _reposition(hass)
    await _at(hass, freezer, "2026-11-25 22:30:00+00:00")
    assert _still(hass) == "on"
    assert len(_reminders(alerts)) == 1  # 15 min after the first: cooldown 30
    await _reposition(hass)
    await _at(hass, freezer, "2026-11-25 22:45:00+00:00")
    assert len(_reminders(alerts)) == 2


async def test_stillness_in_a_cold_room_makes_the_risk_high(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phones: Phones,
    alerts: list[Event],
) -> None:
    """A cold night (45) and long stillness (20) are high; the alert says why."""
    await set_up_entry(hass, _entry(movement_sensor=None))
    await _reposition(hass)
    set_temperature(hass, 17.5)
    await settle_tasks(hass)
    assert hass.states.get(RISK).state == "elevated"
    await _at(hass, freezer, "2026-11-26 00:00:00+00:00")
    state = hass.states.get(RISK)
    assert state.state == "high"
    assert state.attributes["reasons"] == ["cold_room", "long_stillness", "cold_night"]
    messages = [call.data["message"] for call in phones[PAUL]]
    assert any("Diane has not moved for 120 minutes" in text for text in messages)
    assert any("Please turn Diane in bed" in text for text in messages)


async def test_reconfigure_and_options_round_trip(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phones: Phones,
    alerts: list[Event],
) -> None:
    """A sensor added by reconfigure is followed; a new time applies at once."""
    entry = await set_up_entry(hass, _entry(movement_sensor=None))
    await _reposition(hass)
    hass.states.async_set(BED, "off")
    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_TEMPERATURE_SENSOR: BEDROOM_SENSOR,
            CONF_BEDTIME: "22:30:00",
            CONF_WAKE_TIME: "07:00:00",
            CONF_MOVEMENT_SENSOR: BED,
        },
    )
    assert result["reason"] == "reconfigure_successful"
    await settle_tasks(hass)
    assert entry.state is ConfigEntryState.LOADED
    assert _last_movement(hass) == "2026-11-25T22:00:00+00:00"  # the log's
    await _at(hass, freezer, "2026-11-25 22:30:00+00:00")
    await _move(hass, "on")
    assert _last_movement(hass) == "2026-11-25T22:30:00+00:00"

    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {**DEFAULT_OPTIONS, CONF_QUIET_HOURS: {}, CONF_STILLNESS_MINUTES: 60},
    )
    await settle_tasks(hass)
    assert entry.options[CONF_STILLNESS_MINUTES] == 60
    await _at(hass, freezer, "2026-11-25 23:30:00+00:00")
    assert _still(hass) == "on"


async def test_button_logs_a_repositioning(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phones: Phones,
    alerts: list[Event],
) -> None:
    """The `log_repositioned` button logs now, with no position."""
    await set_up_entry(hass, _entry(movement_sensor=None))
    await hass.services.async_call(
        "button",
        "press",
        {"entity_id": "button.diane_log_repositioned"},
        blocking=True,
    )
    exported = await hass.services.async_call(
        DOMAIN,
        "export_log",
        {"config_entry_id": DIANE_ENTRY_ID},
        blocking=True,
        return_response=True,
    )
    assert [
        (item["when"], item["position"]) for item in exported["repositionings"]
    ] == [("2026-11-25T22:00:00+00:00", "")]
    assert _last_movement(hass) == "2026-11-25T22:00:00+00:00"


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        pytest.param({"position": "x" * 51}, "invalid_position", id="position-long"),
        pytest.param({"position": 5}, "invalid_position", id="position-number"),
        pytest.param(
            {"when": "2026-11-25T23:00:00+00:00"}, "invalid_when", id="future"
        ),
        pytest.param(
            {"when": "2026-11-10T23:00:00+00:00"}, "invalid_when", id="too-old"
        ),
        pytest.param({"wohin": "links"}, "invalid_field", id="unknown-field"),
    ],
)
async def test_bad_input_is_refused_and_changes_nothing(
    hass: HomeAssistant, phones: Phones, fields: dict[str, Any], key: str
) -> None:
    """A refused call is a translated error, and the log stays as it was."""
    await set_up_entry(hass, _entry(movement_sensor=None))
    with pytest.raises(ServiceValidationError) as caught:
        await _reposition(hass, **fields)
    assert caught.value.translation_key == key
    entry = hass.config_entries.async_get_entry(DIANE_ENTRY_ID)
    assert entry.runtime_data.coordinator.log.repositionings == []
    assert _last_movement(hass) is None


async def test_position_is_trimmed_and_kept(
    hass: HomeAssistant, phones: Phones, alerts: list[Event]
) -> None:
    """The position is stored as given (trimmed), 50 characters at most."""
    await set_up_entry(hass, _entry(movement_sensor=None))
    response = await _reposition(hass, position="  30° tilt, right side  ")
    log = hass.config_entries.async_get_entry(DIANE_ENTRY_ID).runtime_data.coordinator
    record = log.log.repositionings[0]
    assert record["id"] == response["id"]
    assert record["position"] == "30° tilt, right side"
    assert dt_util.parse_datetime(record["logged_at"]) == dt_util.utcnow()


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        pytest.param(
            "2026-11-25T21:00:00+00:00", "2026-11-25T21:00:00+00:00", id="kept"
        ),
        pytest.param("2026-11-25T21:00:00", None, id="no-zone-is-not-trusted"),
        pytest.param(12, None, id="not-a-time"),
    ],
)
async def test_remembered_movement_is_read_with_care(
    hass: HomeAssistant,
    phones: Phones,
    hass_storage: dict[str, Any],
    stored: Any,
    shown: str | None,
) -> None:
    """A last movement from the inputs' store counts only with a zone."""
    key = f"als_comfort.{DIANE_ENTRY_ID}.inputs"
    hass_storage[key] = {
        "version": 1,
        "minor_version": 2,
        "key": key,
        "data": {"cold_room": None, "last_movement": stored, "activity": None},
    }
    await set_up_entry(hass, _entry())
    assert _last_movement(hass) == shown
