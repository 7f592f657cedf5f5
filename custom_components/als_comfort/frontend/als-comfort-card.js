/**
 * ALS Comfort dashboard card: `custom:als-comfort-card`.
 *
 * A single dependency-free ES module, served and loaded by the integration itself.
 * The view logic is made of pure functions (exported, tested with `node --test`);
 * the custom elements are defined only where `customElements` exists (a browser).
 *
 * Config: `{type: custom:als-comfort-card, device_id: <the person's device>}` or
 * `{entity_prefix: sensor.diane_}`; optional `config_entry_id`, `temperature_entity`,
 * `cold_threshold` (in the temperature entity's unit), `bedtime` ("22:30"), `title`.
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

const UNAVAILABLE_STATES = new Set(["unavailable", "unknown", "", null, undefined]);

/** English texts; the integration's translations win where the frontend has them. */
export const TEXT = Object.freeze({
  title: "ALS Comfort",
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
  cold_below: "cold below",
  exertion: "Exertion",
  of_limit: "of the limit",
  bedtime: "Bedtime",
  night_open: "Night window open",
  night_closed: "Night window closed",
  bedtime_in: "Bedtime in",
  last_episode: "Last episode",
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
});

const TRANSLATION = `component.${DOMAIN}.entity`;
const LOCALIZE_KEYS = {
  risk_low: `${TRANSLATION}.sensor.cramp_risk.state.low`,
  risk_elevated: `${TRANSLATION}.sensor.cramp_risk.state.elevated`,
  risk_high: `${TRANSLATION}.sensor.cramp_risk.state.high`,
  ...Object.fromEntries(
    ["cold_room", "cold_night", "overexertion", "cramp_cluster", "frequent_cramps", "sensor_unavailable"].map(
      (reason) => [
        `reason_${reason}`,
        `${TRANSLATION}.sensor.cramp_risk.state_attributes.reasons.state.${reason}`,
      ],
    ),
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

/** A text: the frontend's translation of the integration where known, else English. */
export function text(key, hass) {
  const localizeKey = LOCALIZE_KEYS[key];
  if (localizeKey && hass && typeof hass.localize === "function") {
    const localized = hass.localize(localizeKey);
    if (localized) return localized;
  }
  return TEXT[key] ?? key;
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
  return TEXT[`reason_${reason}`] ? text(`reason_${reason}`, hass) : String(reason).replaceAll("_", " ");
}

/** The room: the cold_room state and, if configured, the temperature vs the threshold. */
export function roomView(coldObj, temperatureObj, threshold, hass) {
  const view = { cold: null, label: text("unavailable", hass), temperature: null, threshold: null };
  if (!isUnavailable(coldObj)) {
    view.cold = coldObj.state === "on";
    view.label = text(view.cold ? "room_cold" : "room_warm", hass);
  }
  const unit = temperatureObj?.attributes?.unit_of_measurement ?? "";
  if (temperatureObj !== undefined) {
    view.temperature = isUnavailable(temperatureObj)
      ? text("unavailable", hass)
      : `${temperatureObj.state} ${unit}`.trim();
  }
  if (threshold !== undefined && threshold !== null && threshold !== "") {
    view.threshold = `${text("cold_below", hass)} ${threshold} ${unit}`.trim();
  }
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
    label: `${Math.round(value)} % ${text("of_limit", hass)}`,
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

/** The bedtime line: night window open, or the time left until bedtime. */
export function bedtimeView(nightObj, bedtime, now, hass) {
  if (isUnavailable(nightObj)) return { open: null, label: text("unavailable", hass) };
  if (nightObj.state === "on") return { open: true, label: text("night_open", hass) };
  const minutes = bedtime ? minutesUntil(bedtime, now ?? new Date()) : null;
  if (minutes === null) return { open: false, label: text("night_closed", hass) };
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const left = hours ? `${hours} h ${rest} min` : `${rest} min`;
  return { open: false, label: `${text("bedtime_in", hass)} ${left}` };
}

/** The last episode and the 24-hour counts. */
export function episodesView(lastObj, counts, hass) {
  let last;
  if (!lastObj) last = text("unavailable", hass);
  else if (lastObj.state === "unknown") last = text("none_logged", hass);
  else if (lastObj.state === "unavailable") last = text("unavailable", hass);
  else {
    const kind = lastObj.attributes?.kind;
    const area = lastObj.attributes?.body_area;
    const when = formatWhen(lastObj.state, hass);
    const what = [kind && text(`kind_${kind}`, hass), area && text(`area_${area}`, hass)]
      .filter(Boolean)
      .join(", ");
    last = what ? `${what} · ${when}` : when;
  }
  const countTexts = KINDS.map((kind) => {
    const obj = counts[kind];
    const value = isUnavailable(obj) ? text("unavailable", hass) : obj.state;
    return `${text(`count_${kind}`, hass)}: ${value}`;
  });
  return { last, counts: countTexts };
}

function formatWhen(iso, hass) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  try {
    return date.toLocaleString(hass?.locale?.language || undefined, {
      dateStyle: "short",
      timeStyle: "short",
    });
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

/** Everything the card shows, from `hass` and the config. */
export function cardView(hass, config, now) {
  const ids = entityIds(hass, config);
  const states = hass?.states ?? {};
  const get = (key) => (ids[key] ? states[ids[key]] : undefined);
  const temperatureObj = config?.temperature_entity ? states[config.temperature_entity] ?? null : undefined;
  return {
    title: config?.title ?? text("title", hass),
    found: Boolean(ids.cramp_risk),
    entryId: configEntryId(hass, config),
    risk: riskView(get("cramp_risk"), hass),
    room: roomView(get("cold_room"), temperatureObj, config?.cold_threshold, hass),
    exertion: exertionView(get("exertion_load"), hass),
    bedtime: bedtimeView(get("night_window"), config?.bedtime, now, hass),
    episodes: episodesView(
      get("last_episode"),
      { cramp: get("cramps_24h"), spasticity: get("spasticity_24h"), fasciculation: get("fasciculations_24h") },
      hass,
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
  .gauge { height: 12px; border-radius: 6px; background: var(--divider-color, rgba(127,127,127,.3)); overflow: hidden; margin: 2px 0 6px; }
  .gauge > div { height: 100%; background: var(--primary-color); }
  .gauge.over > div { background: var(--error-color, #db4437); }
  .unavailable { color: var(--secondary-text-color); font-style: italic; }
  .buttons { display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: 8px; margin-top: 8px; }
  button { min-height: 56px; min-width: 48px; font-size: 1.15em; border-radius: 12px; border: 2px solid var(--primary-color); background: var(--card-background-color); color: var(--primary-text-color); cursor: pointer; padding: 8px; }
  button:focus-visible { outline: 3px solid var(--primary-color); outline-offset: 2px; }
  button.ack { width: 100%; margin: 8px 0; background: var(--error-color, #db4437); border-color: var(--error-color, #db4437); color: var(--text-primary-color, #fff); font-weight: 700; }
  button.back { border-style: dashed; }
  .status { min-height: 1.4em; margin-top: 6px; }
`;

function valueSpan(value, unavailableText) {
  const cls = value === unavailableText ? ' class="unavailable"' : "";
  return `<span${cls}>${escapeHtml(value)}</span>`;
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
  <div class="row"><span class="label">${escapeHtml(text("last_episode", hass))}</span>${valueSpan(episodes.last, na)}</div>
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

/** The entity ids whose states the card shows (to skip needless re-renders). */
function watchedIds(hass, config) {
  const ids = Object.values(entityIds(hass, config));
  if (config?.temperature_entity) ids.push(config.temperature_entity);
  return ids;
}

function defineElements() {
  class AlsComfortCard extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: "open" });
      this._ui = { pendingKind: null, status: "" };
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
      this._lastStates = null;
      this._render();
    }

    set hass(hass) {
      this._hass = hass;
      const states = watchedIds(hass, this._config).map((id) => hass?.states?.[id]);
      if (this._lastStates && states.every((state, index) => state === this._lastStates[index])) return;
      this._lastStates = states;
      this._render();
    }

    getCardSize() {
      return 8;
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
        this._selector.label = "Person";
        this._selector.addEventListener("value-changed", (event) => {
          const config = { ...this._config, device_id: event.detail.value };
          delete config.entity_prefix;
          this._config = config;
          this.dispatchEvent(new CustomEvent("config-changed", { detail: { config }, bubbles: true, composed: true }));
        });
        this.appendChild(this._selector);
      }
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
  window.customCards = window.customCards || [];
  if (!window.customCards.some((card) => card.type === CARD_TYPE)) {
    window.customCards.push({
      type: CARD_TYPE,
      name: "ALS Comfort",
      description: "Cramp risk and reasons, room, exertion, bedtime, last episodes and large log buttons.",
      preview: true,
      documentationURL: "https://github.com/als-comfort/als_comfort#dashboard-card",
    });
  }
}

export { defineElements };
