import { css } from 'lit';

export const panelStyles = css`
  .base {
    --_text: var(--reservation-panel-color-text, #1f2328);
    --_muted: var(--reservation-panel-color-muted, #59636e);
    --_surface: var(--reservation-panel-color-surface, #ffffff);
    --_border: var(--reservation-panel-color-border, #d1d9e0);
    --_accent: var(--reservation-panel-color-accent, #0b5fff);
    --_danger: var(--reservation-panel-color-danger, #b3261e);
    --_radius: var(--reservation-panel-radius, 6px);
    --_gap: var(--reservation-panel-gap, 0.5rem);
    font: var(--reservation-panel-font, 0.875rem/1.4 system-ui, sans-serif);
    color: var(--_text);
    display: grid;
    gap: var(--_gap);
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_gap);
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
  }
  .notice.error {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .muted {
    color: var(--_muted);
  }
`;
