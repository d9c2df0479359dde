/**
 * The connection seam: how the panel's state reaches TaskRouter. Two implementations share
 * it — the REST connection (`./rest/`: a TaskRouter-compatible endpoint at `api-base`, with
 * polling and an optional Server-Sent Events stream) and the event-bridge connection
 * (`./event-bridge/`: Twilio's event-bridge, with only the worker's Access Token, changes
 * pushed over its WebSocket). Both load on demand (`./load.ts`). Everything a connection
 * returns has been checked against the wire contract (src/wire/check.ts) and is in the
 * spec's shapes. No Lit, no DOM.
 */
import type { ApiError } from './errors.js';
import type { Activity, Reservation, ReservationStatus, Task, UpdateParams, Worker } from '../wire/types.js';

/** Whose reservations: a worker in a workspace. */
export interface WorkerRef {
  readonly workspaceSid: string;
  readonly workerSid: string;
}

/** The two connections (the panel's `connection` attribute: `twilio`, or absent for REST). */
export const CONNECTION_KINDS = ['rest', 'twilio'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/** A list that was read, with the items that did not fit the wire contract left out and named. */
export interface Listed<T> {
  readonly items: T[];
  /** set when items were left out (not fitting, duplicated, not asked for) */
  readonly unreadable?: ApiError;
}

/** A reservation and, when the answer carried it, its task. */
export interface Fetched {
  readonly reservation: Reservation;
  readonly task?: Task;
  /** seconds a pending reservation lives, when the answer said (event-bridge: `reservation_timeout`) */
  readonly timeoutSeconds?: number;
}

/** What a live channel tells between lists. */
export type LiveEvent =
  /** the channel is open (again): whatever happened while it was not is unknown, so the list is read again */
  | { readonly type: 'open'; readonly tokenLifetimeMs?: number }
  /** the channel is down (closed, refused, or silent past the heartbeat rule); it reconnects by itself */
  | { readonly type: 'closed' }
  /** a reservation, pushed whole */
  | ({ readonly type: 'reservation' } & Fetched)
  /** an event that names a reservation: fetch it */
  | { readonly type: 'reservation-sid'; readonly sid: string }
  /** a task, pushed whole (task.updated, …) */
  | { readonly type: 'task'; readonly task: Task }
  /** an event that names a task: fetch it */
  | { readonly type: 'task-sid'; readonly sid: string }
  /** the worker, pushed whole (worker.activity.update) */
  | { readonly type: 'worker'; readonly worker: Worker }
  /** a pushed message that does not fit the wire contract: reported, never used */
  | { readonly type: 'unreadable'; readonly error: ApiError };

export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** One worker's TaskRouter resources, by one of the two connections. Methods reject with `ApiError` only. */
export interface Connection {
  readonly kind: ConnectionKind;
  /**
   * What `list` returns: `all` the worker's reservations (REST's ListWorkerReservation,
   * filterable by status), or only the `active` ones (pending, accepted, wrapping: the
   * event-bridge's v2 list). With `active`, a reservation that leaves the list is fetched
   * to learn its last status.
   */
  readonly lists: 'all' | 'active';
  /** While the live channel is open, poll this many times slower (`Infinity`: not at all). */
  readonly livePollFactor: number;
  list(options?: CallOptions & { readonly status?: ReservationStatus }): Promise<Listed<Fetched>>;
  fetch(sid: string, options?: CallOptions): Promise<Fetched>;
  update(sid: string, params: UpdateParams, options?: CallOptions): Promise<Fetched>;
  fetchTask(taskSid: string, options?: CallOptions): Promise<Task>;
  listActivities(options?: CallOptions): Promise<Listed<Activity>>;
  fetchWorker(options?: CallOptions): Promise<Worker>;
  /**
   * Opens the live channel, if the connection has one, and keeps it open (reconnecting with
   * backoff and jitter) until the returned function is called. `open` is told on every
   * (re)connection, `closed` on every loss.
   */
  live?(listener: (event: LiveEvent) => void): () => void;
  /** A new token is in force: a live channel that carries the token reconnects with it. */
  tokenChanged?(): void;
}

/** What every connection is made with. */
export interface ConnectionConfig {
  readonly worker: WorkerRef;
  /** read before every call and every (re)connection */
  readonly getToken: () => string | undefined;
  /** ms a call may take (default 10000) */
  readonly timeoutMs?: number;
  /** told the server's clock (its `Date` header, ms since the epoch) after every answer */
  readonly onServerDate?: (serverMs: number) => void;
}

/** The REST connection's own settings. */
export interface RestConnectionConfig extends ConnectionConfig {
  /** base URL ending in `/v1`; may be relative to the page */
  readonly apiBase: string;
  /** optional Server-Sent Events stream of TaskRouter events, fetched with the same bearer header */
  readonly eventsUrl?: string;
}

/** The event-bridge connection's own settings. */
export interface EventBridgeConnectionConfig extends ConnectionConfig {
  /** `https://event-bridge[.<region>].twilio.com/v1/wschannels`, or a relative URL (the emulator's) */
  readonly url: string;
}
