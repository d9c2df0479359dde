import { css } from 'lit';

export const formStyles = css`
  form {
    display: grid;
    gap: var(--_gap);
    border-top: 1px solid var(--_border);
    padding-top: var(--_gap);
  }
  .field {
    display: grid;
    gap: 0.125rem;
  }
  label,
  legend {
    font-weight: 600;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.375rem;
  }
  .check label {
    font-weight: normal;
  }
  input:not([type='checkbox']),
  select {
    font: inherit;
    width: 100%;
    min-height: 2rem;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  input:focus-visible,
  select:focus-visible,
  summary:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger) !important;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
  }
  .help {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .error {
    color: var(--_danger);
    font-size: 0.85em;
  }
  .req {
    color: var(--_danger);
  }
  .row {
    display: flex;
    gap: 0.25rem;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
  }
  button[type='submit'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .server-error {
    margin: 0;
    color: var(--_danger);
  }
  details {
    display: grid;
    gap: var(--_gap);
  }
  summary {
    cursor: pointer;
    margin-bottom: var(--_gap);
  }
`;
