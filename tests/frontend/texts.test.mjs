// The card's words: five languages in step with each other and with the integration.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { AREAS, KINDS } from "./fixtures.mjs";
import { LANGUAGES, TEXTS, cardLanguage, text } from "../../card/src/texts.js";

const TRANSLATIONS = new URL("../../custom_components/als_comfort/translations/", import.meta.url);
const placeholders = (value) => [...value.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

test("every language has exactly the English keys, none empty, the same placeholders", () => {
  assert.deepEqual(LANGUAGES, ["en", "de", "fr", "es", "nl"]);
  for (const language of LANGUAGES) {
    assert.deepEqual(Object.keys(TEXTS[language]).sort(), Object.keys(TEXTS.en).sort(), language);
    for (const [key, value] of Object.entries(TEXTS[language])) {
      assert.ok(value.trim(), `${language}.${key} is empty`);
      assert.deepEqual(placeholders(value), placeholders(TEXTS.en[key]), `${language}.${key}`);
      if (language !== "en" && !["title", "editor_person", "minutes", "hours_minutes"].includes(key) && !/^(area|kind|count)_/.test(key)) {
        assert.notEqual(value, TEXTS.en[key], `${language}.${key} is still English`);
      }
    }
  }
});

test("'Change type' is never the body area 'Back', in any language", () => {
  for (const language of LANGUAGES) assert.notEqual(TEXTS[language].change_type, TEXTS[language].area_back, language);
  assert.equal(TEXTS.en.change_type, "Change type");
});

/** The integration's word for a card key, where its translations have one. */
function integrationWords(file) {
  const { entity } = JSON.parse(readFileSync(file, "utf-8"));
  const sensor = entity.sensor;
  const words = { risk: sensor.cramp_risk.name, acknowledge: entity.button.acknowledge_alert.name };
  for (const [level, word] of Object.entries(sensor.cramp_risk.state)) words[`risk_${level}`] = word;
  const reasonGroups = [sensor.cramp_risk.state_attributes?.reasons?.state, entity.event?.comfort_alert?.state_attributes?.reasons?.state];
  for (const group of reasonGroups) for (const [key, word] of Object.entries(group ?? {})) words[`reason_${key}`] = word;
  for (const [key, word] of Object.entries(sensor.last_episode.state_attributes.kind.state)) words[`kind_${key}`] = word;
  for (const [key, word] of Object.entries(sensor.last_episode.state_attributes.body_area.state)) words[`area_${key}`] = word;
  if (entity.button.call_for_help) words.help = entity.button.call_for_help.name;
  return words;
}

test("the card uses the integration's own words where both have them (levels, reasons, kinds, areas, buttons)", () => {
  let compared = 0;
  for (const language of LANGUAGES) {
    const file = new URL(`${language}.json`, TRANSLATIONS);
    assert.ok(existsSync(file), `translations/${language}.json`);
    const backend = integrationWords(file);
    const shared = Object.keys(backend).filter((key) => key in TEXTS.en);
    const card = Object.fromEntries(shared.map((key) => [key, TEXTS[language][key].replaceAll("\u00ad", "")]));
    assert.deepEqual(card, Object.fromEntries(shared.map((key) => [key, backend[key]])), language);
    // Every kind and body area of the integration has the card's words too.
    for (const key of [...KINDS.map((k) => `kind_${k}`), ...AREAS.map((a) => `area_${a}`)]) assert.ok(key in backend, key);
    compared += shared.length;
  }
  assert.ok(compared >= 5 * 25, `only ${compared} words compared`);
});

test("the language comes from hass.locale, then hass.language; other languages use the integration's words, then English", () => {
  assert.equal(cardLanguage({ locale: { language: "fr-CA" }, language: "en" }), "fr");
  assert.equal(cardLanguage({ language: "es" }), "es");
  assert.equal(cardLanguage({ locale: {}, language: "pt_BR" }), null);
  assert.equal(text("risk_high", { locale: { language: "de" } }), "Hoch");
  const portuguese = { locale: { language: "pt" }, localize: (key) => (key.endsWith("cramp_risk.state.high") ? "Alto (pt)" : "") };
  assert.equal(text("risk_high", portuguese), "Alto (pt)");
  assert.equal(text("risk_low", portuguese), "Low");
  assert.equal(text("area_shin", undefined), "Shin", "a body area the card has no words for yet");
  assert.equal(text("logged", { language: "nl" }, { what: "Kramp, Kuit" }), "Vastgelegd: Kramp, Kuit");
});
