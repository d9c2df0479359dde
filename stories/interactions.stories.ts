/**
 * The key interactions, played against the emulator: accepting a reservation, a dequeue the
 * server refuses, and a token that expires while the panel is in use.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { actionButton, control, formIn, notices, panelIn, rows, rowsWithStatus, serverErrorIn, submitButton } from './support/dom.js';
import { token, type Scenario } from './support/emulator.js';
import { eventsOf, panelMeta, type EmulatorParameters, type PanelArgs } from './support/panel-story.js';
import { demoTask, work } from './support/tasks.js';

const meta = {
  ...panelMeta,
  title: 'Reservation panel/Interactions',
  parameters: {
    ...panelMeta.parameters,
    emulator: {
      // a call waiting to be answered, and an email done earlier
      scenario: work([
        { status: 'pending', task: demoTask('Дмитрий Иванов'), ageSeconds: 15 },
        { status: 'completed', task: demoTask('Lukas Schmidt'), ageSeconds: 1800 },
      ]),
    } satisfies EmulatorParameters,
  },
} satisfies Meta<PanelArgs>;

export default meta;
type Story = StoryObj<PanelArgs>;

const detail = (fields: Record<string, unknown>) => expect.objectContaining({ detail: expect.objectContaining(fields) });

/** Accept: the reservation becomes accepted, and `reservation-status-change` says so. */
export const Accept: Story = {
  play: async ({ canvasElement, step }) => {
    const events = eventsOf(canvasElement);
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(rowsWithStatus(panel, 'pending')).toHaveLength(1));
    const row = rowsWithStatus(panel, 'pending')[0]!;
    const sid = row.dataset['reservationSid'];
    await step('Accept the pending reservation', () => userEvent.click(actionButton(row, 'Accept')));
    await waitFor(() => expect(rowsWithStatus(panel, 'accepted').map((r) => r.dataset['reservationSid'])).toEqual([sid]));
    await expect(events.onReservationStatusChange).toHaveBeenCalledWith(
      detail({ sid, previousStatus: 'pending', status: 'accepted', source: 'action' }),
    );
    // the accepted reservation now offers its next steps
    await expect(actionButton(rowsWithStatus(panel, 'accepted')[0]!, 'Wrap up')).toBeVisible();
  },
};

/**
 * A dequeue the server refuses (the emulator answers every update with a 500): the error
 * shows in the form, what the user typed stays, and the reservation is still pending.
 */
export const FailedDequeue: Story = {
  parameters: { emulator: { ...meta.parameters.emulator, faults: [{ method: 'POST', pathIncludes: '/Reservations/', status: 500 }] } },
  play: async ({ canvasElement, step }) => {
    const events = eventsOf(canvasElement);
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(rowsWithStatus(panel, 'pending')).toHaveLength(1));
    const row = rowsWithStatus(panel, 'pending')[0]!;
    await step('Open the Dequeue form', () => userEvent.click(actionButton(row, 'Dequeue')));
    const form = await waitFor(() => formIn(row));
    await step('Fill it in and send it', async () => {
      await userEvent.type(control(form, 'DequeueFrom'), '+15551234567');
      await userEvent.click(submitButton(form));
    });
    await waitFor(() => expect(serverErrorIn(form)).toBeVisible(), { timeout: 5000 });
    await expect(events.onReservationError).toHaveBeenCalledWith(detail({ operation: 'update', action: 'dequeue', status: 500 }));
    await expect(control(form, 'DequeueFrom')).toHaveValue('+15551234567');
    await expect(row.dataset['reservationStatus']).toBe('pending');
    await expect(events.onReservationStatusChange).not.toHaveBeenCalled();
  },
};

/**
 * The token expires while the panel is in use (it lives 4 s here, and the page has no
 * `tokenProvider`): the panel fires `reservation-token-expired`, keeps the list with a
 * notice, and resumes once the page sets a new token.
 */
export const TokenExpiry: Story = {
  parameters: { emulator: { ...meta.parameters.emulator, scenario: { ...meta.parameters.emulator.scenario, tokenTtlSeconds: 4 } } },
  play: async ({ canvasElement, loaded, step }) => {
    const events = eventsOf(canvasElement);
    const panel = panelIn(canvasElement);
    await waitFor(() => expect(rows(panel)).toHaveLength(2));
    await expect(events.onReservationTokenExpired).not.toHaveBeenCalled();
    await waitFor(() => expect(events.onReservationTokenExpired).toHaveBeenCalledTimes(1), { timeout: 8000 });
    await waitFor(() =>
      expect(
        notices(panel)
          .map((n) => n.textContent)
          .join(' '),
      ).toMatch(/session has expired/),
    );
    await expect(rows(panel)).toHaveLength(2);
    await step('The page signs the worker in again', async () => {
      const s = (loaded as { scenario: Scenario }).scenario;
      panel.token = await token(s.workspaceSid, s.workerSid);
    });
    await waitFor(() => expect(notices(panel)).toHaveLength(0));
    await expect(events.onReservationTokenExpired).toHaveBeenCalledTimes(1);
  },
};
