"""Typed views of a config entry: the person's setup and their options."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import time
from typing import Any

from homeassistant.const import CONF_NAME

from .const import (
    CONF_ACTIVITY_SENSOR,
    CONF_BEDTIME,
    CONF_BLANKET_MODE,
    CONF_BLANKET_SWITCH,
    CONF_CAREGIVERS,
    CONF_CLIMATE_ENTITY,
    CONF_MOVEMENT_SENSOR,
    CONF_QUIET_END,
    CONF_QUIET_HOURS,
    CONF_QUIET_START,
    CONF_TEMPERATURE_SENSOR,
    CONF_WAKE_TIME,
    DEFAULT_BLANKET_MODE,
    DEFAULT_OPTIONS,
)
from .risk import RiskSettings


@dataclass(frozen=True, kw_only=True)
class PersonConfig:
    """Who the entry is for and which entities serve them."""

    name: str
    temperature_sensor: str
    bedtime: time
    wake_time: time
    climate_entity: str | None = None
    blanket_switch: str | None = None
    caregivers: tuple[str, ...] = ()
    activity_sensor: str | None = None
    movement_sensor: str | None = None

    @classmethod
    def from_entry_data(cls, data: Mapping[str, Any]) -> PersonConfig:
        """Read the config entry data written by the config flow."""
        return cls(
            name=data[CONF_NAME],
            temperature_sensor=data[CONF_TEMPERATURE_SENSOR],
            bedtime=time.fromisoformat(data[CONF_BEDTIME]),
            wake_time=time.fromisoformat(data[CONF_WAKE_TIME]),
            climate_entity=data.get(CONF_CLIMATE_ENTITY),
            blanket_switch=data.get(CONF_BLANKET_SWITCH),
            caregivers=tuple(data.get(CONF_CAREGIVERS, ())),
            activity_sensor=data.get(CONF_ACTIVITY_SENSOR),
            movement_sensor=data.get(CONF_MOVEMENT_SENSOR),
        )


@dataclass(frozen=True, kw_only=True)
class ComfortOptions:
    """The thresholds of the options flow; temperatures in °C."""

    cold_threshold: float
    hysteresis: float
    comfort_setpoint: float
    max_setpoint: float
    pre_bedtime_minutes: float
    exertion_limit: float
    exertion_half_life_hours: float
    cramp_cluster_minutes: float
    blanket_max_minutes: float
    alert_cooldown_minutes: float
    escalate_after_minutes: float
    sensor_stale_minutes: float
    blanket_night_max_minutes: float
    stillness_minutes: float
    blanket_mode: str = DEFAULT_BLANKET_MODE
    quiet_hours: tuple[time, time] | None = None

    @classmethod
    def from_entry_options(cls, options: Mapping[str, Any]) -> ComfortOptions:
        """Read stored options, falling back to the defaults for missing ones."""
        merged = {**DEFAULT_OPTIONS, **options}
        quiet = merged.get(CONF_QUIET_HOURS)
        # Each numeric option is the field of the same name.
        return cls(
            **{key: float(merged[key]) for key in DEFAULT_OPTIONS},
            blanket_mode=str(merged.get(CONF_BLANKET_MODE, DEFAULT_BLANKET_MODE)),
            quiet_hours=(
                (
                    time.fromisoformat(quiet[CONF_QUIET_START]),
                    time.fromisoformat(quiet[CONF_QUIET_END]),
                )
                if quiet
                else None
            ),
        )

    def risk_settings(self, person: PersonConfig) -> RiskSettings:
        """Return the engine's settings: the options it shares, and the person's night."""
        shared = {
            field.name: getattr(self, field.name)
            for field in fields(RiskSettings)
            if hasattr(self, field.name)
        }
        return RiskSettings(
            **shared, bedtime=person.bedtime, wake_time=person.wake_time
        )
