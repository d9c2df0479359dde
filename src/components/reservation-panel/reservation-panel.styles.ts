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
