/**
 * Every string the panel shows or announces, in one table a host can replace (wholly, or
 * key by key through the panel's `strings` property). Field labels and help texts come
 * from the parameter schema and are changed through its override. No Lit, no DOM.
 */
import type { ReservationStatus } from '../wire/types.js';
import { VALIDATION_EN, type ValidationMessages } from '../schema/messages.js';
import type { ActionName } from '../schema/schema.types.js';

export interface PanelStrings {
  statuses: Readonly<Record<ReservationStatus, string>>;
  actions: Readonly<Record<ActionName, string>>;
  reservations: string;
  loading: string;
  empty: string;
  emptyWithStatus(status: string): string;
  loadFailed(message: string): string;
  refreshFailed(message: string): string;
  retry: string;
  reservationFor(taskSid: string): string;
  task: string;
  worker: string;
  age: string;
  timeLeft: string;
  announceNew(status: string, taskSid: string): string;
  announceStatus(taskSid: string, status: string): string;
  announceMany(count: number): string;
  formClosed(action: string, status: string): string;
  expiredWaiting: string;
  expiredPaused: string;
  expiredNotSent: string;
  formLoadFailed(message: string): string;
  stoppedByPage: string;
  notConnected: string;
  noApiBase: string;
  noToken: string;
  noWorkspace: string;
  badWorkspace(sid: string): string;
  noWorker: string;
  badWorker(sid: string): string;
  schemaRefused(message: string): string;
  advanced(count: number): string;
  choose: string;
  notSet: string;
  defaultOption(value: string): string;
  defaultHint(value: string): string;
  contactHint: string;
  /** the visible text of the Add and Remove buttons of a list field */
  addButton: string;
  removeButton: string;
  /** their accessible names */
  add(label: string): string;
  remove(label: string): string;
  entry(label: string, n: number): string;
  cancel: string;
  sending(action: string): string;
  validation: ValidationMessages;
}

export const EN: PanelStrings = {
  statuses: {
    pending: 'Pending',
    accepted: 'Accepted',
    rejected: 'Rejected',
    timeout: 'Timed out',
    canceled: 'Canceled',
    rescinded: 'Rescinded',
    wrapping: 'Wrapping up',
    completed: 'Completed',
  },
  actions: {
    accept: 'Accept',
    reject: 'Reject',
    dequeue: 'Dequeue',
    call: 'Call',
    redirect: 'Redirect',
    conference: 'Conference',
    wrapUp: 'Wrap up',
    complete: 'Complete',
  },
  reservations: 'Reservations',
  loading: 'Loading reservations…',
  empty: 'No reservations.',
  emptyWithStatus: (status) => `No ${status} reservations.`,
  loadFailed: (message) => `Could not load the reservations: ${message}`,
  refreshFailed: (message) => `Could not refresh the reservations: ${message}`,
  retry: 'Retry',
  reservationFor: (task) => `Reservation for task ${task}`,
  task: 'Task',
  worker: 'Worker',
  age: 'Age',
  timeLeft: 'Time left',
  announceNew: (status, task) => `New ${status} reservation for task ${task}.`,
  announceStatus: (task, status) => `Reservation for task ${task} is now ${status}.`,
  announceMany: (count) => `${count} reservations changed.`,
  formClosed: (action, status) => `The ${action} form was closed: this reservation is now ${status}.`,
  expiredWaiting: 'Your TaskRouter session has expired. The panel waits until the page signs you in again.',
  expiredPaused: 'Your TaskRouter session has expired. The list is paused until the page signs you in again.',
  expiredNotSent: 'Your TaskRouter session has expired, so this was not sent. Try again once you are signed in.',
  formLoadFailed: (message) => `The form could not be loaded: ${message}`,
  stoppedByPage: 'This action was stopped by the page.',
  notConnected: 'The panel is not connected to TaskRouter.',
  noApiBase: 'The panel has no api-base: set it to the URL of the TaskRouter API (ending in /v1).',
  noToken: 'The panel has no token yet: the page has not signed you in to TaskRouter.',
  noWorkspace: 'No workspace: set workspace-sid, or use a token with a TaskRouter grant.',
  badWorkspace: (sid) => `workspace-sid "${sid}" is not a Workspace SID (WS followed by 32 hexadecimal digits).`,
  noWorker: 'No worker: set worker-sid, or use a token with a TaskRouter grant.',
  badWorker: (sid) => `worker-sid "${sid}" is not a Worker SID (WK followed by 32 hexadecimal digits).`,
  schemaRefused: (message) => `The schema property was refused, the default schema is used: ${message}`,
  advanced: (count) => `Advanced options (${count})`,
  choose: 'Choose…',
  notSet: 'Not set',
  defaultOption: (value) => `Default (${value})`,
  defaultHint: (value) => ` Default: ${value}.`,
  contactHint: 'An E.164 number (+15551234567), a client:name or a sip: URI.',
  addButton: 'Add',
  removeButton: 'Remove',
  add: (label) => `Add to ${label}`,
  remove: (label) => `Remove ${label}`,
  entry: (label, n) => `${label} ${n}`,
  cancel: 'Cancel',
  sending: (action) => `${action}…`,
  validation: VALIDATION_EN,
};

/** A table with a host's replacements laid over another (English by default). */
export function withStrings(partial: Partial<PanelStrings> | undefined, base: PanelStrings = EN): PanelStrings {
  if (!partial) return base;
  return {
    ...base,
    ...partial,
    statuses: { ...base.statuses, ...partial.statuses },
    actions: { ...base.actions, ...partial.actions },
    validation: { ...base.validation, ...partial.validation },
  };
}
