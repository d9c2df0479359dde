import { css } from 'lit';

export const itemStyles = css`
  .base {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: var(--_gap);
    display: grid;
    gap: calc(var(--_gap) / 2);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_gap);
    margin: 0;
    font-size: 1em;
  }
  .status {
    font-weight: 600;
  }
  .task {
    font-family: ui-monospace, monospace;
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    margin: 0;
    color: var(--_muted);
  }
  .meta div {
    display: flex;
    gap: 0.25em;
  }
  dd {
    margin: 0;
  }
`;

export const itemActionStyles = css`
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) / 2);
  }
  .error {
    margin: 0;
    color: var(--_danger);
  }
  .countdown {
    font-variant-numeric: tabular-nums;
  }
  .countdown.warning {
    color: var(--_warning);
    font-weight: 600;
  }
  .head:focus {
    outline: none;
  }
  @media (forced-colors: active) {
    .base {
      border-color: CanvasText;
    }
    .countdown.warning {
      color: Mark;
      forced-color-adjust: none;
      background: Canvas;
    }
  }
`;
