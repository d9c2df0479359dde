/**
 * The Worker Reservation resource under `${basePath}/v1`: list, fetch and update, each
 * authenticated (401), authorised for the URL's workspace and worker (403), then looked
 * up (404).
 */
import { authenticate, authorize } from './auth.js';
import { apiRoot, etagOf, json, toWire, type EmulatorContext } from './context.js';
import { ApiError, badRequest, notFound, ERROR_CODES } from './errors.js';
import { compareReservations, type ReservationRecord, type WorkspaceRecord } from './state.js';
import { parseForm, validateListQuery, validateUpdate, type ListQuery } from './validate.js';

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

function reservationOf(t: Target, wrSid: string): ReservationRecord {
  const r = t.ws.reservations.get(wrSid);
  if (!r || r.workerSid !== t.workerSid) throw notFound(`Reservation ${wrSid} was not found for worker ${t.workerSid}`);
  return r;
}

// ---- paging ---------------------------------------------------------------------------

/** Page tokens: `PA` (the page after) or `PB` (the page before) + base64url of the boundary's sort key. */
type PageToken = { direction: 'after' | 'before'; seconds: number; sid: string };

const b64url = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const unb64url = (s: string) => atob(s.replace(/-/g, '+').replace(/_/g, '/'));

function encodeToken(direction: PageToken['direction'], r: ReservationRecord): string {
  return `${direction === 'after' ? 'PA' : 'PB'}${b64url(`${Math.floor(r.created / 1000)}.${r.sid}`)}`;
}

function decodeToken(token: string): PageToken {
  const m = /^(PA|PB)([A-Za-z0-9_-]+)$/.exec(token);
  let decoded = '';
  try {
    decoded = m ? unb64url(m[2]!) : '';
  } catch {
    /* refused below */
  }
  const k = /^(\d+)\.(WR[0-9a-fA-F]{32})$/.exec(decoded);
  if (!m || !k) throw badRequest(`Invalid value ${JSON.stringify(token)} for PageToken`);
  return { direction: m[1] === 'PA' ? 'after' : 'before', seconds: Number(k[1]), sid: k[2]! };
}

function compareToKey(r: ReservationRecord, t: PageToken): number {
  const s = Math.floor(r.created / 1000);
  return s !== t.seconds ? s - t.seconds : r.sid < t.sid ? -1 : r.sid > t.sid ? 1 : 0;
}

function pageUrl(listUrl: string, q: ListQuery, page: number, token?: string): string {
  const params = new URLSearchParams();
  if (q.status) params.set('ReservationStatus', q.status);
  params.set('PageSize', String(q.pageSize));
  params.set('Page', String(page));
  if (token) params.set('PageToken', token);
  return `${listUrl}?${params}`;
}

export async function listReservations(ctx: EmulatorContext, request: Request, wsSid: string, wkSid: string) {
  const t = await resolve(ctx, request, wsSid, wkSid);
  const url = new URL(request.url);
  const q = validateListQuery(url.searchParams);
  const all = [...t.ws.reservations.values()]
    .filter((r) => r.workerSid === t.workerSid && (!q.status || r.status === q.status))
    .sort(compareReservations);
  let start: number;
  if (q.pageToken) {
    const token = decodeToken(q.pageToken);
    if (token.direction === 'after') {
      start = all.findIndex((r) => compareToKey(r, token) > 0);
      if (start < 0) start = all.length;
    } else {
      let end = all.findIndex((r) => compareToKey(r, token) >= 0);
      if (end < 0) end = all.length;
      start = Math.max(0, end - q.pageSize);
    }
  } else {
    start = Math.min(q.page * q.pageSize, all.length);
  }
  const items = all.slice(start, start + q.pageSize);
  const root = apiRoot(ctx, request.url);
  const listUrl = `${root}/Workspaces/${t.ws.sid}/Workers/${t.workerSid}/Reservations`;
  const last = items[items.length - 1];
  const first = items[0];
  const hasNext = start + items.length < all.length && last !== undefined;
  const hasPrevious = start > 0;
  return json({
    reservations: items.map((r) => toWire(ctx, t.ws, r, root)),
    meta: {
      page: q.page,
      page_size: q.pageSize,
      first_page_url: pageUrl(listUrl, q, 0),
      previous_page_url: hasPrevious
        ? pageUrl(listUrl, q, Math.max(0, q.page - 1), first ? encodeToken('before', first) : undefined)
        : null,
      url: pageUrl(listUrl, q, q.page, q.pageToken),
      next_page_url: hasNext ? pageUrl(listUrl, q, q.page + 1, encodeToken('after', last)) : null,
      key: 'reservations',
    },
  });
}

export async function fetchReservation(
  ctx: EmulatorContext,
  request: Request,
  wsSid: string,
  wkSid: string,
  wrSid: string,
) {
  const t = await resolve(ctx, request, wsSid, wkSid);
  const r = reservationOf(t, wrSid);
  return json(toWire(ctx, t.ws, r, apiRoot(ctx, request.url)), 200, { etag: etagOf(r) });
}

/** `If-Match` matches `*`, or the current ETag, quoted or not, weak or strong. */
function ifMatchHolds(header: string, r: ReservationRecord): boolean {
  return header
    .split(',')
    .map((v) => v.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1'))
    .some((v) => v === '*' || v === String(r.version));
}

export async function updateReservation(
  ctx: EmulatorContext,
  request: Request,
  body: string,
  wsSid: string,
  wkSid: string,
  wrSid: string,
) {
  const t = await resolve(ctx, request, wsSid, wkSid);
  const r = reservationOf(t, wrSid);
  const command = validateUpdate(parseForm(request.headers.get('content-type'), body));
  const ifMatch = request.headers.get('if-match');
  if (ifMatch !== null && !ifMatchHolds(ifMatch, r)) {
    throw new ApiError(
      412,
      `Reservation ${r.sid} was changed: If-Match ${ifMatch} does not match the current ETag ${etagOf(r)}`,
      ERROR_CODES.preconditionFailed,
    );
  }
  if (command.kind === 'status') ctx.store.applyStatus(t.ws, r, command.status);
  else ctx.store.applyInstruction(t.ws, r, command.instruction, command.accepts);
  return json(toWire(ctx, t.ws, r, apiRoot(ctx, request.url)), 200, { etag: etagOf(r) });
}
