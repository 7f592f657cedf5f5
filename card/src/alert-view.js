/**
 * The caregiver alert (the comfort_alert event entity) and the person's
 * stillness (the long_stillness binary sensor), as plain data for the card.
 */

import { isUnavailable } from "./entities.js";
import { clockTime, humanize, relativeTime, text } from "./texts.js";

/** Event types after which the alert still waits for a caregiver's acknowledgement. */
export const OPEN_ALERT_TYPES = Object.freeze(["alert_sent", "escalated", "delivery_failed", "unanswered"]);
/** How long an acknowledgement stays on the card. */
export const ACKNOWLEDGED_SHOWN_MS = 60 * 60 * 1000;

/** A notify target in plain words: the notify entity's name, else "Dianes phone". */
export function caregiverName(target, hass) {
  const id = String(target ?? "");
  const friendly = hass?.states?.[id]?.attributes?.friendly_name;
  if (friendly) return friendly;
  return humanize(id.replace(/^notify\./, "").replace(/^mobile_app_/, ""));
}

function reasonsText(reasons, hass) {
  return (Array.isArray(reasons) ? reasons : []).map((reason) => text(`reason_${reason}`, hass)).join(", ");
}

/**
 * The open (or just acknowledged) alert, or null when there is none to show.
 *
 * `type` is the last event type; `unanswered` means every caregiver was called
 * and nobody acknowledged. `acknowledge` is the button to press, when there is one.
 */
export function alertView(eventObj, hass, now, acknowledgeId) {
  if (isUnavailable(eventObj)) return null;
  const attributes = eventObj.attributes ?? {};
  const type = attributes.event_type;
  const reasons = reasonsText(attributes.reasons, hass);
  if (type === "acknowledged") {
    const at = Date.parse(eventObj.state);
    if (!Number.isFinite(at) || now.getTime() - at > ACKNOWLEDGED_SHOWN_MS) return null;
    const by = attributes.acknowledged_by;
    return {
      open: false,
      type,
      reasons,
      headline: by ? text("acknowledged_by", hass, { name: by }) : text("acknowledged", hass),
      when: relativeTime(eventObj.state, now, hass),
    };
  }
  if (!OPEN_ALERT_TYPES.includes(type)) return null;
  const called = (Array.isArray(attributes.called) ? attributes.called : []).map((target) => caregiverName(target, hass));
  const next = clockTime(attributes.next_escalation, hass);
  const lines = [];
  if (called.length) lines.push(text("alert_called", hass, { names: called.join(", ") }));
  if (type === "delivery_failed") lines.push(text("alert_failed", hass));
  if (type === "unanswered") lines.push(text("unanswered_text", hass));
  else lines.push(next ? text("alert_next", hass, { time: next }) : text("alert_all_called", hass));
  return {
    open: true,
    type,
    unanswered: type === "unanswered",
    urgent: Boolean(attributes.urgent) || type === "unanswered",
    reasons,
    headline: type === "unanswered" ? text("unanswered", hass) : text(attributes.urgent ? "alert_urgent" : "alert", hass),
    lines,
    when: relativeTime(eventObj.state, now, hass),
    acknowledge: acknowledgeId,
  };
}

/**
 * The last movement (the later of a movement and a logged repositioning, as the
 * long_stillness sensor's `last_movement` tells) and whether it is too long ago.
 * Null when the person has no long_stillness sensor.
 */
export function stillnessView(stillObj, hass, now) {
  if (!stillObj) return null;
  const last = stillObj.attributes?.last_movement;
  const known = typeof last === "string" && Number.isFinite(Date.parse(last));
  return {
    tooLong: stillObj.state === "on",
    label: known ? text("last_moved", hass, { ago: relativeTime(last, now, hass) }) : text("no_movement", hass),
    when: known ? last : null,
  };
}
