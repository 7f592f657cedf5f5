"""One-tap buttons: log an episode (body area `unspecified`), acknowledge an alert."""

from __future__ import annotations

from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .runtime import AlsComfortConfigEntry
from .services import acknowledge_open_alert

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class LogButtonDescription(ButtonEntityDescription):
    """A button that logs one kind of episode."""

    kind: str


BUTTONS: tuple[LogButtonDescription, ...] = (
    LogButtonDescription(key="log_cramp", translation_key="log_cramp", kind="cramp"),
    LogButtonDescription(
        key="log_spasticity", translation_key="log_spasticity", kind="spasticity"
    ),
    LogButtonDescription(
        key="log_fasciculation",
        translation_key="log_fasciculation",
        kind="fasciculation",
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AlsComfortConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the person's logging buttons."""
    async_add_entities(
        [
            *(LogButton(entry, description) for description in BUTTONS),
            AcknowledgeButton(entry),
        ]
    )


class LogButton(ButtonEntity):
    """Logs an episode of one kind, now, with no body area given."""

    _attr_has_entity_name = True
    entity_description: LogButtonDescription

    def __init__(
        self, entry: AlsComfortConfigEntry, description: LogButtonDescription
    ) -> None:
        """Attach the button to the person's device."""
        self.entity_description = description
        self._coordinator = entry.runtime_data.coordinator
        self._attr_unique_id = f"{entry.entry_id}_{description.key}"
        self._attr_device_info = entry.runtime_data.device_info

    async def async_press(self) -> None:
        """Log the episode; it is on disk when this returns."""
        await self._coordinator.async_log_episode(
            {"kind": self.entity_description.kind, "body_area": "unspecified"}
        )


class AcknowledgeButton(ButtonEntity):
    """Acknowledges the open caregiver alert, as the person who pressed it."""

    _attr_has_entity_name = True
    _attr_translation_key = "acknowledge_alert"

    def __init__(self, entry: AlsComfortConfigEntry) -> None:
        """Attach the button to the person's device."""
        self._entry = entry
        self._attr_unique_id = f"{entry.entry_id}_acknowledge_alert"
        self._attr_device_info = entry.runtime_data.device_info

    async def async_press(self) -> None:
        """Acknowledge; refuse with a translated message when none is open."""
        await acknowledge_open_alert(self._entry, self._context_user())

    def _context_user(self) -> str | None:
        """Return who pressed the button, when Home Assistant knows."""
        return self._context.user_id if self._context is not None else None
