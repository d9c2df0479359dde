/**
 * The stories' access to the TaskRouter emulator: each story makes its own scenario (a
 * workspace, a worker, its reservations and a token) through the emulator's control API,
 * and may inject faults or move reservations. The emulator is mounted at `emulator/`
 * beside the Storybook's `iframe.html`: `/emulator` under `npm run storybook` (the Vite dev
 * server), `<sub-path>/emulator` for a static Storybook served from a sub-path (a Service
 * Worker; see .storybook/emulator/boot.ts).
 */
import type { Reservation, ReservationStatus, Task } from '../../src/wire/types.js';
import type { Fault, Scenario, ScenarioOptions, TaskContent } from '../../src/emulator/types.js';

export type { Fault, Scenario, ScenarioOptions, TaskContent };

/** The emulator's mount point as a path, relative to where this Storybook is served. */
export const emulatorBase = (): string => new URL('emulator', document.baseURI).pathname;

/** What the stories hand the panel as `api-base`. */
export const apiBase = (): string => `${emulatorBase()}/v1`;

/** The emulator's event-bridge channel (`connection="twilio"`), where a server hosts it. */
export const eventBridgeUrl = (): string => `${emulatorBase()}/v1/wschannels`;

async function control<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulatorBase()}/__control${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(`emulator control ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

/** A new workspace with the scenario's reservations; `token` is the main worker's. */
export const scenario = (options: ScenarioOptions = {}) => control<Scenario>('/scenario', options);

export const setFaults = (workspaceSid: string, faults: Fault[]) =>
  control<{ faults: number }>(`/workspaces/${workspaceSid}/faults`, { faults });

export const setStatus = (workspaceSid: string, sid: string, status: ReservationStatus) =>
  control<Reservation>(`/workspaces/${workspaceSid}/reservations/${sid}`, { status });

/** A new reservation: of an existing task (`task`: key or WT SID), or of a new task with `content`. */
export const addReservation = (
  workspaceSid: string,
  options: { workerSid?: string; task?: string; status?: ReservationStatus; content?: TaskContent } = {},
) => control<Reservation>(`/workspaces/${workspaceSid}/reservations`, options);

/** Moves a worker to an activity (by friendly name or WA SID), as its supervisor would. */
export const setWorkerActivity = (workspaceSid: string, workerSid: string, activity: string) =>
  control<{ activity_name: string }>(`/workspaces/${workspaceSid}/workers/${workerSid}`, { activity });

/** A task of a scenario (by its key or WT SID), as FetchTask answers it. */
export const getTask = (workspaceSid: string, keyOrSid: string) => control<Task>(`/workspaces/${workspaceSid}/tasks/${keyOrSid}`);

/** A fresh token for a worker of a scenario, as the host page's backend would hand out. */
export const token = (workspaceSid: string, workerSid: string, ttlSeconds = 3600) =>
  control<{ token: string }>('/token', { workspaceSid, workerSid, ttlSeconds }).then((r) => r.token);
