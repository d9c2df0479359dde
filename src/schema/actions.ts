/**
 * The actions, one row each: the wire params it always sends, the statuses it is valid in,
 * its form's fields (UpdateWorkerReservation parameters, by wire name) and the required ones
 * (shared/spec/README.md: dequeue → DequeueFrom; call → CallFrom, CallUrl; redirect →
 * RedirectCallSid, RedirectUrl), and how loud its button is. Adding an action is one row here
 * and its strings. No field data: the list shows its buttons from this table alone, and the
 * forms (with the spec's descriptions) load only when one is opened. No Lit, no DOM.
 */
import { REQUIRED_BY_INSTRUCTION } from '../wire/doc-facts.js';
import type { ReservationStatus } from '../wire/types.js';
import { ACTIONS, type ActionDescriptor, type ActionName, type ParameterSchema, type SchemaOverride } from './schema.types.js';

const PENDING: readonly ReservationStatus[] = ['pending'];

/** The conference instruction's parameters: the spec's unprefixed ones (UpdateWorkerReservation). */
const CONFERENCE_FIELDS = [
  'To',
  'From',
  'StatusCallback',
  'StatusCallbackMethod',
  'StatusCallbackEvent',
  'Timeout',
  'Record',
  'Muted',
  'Beep',
  'StartConferenceOnEnter',
  'EndConferenceOnExit',
  'WaitUrl',
  'WaitMethod',
  'EarlyMedia',
  'MaxParticipants',
  'ConferenceStatusCallback',
  'ConferenceStatusCallbackMethod',
  'ConferenceStatusCallbackEvent',
  'ConferenceRecord',
  'ConferenceTrim',
  'RecordingChannels',
  'RecordingStatusCallback',
  'RecordingStatusCallbackMethod',
  'ConferenceRecordingStatusCallback',
  'ConferenceRecordingStatusCallbackMethod',
  'Region',
  'SipAuthUsername',
  'SipAuthPassword',
  'PostWorkActivitySid',
  'EndConferenceOnCustomerExit',
  'BeepOnCustomerEntrance',
  'JitterBufferSize',
] as const;

/** Every action. */
export const ACTION_DESCRIPTORS: Readonly<Record<ActionName, ActionDescriptor>> = {
  accept: {
    name: 'accept',
    params: { ReservationStatus: 'accepted' },
    statuses: PENDING,
    fields: [],
    required: [],
    emphasis: 'primary',
  },
  reject: {
    name: 'reject',
    params: { ReservationStatus: 'rejected' },
    statuses: PENDING,
    fields: ['WorkerActivitySid'],
    required: [],
    emphasis: 'secondary',
  },
  dequeue: {
    name: 'dequeue',
    params: { Instruction: 'dequeue' },
    statuses: PENDING,
    fields: [
      'DequeuePostWorkActivitySid',
      'DequeueFrom',
      'DequeueRecord',
      'DequeueTimeout',
      'DequeueTo',
      'DequeueStatusCallbackUrl',
      'DequeueStatusCallbackEvent',
    ],
    required: REQUIRED_BY_INSTRUCTION.dequeue,
    emphasis: 'quiet',
  },
  call: {
    name: 'call',
    params: { Instruction: 'call' },
    statuses: PENDING,
    fields: ['CallFrom', 'CallRecord', 'CallTimeout', 'CallTo', 'CallUrl', 'CallStatusCallbackUrl', 'CallAccept'],
    required: REQUIRED_BY_INSTRUCTION.call,
    emphasis: 'quiet',
  },
  redirect: {
    name: 'redirect',
    params: { Instruction: 'redirect' },
    statuses: PENDING,
    fields: ['RedirectCallSid', 'RedirectAccept', 'RedirectUrl'],
    required: REQUIRED_BY_INSTRUCTION.redirect,
    emphasis: 'quiet',
  },
  conference: {
    name: 'conference',
    params: { Instruction: 'conference' },
    statuses: PENDING,
    fields: CONFERENCE_FIELDS,
    required: REQUIRED_BY_INSTRUCTION.conference,
    emphasis: 'quiet',
  },
  wrapUp: {
    name: 'wrapUp',
    params: { ReservationStatus: 'wrapping' },
    statuses: ['accepted'],
    fields: [],
    required: [],
    emphasis: 'primary',
  },
  complete: {
    name: 'complete',
    params: { ReservationStatus: 'completed' },
    statuses: ['accepted', 'wrapping'],
    fields: [],
    required: [],
    emphasis: 'secondary',
  },
};

/** Parameters an action sends by itself rather than through a field. */
export const FIXED_PARAMS = ['ReservationStatus', 'Instruction'] as const;

/** The action whose form carries a parameter (from the table); undefined for fixed and unknown ones. */
export function actionOf(name: string): ActionName | undefined {
  return ACTIONS.find((a) => ACTION_DESCRIPTORS[a].fields.includes(name));
}

/** Whether the action has a form (fields); the others act at once. */
export const hasForm = (action: ActionName): boolean => ACTION_DESCRIPTORS[action].fields.length > 0;

/** The actions a schema or an override offers (unknown names are left out), in `ACTIONS` order. */
export function offeredActions(schema?: SchemaOverride | ParameterSchema | null): ActionName[] {
  const chosen = schema && ('offered' in schema ? schema.offered : schema.actions);
  return chosen ? ACTIONS.filter((a) => chosen.includes(a)) : [...ACTIONS];
}

/** The offered actions valid for a status, in `ACTIONS` order. */
export function actionsForStatus(offered: readonly ActionName[], status: string): ActionDescriptor[] {
  return offered.map((a) => ACTION_DESCRIPTORS[a]).filter((a) => (a.statuses as readonly string[]).includes(status));
}
