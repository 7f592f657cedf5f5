"""One-tap buttons: log an episode or a repositioning, acknowledge, call for help.

An episode is logged with body area `unspecified`, a repositioning with no position.
"""

from __future__ import annotations

from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .alerts import async_call_for_help
from .const import EPISODE_KINDS
from .entity import PersonEntity
from .runtime import AlsComfortConfigEntry
from .services import acknowledge_open_alert

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class LogButtonDescription(ButtonEntityDescription):
    """A button that logs one kind of episode."""

    kind: str


BUTTONS: tuple[LogButtonDescription, ...] = tuple(
    LogButtonDescription(key=f"log_{kind}", translation_key=f"log_{kind}", kind=kind)
    for kind in EPISODE_KINDS
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
            RepositionedButton(entry),
            AcknowledgeButton(entry),
            CallForHelpButton(entry),
        ]
    )


class LogButton(PersonEntity, ButtonEntity):
    """Logs an episode of one kind, now, with no body area given."""

    entity_description: LogButtonDescription

    def __init__(
        self, entry: AlsComfortConfigEntry, description: LogButtonDescription
    ) -> None:
        """Attach the button to the person's device."""
        super().__init__(entry, description)
        self._coordinator = entry.runtime_data.coordinator

    async def async_press(self) -> None:
        """Log the episode; it is on disk when this returns."""
        await self._coordinator.async_log_episode(
            {"kind": self.entity_description.kind, "body_area": "unspecified"}
        )


REPOSITIONED = ButtonEntityDescription(
    key="log_repositioned", translation_key="log_repositioned"
)


class RepositionedButton(PersonEntity, ButtonEntity):
    """Logs that a caregiver turned the person, now, with no position given."""

    def __init__(self, entry: AlsComfortConfigEntry) -> None:
        """Attach the button to the person's device."""
        super().__init__(entry, REPOSITIONED)
        self._coordinator = entry.runtime_data.coordinator

    async def async_press(self) -> None:
        """Log the repositioning; it is on disk when this returns."""
        await self._coordinator.async_log_repositioning({})


ACKNOWLEDGE = ButtonEntityDescription(
    key="acknowledge_alert", translation_key="acknowledge_alert"
)


class AcknowledgeButton(PersonEntity, ButtonEntity):
    """Acknowledges the open caregiver alert, as the person who pressed it."""

    def __init__(self, entry: AlsComfortConfigEntry) -> None:
        """Attach the button to the person's device."""
        super().__init__(entry, ACKNOWLEDGE)
        self._entry = entry

    async def async_press(self) -> None:
        """Acknowledge; refuse with a translated message when none is open."""
        await acknowledge_open_alert(self._entry, self._context_user())

    def _context_user(self) -> str | None:
        """Return who pressed the button, when Home Assistant knows."""
        return self._context.user_id if self._context is not None else None


CALL_FOR_HELP = ButtonEntityDescription(
    key="call_for_help", translation_key="call_for_help"
)


class CallForHelpButton(PersonEntity, ButtonEntity):
    """Calls every caregiver of the person at once, urgently."""

    def __init__(self, entry: AlsComfortConfigEntry) -> None:
        """Attach the button to the person's device."""
        super().__init__(entry, CALL_FOR_HELP)
        self._entry = entry

    async def async_press(self) -> None:
        """Call for help; say so when nobody is set up to be called."""
        await async_call_for_help(self._entry, "")
