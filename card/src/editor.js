/**
 * The card's visual editor: the person (a device of ALS Comfort) and the title,
 * through Home Assistant's own form element, so it looks like every other editor.
 */

import { LitElement, html } from "lit";

import { DOMAIN, text } from "./texts.js";

const SCHEMA = Object.freeze([
  { name: "device_id", required: true, selector: { device: { integration: DOMAIN } } },
  { name: "title", selector: { text: {} } },
]);

export class AlsComfortCardEditor extends LitElement {
  static properties = { hass: { attribute: false }, _config: { state: true } };

  setConfig(config) {
    this._config = config;
  }

  render() {
    if (!this.hass || !this._config) return html``;
    return html`<ha-form .hass=${this.hass} .data=${this._config} .schema=${SCHEMA}
      .computeLabel=${(field) => text(field.name === "title" ? "editor_title" : "editor_person", this.hass)}
      @value-changed=${this._changed}></ha-form>`;
  }

  _changed(event) {
    const config = { ...this._config, ...event.detail.value };
    if (config.device_id) delete config.entity_prefix;
    if (!config.title) delete config.title;
    this._config = config;
    this.dispatchEvent(new CustomEvent("config-changed", { detail: { config }, bubbles: true, composed: true }));
  }
}
