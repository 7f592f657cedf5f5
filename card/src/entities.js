/**
 * Finding the person's entities, device, config entry and the integration's lists.
 * Pure functions of the frontend's `hass` object and the card config.
 */

import { DOMAIN } from "./texts.js";

/** The person's entities: key → platform. */
export const ENTITY_KEYS = Object.freeze({
  cramp_risk: "sensor",
  exertion_load: "sensor",
  last_episode: "sensor",
  cramps_24h: "sensor",
  spasticity_24h: "sensor",
  fasciculations_24h: "sensor",
  cold_room: "binary_sensor",
  night_window: "binary_sensor",
  long_stillness: "binary_sensor",
  acknowledge_alert: "button",
  call_for_help: "button",
  log_repositioned: "button",
  comfort_alert: "event",
});

const UNAVAILABLE_STATES = new Set(["unavailable", "unknown", "", null, undefined]);

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
 * `entity_prefix`, by the naming pattern, for the entities that exist.
 */
export function entityIds(hass, config) {
  const ids = {};
  const deviceId = config?.device_id;
  if (deviceId) {
    const ofDevice = Object.values(hass?.entities ?? {}).filter((entry) => entry?.device_id === deviceId);
    for (const [key, platform] of Object.entries(ENTITY_KEYS)) {
      const mine = (entry) => entry.entity_id.startsWith(`${platform}.`);
      const found =
        ofDevice.find((entry) => mine(entry) && entry.translation_key === key && (entry.platform ?? DOMAIN) === DOMAIN) ??
        ofDevice.find((entry) => mine(entry) && entry.entity_id.endsWith(`_${key}`));
      if (found) ids[key] = found.entity_id;
    }
  }
  const prefix = personPrefix(config?.entity_prefix);
  if (prefix) {
    for (const [key, platform] of Object.entries(ENTITY_KEYS)) {
      const id = `${platform}.${prefix}${key}`;
      if (!ids[key] && hass?.states?.[id]) ids[key] = id;
    }
  }
  return ids;
}

/** The person's device (from the frontend's device registry), or undefined. */
function device(hass, config) {
  return config?.device_id ? hass?.devices?.[config.device_id] : undefined;
}

/** The person's config entry: from the card config, else from the device. */
export function configEntryId(hass, config) {
  if (config?.config_entry_id) return config.config_entry_id;
  const found = device(hass, config);
  if (!found) return null;
  return found.primary_config_entry ?? found.config_entries?.[0] ?? null;
}

/** The person's name: the device's name (as the user renamed it), or null. */
export function personName(hass, config) {
  const found = device(hass, config);
  return found?.name_by_user || found?.name || null;
}

/** The first ALS Comfort device: by the entity registry, else by device identifiers. */
export function firstDeviceId(hass) {
  const entity = Object.values(hass?.entities ?? {}).find((entry) => entry?.platform === DOMAIN && entry.device_id);
  if (entity) return entity.device_id;
  const found = Object.values(hass?.devices ?? {}).find((entry) =>
    (entry?.identifiers ?? []).some((identifier) => identifier[0] === DOMAIN),
  );
  return found?.id ?? null;
}

/** Whether the integration offers an action (`als_comfort.<service>`). */
export function hasService(hass, service) {
  return Boolean(hass?.services?.[DOMAIN]?.[service]);
}

/** The options of a select field of one of the integration's actions, or null. */
function serviceOptions(hass, service, field) {
  const options = hass?.services?.[DOMAIN]?.[service]?.fields?.[field]?.selector?.select?.options;
  if (!Array.isArray(options) || !options.length) return null;
  return options.map((option) => (typeof option === "object" ? option?.value : option)).filter(Boolean);
}

function keyList(value) {
  return Array.isArray(value) && value.length && value.every((item) => typeof item === "string") ? value : null;
}

/**
 * The kinds and body areas to offer, as the integration defines them.
 *
 * From the last_episode sensor's `episode_kinds` and `body_areas` attributes; when
 * that sensor is disabled or from before them, the log_episode action's own field
 * options. Null while neither is known (the card then waits, it never guesses).
 */
export function logChoices(hass, lastEpisodeObj) {
  const attributes = lastEpisodeObj?.attributes ?? {};
  const kinds = keyList(attributes.episode_kinds) ?? serviceOptions(hass, "log_episode", "kind");
  const areas = keyList(attributes.body_areas) ?? serviceOptions(hass, "log_episode", "body_area");
  return kinds && areas ? { kinds, areas } : null;
}

/** The room's thermometer: the card config's, else the one the cold_room sensor names. */
export function temperatureEntityId(hass, config, ids = entityIds(hass, config)) {
  if (config?.temperature_entity) return config.temperature_entity;
  const named = ids.cold_room ? hass?.states?.[ids.cold_room]?.attributes?.temperature_entity : undefined;
  return typeof named === "string" && named ? named : null;
}

/** What the card's look depends on (to skip needless updates): states, language, user. */
export function watched(hass, config) {
  const ids = entityIds(hass, config);
  const watchedIds = Object.values(ids);
  const temperatureId = temperatureEntityId(hass, config, ids);
  if (temperatureId) watchedIds.push(temperatureId);
  return [
    ...watchedIds.map((id) => hass?.states?.[id]),
    hass?.locale,
    hass?.language,
    hass?.user,
    hass?.services?.[DOMAIN],
    hass?.entities === undefined,
    device(hass, config),
  ];
}
