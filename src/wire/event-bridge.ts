/**
 * TaskRouter's event-bridge channel, as Twilio's browser SDK (`twilio-taskrouter` 2.1.1)
 * speaks it with nothing but a worker's Access Token. Facts from the SDK's source:
 * lib/util/Request.js (the envelope), lib/signaling/EventBridgeSignaling.js (the socket),
 * lib/Worker.js (`init`), lib/descriptors/*.js and the `*Properties` lists of
 * lib/Reservation.js, lib/Task.js, lib/Worker.js, lib/Activity.js, lib/Channel.js (the
 * fields a payload must carry, or the SDK throws), and test/mock/*.js (sample payloads).
 *
 * - HTTP: every call, reads included, is `POST <ebServer>` (Twilio:
 *   `https://event-bridge[.<region>].twilio.com/v1/wschannels`) with headers `apiVersion`
 *   (`v1` | `v2`), `clientVersion` and optionally `If-Match`, and the JSON body
 *   {@link EventBridgeCall}. The answer is `{ payload: <resource> }`; a failure is an HTTP
 *   error status with a JSON body that has `message` (the SDK reads
 *   `response.data.message`).
 * - WebSocket: `<wsServer>?token=<jwt>&closeExistingSessions=<bool>&clientVersion=<v>`
 *   (`&setWorkerOfflineIfDisconnected=<bool>` when set). Frames are JSON
 *   {@link EventBridgeFrame}; the first is `init`. The server beats every 15 s (any frame;
 *   an empty one is a heartbeat only), and the client gives the socket up after 30 s of
 *   silence.
 *
 * Payloads are snake_case like the REST API, but dates are epoch SECONDS (numbers) and the
 * task's queue and workflow are `queue_sid`/`queue_name`/`workflow_name`.
 */
import type { ReservationStatus, TaskStatus } from './types.js';

/** The `apiVersion` header values. */
export const EVENT_BRIDGE_API_VERSIONS = ['v1', 'v2'] as const;
export type EventBridgeApiVersion = (typeof EVENT_BRIDGE_API_VERSIONS)[number];

/** The JSON body of an event-bridge call (lib/util/Request.js `buildRequest`). */
export interface EventBridgeCall {
  /** the resource's path under `/v1/`, e.g. `Workspaces/WS…/Workers/WK…/Reservations/WR…` */
  url: string;
  method: 'GET' | 'POST';
  /** the REST API's PascalCase parameters; objects (e.g. `Attributes`) are sent as JSON */
  params: Record<string, unknown>;
  /** the worker's Access Token */
  token: string;
}

/** A successful answer. */
export interface EventBridgeAnswer<T> {
  payload: T;
}

/** A page of a list (`apiVersion` v2 reservations, v1 activities and worker channels). */
export interface EventBridgePage<T> {
  contents: T[];
  /** the last item's sid when more follow (send it back as `AfterSid`), else `null` */
  after_sid: string | null;
}

/** A Task as event-bridge payloads carry it (TaskProperties of lib/Task.js). */
export interface EventBridgeTask {
  account_sid: string;
  workspace_sid: string;
  sid: string;
  /** epoch seconds */
  date_created: number;
  /** epoch seconds */
  date_updated: number;
  /** the task's attributes as a JSON string */
  attributes: string;
  /** add-on results as a JSON string */
  addons: string;
  /** seconds since the task was created */
  age: number;
  assignment_status: TaskStatus;
  priority: number;
  reason: string | null;
  queue_sid: string | null;
  queue_name: string | null;
  task_channel_sid: string | null;
  task_channel_unique_name: string | null;
  /** seconds the task may live */
  timeout: number;
  workflow_sid: string | null;
  workflow_name: string | null;
  routing_target: string | null;
  /** counts the task's changes (the SDK sends it back as `If-Match`) */
  version: number;
  /** epoch seconds */
  virtual_start_time: number;
}

/** A Reservation as event-bridge payloads carry it (ReservationProperties of lib/Reservation.js). */
export interface EventBridgeReservation {
  account_sid: string;
  workspace_sid: string;
  sid: string;
  /** epoch seconds */
  date_created: number;
  /** epoch seconds */
  date_updated: number;
  reservation_status: ReservationStatus;
  /** seconds a pending reservation lives (the workflow's TaskReservationTimeout) */
  reservation_timeout: number;
  task_sid: string;
  task_channel_sid: string | null;
  worker_sid: string;
  worker_name: string;
  /** counts the reservation's changes: the REST API's ETag (the SDK sends it back as `If-Match`) */
  version: number;
  task: EventBridgeTask;
  /** the worker's activity when the reservation was made, when known */
  worker_previous_activity_sid?: string;
}

/** A Worker (WorkerProperties of lib/Worker.js). */
export interface EventBridgeWorker {
  account_sid: string;
  workspace_sid: string;
  sid: string;
  friendly_name: string;
  /** JSON string */
  attributes: string;
  activity_sid: string;
  activity_name: string;
  available: boolean;
  /** epoch seconds */
  date_created: number;
  /** epoch seconds */
  date_updated: number;
  /** epoch seconds */
  date_status_changed: number | null;
  version: number;
}

/** An Activity (ActivityProperties of lib/Activity.js). */
export interface EventBridgeActivity {
  account_sid: string;
  workspace_sid: string;
  sid: string;
  friendly_name: string;
  available: boolean;
  /** epoch seconds */
  date_created: number;
  /** epoch seconds */
  date_updated: number;
}

/** A WorkerChannel (ChannelProperties of lib/Channel.js). */
export interface EventBridgeWorkerChannel {
  account_sid: string;
  workspace_sid: string;
  sid: string;
  worker_sid: string;
  task_channel_sid: string;
  task_channel_unique_name: string;
  configured_capacity: number;
  assigned_tasks: number;
  available: boolean;
  available_capacity_percentage: number;
  /** epoch seconds */
  date_created: number;
  /** epoch seconds */
  date_updated: number;
  /** epoch MILLISECONDS (lib/descriptors/WorkerChannelDescriptor.js), or null when never reserved */
  last_reserved_time: number | null;
}

/** The first frame on a socket (lib/Worker.js, `init`). */
export interface EventBridgeInit {
  /** the worker's sid */
  channel_id: string;
  account_sid: string;
  workspace_sid: string;
  /** milliseconds until the token expires (the SDK fires `tokenExpired` 5 s before) */
  token_lifetime: number;
}

/** Reservation frames (lib/handlers/TaskRouterEventHandler.js). */
export const EVENT_BRIDGE_RESERVATION_EVENTS = [
  'reservation.created',
  'reservation.accepted',
  'reservation.rejected',
  'reservation.timeout',
  'reservation.canceled',
  'reservation.rescinded',
  'reservation.wrapup',
  'reservation.completed',
] as const;
/** Task frames, sent to every worker holding a reservation for the task. */
export const EVENT_BRIDGE_TASK_EVENTS = ['task.updated', 'task.canceled', 'task.completed', 'task.wrapup'] as const;

export type EventBridgeFrame =
  | { event_type: 'init'; payload: EventBridgeInit }
  | { event_type: (typeof EVENT_BRIDGE_RESERVATION_EVENTS)[number]; payload: EventBridgeReservation }
  | { event_type: (typeof EVENT_BRIDGE_TASK_EVENTS)[number]; payload: EventBridgeTask }
  | { event_type: 'worker.activity.update' | 'worker.attributes.update'; payload: EventBridgeWorker };

/** The WebSocket URL's query parameters (lib/util/Constants.js `EB_URL_PARAMS`). */
export const EVENT_BRIDGE_URL_PARAMS = {
  token: 'token',
  closeExistingSessions: 'closeExistingSessions',
  clientVersion: 'clientVersion',
  setWorkerOfflineIfDisconnected: 'setWorkerOfflineIfDisconnected',
} as const;

/** Seconds between the server's heartbeats, and of silence after which the SDK reconnects. */
export const EVENT_BRIDGE_HEARTBEAT_SECONDS = 15;
export const EVENT_BRIDGE_SILENCE_SECONDS = 30;
