// What the card shows, from the person's entities: node --test tests/frontend/
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  AREAS, DEVICE, ENTRY, EVENING, KINDS, NIGHT, NIGHT_ATTRIBUTES, COLD_ROOM_ATTRIBUTES, alertState, fakeHass, state,
} from "./fixtures.mjs";
import { caregiverName, stillnessView } from "../../card/src/alert-view.js";
import { configEntryId, entityIds, firstDeviceId, logChoices, personName, temperatureEntityId } from "../../card/src/entities.js";
import { bedtimeView, cardView, convertTemperature, exertionView, recentEpisodesView, riskView } from "../../card/src/view.js";

const BY_DEVICE = { type: "custom:als-comfort-card", device_id: DEVICE };

test("the person's entities come from the device, by translation key, even when renamed", () => {
  const hass = fakeHass({ version2: true });
  const ids = entityIds(hass, BY_DEVICE);
  assert.equal(ids.cramp_risk, "sensor.diane_cramp_risk");
  assert.equal(ids.long_stillness, "binary_sensor.diane_long_stillness");
  hass.entities["sensor.diane_cramp_risk"].entity_id = "sensor.bedroom_risk";
  hass.entities["sensor.bedroom_risk"] = hass.entities["sensor.diane_cramp_risk"];
  delete hass.entities["sensor.diane_cramp_risk"];
  assert.equal(entityIds(hass, BY_DEVICE).cramp_risk, "sensor.bedroom_risk");
  // By prefix: only the entities that exist.
  const byPrefix = entityIds(fakeHass(), { entity_prefix: "sensor.diane_" });
  assert.equal(byPrefix.cramp_risk, "sensor.diane_cramp_risk");
  assert.equal(byPrefix.long_stillness, undefined);
});

test("the device gives the config entry, the person's name (as renamed) and the first device", () => {
  const hass = fakeHass();
  assert.equal(configEntryId(hass, BY_DEVICE), ENTRY);
  assert.equal(configEntryId(hass, { ...BY_DEVICE, config_entry_id: "other" }), "other");
  assert.equal(personName(hass, BY_DEVICE), "Diane");
  hass.devices[DEVICE].name_by_user = "Mum";
  assert.equal(personName(hass, BY_DEVICE), "Mum");
  assert.equal(firstDeviceId(hass), DEVICE);
  assert.equal(firstDeviceId({}), null);
});

test("the default title is the person's name; a configured title wins", () => {
  assert.equal(cardView(fakeHass(), BY_DEVICE, EVENING).title, "Diane");
  assert.equal(cardView(fakeHass(), { ...BY_DEVICE, title: "Bedroom" }, EVENING).title, "Bedroom");
  assert.equal(cardView(fakeHass(), { entity_prefix: "diane" }, EVENING).title, "ALS Comfort");
});

test("kinds and body areas come from the integration: attributes first, then the action's options", () => {
  const hass = fakeHass({ version2: true });
  const lastObj = hass.states["sensor.diane_last_episode"];
  assert.deepEqual(logChoices(hass, lastObj), { kinds: KINDS, areas: AREAS });
  // A body area the integration adds later shows up without a new card.
  const more = state("s", "x", { episode_kinds: KINDS, body_areas: ["shin", ...AREAS] });
  assert.deepEqual(logChoices(hass, more).areas.slice(0, 2), ["shin", "foot"]);
  // The sensor disabled, or from before the attributes: the log_episode action's own lists.
  assert.deepEqual(logChoices(hass, undefined), { kinds: KINDS, areas: AREAS });
  // Neither: the card waits (null), it never guesses a list of its own.
  delete hass.services.als_comfort.log_episode;
  assert.equal(logChoices(hass, undefined), null);
  const view = cardView({ ...hass, states: { ...hass.states, "sensor.diane_last_episode": undefined } }, BY_DEVICE, EVENING);
  assert.equal(view.choices, null);
});

test("loading until the frontend has the states and the entity registry, then found or not", () => {
  assert.equal(cardView(undefined, BY_DEVICE, EVENING).loading, true);
  assert.equal(cardView({ ...fakeHass(), entities: undefined }, BY_DEVICE, EVENING).loading, true);
  const view = cardView(fakeHass(), BY_DEVICE, EVENING);
  assert.equal(view.loading, false);
  assert.equal(view.found, true);
  assert.equal(cardView(fakeHass(), { device_id: "another" }, EVENING).found, false);
});

test("risk: level, label and reasons in plain words; unknown reasons readable", () => {
  const risk = riskView(state("s", "high", { reasons: ["cold_room", "cramp_cluster", "new_thing"] }));
  assert.deepEqual(risk, { available: true, level: "high", label: "High", reasonsText: "Cold room, Recent cramp, New thing" });
  assert.equal(riskView(state("s", "low", { reasons: [] })).reasonsText, "Nothing cramp-prone right now");
  assert.equal(riskView(state("s", "unavailable")).level, "unavailable");
  assert.equal(riskView(undefined).available, false);
});

test("room: temperature against the threshold that matters now, in the thermometer's unit", () => {
  const hass = fakeHass();
  assert.equal(temperatureEntityId(hass, BY_DEVICE), "sensor.bedroom_temperature");
  assert.deepEqual(cardView(hass, BY_DEVICE, EVENING).room, {
    cold: true, label: "Cold", temperature: "18.2 °C", threshold: "warm again above 19.5 °C",
  });
  const fahrenheit = fakeHass({
    overrides: {
      "binary_sensor.diane_cold_room": state("binary_sensor.diane_cold_room", "off", COLD_ROOM_ATTRIBUTES),
      "sensor.bedroom_temperature": state("sensor.bedroom_temperature", "65.12", { unit_of_measurement: "°F" }),
    },
  });
  // A person reads "65.1 °F", not "65.12 °F".
  assert.deepEqual(cardView(fahrenheit, BY_DEVICE, EVENING).room, {
    cold: false, label: "Warm enough", temperature: "65.1 °F", threshold: "cold below 66.2 °F",
  });
  assert.equal(convertTemperature(19, "°C", "K"), null);
  const override = cardView(hass, { ...BY_DEVICE, cold_threshold: 20 }, EVENING).room;
  assert.equal(override.threshold, "cold below 20 °C");
});

test("exertion gauge and bedtime countdown", () => {
  assert.deepEqual(exertionView(state("s", "142.4")), { available: true, bar: 100, label: "142 % of the limit", over: true });
  assert.equal(exertionView(state("s", "unknown")).available, false);
  const night = state("b", "off", NIGHT_ATTRIBUTES);
  assert.equal(bedtimeView(night, undefined, EVENING).label, "Bedtime in 2 h 15 min");
  const hass = fakeHass();
  assert.equal(bedtimeView(state("b", "on", NIGHT_ATTRIBUTES), undefined, NIGHT, hass).label, "Night window open until 07:00");
  assert.equal(bedtimeView(state("b", "off"), undefined, EVENING).label, "Night window closed");
  assert.equal(bedtimeView(undefined, undefined, EVENING).label, "unavailable");
});

test("the last episodes: newest first, at most five, never a note", () => {
  const hass = fakeHass();
  const view = recentEpisodesView(hass.states["sensor.diane_last_episode"], NIGHT, hass);
  assert.deepEqual(view.items.map((item) => `${item.what} · ${item.ago}`), [
    "Cramp, Calf · 6 hours ago", "Fasciculation, Thigh · 7 hours ago", "Spasticity, Arm · yesterday",
  ]);
  const many = Array.from({ length: 7 }, (_, i) => ({ when: EVENING.toISOString(), kind: "cramp", body_area: AREAS[i], note: "<b>private</b>" }));
  const listed = recentEpisodesView(state("s", "x", { recent_episodes: many }), NIGHT);
  assert.equal(listed.items.length, 5);
  assert.ok(!JSON.stringify(listed).includes("private"));
  assert.equal(recentEpisodesView(state("s", "unknown"), NIGHT).message, "None logged");
  assert.equal(recentEpisodesView(undefined, NIGHT).message, "unavailable");
});

test("an open alert says who was called and when the next caregiver is", () => {
  const hass = fakeHass();
  hass.states["notify.nurse"] = state("notify.nurse", "unknown", { friendly_name: "Night nurse" });
  const view = cardView({ ...hass, states: { ...hass.states, "event.diane_comfort_alert": alertState("escalated", {
    reasons: ["severe_cramp"], urgent: true, called: ["notify.mobile_app_dianes_phone", "notify.nurse"],
    caregiver: "notify.nurse", next_escalation: "2026-11-25T20:25:00+00:00",
  }) } }, BY_DEVICE, EVENING);
  assert.deepEqual(
    { ...view.alert, when: undefined },
    {
      open: true, type: "escalated", unanswered: false, urgent: true, reasons: "Severe cramp",
      headline: "Urgent caregiver alert",
      lines: ["Called: Dianes phone, Night nurse", "Next caregiver at 20:25"],
      when: undefined, acknowledge: "button.diane_acknowledge_alert",
    },
  );
  assert.equal(caregiverName("notify.persistent_notification"), "Persistent notification");
});

test("unanswered is unmistakable; acknowledged shows who, for an hour; nothing else shows", () => {
  const hass = fakeHass();
  const at = (type, attributes, when) => cardView(
    { ...hass, states: { ...hass.states, "event.diane_comfort_alert": alertState(type, attributes, when) } }, BY_DEVICE, EVENING,
  ).alert;
  const unanswered = at("unanswered", { called: ["notify.a", "notify.b"] });
  assert.equal(unanswered.unanswered, true);
  assert.equal(unanswered.urgent, true);
  assert.equal(unanswered.headline, "Nobody has answered");
  assert.ok(unanswered.lines.includes("No caregiver has acknowledged. Everyone is being called again."));
  assert.equal(at("alert_sent", {}).lines.at(-1), "Every caregiver has been called.");
  assert.ok(at("delivery_failed", {}).lines.includes("A caregiver could not be reached."));
  const acknowledged = at("acknowledged", { acknowledged_by: "Sam" });
  assert.deepEqual([acknowledged.open, acknowledged.headline], [false, "Acknowledged by Sam"]);
  assert.equal(at("acknowledged", {}).headline, "Alert acknowledged");
  assert.equal(at("acknowledged", {}, "2026-11-25T18:00:00+00:00"), null, "over an hour ago");
  assert.equal(cardView(hass, BY_DEVICE, EVENING).alert, null);
});

test("version-2 controls show only when the integration offers them", () => {
  const today = cardView(fakeHass(), BY_DEVICE, EVENING);
  assert.deepEqual([today.canHelp, today.canReposition, today.stillness], [false, false, null]);
  const v2 = cardView(fakeHass({ version2: true }), BY_DEVICE, EVENING);
  assert.deepEqual([v2.canHelp, v2.canReposition], [true, true]);
  assert.deepEqual(v2.stillness, { tooLong: false, label: "Last moved 30 minutes ago", when: "2026-11-25T19:45:00+00:00" });
  const still = stillnessView(state("b", "on", { last_movement: null }), undefined, EVENING);
  assert.deepEqual(still, { tooLong: true, label: "No movement recorded yet", when: null });
  // Administrators only: export and report, undo.
  assert.equal(cardView(fakeHass({ admin: false }), BY_DEVICE, EVENING).admin, false);
});
