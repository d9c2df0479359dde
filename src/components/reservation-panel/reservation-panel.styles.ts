import { css } from 'lit';

export const panelStyles = css`
  /* Light and dark follow prefers-color-scheme; theme="light" or theme="dark" fixes one. */
  :host {
    color-scheme: light dark;
    min-width: 0;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  .base {
    --_text: var(--reservation-panel-color-text, light-dark(#1f2328, #e6edf3));
    --_muted: var(--reservation-panel-color-muted, light-dark(#59636e, #9198a1));
    --_surface: var(--reservation-panel-color-surface, light-dark(#ffffff, #151b23));
    --_border: var(--reservation-panel-color-border, light-dark(#d1d9e0, #3d444d));
    --_accent: var(--reservation-panel-color-accent, light-dark(#0b5fff, #4493f8));
    --_on-accent: var(--reservation-panel-color-on-accent, light-dark(#ffffff, #0d1117));
    --_danger: var(--reservation-panel-color-danger, light-dark(#b3261e, #ff7b72));
    --_warning: var(--reservation-panel-color-warning, light-dark(#9a3412, #f0883e));
    --_success: light-dark(#1a7f37, #3fb950);
    --_radius: var(--reservation-panel-radius, 6px);
    --_gap: var(--reservation-panel-gap, 0.5rem);
    font: var(--reservation-panel-font, 0.875rem/1.4 system-ui, sans-serif);
    color: var(--_text);
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
    min-width: 0;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_gap);
    min-width: 0;
  }
  .worker {
    font-weight: 600;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-width: 100%;
  }
  .activity {
    color: var(--_muted);
  }
  .activity::before {
    content: '';
    display: inline-block;
    width: 0.5em;
    height: 0.5em;
    border-radius: 50%;
    margin-inline-end: 0.35em;
    background: var(--_muted);
  }
  .activity.available::before {
    background: var(--_success);
  }
  .live {
    color: var(--_warning);
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
    min-width: 0;
  }
  .list:focus {
    outline: none;
  }
  .list.virtual {
    display: block;
  }
  .list.virtual > li {
    width: 100%;
    padding-bottom: var(--_gap);
  }
  .notice {
    margin: 0;
    padding: var(--_gap);
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
    overflow-wrap: anywhere;
  }
  .notice.error {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .muted {
    color: var(--_muted);
  }
  @media (forced-colors: active) {
    .notice,
    .notice.error {
      border-color: CanvasText;
      color: CanvasText;
    }
  }
`;

/** A reservation row, in the panel's shadow root. */
export const rowStyles = css`
  .separator {
    margin: calc(var(--_gap) / 2) 0 var(--_gap);
    padding-top: var(--_gap);
    border-top: 1px solid var(--_border);
    color: var(--_muted);
    font-size: 0.85em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .row {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: var(--_gap);
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_gap) / 2);
    min-width: 0;
  }
  .row.finished {
    padding-block: calc(var(--_gap) / 2);
    color: var(--_muted);
  }
  .head {
    display: flex;
    align-items: center;
    gap: calc(var(--_gap) / 1.5);
    min-width: 0;
  }
  .head:focus {
    outline: none;
  }
  .channel-icon {
    flex: none;
    color: var(--_muted);
  }
  .title {
    flex: 1 1 auto;
    min-width: 0;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .status {
    flex: none;
    font-size: 0.85em;
    padding: 0 0.5em;
    border-radius: 999px;
    border: 1px solid var(--_border);
    white-space: nowrap;
  }
  .row[data-reservation-status='pending'] .status {
    border-color: var(--_accent);
    color: var(--_accent);
  }
  .subtitle {
    margin: 0;
    color: var(--_muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em var(--_gap);
    margin: 0;
    color: var(--_muted);
    min-width: 0;
  }
  .meta div {
    display: flex;
    gap: 0.25em;
    min-width: 0;
    max-width: 100%;
  }
  .meta dd {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .meta div:first-child dt {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
  dd {
    margin: 0;
  }
  .note {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
    overflow-wrap: anywhere;
  }
  .disclosure {
    justify-self: start;
    min-height: 1.75rem;
    padding: 0 0.5rem;
    border-color: transparent;
    color: var(--_accent);
    background: transparent;
  }
  .disclosure::before {
    content: '▸ ';
  }
  .disclosure[aria-expanded='true']::before {
    content: '▾ ';
  }
  .attributes {
    margin: 0;
    display: grid;
    grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
    gap: 0.125em var(--_gap);
    font-size: 0.9em;
    max-height: 20em;
    overflow: auto;
  }
  .attributes div {
    display: contents;
  }
  .attributes dt {
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .attributes dd {
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) / 2);
  }
  .actions .primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .actions .secondary {
    font-weight: 600;
  }
  .actions .quiet {
    border-color: transparent;
    background: transparent;
    color: var(--_muted);
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  .actions [aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .message {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .message.error {
    color: var(--_danger);
  }
  .countdown {
    font-variant-numeric: tabular-nums;
  }
  .countdown.warning {
    color: var(--_warning);
    font-weight: 600;
  }
  @media (forced-colors: active) {
    .row {
      border-color: CanvasText;
    }
    .actions .primary {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
      border-color: Highlight;
    }
    .actions .quiet {
      border-color: ButtonText;
    }
    .countdown.warning {
      color: Mark;
      forced-color-adjust: none;
      background: Canvas;
    }
  }
`;
