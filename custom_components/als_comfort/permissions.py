"""Who may do what with a person's ALS Comfort (SPEC §11).

Home Assistant's own rules, applied to a person instead of an entity: an
administrator may do everything; a call without a user (an automation, a
script) is allowed, as in core; anyone else needs permission to control the
person's buttons that do the same thing (`POLICY_CONTROL`), so an action
never allows more than pressing its button would. Reading or deleting the log
is for administrators only. A refusal is Home Assistant's `Unauthorized`, in
the user's words, and comes before anything is changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.auth.models import User
from homeassistant.auth.permissions.const import POLICY_CONTROL
from homeassistant.const import Platform
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import Unauthorized
from homeassistant.helpers import entity_registry as er

from .const import DOMAIN
from .entity import unique_id

if TYPE_CHECKING:
    from .runtime import AlsComfortConfigEntry


class NotAllowedError(Unauthorized):
    """Home Assistant's refusal of a user, with the reason in their language."""

    def __init__(
        self, context: Context, key: str, placeholders: dict[str, str]
    ) -> None:
        """Refuse the user of `context`, saying why with a translated message."""
        super().__init__(context=context, permission=POLICY_CONTROL)
        self.translation_domain = DOMAIN
        self.translation_key = key
        self.translation_placeholders = placeholders
        self.generate_message = True


async def async_check_admin(hass: HomeAssistant, context: Context, action: str) -> None:
    """Refuse an action of administrators to anyone else."""
    if context.user_id is None:
        return
    user = await hass.auth.async_get_user(context.user_id)
    if user is None or not user.is_admin:
        raise NotAllowedError(context, "admin_only", {"action": f"{DOMAIN}.{action}"})


async def async_check_control(
    hass: HomeAssistant,
    context: Context,
    entry: AlsComfortConfigEntry,
    action: str,
    buttons: tuple[str, ...],
) -> None:
    """Refuse an action to a user who may not press these buttons of the person.

    An id that belongs to no user is refused, not taken for "no user".
    """
    if context.user_id is None:
        return
    user = await hass.auth.async_get_user(context.user_id)
    if user is not None and (user.is_admin or _may_press(hass, user, entry, buttons)):
        return
    raise NotAllowedError(
        context, "not_allowed", {"action": f"{DOMAIN}.{action}", "name": entry.title}
    )


def _may_press(
    hass: HomeAssistant,
    user: User,
    entry: AlsComfortConfigEntry,
    buttons: tuple[str, ...],
) -> bool:
    """Tell whether a user may control each of these buttons of the person.

    A button missing from the entity registry cannot be checked: not allowed.
    """
    registry = er.async_get(hass)
    entity_ids = [
        registry.async_get_entity_id(
            Platform.BUTTON, DOMAIN, unique_id(entry.entry_id, key)
        )
        for key in buttons
    ]
    return all(
        entity_id is not None
        and user.permissions.check_entity(entity_id, POLICY_CONTROL)
        for entity_id in entity_ids
    )
