/**
 * The card's words and formats, in the Home Assistant user's language
 * (`hass.locale.language`, else `hass.language`): English, German, French,
 * Spanish or Dutch. For another language the integration's own translations are
 * used where the frontend has them, then English.
 */

import de from "./i18n/de.js";
import en from "./i18n/en.js";
import es from "./i18n/es.js";
import fr from "./i18n/fr.js";
import nl from "./i18n/nl.js";

export const DOMAIN = "als_comfort";

/** The card's texts, by language; every language has exactly the English keys. */
export const TEXTS = Object.freeze({ en, de, fr, es, nl });

/** The languages the card speaks; English is the fallback. */
export const LANGUAGES = Object.freeze(Object.keys(TEXTS));

const ENTITY = `component.${DOMAIN}.entity`;

/** Where the integration's translations keep the words the card shares with it. */
function localizeKey(key) {
  const [group, ...rest] = key.split("_");
  const value = rest.join("_");
  switch (group) {
    case "risk":
      return value ? `${ENTITY}.sensor.cramp_risk.state.${value}` : null;
    case "reason":
      return `${ENTITY}.sensor.cramp_risk.state_attributes.reasons.state.${value}`;
    case "kind":
      return `${ENTITY}.sensor.last_episode.state_attributes.kind.state.${value}`;
    case "area":
      return `${ENTITY}.sensor.last_episode.state_attributes.body_area.state.${value}`;
    default:
      return null;
  }
}

function languageTag(hass) {
  const tag = hass?.locale?.language || hass?.language;
  return tag ? String(tag) : null;
}

/** The card's language for `hass` ("de" for "de-CH"), or null if it has none. */
export function cardLanguage(hass) {
  const tag = languageTag(hass);
  if (!tag) return null;
  const base = tag.toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.includes(base) ? base : null;
}

/** The locale for numbers, times and relative times: the user's, if the card speaks it. */
function intlLocale(hass) {
  return cardLanguage(hass) ? languageTag(hass) : "en";
}

/**
 * A text in the user's language, `{name}` filled from `values`.
 *
 * A language the card speaks uses its own words; for any other language, the
 * integration's translations win where the frontend has them; then English;
 * then the key itself (for a body area or reason the card has no words for yet).
 */
export function text(key, hass, values) {
  const language = cardLanguage(hass);
  let found = language ? TEXTS[language][key] : undefined;
  if (found === undefined && typeof hass?.localize === "function") {
    const where = localizeKey(key);
    if (where) found = hass.localize(where) || undefined;
  }
  found ??= TEXTS.en[key] ?? humanize(key.split("_").slice(1).join("_") || key);
  if (!values) return found;
  return found.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}

/** A key in plain words, as a last resort: "heater_stuck_on" → "Heater stuck on". */
export function humanize(key) {
  const words = String(key).replaceAll("_", " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** How the user shows times: the server's time zone if they chose it, 12 or 24 hours. */
function timeOptions(hass) {
  const options = {};
  if (hass?.locale?.time_zone === "server" && hass?.config?.time_zone) options.timeZone = hass.config.time_zone;
  if (hass?.locale?.time_format === "12") options.hour12 = true;
  if (hass?.locale?.time_format === "24") options.hourCycle = "h23";
  return options;
}

/** A number in the user's locale, with `decimals` decimals (0–1 when not given). */
export function formatNumber(value, hass, decimals) {
  const options =
    decimals === undefined
      ? { maximumFractionDigits: 1, useGrouping: false }
      : { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: false };
  try {
    return new Intl.NumberFormat(intlLocale(hass), options).format(value);
  } catch {
    return String(value);
  }
}

/** A time of day in the user's locale and time zone ("07:00"), or null. */
export function clockTime(iso, hass) {
  const date = new Date(iso ?? "");
  if (Number.isNaN(date.getTime())) return null;
  try {
    return date.toLocaleTimeString(intlLocale(hass), { hour: "2-digit", minute: "2-digit", ...timeOptions(hass) });
  } catch {
    return date.toISOString().slice(11, 16);
  }
}

/** A date and time in the user's locale and time zone. */
export function formatWhen(iso, hass) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  try {
    return date.toLocaleString(intlLocale(hass), { dateStyle: "short", timeStyle: "short", ...timeOptions(hass) });
  } catch {
    return date.toISOString();
  }
}

/** A duration in minutes, in words: "2 h 15 min" or "30 min". */
export function durationText(minutes, hass) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours ? text("hours_minutes", hass, { hours, minutes: rest }) : text("minutes", hass, { minutes: rest });
}

/** How long ago (or until) an instant, in the user's words: "2 hours ago". */
export function relativeTime(iso, now, hass) {
  const date = new Date(iso ?? "");
  if (Number.isNaN(date.getTime())) return String(iso);
  const seconds = (date.getTime() - (now ?? new Date()).getTime()) / 1000;
  const size = Math.abs(seconds);
  // Rounded half away from zero, the same into the past and the future.
  const whole = (per) => Math.sign(seconds) * Math.round(size / per);
  const [value, unit] =
    size < 60
      ? [0, "second"]
      : size < 3600
        ? [whole(60), "minute"]
        : size < 86400
          ? [whole(3600), "hour"]
          : [whole(86400), "day"];
  try {
    return new Intl.RelativeTimeFormat(intlLocale(hass), { numeric: "auto" }).format(value, unit);
  } catch {
    return formatWhen(iso, hass);
  }
}
