// What each control does: the next step, the action call, where focus goes.
import assert from "node:assert/strict";
import { test } from "node:test";

import { DEVICE, ENTRY, EVENING, alertState, fakeHass } from "./fixtures.mjs";
import { SEVERITIES, handleAction, initialUi, logEpisodeCall, undoOffered } from "../../card/src/actions.js";
import { cardView } from "../../card/src/view.js";

const BY_DEVICE = { device_id: DEVICE };

/** Press controls in order, as a person would; return the UI state, calls and focus moves. */
function press(hass, presses, ui = initialUi(), now = EVENING) {
  const view = cardView(hass, BY_DEVICE, now);
  const calls = [];
  const focus = [];
  for (const [action, value] of presses) {
    const step = handleAction(view, ui, action, value, hass, now);
    ui = step.ui;
    if (step.focus) focus.push(step.focus);
    if (step.call) {
      calls.push(step.call);
      ui = { ...ui, ...step.success({ id: "entry-1" }) };
    }
  }
  return { ui, calls, focus };
}

test("kind, then body area: logged for the person's entry; focus to the first area, then back to the kind", () => {
  const { ui, calls, focus } = press(fakeHass(), [["kind", "cramp"], ["area", "calf"]]);
  assert.deepEqual(calls, [
    { domain: "als_comfort", service: "log_episode", data: { config_entry_id: ENTRY, kind: "cramp", body_area: "calf" } },
  ]);
  assert.deepEqual(focus, ["area:first", "kind:cramp"]);
  assert.equal(ui.kind, null, "back at the first step, ready for the next one");
  assert.equal(ui.status, "Logged: Cramp, Calf");
});

test("a severe cramp in three taps: Cramp, Severe, Calf (severity 8 calls a caregiver)", () => {
  const { calls, ui } = press(fakeHass(), [["kind", "cramp"], ["severity", "severe"], ["area", "calf"]]);
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0].data, { config_entry_id: ENTRY, kind: "cramp", body_area: "calf", severity: 8 });
  assert.ok(SEVERITIES.severe >= 7, "the SPEC's severe-cramp alert starts at 7");
  assert.equal(ui.status, "Logged: Cramp, Calf, Severe");
  // A second tap on the same severity takes it back; another kind starts afresh.
  const toggled = press(fakeHass(), [["kind", "cramp"], ["severity", "mild"], ["severity", "mild"], ["area", "foot"]]);
  assert.equal(toggled.calls[0].data.severity, undefined);
  assert.deepEqual(logEpisodeCall(ENTRY, "cramp", "foot", "moderate").data.severity, 5);
});

test("Change type goes back to the kinds, focus on the kind chosen before; nothing is logged", () => {
  const { ui, calls, focus } = press(fakeHass(), [["kind", "spasticity"], ["severity", "severe"], ["change-type"]]);
  assert.deepEqual(calls, []);
  assert.deepEqual([ui.kind, ui.severity], [null, null]);
  assert.equal(focus.at(-1), "kind:spasticity");
});

test("undo: administrators delete the entry they just logged; others are told who can", () => {
  const { ui } = press(fakeHass(), [["kind", "cramp"], ["area", "calf"]]);
  assert.deepEqual(ui.logged, { id: "entry-1", what: "Cramp, Calf", at: EVENING.getTime() });
  assert.equal(undoOffered(ui, EVENING), true);
  assert.equal(undoOffered(ui, new Date(EVENING.getTime() + 6 * 60 * 1000)), false, "offered for five minutes");
  const undone = press(fakeHass(), [["undo"]], ui);
  assert.deepEqual(undone.calls, [
    { domain: "als_comfort", service: "delete_log_entry", data: { config_entry_id: ENTRY, entry_id: "entry-1" } },
  ]);
  assert.equal(undone.ui.status, "Removed: Cramp, Calf");
  assert.deepEqual(undone.focus, ["kind:first"]);
  // delete_log_entry is for administrators only: a non-admin's press does nothing.
  assert.deepEqual(press(fakeHass({ admin: false }), [["undo"]], ui).calls, []);
});

test("help: a first tap arms, a second calls every caregiver; cancel or a hold", () => {
  const hass = fakeHass({ version2: true });
  const armed = press(hass, [["help"]]);
  assert.deepEqual(armed.calls, [], "one tap alone never calls");
  assert.equal(armed.ui.helpArmed, true);
  assert.equal(armed.ui.status, "Tap again to call for help");
  const called = press(hass, [["help"], ["help"]]);
  assert.deepEqual(called.calls, [{ domain: "als_comfort", service: "call_for_help", data: { config_entry_id: ENTRY } }]);
  assert.equal(called.ui.status, "Calling every caregiver now.");
  assert.equal(called.focus.at(-1), "help");
  assert.deepEqual(press(hass, [["help"], ["help-cancel"], ["help"]]).calls, []);
  assert.equal(press(hass, [["help-hold"]]).calls.length, 1, "held for a second: called at once");
  // Without the call_for_help action (an older integration) nothing is called.
  assert.deepEqual(press(fakeHass(), [["help"], ["help"]]).calls, []);
});

test("acknowledge presses the person's button; focus moves to the alert before the button goes", () => {
  const hass = fakeHass({ alert: alertState("alert_sent", { called: ["notify.a"] }) });
  const { calls, focus, ui } = press(hass, [["acknowledge"]]);
  assert.deepEqual(calls, [{ domain: "button", service: "press", data: { entity_id: "button.diane_acknowledge_alert" } }]);
  assert.deepEqual(focus, ["alert"]);
  assert.equal(ui.status, "Alert acknowledged");
  assert.deepEqual(press(fakeHass(), [["acknowledge"]]).calls, [], "no open alert, nothing to press");
});

test("repositioned logs a repositioning; focus stays on the button", () => {
  const { calls, focus, ui } = press(fakeHass({ version2: true }), [["repositioned"]]);
  assert.deepEqual(calls, [{ domain: "als_comfort", service: "log_repositioned", data: { config_entry_id: ENTRY } }]);
  assert.deepEqual(focus, []);
  assert.equal(ui.status, "Repositioning logged");
  assert.deepEqual(press(fakeHass(), [["repositioned"]]).calls, []);
});
