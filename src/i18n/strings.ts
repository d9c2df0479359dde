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
  /** a row's accessible name, from its title */
  reservationFor(title: string): string;
  /** a title for a task that could not be read: "Task WT…" */
  task: string;
  /** readable names of the known channels; any other channel shows its unique name */
  channels: Readonly<Record<'voice' | 'chat' | 'sms' | 'email' | 'default', string>>;
  channel: string;
  queue: string;
  priority: string;
  /** how long the customer has waited (the task's age) */
  waited: string;
  /** how long an accepted or wrapping reservation has been handled */
  handling: string;
  timeLeft: string;
  taskLoading: string;
  taskFailed(message: string): string;
  details: string;
  /** the accessible name of a row's details */
  detailsOf(title: string): string;
  noDetails: string;
  /** the separator before finished reservations */
  finished: string;
  /** the worker's current activity, in the header */
  activity: string;
  /** the live channel is down and reconnecting */
  reconnecting: string;
  announceNew(status: string, title: string): string;
  announceStatus(title: string, status: string): string;
  announceMany(count: number): string;
  formClosed(action: string, status: string): string;
  actionFailed(action: string, message: string): string;
  actionLanded(action: string, status: string): string;
  actionsPaused: string;
  activitiesFailed(message: string): string;
  expiredWaiting: string;
  expiredPaused: string;
  expiredNotSent: string;
  formLoadFailed(message: string): string;
  stoppedByPage: string;
  notConnected: string;
  noApiBase: string;
  waitingForToken: string;
  badRegion(region: string): string;
  badUrl(attribute: string, value: string): string;
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
  reservationFor: (title) => `Reservation: ${title}`,
  task: 'Task',
  channels: { voice: 'Voice', chat: 'Chat', sms: 'SMS', email: 'Email', default: 'Task' },
  channel: 'Channel',
  queue: 'Queue',
  priority: 'Priority',
  waited: 'Waiting',
  handling: 'Handling',
  timeLeft: 'Time left',
  taskLoading: 'Loading the task…',
  taskFailed: (message) => `The task could not be loaded: ${message}`,
  details: 'Details',
  detailsOf: (title) => `Details: ${title}`,
  noDetails: 'No attributes.',
  finished: 'Finished',
  activity: 'Activity',
  reconnecting: 'Reconnecting…',
  announceNew: (status, title) => `New ${status} reservation: ${title}.`,
  announceStatus: (title, status) => `Reservation ${title} is now ${status}.`,
  announceMany: (count) => `${count} reservations changed.`,
  formClosed: (action, status) => `The ${action} form was closed: this reservation is now ${status}.`,
  actionFailed: (action, message) => `${action} failed: ${message}`,
  actionLanded: (action, status) => `${action} went through after all: this reservation is now ${status}.`,
  actionsPaused: 'Actions are paused until the page signs you in again.',
  activitiesFailed: (message) => `The activities could not be loaded: ${message}`,
  expiredWaiting: 'Your TaskRouter session has expired. The panel waits until the page signs you in again.',
  expiredPaused: 'Your TaskRouter session has expired. The list is paused until the page signs you in again.',
  expiredNotSent: 'Your TaskRouter session has expired, so this was not sent. Try again once you are signed in.',
  formLoadFailed: (message) => `The form could not be loaded: ${message}`,
  stoppedByPage: 'This action was stopped by the page.',
  notConnected: 'The panel is not connected to TaskRouter.',
  noApiBase: 'The panel has no api-base: set it to the URL of the TaskRouter API (ending in /v1).',
  waitingForToken: 'Waiting for sign-in…',
  badRegion: (region) => `region "${region}" is not a Twilio region (such as us1, ie1 or au1).`,
  badUrl: (attribute, value) => `${attribute} "${value}" is not a URL the panel can use (http or https).`,
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
    channels: { ...base.channels, ...partial.channels },
    validation: { ...base.validation, ...partial.validation },
  };
}
