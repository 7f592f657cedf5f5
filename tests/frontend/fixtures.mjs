// A hass object as Home Assistant's frontend gives it to cards, for the demo
// person Diane: shared by the node tests and the browser fixture page
// (tests/e2e/test_card_fixtures.py). `version2` adds what the version-2 backend
// provides (help, repositioning, stillness, the integration's lists).

export const DEVICE = "device-diane";
export const ENTRY = "01KALSCOMFORTTESTENTRY0000";
export const KINDS = ["cramp", "spasticity", "fasciculation"];
export const AREAS = ["foot", "calf", "thigh", "hand", "arm", "abdomen", "chest", "back", "neck", "jaw", "unspecified"];

export function state(entityId, value, attributes = {}) {
  return { entity_id: entityId, state: value, attributes, last_changed: "2026-11-25T20:00:00+00:00" };
}

/** The last episodes as the last_episode sensor lists them, newest first. */
export const RECENT = [
  { when: "2026-11-25T18:10:00+00:00", kind: "cramp", body_area: "calf", severity: 5 },
  { when: "2026-11-25T17:40:00+00:00", kind: "fasciculation", body_area: "thigh", severity: null },
  { when: "2026-11-24T23:05:00+00:00", kind: "spasticity", body_area: "arm", severity: 3 },
];
export const COLD_ROOM_ATTRIBUTES = { temperature_entity: "sensor.bedroom_temperature", threshold: 19, clears_above: 19.5, temperature_unit: "°C" };
export const NIGHT_ATTRIBUTES = { opens: "2026-11-25T21:30:00+00:00", bedtime: "2026-11-25T22:30:00+00:00", closes: "2026-11-26T07:00:00+00:00" };
/** 20:15 London time: 2 h 15 min before bedtime, 2 h 5 min after the last cramp. */
export const EVENING = new Date("2026-11-25T20:15:00+00:00");
export const NIGHT = new Date("2026-11-26T00:10:00+00:00");

/** The comfort_alert event entity after an event of `type` with `attributes`. */
export function alertState(type, attributes = {}, when = "2026-11-25T20:10:00.000+00:00") {
  return state("event.diane_comfort_alert", when, {
    event_type: type,
    event_types: ["alert_sent", "acknowledged", "escalated", "delivery_failed", "unanswered"],
    reasons: ["cold_room"],
    kind: "risk",
    urgent: false,
    caregiver: null,
    called: [],
    next_escalation: null,
    ...attributes,
  });
}

export function fakeHass({ level = "low", reasons = [], alert = null, language = "en", admin = true, version2 = false, overrides = {} } = {}) {
  const lists = version2 ? { body_areas: AREAS, episode_kinds: KINDS } : {};
  const states = {
    "sensor.diane_cramp_risk": state("sensor.diane_cramp_risk", level, { reasons, score: 0 }),
    "sensor.diane_exertion_load": state("sensor.diane_exertion_load", "42.4", { unit_of_measurement: "%" }),
    "sensor.diane_last_episode": state("sensor.diane_last_episode", RECENT[0].when, {
      kind: "cramp", body_area: "calf", severity: 5, recent_episodes: RECENT, ...lists,
    }),
    "sensor.diane_cramps_24h": state("sensor.diane_cramps_24h", "2"),
    "sensor.diane_spasticity_24h": state("sensor.diane_spasticity_24h", "0"),
    "sensor.diane_fasciculations_24h": state("sensor.diane_fasciculations_24h", "1"),
    "binary_sensor.diane_cold_room": state("binary_sensor.diane_cold_room", "on", COLD_ROOM_ATTRIBUTES),
    "binary_sensor.diane_night_window": state("binary_sensor.diane_night_window", "off", NIGHT_ATTRIBUTES),
    "button.diane_acknowledge_alert": state("button.diane_acknowledge_alert", "unknown"),
    "event.diane_comfort_alert": alert ?? alertState(null),
    "sensor.bedroom_temperature": state("sensor.bedroom_temperature", "18.2", { unit_of_measurement: "°C" }),
  };
  if (!alert) states["event.diane_comfort_alert"] = state("event.diane_comfort_alert", "unknown", { event_type: null });
  if (version2) {
    states["binary_sensor.diane_long_stillness"] = state("binary_sensor.diane_long_stillness", "off", { last_movement: "2026-11-25T19:45:00+00:00" });
    states["button.diane_call_for_help"] = state("button.diane_call_for_help", "unknown");
    states["button.diane_log_repositioned"] = state("button.diane_log_repositioned", "unknown");
  }
  Object.assign(states, overrides);
  for (const [id, value] of Object.entries(overrides)) if (value === undefined) delete states[id];
  const entities = {};
  for (const id of Object.keys(states)) {
    if (!id.includes("diane_")) continue;
    const key = id.split(".")[1].replace(/^diane_/, "");
    entities[id] = { entity_id: id, device_id: DEVICE, platform: "als_comfort", translation_key: key };
  }
  const service = (fields = {}) => ({ fields });
  const services = {
    als_comfort: {
      log_episode: service({
        kind: { selector: { select: { options: KINDS } } },
        body_area: { selector: { select: { options: AREAS } } },
      }),
      log_activity: service(),
      acknowledge_alert: service(),
      export_log: service(),
      delete_log_entry: service(),
      ...(version2 ? { call_for_help: service(), log_repositioned: service() } : {}),
    },
  };
  const calls = [];
  return {
    states,
    entities,
    services,
    devices: { [DEVICE]: { id: DEVICE, name: "Diane", name_by_user: null, config_entries: [ENTRY], primary_config_entry: ENTRY, identifiers: [["als_comfort", ENTRY]] } },
    user: { id: "user-1", name: "Demo", is_admin: admin },
    localize: () => "",
    locale: { language, time_zone: "server", time_format: "24" },
    language,
    config: { time_zone: "Europe/London" },
    calls,
    callService: async (domain, service, data, target, notify, returnResponse) => {
      calls.push({ domain, service, data });
      return { context: { id: "ctx" }, response: returnResponse ? { id: `entry-${calls.length}` } : undefined };
    },
    callWS: async (message) => {
      calls.push({ ws: message });
      return { path: `${message.path}?authSig=signed` };
    },
  };
}
