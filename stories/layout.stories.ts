/**
 * The panel where it is embedded: a dark CRM theme (through the panel's CSS custom
 * properties), a right-to-left page, a 320 px CRM sidebar, and a full page.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { panelIn, rows } from './support/dom.js';
import { inBox, panelMeta, type EmulatorParameters, type PanelArgs } from './support/panel-story.js';

const meta = {
  ...panelMeta,
  title: 'Reservation panel/Layout and theme',
  parameters: {
    ...panelMeta.parameters,
    emulator: {
      scenario: {
        workerName: 'Ada Lovelace',
        reservations: [
          { status: 'pending', ageSeconds: 12 },
          { status: 'pending', ageSeconds: 95 },
          { status: 'accepted', ageSeconds: 420 },
          { status: 'wrapping', ageSeconds: 1300 },
          { status: 'completed', ageSeconds: 4000 },
        ],
      },
    } satisfies EmulatorParameters,
  },
} satisfies Meta<PanelArgs>;

export default meta;
type Story = StoryObj<PanelArgs>;

const showsRows: Story['play'] = async ({ canvasElement }) => {
  const panel = panelIn(canvasElement);
  await waitFor(() => expect(rows(panel)).toHaveLength(5));
};

/** A dark theme, set by the host page through the panel's `--reservation-panel-color-*` properties. */
export const Dark: Story = {
  args: {
    '--reservation-panel-color-text': '#e6edf3',
    '--reservation-panel-color-muted': '#9ea7b3',
    '--reservation-panel-color-surface': '#151b23',
    '--reservation-panel-color-border': '#3d444d',
    '--reservation-panel-color-accent': '#4493f8',
    '--reservation-panel-color-danger': '#ff7b72',
  },
  decorators: [inBox('background: #0d1117; color: #e6edf3; padding: 1rem; color-scheme: dark;')],
  play: showsRows,
};

/** In a right-to-left page (`dir="rtl"` on the page or any ancestor). */
export const RightToLeft: Story = {
  decorators: [(story) => html`<div dir="rtl">${story()}</div>`],
  play: showsRows,
};

const crmStyles = html`<style>
  .crm { display: grid; grid-template-columns: 1fr 320px; min-height: 100vh; font: 14px/1.4 system-ui, sans-serif; color: #1f2328; }
  .crm header { grid-column: 1 / -1; background: #24292f; color: #fff; padding: 0.75rem 1rem; }
  .crm header h1 { margin: 0; font-size: 1rem; }
  .crm main { padding: 1rem; background: #f6f8fa; }
  .crm main dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
  .crm aside { width: 320px; box-sizing: border-box; border-inline-start: 1px solid #d1d9e0; padding: 0.75rem; background: #fff; }
  .crm aside h2 { margin: 0 0 0.5rem; font-size: 0.9rem; }
  .page { font: 15px/1.5 system-ui, sans-serif; color: #1f2328; }
  .page header { background: #0b5fff; color: #fff; padding: 1rem 2rem; }
  .page header h1 { margin: 0; font-size: 1.25rem; }
  .page main { padding: 1.5rem 2rem; }
  .page main h2 { margin: 0 0 1rem; font-size: 1.1rem; }
</style>`;

/** In a CRM page's 320 px sidebar, beside the customer record. */
export const CrmSidebar: Story = {
  parameters: { layout: 'fullscreen' },
  render: (args, context) => html`${crmStyles}
    <div class="crm">
      <header><h1>Acme CRM · Customer</h1></header>
      <main>
        <h2>Jane Doe</h2>
        <dl>
          <dt>Account</dt>
          <dd>AC-2231</dd>
          <dt>Phone</dt>
          <dd>+1 555 010 0100</dd>
          <dt>Open cases</dt>
          <dd>2</dd>
        </dl>
      </main>
      <aside aria-label="My reservations">
        <h2>My reservations</h2>
        ${meta.render(args, context)}
      </aside>
    </div>`,
  play: async (context) => {
    await showsRows(context);
    const panel = panelIn(context.canvasElement);
    await expect(panel.getBoundingClientRect().width).toBeLessThanOrEqual(320);
  },
};

/** As the whole page of an intranet portal. */
export const FullPage: Story = {
  parameters: { layout: 'fullscreen' },
  render: (args, context) => html`${crmStyles}
    <div class="page">
      <header><h1>Contact centre · My reservations</h1></header>
      <main>
        <h2>Reservations</h2>
        ${meta.render(args, context)}
      </main>
    </div>`,
  play: showsRows,
};
