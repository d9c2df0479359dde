/**
 * The control API (only with `control: true`), JSON in and out, under
 * `${basePath}/__control`. Tests use it to make isolated workspaces (with their tasks'
 * content), issue tokens, change reservations, tasks and workers "remotely", move a
 * workspace's clock, inject faults and read the requests a workspace received. No
 * authentication: never enable it on a shared server. Refusals are Twilio-shaped 400s
 * naming the field; unknown workspaces, workers, tasks and reservations are 404s.
 */
import { RESERVATION_STATUSES, type ReservationStatus } from '../wire/types.js';
import { MAX_IDENTITY_LENGTH } from './auth.js';
import { json, wireBase, type EmulatorContext } from './context.js';
import { badRequest, notFound } from './errors.js';
import { isoSeconds } from './ids.js';
import { compareByCreated, type FaultState, type ReservationRecord, type TaskRecord, type WorkspaceRecord } from './state.js';
import type { Fault, Scenario, ScenarioOptions, ScenarioReservation, TaskContent } from './types.js';
import { reservationToWire, taskToWire, workerToWire } from './wire.js';

export async function readJson(body: string): Promise<Record<string, unknown>> {
  if (body.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(body);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* refused below */
  }
  throw badRequest('The control API takes a JSON object');
}

function workspaceOf(ctx: EmulatorContext, sid: string): WorkspaceRecord {
  const ws = ctx.store.workspaces.get(sid);
  if (!ws) throw notFound(`Workspace ${sid} was not found`);
  return ws;
}

function optionalNumber(body: Record<string, unknown>, name: string, label = name): number | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badRequest(`${label} must be a number`);
  return v;
}

function asStatus(v: unknown, name = 'status'): ReservationStatus {
  if (typeof v !== 'string' || !(RESERVATION_STATUSES as readonly string[]).includes(v)) {
    throw badRequest(`${name} must be one of ${RESERVATION_STATUSES.join(', ')}`);
  }
  return v as ReservationStatus;
}

/** The longest worker name the control API takes (a long one must still reach the panel). */
export const MAX_WORKER_NAME_LENGTH = 1000;

function workerNameOf(v: unknown, name: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw badRequest(`${name} must be a non-empty string`);
  const length = [...v].length;
  if (length > MAX_WORKER_NAME_LENGTH) {
    throw badRequest(`${name} must be at most ${MAX_WORKER_NAME_LENGTH} characters (it has ${length})`);
  }
  return v;
}

function plainObject(v: unknown, name: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw badRequest(`${name} must be a JSON object`);
  return v as Record<string, unknown>;
}

const CONTENT_KEYS = ['attributes', 'channel', 'queue', 'priority', 'timeout', 'ageSeconds'];

/** Checks a TaskContent's shape (the values' own rules are the store's). */
function contentOf(v: unknown, name: string): TaskContent {
  const c = plainObject(v, name);
  for (const k of Object.keys(c)) if (!CONTENT_KEYS.includes(k)) throw badRequest(`${name}: unknown key ${k}`);
  if (c['attributes'] !== undefined) plainObject(c['attributes'], `${name}.attributes`);
  for (const k of ['channel', 'queue']) {
    if (c[k] !== undefined && typeof c[k] !== 'string') throw badRequest(`${name}.${k} must be a string`);
  }
  for (const k of ['priority', 'timeout', 'ageSeconds']) optionalNumber(c, k, `${name}.${k}`);
  return c as TaskContent;
}

/** Makes a task from its content (channel and queue by name); `created` unless its own ageSeconds says otherwise. */
function makeTask(ctx: EmulatorContext, ws: WorkspaceRecord, content: TaskContent, created: number, key?: string) {
  const { ageSeconds, ...rest } = content;
  const at = ageSeconds === undefined ? created : ctx.store.clock(ws) - Math.round(ageSeconds * 1000);
  return ctx.store.createTask(ws, { ...rest, key, created: at });
}

/** The names of a workspace's activities, channels and queues, as a scenario gives them. */
function workspaceFacts(ws: WorkspaceRecord) {
  return {
    activities: [...ws.activities.values()]
      .sort(compareByCreated)
      .map((a) => ({ sid: a.sid, friendlyName: a.friendlyName, available: a.available })),
    taskChannels: Object.fromEntries([...ws.taskChannels.values()].map((c) => [c.uniqueName, c.sid])),
    taskQueues: Object.fromEntries([...ws.taskQueues.values()].map((q) => [q.friendlyName, q.sid])),
  };
}

/** Makes a scenario's workspace and state; returns the scenario as the control API answers it. */
export async function createScenario(ctx: EmulatorContext, options: ScenarioOptions, requestUrl: string): Promise<Scenario> {
  const { store } = ctx;
  const specs = options.reservations ?? [];
  specs.forEach((spec, i) => {
    plainObject(spec, `reservations[${i}]`);
    if (spec.status !== undefined) asStatus(spec.status, `reservations[${i}].status`);
    if (spec.task !== undefined && typeof spec.task !== 'string') throw badRequest(`reservations[${i}].task must be a string`);
    if (spec.worker !== undefined && spec.worker !== 'main' && spec.worker !== 'other') {
      throw badRequest(`reservations[${i}].worker must be main or other`);
    }
    optionalNumber(spec as Record<string, unknown>, 'ageSeconds', `reservations[${i}].ageSeconds`);
  });
  const contents = new Map<string, TaskContent>();
  if (options.tasks !== undefined) {
    for (const [key, v] of Object.entries(plainObject(options.tasks, 'tasks'))) contents.set(key, contentOf(v, `tasks.${key}`));
  }
  const name = options.workerName === undefined ? 'Alice Agent' : workerNameOf(options.workerName, 'workerName');
  const attributes = options.workerAttributes === undefined ? undefined : plainObject(options.workerAttributes, 'workerAttributes');
  const ws = store.createWorkspace({
    friendlyName: 'Test workspace',
    rejectionLimit: options.rejectionLimit,
    reservationTimeoutSeconds: options.reservationTimeoutSeconds,
  });
  let activitySid: string | undefined;
  if (options.workerActivity !== undefined) {
    activitySid = typeof options.workerActivity === 'string' ? store.activity(ws, options.workerActivity)?.sid : undefined;
    if (!activitySid) {
      store.workspaces.delete(ws.sid);
      throw badRequest(`workerActivity must name an activity: ${[...ws.activities.values()].map((a) => a.friendlyName).join(', ')}`);
    }
  }
  const main = store.addWorker(ws, { friendlyName: name, attributes, activitySid });
  const other = store.addWorker(ws, { friendlyName: 'Bob Other' });
  const now = store.clock(ws);
  const createdOf = (spec: ScenarioReservation) => now - Math.round((spec.ageSeconds ?? 0) * 1000);
  // a keyed task is as old as its oldest reservation, unless its content says otherwise
  const oldest = new Map<string, number>();
  for (const spec of specs) {
    if (spec.task !== undefined) oldest.set(spec.task, Math.min(oldest.get(spec.task) ?? Infinity, createdOf(spec)));
  }
  const keyed = new Map<string, TaskRecord>();
  try {
    const taskFor = (key: string) => {
      let task = keyed.get(key);
      if (!task) {
        task = makeTask(ctx, ws, contents.get(key) ?? {}, oldest.get(key) ?? now, key);
        keyed.set(key, task);
      }
      return task;
    };
    const records = specs.map((spec) => {
      const created = createdOf(spec);
      const task = spec.task !== undefined ? taskFor(spec.task) : store.createTask(ws, { created });
      return store.addReservation(ws, {
        workerSid: spec.worker === 'other' ? other.sid : main.sid,
        taskSid: task.sid,
        status: spec.status ?? 'pending',
        created,
      });
    });
    for (const key of contents.keys()) taskFor(key);
    const ttlSeconds = options.tokenTtlSeconds ?? 3600;
    const base = wireBase(ctx, requestUrl);
    return {
      accountSid: ctx.auth.accountSid,
      authToken: ctx.auth.authToken,
      apiKeySid: ctx.auth.apiKeySid,
      apiKeySecret: ctx.auth.signingSecret,
      workspaceSid: ws.sid,
      workerSid: main.sid,
      workerName: main.friendlyName,
      token: await ctx.issueToken({ workspaceSid: ws.sid, workerSid: main.sid, ttlSeconds }),
      otherWorkerSid: other.sid,
      otherWorkerToken: await ctx.issueToken({ workspaceSid: ws.sid, workerSid: other.sid, ttlSeconds }),
      reservations: records.map((r) => reservationToWire(base, ws, r)),
      ...workspaceFacts(ws),
      tasks: Object.fromEntries([...keyed].map(([key, t]) => [key, t.sid])),
    };
  } catch (e) {
    store.workspaces.delete(ws.sid);
    throw e;
  }
}

export async function scenarioRoute(ctx: EmulatorContext, request: Request, body: string) {
  const b = await readJson(body);
  if (b['reservations'] !== undefined && !Array.isArray(b['reservations'])) {
    throw badRequest('reservations must be an array');
  }
  return json(await createScenario(ctx, b as ScenarioOptions, request.url));
}

export async function tokenRoute(ctx: EmulatorContext, body: string) {
  const b = await readJson(body);
  const workspaceSid = b['workspaceSid'];
  const workerSid = b['workerSid'];
  if (typeof workspaceSid !== 'string' || typeof workerSid !== 'string') {
    throw badRequest('workspaceSid and workerSid are required strings');
  }
  let identity: string | undefined;
  if (b['identity'] !== undefined) {
    if (typeof b['identity'] !== 'string' || b['identity'] === '') throw badRequest('identity must be a non-empty string');
    if ([...b['identity']].length > MAX_IDENTITY_LENGTH) {
      throw badRequest(`identity must be at most ${MAX_IDENTITY_LENGTH} characters`);
    }
    identity = b['identity'];
  }
  const ttlSeconds = optionalNumber(b, 'ttlSeconds');
  return json({ token: await ctx.issueToken({ workspaceSid, workerSid, ttlSeconds, identity }) });
}

/** A reservation as the control API answers it: the wire shape plus its `version` (a string, as event-bridge payloads carry it). */
function controlReservation(ctx: EmulatorContext, request: Request, ws: WorkspaceRecord, r: ReservationRecord) {
  return { ...reservationToWire(wireBase(ctx, request.url), ws, r), version: String(r.version) };
}

export async function addReservationRoute(ctx: EmulatorContext, request: Request, body: string, wsSid: string) {
  const ws = workspaceOf(ctx, wsSid);
  const b = await readJson(body);
  const workerSid = typeof b['workerSid'] === 'string' ? b['workerSid'] : ws.workers.keys().next().value;
  if (!workerSid || !ws.workers.has(workerSid)) throw notFound(`Worker ${String(workerSid)} was not found`);
  if (b['task'] !== undefined && typeof b['task'] !== 'string') throw badRequest('task must be a string');
  const key = b['task'] as string | undefined;
  const content = b['content'] === undefined ? undefined : contentOf(b['content'], 'content');
  const status = b['status'] === undefined ? 'pending' : asStatus(b['status']);
  let task = key === undefined ? undefined : ctx.store.findTask(ws, key);
  if (task && content) throw badRequest(`Task ${key} exists: its content is declared once, when it is made`);
  if (!task && key !== undefined && TASK_SID.test(key)) throw notFound(`Task ${key} was not found`);
  task ??= makeTask(ctx, ws, content ?? {}, ctx.store.clock(ws), key);
  const r = ctx.store.addReservation(ws, { workerSid, taskSid: task.sid, status });
  return json(controlReservation(ctx, request, ws, r));
}

export function getReservationRoute(ctx: EmulatorContext, request: Request, wsSid: string, wrSid: string) {
  const ws = workspaceOf(ctx, wsSid);
  const r = ws.reservations.get(wrSid);
  if (!r) throw notFound(`Reservation ${wrSid} was not found`);
  return json(controlReservation(ctx, request, ws, r));
}

export async function setStatusRoute(ctx: EmulatorContext, request: Request, body: string, wsSid: string, wrSid: string) {
  const ws = workspaceOf(ctx, wsSid);
  const r = ws.reservations.get(wrSid);
  if (!r) throw notFound(`Reservation ${wrSid} was not found`);
  const b = await readJson(body);
  ctx.store.setStatus(ws, r, asStatus(b['status']));
  return json(controlReservation(ctx, request, ws, r));
}

const TASK_SID = /^WT[0-9a-fA-F]{32}$/;

function taskOf(ctx: EmulatorContext, ws: WorkspaceRecord, keyOrSid: string): TaskRecord {
  const task = ctx.store.findTask(ws, keyOrSid);
  if (!task) throw notFound(`Task ${keyOrSid} was not found`);
  return task;
}

/** `GET …/workspaces/{WS}/tasks/{key or WT}`: the task in FetchTask's shape. */
export function getTaskRoute(ctx: EmulatorContext, request: Request, wsSid: string, keyOrSid: string) {
  const ws = workspaceOf(ctx, wsSid);
  const task = taskOf(ctx, ws, keyOrSid);
  return json(taskToWire(wireBase(ctx, request.url), ws, task, ctx.store.clock(ws)));
}

const TASK_UPDATE_KEYS = ['attributes', 'priority', 'assignmentStatus', 'reason'];

/**
 * `POST …/workspaces/{WS}/tasks/{key or WT}` `{ attributes?, priority?, assignmentStatus?, reason? }`,
 * as UpdateTask: new attributes (a JSON object) and/or priority fire `task.updated`;
 * `assignmentStatus` `canceled` (a pending or reserved task) or `completed` (an assigned or
 * wrapping one) closes it with `reason`. Answers the task in FetchTask's shape.
 */
export async function updateTaskRoute(ctx: EmulatorContext, request: Request, body: string, wsSid: string, keyOrSid: string) {
  const ws = workspaceOf(ctx, wsSid);
  const task = taskOf(ctx, ws, keyOrSid);
  const b = await readJson(body);
  for (const k of Object.keys(b)) if (!TASK_UPDATE_KEYS.includes(k)) throw badRequest(`unknown key ${k}`);
  const attributes = b['attributes'] === undefined ? undefined : plainObject(b['attributes'], 'attributes');
  const priority = optionalNumber(b, 'priority');
  const status = b['assignmentStatus'];
  if (status !== undefined && status !== 'canceled' && status !== 'completed') {
    throw badRequest('assignmentStatus must be canceled or completed');
  }
  if (b['reason'] !== undefined && typeof b['reason'] !== 'string') throw badRequest('reason must be a string');
  if (status === undefined && b['reason'] !== undefined) throw badRequest('reason goes with assignmentStatus');
  // refused as a whole, before anything changes
  const refusal = status === undefined ? undefined : ctx.store.closeRefusal(task, status);
  if (refusal) throw refusal;
  ctx.store.updateTask(ws, task, { attributes, priority });
  if (status !== undefined) ctx.store.closeTask(ws, task, status, b['reason'] as string | undefined);
  return json(taskToWire(wireBase(ctx, request.url), ws, task, ctx.store.clock(ws)));
}

/**
 * `POST …/workspaces/{WS}/workers/{WK}` `{ activity?, attributes? }`: moves the worker to an
 * activity (its WA SID or friendly name), firing `worker.activity.update`, and/or replaces
 * its attributes (a JSON object), firing `worker.attributes.update`. Answers the worker in
 * FetchWorker's shape.
 */
export async function updateWorkerRoute(ctx: EmulatorContext, request: Request, body: string, wsSid: string, wkSid: string) {
  const ws = workspaceOf(ctx, wsSid);
  const worker = ws.workers.get(wkSid);
  if (!worker) throw notFound(`Worker ${wkSid} was not found`);
  const b = await readJson(body);
  for (const k of Object.keys(b)) if (k !== 'activity' && k !== 'attributes') throw badRequest(`unknown key ${k}`);
  const attributes = b['attributes'] === undefined ? undefined : plainObject(b['attributes'], 'attributes');
  let activitySid: string | undefined;
  if (b['activity'] !== undefined) {
    activitySid = typeof b['activity'] === 'string' ? ctx.store.activity(ws, b['activity'])?.sid : undefined;
    if (!activitySid) {
      const names = [...ws.activities.values()].map((a) => a.friendlyName).join(', ');
      throw badRequest(`activity must be the SID or friendly name of an activity of ${ws.sid}: ${names}`);
    }
  }
  if (attributes) ctx.store.updateWorkerAttributes(ws, worker, attributes);
  if (activitySid) ctx.store.setWorkerActivity(ws, worker, activitySid);
  return json(workerToWire(wireBase(ctx, request.url), ws, worker));
}

export async function clockRoute(ctx: EmulatorContext, body: string, wsSid: string) {
  const ws = workspaceOf(ctx, wsSid);
  const b = await readJson(body);
  const advanceMs = optionalNumber(b, 'advanceMs') ?? 0;
  if (advanceMs < 0) throw badRequest('advanceMs must not be negative');
  ws.offsetMs += advanceMs;
  ctx.store.sweep(ws);
  return json({ now: isoSeconds(ctx.store.clock(ws)), nowMs: ctx.store.clock(ws) });
}

const FAULT_KEYS = ['method', 'pathIncludes', 'status', 'retryAfter', 'latencyMs', 'drop', 'body', 'contentType', 'times'];

function parseFault(v: unknown, i: number): FaultState {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw badRequest(`faults[${i}] must be an object`);
  const f = v as Record<string, unknown>;
  for (const k of Object.keys(f)) if (!FAULT_KEYS.includes(k)) throw badRequest(`faults[${i}]: unknown key ${k}`);
  const str = (k: string) => {
    if (f[k] !== undefined && typeof f[k] !== 'string') throw badRequest(`faults[${i}].${k} must be a string`);
    return f[k] as string | undefined;
  };
  const num = (k: string) => {
    if (f[k] !== undefined && (typeof f[k] !== 'number' || !Number.isFinite(f[k]) || (f[k] as number) < 0)) {
      throw badRequest(`faults[${i}].${k} must be a number of 0 or more`);
    }
    return f[k] as number | undefined;
  };
  const status = num('status');
  if (status !== undefined && (status < 200 || status > 599 || !Number.isInteger(status))) {
    throw badRequest(`faults[${i}].status must be an HTTP status`);
  }
  if (f['drop'] !== undefined && typeof f['drop'] !== 'boolean') throw badRequest(`faults[${i}].drop must be a boolean`);
  const fault: Fault = {
    method: str('method')?.toUpperCase(),
    pathIncludes: str('pathIncludes'),
    status,
    retryAfter: num('retryAfter'),
    latencyMs: num('latencyMs'),
    drop: f['drop'] as boolean | undefined,
    body: str('body'),
    contentType: str('contentType'),
    times: num('times'),
  };
  return { ...fault, remaining: fault.times ?? Infinity };
}

export async function faultsRoute(ctx: EmulatorContext, body: string, wsSid: string) {
  const ws = workspaceOf(ctx, wsSid);
  const b = await readJson(body);
  if (!Array.isArray(b['faults'])) throw badRequest('faults must be an array');
  ws.faults = b['faults'].map(parseFault);
  return json({ faults: ws.faults.length });
}

export function requestsRoute(ctx: EmulatorContext, wsSid: string) {
  return json(workspaceOf(ctx, wsSid).requests);
}
