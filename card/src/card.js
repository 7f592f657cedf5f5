/**
 * The `custom:als-comfort-card` element (Lit). It keeps the UI state (the log
 * step, the status line, the armed help button), runs the controls through
 * actions.js and moves focus where the next press belongs. Lit updates the DOM
 * in place, so a state change or the minute tick never moves focus.
 */

import { LitElement, html } from "lit";

import { handleAction, initialUi } from "./actions.js";
import { firstDeviceId, watched } from "./entities.js";
import { cardTemplate } from "./render.js";
import { styles } from "./styles.js";
import { text } from "./texts.js";
import { cardView } from "./view.js";

export const CARD_TYPE = "als-comfort-card";
export const EDITOR_TYPE = "als-comfort-card-editor";
/** How often clock-driven texts refresh ("Bedtime in …", "… ago"). */
export const TICK_MS = 60 * 1000;
/** How long the help button stays armed for its confirming second tap, and the hold that calls at once. */
export const HELP_ARMED_MS = 10 * 1000;
export const HELP_HOLD_MS = 1000;

export class AlsComfortCard extends LitElement {
  static properties = { hass: { attribute: false }, _config: { state: true }, _ui: { state: true } };
  static styles = styles;

  constructor() {
    super();
    this._ui = initialUi();
    this._config = undefined;
    this._watched = null;
    this._timers = {};
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
  }

  getCardSize() {
    return 10;
  }

  getGridOptions() {
    return { columns: 12, min_columns: 6, rows: "auto" };
  }

  connectedCallback() {
    super.connectedCallback();
    this._timers.tick ??= setInterval(() => this.requestUpdate(), TICK_MS);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    for (const timer of Object.values(this._timers)) clearTimeout(timer);
    this._timers = {};
  }

  /** Skip an update when only `hass` changed and nothing the card shows did. */
  shouldUpdate(changed) {
    if (!this._config) return false;
    if (changed.size !== 1 || !changed.has("hass") || !this._watched) return true;
    const now = watched(this.hass, this._config);
    return now.length !== this._watched.length || now.some((item, index) => item !== this._watched[index]);
  }

  render() {
    this._watched = watched(this.hass, this._config);
    const now = new Date();
    this._view = cardView(this.hass, this._config, now);
    return html`<ha-card><div class="content" @click=${this._onClick} @pointerdown=${this._onPointerDown}
        @pointerup=${this._endHold} @pointerleave=${this._endHold} @pointercancel=${this._endHold}>
      ${cardTemplate(this._view, this._ui, this.hass, now)}
      <div class="status" role="status" aria-live="polite" tabindex="-1">${this._ui.status}</div>
    </div></ha-card>`;
  }

  _onClick(event) {
    const target = event.target.closest?.("button[data-action]");
    if (!target) return;
    if (target.dataset.action === "help" && this._held) {
      this._held = false; // the hold already called; this is its click
      return;
    }
    this._run(target.dataset.action, target.dataset.value);
  }

  /** A help button held for a second calls at once (hard to do by accident). */
  _onPointerDown(event) {
    const target = event.target.closest?.('button[data-action="help"]');
    if (!target) return;
    this._held = false;
    target.classList.add("holding");
    this._timers.hold = setTimeout(() => {
      this._held = true;
      target.classList.remove("holding");
      this._run("help-hold");
    }, HELP_HOLD_MS);
  }

  _endHold() {
    clearTimeout(this._timers.hold);
    this.renderRoot.querySelector("button.help")?.classList.remove("holding");
  }

  async _run(action, value) {
    if (action === "export" || action === "report") return this._download(action);
    const step = handleAction(this._view, this._ui, action, value, this.hass, new Date());
    this._ui = step.ui;
    clearTimeout(this._timers.help);
    if (this._ui.helpArmed) this._timers.help = setTimeout(() => this._disarm(), HELP_ARMED_MS);
    if (step.focus) this._focusAfterUpdate(step.focus);
    if (!step.call) return;
    const { domain, service, data } = step.call;
    try {
      const result = await this.hass.callService(domain, service, data, undefined, false, Boolean(step.returnResponse));
      this._ui = { ...this._ui, ...step.success(result?.response) };
    } catch (error) {
      this._ui = { ...this._ui, status: text(step.failure, this.hass, { error: error?.message ?? String(error) }) };
    }
  }

  /** An armed help button that got no second tap goes back to rest (focus stays where it is). */
  _disarm() {
    const confirming = this._ui.status === text("help_confirm", this.hass);
    this._ui = { ...this._ui, helpArmed: false, status: confirming ? "" : this._ui.status };
  }

  async _focusAfterUpdate(where) {
    await this.updateComplete;
    const [what, which] = where.split(":");
    const root = this.renderRoot;
    const candidates = {
      area: () => root.querySelector('button[data-action="area"]'),
      kind: () => root.querySelector(`button[data-action="kind"][data-value="${which}"]`) ?? root.querySelector('button[data-action="kind"]'),
      help: () => root.querySelector('button[data-action="help"]'),
      alert: () => root.querySelector("section.alert"),
    };
    (candidates[what]?.() ?? root.querySelector(".status"))?.focus();
  }

  /** The clinician's CSV or report: a short-lived signed address, as core's downloads use. */
  async _download(what) {
    const base = `/api/als_comfort/${this._view.entryId}`;
    try {
      const { path } = await this.hass.callWS({ type: "auth/sign_path", path: what === "export" ? `${base}/export.csv` : `${base}/report`, expires: 60 });
      const link = document.createElement("a");
      link.href = path;
      if (what === "export") link.download = "";
      else link.target = "_blank";
      link.rel = "noopener";
      link.click();
    } catch (error) {
      this._ui = { ...this._ui, status: text("download_failed", this.hass, { error: error?.message ?? String(error) }) };
    }
  }
}
