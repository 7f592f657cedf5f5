"""The per-person runtime object stored in `entry.runtime_data`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo

from .const import DOMAIN, MASTER_SWITCHES
from .coordinator import AlsComfortCoordinator
from .models import ComfortOptions, PersonConfig
from .store import EpisodeLog

if TYPE_CHECKING:
    from .alerts import AlertManager
    from .comforts import ComfortController

type AlsComfortConfigEntry = ConfigEntry[AlsComfortRuntime]


@dataclass(kw_only=True)
class AlsComfortRuntime:
    """Everything one person's entry owns while it is loaded."""

    person: PersonConfig
    options: ComfortOptions
    device_info: DeviceInfo
    coordinator: AlsComfortCoordinator
    # Master switch positions by key; the switch entities restore and change them.
    switches: dict[str, bool] = field(
        default_factory=lambda: dict.fromkeys(MASTER_SWITCHES, True)
    )
    # Caregiver alerts, set by `async_setup_alerts` once its state is restored.
    alerts: AlertManager | None = None
    # Heating and blanket, set by `async_setup_comforts` once its state is restored.
    comforts: ComfortController | None = None


def build_runtime(
    hass: HomeAssistant, entry: AlsComfortConfigEntry
) -> AlsComfortRuntime:
    """Build the runtime from a config entry's data and options."""
    person = PersonConfig.from_entry_data(entry.data)
    options = ComfortOptions.from_entry_options(entry.options)
    return AlsComfortRuntime(
        person=person,
        options=options,
        device_info=DeviceInfo(
            identifiers={(DOMAIN, entry.entry_id)},
            name=person.name,
            manufacturer="ALS Comfort",
            model="Cramp comfort companion",
            entry_type=DeviceEntryType.SERVICE,
        ),
        coordinator=AlsComfortCoordinator(
            hass,
            entry,
            person,
            options.risk_settings(person),
            EpisodeLog(hass, entry.entry_id),
            stale_minutes=options.sensor_stale_minutes,
        ),
    )
