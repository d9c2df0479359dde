/**
 * What a worker's panel (and Twilio's own SDK) reads besides its reservations, under
 * `${basePath}/v1/Workspaces/{WS}`, each authenticated as the reservation routes are
 * (bearer Access Token with a TaskRouter grant, or HTTP Basic with the account's or the
 * API key's credentials):
 *
 * | route | operation | a worker's token may read |
 * | --- | --- | --- |
 * | `GET /Tasks/{WT}` | FetchTask | a task it holds a reservation for (any status) |
 * | `GET /Tasks/{WT}/Reservations` | ListTaskReservation | nothing (account credentials only) |
 * | `GET /Activities` | ListActivity | its workspace's activities |
 * | `GET /Workers/{WK}` | FetchWorker | itself |
 * | `GET /Workers/{WK}/Channels[/{WC}]` | ListWorkerChannel, FetchWorkerChannel | its own channels |
 *
 * A token for another workspace gets 403 everywhere. HTTP Basic reads everything; what
 * does not exist is 404.
 */
import { authenticate, authorizeWorkspace, type AuthResult } from './auth.js';
import { etagOf, json, wireBase, type EmulatorContext } from './context.js';
import { badRequest, forbidden, notFound } from './errors.js';
import { paginate } from './paging.js';
import { compareByCreated, type WorkerRecord, type WorkspaceRecord } from './state.js';
import { validatePaging, validateStatusFilter } from './validate.js';
import { activityToWire, taskReservationToWire, taskToWire, workerChannelToWire, workerToWire } from './wire.js';

const WORKER_SID = /^WK[0-9a-fA-F]{32}$/;

async function workspaceFor(ctx: EmulatorContext, request: Request, wsSid: string): Promise<{ auth: AuthResult; ws: WorkspaceRecord }> {
  const auth = await authenticate(ctx.auth, request.headers.get('authorization'));
  authorizeWorkspace(auth, wsSid);
  const ws = ctx.store.workspaces.get(wsSid);
  if (!ws) throw notFound(`Workspace ${wsSid} was not found`);
  return { auth, ws };
}

/**
 * FetchTask. A worker's token reads only a task it holds a reservation for, in any
 * status; for any other task it gets 403, whether that task exists or not. A 404 for
 * unknown tasks beside a 403 for other workers' tasks would tell a worker which task SIDs
 * exist in the workspace (and, by probing, how busy it is); one answer for both tells
 * nothing. The account's credentials get 404 for an unknown task. ETag: the task's version
 * (the spec declares ETag on FetchTask).
 */
export async function fetchTask(ctx: EmulatorContext, request: Request, wsSid: string, wtSid: string) {
  const { auth, ws } = await workspaceFor(ctx, request, wsSid);
  const task = ws.tasks.get(wtSid);
  if (auth.kind === 'token' && (!task || !ctx.store.holdsReservation(ws, task, auth.workerSid))) {
    throw forbidden(`Access Token for worker ${auth.workerSid} does not grant access to task ${wtSid}`);
  }
  if (!task) throw notFound(`Task ${wtSid} was not found in workspace ${wsSid}`);
  return json(taskToWire(wireBase(ctx, request.url), ws, task, ctx.store.clock(ws)), 200, { etag: etagOf(task) });
}

/**
 * ListTaskReservation (`ReservationStatus`, `WorkerSid`, paging): the account's
 * credentials only; a worker reads its reservations under its own worker.
 */
export async function listTaskReservations(ctx: EmulatorContext, request: Request, wsSid: string, wtSid: string) {
  const { auth, ws } = await workspaceFor(ctx, request, wsSid);
  if (auth.kind === 'token') {
    throw forbidden(`Access Token does not grant access to a task's reservations; read /Workers/${auth.workerSid}/Reservations`);
  }
  const search = new URL(request.url).searchParams;
  const q = validatePaging(search, ['ReservationStatus', 'WorkerSid']);
  const status = validateStatusFilter(search);
  const workerSid = search.get('WorkerSid');
  if (workerSid !== null && !WORKER_SID.test(workerSid)) {
    throw badRequest(`Invalid value ${JSON.stringify(workerSid)} for WorkerSid: must match ${WORKER_SID.source}`);
  }
  const task = ws.tasks.get(wtSid);
  if (!task) throw notFound(`Task ${wtSid} was not found in workspace ${wsSid}`);
  const all = task.reservationSids
    .map((sid) => ws.reservations.get(sid)!)
    .filter((r) => (!status || r.status === status) && (workerSid === null || r.workerSid === workerSid))
    .sort(compareByCreated);
  const base = wireBase(ctx, request.url);
  const filters: [string, string][] = [];
  if (status) filters.push(['ReservationStatus', status]);
  if (workerSid !== null) filters.push(['WorkerSid', workerSid]);
  const { items, meta } = paginate(all, q, `${base.root}/Workspaces/${ws.sid}/Tasks/${task.sid}/Reservations`, 'reservations', filters);
  return json({ reservations: items.map((r) => taskReservationToWire(base, ws, r)), meta });
}

/** `Available`: `true`, `1` and `yes` mean true; any other value false (ListActivity's description). */
const truthy = (v: string) => ['true', '1', 'yes'].includes(v.toLowerCase());

/** ListActivity (`FriendlyName`, `Available`, paging): any token of the workspace. */
export async function listActivities(ctx: EmulatorContext, request: Request, wsSid: string) {
  const { ws } = await workspaceFor(ctx, request, wsSid);
  const search = new URL(request.url).searchParams;
  const q = validatePaging(search, ['FriendlyName', 'Available']);
  const friendlyName = search.get('FriendlyName');
  const available = search.get('Available');
  const all = [...ws.activities.values()]
    .filter((a) => (friendlyName === null || a.friendlyName === friendlyName) && (available === null || a.available === truthy(available)))
    .sort(compareByCreated);
  const base = wireBase(ctx, request.url);
  const filters: [string, string][] = [];
  if (friendlyName !== null) filters.push(['FriendlyName', friendlyName]);
  if (available !== null) filters.push(['Available', available]);
  const { items, meta } = paginate(all, q, `${base.root}/Workspaces/${ws.sid}/Activities`, 'activities', filters);
  return json({ activities: items.map((a) => activityToWire(base, ws, a)), meta });
}

async function workerFor(ctx: EmulatorContext, request: Request, wsSid: string, wkSid: string) {
  const { auth, ws } = await workspaceFor(ctx, request, wsSid);
  if (auth.kind === 'token' && auth.workerSid !== wkSid) {
    throw forbidden(`Access Token is for worker ${auth.workerSid}, not ${wkSid}`);
  }
  const worker = ws.workers.get(wkSid);
  if (!worker) throw notFound(`Worker ${wkSid} was not found in workspace ${wsSid}`);
  return { ws, worker };
}

/** FetchWorker: a token reads only its own worker (403 otherwise). ETag: the worker's version. */
export async function fetchWorker(ctx: EmulatorContext, request: Request, wsSid: string, wkSid: string) {
  const { ws, worker } = await workerFor(ctx, request, wsSid, wkSid);
  return json(workerToWire(wireBase(ctx, request.url), ws, worker), 200, { etag: etagOf(worker) });
}

function channelWire(ctx: EmulatorContext, request: Request, ws: WorkspaceRecord, worker: WorkerRecord) {
  const base = wireBase(ctx, request.url);
  return (c: WorkerRecord['channels'][number]) =>
    workerChannelToWire(base, ws, worker, c, ctx.store.assignedTasks(ws, worker, c.taskChannelSid));
}

/** ListWorkerChannel (paging; `{channels, meta}`, meta.key `channels`): a token reads only its own worker's. */
export async function listWorkerChannels(ctx: EmulatorContext, request: Request, wsSid: string, wkSid: string) {
  const { ws, worker } = await workerFor(ctx, request, wsSid, wkSid);
  const q = validatePaging(new URL(request.url).searchParams);
  const all = [...worker.channels].sort(compareByCreated);
  const base = wireBase(ctx, request.url);
  const { items, meta } = paginate(all, q, `${base.root}/Workspaces/${ws.sid}/Workers/${worker.sid}/Channels`, 'channels');
  return json({ channels: items.map(channelWire(ctx, request, ws, worker)), meta });
}

/** FetchWorkerChannel, by the WorkerChannel's SID or its TaskChannel's unique name (`voice`). */
export async function fetchWorkerChannel(ctx: EmulatorContext, request: Request, wsSid: string, wkSid: string, wc: string) {
  const { ws, worker } = await workerFor(ctx, request, wsSid, wkSid);
  const taskChannel = ctx.store.taskChannel(ws, wc);
  const channel = worker.channels.find((c) => c.sid === wc || c.taskChannelSid === taskChannel?.sid);
  if (!channel) throw notFound(`WorkerChannel ${wc} was not found for worker ${wkSid}`);
  return json(channelWire(ctx, request, ws, worker)(channel));
}
