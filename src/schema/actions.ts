/**
 * The actions, with no field data: what the list needs to show its buttons, kept apart
 * from the parameter schema so the forms (and the spec's descriptions) can load only when
 * a form is opened. No Lit, no DOM.
 */
import type { ReservationStatus } from '../wire/types.js';
import { ACTIONS, type ActionDescriptor, type ActionName, type ParameterSchema, type SchemaOverride } from './schema.types.js';

const PENDING: readonly ReservationStatus[] = ['pending'];

const action = (
  name: ActionName,
  label: string,
  params: Record<string, string>,
  form: boolean,
  statuses: readonly ReservationStatus[],
): ActionDescriptor => ({ name, label, params, form, statuses });

/** Every action: its button label, the wire params it always sends, and when it is offered. */
export const ACTION_DESCRIPTORS: Readonly<Record<ActionName, ActionDescriptor>> = {
  accept: action('accept', 'Accept', { ReservationStatus: 'accepted' }, false, PENDING),
  reject: action('reject', 'Reject', { ReservationStatus: 'rejected' }, true, PENDING),
  dequeue: action('dequeue', 'Dequeue', { Instruction: 'dequeue' }, true, PENDING),
  call: action('call', 'Call', { Instruction: 'call' }, true, PENDING),
  redirect: action('redirect', 'Redirect', { Instruction: 'redirect' }, true, PENDING),
  conference: action('conference', 'Conference', { Instruction: 'conference' }, true, PENDING),
  wrapUp: action('wrapUp', 'Wrap up', { ReservationStatus: 'wrapping' }, false, ['accepted']),
  complete: action('complete', 'Complete', { ReservationStatus: 'completed' }, false, ['accepted', 'wrapping']),
};

/** The actions a schema or an override offers (unknown names are left out), in `ACTIONS` order. */
export function offeredActions(schema?: SchemaOverride | ParameterSchema | null): ActionName[] {
  const chosen = schema && ('offered' in schema ? schema.offered : schema.actions);
  return chosen ? ACTIONS.filter((a) => chosen.includes(a)) : [...ACTIONS];
}

/** The offered actions valid for a status, in `ACTIONS` order. */
export function actionsForStatus(offered: readonly ActionName[], status: string): ActionDescriptor[] {
  return offered.map((a) => ACTION_DESCRIPTORS[a]).filter((a) => (a.statuses as readonly string[]).includes(status));
}
