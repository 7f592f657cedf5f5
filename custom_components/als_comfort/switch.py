"""Master switches for comfort actions and caregiver alerts, restored on restart."""

from __future__ import annotations

from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.const import STATE_OFF, EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.dispatcher import async_dispatcher_send
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.restore_state import RestoreEntity

from .const import MASTER_SWITCHES, SIGNAL_SWITCHES_CHANGED
from .entity import PersonEntity
from .runtime import AlsComfortConfigEntry

PARALLEL_UPDATES = 0


SWITCHES: tuple[SwitchEntityDescription, ...] = tuple(
    SwitchEntityDescription(
        key=key, translation_key=key, entity_category=EntityCategory.CONFIG
    )
    for key in MASTER_SWITCHES
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AlsComfortConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the person's master switches."""
    async_add_entities(MasterSwitch(entry, description) for description in SWITCHES)


class MasterSwitch(PersonEntity, SwitchEntity, RestoreEntity):
    """Turns a whole family of actions on or off; on unless a person turned it off."""

    def __init__(
        self, entry: AlsComfortConfigEntry, description: SwitchEntityDescription
    ) -> None:
        """Attach the switch to the person's device and runtime flags."""
        super().__init__(entry, description)
        self._switches = entry.runtime_data.switches
        self._signal = SIGNAL_SWITCHES_CHANGED.format(entry_id=entry.entry_id)

    async def async_added_to_hass(self) -> None:
        """Restore the last position; a new switch starts on."""
        await super().async_added_to_hass()
        last = await self.async_get_last_state()
        self._switches[self.entity_description.key] = not (
            last is not None and last.state == STATE_OFF
        )
        async_dispatcher_send(self.hass, self._signal)

    @property
    def is_on(self) -> bool:
        """Return whether these actions are allowed."""
        return self._switches[self.entity_description.key]

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Allow these actions again."""
        self._switches[self.entity_description.key] = True
        self.async_write_ha_state()
        async_dispatcher_send(self.hass, self._signal)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Stop these actions until switched on again."""
        self._switches[self.entity_description.key] = False
        self.async_write_ha_state()
        async_dispatcher_send(self.hass, self._signal)
