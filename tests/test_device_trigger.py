"""Tests for the device triggers a user picks in the automation editor."""

from __future__ import annotations

from typing import Any

from homeassistant.components import automation
from homeassistant.components.device_automation import DeviceAutomationType
from homeassistant.components.device_automation.exceptions import (
    InvalidDeviceAutomationConfig,
)
from homeassistant.const import CONF_NAME, EVENT_STATE_CHANGED, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import (
    device_registry as dr,
    entity_registry as er,
    translation,
)
from homeassistant.setup import async_setup_component
import probatio
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_get_device_automations,
    async_mock_service,
)

from custom_components.als_comfort import device_trigger
from custom_components.als_comfort.const import (
    CONF_CLIMATE_ENTITY,
    DEFAULT_OPTIONS,
    DOMAIN,
)

from .conftest import PERSON_DATA, set_temperature

# 23:00 in London, inside Diane's night window (bedtime 22:30).
pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")

DIANE_ID = "01KALSCOMFORTTESTENTRY0000"
MARC_ID = "01KALSCOMFORTMARCENTRY0000"
RISK = "sensor.diane_cramp_risk"
COLD_ROOM = "binary_sensor.diane_cold_room"
TRIGGER_TYPES = ("risk_became_high", "cold_room_detected", "cramp_logged")


def _person_entry(entry_id: str, name: str) -> MockConfigEntry:
    """A person's entry with no thermostat (the comforts stay out of these tests)."""
    return MockConfigEntry(
        domain=DOMAIN,
        entry_id=entry_id,
        title=name,
        unique_id=name.lower(),
        data={
            **{k: v for k, v in PERSON_DATA.items() if k != CONF_CLIMATE_ENTITY},
            CONF_NAME: name,
        },
        options=dict(DEFAULT_OPTIONS),
        version=1,
        minor_version=1,
    )


@pytest.fixture
def mock_config_entry() -> MockConfigEntry:
    """Diane's entry, without a thermostat."""
    return _person_entry(DIANE_ID, "Diane")


@pytest.fixture
async def marc(hass: HomeAssistant, init_integration: MockConfigEntry) -> str:
    """A second person, Marc, in the same house; return his device id."""
    entry = _person_entry(MARC_ID, "Marc")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return _device_id(hass, MARC_ID)


@pytest.fixture
def calls(hass: HomeAssistant) -> list[ServiceCall]:
    """What the automations did: one `test.automation` call per run."""
    return async_mock_service(hass, "test", "automation")


def _device_id(hass: HomeAssistant, entry_id: str) -> str:
    """Return the id of a person's device."""
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, entry_id), entry_id
    )
    assert device is not None
    return device.id


def _trigger(device_id: str, trigger_type: str) -> dict[str, str]:
    """A device trigger as the automation editor writes it."""
    return {
        "platform": "device",
        "domain": DOMAIN,
        "device_id": device_id,
        "type": trigger_type,
    }


def _automations(*triggers: dict[str, str]) -> dict[str, Any]:
    """One automation per trigger; each reports what triggered it."""
    return {
        automation.DOMAIN: [
            {
                "id": f"when_{index}",
                "alias": f"When {index}",
                "triggers": [trigger],
                "actions": {
                    "action": "test.automation",
                    "data": {
                        "type": trigger["type"],
                        "to": "{{ trigger.to_state.state if trigger.to_state }}",
                        "event": "{{ trigger.event.data if trigger.event }}",
                    },
                },
            }
            for index, trigger in enumerate(triggers)
        ]
    }


async def _automate(hass: HomeAssistant, *triggers: dict[str, str]) -> None:
    """Set up the automations of these triggers."""
    assert await async_setup_component(hass, automation.DOMAIN, _automations(*triggers))
    await hass.async_block_till_done()


def _fired(calls: list[ServiceCall], trigger_type: str) -> list[dict[str, Any]]:
    """Return the data of the runs of the automations of one trigger type."""
    return [dict(call.data) for call in calls if call.data["type"] == trigger_type]


async def _log(hass: HomeAssistant, entry_id: str, kind: str, **fields: Any) -> None:
    """Log an episode through the integration's action."""
    await hass.services.async_call(
        DOMAIN,
        "log_episode",
        {"config_entry_id": entry_id, "kind": kind, **fields},
        blocking=True,
    )
    await hass.async_block_till_done()


async def _press(hass: HomeAssistant, entity_id: str) -> None:
    """Press one of the person's buttons."""
    await hass.services.async_call(
        "button", "press", {"entity_id": entity_id}, blocking=True
    )
    await hass.async_block_till_done()


async def _temperature(hass: HomeAssistant, value: float) -> None:
    """Report a bedroom temperature and let the integration react."""
    set_temperature(hass, value)
    await hass.async_block_till_done()


async def test_device_lists_exactly_the_three_triggers(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A person's device offers risk became high, cold room and cramp logged."""
    device_id = _device_id(hass, DIANE_ID)
    triggers = await async_get_device_automations(
        hass, DeviceAutomationType.TRIGGER, device_id
    )
    ours = [trigger for trigger in triggers if trigger["domain"] == DOMAIN]
    assert sorted(ours, key=lambda trigger: trigger["type"]) == [
        {**_trigger(device_id, trigger_type), "metadata": {}}
        for trigger_type in sorted(TRIGGER_TYPES)
    ]


async def test_every_trigger_has_a_label(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """The automation editor shows each trigger by its translated label."""
    labels = await translation.async_get_translations(
        hass, "en", "device_automation", {DOMAIN}
    )
    prefix = f"component.{DOMAIN}.device_automation.trigger_type"
    assert {
        trigger_type: labels[f"{prefix}.{trigger_type}"]
        for trigger_type in TRIGGER_TYPES
    } == {
        "risk_became_high": "Cramp risk became high",
        "cold_room_detected": "Cold room detected",
        "cramp_logged": "Cramp logged",
    }


async def test_risk_became_high_fires_on_each_rise_to_high(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    calls: list[ServiceCall],
) -> None:
    """A cold night is elevated; a cramp on top makes it high: then, and only then."""
    await _automate(hass, _trigger(_device_id(hass, DIANE_ID), "risk_became_high"))
    assert hass.states.get(RISK).state == "low"

    await _temperature(hass, 17)
    await _log(hass, DIANE_ID, "spasticity", body_area="calf")
    assert hass.states.get(RISK).state == "elevated"
    assert _fired(calls, "risk_became_high") == []

    await _press(hass, "button.diane_log_cramp")
    assert hass.states.get(RISK).state == "high"
    assert [run["to"] for run in _fired(calls, "risk_became_high")] == ["high"]

    # Still high after another cramp: not a new rise.
    await _log(hass, DIANE_ID, "cramp", body_area="foot")
    assert len(_fired(calls, "risk_became_high")) == 1

    # The room warms (only the recent cramps remain), then cools again.
    await _temperature(hass, 21)
    assert hass.states.get(RISK).state == "elevated"
    await _temperature(hass, 17)
    assert hass.states.get(RISK).state == "high"
    assert len(_fired(calls, "risk_became_high")) == 2


async def test_cold_room_detected_fires_when_the_room_turns_cold(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    calls: list[ServiceCall],
) -> None:
    """The trigger fires when the room turns cold, not while it stays cold."""
    await _automate(hass, _trigger(_device_id(hass, DIANE_ID), "cold_room_detected"))
    assert hass.states.get(COLD_ROOM).state == "off"

    await _temperature(hass, 18.5)
    assert hass.states.get(COLD_ROOM).state == "on"
    assert [run["to"] for run in _fired(calls, "cold_room_detected")] == ["on"]

    # Colder; a reload (the sensor is unavailable, then on again); inside the
    # warm-up margin: all still the same cold spell.
    await _temperature(hass, 16)
    states = async_capture_events(hass, EVENT_STATE_CHANGED)
    assert await hass.config_entries.async_reload(DIANE_ID)
    await hass.async_block_till_done()
    assert [
        event.data["new_state"].state
        for event in states
        if event.data["entity_id"] == COLD_ROOM
    ] == [STATE_UNAVAILABLE, "on"]
    await _temperature(hass, 19.3)
    assert hass.states.get(COLD_ROOM).state == "on"
    assert len(_fired(calls, "cold_room_detected")) == 1

    await _temperature(hass, 21)
    assert hass.states.get(COLD_ROOM).state == "off"
    assert len(_fired(calls, "cold_room_detected")) == 1
    await _temperature(hass, 18)
    assert len(_fired(calls, "cold_room_detected")) == 2


async def test_cramp_logged_fires_for_this_persons_cramps_only(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    marc: str,
    calls: list[ServiceCall],
) -> None:
    """Diane's cramps fire her trigger; her spasticity and Marc's cramps do not."""
    await _automate(hass, _trigger(_device_id(hass, DIANE_ID), "cramp_logged"))

    await _log(hass, MARC_ID, "cramp", body_area="calf", severity=8)
    await _log(hass, DIANE_ID, "spasticity", body_area="calf")
    await _log(hass, DIANE_ID, "fasciculation", body_area="arm")
    await _press(hass, "button.marc_log_cramp")
    assert _fired(calls, "cramp_logged") == []

    await _log(hass, DIANE_ID, "cramp", body_area="calf", severity=4)
    await _press(hass, "button.diane_log_cramp")
    events = [run["event"] for run in _fired(calls, "cramp_logged")]
    assert [(e["config_entry_id"], e["body_area"], e["severity"]) for e in events] == [
        (DIANE_ID, "calf", 4),
        (DIANE_ID, "unspecified", None),
    ]


async def test_unknown_trigger_type_is_rejected(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    calls: list[ServiceCall],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A type the integration does not offer makes the automation invalid."""
    bad = _trigger(_device_id(hass, DIANE_ID), "risk_became_low")
    with pytest.raises(probatio.Invalid):
        await device_trigger.async_validate_trigger_config(hass, bad)

    await _automate(hass, bad)
    assert hass.states.get("automation.when_0").state == STATE_UNAVAILABLE
    assert "failed to setup triggers" in caplog.text
    assert "value must be one of ['cold_room_detected'" in caplog.text
    await _temperature(hass, 17)
    await _log(hass, DIANE_ID, "cramp", body_area="calf")
    assert calls == []


async def test_running_triggers_go_quiet_when_the_person_is_removed(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    marc: str,
    calls: list[ServiceCall],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Diane's entry deleted: her automations stop firing; Marc's keep working."""
    diane = _device_id(hass, DIANE_ID)
    await _automate(
        hass,
        _trigger(diane, "cold_room_detected"),
        _trigger(diane, "cramp_logged"),
        _trigger(marc, "cramp_logged"),
    )
    await _temperature(hass, 18)
    await _temperature(hass, 21)
    assert len(_fired(calls, "cold_room_detected")) == 1

    await hass.config_entries.async_remove(DIANE_ID)
    await hass.async_block_till_done()
    assert dr.async_get(hass).async_get(diane) is None
    await _temperature(hass, 17)
    await _log(hass, MARC_ID, "cramp", body_area="foot")
    assert len(_fired(calls, "cold_room_detected")) == 1
    assert [
        run["event"]["config_entry_id"] for run in _fired(calls, "cramp_logged")
    ] == [MARC_ID]
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]


async def test_trigger_of_a_removed_person_is_refused(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    marc: str,
    calls: list[ServiceCall],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Automations of a deleted person are unavailable at start; others still run."""
    diane = _device_id(hass, DIANE_ID)
    await hass.config_entries.async_remove(DIANE_ID)
    await hass.async_block_till_done()

    await _automate(
        hass,
        _trigger(diane, "risk_became_high"),
        _trigger(diane, "cramp_logged"),
        _trigger(marc, "cramp_logged"),
    )
    assert f"Unknown device '{diane}'" in caplog.text
    assert hass.states.get("automation.when_0").state == STATE_UNAVAILABLE
    assert hass.states.get("automation.when_1").state == STATE_UNAVAILABLE
    assert hass.states.get("automation.when_2").state == "on"

    await _log(hass, MARC_ID, "cramp", body_area="foot")
    assert [call.data["event"]["config_entry_id"] for call in calls] == [MARC_ID]


async def test_trigger_needs_its_entity(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Without its cramp risk entity the trigger is not offered and is refused."""
    device_id = _device_id(hass, DIANE_ID)
    er.async_get(hass).async_remove(RISK)
    await hass.async_block_till_done()

    triggers = await async_get_device_automations(
        hass, DeviceAutomationType.TRIGGER, device_id
    )
    assert sorted(t["type"] for t in triggers if t["domain"] == DOMAIN) == [
        "cold_room_detected",
        "cramp_logged",
    ]
    await _automate(hass, _trigger(device_id, "risk_became_high"))
    assert hass.states.get("automation.when_0").state == STATE_UNAVAILABLE
    assert (
        "The cramp_risk entity of Diane is missing from the entity registry"
        in caplog.text
    )

    # Reloading the entry brings the entity, and so the trigger, back.
    assert await hass.config_entries.async_reload(DIANE_ID)
    await hass.async_block_till_done()
    triggers = await async_get_device_automations(
        hass, DeviceAutomationType.TRIGGER, device_id
    )
    assert sum(trigger["domain"] == DOMAIN for trigger in triggers) == 3


async def test_another_integrations_device_is_refused(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A device that is not a person has no triggers and cannot be used."""
    other = MockConfigEntry(domain="demo")
    other.add_to_hass(hass)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=other.entry_id, identifiers={("demo", "lamp")}
    )

    assert await device_trigger.async_get_triggers(hass, device.id) == []
    with pytest.raises(InvalidDeviceAutomationConfig) as err:
        await device_trigger.async_validate_trigger_config(
            hass, _trigger(device.id, "cramp_logged")
        )
    assert str(err.value) == (
        f"The device {device.id} is not a person set up in ALS Comfort"
    )
