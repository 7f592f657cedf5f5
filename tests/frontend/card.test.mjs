// Unit tests of the ALS Comfort dashboard card, with Node's built-in test runner:
//   node --test tests/frontend/
// No browser and no npm packages: the card's view logic is pure functions, and the
// custom element is exercised with a tiny fake DOM at the end.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";

import {
  BODY_AREAS,
  KINDS,
  LANGUAGES,
  REASONS,
  RISK_LEVELS,
  TEXTS,
  acknowledgeCall,
  alertOpen,
  bedtimeView,
  cardLanguage,
  cardView,
  configEntryId,
  convertTemperature,
  entityIds,
  escapeHtml,
  exertionView,
  firstDeviceId,
  handleAction,
  logButtons,
  logEpisodeCall,
  minutesUntil,
  personPrefix,
  recentEpisodesView,
  relativeTime,
  renderCard,
  riskView,
  roomView,
  temperatureEntityId,
  text,
} from "../../custom_components/als_comfort/frontend/als-comfort-card.js";

const CARD_URL = new URL("../../custom_components/als_comfort/frontend/als-comfort-card.js", import.meta.url);
const DEVICE = "device-diane";
const ENTRY = "01KALSCOMFORTTESTENTRY0000";

function state(entityId, value, attributes = {}) {
  return { entity_id: entityId, state: value, attributes };
}

/** The last episodes as the last_episode sensor lists them, newest first. */
const RECENT = [
  { when: "2026-11-25T18:10:00+00:00", kind: "cramp", body_area: "calf", severity: 5 },
  { when: "2026-11-25T17:40:00+00:00", kind: "fasciculation", body_area: "thigh", severity: null },
  { when: "2026-11-24T23:05:00+00:00", kind: "spasticity", body_area: "arm", severity: 3 },
];
/** What the cold_room and night_window sensors tell about the room and the night. */
const COLD_ROOM_ATTRIBUTES = {
  temperature_entity: "sensor.bedroom_temperature",
  threshold: 19,
  clears_above: 19.5,
  temperature_unit: "°C",
};
const NIGHT_ATTRIBUTES = {
  opens: "2026-11-25T21:30:00+00:00",
  bedtime: "2026-11-25T22:30:00+00:00",
  closes: "2026-11-26T07:00:00+00:00",
};
/** 20:15 London time: 2 h 15 min before Diane's bedtime, 2 h 5 min after her last cramp. */
const EVENING = new Date("2026-11-25T20:15:00+00:00");
/** Inside the night window, past the bedtime. */
const NIGHT = new Date("2026-11-26T00:10:00+00:00");
const NEXT_EVENING = new Date("2026-11-26T19:00:00+00:00");

/** A hass object as the frontend gives it to cards, for Diane. */
function fakeHass({ level = "low", reasons = [], score = 0, alert = null, language = "en", overrides = {} } = {}) {
  const states = {
    "sensor.diane_cramp_risk": state("sensor.diane_cramp_risk", level, { reasons, score }),
    "sensor.diane_cramp_risk_score": state("sensor.diane_cramp_risk_score", String(score)),
    "sensor.diane_exertion_load": state("sensor.diane_exertion_load", "42.4", { unit_of_measurement: "%" }),
    "sensor.diane_last_episode": state("sensor.diane_last_episode", RECENT[0].when, {
      kind: "cramp",
      body_area: "calf",
      severity: 5,
      recent_episodes: RECENT,
    }),
    "sensor.diane_cramps_24h": state("sensor.diane_cramps_24h", "2"),
    "sensor.diane_spasticity_24h": state("sensor.diane_spasticity_24h", "0"),
    "sensor.diane_fasciculations_24h": state("sensor.diane_fasciculations_24h", "1"),
    "binary_sensor.diane_cold_room": state("binary_sensor.diane_cold_room", "on", COLD_ROOM_ATTRIBUTES),
    "binary_sensor.diane_night_window": state("binary_sensor.diane_night_window", "off", NIGHT_ATTRIBUTES),
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
    locale: { language, time_zone: "server" },
    config: { time_zone: "Europe/London" },
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

test("for a language the card does not speak, the frontend's translations win over English", () => {
  const hass = {
    locale: { language: "it" },
    localize: (key) =>
      ({
        "component.als_comfort.entity.sensor.cramp_risk.state.high": "Alto",
        "component.als_comfort.entity.sensor.cramp_risk.state_attributes.reasons.state.cold_room": "Stanza fredda",
      })[key] ?? "",
  };
  const view = riskView(state("s", "high", { reasons: ["cold_room", "cold_night"] }), hass);
  assert.equal(view.label, "Alto");
  assert.deepEqual(view.reasons, ["Stanza fredda", "Cool night in bed"]);
  // No language at all: the same.
  assert.equal(riskView(state("s", "high"), { localize: hass.localize }).label, "Alto");
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

// --- Languages ---------------------------------------------------------------------

function placeholders(value) {
  return [...value.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

test("every language has exactly the English keys, none empty, the same placeholders", () => {
  assert.deepEqual(LANGUAGES, ["en", "de", "fr", "es", "nl"]);
  const english = Object.keys(TEXTS.en).sort();
  for (const language of LANGUAGES) {
    assert.deepEqual(Object.keys(TEXTS[language]).sort(), english, `${language} has the English keys`);
    for (const [key, value] of Object.entries(TEXTS[language])) {
      assert.equal(typeof value, "string", `${language}.${key}`);
      assert.ok(value.trim(), `${language}.${key} is empty`);
      assert.deepEqual(placeholders(value), placeholders(TEXTS.en[key]), `${language}.${key} placeholders`);
    }
  }
  // Everything the card shows has a text: levels, reasons, kinds, counts, areas.
  for (const key of [
    ...RISK_LEVELS.map((level) => `risk_${level}`),
    ...REASONS.map((reason) => `reason_${reason}`),
    ...KINDS.flatMap((kind) => [`kind_${kind}`, `count_${kind}`]),
    ...BODY_AREAS.map((area) => `area_${area}`),
  ]) {
    assert.ok(key in TEXTS.en, key);
  }
});

test("the clinical words: cramp, spasticity and fasciculation in each language", () => {
  const words = LANGUAGES.map((language) => [
    language,
    TEXTS[language].kind_cramp,
    TEXTS[language].kind_spasticity,
    TEXTS[language].kind_fasciculation,
  ]);
  assert.deepEqual(words, [
    ["en", "Cramp", "Spasticity", "Fasciculation"],
    ["de", "Krampf", "Spastik", "Faszikulation"],
    ["fr", "Crampe", "Spasticité", "Fasciculation"],
    ["es", "Calambre", "Espasticidad", "Fasciculación"],
    ["nl", "Kramp", "Spasticiteit", "Fasciculatie"],
  ]);
  // Two different "Back"s must stay two words where the language has two.
  assert.notEqual(TEXTS.de.back, TEXTS.de.area_back);
});

test("the card uses the integration's own words for levels, reasons, kinds and areas", () => {
  const translations = new URL("../../custom_components/als_comfort/translations/", import.meta.url);
  const checked = [];
  for (const language of LANGUAGES) {
    const file = new URL(`${language}.json`, translations);
    if (!existsSync(file)) continue;
    const entity = JSON.parse(readFileSync(file, "utf-8")).entity;
    const sensor = entity.sensor;
    const backend = {
      ...Object.fromEntries(RISK_LEVELS.map((level) => [`risk_${level}`, sensor.cramp_risk.state[level]])),
      ...Object.fromEntries(
        REASONS.map((reason) => [`reason_${reason}`, sensor.cramp_risk.state_attributes.reasons.state[reason]]),
      ),
      ...Object.fromEntries(KINDS.map((kind) => [`kind_${kind}`, sensor.last_episode.state_attributes.kind.state[kind]])),
      ...Object.fromEntries(
        BODY_AREAS.map((area) => [`area_${area}`, sensor.last_episode.state_attributes.body_area.state[area]]),
      ),
      risk: sensor.cramp_risk.name,
      acknowledge: entity.button.acknowledge_alert.name,
    };
    const card = Object.fromEntries(
      Object.keys(backend).map((key) => [key, TEXTS[language][key].replaceAll("\u00ad", "")]),
    );
    assert.deepEqual(card, backend, language);
    checked.push(language);
  }
  assert.ok(checked.includes("en"), "English is always there");
});

test("the language comes from hass.locale, then hass.language, then English", () => {
  assert.equal(cardLanguage({ locale: { language: "de" } }), "de");
  assert.equal(cardLanguage({ locale: { language: "fr-CA" }, language: "en" }), "fr");
  assert.equal(cardLanguage({ locale: { language: "NL" } }), "nl");
  assert.equal(cardLanguage({ language: "es" }), "es", "no locale: hass.language");
  assert.equal(cardLanguage({ locale: {}, language: "pt_BR" }), null);
  assert.equal(cardLanguage(undefined), null);
  assert.equal(text("risk_high", { locale: { language: "pt-BR" }, localize: () => "" }), "High");
  assert.equal(text("kind_cramp", { language: "es" }), "Calambre");
  assert.equal(text("bedtime_in", { locale: { language: "de" } }, { time: "5 Min." }), "Schlafenszeit in 5 Min.");
});

test("in German the whole card speaks German", () => {
  const hass = fakeHass({ level: "high", reasons: ["cold_room", "cramp_cluster"], alert: "alert_sent", language: "de" });
  // The frontend's own (English) texts do not override the card's German ones.
  hass.localize = (key) => (key.endsWith(".state.high") ? "High" : "");
  const view = cardView(hass, BY_DEVICE, EVENING);
  const html = renderCard(view, {}, hass);
  assert.match(html, /data-level="high"[^>]*>Hoch<\/div>/);
  assert.match(html, /Kaltes Zimmer, Krampf vor Kurzem/);
  assert.match(html, />Krampfrisiko</);
  assert.match(html, /18,2 °C<\/span> · <span>Kalt<\/span> · <span>wieder warm über 19,5 °C/);
  assert.match(html, /42 % des Grenzwerts/);
  assert.match(html, /Schlafenszeit in 2 Std\. 15 Min\./);
  assert.match(html, /Letzte Episoden/);
  assert.match(html, /<span>Krampf, Wade<\/span><time[^>]*>vor 2 Stunden<\/time>/);
  assert.match(html, /Krämpfe: 2 · Spastik: 0 · Faszikulationen: 1/);
  assert.match(html, /aria-label="Alarm bestätigen">Alarm bestätigen</);
  assert.match(html, /Episode erfassen/);
  assert.match(html, /Was ist es\?/);
  assert.deepEqual(
    logButtons(null, hass).map((button) => button.label),
    ["Krampf", "Spastik", "Faszikulation"],
  );
  const areas = renderCard(view, { pendingKind: "cramp" }, hass);
  assert.match(areas, /Wo\? \(Krampf\)/);
  assert.match(areas, /aria-label="Episode erfassen: Krampf, Wade">Wade</);
  assert.match(areas, /data-action="back"[^>]*>Zurück</);
  assert.match(areas, /data-value="back"[^>]*>Rücken</);
  const step = handleAction(view, { pendingKind: "spasticity" }, "area", "hand", hass);
  assert.equal(step.ui.status, "Erfasst: Spastik, Hand");
  // Not one English text is left on either step.
  for (const english of ["Cramp", "Calf", "Log an episode", "Bedtime", "Room", "Last episodes", "unavailable", "Back"]) {
    assert.ok(!html.includes(`>${english}<`) && !areas.includes(`>${english}<`), `English "${english}" left`);
  }
});

test("French, Spanish and Dutch cards use their own words", () => {
  for (const [language, high, kinds, recent] of [
    ["fr", "Élevé", "Crampe", /<span>Crampe, Mollet<\/span><time[^>]*>il y a 2 heures</],
    ["es", "Alto", "Calambre", /<span>Calambre, Pantorrilla<\/span><time[^>]*>hace 2 horas</],
    ["nl", "Hoog", "Kramp", /<span>Kramp, Kuit<\/span><time[^>]*>2 uur geleden</],
  ]) {
    const hass = fakeHass({ level: "high", language });
    const html = renderCard(cardView(hass, BY_DEVICE, EVENING), {}, hass);
    assert.match(html, new RegExp(`data-level="high"[^>]*>${high}</div>`), language);
    assert.match(html, new RegExp(`data-value="cramp"[^>]*>${kinds}<`), language);
    assert.match(html, recent, language);
  }
});

test("an unknown language falls back to English", () => {
  const hass = fakeHass({ level: "elevated", reasons: ["overexertion"], language: "ja" });
  const html = renderCard(cardView(hass, BY_DEVICE, EVENING), {}, hass);
  assert.match(html, /data-level="elevated"[^>]*>Elevated<\/div>/);
  assert.match(html, /Overdone exercise/);
  assert.match(html, /Bedtime in 2 h 15 min/);
  assert.match(html, /<span>Cramp, Calf<\/span><time[^>]*>2 hours ago</);
  assert.match(html, /data-value="cramp"[^>]*>Cramp</);
});

// --- The last episodes -------------------------------------------------------------

test("the last episodes: kind, body area and how long ago, newest first", () => {
  const hass = fakeHass();
  const view = cardView(hass, BY_DEVICE, EVENING);
  assert.deepEqual(
    view.episodes.recent.items.map((item) => [item.what, item.ago, item.when]),
    [
      ["Cramp, Calf", "2 hours ago", "2026-11-25T18:10:00+00:00"],
      ["Fasciculation, Thigh", "3 hours ago", "2026-11-25T17:40:00+00:00"],
      ["Spasticity, Arm", "21 hours ago", "2026-11-24T23:05:00+00:00"],
    ],
  );
  assert.equal(view.episodes.recent.message, null);
  const html = renderCard(view, {}, hass);
  assert.match(html, /id="recent-label">Last episodes<\/span><\/div><ul class="episodes" aria-labelledby="recent-label">/);
  assert.equal((html.match(/<li>/g) ?? []).length, 3);
  assert.match(html, /<time datetime="2026-11-25T18:10:00\+00:00" title="[^"]+">2 hours ago<\/time>/);
  // A day on, the same list reads in days.
  assert.deepEqual(
    cardView(hass, BY_DEVICE, NEXT_EVENING).episodes.recent.items.map((item) => `${item.what} · ${item.ago}`),
    ["Cramp, Calf · yesterday", "Fasciculation, Thigh · yesterday", "Spasticity, Arm · 2 days ago"],
  );
});

test("relative times in plain words", () => {
  const now = new Date("2026-11-25T22:10:30+00:00");
  assert.equal(relativeTime("2026-11-25T22:10:00+00:00", now), "now");
  assert.equal(relativeTime("2026-11-25T22:05:00+00:00", now), "6 minutes ago");
  assert.equal(relativeTime("2026-11-25T20:40:00+00:00", now), "2 hours ago");
  assert.equal(relativeTime("2026-11-21T22:10:00+00:00", now), "4 days ago");
  assert.equal(relativeTime("2026-11-25T20:40:00+00:00", now, { locale: { language: "de" } }), "vor 2 Stunden");
  assert.equal(relativeTime("not a time", now), "not a time");
});

test("the last episodes list: empty, unavailable, at most five, never a note", () => {
  const none = recentEpisodesView(state("sensor.diane_last_episode", "unknown", { recent_episodes: [] }), NIGHT);
  assert.deepEqual(none, { available: true, items: [], message: "None logged" });
  const gone = recentEpisodesView(state("sensor.diane_last_episode", "unavailable"), NIGHT);
  assert.deepEqual(gone, { available: false, items: [], message: "unavailable" });
  assert.equal(recentEpisodesView(undefined, NIGHT).message, "unavailable");

  const html = renderCard(
    cardView(fakeHass({ overrides: { "sensor.diane_last_episode": state("sensor.diane_last_episode", "unknown") } }), BY_DEVICE, NIGHT),
  );
  assert.match(html, /Last episodes<\/span><span>None logged<\/span><\/div>/);
  assert.doesNotMatch(html, /<ul class="episodes"/);
  const unavailable = renderCard(
    cardView(
      fakeHass({ overrides: { "sensor.diane_last_episode": state("sensor.diane_last_episode", "unavailable") } }),
      BY_DEVICE,
      NIGHT,
    ),
  );
  assert.match(unavailable, /Last episodes<\/span><span class="unavailable">unavailable<\/span>/);

  const many = Array.from({ length: 7 }, (_, index) => ({
    when: `2026-11-25T1${index}:00:00+00:00`,
    kind: "cramp",
    body_area: BODY_AREAS[index],
    severity: 4,
    note: "<b>private</b>",
  }));
  const view = recentEpisodesView(state("s", many[0].when, { recent_episodes: many }), NIGHT);
  assert.deepEqual(
    view.items.map((item) => item.what),
    ["Cramp, Foot", "Cramp, Calf", "Cramp, Thigh", "Cramp, Hand", "Cramp, Arm"],
  );
  assert.ok(!JSON.stringify(view).includes("private"));

  // An integration from before the list: the last episode alone.
  const older = recentEpisodesView(
    state("s", "2026-11-25T22:10:00+00:00", { kind: "spasticity", body_area: "jaw", severity: 2 }),
    NIGHT,
  );
  assert.deepEqual(older.items.map((item) => `${item.what} · ${item.ago}`), ["Spasticity, Jaw · 2 hours ago"]);
  // Unknown values are left out rather than shown as keys.
  const odd = recentEpisodesView(state("s", "x", { recent_episodes: [{ when: "x", kind: "tremor", body_area: "calf" }, null] }), NIGHT);
  assert.deepEqual(odd.items.map((item) => item.what), ["Calf"]);
});

// --- Room temperature against the threshold, from the device -----------------------

test("the room's thermometer and thresholds come from the cold_room sensor", () => {
  const hass = fakeHass();
  assert.equal(temperatureEntityId(hass, BY_DEVICE), "sensor.bedroom_temperature");
  const cold = cardView(hass, BY_DEVICE, EVENING).room;
  assert.deepEqual(cold, {
    cold: true,
    label: "Cold",
    temperature: "18.2 °C",
    threshold: "warm again above 19.5 °C",
  });
  const warmHass = fakeHass({
    overrides: {
      "binary_sensor.diane_cold_room": state("binary_sensor.diane_cold_room", "off", COLD_ROOM_ATTRIBUTES),
      "sensor.bedroom_temperature": state("sensor.bedroom_temperature", "20.25", { unit_of_measurement: "°C" }),
    },
  });
  const warm = cardView(warmHass, BY_DEVICE, EVENING);
  assert.deepEqual(warm.room, { cold: false, label: "Warm enough", temperature: "20.25 °C", threshold: "cold below 19 °C" });
  assert.match(renderCard(warm), /20.25 °C<\/span> · <span>Warm enough<\/span> · <span>cold below 19 °C/);
});

test("a thermometer in °F shows the threshold in °F", () => {
  const hass = fakeHass({
    overrides: {
      "sensor.bedroom_temperature": state("sensor.bedroom_temperature", "64.8", { unit_of_measurement: "°F" }),
    },
  });
  assert.equal(cardView(hass, BY_DEVICE, EVENING).room.threshold, "warm again above 67.1 °F");
  assert.equal(convertTemperature(19, "°C", "°F"), 66.2);
  assert.ok(Math.abs(convertTemperature(66.2, "°F", "°C") - 19) < 1e-9);
  assert.equal(convertTemperature(19, "°C", "°C"), 19);
  assert.equal(convertTemperature(19, "°C", "K"), null);
  // A unit it cannot convert to: the threshold in its own unit.
  const kelvin = fakeHass({
    overrides: { "sensor.bedroom_temperature": state("sensor.bedroom_temperature", "291", { unit_of_measurement: "K" }) },
  });
  assert.equal(cardView(kelvin, BY_DEVICE, EVENING).room.threshold, "warm again above 19.5 °C");
});

test("the card config still overrides the thermometer and the threshold", () => {
  const hass = fakeHass();
  hass.states["sensor.hall_temperature"] = state("sensor.hall_temperature", "21.0", { unit_of_measurement: "°C" });
  const view = cardView(hass, { ...BY_DEVICE, temperature_entity: "sensor.hall_temperature", cold_threshold: 20 }, EVENING);
  assert.equal(view.room.temperature, "21.0 °C");
  assert.equal(view.room.threshold, "cold below 20 °C");
  // Without thresholds from anywhere, only the state and the temperature.
  const bare = fakeHass({
    overrides: { "binary_sensor.diane_cold_room": state("binary_sensor.diane_cold_room", "on") },
  });
  assert.equal(temperatureEntityId(bare, BY_DEVICE), null);
  assert.deepEqual(cardView(bare, BY_DEVICE, EVENING).room, { cold: true, label: "Cold", temperature: null, threshold: null });
});

// --- Time until bedtime, from the device -------------------------------------------

test("time until bedtime comes from the night_window sensor", () => {
  const hass = fakeHass();
  assert.equal(cardView(hass, BY_DEVICE, EVENING).bedtime.label, "Bedtime in 2 h 15 min");
  assert.equal(cardView(hass, BY_DEVICE, new Date("2026-11-25T22:00:30+00:00")).bedtime.label, "Bedtime in 30 min");
  assert.equal(cardView(hass, BY_DEVICE, new Date("2026-11-25T22:29:01+00:00")).bedtime.label, "Bedtime in 1 min");
  assert.match(renderCard(cardView(hass, BY_DEVICE, EVENING)), /Bedtime<\/span><span>Bedtime in 2 h 15 min</);

  const open = { ...NIGHT_ATTRIBUTES };
  const inWindow = bedtimeView(state("b", "on", open), undefined, NIGHT, hass);
  assert.deepEqual(inWindow, { open: true, minutes: null, label: "Night window open until 07:00 AM" });
  const clock24 = { ...hass, locale: { language: "en", time_zone: "server", time_format: "24" } };
  assert.equal(bedtimeView(state("b", "on", open), undefined, NIGHT, clock24).label, "Night window open until 07:00");
  const german = bedtimeView(state("b", "on", open), undefined, NIGHT, { ...hass, locale: { language: "de", time_zone: "server" } });
  assert.equal(german.label, "Nachtzeitraum bis 07:00");
  const newYork = { ...clock24, config: { time_zone: "America/New_York" } };
  assert.equal(bedtimeView(state("b", "on", open), undefined, NIGHT, newYork).label, "Night window open until 02:00");
  // The card config's bedtime still wins, in the browser's clock.
  const now = new Date(2026, 10, 25, 20, 15);
  assert.equal(bedtimeView(state("b", "off", NIGHT_ATTRIBUTES), "21:00", now, hass).label, "Bedtime in 45 min");
  // Without a bedtime from anywhere, or one already past: closed.
  assert.equal(bedtimeView(state("b", "off"), undefined, EVENING).label, "Night window closed");
  assert.equal(bedtimeView(state("b", "off", NIGHT_ATTRIBUTES), undefined, NIGHT).label, "Night window closed");
  assert.equal(bedtimeView(state("b", "off", { bedtime: "soon" }), undefined, NIGHT).label, "Night window closed");
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

let fakeDomRegistry = null;

async function loadWithFakeDom() {
  if (fakeDomRegistry) return fakeDomRegistry; // the module runs once
  const registry = new Map();
  fakeDomRegistry = registry;
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
  assert.equal(card.getCardSize(), 10, "8, and a row per two listed episodes");
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

test("the card follows the language, the room's thermometer and the clock", async () => {
  const registry = await loadWithFakeDom();
  const Card = registry.get("als-comfort-card");
  const hass = fakeHass({ level: "high" });
  const card = new Card();
  card.setConfig(BY_DEVICE);
  card.hass = hass;
  assert.match(card.shadowRoot.innerHTML, />Cramp risk</);

  // The user switches to German: same states, new locale.
  card.hass = { ...hass, locale: { language: "de" } };
  assert.match(card.shadowRoot.innerHTML, />Krampfrisiko</);
  assert.match(card.shadowRoot.innerHTML, /data-value="cramp"[^>]*>Krampf</);

  // The thermometer named by the cold_room sensor is watched like the person's entities.
  const warmer = { ...hass.states, "sensor.bedroom_temperature": state("sensor.bedroom_temperature", "18.9", { unit_of_measurement: "°C" }) };
  card.hass = { ...hass, locale: { language: "de" }, states: warmer };
  assert.match(card.shadowRoot.innerHTML, /18,9 °C/);

  // While on screen, the card refreshes once a minute (countdown, "… ago"), and stops after.
  const intervals = [];
  const realSet = globalThis.setInterval;
  const realClear = globalThis.clearInterval;
  globalThis.setInterval = (callback, ms) => intervals.push({ callback, ms, cleared: false }) - 1;
  globalThis.clearInterval = (id) => {
    intervals[id].cleared = true;
  };
  try {
    card.connectedCallback();
    card.connectedCallback();
    assert.equal(intervals.length, 1, "one timer, however often it is attached");
    assert.equal(intervals[0].ms, 60000);
    card.shadowRoot.innerHTML = "stale";
    intervals[0].callback();
    assert.match(card.shadowRoot.innerHTML, /Krampfrisiko/);
    card.disconnectedCallback();
    assert.equal(intervals[0].cleared, true);
  } finally {
    globalThis.setInterval = realSet;
    globalThis.clearInterval = realClear;
  }

  // The editor's label is translated too.
  const editor = Card.getConfigElement();
  editor.setConfig(BY_DEVICE);
  editor.hass = fakeHass({ language: "fr" });
  assert.equal(editor.children[0].label, "Personne");
  editor.hass = fakeHass({ language: "en" });
  assert.equal(editor.children[0].label, "Person");
  assert.equal(editor.children.length, 1);
});
