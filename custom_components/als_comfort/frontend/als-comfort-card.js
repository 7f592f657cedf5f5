/**
 * ALS Comfort dashboard card: `custom:als-comfort-card`.
 *
 * A single dependency-free ES module, served and loaded by the integration itself.
 * The view logic is made of pure functions (exported, tested with `node --test`);
 * the custom elements are defined only where `customElements` exists (a browser).
 *
 * Config: `{type: custom:als-comfort-card, device_id: <the person's device>}` or
 * `{entity_prefix: sensor.diane_}`; optional `config_entry_id`, `title`, and
 * overrides of what the person's device already tells: `temperature_entity`,
 * `cold_threshold` (in the temperature entity's unit), `bedtime` ("22:30").
 *
 * Texts are in the language of the Home Assistant user (`hass.locale.language`,
 * else `hass.language`): English, German, French, Spanish or Dutch; for another
 * language the integration's own translations where the frontend has them, else
 * English.
 */

export const DOMAIN = "als_comfort";
export const CARD_TYPE = "als-comfort-card";
export const EDITOR_TYPE = "als-comfort-card-editor";

/** The person's entities: key → platform. */
export const ENTITY_KEYS = Object.freeze({
  cramp_risk: "sensor",
  cramp_risk_score: "sensor",
  exertion_load: "sensor",
  last_episode: "sensor",
  cramps_24h: "sensor",
  spasticity_24h: "sensor",
  fasciculations_24h: "sensor",
  cold_room: "binary_sensor",
  overexertion: "binary_sensor",
  cramp_cluster: "binary_sensor",
  night_window: "binary_sensor",
  comfort_actions: "switch",
  caregiver_alerts: "switch",
  log_cramp: "button",
  log_spasticity: "button",
  log_fasciculation: "button",
  acknowledge_alert: "button",
  comfort_alert: "event",
});

export const RISK_LEVELS = Object.freeze(["low", "elevated", "high"]);
export const REASONS = Object.freeze([
  "cold_room",
  "cold_night",
  "overexertion",
  "cramp_cluster",
  "frequent_cramps",
  "sensor_unavailable",
]);
export const KINDS = Object.freeze(["cramp", "spasticity", "fasciculation"]);
export const BODY_AREAS = Object.freeze([
  "foot",
  "calf",
  "thigh",
  "hand",
  "arm",
  "abdomen",
  "chest",
  "back",
  "neck",
  "jaw",
  "unspecified",
]);
/** Comfort alert event types that leave an alert open. */
export const OPEN_ALERT_TYPES = Object.freeze(["alert_sent", "escalated"]);
/** How many episodes the card lists (the sensor gives at most five). */
export const RECENT_LIMIT = 5;
/** How often the card refreshes its clock-driven texts (countdown, "2 min ago"). */
export const TICK_MS = 60 * 1000;

const UNAVAILABLE_STATES = new Set(["unavailable", "unknown", "", null, undefined]);

/**
 * The card's texts, by language. Every language has exactly the English keys
 * (a test checks it). `{name}` marks a value filled in by `text()`.
 */
export const TEXTS = Object.freeze({
  en: Object.freeze({
    title: "ALS Comfort",
    card_description: "Cramp risk and reasons, room, exertion, bedtime, last episodes and large log buttons.",
    risk: "Cramp risk",
    risk_low: "Low",
    risk_elevated: "Elevated",
    risk_high: "High",
    reason_cold_room: "Cold room",
    reason_cold_night: "Cool night in bed",
    reason_overexertion: "Overdone exercise",
    reason_cramp_cluster: "Recent cramp",
    reason_frequent_cramps: "Frequent cramps",
    reason_sensor_unavailable: "Room temperature unknown",
    no_reasons: "Nothing cramp-prone right now",
    unavailable: "unavailable",
    not_found: "No ALS Comfort person found: set device_id or entity_prefix.",
    room: "Room",
    room_cold: "Cold",
    room_warm: "Warm enough",
    cold_below: "cold below {value}",
    warm_above: "warm again above {value}",
    exertion: "Exertion",
    of_limit: "{percent} % of the limit",
    bedtime: "Bedtime",
    night_open: "Night window open",
    night_open_until: "Night window open until {time}",
    night_closed: "Night window closed",
    bedtime_in: "Bedtime in {time}",
    hours_minutes: "{hours} h {minutes} min",
    minutes: "{minutes} min",
    last_episodes: "Last episodes",
    none_logged: "None logged",
    last_24h: "Last 24 h",
    log: "Log an episode",
    pick_kind: "What is it?",
    pick_area: "Where?",
    back: "Back",
    logged: "Logged",
    log_failed: "Could not log",
    acknowledge: "Acknowledge alert",
    acknowledged: "Alert acknowledged",
    kind_cramp: "Cramp",
    kind_spasticity: "Spasticity",
    kind_fasciculation: "Fasciculation",
    count_cramp: "Cramps",
    count_spasticity: "Spasticity",
    count_fasciculation: "Fasciculations",
    area_foot: "Foot",
    area_calf: "Calf",
    area_thigh: "Thigh",
    area_hand: "Hand",
    area_arm: "Arm",
    area_abdomen: "Abdomen",
    area_chest: "Chest",
    area_back: "Back",
    area_neck: "Neck",
    area_jaw: "Jaw",
    area_unspecified: "Unspecified",
    editor_person: "Person",
  }),
  de: Object.freeze({
    title: "ALS Comfort",
    card_description: "Krampfrisiko und Gründe, Zimmer, Belastung, Schlafenszeit, letzte Episoden und große Knöpfe zum Erfassen.",
    risk: "Krampfrisiko",
    risk_low: "Niedrig",
    risk_elevated: "Erhöht",
    risk_high: "Hoch",
    reason_cold_room: "Kaltes Zimmer",
    reason_cold_night: "Kühle Nacht im Bett",
    reason_overexertion: "Überanstrengung",
    reason_cramp_cluster: "Krampf vor Kurzem",
    reason_frequent_cramps: "Häufige Krämpfe",
    reason_sensor_unavailable: "Raumtemperatur unbekannt",
    no_reasons: "Gerade nichts, was Krämpfe begünstigt",
    unavailable: "nicht verfügbar",
    not_found: "Keine Person in ALS Comfort gefunden: device_id oder entity_prefix angeben.",
    room: "Zimmer",
    room_cold: "Kalt",
    room_warm: "Warm genug",
    cold_below: "kalt unter {value}",
    warm_above: "wieder warm über {value}",
    exertion: "Belastung",
    of_limit: "{percent} % des Grenzwerts",
    bedtime: "Schlafenszeit",
    night_open: "Nachtzeitraum läuft",
    night_open_until: "Nachtzeitraum bis {time}",
    night_closed: "Außerhalb des Nachtzeitraums",
    bedtime_in: "Schlafenszeit in {time}",
    hours_minutes: "{hours} Std. {minutes} Min.",
    minutes: "{minutes} Min.",
    last_episodes: "Letzte Episoden",
    none_logged: "Noch nichts erfasst",
    last_24h: "Letzte 24 Std.",
    log: "Episode erfassen",
    pick_kind: "Was ist es?",
    pick_area: "Wo?",
    back: "Zurück",
    logged: "Erfasst",
    log_failed: "Erfassen fehlgeschlagen",
    acknowledge: "Alarm bestätigen",
    acknowledged: "Alarm bestätigt",
    kind_cramp: "Krampf",
    kind_spasticity: "Spastik",
    kind_fasciculation: "Faszikulation",
    count_cramp: "Krämpfe",
    count_spasticity: "Spastik",
    count_fasciculation: "Faszikulationen",
    area_foot: "Fuß",
    area_calf: "Wade",
    area_thigh: "Ober\u00adschenkel", // a soft hyphen: it fits a button when it must break
    area_hand: "Hand",
    area_arm: "Arm",
    area_abdomen: "Bauch",
    area_chest: "Brust",
    area_back: "Rücken",
    area_neck: "Nacken",
    area_jaw: "Kiefer",
    area_unspecified: "Nicht angegeben",
    editor_person: "Person",
  }),
  fr: Object.freeze({
    title: "ALS Comfort",
    card_description: "Risque de crampe et raisons, pièce, effort, coucher, derniers épisodes et grands boutons pour noter.",
    risk: "Risque de crampe",
    risk_low: "Faible",
    risk_elevated: "Accru",
    risk_high: "Élevé",
    reason_cold_room: "Pièce froide",
    reason_cold_night: "Nuit fraîche au lit",
    reason_overexertion: "Effort excessif",
    reason_cramp_cluster: "Crampe récente",
    reason_frequent_cramps: "Crampes fréquentes",
    reason_sensor_unavailable: "Température de la pièce inconnue",
    no_reasons: "Rien ne favorise les crampes en ce moment",
    unavailable: "indisponible",
    not_found: "Aucune personne ALS Comfort trouvée\u00a0: indiquez device_id ou entity_prefix.",
    room: "Pièce",
    room_cold: "Froide",
    room_warm: "Assez chaude",
    cold_below: "froide sous {value}",
    warm_above: "de nouveau chaude au-dessus de {value}",
    exertion: "Effort",
    of_limit: "{percent} % de la limite",
    bedtime: "Coucher",
    night_open: "Période de nuit en cours",
    night_open_until: "Période de nuit jusqu’à {time}",
    night_closed: "Hors période de nuit",
    bedtime_in: "Coucher dans {time}",
    hours_minutes: "{hours} h {minutes} min",
    minutes: "{minutes} min",
    last_episodes: "Derniers épisodes",
    none_logged: "Aucun épisode noté",
    last_24h: "Dernières 24 h",
    log: "Noter un épisode",
    pick_kind: "De quoi s’agit-il\u00a0?",
    pick_area: "Où\u00a0?",
    back: "Retour",
    logged: "Noté",
    log_failed: "Impossible de noter",
    acknowledge: "Accuser réception de l'alerte",
    acknowledged: "Alerte prise en compte",
    kind_cramp: "Crampe",
    kind_spasticity: "Spasticité",
    kind_fasciculation: "Fasciculation",
    count_cramp: "Crampes",
    count_spasticity: "Spasticité",
    count_fasciculation: "Fasciculations",
    area_foot: "Pied",
    area_calf: "Mollet",
    area_thigh: "Cuisse",
    area_hand: "Main",
    area_arm: "Bras",
    area_abdomen: "Abdomen",
    area_chest: "Poitrine",
    area_back: "Dos",
    area_neck: "Cou",
    area_jaw: "Mâchoire",
    area_unspecified: "Non précisé",
    editor_person: "Personne",
  }),
  es: Object.freeze({
    title: "ALS Comfort",
    card_description: "Riesgo de calambres y motivos, habitación, esfuerzo, hora de dormir, últimos episodios y botones grandes para registrar.",
    risk: "Riesgo de calambres",
    risk_low: "Bajo",
    risk_elevated: "Aumentado",
    risk_high: "Alto",
    reason_cold_room: "Habitación fría",
    reason_cold_night: "Noche fresca en la cama",
    reason_overexertion: "Exceso de ejercicio",
    reason_cramp_cluster: "Calambre reciente",
    reason_frequent_cramps: "Calambres frecuentes",
    reason_sensor_unavailable: "Temperatura de la habitación desconocida",
    no_reasons: "Ahora nada favorece los calambres",
    unavailable: "no disponible",
    not_found: "No se encontró ninguna persona de ALS Comfort: indique device_id o entity_prefix.",
    room: "Habitación",
    room_cold: "Fría",
    room_warm: "Bastante cálida",
    cold_below: "fría por debajo de {value}",
    warm_above: "cálida de nuevo por encima de {value}",
    exertion: "Esfuerzo",
    of_limit: "{percent} % del límite",
    bedtime: "Hora de dormir",
    night_open: "Periodo nocturno activo",
    night_open_until: "Periodo nocturno hasta las {time}",
    night_closed: "Fuera del periodo nocturno",
    bedtime_in: "Hora de dormir en {time}",
    hours_minutes: "{hours} h {minutes} min",
    minutes: "{minutes} min",
    last_episodes: "Últimos episodios",
    none_logged: "Ninguno registrado",
    last_24h: "Últimas 24 h",
    log: "Registrar un episodio",
    pick_kind: "¿Qué es?",
    pick_area: "¿Dónde?",
    back: "Atrás",
    logged: "Registrado",
    log_failed: "No se pudo registrar",
    acknowledge: "Confirmar alerta",
    acknowledged: "Alerta confirmada",
    kind_cramp: "Calambre",
    kind_spasticity: "Espasticidad",
    kind_fasciculation: "Fasciculación",
    count_cramp: "Calambres",
    count_spasticity: "Espasticidad",
    count_fasciculation: "Fasciculaciones",
    area_foot: "Pie",
    area_calf: "Pantorrilla",
    area_thigh: "Muslo",
    area_hand: "Mano",
    area_arm: "Brazo",
    area_abdomen: "Abdomen",
    area_chest: "Pecho",
    area_back: "Espalda",
    area_neck: "Cuello",
    area_jaw: "Mandíbula",
    area_unspecified: "Sin especificar",
    editor_person: "Persona",
  }),
  nl: Object.freeze({
    title: "ALS Comfort",
    card_description: "Risico op kramp en redenen, kamer, inspanning, bedtijd, laatste episodes en grote knoppen om vast te leggen.",
    risk: "Risico op kramp",
    risk_low: "Laag",
    risk_elevated: "Verhoogd",
    risk_high: "Hoog",
    reason_cold_room: "Koude kamer",
    reason_cold_night: "Koele nacht in bed",
    reason_overexertion: "Te veel inspanning",
    reason_cramp_cluster: "Recente kramp",
    reason_frequent_cramps: "Frequente krampen",
    reason_sensor_unavailable: "Kamertemperatuur onbekend",
    no_reasons: "Nu niets dat kramp uitlokt",
    unavailable: "niet beschikbaar",
    not_found: "Geen ALS Comfort-persoon gevonden: stel device_id of entity_prefix in.",
    room: "Kamer",
    room_cold: "Koud",
    room_warm: "Warm genoeg",
    cold_below: "koud onder {value}",
    warm_above: "weer warm boven {value}",
    exertion: "Inspanning",
    of_limit: "{percent} % van de grens",
    bedtime: "Bedtijd",
    night_open: "Nachtperiode bezig",
    night_open_until: "Nachtperiode tot {time}",
    night_closed: "Buiten de nachtperiode",
    bedtime_in: "Bedtijd over {time}",
    hours_minutes: "{hours} u {minutes} min",
    minutes: "{minutes} min",
    last_episodes: "Laatste episodes",
    none_logged: "Nog niets vastgelegd",
    last_24h: "Laatste 24 u",
    log: "Episode vastleggen",
    pick_kind: "Wat is het?",
    pick_area: "Waar?",
    back: "Terug",
    logged: "Vastgelegd",
    log_failed: "Vastleggen mislukt",
    acknowledge: "Alarm bevestigen",
    acknowledged: "Alarm bevestigd",
    kind_cramp: "Kramp",
    kind_spasticity: "Spasticiteit",
    kind_fasciculation: "Fasciculatie",
    count_cramp: "Krampen",
    count_spasticity: "Spasticiteit",
    count_fasciculation: "Fasciculaties",
    area_foot: "Voet",
    area_calf: "Kuit",
    area_thigh: "Dij",
    area_hand: "Hand",
    area_arm: "Arm",
    area_abdomen: "Buik",
    area_chest: "Borst",
    area_back: "Rug",
    area_neck: "Nek",
    area_jaw: "Kaak",
    area_unspecified: "Niet opgegeven",
    editor_person: "Persoon",
  }),
});

/** The languages the card speaks; English is the fallback. */
export const LANGUAGES = Object.freeze(Object.keys(TEXTS));

/** English texts (kept for callers of earlier versions). */
export const TEXT = TEXTS.en;

const TRANSLATION = `component.${DOMAIN}.entity`;
const LOCALIZE_KEYS = {
  risk_low: `${TRANSLATION}.sensor.cramp_risk.state.low`,
  risk_elevated: `${TRANSLATION}.sensor.cramp_risk.state.elevated`,
  risk_high: `${TRANSLATION}.sensor.cramp_risk.state.high`,
  ...Object.fromEntries(
    REASONS.map((reason) => [
      `reason_${reason}`,
      `${TRANSLATION}.sensor.cramp_risk.state_attributes.reasons.state.${reason}`,
    ]),
  ),
  ...Object.fromEntries(
    KINDS.map((kind) => [
      `kind_${kind}`,
      `${TRANSLATION}.sensor.last_episode.state_attributes.kind.state.${kind}`,
    ]),
  ),
  ...Object.fromEntries(
    BODY_AREAS.map((area) => [
      `area_${area}`,
      `${TRANSLATION}.sensor.last_episode.state_attributes.body_area.state.${area}`,
    ]),
  ),
};

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

/** How the user shows times: the server's time zone if they chose it, 12 or 24 hours. */
function timeOptions(hass) {
  const options = {};
  if (hass?.locale?.time_zone === "server" && hass?.config?.time_zone) options.timeZone = hass.config.time_zone;
  if (hass?.locale?.time_format === "12") options.hour12 = true;
  if (hass?.locale?.time_format === "24") options.hourCycle = "h23";
  return options;
}

/**
 * A text in the user's language, `{name}` filled from `values`.
 *
 * A language the card speaks uses its own words; for any other language, the
 * integration's translations win where the frontend has them; then English.
 */
export function text(key, hass, values) {
  const language = cardLanguage(hass);
  let found = language ? TEXTS[language][key] : undefined;
  if (found === undefined) {
    const localizeKey = LOCALIZE_KEYS[key];
    if (localizeKey && hass && typeof hass.localize === "function") {
      found = hass.localize(localizeKey) || undefined;
    }
  }
  found ??= TEXTS.en[key] ?? key;
  if (!values) return found;
  return found.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}

/** Escape text for HTML content and attribute values. */
export function escapeHtml(value) {
  return String(value)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Whether a state object is missing, unavailable or unknown. */
export function isUnavailable(stateObj) {
  return !stateObj || UNAVAILABLE_STATES.has(stateObj.state);
}

/** The person's prefix ("diane_") from `sensor.diane_` or `diane_` or `diane`. */
export function personPrefix(entityPrefix) {
  if (!entityPrefix) return null;
  let prefix = String(entityPrefix).trim();
  const dot = prefix.indexOf(".");
  if (dot >= 0) prefix = prefix.slice(dot + 1);
  if (!prefix) return null;
  return prefix.endsWith("_") ? prefix : `${prefix}_`;
}

/**
 * The person's entity ids, key → entity_id.
 *
 * With `device_id`, from the frontend's entity registry (`hass.entities`): by the
 * entity's translation key, else by the `<platform>.<person>_<key>` suffix. With
 * `entity_prefix` (or for keys the device did not give), by the naming pattern.
 */
export function entityIds(hass, config) {
  const ids = {};
  const deviceId = config?.device_id;
  const registry = hass?.entities ? Object.values(hass.entities) : [];
  if (deviceId) {
    const ofDevice = registry.filter((entry) => entry && entry.device_id === deviceId);
    for (const [key, platform] of Object.entries(ENTITY_KEYS)) {
      const byKey = ofDevice.find(
        (entry) =>
          entry.translation_key === key &&
          (entry.platform === undefined || entry.platform === DOMAIN) &&
          entry.entity_id.startsWith(`${platform}.`),
      );
      const bySuffix = ofDevice.find(
        (entry) => entry.entity_id.startsWith(`${platform}.`) && entry.entity_id.endsWith(`_${key}`),
      );
      const found = byKey ?? bySuffix;
      if (found) ids[key] = found.entity_id;
    }
  }
  const prefix = personPrefix(config?.entity_prefix);
  if (prefix) {
    for (const [key, platform] of Object.entries(ENTITY_KEYS)) {
      ids[key] ??= `${platform}.${prefix}${key}`;
    }
  }
  return ids;
}

/** The person's config entry: from the card config, else from the device. */
export function configEntryId(hass, config) {
  if (config?.config_entry_id) return config.config_entry_id;
  const device = config?.device_id ? hass?.devices?.[config.device_id] : undefined;
  if (!device) return null;
  return device.primary_config_entry ?? device.config_entries?.[0] ?? null;
}

/** The risk view model of the `cramp_risk` sensor's state object. */
export function riskView(stateObj, hass) {
  if (isUnavailable(stateObj) || !RISK_LEVELS.includes(stateObj.state)) {
    return {
      available: false,
      level: null,
      label: text("unavailable", hass),
      color: "var(--disabled-text-color, #888)",
      score: null,
      reasons: [],
      reasonsText: "",
    };
  }
  const level = stateObj.state;
  const reasons = Array.isArray(stateObj.attributes?.reasons) ? stateObj.attributes.reasons : [];
  const reasonTexts = reasons.map((reason) => reasonText(reason, hass));
  return {
    available: true,
    level,
    label: text(`risk_${level}`, hass),
    color: {
      low: "var(--success-color, #43a047)",
      elevated: "var(--warning-color, #ffa600)",
      high: "var(--error-color, #db4437)",
    }[level],
    score: typeof stateObj.attributes?.score === "number" ? stateObj.attributes.score : null,
    reasons: reasonTexts,
    reasonsText: reasonTexts.length ? reasonTexts.join(", ") : text("no_reasons", hass),
  };
}

/** One reason key in plain words. */
export function reasonText(reason, hass) {
  return REASONS.includes(reason) ? text(`reason_${reason}`, hass) : String(reason).replaceAll("_", " ");
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

/** A sensor's state as shown: its own decimals, the user's decimal mark, its unit. */
function formatMeasurement(stateObj, hass) {
  const raw = String(stateObj.state);
  const unit = stateObj.attributes?.unit_of_measurement ?? "";
  const value = Number(raw);
  const shown = raw.trim() !== "" && Number.isFinite(value)
    ? formatNumber(value, hass, (raw.split(".")[1] ?? "").length)
    : raw;
  return `${shown} ${unit}`.trim();
}

/** A temperature converted between °C and °F; null for units it cannot convert. */
export function convertTemperature(value, from, to) {
  if (!from || !to || from === to) return value;
  if (from === "°C" && to === "°F") return (value * 9) / 5 + 32;
  if (from === "°F" && to === "°C") return ((value - 32) * 5) / 9;
  return null;
}

/** The thresholds of the cold_room sensor, in the unit the room is shown in. */
function thresholds(coldObj, unit) {
  const attributes = coldObj?.attributes ?? {};
  const from = attributes.temperature_unit;
  const shownIn = (value) => {
    if (typeof value !== "number" || !Number.isFinite(value)) return null;
    const converted = unit ? convertTemperature(value, from, unit) : null;
    return converted === null ? { value, unit: from ?? "" } : { value: converted, unit };
  };
  return { below: shownIn(attributes.threshold), above: shownIn(attributes.clears_above) };
}

/**
 * The room: the cold_room state, the temperature, and the threshold that matters
 * now (when cold: the temperature it is warm again above; else: cold below).
 *
 * `override` is the card config's `cold_threshold`, in the temperature's unit;
 * without it the thresholds come from the cold_room sensor's attributes.
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
  const shown = ({ value, unit: shownUnit }) => `${formatNumber(value, hass)} ${shownUnit}`.trim();
  if (override !== undefined && override !== null && override !== "") {
    const value = Number(override);
    const threshold = Number.isFinite(value) ? formatNumber(value, hass) : String(override);
    view.threshold = text("cold_below", hass, { value: `${threshold} ${unit}`.trim() });
    return view;
  }
  const { below, above } = thresholds(coldObj, unit);
  if (view.cold && above) view.threshold = text("warm_above", hass, { value: shown(above) });
  else if (below) view.threshold = text("cold_below", hass, { value: shown(below) });
  return view;
}

/** The exertion gauge: percent of the limit, clamped to 0–100 for the bar. */
export function exertionView(stateObj, hass) {
  const value = isUnavailable(stateObj) ? NaN : Number(stateObj.state);
  if (!Number.isFinite(value)) {
    return { available: false, percent: null, bar: 0, label: text("unavailable", hass), over: false };
  }
  return {
    available: true,
    percent: value,
    bar: Math.max(0, Math.min(100, value)),
    label: text("of_limit", hass, { percent: formatNumber(Math.round(value), hass, 0) }),
    over: value > 100,
  };
}

/** Minutes from `now` until the next `bedtime` ("HH:MM"), or null. */
export function minutesUntil(bedtime, now) {
  const match = /^(\d{1,2}):(\d{2})/.exec(String(bedtime ?? ""));
  if (!match) return null;
  const target = Number(match[1]) * 60 + Number(match[2]);
  const current = now.getHours() * 60 + now.getMinutes();
  return (target - current + 24 * 60) % (24 * 60);
}

/** Minutes from `now` until an ISO instant (rounded up), or null. */
export function minutesUntilInstant(iso, now) {
  const at = Date.parse(iso ?? "");
  if (!Number.isFinite(at)) return null;
  return Math.ceil((at - now.getTime()) / 60000);
}

/** A duration in minutes, in words: "2 h 15 min" or "30 min". */
export function durationText(minutes, hass) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours ? text("hours_minutes", hass, { hours, minutes: rest }) : text("minutes", hass, { minutes: rest });
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

/**
 * The bedtime line: the night window open (until when), or the time left until
 * bedtime. The bedtime is the card config's `bedtime` ("22:30") if set, else the
 * night_window sensor's `bedtime` attribute (the current or next window's).
 */
export function bedtimeView(nightObj, bedtime, now, hass) {
  if (isUnavailable(nightObj)) return { open: null, minutes: null, label: text("unavailable", hass) };
  const at = now ?? new Date();
  if (nightObj.state === "on") {
    const until = clockTime(nightObj.attributes?.closes, hass);
    return {
      open: true,
      minutes: null,
      label: until ? text("night_open_until", hass, { time: until }) : text("night_open", hass),
    };
  }
  const minutes = bedtime ? minutesUntil(bedtime, at) : minutesUntilInstant(nightObj.attributes?.bedtime, at);
  if (minutes === null || minutes <= 0) return { open: false, minutes: null, label: text("night_closed", hass) };
  return { open: false, minutes, label: text("bedtime_in", hass, { time: durationText(minutes, hass) }) };
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

/** What and where, in plain words: "Cramp, Calf". */
function episodeWhat(kind, area, hass) {
  return [KINDS.includes(kind) && text(`kind_${kind}`, hass), BODY_AREAS.includes(area) && text(`area_${area}`, hass)]
    .filter(Boolean)
    .join(", ");
}

/**
 * The last episodes, newest first, from the last_episode sensor: its
 * `recent_episodes` attribute, else (an older integration) the last one alone.
 * `message` replaces the list when there is none to show.
 */
export function recentEpisodesView(lastObj, now, hass) {
  if (!lastObj || lastObj.state === "unavailable") {
    return { available: false, items: [], message: text("unavailable", hass) };
  }
  if (lastObj.state === "unknown") return { available: true, items: [], message: text("none_logged", hass) };
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
  return { available: true, items, message: items.length ? null : text("none_logged", hass) };
}

/** The last episode, the recent episodes and the 24-hour counts. */
export function episodesView(lastObj, counts, hass, now) {
  let last;
  if (!lastObj) last = text("unavailable", hass);
  else if (lastObj.state === "unknown") last = text("none_logged", hass);
  else if (lastObj.state === "unavailable") last = text("unavailable", hass);
  else {
    const what = episodeWhat(lastObj.attributes?.kind, lastObj.attributes?.body_area, hass);
    const when = formatWhen(lastObj.state, hass);
    last = what ? `${what} · ${when}` : when;
  }
  const countTexts = KINDS.map((kind) => {
    const obj = counts[kind];
    const value = isUnavailable(obj) ? text("unavailable", hass) : obj.state;
    return `${text(`count_${kind}`, hass)}: ${value}`;
  });
  return { last, recent: recentEpisodesView(lastObj, now ?? new Date(), hass), counts: countTexts };
}

function formatWhen(iso, hass) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  try {
    return date.toLocaleString(intlLocale(hass), { dateStyle: "short", timeStyle: "short", ...timeOptions(hass) });
  } catch {
    return date.toISOString();
  }
}

/** Whether the comfort_alert event's last event leaves an alert to acknowledge. */
export function alertOpen(eventObj) {
  if (isUnavailable(eventObj)) return false;
  return OPEN_ALERT_TYPES.includes(eventObj.attributes?.event_type);
}

/** The service call that logs an episode of `kind` at `area` for the person. */
export function logEpisodeCall(entryId, kind, area) {
  if (!KINDS.includes(kind)) throw new Error(`Unknown kind: ${kind}`);
  if (!BODY_AREAS.includes(area)) throw new Error(`Unknown body area: ${area}`);
  return {
    domain: DOMAIN,
    service: "log_episode",
    data: { config_entry_id: entryId, kind, body_area: area },
  };
}

/** The service call that presses the person's Acknowledge alert button. */
export function acknowledgeCall(entityId) {
  return { domain: "button", service: "press", data: { entity_id: entityId } };
}

/** The room's thermometer: the card config's, else the one the cold_room sensor names. */
export function temperatureEntityId(hass, config, ids = entityIds(hass, config)) {
  if (config?.temperature_entity) return config.temperature_entity;
  const coldObj = ids.cold_room ? hass?.states?.[ids.cold_room] : undefined;
  const named = coldObj?.attributes?.temperature_entity;
  return typeof named === "string" && named ? named : null;
}

/** Everything the card shows, from `hass` and the config. */
export function cardView(hass, config, now) {
  const at = now ?? new Date();
  const ids = entityIds(hass, config);
  const states = hass?.states ?? {};
  const get = (key) => (ids[key] ? states[ids[key]] : undefined);
  const temperatureId = temperatureEntityId(hass, config, ids);
  const temperatureObj = temperatureId ? states[temperatureId] ?? null : undefined;
  return {
    title: config?.title ?? text("title", hass),
    found: Boolean(ids.cramp_risk),
    entryId: configEntryId(hass, config),
    risk: riskView(get("cramp_risk"), hass),
    room: roomView(get("cold_room"), temperatureObj, config?.cold_threshold, hass),
    exertion: exertionView(get("exertion_load"), hass),
    bedtime: bedtimeView(get("night_window"), config?.bedtime, at, hass),
    episodes: episodesView(
      get("last_episode"),
      { cramp: get("cramps_24h"), spasticity: get("spasticity_24h"), fasciculation: get("fasciculations_24h") },
      hass,
      at,
    ),
    acknowledge: alertOpen(get("comfort_alert")) && ids.acknowledge_alert ? ids.acknowledge_alert : null,
  };
}

/** The log buttons: the kinds, or the body areas once a kind is picked. */
export function logButtons(pendingKind, hass) {
  if (!pendingKind) {
    return KINDS.map((kind) => ({ action: "kind", value: kind, label: text(`kind_${kind}`, hass) }));
  }
  const kindLabel = text(`kind_${pendingKind}`, hass);
  return [
    ...BODY_AREAS.map((area) => ({
      action: "area",
      value: area,
      label: text(`area_${area}`, hass),
      aria: `${text("log", hass)}: ${kindLabel}, ${text(`area_${area}`, hass)}`,
    })),
    { action: "back", value: "", label: text("back", hass) },
  ];
}

const STYLE = `
  :host { display: block; }
  .card { padding: 16px; color: var(--primary-text-color); background: var(--ha-card-background, var(--card-background-color)); }
  h2 { margin: 0 0 8px; font-size: 1.2em; font-weight: 500; }
  .risk { font-size: 2.2em; font-weight: 700; line-height: 1.2; }
  .reasons { margin: 4px 0 12px; font-size: 1.1em; }
  .row { display: flex; justify-content: space-between; gap: 8px; padding: 6px 0; border-top: 1px solid var(--divider-color, rgba(127,127,127,.3)); font-size: 1.05em; }
  .label { color: var(--secondary-text-color); }
  .row > .label { white-space: nowrap; }
  .gauge { height: 12px; border-radius: 6px; background: var(--divider-color, rgba(127,127,127,.3)); overflow: hidden; margin: 2px 0 6px; }
  .gauge > div { height: 100%; background: var(--primary-color); }
  .gauge.over > div { background: var(--error-color, #db4437); }
  .unavailable { color: var(--secondary-text-color); font-style: italic; }
  .episodes { list-style: none; margin: 0 0 6px; padding: 0; font-size: 1.05em; }
  .episodes li { display: flex; justify-content: space-between; gap: 8px; padding: 3px 0; }
  .episodes time { color: var(--secondary-text-color); white-space: nowrap; }
  .buttons { display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: 8px; margin-top: 8px; }
  button { min-height: 56px; min-width: 48px; font-size: 1.15em; border-radius: 12px; border: 2px solid var(--primary-color); background: var(--card-background-color); color: var(--primary-text-color); cursor: pointer; padding: 8px 6px; hyphens: auto; overflow-wrap: break-word; }
  button:focus-visible { outline: 3px solid var(--primary-color); outline-offset: 2px; }
  button.ack { width: 100%; margin: 8px 0; background: var(--error-color, #db4437); border-color: var(--error-color, #db4437); color: var(--text-primary-color, #fff); font-weight: 700; }
  button.back { border-style: dashed; }
  .status { min-height: 1.4em; margin-top: 6px; }
`;

function valueSpan(value, unavailableText) {
  const cls = value === unavailableText ? ' class="unavailable"' : "";
  return `<span${cls}>${escapeHtml(value)}</span>`;
}

function recentHtml(recent, hass, na) {
  const heading = `<div class="row"><span class="label" id="recent-label">${escapeHtml(text("last_episodes", hass))}</span>${
    recent.message ? valueSpan(recent.message, na) : ""
  }</div>`;
  if (!recent.items.length) return heading;
  const items = recent.items
    .map(
      (item) =>
        `<li><span>${escapeHtml(item.what)}</span><time datetime="${escapeHtml(item.when)}" title="${escapeHtml(
          item.at,
        )}">${escapeHtml(item.ago)}</time></li>`,
    )
    .join("");
  return `${heading}<ul class="episodes" aria-labelledby="recent-label">${items}</ul>`;
}

/** The card's HTML for a view model and the log step (`pendingKind`). */
export function renderCard(view, ui = {}, hass) {
  const na = text("unavailable", hass);
  if (!view.found) {
    return `<div class="card"><h2>${escapeHtml(view.title)}</h2><p class="unavailable">${escapeHtml(
      text("not_found", hass),
    )}</p></div>`;
  }
  const { risk, room, exertion, bedtime, episodes } = view;
  const riskHtml = risk.available
    ? `<div class="risk" data-level="${escapeHtml(risk.level)}" style="color:${risk.color}">${escapeHtml(
        risk.label,
      )}</div><div class="reasons">${escapeHtml(risk.reasonsText)}</div>`
    : `<div class="risk unavailable" data-level="unavailable">${escapeHtml(na)}</div>`;
  const ack = view.acknowledge
    ? `<button class="ack" data-action="acknowledge" aria-label="${escapeHtml(text("acknowledge", hass))}">${escapeHtml(
        text("acknowledge", hass),
      )}</button>`
    : "";
  const roomParts = [room.temperature, room.label, room.threshold].filter(Boolean).map((part) => valueSpan(part, na));
  const gauge = exertion.available
    ? `<div class="gauge${exertion.over ? " over" : ""}" role="meter" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${escapeHtml(
        exertion.bar,
      )}" aria-label="${escapeHtml(text("exertion", hass))}"><div style="width:${exertion.bar}%"></div></div>`
    : "";
  const buttons = logButtons(ui.pendingKind, hass)
    .map(
      (button) =>
        `<button class="${button.action}" data-action="${button.action}" data-value="${escapeHtml(
          button.value,
        )}" aria-label="${escapeHtml(button.aria ?? button.label)}">${escapeHtml(button.label)}</button>`,
    )
    .join("");
  const step = ui.pendingKind
    ? `${text("pick_area", hass)} (${text(`kind_${ui.pendingKind}`, hass)})`
    : text("pick_kind", hass);
  return `<div class="card">
  <h2>${escapeHtml(view.title)}</h2>
  <div class="label">${escapeHtml(text("risk", hass))}</div>
  ${riskHtml}
  ${ack}
  <div class="row"><span class="label">${escapeHtml(text("room", hass))}</span><span>${roomParts.join(" · ")}</span></div>
  <div class="row"><span class="label">${escapeHtml(text("exertion", hass))}</span>${valueSpan(exertion.label, na)}</div>
  ${gauge}
  <div class="row"><span class="label">${escapeHtml(text("bedtime", hass))}</span>${valueSpan(bedtime.label, na)}</div>
  ${recentHtml(episodes.recent, hass, na)}
  <div class="row"><span class="label">${escapeHtml(text("last_24h", hass))}</span><span>${escapeHtml(
    episodes.counts.join(" · "),
  )}</span></div>
  <h2>${escapeHtml(text("log", hass))}</h2>
  <div class="label">${escapeHtml(step)}</div>
  <div class="buttons">${buttons}</div>
  <div class="status" role="status" aria-live="polite">${escapeHtml(ui.status ?? "")}</div>
</div>`;
}

/** What a click on `action`/`value` does: the next UI state and an optional call. */
export function handleAction(view, ui, action, value, hass) {
  switch (action) {
    case "kind":
      return { ui: { pendingKind: value, status: "" }, call: null };
    case "back":
      return { ui: { pendingKind: null, status: "" }, call: null };
    case "area":
      if (!ui.pendingKind || !view.entryId) return { ui: { pendingKind: null, status: text("log_failed", hass) }, call: null };
      return {
        ui: {
          pendingKind: null,
          status: `${text("logged", hass)}: ${text(`kind_${ui.pendingKind}`, hass)}, ${text(`area_${value}`, hass)}`,
        },
        call: logEpisodeCall(view.entryId, ui.pendingKind, value),
      };
    case "acknowledge":
      if (!view.acknowledge) return { ui, call: null };
      return { ui: { ...ui, status: text("acknowledged", hass) }, call: acknowledgeCall(view.acknowledge) };
    default:
      return { ui, call: null };
  }
}

/** The first ALS Comfort device: by the entity registry, else by device identifiers. */
export function firstDeviceId(hass) {
  const entity = Object.values(hass?.entities ?? {}).find((entry) => entry?.platform === DOMAIN && entry.device_id);
  if (entity) return entity.device_id;
  const device = Object.values(hass?.devices ?? {}).find((entry) =>
    (entry?.identifiers ?? []).some((identifier) => identifier[0] === DOMAIN),
  );
  return device?.id ?? null;
}

/** What the card's look depends on (to skip needless re-renders): states and language. */
function watched(hass, config) {
  const ids = entityIds(hass, config);
  const watchedIds = Object.values(ids);
  const temperatureId = temperatureEntityId(hass, config, ids);
  if (temperatureId) watchedIds.push(temperatureId);
  return [...watchedIds.map((id) => hass?.states?.[id]), hass?.locale, hass?.language];
}

function defineElements() {
  class AlsComfortCard extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: "open" });
      this._ui = { pendingKind: null, status: "" };
      this._tick = null;
      this.shadowRoot.addEventListener("click", (event) => this._onClick(event));
    }

    static getConfigElement() {
      return document.createElement(EDITOR_TYPE);
    }

    static getStubConfig(hass) {
      const deviceId = firstDeviceId(hass);
      return deviceId ? { device_id: deviceId } : { entity_prefix: "sensor.person_" };
    }

    setConfig(config) {
      if (!config || (!config.device_id && !config.entity_prefix)) {
        throw new Error("Set device_id (the person's device) or entity_prefix.");
      }
      this._config = config;
      this._lastWatched = null;
      this._render();
    }

    set hass(hass) {
      this._hass = hass;
      const now = watched(hass, this._config);
      if (this._lastWatched && now.every((item, index) => item === this._lastWatched[index])) return;
      this._lastWatched = now;
      this._render();
    }

    /** Keep "Bedtime in …" and "… ago" current while the card is on screen. */
    connectedCallback() {
      if (this._tick === null) this._tick = setInterval(() => this._render(), TICK_MS);
      this._render();
    }

    disconnectedCallback() {
      if (this._tick !== null) clearInterval(this._tick);
      this._tick = null;
    }

    getCardSize() {
      return 8 + Math.ceil((this._view?.episodes?.recent?.items?.length ?? 0) / 2);
    }

    _render() {
      if (!this._config || !this._hass) return;
      try {
        this._view = cardView(this._hass, this._config, new Date());
        this.shadowRoot.innerHTML = `<style>${STYLE}</style><ha-card>${renderCard(this._view, this._ui, this._hass)}</ha-card>`;
      } catch (error) {
        this.shadowRoot.innerHTML = `<style>${STYLE}</style><ha-card><div class="card unavailable">${escapeHtml(
          String(error),
        )}</div></ha-card>`;
      }
    }

    async _onClick(event) {
      const target = event.target.closest?.("button[data-action]");
      if (!target || !this._view) return;
      const { ui, call } = handleAction(this._view, this._ui, target.dataset.action, target.dataset.value, this._hass);
      this._ui = ui;
      this._render();
      if (!call) return;
      try {
        await this._hass.callService(call.domain, call.service, call.data);
      } catch (error) {
        this._ui = { pendingKind: null, status: `${text("log_failed", this._hass)}: ${error?.message ?? error}` };
        this._render();
      }
    }
  }

  class AlsComfortCardEditor extends HTMLElement {
    setConfig(config) {
      this._config = config;
      this._render();
    }

    set hass(hass) {
      this._hass = hass;
      this._render();
    }

    _render() {
      if (!this._hass || !this._config) return;
      if (!this._selector) {
        this._selector = document.createElement("ha-selector");
        this._selector.selector = { device: { integration: DOMAIN } };
        this._selector.addEventListener("value-changed", (event) => {
          const config = { ...this._config, device_id: event.detail.value };
          delete config.entity_prefix;
          this._config = config;
          this.dispatchEvent(new CustomEvent("config-changed", { detail: { config }, bubbles: true, composed: true }));
        });
        this.appendChild(this._selector);
      }
      this._selector.label = text("editor_person", this._hass);
      this._selector.hass = this._hass;
      this._selector.value = this._config.device_id ?? "";
    }
  }

  if (!customElements.get(CARD_TYPE)) customElements.define("als-comfort-card", AlsComfortCard);
  if (!customElements.get(EDITOR_TYPE)) customElements.define("als-comfort-card-editor", AlsComfortCardEditor);
  return AlsComfortCard;
}

if (typeof customElements !== "undefined" && typeof HTMLElement !== "undefined") {
  defineElements();
  // The card picker shows before any hass object: use the page's language.
  const pageLanguage = { language: globalThis.document?.documentElement?.lang };
  window.customCards = window.customCards || [];
  if (!window.customCards.some((card) => card.type === CARD_TYPE)) {
    window.customCards.push({
      type: CARD_TYPE,
      name: "ALS Comfort",
      description: text("card_description", pageLanguage),
      preview: true,
      documentationURL: "https://github.com/als-comfort/als_comfort#dashboard-card",
    });
  }
}

export { defineElements };
