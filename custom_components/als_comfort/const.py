"""Constants for ALS Comfort: the domain, config keys and option defaults."""

from __future__ import annotations

from datetime import time
from enum import StrEnum
import logging
from typing import Final

DOMAIN: Final = "als_comfort"
LOGGER = logging.getLogger(__package__)

# Config entry data (setup steps `user` and `comforts`).
CONF_TEMPERATURE_SENSOR: Final = "temperature_sensor"
CONF_BEDTIME: Final = "bedtime"
CONF_WAKE_TIME: Final = "wake_time"
CONF_CLIMATE_ENTITY: Final = "climate_entity"
CONF_BLANKET_SWITCH: Final = "blanket_switch"
CONF_CAREGIVERS: Final = "caregivers"
CONF_ACTIVITY_SENSOR: Final = "activity_sensor"
CONF_MOVEMENT_SENSOR: Final = "movement_sensor"
# Set by the config flow when a re-added person takes back their kept log (the
# removed entry's id); consumed, and dropped, before the new entry first loads.
CONF_TAKE_BACK_LOG: Final = "take_back_log"

# What a person logs: the kinds of episode and where in the body. Defined once:
# the services, the log and (through the last-episode sensor) the card use them.
EPISODE_KINDS: Final = ("cramp", "spasticity", "fasciculation")
BODY_AREAS: Final = (
    "foot",
    "calf",
    "thigh",
    "hand",
    "arm",
    "abdomen",
    "chest",
    "back",
    "neck",
    "jaw",
    "unspecified",
)

DEFAULT_BEDTIME: Final = time(22, 30)
DEFAULT_WAKE_TIME: Final = time(7, 0)

# Options; every temperature is stored in °C whatever the user's unit system.
CONF_COLD_THRESHOLD: Final = "cold_threshold"
CONF_HYSTERESIS: Final = "hysteresis"
CONF_COMFORT_SETPOINT: Final = "comfort_setpoint"
CONF_MAX_SETPOINT: Final = "max_setpoint"
CONF_PRE_BEDTIME_MINUTES: Final = "pre_bedtime_minutes"
CONF_EXERTION_LIMIT: Final = "exertion_limit"
CONF_EXERTION_HALF_LIFE_HOURS: Final = "exertion_half_life_hours"
CONF_CRAMP_CLUSTER_MINUTES: Final = "cramp_cluster_minutes"
CONF_BLANKET_MAX_MINUTES: Final = "blanket_max_minutes"
CONF_ALERT_COOLDOWN_MINUTES: Final = "alert_cooldown_minutes"
CONF_ESCALATE_AFTER_MINUTES: Final = "escalate_after_minutes"
CONF_SENSOR_STALE_MINUTES: Final = "sensor_stale_minutes"
CONF_BLANKET_NIGHT_MAX_MINUTES: Final = "blanket_night_max_minutes"
CONF_STILLNESS_MINUTES: Final = "stillness_minutes"
# How the blanket or heater may be used (SPEC §10); not a number, so kept apart.
CONF_BLANKET_MODE: Final = "blanket_mode"
BLANKET_MODE_PREWARM: Final = "prewarm"
BLANKET_MODE_COMFORT: Final = "comfort"
BLANKET_MODES: Final = (BLANKET_MODE_PREWARM, BLANKET_MODE_COMFORT)
DEFAULT_BLANKET_MODE: Final = BLANKET_MODE_PREWARM
CONF_QUIET_HOURS: Final = "quiet_hours"
CONF_QUIET_START: Final = "start"
CONF_QUIET_END: Final = "end"

# Absolute temperature options (converted as temperatures) and the one interval
# option (converted as a temperature difference).
TEMPERATURE_OPTIONS: Final = (
    CONF_COLD_THRESHOLD,
    CONF_COMFORT_SETPOINT,
    CONF_MAX_SETPOINT,
)
TEMPERATURE_INTERVAL_OPTIONS: Final = (CONF_HYSTERESIS,)

# The defaults of SPEC §2, defined once: the options flow and the engine use them.
DEFAULT_COLD_THRESHOLD: Final = 19.0
DEFAULT_HYSTERESIS: Final = 0.5
DEFAULT_COMFORT_SETPOINT: Final = 21.0
DEFAULT_MAX_SETPOINT: Final = 24.0
DEFAULT_PRE_BEDTIME_MINUTES: Final = 60
DEFAULT_EXERTION_LIMIT: Final = 60
DEFAULT_EXERTION_HALF_LIFE_HOURS: Final = 4
DEFAULT_CRAMP_CLUSTER_MINUTES: Final = 60
# Repositioning every 2 hours in bed is where clinicians start (reference-numbers.md).
DEFAULT_STILLNESS_MINUTES: Final = 120

DEFAULT_OPTIONS: Final[dict[str, float | int]] = {
    CONF_COLD_THRESHOLD: DEFAULT_COLD_THRESHOLD,
    CONF_HYSTERESIS: DEFAULT_HYSTERESIS,
    CONF_COMFORT_SETPOINT: DEFAULT_COMFORT_SETPOINT,
    CONF_MAX_SETPOINT: DEFAULT_MAX_SETPOINT,
    CONF_PRE_BEDTIME_MINUTES: DEFAULT_PRE_BEDTIME_MINUTES,
    CONF_EXERTION_LIMIT: DEFAULT_EXERTION_LIMIT,
    CONF_EXERTION_HALF_LIFE_HOURS: DEFAULT_EXERTION_HALF_LIFE_HOURS,
    CONF_CRAMP_CLUSTER_MINUTES: DEFAULT_CRAMP_CLUSTER_MINUTES,
    CONF_BLANKET_MAX_MINUTES: 60,
    CONF_ALERT_COOLDOWN_MINUTES: 30,
    CONF_ESCALATE_AFTER_MINUTES: 10,
    CONF_SENSOR_STALE_MINUTES: 180,
    CONF_BLANKET_NIGHT_MAX_MINUTES: 120,
    CONF_STILLNESS_MINUTES: DEFAULT_STILLNESS_MINUTES,
}

# Bounds of the options, in °C for temperatures: (minimum, maximum, step).
OPTION_BOUNDS: Final[dict[str, tuple[float, float, float]]] = {
    CONF_COLD_THRESHOLD: (10.0, 26.0, 0.1),
    CONF_HYSTERESIS: (0.1, 3.0, 0.1),
    CONF_COMFORT_SETPOINT: (15.0, 28.0, 0.1),
    CONF_MAX_SETPOINT: (15.0, 30.0, 0.1),
    CONF_PRE_BEDTIME_MINUTES: (0, 240, 5),
    CONF_EXERTION_LIMIT: (10, 600, 5),
    CONF_EXERTION_HALF_LIFE_HOURS: (0.5, 48, 0.5),
    CONF_CRAMP_CLUSTER_MINUTES: (10, 240, 5),
    CONF_BLANKET_MAX_MINUTES: (5, 240, 5),
    CONF_ALERT_COOLDOWN_MINUTES: (0, 720, 5),
    CONF_ESCALATE_AFTER_MINUTES: (1, 120, 1),
    # 0 turns the check off.
    CONF_SENSOR_STALE_MINUTES: (0, 1440, 5),
    CONF_BLANKET_NIGHT_MAX_MINUTES: (5, 720, 5),
    CONF_STILLNESS_MINUTES: (0, 720, 5),
}

# Units shown next to the non-temperature options in the options form.
OPTION_UNITS: Final[dict[str, str]] = {
    CONF_PRE_BEDTIME_MINUTES: "min",
    # Moderate-activity minutes (the options form says so).
    CONF_EXERTION_LIMIT: "min",
    CONF_EXERTION_HALF_LIFE_HOURS: "h",
    CONF_CRAMP_CLUSTER_MINUTES: "min",
    CONF_BLANKET_MAX_MINUTES: "min",
    CONF_ALERT_COOLDOWN_MINUTES: "min",
    CONF_ESCALATE_AFTER_MINUTES: "min",
    CONF_SENSOR_STALE_MINUTES: "min",
    CONF_BLANKET_NIGHT_MAX_MINUTES: "min",
    CONF_STILLNESS_MINUTES: "min",
}

# Master switches: every comfort action, and every caregiver alert.
SWITCH_COMFORT_ACTIONS: Final = "comfort_actions"
SWITCH_CAREGIVER_ALERTS: Final = "caregiver_alerts"
MASTER_SWITCHES: Final = (SWITCH_COMFORT_ACTIONS, SWITCH_CAREGIVER_ALERTS)
# Dispatcher signal sent when a master switch changes; format with `entry_id`.
SIGNAL_SWITCHES_CHANGED: Final = "als_comfort_{entry_id}_switches"

# Bus events fired when the person (or a caregiver) logs something.
EVENT_EPISODE_LOGGED: Final = "als_comfort_episode_logged"
EVENT_ACTIVITY_LOGGED: Final = "als_comfort_activity_logged"
EVENT_REPOSITIONING_LOGGED: Final = "als_comfort_repositioning_logged"
# Bus events of comfort actions (heating, blanket) and of caregiver alerts.
EVENT_ACTION: Final = "als_comfort_action"
EVENT_ALERT: Final = "als_comfort_alert"

# `action` of an `als_comfort_action` event (its `reason` is a `Reason`).
ACTION_HEATING_STARTED: Final = "heating_started"
ACTION_PREHEAT_STARTED: Final = "preheat_started"
ACTION_HEATING_RESTORED: Final = "heating_restored"
ACTION_HEATING_RELEASED: Final = "heating_released"
ACTION_HEATING_FAILED: Final = "heating_failed"
ACTION_BLANKET_ON: Final = "blanket_on"
ACTION_BLANKET_OFF: Final = "blanket_off"
ACTION_BLANKET_OFF_FAILED: Final = "blanket_off_failed"
# Announcements that call a person (SPEC §10): the alerts turn them into urgent
# alerts. The `reason` of `heating_cannot_start` is `missing`, `unavailable`,
# `no_heat_mode`, `mode_locked` or `refused`.
ACTION_HEATING_CANNOT_START: Final = "heating_cannot_start"
ACTION_HEATER_STUCK_ON: Final = "heater_stuck_on"


class Reason(StrEnum):
    """Every reason key ALS Comfort names, defined once.

    Why the risk is what it is (the `reasons` of `cramp_risk`, and of a
    high-risk alert), why a caregiver was alerted, and why a comfort acted
    (the `reason` of an `als_comfort_action` event).
    """

    # The risk (risk.py).
    COLD_ROOM = "cold_room"
    COLD_NIGHT = "cold_night"
    OVEREXERTION = "overexertion"
    CRAMP_CLUSTER = "cramp_cluster"
    FREQUENT_CRAMPS = "frequent_cramps"
    SENSOR_UNAVAILABLE = "sensor_unavailable"
    LONG_STILLNESS = "long_stillness"
    # Alerts of their own.
    SEVERE_CRAMP = "severe_cramp"
    HEATING_NOT_WORKING = "heating_not_working"
    HELP_REQUESTED = "help_requested"
    HEATER_STUCK_ON = "heater_stuck_on"
    REPOSITION_DUE = "reposition_due"
    # Comforts: why one started (cold_night, cramp_cluster, preheat) or stopped.
    PREHEAT = "preheat"
    COMFORT_ENDED = "comfort_ended"
    SWITCHED_OFF = "comfort_actions_off"
    DISABLED = "integration_disabled"
    REMOVED = "integration_removed"
    RECONFIGURED = "reconfigured"
    MANUAL = "manual_change"
    TIME_LIMIT = "time_limit"
    BEDTIME = "bedtime"
    NIGHT_BUDGET = "night_budget"
    UNAVAILABLE = "unavailable"
    FAILED = "action_failed"
    CANNOT_HEAT = "no_heat_mode"
    # Why heating cannot start (`heating_cannot_start`), beside the two above.
    MISSING = "missing"
    MODE_LOCKED = "mode_locked"
    REFUSED = "refused"
