/**
 * `<reservation-panel>` in each of its states, each against its own scenario in the
 * TaskRouter emulator. The controls are the panel's attributes, properties, CSS custom
 * properties and parts, read from the custom elements manifest.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { ReservationStatus } from '../src/wire/types.js';
import { notices, panelIn, rows, rowsWithStatus } from './support/dom.js';
import { componentDescription, eventsOf, manyReservations, panelMeta, type EmulatorParameters, type PanelArgs } from './support/panel-story.js';

const meta = {
  ...panelMeta,
  title: 'Reservation panel/States',
  tags: ['autodocs'],
  parameters: {
    ...panelMeta.parameters,
    docs: {
      description: {
        component: `${componentDescription()}

Every story runs against the bundled TaskRouter emulator with a scenario of its own (a workspace, a worker, its
reservations and a token): under \`npm run storybook\` the dev server hosts it, in the static build a Service Worker.
The panel gets \`api-base\` (the emulator's \`/v1\`) and the scenario's token.`,
      },
    },
    emulator: {
      scenario: {
        workerName: 'Ada Lovelace',
        reservations: [
          { status: 'pending', ageSeconds: 25 },
          { status: 'pending', ageSeconds: 70 },
          { status: 'accepted', ageSeconds: 300 },
          { status: 'wrapping', ageSeconds: 900 },
          { status: 'completed', ageSeconds: 3600 },
          { status: 'rejected', ageSeconds: 5400 },
        ],
      },
    } satisfies EmulatorParameters,
  },
} satisfies Meta<PanelArgs>;

export default meta;
type Story = StoryObj<PanelArgs>;

const emulator = (parameters: EmulatorParameters) => ({ emulator: parameters });

/** A worker with work in several statuses: the active ones first. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const events = eventsOf(canvasElement);
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(rows(panel)).toHaveLength(6));
    const statuses = rows(panel).map((r) => r.dataset['reservationStatus']);
    await expect(statuses.slice(0, 4).sort()).toEqual(['accepted', 'pending', 'pending', 'wrapping']);
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

/** The worker has no reservations. */
export const Empty: Story = {
  parameters: emulator({ scenario: { reservations: [{ status: 'pending', worker: 'other' }] } }),
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(notices(panel)[0]?.textContent).toMatch(/No reservations/));
  },
};

/** Sixty reservations in every status (more than one page of the API's list). */
export const LongList: Story = {
  parameters: emulator({ scenario: { workerName: 'Grace Hopper', reservations: manyReservations(60) } }),
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(rows(panel)).toHaveLength(60), { timeout: 5000 });
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
  parameters: emulator({ scenario: { tokenTtlSeconds: -60, reservations: [{ status: 'pending' }] } }),
  play: async ({ canvasElement }) => {
    const events = eventsOf(canvasElement);
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(events.onReservationTokenExpired).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(notices(panel)[0]?.textContent).toMatch(/session has expired/));
    await expect(notices(panel)[0]).toHaveAttribute('role', 'alert');
  },
};

/** One story per status: two reservations in it, and the actions it allows. */
const statusStory = (status: ReservationStatus): Story => ({
  name: `Status: ${status}`,
  parameters: emulator({ scenario: { reservations: [{ status, ageSeconds: 40 }, { status, ageSeconds: 400 }] } }),
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(rowsWithStatus(panel, status)).toHaveLength(2));
  },
});

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
  },
};
