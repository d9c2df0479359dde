/**
 * The action forms of a pending reservation, generated from the parameter schema: each
 * opened and filled in with valid input (ready to send), and with invalid input refused
 * before anything is sent (`aria-invalid` and a message tied to the control).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { actionButton, control, formIn, messageOf, panelIn, rows, submitButton } from './support/dom.js';
import { eventsOf, panelMeta, type EmulatorParameters, type PanelArgs } from './support/panel-story.js';

const meta = {
  ...panelMeta,
  title: 'Reservation panel/Action forms',
  parameters: {
    ...panelMeta.parameters,
    emulator: { scenario: { reservations: [{ status: 'pending', ageSeconds: 20 }] } } satisfies EmulatorParameters,
  },
} satisfies Meta<PanelArgs>;

export default meta;
type Story = StoryObj<PanelArgs>;

const CA = 'CA0123456789abcdef0123456789abcdef';
const WA = 'WA0123456789abcdef0123456789abcdef';

/** Opens `action`'s form in the pending reservation. */
async function openForm(canvasElement: HTMLElement, action: string): Promise<HTMLElement> {
  const panel = panelIn(canvasElement);
  await waitFor(() => expect(rows(panel)).toHaveLength(1));
  const row = rows(panel)[0]!;
  await userEvent.click(actionButton(row, action));
  return waitFor(() => formIn(row));
}

/** Types into the controls named by `values` (wire name → text). */
async function fill(form: HTMLElement, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) await userEvent.type(control(form, name), value);
}

/** A story that opens a form and fills it with valid input: nothing is flagged, nothing sent yet. */
const valid = (action: string, values: Record<string, string>): Story => ({
  play: async ({ canvasElement }) => {
    const events = eventsOf(canvasElement);
    const form = await openForm(canvasElement, action);
    await fill(form, values);
    await userEvent.tab();
    for (const name of Object.keys(values)) {
      await expect(control(form, name)).toHaveAttribute('aria-invalid', 'false');
      await expect(control(form, name).value).toBe(values[name]);
    }
    await expect(events.onReservationBeforeUpdate).not.toHaveBeenCalled();
  },
});

/** A story that submits invalid input: each named control is flagged with a message, nothing is sent. */
const invalid = (action: string, values: Record<string, string>, flagged: Record<string, RegExp>, open?: (form: HTMLElement) => void): Story => ({
  play: async ({ canvasElement }) => {
    const events = eventsOf(canvasElement);
    const form = await openForm(canvasElement, action);
    open?.(form);
    await fill(form, values);
    await userEvent.click(submitButton(form));
    for (const [name, message] of Object.entries(flagged)) {
      await waitFor(() => expect(control(form, name)).toHaveAttribute('aria-invalid', 'true'));
      await expect(messageOf(control(form, name))).toMatch(message);
    }
    await expect(events.onReservationBeforeUpdate).not.toHaveBeenCalled();
  },
});

const openAdvanced = (form: HTMLElement) => {
  const details = form.shadowRoot!.querySelector('details');
  if (details) details.open = true;
};

export const Reject = valid('Reject', { WorkerActivitySid: WA });
export const RejectInvalid = invalid('Reject', { WorkerActivitySid: 'WA123' }, { WorkerActivitySid: /WA/ });

export const Dequeue = valid('Dequeue', { DequeueFrom: '+15551234567', DequeueTo: 'client:alice', DequeueTimeout: '30' });
export const DequeueInvalid = invalid('Dequeue', { DequeueFrom: '555', DequeueTimeout: '0' }, { DequeueFrom: /E\.164/, DequeueTimeout: /1 to 999/ });

export const Call = valid('Call', { CallFrom: '+15551234567', CallTo: '+15557654321', CallUrl: 'https://crm.example.com/twiml' });
export const CallInvalid = invalid('Call', { CallUrl: 'ftp://example.com/twiml' }, { CallFrom: /required/, CallUrl: /https:\/\// });

export const Redirect = valid('Redirect', { RedirectCallSid: CA, RedirectUrl: 'https://crm.example.com/next' });
export const RedirectInvalid = invalid('Redirect', { RedirectCallSid: 'CA123' }, { RedirectCallSid: /CA/, RedirectUrl: /required/ });

export const Conference = valid('Conference', { To: 'client:alice', From: '+15551234567', Timeout: '20' });
export const ConferenceInvalid = invalid('Conference', { MaxParticipants: '1' }, { MaxParticipants: /2 to 250/ }, openAdvanced);
