/**
 * `<reservation-panel>` in each of its states, each against its own scenario in the
 * TaskRouter emulator, with tasks shaped like a contact centre's (the demo's customers,
 * calls, chats, SMS and email). The controls are the panel's attributes, properties, CSS
 * custom properties and parts, read from the custom elements manifest.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { ReservationStatus } from '../src/wire/types.js';
import {
  actionButtons,
  factsOf,
  finishedSeparatorOf,
  notices,
  panelIn,
  rows,
  rowsWithStatus,
  rowTitled,
  text,
  titleOf,
} from './support/dom.js';
import { componentDescription, eventsOf, panelMeta, type EmulatorParameters, type PanelArgs } from './support/panel-story.js';
import { DEMO_TASKS, demoTask, manyReservations, nameOf, work, type Work } from './support/tasks.js';

/** A worker's day so far: two offers waiting, a call and an SMS in hand, two finished. */
const DAY: Work[] = [
  { status: 'pending', task: demoTask('Siobhán Ó Súilleabháin'), ageSeconds: 25 },
  { status: 'pending', task: demoTask('佐藤 美咲'), ageSeconds: 70 },
  { status: 'accepted', task: demoTask('Дмитрий Иванов'), ageSeconds: 300 },
  { status: 'wrapping', task: demoTask('김민준'), ageSeconds: 900 },
  { status: 'completed', task: demoTask('Lukas Schmidt'), ageSeconds: 2400 },
  { status: 'rejected', task: demoTask('王秀英'), ageSeconds: 2200 },
];

const CHANNEL_NAMES: Record<string, string> = { voice: 'Voice', chat: 'Chat', sms: 'SMS', email: 'Email' };

const meta = {
  ...panelMeta,
  title: 'Reservation panel/States',
  tags: ['autodocs'],
  parameters: {
    ...panelMeta.parameters,
    docs: {
      description: {
        component: `${componentDescription()}

Every story runs against the bundled TaskRouter emulator with a scenario of its own (a workspace, a worker, the tasks
and their reservations, and a token): under \`npm run storybook\` the dev server hosts it, in the static build a Service
Worker. The panel gets \`api-base\` (the emulator's \`/v1\`) and the scenario's token.`,
      },
    },
    emulator: { scenario: work(DAY, { workerName: 'Ada Lovelace' }) } satisfies EmulatorParameters,
  },
} satisfies Meta<PanelArgs>;

export default meta;
type Story = StoryObj<PanelArgs>;

const emulator = (parameters: EmulatorParameters) => ({ emulator: parameters });

/**
 * A worker with work in several statuses: the active ones first, each titled by its task
 * (the customer's name) with its channel and queue; the finished ones after a separator.
 */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const events = eventsOf(canvasElement);
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(rows(panel)).toHaveLength(6));
    await waitFor(() => expect(rows(panel).map(titleOf).sort()).toEqual(DAY.map((w) => nameOf(w.task)).sort()));
    const statuses = rows(panel).map((r) => r.dataset['reservationStatus']);
    await expect(statuses.slice(0, 4).sort()).toEqual(['accepted', 'pending', 'pending', 'wrapping']);
    for (const w of DAY.slice(0, 4)) {
      const facts = factsOf(rowTitled(panel, nameOf(w.task)));
      await expect(facts['Channel']).toBe(CHANNEL_NAMES[w.task.channel!]);
      await expect(facts['Queue']).toBe(w.task.queue);
    }
    await expect(text(finishedSeparatorOf(panel))).toBe('Finished');
    await waitFor(() => expect(events.onReservationLoad).toHaveBeenCalledTimes(1));
  },
};

/** The first load takes a while (the emulator answers list requests after 9 s). */
export const Loading: Story = {
  parameters: emulator({ faults: [{ method: 'GET', pathIncludes: '/Reservations', latencyMs: 9000 }] }),
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(notices(panel)[0]?.textContent).toMatch(/Loading reservations/));
    await expect(notices(panel)[0]).toHaveAttribute('role', 'status');
  },
};

/** The worker has no reservations (another worker has one). */
export const Empty: Story = {
  parameters: emulator({ scenario: work([{ task: demoTask('Amara 🌻 Okafor'), worker: 'other' }]) }),
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(notices(panel)[0]?.textContent).toMatch(/No reservations/));
  },
};

/** Sixty reservations in every status (more than one page of the API's list), of the demo's tasks. */
export const LongList: Story = {
  parameters: emulator({ scenario: { ...manyReservations(60), workerName: 'Grace Hopper' } }),
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(rows(panel)).toHaveLength(60), { timeout: 5000 });
    await waitFor(() => expect(rows(panel).filter((r) => DEMO_TASKS.some((t) => nameOf(t) === titleOf(r)))).toHaveLength(60), {
      timeout: 5000,
    });
  },
};

/** The list cannot be loaded: the emulator answers every list request with a 500. */
export const ServerError: Story = {
  parameters: emulator({ faults: [{ method: 'GET', pathIncludes: '/Reservations', status: 500 }] }),
  play: async ({ canvasElement }) => {
    const events = eventsOf(canvasElement);
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(notices(panel)[0]?.textContent).toMatch(/Could not load the reservations/), { timeout: 8000 });
    await expect(events.onReservationError).toHaveBeenCalledWith(
      expect.objectContaining({ detail: expect.objectContaining({ operation: 'list', status: 500 }) }),
    );
  },
};

/**
 * The token has expired: the panel says so, fires `reservation-token-expired` once and
 * waits until the page sets a new `token`.
 */
export const ExpiredToken: Story = {
  parameters: emulator({ scenario: work([{ task: demoTask('Amara 🌻 Okafor') }], { tokenTtlSeconds: -60 }) }),
  play: async ({ canvasElement }) => {
    const events = eventsOf(canvasElement);
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(events.onReservationTokenExpired).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(notices(panel)[0]?.textContent).toMatch(/session has expired/));
    await expect(notices(panel)[0]).toHaveAttribute('role', 'alert');
  },
};

/** The actions each status offers, in order (the default schema). */
const ACTIONS: Record<ReservationStatus, string[]> = {
  pending: ['Accept', 'Reject', 'Dequeue', 'Call', 'Redirect', 'Conference'],
  accepted: ['Wrap up', 'Complete'],
  wrapping: ['Complete'],
  completed: [],
  rejected: [],
  timeout: [],
  canceled: [],
  rescinded: [],
};

let nextTask = 0;

/** One story per status: two reservations in it (two of the demo's tasks), and the actions it allows. */
const statusStory = (status: ReservationStatus): Story => {
  const tasks = [DEMO_TASKS[nextTask++ % DEMO_TASKS.length]!, DEMO_TASKS[nextTask++ % DEMO_TASKS.length]!];
  return {
    name: `Status: ${status}`,
    parameters: emulator({ scenario: work(tasks.map((task, i) => ({ status, task, ageSeconds: 40 + i * 360 }))) }),
    play: async ({ canvasElement }) => {
      const panel = panelIn(canvasElement);
      await waitFor(() => expect(rowsWithStatus(panel, status)).toHaveLength(2));
      await waitFor(() => expect(rows(panel).map(titleOf).sort()).toEqual(tasks.map(nameOf).sort()));
      for (const row of rows(panel)) await expect(actionButtons(row).map(text)).toEqual(ACTIONS[status]);
    },
  };
};

export const StatusPending = statusStory('pending');
export const StatusAccepted = statusStory('accepted');
export const StatusWrapping = statusStory('wrapping');
export const StatusCompleted = statusStory('completed');
export const StatusRejected = statusStory('rejected');
export const StatusTimeout = statusStory('timeout');
export const StatusCanceled = statusStory('canceled');
export const StatusRescinded = statusStory('rescinded');

/** The `status` attribute filters the list: only the pending reservations. */
export const FilteredByStatus: Story = {
  args: { status: 'pending' },
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(rows(panel)).toHaveLength(2));
    await expect(rowsWithStatus(panel, 'pending')).toHaveLength(2);
    await waitFor(() =>
      expect(rows(panel).map(titleOf).sort()).toEqual(
        DAY.slice(0, 2)
          .map((w) => nameOf(w.task))
          .sort(),
      ),
    );
  },
};
