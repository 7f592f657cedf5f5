"""Fix flows: applying a suggested personal cold threshold, only when confirmed.

The suggestion issue (`suggestion.py`) carries the person and the value it
showed. Its fix flow asks first; only a confirmation changes the person's
`cold_threshold` option (and reloads their entry, as the options flow does).
Closing the dialog, or ignoring the issue, changes nothing. A value that no
longer fits the person's other options (the comfort setpoint must stay more
than the hysteresis above it) is not applied.
"""

from __future__ import annotations

from typing import Any

from homeassistant.components.repairs import RepairsFlow, RepairsFlowResult
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import probatio

from .const import (
    CONF_COLD_THRESHOLD,
    CONF_COMFORT_SETPOINT,
    CONF_HYSTERESIS,
    DEFAULT_OPTIONS,
    DOMAIN,
)
from .suggestion import suggested


class ThresholdFixFlow(RepairsFlow):
    """Confirm, then apply, a suggested cold threshold."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> RepairsFlowResult:
        """Go straight to the confirmation."""
        return await self.async_step_confirm()

    async def async_step_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> RepairsFlowResult:
        """Show what changes; apply it once confirmed."""
        wanted = suggested(self.data)
        entry = wanted and self.hass.config_entries.async_get_entry(wanted[0])
        if not wanted or entry is None or entry.domain != DOMAIN:
            return self.async_abort(reason="person_gone")
        options = {**DEFAULT_OPTIONS, **entry.options, CONF_COLD_THRESHOLD: wanted[1]}
        if (
            options[CONF_COMFORT_SETPOINT]
            <= options[CONF_COLD_THRESHOLD] + options[CONF_HYSTERESIS]
        ):
            return self.async_abort(reason="no_longer_fits")
        if user_input is None:
            issue = ir.async_get(self.hass).async_get_issue(DOMAIN, self.issue_id)
            return self.async_show_form(
                step_id="confirm",
                data_schema=probatio.Schema({}),
                description_placeholders=issue.translation_placeholders
                if issue
                else None,
            )
        self.hass.config_entries.async_update_entry(
            entry, options={**entry.options, CONF_COLD_THRESHOLD: wanted[1]}
        )
        self.hass.config_entries.async_schedule_reload(entry.entry_id)
        return self.async_create_entry(data={})


async def async_create_fix_flow(
    hass: HomeAssistant, issue_id: str, data: dict[str, Any] | None
) -> RepairsFlow:
    """Return the fix flow of a fixable issue (only suggestions are fixable)."""
    return ThresholdFixFlow()
