// Unit tests of the ALS Comfort dashboard card, with Node's built-in test runner:
//   node --test tests/frontend/
// No browser and no npm packages: the card's view logic is pure functions, and the
// custom element is exercised with a tiny fake DOM at the end.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  BODY_AREAS,
  KINDS,
  acknowledgeCall,
  alertOpen,
  bedtimeView,
  cardView,
  configEntryId,
  entityIds,
  escapeHtml,
  exertionView,
  firstDeviceId,
  handleAction,
  logButtons,
  logEpisodeCall,
  minutesUntil,
  personPrefix,
  renderCard,
  riskView,
  roomView,
  text,
} from "../../custom_components/als_comfort/frontend/als-comfort-card.js";

const CARD_URL = new URL("../../custom_components/als_comfort/frontend/als-comfort-card.js", import.meta.url);
const DEVICE = "device-diane";
const ENTRY = "01KALSCOMFORTTESTENTRY0000";

function state(entityId, value, attributes = {}) {
  return { entity_id: entityId, state: value, attributes };
}

/** A hass object as the frontend gives it to cards, for Diane. */
function fakeHass({ level = "low", reasons = [], score = 0, alert = null, overrides = {} } = {}) {
  const states = {
    "sensor.diane_cramp_risk": state("sensor.diane_cramp_risk", level, { reasons, score }),
    "sensor.diane_cramp_risk_score": state("sensor.diane_cramp_risk_score", String(score)),
    "sensor.diane_exertion_load": state("sensor.diane_exertion_load", "42.4", { unit_of_measurement: "%" }),
    "sensor.diane_last_episode": state("sensor.diane_last_episode", "2026-11-25T22:10:00+00:00", {
      kind: "cramp",
      body_area: "calf",
      severity: 5,
    }),
    "sensor.diane_cramps_24h": state("sensor.diane_cramps_24h", "2"),
    "sensor.diane_spasticity_24h": state("sensor.diane_spasticity_24h", "0"),
    "sensor.diane_fasciculations_24h": state("sensor.diane_fasciculations_24h", "1"),
    "binary_sensor.diane_cold_room": state("binary_sensor.diane_cold_room", "on"),
    "binary_sensor.diane_night_window": state("binary_sensor.diane_night_window", "off"),
    "button.diane_acknowledge_alert": state("button.diane_acknowledge_alert", "unknown"),
    "event.diane_comfort_alert": state(
      "event.diane_comfort_alert",
      alert ? "2026-11-25T22:11:00.000+00:00" : "unknown",
      { event_type: alert, event_types: ["alert_sent", "acknowledged", "escalated", "delivery_failed"] },
    ),
    "sensor.bedroom_temperature": state("sensor.bedroom_temperature", "18.2", { unit_of_measurement: "°C" }),
    ...overrides,
  };
  for (const [id, value] of Object.entries(overrides)) if (value === undefined) delete states[id];
  const entities = {};
  for (const id of Object.keys(states)) {
    if (!id.includes("diane_")) continue;
    entities[id] = { entity_id: id, device_id: DEVICE, platform: "als_comfort" };
  }
  const calls = [];
  return {
    states,
    entities,
    devices: { [DEVICE]: { id: DEVICE, config_entries: [ENTRY], identifiers: [["als_comfort", ENTRY]] } },
    localize: () => "",
    locale: { language: "en" },
    calls,
    callService: async (domain, service, data) => {
      calls.push({ domain, service, data });
    },
  };
}

const BY_DEVICE = { type: "custom:als-comfort-card", device_id: DEVICE };
const BY_PREFIX = { type: "custom:als-comfort-card", entity_prefix: "sensor.diane_", config_entry_id: ENTRY };

test("entity ids come from the device's registry entries", () => {
  const ids = entityIds(fakeHass(), BY_DEVICE);
  assert.equal(ids.cramp_risk, "sensor.diane_cramp_risk");
  assert.equal(ids.cramp_risk_score, "sensor.diane_cramp_risk_score");
  assert.equal(ids.cold_room, "binary_sensor.diane_cold_room");
  assert.equal(ids.acknowledge_alert, "button.diane_acknowledge_alert");
  assert.equal(ids.comfort_alert, "event.diane_comfort_alert");
  assert.equal(ids.overexertion, undefined, "not registered, not guessed");
});

test("a renamed entity is still found by its translation key", () => {
  const hass = fakeHass();
  hass.entities["sensor.bedside_risk"] = {
    entity_id: "sensor.bedside_risk",
    device_id: DEVICE,
    platform: "als_comfort",
    translation_key: "cramp_risk",
  };
  assert.equal(entityIds(hass, BY_DEVICE).cramp_risk, "sensor.bedside_risk");
});

test("entity ids follow the prefix when no device is given", () => {
  const ids = entityIds({ states: {} }, BY_PREFIX);
  assert.equal(ids.cramp_risk, "sensor.diane_cramp_risk");
  assert.equal(ids.night_window, "binary_sensor.diane_night_window");
  assert.equal(ids.log_cramp, "button.diane_log_cramp");
  assert.equal(personPrefix("diane"), "diane_");
  assert.equal(personPrefix("binary_sensor.diane_"), "diane_");
  assert.equal(personPrefix(""), null);
  assert.deepEqual(entityIds(undefined, {}), {});
});

test("the first ALS Comfort device, for a new card", () => {
  assert.equal(firstDeviceId(fakeHass()), DEVICE);
  const hass = fakeHass();
  hass.entities = {};
  assert.equal(firstDeviceId(hass), DEVICE, "by the device's identifiers");
  assert.equal(firstDeviceId({ entities: {}, devices: { x: { id: "x", identifiers: [["hue", "1"]] } } }), null);
  assert.equal(firstDeviceId(undefined), null);
});

test("the config entry comes from the card config, else from the device", () => {
  assert.equal(configEntryId(fakeHass(), BY_DEVICE), ENTRY);
  assert.equal(configEntryId(fakeHass(), { ...BY_DEVICE, config_entry_id: "other" }), "other");
  assert.equal(configEntryId(fakeHass(), { device_id: "missing" }), null);
  assert.equal(configEntryId({}, {}), null);
});

for (const [level, label, color] of [
  ["low", "Low", "--success-color"],
  ["elevated", "Elevated", "--warning-color"],
  ["high", "High", "--error-color"],
]) {
  test(`risk level ${level} renders as "${label}" in its colour`, () => {
    const view = riskView(state("sensor.diane_cramp_risk", level, { reasons: [], score: 10 }));
    assert.equal(view.available, true);
    assert.equal(view.label, label);
    assert.match(view.color, new RegExp(color));
    const html = renderCard(cardView(fakeHass({ level }), BY_DEVICE), {});
    assert.match(html, new RegExp(`data-level="${level}" style="color:var\\(${color}`));
    assert.match(html, new RegExp(`>${label}</div>`));
  });
}

test("reasons are shown in plain words, most points first as given", () => {
  const view = riskView(
    state("sensor.diane_cramp_risk", "high", { reasons: ["cramp_cluster", "cold_room", "cold_night"], score: 90 }),
  );
  assert.deepEqual(view.reasons, ["Recent cramp", "Cold room", "Cool night in bed"]);
  assert.equal(view.reasonsText, "Recent cramp, Cold room, Cool night in bed");
  assert.equal(view.score, 90);
  const html = renderCard(cardView(fakeHass({ level: "high", reasons: ["overexertion", "sensor_unavailable"] }), BY_DEVICE));
  assert.match(html, /Overdone exercise, Room temperature unknown/);
  assert.equal(riskView(state("s", "low", {})).reasonsText, "Nothing cramp-prone right now");
  assert.equal(riskView(state("s", "low", { reasons: ["new_reason"] })).reasonsText, "new reason");
});

test("the frontend's translations win over the English texts", () => {
  const hass = {
    localize: (key) =>
      ({
        "component.als_comfort.entity.sensor.cramp_risk.state.high": "Hoch",
        "component.als_comfort.entity.sensor.cramp_risk.state_attributes.reasons.state.cold_room": "Kaltes Zimmer",
      })[key] ?? "",
  };
  const view = riskView(state("s", "high", { reasons: ["cold_room", "cold_night"] }), hass);
  assert.equal(view.label, "Hoch");
  assert.deepEqual(view.reasons, ["Kaltes Zimmer", "Cool night in bed"]);
  assert.equal(text("no_such_text"), "no_such_text");
});

test("unavailable entities render a clear text and never crash", () => {
  for (const value of ["unavailable", "unknown", "bogus"]) {
    const view = riskView(state("sensor.diane_cramp_risk", value));
    assert.equal(view.available, false);
    assert.equal(view.label, "unavailable");
  }
  assert.equal(riskView(undefined).available, false);

  const hass = fakeHass({
    overrides: {
      "sensor.diane_cramp_risk": state("sensor.diane_cramp_risk", "unavailable"),
      "sensor.diane_exertion_load": state("sensor.diane_exertion_load", "unavailable"),
      "sensor.diane_last_episode": state("sensor.diane_last_episode", "unavailable"),
      "sensor.diane_cramps_24h": state("sensor.diane_cramps_24h", "unavailable"),
      "binary_sensor.diane_cold_room": state("binary_sensor.diane_cold_room", "unknown"),
      "binary_sensor.diane_night_window": state("binary_sensor.diane_night_window", "unavailable"),
      "event.diane_comfort_alert": state("event.diane_comfort_alert", "unavailable"),
      "sensor.bedroom_temperature": undefined,
    },
  });
  const view = cardView(hass, { ...BY_DEVICE, temperature_entity: "sensor.bedroom_temperature" });
  assert.equal(view.exertion.label, "unavailable");
  assert.equal(view.room.label, "unavailable");
  assert.equal(view.room.temperature, "unavailable");
  assert.equal(view.bedtime.label, "unavailable");
  assert.equal(view.episodes.last, "unavailable");
  assert.equal(view.episodes.counts[0], "Cramps: unavailable");
  assert.equal(view.acknowledge, null);
  const html = renderCard(view, {});
  assert.match(html, /class="risk unavailable" data-level="unavailable">unavailable</);
  assert.match(html, /<span class="unavailable">unavailable<\/span>/);

  // Nothing of the person at all: a hint, not an exception.
  const empty = cardView({ states: {}, entities: {} }, { device_id: "nobody" });
  assert.equal(empty.found, false);
  assert.match(renderCard(empty), /No ALS Comfort person found/);
  assert.doesNotThrow(() => renderCard(cardView(undefined, BY_PREFIX)));
});

test("room: cold-room state, temperature against the threshold", () => {
  const hass = fakeHass();
  const room = roomView(
    hass.states["binary_sensor.diane_cold_room"],
    hass.states["sensor.bedroom_temperature"],
    19,
  );
  assert.deepEqual(room, { cold: true, label: "Cold", temperature: "18.2 °C", threshold: "cold below 19 °C" });
  assert.equal(roomView(state("b", "off"), undefined, undefined).label, "Warm enough");
  const html = renderCard(
    cardView(hass, { ...BY_DEVICE, temperature_entity: "sensor.bedroom_temperature", cold_threshold: 19 }),
  );
  assert.match(html, /18.2 °C<\/span> · <span>Cold<\/span> · <span>cold below 19 °C/);
});

test("exertion gauge: percent of the limit, bar clamped", () => {
  assert.deepEqual(exertionView(state("s", "42.4")), {
    available: true,
    percent: 42.4,
    bar: 42.4,
    label: "42 % of the limit",
    over: false,
  });
  const over = exertionView(state("s", "150"));
  assert.equal(over.bar, 100);
  assert.equal(over.over, true);
  assert.equal(exertionView(state("s", "abc")).available, false);
  assert.match(renderCard(cardView(fakeHass(), BY_DEVICE)), /role="meter"[^>]*aria-valuenow="42.4"/);
});

test("time until bedtime, or the night window", () => {
  const now = new Date(2026, 10, 25, 20, 15);
  assert.equal(minutesUntil("22:30", now), 135);
  assert.equal(minutesUntil("20:00", now), 23 * 60 + 45);
  assert.equal(minutesUntil("soon", now), null);
  assert.equal(bedtimeView(state("b", "off"), "22:30", now).label, "Bedtime in 2 h 15 min");
  assert.equal(bedtimeView(state("b", "off"), "20:45", now).label, "Bedtime in 30 min");
  assert.equal(bedtimeView(state("b", "off"), undefined, now).label, "Night window closed");
  assert.equal(bedtimeView(state("b", "on"), "22:30", now).label, "Night window open");
});

test("last episode with kind and body area; 24-hour counts", () => {
  const view = cardView(fakeHass(), BY_DEVICE);
  assert.match(view.episodes.last, /^Cramp, Calf · /);
  assert.deepEqual(view.episodes.counts, ["Cramps: 2", "Spasticity: 0", "Fasciculations: 1"]);
  const none = cardView(
    fakeHass({ overrides: { "sensor.diane_last_episode": state("sensor.diane_last_episode", "unknown") } }),
    BY_DEVICE,
  );
  assert.equal(none.episodes.last, "None logged");
});

test("log buttons: first the kind, then the body area", () => {
  const kinds = logButtons(null);
  assert.deepEqual(
    kinds.map((button) => button.value),
    KINDS,
  );
  const areas = logButtons("spasticity");
  assert.deepEqual(
    areas.slice(0, -1).map((button) => button.value),
    BODY_AREAS,
  );
  assert.equal(areas.length, 12);
  assert.equal(areas.at(-1).action, "back");
  assert.equal(areas[3].aria, "Log an episode: Spasticity, Hand");
  const html = renderCard(cardView(fakeHass(), BY_DEVICE), { pendingKind: "cramp" });
  assert.match(html, /Where\? \(Cramp\)/);
  assert.equal((html.match(/<button /g) ?? []).length, 12);
  assert.equal((html.match(/aria-label="/g) ?? []).length, 13, "every button and the gauge are labelled");
});

test("kind + area → als_comfort.log_episode with the person's config entry", () => {
  const view = cardView(fakeHass(), BY_DEVICE);
  let step = handleAction(view, {}, "kind", "cramp");
  assert.deepEqual(step, { ui: { pendingKind: "cramp", status: "" }, call: null });
  step = handleAction(view, step.ui, "area", "calf");
  assert.deepEqual(step.call, {
    domain: "als_comfort",
    service: "log_episode",
    data: { config_entry_id: ENTRY, kind: "cramp", body_area: "calf" },
  });
  assert.equal(step.ui.pendingKind, null);
  assert.equal(step.ui.status, "Logged: Cramp, Calf");
  assert.deepEqual(handleAction(view, { pendingKind: "jaw" }, "back", "").ui.pendingKind, null);
  assert.deepEqual(handleAction(view, {}, "area", "calf").call, null, "no kind picked yet");
  assert.deepEqual(handleAction({ ...view, entryId: null }, { pendingKind: "cramp" }, "area", "calf").call, null);
  assert.equal(handleAction(view, {}, "nonsense", "").call, null);
  for (const kind of KINDS) {
    for (const area of BODY_AREAS) {
      assert.deepEqual(logEpisodeCall("e", kind, area).data, { config_entry_id: "e", kind, body_area: area });
    }
  }
  assert.throws(() => logEpisodeCall("e", "tremor", "calf"), /Unknown kind/);
  assert.throws(() => logEpisodeCall("e", "cramp", "knee"), /Unknown body area/);
});

test("acknowledge shows for an open alert and presses the button", () => {
  assert.equal(alertOpen(state("e", "2026-11-25T22:11:00+00:00", { event_type: "alert_sent" })), true);
  assert.equal(alertOpen(state("e", "2026-11-25T22:11:00+00:00", { event_type: "escalated" })), true);
  assert.equal(alertOpen(state("e", "2026-11-25T22:11:00+00:00", { event_type: "acknowledged" })), false);
  assert.equal(alertOpen(state("e", "unknown")), false);

  const closed = cardView(fakeHass({ alert: "acknowledged" }), BY_DEVICE);
  assert.equal(closed.acknowledge, null);
  assert.doesNotMatch(renderCard(closed), /data-action="acknowledge"/);
  assert.equal(handleAction(closed, {}, "acknowledge").call, null);

  const open = cardView(fakeHass({ alert: "escalated" }), BY_DEVICE);
  assert.match(renderCard(open), /data-action="acknowledge" aria-label="Acknowledge alert"/);
  assert.deepEqual(handleAction(open, {}, "acknowledge").call, {
    domain: "button",
    service: "press",
    data: { entity_id: "button.diane_acknowledge_alert" },
  });
  assert.deepEqual(acknowledgeCall("button.x"), { domain: "button", service: "press", data: { entity_id: "button.x" } });
});

test("text is escaped", () => {
  assert.equal(escapeHtml(`<b a="1">'&`), "&lt;b a=&quot;1&quot;&gt;&#39;&amp;");
  assert.match(renderCard(cardView(fakeHass(), { ...BY_DEVICE, title: "<Diane>" })), /<h2>&lt;Diane&gt;<\/h2>/);
});

// --- The custom element, with a tiny fake DOM -------------------------------------

class FakeEventTarget {
  constructor() {
    this.listeners = {};
  }
  addEventListener(type, listener) {
    (this.listeners[type] ??= []).push(listener);
  }
  dispatchEvent(event) {
    for (const listener of this.listeners[event.type] ?? []) listener(event);
    return true;
  }
}

class FakeElement extends FakeEventTarget {
  constructor() {
    super();
    this.children = [];
  }
  attachShadow() {
    this.shadowRoot = new FakeEventTarget();
    this.shadowRoot.innerHTML = "";
    return this.shadowRoot;
  }
  appendChild(child) {
    this.children.push(child);
  }
}

async function loadWithFakeDom() {
  const registry = new Map();
  globalThis.HTMLElement = FakeElement;
  globalThis.customElements = {
    define: (name, cls) => registry.set(name, cls),
    get: (name) => registry.get(name),
  };
  globalThis.window = globalThis;
  globalThis.document = {
    createElement: (name) => (registry.has(name) ? new (registry.get(name))() : new FakeElement()),
  };
  globalThis.CustomEvent = class {
    constructor(type, init) {
      this.type = type;
      this.detail = init?.detail;
    }
  };
  await import(`${CARD_URL.href}?fake-dom`);
  return registry;
}

function button(action, value = "") {
  return { dataset: { action, value } };
}

function click(target) {
  return { target: { closest: () => target } };
}

test("the custom element renders, logs and acknowledges through hass", async () => {
  const registry = await loadWithFakeDom();
  const Card = registry.get("als-comfort-card");
  assert.ok(Card, 'customElements.define("als-comfort-card", …) ran');
  assert.ok(registry.get("als-comfort-card-editor"));
  assert.equal(globalThis.window.customCards.filter((card) => card.type === "als-comfort-card").length, 1);

  const hass = fakeHass({ level: "high", reasons: ["cold_room"], alert: "alert_sent" });
  assert.deepEqual(Card.getStubConfig(hass), { device_id: DEVICE });
  assert.deepEqual(Card.getStubConfig({}), { entity_prefix: "sensor.person_" });
  assert.throws(() => new Card().setConfig({}), /device_id/);

  const card = new Card();
  card.setConfig(BY_DEVICE);
  card.hass = hass;
  assert.equal(card.getCardSize(), 8);
  assert.match(card.shadowRoot.innerHTML, /data-level="high"/);
  assert.match(card.shadowRoot.innerHTML, /Cold room/);

  const before = card.shadowRoot.innerHTML;
  card.shadowRoot.innerHTML = "untouched";
  card.hass = { ...hass }; // same state objects: no re-render
  assert.equal(card.shadowRoot.innerHTML, "untouched");
  card.hass = hass;
  card._render();
  assert.equal(card.shadowRoot.innerHTML, before);

  await card._onClick(click(button("kind", "fasciculation")));
  assert.match(card.shadowRoot.innerHTML, /Where\? \(Fasciculation\)/);
  await card._onClick(click(button("area", "neck")));
  await card._onClick(click(button("acknowledge")));
  await card._onClick(click(null));
  assert.deepEqual(hass.calls, [
    {
      domain: "als_comfort",
      service: "log_episode",
      data: { config_entry_id: ENTRY, kind: "fasciculation", body_area: "neck" },
    },
    { domain: "button", service: "press", data: { entity_id: "button.diane_acknowledge_alert" } },
  ]);

  // A refused call is shown, not thrown.
  hass.callService = async () => {
    throw new Error("refused");
  };
  await card._onClick(click(button("kind", "cramp")));
  await card._onClick(click(button("area", "foot")));
  assert.match(card.shadowRoot.innerHTML, /Could not log: refused/);

  // The editor offers a device picker of ALS Comfort devices.
  const editor = Card.getConfigElement();
  const changes = [];
  editor.addEventListener("config-changed", (event) => changes.push(event.detail.config));
  editor.setConfig({ type: "custom:als-comfort-card", entity_prefix: "sensor.diane_" });
  editor.hass = hass;
  const [selector] = editor.children;
  assert.deepEqual(selector.selector, { device: { integration: "als_comfort" } });
  selector.dispatchEvent({ type: "value-changed", detail: { value: DEVICE } });
  assert.deepEqual(changes, [{ type: "custom:als-comfort-card", device_id: DEVICE }]);
});
