/**
 * The control API (only with `control: true`), JSON in and out, under
 * `${basePath}/__control`. Tests use it to make isolated workspaces, issue tokens, change
 * reservations "remotely", move a workspace's clock, inject faults and read the requests
 * a workspace received. No authentication: never enable it on a shared server.
 */
import { RESERVATION_STATUSES, type ReservationStatus } from '../wire/types.js';
import { apiRoot, json, toWire, type EmulatorContext } from './context.js';
import { badRequest, notFound } from './errors.js';
import { isoSeconds } from './ids.js';
import type { FaultState, WorkspaceRecord } from './state.js';
import type { Fault, Scenario, ScenarioOptions } from './types.js';

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

function optionalNumber(body: Record<string, unknown>, name: string): number | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badRequest(`${name} must be a number`);
  return v;
}

function asStatus(v: unknown, name = 'status'): ReservationStatus {
  if (typeof v !== 'string' || !(RESERVATION_STATUSES as readonly string[]).includes(v)) {
    throw badRequest(`${name} must be one of ${RESERVATION_STATUSES.join(', ')}`);
  }
  return v as ReservationStatus;
}

/** Makes a scenario's workspace and state; returns the scenario as the control API answers it. */
export async function createScenario(ctx: EmulatorContext, options: ScenarioOptions, requestUrl: string): Promise<Scenario> {
  const { store } = ctx;
  const ws = store.createWorkspace({
    friendlyName: 'Test workspace',
    rejectionLimit: options.rejectionLimit,
    reservationTimeoutSeconds: options.reservationTimeoutSeconds,
  });
  const main = store.addWorker(ws, options.workerName ?? 'Alice Agent');
  const other = store.addWorker(ws, 'Bob Other');
  const now = store.clock(ws);
  const records = (options.reservations ?? []).map((spec, i) => {
    if (spec.status !== undefined) asStatus(spec.status, `reservations[${i}].status`);
    const task = store.task(ws, spec.task);
    const created = now - Math.round((spec.ageSeconds ?? 0) * 1000);
    const r = store.addReservation(ws, {
      workerSid: spec.worker === 'other' ? other.sid : main.sid,
      taskSid: task.sid,
      status: spec.status ?? 'pending',
      created,
    });
    return r;
  });
  const ttlSeconds = options.tokenTtlSeconds ?? 3600;
  const root = apiRoot(ctx, requestUrl);
  return {
    accountSid: ctx.auth.accountSid,
    authToken: ctx.auth.authToken,
    workspaceSid: ws.sid,
    workerSid: main.sid,
    workerName: main.friendlyName,
    token: await ctx.issueToken({ workspaceSid: ws.sid, workerSid: main.sid, ttlSeconds }),
    otherWorkerSid: other.sid,
    otherWorkerToken: await ctx.issueToken({ workspaceSid: ws.sid, workerSid: other.sid, ttlSeconds }),
    reservations: records.map((r) => toWire(ctx, ws, r, root)),
  };
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
  const identity = typeof b['identity'] === 'string' ? b['identity'] : undefined;
  const ttlSeconds = optionalNumber(b, 'ttlSeconds');
  return json({ token: await ctx.issueToken({ workspaceSid, workerSid, ttlSeconds, identity }) });
}

export async function addReservationRoute(ctx: EmulatorContext, request: Request, body: string, wsSid: string) {
  const ws = workspaceOf(ctx, wsSid);
  const b = await readJson(body);
  const workerSid = typeof b['workerSid'] === 'string' ? b['workerSid'] : ws.workers.keys().next().value;
  if (!workerSid || !ws.workers.has(workerSid)) throw notFound(`Worker ${String(workerSid)} was not found`);
  const task = ctx.store.task(ws, typeof b['task'] === 'string' ? b['task'] : undefined);
  const status = b['status'] === undefined ? 'pending' : asStatus(b['status']);
  const r = ctx.store.addReservation(ws, { workerSid, taskSid: task.sid, status });
  return json(toWire(ctx, ws, r, apiRoot(ctx, request.url)));
}

export function getReservationRoute(ctx: EmulatorContext, request: Request, wsSid: string, wrSid: string) {
  const ws = workspaceOf(ctx, wsSid);
  const r = ws.reservations.get(wrSid);
  if (!r) throw notFound(`Reservation ${wrSid} was not found`);
  return json(toWire(ctx, ws, r, apiRoot(ctx, request.url)));
}

export async function setStatusRoute(ctx: EmulatorContext, request: Request, body: string, wsSid: string, wrSid: string) {
  const ws = workspaceOf(ctx, wsSid);
  const r = ws.reservations.get(wrSid);
  if (!r) throw notFound(`Reservation ${wrSid} was not found`);
  const b = await readJson(body);
  ctx.store.setStatus(ws, r, asStatus(b['status']));
  return json(toWire(ctx, ws, r, apiRoot(ctx, request.url)));
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
