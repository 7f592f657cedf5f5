"""The YAML a user would write instead of ALS Comfort, set up from bench/yaml/."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util.yaml import load_yaml_dict

YAML_FILE: Final = Path(__file__).parent / "yaml" / "als_comfort_package.yaml"
# Helpers first: the templates and automations read them.
DOMAINS: Final = (
    "input_number",
    "input_datetime",
    "input_boolean",
    "binary_sensor",
    "template",
    "automation",
)
# The entities the YAML build writes (its "integration entities").
ENTITIES: Final = frozenset(
    {
        "binary_sensor.bedroom_below_cold_threshold",
        "binary_sensor.als_cold_room",
        "binary_sensor.als_night_window",
        "sensor.als_cramp_risk_score",
        "sensor.als_cramp_risk",
    }
)
SWITCH: Final = "input_boolean.als_comfort_actions"


async def async_set_up_yaml_build(hass: HomeAssistant) -> None:
    """Load the YAML with Home Assistant's loader and set each domain up."""
    config = await hass.async_add_executor_job(load_yaml_dict, YAML_FILE)
    for domain in DOMAINS:
        if not await async_setup_component(hass, domain, config):
            raise RuntimeError(f"the YAML build's {domain} did not set up")
    await hass.async_block_till_done()
    missing = [entity for entity in ENTITIES if hass.states.get(entity) is None]
    if missing:
        raise RuntimeError(f"the YAML build has no {', '.join(sorted(missing))}")
