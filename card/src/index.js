/**
 * ALS Comfort dashboard card: `custom:als-comfort-card`. The entry point of the
 * one module the integration serves (built by card/build.mjs).
 *
 * Config: `{type: custom:als-comfort-card, device_id: <the person's device>}` or
 * `{entity_prefix: sensor.diane_}`; optional `title` (default: the person's name),
 * `config_entry_id`, and overrides of what the person's device already tells:
 * `temperature_entity`, `cold_threshold` (in the thermometer's unit), `bedtime`.
 */

import { AlsComfortCard, CARD_TYPE, EDITOR_TYPE } from "./card.js";
import { AlsComfortCardEditor } from "./editor.js";
import { defineElements } from "./registry.js";
import { text } from "./texts.js";

// Synchronously, at module evaluation: nothing may come before the dashboard asks.
defineElements([
  [CARD_TYPE, AlsComfortCard],
  [EDITOR_TYPE, AlsComfortCardEditor],
]).catch((error) => console.error("ALS Comfort card: could not define its elements", error));

// The card picker lists it (before any hass object: in the page's language).
window.customCards ??= [];
if (!window.customCards.some((card) => card.type === CARD_TYPE)) {
  window.customCards.push({
    type: CARD_TYPE,
    name: "ALS Comfort",
    description: text("card_description", { language: document.documentElement.lang }),
    preview: true,
    documentationURL: "https://github.com/als-comfort/als_comfort#dashboard-card",
  });
}
