/**
 * The event-bridge channel's HTTP side: `POST ${basePath}/v1/wschannels`, Twilio's
 * `https://event-bridge.twilio.com/v1/wschannels` (src/wire/event-bridge.ts).
 *
 * Each call `{ url, method, params, token }` (header `apiVersion`) is checked as an
 * envelope (400), its token authenticated (401), then carried out by the REST API of the
 * same core as an internal request (`Authorization: Bearer <token>`, the params as a
 * form body for POST or as the query for GET): the same authorization (403), lookups
 * (404), parameter validation (400), `If-Match` (412) and status rules, on the same
 * state. The REST answer is then given in the SDK's shapes (event-bridge-payloads.ts):
 * `{ payload: … }`, dates as epoch seconds, a reservation with its task, lists as
 * `{ contents, after_sid }` pages. A refusal keeps the REST API's status and Twilio body
 * `{ code, message, more_info, status }` (the SDK shows `message`).
 *
 * Calls served (apiVersion, method, url under `Workspaces/{WS}/`), as the SDK makes them
 * (lib/Worker.js, lib/Reservation.js, lib/Task.js, lib/data/*Entity.js):
 * - v2 GET `Workers/{WK}/Reservations` `{ Active?: 'true', PageSize?, AfterSid? }` → page
 *   of the worker's reservations (active: pending, accepted, wrapping), each with its task
 * - v1 GET / POST `Workers/{WK}/Reservations/{WR}` → the reservation (POST takes
 *   UpdateWorkerReservation's parameters and `If-Match`)
 * - v1 GET / POST `Workers/{WK}` → the worker (POST: UpdateWorker, e.g. `ActivitySid`)
 * - v1 GET `Activities` `{ PageSize?, AfterSid? }` → page of activities
 * - v1 GET `Workers/{WK}/WorkerChannels` `{ PageSize?, AfterSid? }` → page of channels
 * - v1 GET / POST `Tasks/{WT}` → the task (POST: UpdateTask)
 * The token never appears in an answer, a message or a URL made from the call.
 */
import type { EventBridgeApiVersion, EventBridgePage } from '../wire/event-bridge.js';
import { EVENT_BRIDGE_API_VERSIONS } from '../wire/event-bridge.js';
import type { Activity, Reservation, Task, Worker, WorkerChannel } from '../wire/types.js';
import { SPEC_PAGE_SIZE } from '../wire/spec-params.generated.js';
import { authenticate } from './auth.js';
import { json, type EmulatorContext } from './context.js';
import { ApiError, badRequest, codeForStatus, defaultMessage, notFound, unauthorized } from './errors.js';
import {
  epochSeconds,
  reservationPayload,
  toEventBridgeActivity,
  toEventBridgeTask,
  toEventBridgeWorker,
  toEventBridgeWorkerChannel,
  versionOfEtag,
} from './event-bridge-payloads.js';
import { compareReservations, type ReservationRecord, type WorkspaceRecord } from './state.js';

/** The channel's path under the emulator's base path. */
export const EVENT_BRIDGE_PATH = '/v1/wschannels';

/** Headers a browser page may send to the channel (CORS preflight). */
export const EVENT_BRIDGE_ALLOW_HEADERS = 'apiVersion, clientVersion, If-Match, Content-Type, Authorization';

/** Hands an internal request to the REST API (the core's routes, without log or faults). */
export type RestFetch = (request: Request, body: string) => Promise<Response>;

/** An event-bridge call, checked. */
export interface EventBridgeEnvelope {
  /** the resource path, without a leading slash */
  url: string;
  segments: string[];
  method: 'GET' | 'POST';
  params: Record<string, unknown>;
  token: string;
  apiVersion: EventBridgeApiVersion;
  ifMatch: string | null;
}

const SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;
const SEGMENT = /^[A-Za-z0-9]+$/;

function parseBody(body: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw badRequest('The event-bridge takes a JSON body {"url", "method", "params", "token"}');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('The event-bridge takes a JSON object {"url", "method", "params", "token"}');
  }
  return value as Record<string, unknown>;
}

function splitUrl(url: unknown): string[] | undefined {
  if (typeof url !== 'string') return undefined;
  const path = url.startsWith('/') ? url.slice(1) : url;
  const segments = path.split('/');
  return segments.length >= 2 && segments[0] === 'Workspaces' && segments.every((s) => SEGMENT.test(s)) ? segments : undefined;
}

/**
 * What an event-bridge call concerns, for the request log and faults, from its raw body
 * (never throws): the workspace named in its `url`, its method and url.
 */
export function eventBridgeTarget(body: string): { workspaceSid: string; method: string; url: string } | undefined {
  try {
    const b = parseBody(body);
    const segments = splitUrl(b['url']);
    const ws = segments?.[1];
    if (!segments || !ws || !SID.test(ws)) return undefined;
    return { workspaceSid: ws, method: typeof b['method'] === 'string' ? b['method'] : '', url: segments.join('/') };
  } catch {
    return undefined;
  }
}

/** Checks an event-bridge call's envelope and headers; throws ApiError 400 or 401. */
export function parseEnvelope(headers: Headers, body: string): EventBridgeEnvelope {
  const b = parseBody(body);
  for (const key of Object.keys(b)) {
    if (!['url', 'method', 'params', 'token'].includes(key)) throw badRequest(`Unknown event-bridge field ${JSON.stringify(key)}`);
  }
  const token = b['token'];
  if (typeof token !== 'string' || token === '') {
    throw unauthorized('Authentication required: send the worker\'s Access Token as "token"');
  }
  const segments = splitUrl(b['url']);
  if (!segments) {
    throw badRequest('"url" must be a resource path such as Workspaces/WS…/Workers/WK…/Reservations');
  }
  const method = b['method'];
  if (method !== 'GET' && method !== 'POST') throw badRequest('"method" must be GET or POST');
  const params = b['params'] ?? {};
  if (!params || typeof params !== 'object' || Array.isArray(params)) throw badRequest('"params" must be an object');
  const apiVersion = headers.get('apiversion');
  if (!(EVENT_BRIDGE_API_VERSIONS as readonly (string | null)[]).includes(apiVersion)) {
    throw badRequest(`The apiVersion header must be ${EVENT_BRIDGE_API_VERSIONS.join(' or ')}`);
  }
  return {
    url: segments.join('/'),
    segments,
    method,
    params: params as Record<string, unknown>,
    token,
    apiVersion: apiVersion as EventBridgeApiVersion,
    ifMatch: headers.get('if-match'),
  };
}

/** A params value as form/query values: arrays repeat, objects become JSON, null is left out. */
function formValues(name: string, value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v) => formValues(name, v));
  switch (typeof value) {
    case 'string':
      return [value];
    case 'number':
    case 'boolean':
      return [String(value)];
    case 'object':
      return [JSON.stringify(value)];
    default:
      throw badRequest(`Invalid value for ${name}`);
  }
}

function toForm(params: Record<string, unknown>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const v of formValues(name, value)) form.append(name, v);
  return form;
}

// ---- the internal REST calls ------------------------------------------------------------

class Rest {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly origin: string,
    private readonly call: EventBridgeEnvelope,
    private readonly fetch: RestFetch,
  ) {}

  /** A REST call as the worker; a refusal is thrown as the REST API's error. */
  async send(
    method: 'GET' | 'POST',
    path: string,
    params: URLSearchParams = new URLSearchParams(),
  ): Promise<{ body: Record<string, unknown>; etag: string | null }> {
    const headers = new Headers({ authorization: `Bearer ${this.call.token}` });
    let url = `${this.origin}${this.ctx.basePath}/v1/${path}`;
    let body = '';
    if (method === 'POST') {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      if (this.call.ifMatch !== null) headers.set('if-match', this.call.ifMatch);
      body = params.toString();
    } else if ([...params].length > 0) {
      url += `?${params}`;
    }
    const response = await this.fetch(new Request(url, { method, headers, body: method === 'POST' ? body : undefined }), body);
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      /* an empty or non-JSON body */
    }
    if (!response.ok) {
      const message = typeof parsed['message'] === 'string' ? parsed['message'] : defaultMessage(response.status);
      const code = typeof parsed['code'] === 'number' ? parsed['code'] : codeForStatus(response.status);
      throw new ApiError(response.status, message, code);
    }
    return { body: parsed, etag: response.headers.get('etag') };
  }

  /** Every item of a REST list, following `meta.next_page_url`. */
  async all<T>(path: string, key: string, query: Record<string, string> = {}): Promise<T[]> {
    const items: T[] = [];
    let params = new URLSearchParams({ ...query, PageSize: String(SPEC_PAGE_SIZE.maximum) });
    for (;;) {
      const { body } = await this.send('GET', path, params);
      items.push(...((body[key] as T[] | undefined) ?? []));
      const next = (body['meta'] as { next_page_url?: string | null } | undefined)?.next_page_url;
      if (!next) return items;
      params = new URL(next).searchParams;
    }
  }
}

// ---- paging -------------------------------------------------------------------------------

interface PageQuery {
  pageSize: number;
  afterSid?: string;
}

function pageQuery(params: Record<string, unknown>, allowed: readonly string[]): PageQuery {
  for (const name of Object.keys(params)) {
    if (!allowed.includes(name)) throw badRequest(`Unknown parameter ${name}`);
  }
  const size = params['PageSize'];
  let pageSize: number = SPEC_PAGE_SIZE.maximum;
  if (size !== undefined) {
    const n = typeof size === 'number' ? size : typeof size === 'string' && /^\d+$/.test(size) ? Number(size) : NaN;
    if (!Number.isInteger(n) || n < SPEC_PAGE_SIZE.minimum || n > SPEC_PAGE_SIZE.maximum) {
      throw badRequest(
        `Invalid value ${JSON.stringify(size)} for PageSize: must be an integer between ${SPEC_PAGE_SIZE.minimum} and ${SPEC_PAGE_SIZE.maximum}`,
      );
    }
    pageSize = n;
  }
  const after = params['AfterSid'];
  if (after !== undefined && (typeof after !== 'string' || !SID.test(after))) {
    throw badRequest(`Invalid value ${JSON.stringify(after)} for AfterSid: must be a SID`);
  }
  return { pageSize, afterSid: after as string | undefined };
}

/** One page of `items` after `start`; `after_sid` is the last item's sid when more follow. */
function page<T extends { sid: string }>(items: T[], start: number, pageSize: number): EventBridgePage<T> {
  const contents = items.slice(start, start + pageSize);
  const more = start + contents.length < items.length;
  return { contents, after_sid: more ? contents[contents.length - 1]!.sid : null };
}

function startAfter(items: { sid: string }[], afterSid: string | undefined): number {
  if (afterSid === undefined) return 0;
  const i = items.findIndex((item) => item.sid === afterSid);
  if (i < 0) throw badRequest(`Invalid value ${JSON.stringify(afterSid)} for AfterSid: not in this list`);
  return i + 1;
}

// ---- the calls ----------------------------------------------------------------------------

const ACTIVE = ['pending', 'accepted', 'wrapping'] as const;

function noParams(call: EventBridgeEnvelope): void {
  const names = Object.keys(call.params);
  if (names.length > 0) throw badRequest(`Unknown parameter ${names[0]}`);
}

function workspaceOf(ctx: EmulatorContext, sid: string): WorkspaceRecord {
  const ws = ctx.store.workspaces.get(sid);
  if (!ws) throw notFound(`Workspace ${sid} was not found`);
  return ws;
}

function recordOf(ws: WorkspaceRecord, sid: string): ReservationRecord {
  const r = ws.reservations.get(sid);
  if (!r) throw notFound(`Reservation ${sid} was not found`);
  return r;
}

async function reservationList(ctx: EmulatorContext, rest: Rest, call: EventBridgeEnvelope, wsSid: string, wkSid: string) {
  const active = call.params['Active'];
  if (active !== undefined && active !== 'true' && active !== true) {
    throw badRequest(`Invalid value ${JSON.stringify(active)} for Active: must be true`);
  }
  const q = pageQuery(call.params, ['Active', 'PageSize', 'AfterSid']);
  const path = `Workspaces/${wsSid}/Workers/${wkSid}/Reservations`;
  // The worker's reservations as the REST list gives them (same checks, same state).
  const listed =
    active === undefined
      ? await rest.all<Reservation>(path, 'reservations')
      : (await Promise.all(ACTIVE.map((status) => rest.all<Reservation>(path, 'reservations', { ReservationStatus: status })))).flat();
  const ws = workspaceOf(ctx, wsSid);
  const records = listed.map((r) => recordOf(ws, r.sid)).sort(compareReservations);
  let start = 0;
  if (q.afterSid !== undefined) {
    const after = ws.reservations.get(q.afterSid);
    if (!after || after.workerSid !== wkSid) {
      throw badRequest(`Invalid value ${JSON.stringify(q.afterSid)} for AfterSid: not a reservation of this worker`);
    }
    start = records.findIndex((r) => compareReservations(r, after) > 0);
    if (start < 0) start = records.length;
  }
  const p = page(records, start, q.pageSize);
  return { contents: p.contents.map((r) => reservationPayload(ctx, ws, r)), after_sid: p.after_sid };
}

async function reservation(ctx: EmulatorContext, rest: Rest, call: EventBridgeEnvelope, wsSid: string, path: string) {
  const answer =
    call.method === 'POST' ? await rest.send('POST', path, toForm(call.params)) : (noParams(call), await rest.send('GET', path));
  const ws = workspaceOf(ctx, wsSid);
  return reservationPayload(ctx, ws, recordOf(ws, String(answer.body['sid'])));
}

async function worker(rest: Rest, call: EventBridgeEnvelope, path: string) {
  const answer =
    call.method === 'POST' ? await rest.send('POST', path, toForm(call.params)) : (noParams(call), await rest.send('GET', path));
  const w = answer.body as unknown as Worker & { version?: number | string };
  return toEventBridgeWorker(w, Number(w.version ?? versionOfEtag(answer.etag) ?? 0));
}

async function task(ctx: EmulatorContext, rest: Rest, call: EventBridgeEnvelope, wsSid: string, path: string) {
  const answer =
    call.method === 'POST' ? await rest.send('POST', path, toForm(call.params)) : (noParams(call), await rest.send('GET', path));
  const t = answer.body as unknown as Task & { version?: number | string };
  const now = Math.floor(ctx.store.clock(workspaceOf(ctx, wsSid)) / 1000);
  return toEventBridgeTask(t, Number(t.version ?? versionOfEtag(answer.etag) ?? 0), now);
}

async function activities(rest: Rest, call: EventBridgeEnvelope, wsSid: string) {
  const q = pageQuery(call.params, ['PageSize', 'AfterSid']);
  const items = (await rest.all<Activity>(`Workspaces/${wsSid}/Activities`, 'activities')).map(toEventBridgeActivity);
  return page(items, startAfter(items, q.afterSid), q.pageSize);
}

async function workerChannels(rest: Rest, call: EventBridgeEnvelope, wsSid: string, wkSid: string) {
  const q = pageQuery(call.params, ['PageSize', 'AfterSid']);
  const listed = await rest.all<WorkerChannel & { last_reserved_time?: string | number | null }>(
    `Workspaces/${wsSid}/Workers/${wkSid}/Channels`,
    'channels',
  );
  const items = listed.map((c) => {
    const last = c.last_reserved_time;
    const ms = typeof last === 'number' ? last : typeof last === 'string' ? (epochSeconds(last) ?? 0) * 1000 : null;
    return toEventBridgeWorkerChannel(c, ms);
  });
  return page(items, startAfter(items, q.afterSid), q.pageSize);
}

type Handler = (ctx: EmulatorContext, rest: Rest, call: EventBridgeEnvelope, m: string[]) => Promise<unknown>;

interface EventBridgeRoute {
  /** matched against the url's segments after `Workspaces/{WS}` */
  pattern: RegExp;
  apiVersion: EventBridgeApiVersion;
  methods: readonly ('GET' | 'POST')[];
  handle: Handler;
}

const S = '([A-Z]{2}[0-9a-fA-F]{32})';
const ROUTES: readonly EventBridgeRoute[] = [
  {
    pattern: new RegExp(`^Workspaces/${S}/Workers/${S}/Reservations$`),
    apiVersion: 'v2',
    methods: ['GET'],
    handle: (ctx, rest, call, [ws, wk]) => reservationList(ctx, rest, call, ws!, wk!),
  },
  {
    pattern: new RegExp(`^Workspaces/${S}/Workers/${S}/Reservations/${S}$`),
    apiVersion: 'v1',
    methods: ['GET', 'POST'],
    handle: (ctx, rest, call, [ws]) => reservation(ctx, rest, call, ws!, call.url),
  },
  {
    pattern: new RegExp(`^Workspaces/${S}/Workers/${S}$`),
    apiVersion: 'v1',
    methods: ['GET', 'POST'],
    handle: (_ctx, rest, call) => worker(rest, call, call.url),
  },
  {
    pattern: new RegExp(`^Workspaces/${S}/Activities$`),
    apiVersion: 'v1',
    methods: ['GET'],
    handle: (_ctx, rest, call, [ws]) => activities(rest, call, ws!),
  },
  {
    pattern: new RegExp(`^Workspaces/${S}/Workers/${S}/WorkerChannels$`),
    apiVersion: 'v1',
    methods: ['GET'],
    handle: (_ctx, rest, call, [ws, wk]) => workerChannels(rest, call, ws!, wk!),
  },
  {
    pattern: new RegExp(`^Workspaces/${S}/Tasks/${S}$`),
    apiVersion: 'v1',
    methods: ['GET', 'POST'],
    handle: (ctx, rest, call, [ws]) => task(ctx, rest, call, ws!, call.url),
  },
];

/** `POST ${basePath}/v1/wschannels`: one event-bridge call. */
export async function eventBridgeRoute(ctx: EmulatorContext, request: Request, body: string, restFetch: RestFetch): Promise<Response> {
  const call = parseEnvelope(request.headers, body);
  await authenticate(ctx.auth, `Bearer ${call.token}`);
  let match: RegExpExecArray | null = null;
  const route = ROUTES.find((r) => (match = r.pattern.exec(call.url)) !== null);
  if (!route || !match) throw notFound(`The event-bridge does not serve ${call.method} ${call.url}`);
  if (!route.methods.includes(call.method)) {
    throw new ApiError(405, `The event-bridge serves ${call.url} with ${route.methods.join(' or ')}, not ${call.method}`);
  }
  if (route.apiVersion !== call.apiVersion) {
    throw badRequest(`The event-bridge serves ${call.method} ${call.url} under apiVersion ${route.apiVersion}, not ${call.apiVersion}`);
  }
  const rest = new Rest(ctx, new URL(request.url).origin, call, restFetch);
  const payload = await route.handle(ctx, rest, call, (match as RegExpExecArray).slice(1));
  return json({ payload });
}
