/**
 * Test-side access to the emulator mounted at /emulator by web-test-runner.config.mjs.
 * Each test makes its own workspace through the control API, so test files running in
 * parallel never see each other's reservations.
 */
import type { Reservation, ReservationStatus, Task, Worker } from '../../src/wire/types.js';
import type { Fault, RecordedRequest, Scenario, ScenarioOptions, TaskContent } from '../../src/emulator/types.js';

export type { Fault, RecordedRequest, Scenario, ScenarioOptions, ScenarioReservation, TaskContent } from '../../src/emulator/types.js';

export const EMULATOR = '/emulator';
export const API_BASE = `${EMULATOR}/v1`;

/** A reservation as the control API answers it: the wire shape plus its `version` (what `If-Match` compares). */
export type ControlReservation = Reservation & { version: string };

/** A call of the emulator's control API (GET without a body, POST with one). */
export async function control<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${EMULATOR}/__control${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`emulator control ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

export const scenario = (options: ScenarioOptions = {}) => control<Scenario>('/scenario', options);

export const token = (workspaceSid: string, workerSid: string, ttlSeconds = 3600) =>
  control<{ token: string }>('/token', { workspaceSid, workerSid, ttlSeconds }).then((r) => r.token);

/**
 * A new reservation for a worker (the workspace's first by default): for the task with
 * this key or WT SID, or a new task with `content` (given only when the task is new).
 */
export const addReservation = (
  workspaceSid: string,
  options: { workerSid?: string; task?: string; status?: ReservationStatus; content?: TaskContent } = {},
) => control<ControlReservation>(`/workspaces/${workspaceSid}/reservations`, options);

export const setStatus = (workspaceSid: string, sid: string, status: ReservationStatus) =>
  control<ControlReservation>(`/workspaces/${workspaceSid}/reservations/${sid}`, { status });

export const advanceClock = (workspaceSid: string, ms: number) =>
  control<{ now: string }>(`/workspaces/${workspaceSid}/clock`, { advanceMs: ms });

export const setFaults = (workspaceSid: string, faults: Fault[]) =>
  control<{ faults: number }>(`/workspaces/${workspaceSid}/faults`, { faults });

export const requests = (workspaceSid: string) => control<RecordedRequest[]>(`/workspaces/${workspaceSid}/requests`);

export const reservationsPath = (s: Pick<Scenario, 'workspaceSid' | 'workerSid'>) =>
  `${API_BASE}/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations`;

/** A reservation as the emulator holds it, read through the control API (no auth, any worker), with its `version`. */
export const getReservation = (workspaceSid: string, sid: string) =>
  control<ControlReservation>(`/workspaces/${workspaceSid}/reservations/${sid}`);

/** A task (by scenario key or WT SID) in FetchTask's shape, read through the control API. */
export const getTask = (workspaceSid: string, keyOrSid: string) => control<Task>(`/workspaces/${workspaceSid}/tasks/${keyOrSid}`);

/**
 * Changes a task as UpdateTask does: `attributes`/`priority` (fires task.updated),
 * `assignmentStatus` `canceled` or `completed` with an optional `reason`.
 */
export const updateTask = (
  workspaceSid: string,
  keyOrSid: string,
  change: { attributes?: Record<string, unknown>; priority?: number; assignmentStatus?: 'canceled' | 'completed'; reason?: string },
) => control<Task>(`/workspaces/${workspaceSid}/tasks/${keyOrSid}`, change);

/** Moves a worker to an activity (WA SID or friendly name); fires worker.activity.update. */
export const setActivity = (workspaceSid: string, workerSid: string, activity: string) =>
  control<Worker>(`/workspaces/${workspaceSid}/workers/${workerSid}`, { activity });

/** Replaces a worker's attributes; fires worker.attributes.update. */
export const setWorkerAttributes = (workspaceSid: string, workerSid: string, attributes: Record<string, unknown>) =>
  control<Worker>(`/workspaces/${workspaceSid}/workers/${workerSid}`, { attributes });

/** The `Authorization` header value for HTTP Basic with the scenario's account credentials. */
export const basicAuth = (s: Pick<Scenario, 'accountSid' | 'authToken'>) => `Basic ${btoa(`${s.accountSid}:${s.authToken}`)}`;

/** Ends a worker's event streams on the server's side, as a proxy's idle timeout does; or counts them. */
export const streams = (workspaceSid: string, workerSid: string, change?: { cut: true }) =>
  control<{ open: number }>(`/workspaces/${workspaceSid}/workers/${workerSid}/streams`, change);
