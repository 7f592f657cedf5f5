"""Device triggers: the person's risk became high, their room turned cold, a cramp.

Each person is one device (one config entry), so in the automation editor a user
picks the person and one of three triggers. A trigger names only the device and
its type: the entities behind it are found in the entity registry by the
entry's unique ids when it is attached, so a renamed entity keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from homeassistant.components.device_automation import DEVICE_TRIGGER_BASE_SCHEMA
from homeassistant.components.device_automation.exceptions import (
    InvalidDeviceAutomationConfig,
)
from homeassistant.components.homeassistant.triggers import (
    event as event_trigger,
    state as state_trigger,
)
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import (
    CONF_DEVICE_ID,
    CONF_DOMAIN,
    CONF_ENTITY_ID,
    CONF_EVENT_DATA,
    CONF_PLATFORM,
    CONF_TYPE,
    STATE_OFF,
    STATE_ON,
    Platform,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.trigger import TriggerActionType, TriggerInfo
from homeassistant.helpers.typing import ConfigType
import probatio

from .const import DOMAIN, EVENT_EPISODE_LOGGED
from .entity import unique_id
from .risk import RiskLevel

TRIGGER_RISK_BECAME_HIGH: Final = "risk_became_high"
TRIGGER_COLD_ROOM_DETECTED: Final = "cold_room_detected"
TRIGGER_CRAMP_LOGGED: Final = "cramp_logged"


@dataclass(frozen=True, kw_only=True)
class StateChange:
    """A trigger that is one entity of the person's device changing state.

    Only a change from a known state counts: an entity coming back after a
    restart or a reload in the state it had is not news.
    """

    platform: Platform
    key: str
    from_states: tuple[str, ...]
    to_state: str


STATE_TRIGGERS: Final[dict[str, StateChange]] = {
    TRIGGER_RISK_BECAME_HIGH: StateChange(
        platform=Platform.SENSOR,
        key="cramp_risk",
        from_states=(RiskLevel.LOW, RiskLevel.ELEVATED),
        to_state=RiskLevel.HIGH,
    ),
    TRIGGER_COLD_ROOM_DETECTED: StateChange(
        platform=Platform.BINARY_SENSOR,
        key="cold_room",
        from_states=(STATE_OFF,),
        to_state=STATE_ON,
    ),
}
TRIGGER_TYPES: Final = (*STATE_TRIGGERS, TRIGGER_CRAMP_LOGGED)

TRIGGER_SCHEMA: Final = DEVICE_TRIGGER_BASE_SCHEMA.extend(
    {probatio.Required(CONF_TYPE): probatio.In(TRIGGER_TYPES)}
)


async def async_validate_trigger_config(
    hass: HomeAssistant, config: ConfigType
) -> ConfigType:
    """Check the trigger's form, that its device is a person, and its entity exists."""
    config = TRIGGER_SCHEMA(config)
    entry = _person_entry(hass, config[CONF_DEVICE_ID])
    if (change := STATE_TRIGGERS.get(config[CONF_TYPE])) is not None:
        _entity_id(hass, entry, change)
    return config


async def async_get_triggers(
    hass: HomeAssistant, device_id: str
) -> list[dict[str, str]]:
    """List the triggers of a person's device (none for another device)."""
    _device, entry = dr.async_get_device_and_config_entry_for_domain(
        hass, device_id, domain=DOMAIN
    )
    if entry is None:
        return []
    registry = er.async_get(hass)
    return [
        {
            CONF_PLATFORM: "device",
            CONF_DOMAIN: DOMAIN,
            CONF_DEVICE_ID: device_id,
            CONF_TYPE: trigger_type,
        }
        for trigger_type in TRIGGER_TYPES
        if (change := STATE_TRIGGERS.get(trigger_type)) is None
        or registry.async_get_entity_id(
            change.platform, DOMAIN, unique_id(entry.entry_id, change.key)
        )
    ]


async def async_attach_trigger(
    hass: HomeAssistant,
    config: ConfigType,
    action: TriggerActionType,
    trigger_info: TriggerInfo,
) -> CALLBACK_TYPE:
    """Listen for the person's entity changing, or for their cramps being logged."""
    entry = _person_entry(hass, config[CONF_DEVICE_ID])
    change = STATE_TRIGGERS.get(config[CONF_TYPE])
    if change is None:
        event_config = await event_trigger.async_validate_trigger_config(
            hass,
            {
                CONF_PLATFORM: "event",
                event_trigger.CONF_EVENT_TYPE: EVENT_EPISODE_LOGGED,
                CONF_EVENT_DATA: {"config_entry_id": entry.entry_id, "kind": "cramp"},
            },
        )
        return await event_trigger.async_attach_trigger(
            hass, event_config, action, trigger_info, platform_type="device"
        )
    state_config = await state_trigger.async_validate_trigger_config(
        hass,
        {
            CONF_PLATFORM: "state",
            CONF_ENTITY_ID: _entity_id(hass, entry, change),
            state_trigger.CONF_FROM: list(change.from_states),
            state_trigger.CONF_TO: change.to_state,
        },
    )
    return await state_trigger.async_attach_trigger(
        hass, state_config, action, trigger_info, platform_type="device"
    )


@callback
def _person_entry(hass: HomeAssistant, device_id: str) -> ConfigEntry:
    """Return the config entry of a person's device; refuse any other device."""
    _device, entry = dr.async_get_device_and_config_entry_for_domain(
        hass, device_id, domain=DOMAIN
    )
    if entry is None:
        raise InvalidDeviceAutomationConfig(
            translation_domain=DOMAIN,
            translation_key="trigger_device_not_found",
            translation_placeholders={"device_id": device_id},
        )
    return entry


@callback
def _entity_id(hass: HomeAssistant, entry: ConfigEntry, change: StateChange) -> str:
    """Return the current entity id of one of the person's entities."""
    entity_id = er.async_get(hass).async_get_entity_id(
        change.platform, DOMAIN, unique_id(entry.entry_id, change.key)
    )
    if entity_id is None:
        raise InvalidDeviceAutomationConfig(
            translation_domain=DOMAIN,
            translation_key="trigger_entity_not_found",
            translation_placeholders={"key": change.key, "name": entry.title},
        )
    return entity_id
