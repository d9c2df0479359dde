/**
 * Every reservation status of the Worker Reservation resource, in the spec's order
 * (`worker_reservation_enum_status`; a test holds it to the spec).
 */
export const RESERVATION_STATUSES = [
  'pending',
  'accepted',
  'rejected',
  'timeout',
  'canceled',
  'rescinded',
  'wrapping',
  'completed',
] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** Statuses a worker can still act on, shown first in the list. */
export const ACTIVE_STATUSES = ['pending', 'accepted', 'wrapping'] as const satisfies readonly ReservationStatus[];

/** The four instructions of UpdateWorkerReservation. */
export const INSTRUCTIONS = ['dequeue', 'call', 'redirect', 'conference'] as const;
export type Instruction = (typeof INSTRUCTIONS)[number];

/** A Worker Reservation exactly as the API returns it (snake_case, as in the spec). */
export interface Reservation {
  account_sid: string;
  date_created: string;
  date_updated: string;
  reservation_status: ReservationStatus;
  sid: string;
  task_sid: string;
  worker_name: string;
  worker_sid: string;
  workspace_sid: string;
  url: string;
  links: Record<string, string>;
}

/** The paging envelope of a list response (`meta`); `key` names the list's property. */
export interface PageMeta<K extends string = 'reservations'> {
  page: number;
  page_size: number;
  first_page_url: string;
  previous_page_url: string | null;
  url: string;
  next_page_url: string | null;
  key: K;
}

export interface ReservationPage {
  reservations: Reservation[];
  meta: PageMeta;
}

/** A Task's assignment status (`task_enum_status` of the spec). */
export const TASK_STATUSES = ['pending', 'reserved', 'assigned', 'canceled', 'completed', 'wrapping'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * A Task as the API returns it (the spec's `taskrouter.v1.workspace.task`, operation
 * `FetchTask`): snake_case, ISO 8601 dates, `attributes` a JSON string.
 */
export interface Task {
  account_sid: string;
  /** seconds since the task was created */
  age: number;
  assignment_status: TaskStatus;
  /** the task's custom attributes, as a JSON string */
  attributes: string;
  addons: string | null;
  date_created: string;
  date_updated: string;
  task_queue_entered_date: string | null;
  priority: number;
  reason: string | null;
  sid: string;
  task_queue_sid: string | null;
  task_queue_friendly_name: string | null;
  task_channel_sid: string | null;
  task_channel_unique_name: string | null;
  /** seconds the task may live before it is assigned */
  timeout: number;
  workflow_sid: string | null;
  workflow_friendly_name: string | null;
  workspace_sid: string;
  url: string;
  links: Record<string, string>;
  virtual_start_time?: string | null;
  ignore_capacity?: boolean | null;
  routing_target?: string | null;
}

/** An Activity (the spec's `taskrouter.v1.workspace.activity`, operation `ListActivity`). */
export interface Activity {
  account_sid: string;
  /** whether a worker in this activity can receive tasks */
  available: boolean;
  date_created: string;
  date_updated: string;
  friendly_name: string;
  sid: string;
  workspace_sid: string;
  url: string;
  links: Record<string, string>;
}

export interface ActivityPage {
  activities: Activity[];
  meta: PageMeta<'activities'>;
}

/** A Worker (the spec's `taskrouter.v1.workspace.worker`, operation `FetchWorker`). */
export interface Worker {
  account_sid: string;
  activity_name: string;
  activity_sid: string;
  /** the worker's attributes, as a JSON string */
  attributes: string;
  available: boolean;
  date_created: string;
  date_status_changed: string | null;
  date_updated: string;
  friendly_name: string;
  sid: string;
  workspace_sid: string;
  url: string;
  links: Record<string, string>;
}

/** A WorkerChannel (the spec's `taskrouter.v1.workspace.worker.worker_channel`). */
export interface WorkerChannel {
  account_sid: string;
  assigned_tasks: number;
  available: boolean;
  available_capacity_percentage: number;
  configured_capacity: number;
  date_created: string;
  date_updated: string;
  sid: string;
  task_channel_sid: string;
  task_channel_unique_name: string;
  worker_sid: string;
  workspace_sid: string;
  url: string;
}

/** A page of ListWorkerChannel (`{channels, meta}`, meta.key `channels`). */
export interface WorkerChannelPage {
  channels: WorkerChannel[];
  meta: PageMeta<'channels'>;
}

/** Update parameters on the wire: PascalCase name → value (arrays become repeated keys). */
export type UpdateParams = Record<string, string | string[]>;

/** Twilio's classic error body. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}
