/**
 * The panel on `connection="twilio"`: Twilio's event-bridge channel, with nothing but the
 * worker's Access Token, here pointed at the emulator's (`event-bridge-url`). The channel is
 * a WebSocket, which only a server can host: under `npm run storybook` the dev server serves
 * it at `/emulator/v1/wschannels`; the static build has no server (its emulator answers
 * HTTP requests from a Service Worker or the page, and no WebSocket), so there the story
 * says so instead of rendering a panel that cannot connect. Every other story uses REST
 * (`api-base`), which works in both.
 */
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import { ensureEmulator, type EmulatorHost } from '../.storybook/emulator/boot.js';
import { actionButton, headerOf, panelIn, rows, rowTitled, text, titleOf } from './support/dom.js';
import { addReservation, eventBridgeUrl, setWorkerActivity } from './support/emulator.js';
import { eventsOf, panelMeta, renderPanel, type EmulatorParameters, type Loaded, type PanelArgs } from './support/panel-story.js';
import { demoTask, nameOf, work } from './support/tasks.js';

interface Hosted extends Loaded {
  emulatorHost: EmulatorHost;
}

const FIRST = [demoTask('Αλέξανδρος Παπαδόπουλος'), demoTask('Дмитрий Иванов')];
const ARRIVING = demoTask('Siobhán Ó Súilleabháin');

const NOTE_ID = 'event-bridge-needs-a-server';

const meta = {
  ...panelMeta,
  title: 'Reservation panel/Event-bridge (dev server)',
  args: {
    ...panelMeta.args,
    connection: 'twilio',
    'event-bridge-url': eventBridgeUrl(),
    'api-base': '',
    // no polling: everything after the first list comes over the channel
    'poll-interval': 0,
  },
  loaders: [...panelMeta.loaders, async (): Promise<Pick<Hosted, 'emulatorHost'>> => ({ emulatorHost: await ensureEmulator() })],
  render: (args, context) =>
    (context.loaded as Hosted).emulatorHost === 'server'
      ? renderPanel(args, context)
      : html`<p id=${NOTE_ID} role="note">
          This story needs the emulator's event-bridge WebSocket, which only the dev server hosts: run
          <code>npm run storybook</code>. The static build has no server; its stories use the REST connection.
        </p>`,
  parameters: {
    ...panelMeta.parameters,
    emulator: { scenario: work(FIRST.map((task, i) => ({ task, ageSeconds: 20 + i * 30 }))) } satisfies EmulatorParameters,
  },
} satisfies Meta<PanelArgs>;

export default meta;
type Story = StoryObj<PanelArgs>;

/**
 * Live over the event-bridge: the first list, then changes pushed by the emulator with no
 * request from the panel: the worker is moved to Break by a supervisor, a new call
 * arrives, and the worker accepts it (the accept goes over the channel too).
 */
export const Live: Story = {
  play: async ({ canvasElement, loaded, step }: StoryContext<PanelArgs>) => {
    const { emulatorHost, scenario: s } = loaded as Hosted;
    if (emulatorHost !== 'server') {
      await expect(canvasElement.querySelector(`#${NOTE_ID}`)).toBeVisible();
      return;
    }
    const events = eventsOf(canvasElement);
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(rows(panel).map(titleOf).sort()).toEqual(FIRST.map(nameOf).sort()), { timeout: 8000 });
    await waitFor(() => expect(text(headerOf(panel))).toMatch(/Available/));

    await step('A supervisor moves the worker to Break', async () => {
      await setWorkerActivity(s.workspaceSid, s.workerSid, 'Break');
    });
    await waitFor(() => expect(text(headerOf(panel))).toMatch(/Activity: Break/), { timeout: 5000 });

    await step('A call arrives', async () => {
      await addReservation(s.workspaceSid, { workerSid: s.workerSid, content: ARRIVING });
    });
    await waitFor(() => expect(rows(panel).map(titleOf)).toContain(nameOf(ARRIVING)), { timeout: 5000 });
    await expect(events.onReservationStatusChange).toHaveBeenCalledWith(
      expect.objectContaining({ detail: expect.objectContaining({ previousStatus: null, status: 'pending', source: 'sync' }) }),
    );

    await step('The worker accepts it', () => userEvent.click(actionButton(rowTitled(panel, nameOf(ARRIVING)), 'Accept')));
    await waitFor(() => expect(rowTitled(panel, nameOf(ARRIVING)).dataset['reservationStatus']).toBe('accepted'), { timeout: 5000 });
  },
};
