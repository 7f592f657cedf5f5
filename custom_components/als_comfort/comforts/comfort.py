"""What a comfort is: one device the controller drives through a comfort period.

The controller decides when a period starts and ends (`Period`); each comfort
acts on its own device. A new comfort (a fan, a light) is a `Comfort` subclass
in a file of its own and one entry in the controller's `COMFORTS`; what it must
remember across a restart is a record in `store.ComfortState`.

Hooks run one at a time, holding the controller's decision lock: at set-up
`async_start` then `async_resume`; on every decision `async_end` (only when a
period just ended), then `async_follow`; at unload `async_stop`; and, for a
deleted person, `async_remove` from the stored state alone.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from homeassistant.core import HomeAssistant, callback

from .io import ComfortIO
from .store import ComfortState


@dataclass(frozen=True, kw_only=True)
class Period:
    """One decision of the controller, as every comfort follows it."""

    # Whether a comfort period runs after this decision.
    engaged: bool
    # Why the period is needed afresh just now (it began, a night window opened
    # or a new cramp cluster began during it), if it is.
    fresh: str | None = None
    # A night window opened: a device a person took over may be used again.
    opening: bool = False
    # A new cramp cluster began: a device past its time limit may be used again.
    new_cluster: bool = False
    # Whether the decision is taken inside the night window.
    night: bool = False
    # What is said when something is put back or switched off.
    end_reason: str


class Comfort(ABC):
    """One device that makes the person comfortable during a comfort period."""

    # The repair issue this comfort raises when its device fails.
    issue: ClassVar[str]

    def __init__(self, io: ComfortIO, decide: Callable[[], None]) -> None:
        """Serve one person's controller; `decide` asks it to decide again."""
        self.hass = io.hass
        self._io = io
        self._decide = decide

    @callback
    def async_start(self) -> None:
        """Follow the device's own state changes until the entry unloads."""

    async def async_resume(self) -> None:
        """Carry on after a restart or reload (a deadline, a device found on)."""

    async def async_end(self, reason: str) -> None:
        """A period just ended: switch off what it switched on."""

    @abstractmethod
    async def async_follow(self, period: Period) -> None:
        """Bring the device in line with the controller's decision."""

    @callback
    def async_stop(self) -> None:
        """The entry unloads: cancel every timer of this comfort."""

    @classmethod
    async def async_remove(
        cls, hass: HomeAssistant, entry_id: str, state: ComfortState
    ) -> None:
        """Put back what a deleted person's comforts left, from the stored state."""
