/**
 * The panel where it is embedded: a dark CRM theme (through the panel's CSS custom
 * properties), a right-to-left page with Arabic and Hebrew customers, a 320 px CRM sidebar,
 * and a full page.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { CUSTOMERS, SUPPORT_ADDRESS } from '../src/emulator/demo-data.js';
import { actionButton, factsOf, overflowing, panelIn, rows, rowTitled, subtitleOf, text, titleOf } from './support/dom.js';
import { inBox, panelMeta, type EmulatorParameters, type PanelArgs } from './support/panel-story.js';
import { demoTask, nameOf, work, type Work } from './support/tasks.js';

/** A mixed queue: a call, a chat, an SMS, an email, and one finished. */
const QUEUE: Work[] = [
  { status: 'pending', task: demoTask('Siobhán Ó Súilleabháin'), ageSeconds: 12 },
  { status: 'pending', task: demoTask('Αλέξανδρος Παπαδόπουλος'), ageSeconds: 95 },
  { status: 'accepted', task: demoTask('प्रिया शर्मा'), ageSeconds: 420 },
  { status: 'wrapping', task: demoTask('王秀英'), ageSeconds: 1300 },
  { status: 'completed', task: demoTask('Lukas Schmidt'), ageSeconds: 2500 },
];

const meta = {
  ...panelMeta,
  title: 'Reservation panel/Layout and theme',
  parameters: {
    ...panelMeta.parameters,
    emulator: {
      scenario: work(QUEUE, { workerName: 'Ada Lovelace' }),
    } satisfies EmulatorParameters,
  },
} satisfies Meta<PanelArgs>;

export default meta;
type Story = StoryObj<PanelArgs>;

const showsRows: Story['play'] = async ({ canvasElement }) => {
  const panel = panelIn(canvasElement);
  await waitFor(() => expect(rows(panel)).toHaveLength(QUEUE.length));
  await waitFor(() => expect(rows(panel).map(titleOf).sort()).toEqual(QUEUE.map((w) => nameOf(w.task)).sort()));
};

/**
 * A dark theme, set by the host page through the panel's `--reservation-panel-color-*`
 * properties and `theme="dark"` (without it the panel follows the reader's
 * `prefers-color-scheme`, whatever the page around it looks like).
 */
export const Dark: Story = {
  args: {
    theme: 'dark',
    '--reservation-panel-color-text': '#e6edf3',
    '--reservation-panel-color-muted': '#9ea7b3',
    '--reservation-panel-color-surface': '#151b23',
    '--reservation-panel-color-border': '#3d444d',
    '--reservation-panel-color-accent': '#4493f8',
    '--reservation-panel-color-on-accent': '#0d1117',
    '--reservation-panel-color-danger': '#ff7b72',
    '--reservation-panel-color-warning': '#f0883e',
  },
  decorators: [inBox('background: #0d1117; color: #e6edf3; padding: 1rem; color-scheme: dark;')],
  play: showsRows,
};

const customer = (name: string) => CUSTOMERS.find((c) => c.name === name)!;
const NOA = customer('נועה לוי');
const MOHAMMED = customer('محمد عبد الله');

/** Arabic and Hebrew customers on every channel, and a Latin name among them. */
const RTL_QUEUE: Work[] = [
  { status: 'pending', task: demoTask(MOHAMMED.name), ageSeconds: 30 },
  { status: 'pending', task: demoTask(NOA.name), ageSeconds: 90 },
  {
    status: 'accepted',
    ageSeconds: 600,
    task: {
      channel: 'email',
      queue: 'Billing',
      ageSeconds: 900,
      attributes: { from: MOHAMMED.email, to: SUPPORT_ADDRESS, subject: 'طلب استرداد المبلغ للطلب رقم 5521', name: MOHAMMED.name },
    },
  },
  {
    status: 'pending',
    ageSeconds: 45,
    task: {
      channel: 'chat',
      queue: 'Support',
      priority: 1,
      ageSeconds: 60,
      attributes: { channelType: 'whatsapp', from: `whatsapp:${NOA.phone}`, name: NOA.name },
    },
  },
  { status: 'completed', task: demoTask('Lukas Schmidt'), ageSeconds: 2500 },
];

/**
 * In a right-to-left page (`dir="rtl"` on the page or any ancestor), with Arabic and Hebrew
 * customers: each row reads from the right (the channel icon before the title, Accept
 * first), and numbers and addresses inside keep their own direction.
 */
export const RightToLeft: Story = {
  parameters: { emulator: { scenario: work(RTL_QUEUE, { workerName: 'ليلى حداد' }) } satisfies EmulatorParameters },
  decorators: [(story) => html`<div dir="rtl">${story()}</div>`],
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(rows(panel)).toHaveLength(RTL_QUEUE.length));
    await waitFor(() => expect(rows(panel).map(titleOf).sort()).toEqual(RTL_QUEUE.map((w) => nameOf(w.task)).sort()));
    const call = rows(panel).find((r) => titleOf(r) === MOHAMMED.name && factsOf(r)['Channel'] === 'Voice')!;
    await expect(getComputedStyle(call).direction).toBe('rtl');
    // the icon comes first, at the right; the title after it, to its left
    const icon = call.querySelector('svg')!.getBoundingClientRect();
    const title = call.querySelector('.title')!.getBoundingClientRect();
    await expect(icon.left).toBeGreaterThan(title.left);
    await expect(actionButton(call, 'Accept').getBoundingClientRect().left).toBeGreaterThan(
      actionButton(call, 'Reject').getBoundingClientRect().left,
    );
    // the caller's number, a left-to-right run in a right-to-left row, is shown whole
    await expect(text(subtitleOf(call))).toBe(MOHAMMED.phone);
    await expect(text(subtitleOf(rowTitled(panel, NOA.name)))).toMatch(NOA.phone);
    await expect(overflowing(panel)).toEqual([]);
  },
};

const crmStyles = html`<style>
  .crm {
    display: grid;
    grid-template-columns: 1fr 320px;
    min-height: 100vh;
    font:
      14px/1.4 system-ui,
      sans-serif;
    color: #1f2328;
  }
  .crm header {
    grid-column: 1 / -1;
    background: #24292f;
    color: #fff;
    padding: 0.75rem 1rem;
  }
  .crm header h1 {
    margin: 0;
    font-size: 1rem;
  }
  .crm main {
    padding: 1rem;
    background: #f6f8fa;
  }
  .crm main dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
  }
  .crm aside {
    width: 320px;
    box-sizing: border-box;
    border-inline-start: 1px solid #d1d9e0;
    padding: 0.75rem;
    background: #fff;
  }
  .crm aside h2 {
    margin: 0 0 0.5rem;
    font-size: 0.9rem;
  }
  .page {
    font:
      15px/1.5 system-ui,
      sans-serif;
    color: #1f2328;
  }
  .page header {
    background: #0b5fff;
    color: #fff;
    padding: 1rem 2rem;
  }
  .page header h1 {
    margin: 0;
    font-size: 1.25rem;
  }
  .page main {
    padding: 1.5rem 2rem;
  }
  .page main h2 {
    margin: 0 0 1rem;
    font-size: 1.1rem;
  }
</style>`;

/** In a CRM page's 320 px sidebar, beside the customer record. */
export const CrmSidebar: Story = {
  parameters: { layout: 'fullscreen' },
  render: (args, context) =>
    html`${crmStyles}
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
    await expect(overflowing(panel)).toEqual([]);
  },
};

/** As the whole page of an intranet portal. */
export const FullPage: Story = {
  parameters: { layout: 'fullscreen' },
  render: (args, context) =>
    html`${crmStyles}
      <div class="page">
        <header><h1>Contact centre · My reservations</h1></header>
        <main>
          <h2>Reservations</h2>
          ${meta.render(args, context)}
        </main>
      </div>`,
  play: showsRows,
};
