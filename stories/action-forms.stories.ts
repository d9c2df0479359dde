/**
 * The action forms of a pending reservation (an incoming call), generated from the parameter schema: each
 * opened and filled in with valid input (ready to send), and with invalid input refused
 * before anything is sent (`aria-invalid` and a message tied to the control).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { CONTACT_NUMBER } from '../src/emulator/demo-data.js';
import { actionButton, control, formIn, messageOf, panelIn, rows, submitButton } from './support/dom.js';
import { eventsOf, panelMeta, type EmulatorParameters, type Loaded, type PanelArgs } from './support/panel-story.js';
import { demoTask, work } from './support/tasks.js';

/** The call the reservation is for: its attributes name the caller's number and the call's SID. */
const CALL = demoTask('محمد عبد الله');
const CALLER = String(CALL.attributes!['from']);
const CALL_SID = String(CALL.attributes!['call_sid']);

const meta = {
  ...panelMeta,
  title: 'Reservation panel/Action forms',
  parameters: {
    ...panelMeta.parameters,
    // an incoming call: the instructions (dequeue, call, redirect, conference) are about voice
    emulator: { scenario: work([{ task: CALL, ageSeconds: 20 }]) } satisfies EmulatorParameters,
  },
} satisfies Meta<PanelArgs>;

export default meta;
type Story = StoryObj<PanelArgs>;

/** Opens `action`'s form in the pending reservation. */
async function openForm(canvasElement: HTMLElement, action: string): Promise<HTMLElement> {
  const panel = panelIn(canvasElement);
  await waitFor(() => expect(rows(panel)).toHaveLength(1));
  const row = rows(panel)[0]!;
  await userEvent.click(actionButton(row, action));
  // the Reject form waits for the workspace's activities (retried when the server is unavailable)
  return waitFor(() => formIn(row), { timeout: 8000 });
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
const invalid = (
  action: string,
  values: Record<string, string>,
  flagged: Record<string, RegExp>,
  open?: (form: HTMLElement) => void,
): Story => ({
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

/** Reject offers the workspace's activities by name (the worker goes on a break); the SID of the one chosen is what is sent. */
export const Reject: Story = {
  play: async ({ canvasElement, loaded }) => {
    const events = eventsOf(canvasElement);
    const { activities } = (loaded as Loaded).scenario;
    const form = await openForm(canvasElement, 'Reject');
    const select = control<HTMLSelectElement>(form, 'WorkerActivitySid');
    await expect([...select.options].slice(1).map((o) => o.text)).toEqual(activities.map((a) => a.friendlyName));
    const onBreak = activities.find((a) => a.friendlyName === 'Break')!.sid;
    await userEvent.selectOptions(select, onBreak);
    await userEvent.tab();
    await expect(select.value).toBe(onBreak);
    await expect(select.selectedOptions[0]?.text).toBe('Break');
    await expect(select).toHaveAttribute('aria-invalid', 'false');
    await expect(events.onReservationBeforeUpdate).not.toHaveBeenCalled();
  },
};

/**
 * The workspace's activities cannot be loaded (the emulator answers ListActivity with a
 * 503): the Reject form asks for an Activity SID as text, and refuses one that is not a SID.
 */
export const RejectInvalid: Story = {
  ...invalid('Reject', { WorkerActivitySid: 'WA123' }, { WorkerActivitySid: /WA/ }),
  parameters: { emulator: { ...meta.parameters.emulator, faults: [{ method: 'GET', pathIncludes: '/Activities', status: 503 }] } },
};

export const Dequeue = valid('Dequeue', { DequeueFrom: CONTACT_NUMBER, DequeueTo: 'client:ada', DequeueTimeout: '30' });
export const DequeueInvalid = invalid(
  'Dequeue',
  { DequeueFrom: '555', DequeueTimeout: '0' },
  { DequeueFrom: /E\.164/, DequeueTimeout: /1 to 999/ },
);

export const Call = valid('Call', { CallFrom: CONTACT_NUMBER, CallTo: CALLER, CallUrl: 'https://crm.example.com/twiml/outbound' });
export const CallInvalid = invalid('Call', { CallUrl: 'ftp://example.com/twiml' }, { CallFrom: /required/, CallUrl: /https:\/\// });

export const Redirect = valid('Redirect', { RedirectCallSid: CALL_SID, RedirectUrl: 'https://crm.example.com/twiml/voicemail' });
export const RedirectInvalid = invalid('Redirect', { RedirectCallSid: 'CA123' }, { RedirectCallSid: /CA/, RedirectUrl: /required/ });

export const Conference = valid('Conference', { To: 'client:ada', From: CONTACT_NUMBER, Timeout: '20' });
export const ConferenceInvalid = invalid('Conference', { MaxParticipants: '1' }, { MaxParticipants: /2 to 250/ }, openAdvanced);
