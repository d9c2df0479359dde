/**
 * The Worker Reservation resource under `${basePath}/v1`: list, fetch and update, each
 * authenticated (401), authorised for the URL's workspace and worker (403), then looked
 * up (404).
 *
 * ETag: as the spec declares it, on ListWorkerReservation's answer only (a weak ETag of
 * the page, see pageEtag); FetchWorkerReservation and UpdateWorkerReservation declare
 * none and send none. `If-Match` on an update is compared with the reservation's
 * `version` (1, then +1 on every change): the value TaskRouter's event-bridge payloads
 * carry as `version` and Twilio's browser SDK sends as `If-Match` (twilio-taskrouter,
 * lib/Reservation.js). `*` matches any version.
 */
import { authenticate, authorize } from './auth.js';
import { json, wireBase, type EmulatorContext } from './context.js';
import { ApiError, notFound, ERROR_CODES } from './errors.js';
import { pageEtag, paginate } from './paging.js';
import { compareByCreated, type ReservationRecord, type WorkspaceRecord } from './state.js';
import { parseForm, validateActivitySids, validateListQuery, validateUpdate } from './validate.js';
import { reservationToWire } from './wire.js';

interface Target {
  ws: WorkspaceRecord;
  workerSid: string;
}

async function resolve(ctx: EmulatorContext, request: Request, wsSid: string, wkSid: string): Promise<Target> {
  const auth = await authenticate(ctx.auth, request.headers.get('authorization'));
  authorize(auth, wsSid, wkSid);
  const ws = ctx.store.workspaces.get(wsSid);
  if (!ws) throw notFound(`Workspace ${wsSid} was not found`);
  if (!ws.workers.has(wkSid)) throw notFound(`Worker ${wkSid} was not found in workspace ${wsSid}`);
  return { ws, workerSid: wkSid };
}

/** An Activity's SID as the workspace holds it: hex digits compared without case. */
function activitySid(ws: WorkspaceRecord, sid: string): string | undefined {
  const normalised = `${sid.slice(0, 2)}${sid.slice(2).toLowerCase()}`;
  return ws.activities.has(sid) ? sid : ws.activities.has(normalised) ? normalised : undefined;
}

function reservationOf(t: Target, wrSid: string): ReservationRecord {
  const r = t.ws.reservations.get(wrSid);
  if (!r || r.workerSid !== t.workerSid) throw notFound(`Reservation ${wrSid} was not found for worker ${t.workerSid}`);
  return r;
}

export async function listReservations(ctx: EmulatorContext, request: Request, wsSid: string, wkSid: string) {
  const t = await resolve(ctx, request, wsSid, wkSid);
  const q = validateListQuery(new URL(request.url).searchParams);
  const all = [...t.ws.reservations.values()]
    .filter((r) => r.workerSid === t.workerSid && (!q.status || r.status === q.status))
    .sort(compareByCreated);
  const base = wireBase(ctx, request.url);
  const listUrl = `${base.root}/Workspaces/${t.ws.sid}/Workers/${t.workerSid}/Reservations`;
  const filters: [string, string][] = q.status ? [['ReservationStatus', q.status]] : [];
  const { items, meta } = paginate(all, q, listUrl, 'reservations', filters);
  return json({ reservations: items.map((r) => reservationToWire(base, t.ws, r)), meta }, 200, { etag: pageEtag(items) });
}

export async function fetchReservation(ctx: EmulatorContext, request: Request, wsSid: string, wkSid: string, wrSid: string) {
  const t = await resolve(ctx, request, wsSid, wkSid);
  const r = reservationOf(t, wrSid);
  return json(reservationToWire(wireBase(ctx, request.url), t.ws, r));
}

/** `If-Match` matches `*`, or the reservation's version, quoted or not, weak or strong. */
function ifMatchHolds(header: string, r: ReservationRecord): boolean {
  return header
    .split(',')
    .map((v) =>
      v
        .trim()
        .replace(/^W\//, '')
        .replace(/^"(.*)"$/, '$1'),
    )
    .some((v) => v === '*' || v === String(r.version));
}

export async function updateReservation(ctx: EmulatorContext, request: Request, body: string, wsSid: string, wkSid: string, wrSid: string) {
  const t = await resolve(ctx, request, wsSid, wkSid);
  const r = reservationOf(t, wrSid);
  const command = validateUpdate(parseForm(request.headers.get('content-type'), body));
  const activities = validateActivitySids(command.params, (sid) => activitySid(t.ws, sid), t.ws.sid);
  const ifMatch = request.headers.get('if-match');
  if (ifMatch !== null && !ifMatchHolds(ifMatch, r)) {
    throw new ApiError(
      412,
      `Reservation ${r.sid} was changed: If-Match ${ifMatch} does not match its current version ${r.version}`,
      ERROR_CODES.preconditionFailed,
    );
  }
  if (command.kind === 'status') {
    ctx.store.applyStatus(t.ws, r, command.status, activities.get('WorkerActivitySid'));
  } else {
    ctx.store.applyInstruction(t.ws, r, command.instruction, command.accepts);
  }
  return json(reservationToWire(wireBase(ctx, request.url), t.ws, r));
}
