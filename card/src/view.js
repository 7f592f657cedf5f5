/**
 * What the card shows, as plain data: pure functions of the entities' state
 * objects, the card config and the time. Rendering (card.js) only lays it out.
 */

import {
  configEntryId,
  entityIds,
  hasService,
  isUnavailable,
  logChoices,
  personName,
  temperatureEntityId,
} from "./entities.js";
import { alertView, stillnessView } from "./alert-view.js";
import { clockTime, durationText, formatNumber, formatWhen, relativeTime, text } from "./texts.js";

export const RISK_LEVELS = Object.freeze(["low", "elevated", "high"]);
/** The kinds the 24-hour count sensors cover: key → the count sensor's key. */
export const COUNTED = Object.freeze({ cramp: "cramps_24h", spasticity: "spasticity_24h", fasciculation: "fasciculations_24h" });
/** How many episodes the card lists (the sensor gives at most five). */
export const RECENT_LIMIT = 5;

/** The risk: its level, label and the reasons in plain words. */
export function riskView(stateObj, hass) {
  if (isUnavailable(stateObj) || !RISK_LEVELS.includes(stateObj.state)) {
    return { available: false, level: "unavailable", label: text("unavailable", hass), reasonsText: "" };
  }
  const level = stateObj.state;
  const reasons = Array.isArray(stateObj.attributes?.reasons) ? stateObj.attributes.reasons : [];
  const reasonTexts = reasons.map((reason) => text(`reason_${reason}`, hass));
  return {
    available: true,
    level,
    label: text(`risk_${level}`, hass),
    reasonsText: reasonTexts.length ? reasonTexts.join(", ") : text("no_reasons", hass),
  };
}

/** A sensor's state as shown: its own decimals, the user's decimal mark, its unit. */
function formatMeasurement(stateObj, hass) {
  const raw = String(stateObj.state);
  const unit = stateObj.attributes?.unit_of_measurement ?? "";
  const value = Number(raw);
  const shown =
    raw.trim() !== "" && Number.isFinite(value) ? formatNumber(value, hass, Math.min((raw.split(".")[1] ?? "").length, 1)) : raw;
  return `${shown} ${unit}`.trim();
}

/** A temperature converted between °C and °F; null for units it cannot convert. */
export function convertTemperature(value, from, to) {
  if (!from || !to || from === to) return value;
  if (from === "°C" && to === "°F") return (value * 9) / 5 + 32;
  if (from === "°F" && to === "°C") return ((value - 32) * 5) / 9;
  return null;
}

/** A threshold of the cold_room sensor, in the unit the room is shown in. */
function threshold(value, from, unit, hass) {
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  const converted = unit ? convertTemperature(value, from, unit) : null;
  const [shown, shownUnit] = converted === null ? [value, from ?? ""] : [converted, unit];
  return `${formatNumber(shown, hass)} ${shownUnit}`.trim();
}

/**
 * The room: the cold_room state, the temperature, and the threshold that matters
 * now (when cold: the temperature it is warm again above; else: cold below).
 * `override` is the card config's `cold_threshold`, in the temperature's unit.
 */
export function roomView(coldObj, temperatureObj, override, hass) {
  const view = { cold: null, label: text("unavailable", hass), temperature: null, threshold: null };
  if (!isUnavailable(coldObj)) {
    view.cold = coldObj.state === "on";
    view.label = text(view.cold ? "room_cold" : "room_warm", hass);
  }
  const unit = temperatureObj?.attributes?.unit_of_measurement ?? "";
  if (temperatureObj !== undefined) {
    view.temperature = isUnavailable(temperatureObj) ? text("unavailable", hass) : formatMeasurement(temperatureObj, hass);
  }
  if (override !== undefined && override !== null && override !== "") {
    const value = Number(override);
    const shown = Number.isFinite(value) ? formatNumber(value, hass) : String(override);
    view.threshold = text("cold_below", hass, { value: `${shown} ${unit}`.trim() });
    return view;
  }
  const attributes = coldObj?.attributes ?? {};
  const below = threshold(attributes.threshold, attributes.temperature_unit, unit, hass);
  const above = threshold(attributes.clears_above, attributes.temperature_unit, unit, hass);
  if (view.cold && above) view.threshold = text("warm_above", hass, { value: above });
  else if (below) view.threshold = text("cold_below", hass, { value: below });
  return view;
}

/** The exertion gauge: percent of the limit, clamped to 0–100 for the bar. */
export function exertionView(stateObj, hass) {
  const value = isUnavailable(stateObj) ? NaN : Number(stateObj.state);
  if (!Number.isFinite(value)) return { available: false, bar: 0, label: text("unavailable", hass), over: false };
  return {
    available: true,
    bar: Math.round(Math.max(0, Math.min(100, value))),
    label: text("of_limit", hass, { percent: formatNumber(Math.round(value), hass, 0) }),
    over: value > 100,
  };
}

/** Minutes from `now` until the next `bedtime` ("HH:MM"), or null. */
export function minutesUntil(bedtime, now) {
  const match = /^(\d{1,2}):(\d{2})/.exec(String(bedtime ?? ""));
  if (!match) return null;
  const target = Number(match[1]) * 60 + Number(match[2]);
  return (target - (now.getHours() * 60 + now.getMinutes()) + 24 * 60) % (24 * 60);
}

/** Minutes from `now` until an ISO instant (rounded up), or null. */
export function minutesUntilInstant(iso, now) {
  const at = Date.parse(iso ?? "");
  return Number.isFinite(at) ? Math.ceil((at - now.getTime()) / 60000) : null;
}

/**
 * The bedtime line: the night window open (until when), or the time left until
 * bedtime: the card config's `bedtime` ("22:30") if set, else the night_window
 * sensor's `bedtime` attribute (the current or next window's).
 */
export function bedtimeView(nightObj, bedtime, now, hass) {
  if (isUnavailable(nightObj)) return { open: null, label: text("unavailable", hass) };
  if (nightObj.state === "on") {
    const until = clockTime(nightObj.attributes?.closes, hass);
    return { open: true, label: until ? text("night_open_until", hass, { time: until }) : text("night_open", hass) };
  }
  const minutes = bedtime ? minutesUntil(bedtime, now) : minutesUntilInstant(nightObj.attributes?.bedtime, now);
  if (minutes === null || minutes <= 0) return { open: false, label: text("night_closed", hass) };
  return { open: false, label: text("bedtime_in", hass, { time: durationText(minutes, hass) }) };
}

/** What and where, in plain words: "Cramp, Calf". */
export function episodeWhat(kind, area, hass) {
  return [kind && text(`kind_${kind}`, hass), area && text(`area_${area}`, hass)].filter(Boolean).join(", ");
}

/**
 * The last episodes, newest first, from the last_episode sensor's
 * `recent_episodes`. `message` replaces the list when there is none to show.
 */
export function recentEpisodesView(lastObj, now, hass) {
  if (!lastObj || lastObj.state === "unavailable") return { items: [], message: text("unavailable", hass) };
  if (lastObj.state === "unknown") return { items: [], message: text("none_logged", hass) };
  const attributes = lastObj.attributes ?? {};
  const episodes = Array.isArray(attributes.recent_episodes)
    ? attributes.recent_episodes
    : [{ when: lastObj.state, kind: attributes.kind, body_area: attributes.body_area }];
  const items = episodes
    .filter((episode) => episode && typeof episode === "object")
    .slice(0, RECENT_LIMIT)
    .map((episode) => ({
      what: episodeWhat(episode.kind, episode.body_area, hass),
      when: String(episode.when ?? ""),
      ago: relativeTime(episode.when, now, hass),
      at: formatWhen(episode.when, hass),
    }));
  return { items, message: items.length ? null : text("none_logged", hass) };
}

/** The 24-hour counts, one text per kind: "Cramps: 2". */
export function countsView(states, ids, hass) {
  return Object.entries(COUNTED).map(([kind, key]) => {
    const obj = ids[key] ? states[ids[key]] : undefined;
    return `${text(`count_${kind}`, hass)}: ${isUnavailable(obj) ? text("unavailable", hass) : obj.state}`;
  });
}

/** Everything the card shows, from `hass`, the config and the time. */
export function cardView(hass, config, now = new Date()) {
  const ids = entityIds(hass, config);
  const states = hass?.states ?? {};
  const get = (key) => (ids[key] ? states[ids[key]] : undefined);
  const temperatureId = temperatureEntityId(hass, config, ids);
  const entryId = configEntryId(hass, config);
  const can = (service) => Boolean(entryId && hasService(hass, service));
  return {
    title: config?.title || personName(hass, config) || text("title", hass),
    loading: !hass?.states || (Boolean(config?.device_id) && hass.entities === undefined),
    found: Boolean(ids.cramp_risk),
    entryId,
    admin: Boolean(hass?.user?.is_admin),
    risk: riskView(get("cramp_risk"), hass),
    room: roomView(get("cold_room"), temperatureId ? (states[temperatureId] ?? null) : undefined, config?.cold_threshold, hass),
    exertion: exertionView(get("exertion_load"), hass),
    bedtime: bedtimeView(get("night_window"), config?.bedtime, now, hass),
    recent: recentEpisodesView(get("last_episode"), now, hass),
    counts: countsView(states, ids, hass),
    choices: logChoices(hass, get("last_episode")),
    alert: alertView(get("comfort_alert"), hass, now, ids.acknowledge_alert ?? null),
    stillness: stillnessView(get("long_stillness"), hass, now),
    canHelp: can("call_for_help"),
    canReposition: can("log_repositioned"),
  };
}
