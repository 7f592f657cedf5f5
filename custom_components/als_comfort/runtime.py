"""The per-person runtime object stored in `entry.runtime_data`."""

from __future__ import annotations

from dataclasses import dataclass

from homeassistant.config_entries import ConfigEntry
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo

from .const import DOMAIN
from .models import ComfortOptions, PersonConfig

type AlsComfortConfigEntry = ConfigEntry[AlsComfortRuntime]


@dataclass(kw_only=True)
class AlsComfortRuntime:
    """Everything one person's entry owns while it is loaded."""

    person: PersonConfig
    options: ComfortOptions
    device_info: DeviceInfo

    @classmethod
    def from_entry(cls, entry: ConfigEntry) -> AlsComfortRuntime:
        """Build the runtime from a config entry's data and options."""
        person = PersonConfig.from_entry_data(entry.data)
        return cls(
            person=person,
            options=ComfortOptions.from_entry_options(entry.options),
            device_info=DeviceInfo(
                identifiers={(DOMAIN, entry.entry_id)},
                name=person.name,
                manufacturer="ALS Comfort",
                model="Cramp comfort companion",
                entry_type=DeviceEntryType.SERVICE,
            ),
        )
