/**
 * The card's templates (lit-html): pure functions of the view, the UI state and
 * `hass`. Lit updates only what changed, so focus and the status line stay.
 * Every control is a native <button> with `data-action` (and `data-value`).
 */

import { html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";

import { SEVERITIES, undoOffered } from "./actions.js";
import { text } from "./texts.js";

function control(action, label, { value = "", cls = "", aria, pressed } = {}) {
  return html`<button type="button" class=${cls || nothing} data-action=${action} data-value=${value}
    aria-label=${aria ?? nothing} aria-pressed=${pressed === undefined ? nothing : String(pressed)}>${label}</button>`;
}

function alertTemplate(alert, hass) {
  if (!alert) return nothing;
  const cls = alert.open ? (alert.unanswered ? "alert unanswered" : "alert") : "alert acknowledged";
  return html`<section class="panel ${cls}" data-alert=${alert.type} tabindex="-1" aria-labelledby="alert-headline"
      role=${alert.unanswered ? "alert" : nothing}>
    <p class="headline" id="alert-headline">${alert.headline}</p>
    ${alert.reasons ? html`<p>${alert.reasons}</p>` : nothing}
    ${(alert.lines ?? []).map((line) => html`<p>${line}</p>`)}
    <p class="muted">${alert.when}</p>
    ${alert.open && alert.acknowledge ? html`<div class="actions">${control("acknowledge", text("acknowledge", hass), { cls: "danger" })}</div>` : nothing}
  </section>`;
}

function helpTemplate(view, ui, hass) {
  if (!view.canHelp) return nothing;
  return html`<div class="help-area">
    <button type="button" class="help danger" data-action="help" ?data-armed=${ui.helpArmed}
      aria-describedby="help-hint">${text(ui.helpArmed ? "help_confirm" : "help", hass)}<span class="hold"></span></button>
    ${ui.helpArmed ? html`<div class="actions">${control("help-cancel", text("help_cancel", hass))}</div>` : nothing}
    <p class="hint muted" id="help-hint">${text("help_hint", hass)}</p>
  </div>`;
}

function riskTemplate(risk, hass) {
  return html`<section class="panel risk" data-level=${risk.level} aria-labelledby="risk-label">
    <p class="label" id="risk-label">${text("risk", hass)}</p>
    <p class="level ${risk.available ? "" : "unavailable"}">${risk.label}</p>
    ${risk.available ? html`<p class="reasons">${risk.reasonsText}</p>` : nothing}
  </section>`;
}

function value(content, hass) {
  return html`<span class=${content === text("unavailable", hass) ? "unavailable" : nothing}>${content}</span>`;
}

function row(label, content) {
  return html`<div class="row"><dt>${label}</dt><dd>${content}</dd></div>`;
}

function factsTemplate(view, hass) {
  const { room, exertion, bedtime, stillness } = view;
  const roomParts = [room.temperature, room.label, room.threshold].filter(Boolean);
  return html`<dl class="facts">
    ${row(text("room", hass), roomParts.map((part, index) => html`${index ? " · " : ""}${value(part, hass)}`))}
    ${row(text("exertion", hass), value(exertion.label, hass))}
  </dl>
  ${exertion.available
    ? html`<div class="gauge ${exertion.over ? "over" : ""}" role="meter" aria-valuemin="0" aria-valuemax="100"
        aria-valuenow=${exertion.bar} aria-label=${text("exertion", hass)}><div style="width:${exertion.bar}%"></div></div>`
    : nothing}
  <dl class="facts">
    ${row(text("bedtime", hass), value(bedtime.label, hass))}
    ${stillness ? row(text("movement", hass), html`${stillness.tooLong ? html`<strong>${text("still_too_long", hass)}</strong> · ` : nothing}${stillness.label}`) : nothing}
  </dl>
  ${view.canReposition ? html`<div class="actions">${control("repositioned", text("repositioned", hass))}</div>` : nothing}`;
}

function episodesTemplate(view, hass) {
  const { recent } = view;
  return html`<dl class="facts">
    ${row(html`<span id="recent-label">${text("last_episodes", hass)}</span>`, recent.message ? value(recent.message, hass) : nothing)}
  </dl>
  ${recent.items.length
    ? html`<ul class="episodes" aria-labelledby="recent-label">
        ${recent.items.map((item) => html`<li><span>${item.what}</span><time datetime=${item.when} title=${item.at}>${item.ago}</time></li>`)}
      </ul>`
    : nothing}
  <dl class="facts">${row(text("last_24h", hass), view.counts.join(" · "))}</dl>`;
}

function kindStep(choices, hass) {
  return html`<p class="label" id="log-step">${text("pick_kind", hass)}</p>
    <div class="buttons" role="group" aria-labelledby="log-step">
      ${repeat(choices.kinds, (kind) => `kind:${kind}`, (kind) => control("kind", text(`kind_${kind}`, hass), { value: kind }))}
    </div>`;
}

function areaStep(choices, ui, hass) {
  const kind = text(`kind_${ui.kind}`, hass);
  return html`<p class="label" id="severity-label">${text("pick_severity", hass)}</p>
    <div class="buttons severity" role="group" aria-labelledby="severity-label">
      ${Object.keys(SEVERITIES).map((severity) =>
        control("severity", text(`severity_${severity}`, hass), { value: severity, pressed: ui.severity === severity }),
      )}
    </div>
    <p class="label" id="log-step">${text("pick_area", hass, { kind })}</p>
    <div class="buttons" role="group" aria-labelledby="log-step">
      ${repeat(choices.areas, (area) => `area:${area}`, (area) =>
        control("area", text(`area_${area}`, hass), { value: area, aria: `${text("log", hass)}: ${kind}, ${text(`area_${area}`, hass)}` }),
      )}
      ${control("change-type", text("change_type", hass), { cls: "change-type" })}
    </div>`;
}

function logTemplate(view, ui, hass, now) {
  let body;
  if (!view.choices) body = html`<p class="muted">${text("log_loading", hass)}</p>`;
  else body = ui.kind ? areaStep(view.choices, ui, hass) : kindStep(view.choices, hass);
  const offerUndo = undoOffered(ui, now);
  return html`<section aria-labelledby="log-title">
    <h3 id="log-title">${text("log", hass)}</h3>
    ${body}
    ${offerUndo && view.admin ? html`<div class="actions">${control("undo", text("undo", hass), { aria: `${text("undo", hass)}: ${ui.logged.what}` })}</div>` : nothing}
    ${offerUndo && !view.admin ? html`<p class="hint muted">${text("undo_ask_admin", hass)}</p>` : nothing}
  </section>`;
}

function clinicianTemplate(view, hass) {
  if (!view.admin || !view.entryId) return nothing;
  return html`<section aria-labelledby="clinician-title">
    <h3 id="clinician-title">${text("for_clinician", hass)}</h3>
    <div class="actions">${control("export", text("export_csv", hass))}${control("report", text("report", hass))}</div>
  </section>`;
}

/** The whole card for a view and a UI state. */
export function cardTemplate(view, ui, hass, now) {
  if (view.loading) return html`<p class="loading">${text("loading", hass)}</p>`;
  if (!view.found) return html`<h2>${view.title}</h2><p class="unavailable">${text("not_found", hass)}</p>`;
  return html`<h2>${view.title}</h2>
    ${alertTemplate(view.alert, hass)}
    ${helpTemplate(view, ui, hass)}
    ${riskTemplate(view.risk, hass)}
    ${factsTemplate(view, hass)}
    ${episodesTemplate(view, hass)}
    ${logTemplate(view, ui, hass, now)}
    ${clinicianTemplate(view, hass)}`;
}
