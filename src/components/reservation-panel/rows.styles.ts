import { css } from 'lit';

/** The header, the list and its rows, in the panel's shadow root (they come with the panel's engine). */
export const rowStyles = css`
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
  .disclosure:dir(rtl)::before {
    content: '◂ ';
  }
  .disclosure[aria-expanded='true']:dir(rtl)::before {
    content: '▾ ';
  }
  .attributes {
    max-height: 20em;
    overflow: auto;
    font-size: 0.9em;
    border-radius: var(--_radius);
  }
  .attributes:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .attributes dl {
    margin: 0;
    display: grid;
    /* a long key takes at most 40 %: the values keep their room */
    grid-template-columns: fit-content(40%) minmax(0, 1fr);
    gap: 0.125em var(--_gap);
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
