/**
 * What each of the card's controls does: the next UI state, the action call to
 * make, what to say when it succeeded or failed, and where focus goes. Pure, so
 * that every path is tested without a browser (the element in card.js runs it).
 */

import { episodeWhat } from "./view.js";
import { DOMAIN, text } from "./texts.js";

/** The severity choices and the 1–10 value each logs (7 or more calls a caregiver). */
export const SEVERITIES = Object.freeze({ mild: 3, moderate: 5, severe: 8 });
/** How long an undo is offered after logging. */
export const UNDO_MS = 5 * 60 * 1000;

/** The UI state of a fresh card: the first log step, nothing said yet. */
export function initialUi() {
  return { kind: null, severity: null, status: "", helpArmed: false, logged: null };
}

/** An action call of the integration, as `hass.callService` takes it. */
function call(service, data) {
  return { domain: DOMAIN, service, data };
}

/** The service call that logs an episode for the person. */
export function logEpisodeCall(entryId, kind, area, severity) {
  const data = { config_entry_id: entryId, kind, body_area: area };
  if (severity in SEVERITIES) data.severity = SEVERITIES[severity];
  return call("log_episode", data);
}

function logged(view, ui, area, hass, now) {
  const what = [episodeWhat(ui.kind, area, hass), ui.severity && text(`severity_${ui.severity}`, hass)]
    .filter(Boolean)
    .join(", ");
  return {
    ui: { ...ui, kind: null, severity: null, status: "" },
    call: logEpisodeCall(view.entryId, ui.kind, area, ui.severity),
    focus: `kind:${ui.kind}`,
    returnResponse: true,
    success: (response) => ({
      status: text("logged", hass, { what }),
      logged: { id: response?.id ?? null, what, at: now.getTime() },
    }),
    failure: "log_failed",
  };
}

/**
 * What pressing control `action` (with `value`) does in `ui`, given the view.
 * Returns `{ui, call, focus, success, failure}`: the next UI state; the action
 * call or null; the control to focus next (or null: focus stays); on success,
 * what to merge into the UI state; on failure, the text key that says so.
 */
export function handleAction(view, ui, action, value, hass, now = new Date()) {
  const stay = (changes) => ({ ui: { ...ui, ...changes }, call: null, focus: null });
  switch (action) {
    case "kind":
      return { ...stay({ kind: value, severity: null, status: "" }), focus: "area:first" };
    case "change-type":
      return { ...stay({ kind: null, severity: null }), focus: `kind:${ui.kind}` };
    case "severity":
      return stay({ severity: ui.severity === value ? null : value });
    case "area":
      if (!ui.kind || !view.entryId) return stay({ kind: null, status: text("log_failed", hass, { error: "?" }) });
      return logged(view, ui, value, hass, now);
    case "undo":
      if (!ui.logged?.id || !view.admin) return stay({ logged: null });
      return {
        ui: { ...ui, logged: null, status: "" },
        call: call("delete_log_entry", { config_entry_id: view.entryId, entry_id: ui.logged.id }),
        focus: "kind:first",
        success: () => ({ status: text("undone", hass, { what: ui.logged.what }) }),
        failure: "undo_failed",
      };
    case "help":
      if (!ui.helpArmed) return stay({ helpArmed: true, status: text("help_confirm", hass) });
    // falls through: the second tap calls
    case "help-hold":
      if (!view.canHelp) return stay({ helpArmed: false });
      return {
        ui: { ...ui, helpArmed: false, status: "" },
        call: call("call_for_help", { config_entry_id: view.entryId }),
        focus: "help",
        success: () => ({ status: text("help_sent", hass) }),
        failure: "help_failed",
      };
    case "help-cancel":
      return { ...stay({ helpArmed: false, status: "" }), focus: "help" };
    case "acknowledge":
      if (!view.alert?.acknowledge) return stay({});
      return {
        ui,
        call: { domain: "button", service: "press", data: { entity_id: view.alert.acknowledge } },
        focus: "alert",
        success: () => ({ status: text("acknowledged", hass) }),
        failure: "ack_failed",
      };
    case "repositioned":
      if (!view.canReposition) return stay({});
      return {
        ui,
        call: call("log_repositioned", { config_entry_id: view.entryId }),
        focus: null,
        success: () => ({ status: text("repositioned_logged", hass) }),
        failure: "reposition_failed",
      };
    default:
      return stay({});
  }
}

/** Whether the undo of the last logged episode is still offered at `now`. */
export function undoOffered(ui, now) {
  return Boolean(ui.logged?.id) && now.getTime() - ui.logged.at < UNDO_MS;
}
