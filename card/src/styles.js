/**
 * The card's look: corners, spacing and colours from the Home Assistant theme.
 *
 * Text always stands in the theme's primary or secondary text colour on the card
 * background or on a light tint of a state colour, so it keeps the theme's
 * contrast (WCAG 2.2 AA) in light and dark themes; state colours themselves
 * (warning orange, error red) are used for borders, bars and tints only. Where
 * white text stands on red (help, unanswered), the red is darkened to 70 % so it
 * passes 4.5:1 whatever the theme's error colour.
 */

import { css } from "lit";

export const styles = css`
  :host {
    display: block;
    --als-space: var(--ha-space-4, 16px);
    --als-gap: var(--ha-space-2, 8px);
    --als-radius: var(--ha-card-border-radius, 12px);
    --als-surface: var(--ha-card-background, var(--card-background-color, #fff));
    --als-danger: var(--error-color, #db4437);
    --als-danger-strong: color-mix(in srgb, var(--als-danger) 70%, #000);
    --als-on-danger: #fff;
  }
  .content { padding: var(--als-space); color: var(--primary-text-color); font-size: 1.05em; }
  h2 { margin: 0 0 var(--als-gap); font-size: var(--ha-card-header-font-size, 1.5em); font-weight: 400; line-height: 1.3; }
  h3 { margin: var(--als-space) 0 var(--als-gap); font-size: 1.15em; font-weight: 500; }
  p { margin: 0; }
  .muted, .label { color: var(--secondary-text-color); }
  .unavailable { color: var(--secondary-text-color); font-style: italic; }
  .panel { border-radius: var(--als-radius); padding: var(--als-gap) var(--als-space); margin: 0 0 var(--als-gap); }
  .risk {
    --level: var(--disabled-text-color, #888);
    border-inline-start: 8px solid var(--level);
    background: color-mix(in srgb, var(--level) 14%, var(--als-surface));
  }
  .risk[data-level="low"] { --level: var(--success-color, #43a047); }
  .risk[data-level="elevated"] { --level: var(--warning-color, #ffa600); }
  .risk[data-level="high"] { --level: var(--als-danger); }
  .level { font-size: 2em; font-weight: 700; line-height: 1.2; }
  .alert { border: 3px solid var(--als-danger); background: color-mix(in srgb, var(--als-danger) 10%, var(--als-surface)); }
  .alert.acknowledged { border-color: var(--success-color, #43a047); background: none; }
  .alert.unanswered { border-color: var(--als-danger-strong); background: var(--als-danger-strong); color: var(--als-on-danger); }
  .alert.unanswered .muted { color: var(--als-on-danger); }
  .headline { font-size: 1.25em; font-weight: 700; }
  .unanswered .headline { font-size: 1.6em; text-transform: uppercase; letter-spacing: 0.02em; }
  .facts { margin: 0; }
  .row { display: flex; justify-content: space-between; align-items: baseline; gap: var(--als-gap); padding: 6px 0; border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3)); }
  .row > dt { color: var(--secondary-text-color); white-space: nowrap; }
  .row > dd { margin: 0; text-align: end; }
  .gauge { height: 12px; border-radius: 6px; background: var(--divider-color, rgba(127, 127, 127, 0.3)); overflow: hidden; margin: 0 0 6px; }
  .gauge > div { height: 100%; background: var(--primary-color); }
  .gauge.over > div { background: var(--als-danger); }
  .episodes { list-style: none; margin: 0 0 6px; padding: 0; }
  .episodes li { display: flex; justify-content: space-between; gap: var(--als-gap); padding: 3px 0; }
  .episodes time { color: var(--secondary-text-color); white-space: nowrap; }
  .buttons { display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: var(--als-gap); margin-top: var(--als-gap); }
  .severity { grid-template-columns: repeat(3, 1fr); margin-bottom: var(--als-gap); }
  .actions { display: flex; flex-wrap: wrap; gap: var(--als-gap); margin-top: var(--als-gap); }
  button {
    min-height: 56px; min-width: 48px; padding: 8px 10px; font: inherit; font-size: 1.1em;
    border-radius: var(--als-radius); border: 2px solid var(--primary-color);
    background: var(--als-surface); color: var(--primary-text-color);
    cursor: pointer; hyphens: auto; overflow-wrap: break-word;
  }
  button:focus-visible, [tabindex="-1"]:focus-visible { outline: 3px solid var(--primary-color); outline-offset: 2px; }
  button[aria-pressed="true"] { border-width: 4px; font-weight: 700; background: color-mix(in srgb, var(--primary-color) 18%, var(--als-surface)); }
  button[aria-pressed="true"]::before { content: "✓ "; }
  button.change-type { border-style: dashed; }
  button.danger { background: var(--als-danger-strong); border-color: var(--als-danger-strong); color: var(--als-on-danger); font-weight: 700; }
  .unanswered button.danger { border-color: var(--als-on-danger); }
  button.help { width: 100%; min-height: 72px; font-size: 1.35em; position: relative; overflow: hidden; }
  button.help .hold { position: absolute; inset: auto 0 0 0; height: 6px; background: var(--als-on-danger); transform-origin: left; transform: scaleX(0); }
  button.help.holding .hold { transition: transform 1s linear; transform: scaleX(1); }
  button.help[data-armed] { outline: 4px solid var(--als-danger-strong); outline-offset: 3px; }
  .hint { margin-top: 4px; font-size: 0.95em; }
  .status { min-height: 1.4em; margin-top: var(--als-gap); font-weight: 500; }
  .loading { padding: var(--als-space); color: var(--secondary-text-color); }
  @media (prefers-reduced-motion: reduce) { button.help.holding .hold { transition: none; } }
`;
