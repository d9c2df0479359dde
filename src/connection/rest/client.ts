/**
 * The REST connection's HTTP client: TaskRouter's REST resources under a
 * TaskRouter-compatible `api-base` (the host's proxy or the emulator), on one `ky`
 * instance. The token goes only into `Authorization: Bearer …`. Every answer is checked
 * against the wire contract (src/wire/check.ts) before it is returned. No Lit, no DOM.
 */
import ky, { HTTPError, type Options } from 'ky';
import { checkActivity, checkOwnReservation, checkPage, checkTask, checkWorker, type Checked } from '../../wire/check.js';
import type { Activity, Reservation, ReservationStatus, Task, UpdateParams, Worker } from '../../wire/types.js';
import type { Listed, WorkerRef } from '../connection.js';
import { ApiError, toApiError, unreadable } from '../errors.js';

export interface RestClientConfig {
  /** base URL ending in `/v1`; may be relative to the page, e.g. `/emulator/v1` */
  apiBase: string;
  /** whose reservations */
  worker: WorkerRef;
  /** read before every request (and every retry); sent only as `Authorization: Bearer …` */
  getToken: () => string | undefined;
  /** per attempt, in ms (default 10000) */
  timeoutMs?: number;
  /** retries of a GET (default 2); a POST is never retried */
  retryLimit?: number;
  /** told the server's clock (its `Date` header, ms since the epoch) after every answer */
  onServerDate?: (serverMs: number) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ListOptions extends CallOptions {
  status?: ReservationStatus;
  /** 1–1000 (the spec's `PageSize` bounds); the server's default when not given */
  pageSize?: number;
}

export interface UpdateOptions extends CallOptions {
  ifMatch?: string;
}

/** TaskRouter's REST resources for one worker. Every method rejects with an `ApiError` only. */
export interface RestClient {
  /** ListWorkerReservation, every page followed. Items that do not fit are left out and named in `unreadable`. */
  list(options?: ListOptions): Promise<Listed<Reservation>>;
  /** FetchWorkerReservation. */
  fetch(sid: string, options?: CallOptions): Promise<Reservation>;
  /** UpdateWorkerReservation (form-encoded). */
  update(sid: string, params: UpdateParams, options?: UpdateOptions): Promise<Reservation>;
  /** FetchTask: `GET Workspaces/{WS}/Tasks/{WT}`. */
  fetchTask(taskSid: string, options?: CallOptions): Promise<Task>;
  /** ListActivity, every page followed. */
  listActivities(options?: CallOptions): Promise<Listed<Activity>>;
  /** FetchWorker. */
  fetchWorker(options?: CallOptions): Promise<Worker>;
}

/** A GET is retried on 408, 429 and every 5xx but 501 Not Implemented (and on network errors). */
const RETRY_STATUS_CODES = [408, 429, 500, ...Array.from({ length: 98 }, (_, i) => 502 + i)];

/** Longest `Retry-After` honoured, in ms; a longer one is cut to this. */
export const MAX_RETRY_AFTER_MS = 10_000;

/** A list stops with an error after this many pages (a server whose pages never end). */
export const MAX_PAGES = 50;
/** …or this many items. */
export const MAX_ITEMS = 20_000;

/** Form body: arrays as repeated keys, empty values left out. */
export function encodeParams(params: UpdateParams): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v != null && v !== '') body.append(key, v);
  }
  return body.toString();
}

/** The value when it fits, else an `invalid` ApiError that says why. */
function accept<T>(checked: Checked<T>, what: string): T {
  if (!checked.ok) throw unreadable(`${what}: ${checked.why}`);
  return checked.value;
}

export function createRestClient({
  apiBase,
  worker,
  getToken,
  timeoutMs = 10_000,
  retryLimit = 2,
  onServerDate,
}: RestClientConfig): RestClient {
  const api = ky.create({
    prefixUrl: apiBase,
    timeout: timeoutMs,
    cache: 'no-store',
    headers: { accept: 'application/json' },
    retry: {
      limit: retryLimit,
      methods: ['get'],
      statusCodes: RETRY_STATUS_CODES,
      afterStatusCodes: [429, 503],
      maxRetryAfter: MAX_RETRY_AFTER_MS,
      backoffLimit: 2_000,
    },
    hooks: {
      beforeRequest: [
        (request) => {
          const token = getToken();
          if (token) request.headers.set('authorization', `Bearer ${token}`);
          else request.headers.delete('authorization');
        },
      ],
      afterResponse: [
        (_request, _options, response) => {
          const date = Date.parse(response.headers.get('date') ?? '');
          if (onServerDate && !Number.isNaN(date)) onServerDate(date);
        },
      ],
    },
  });

  async function send(path: string, options: Options): Promise<unknown> {
    let response: Response | undefined;
    let text: string;
    try {
      response = await api(path, options);
      text = await response.text();
    } catch (error) {
      const { signal } = options;
      if (signal?.aborted) throw new ApiError('aborted', 'Request aborted', 0, null, null, signal.reason);
      if (error instanceof HTTPError) response = error.response;
      throw toApiError(error, response, await response?.text().catch(() => ''));
    }
    try {
      return JSON.parse(text);
    } catch {
      throw unreadable('it is not JSON', response.status);
    }
  }

  const { workspaceSid, workerSid } = worker;
  const ws = `Workspaces/${encodeURIComponent(workspaceSid)}`;
  const reservations = `${ws}/Workers/${encodeURIComponent(workerSid)}/Reservations`;

  /** Every page of a list: `meta.next_page_url`'s query under apiBase, capped in pages and items. */
  async function pages<T>(
    path: string,
    key: string,
    query: URLSearchParams,
    check: (item: unknown) => Checked<T>,
    signal: AbortSignal | undefined,
    keep?: (item: T) => boolean,
  ): Promise<Listed<T>> {
    const items: T[] = [];
    const problems: string[] = [];
    const seen = new Set<string>();
    const sticky = [...query].filter(([k]) => k !== 'PageToken' && k !== 'Page' && k !== 'PageSize');
    let q: URLSearchParams | undefined = query;
    for (let n = 0; q; n++) {
      if (n === MAX_PAGES || items.length >= MAX_ITEMS) {
        throw unreadable(`the list did not end after ${n} pages and ${items.length} items`);
      }
      const page: { items: unknown[]; next: string | null } = accept(
        checkPage(key, await send(path, { searchParams: q, signal })),
        'the list',
      );
      page.items.forEach((raw: unknown, i: number) => {
        const checked = check(raw);
        if (!checked.ok) problems.push(`${key}[${i}]: ${checked.why}`);
        else if (keep && !keep(checked.value)) problems.push(`${key}[${i}] does not match the request`);
        else items.push(checked.value);
      });
      q = undefined;
      if (page.next) {
        // Only the query of Twilio's absolute next_page_url is used, under apiBase.
        const next: URLSearchParams = new URL(page.next, 'http://x').searchParams;
        for (const [k, v] of sticky) if (!next.has(k)) next.set(k, v);
        const id = next.toString();
        if (!seen.has(id)) {
          seen.add(id);
          q = next;
        }
      }
    }
    return problems.length
      ? { items, unreadable: unreadable(problems.slice(0, 3).join('; ') + (problems.length > 3 ? ` (${problems.length} in all)` : '')) }
      : { items };
  }

  return {
    list({ status, pageSize, signal } = {}) {
      const query = new URLSearchParams();
      if (status) query.set('ReservationStatus', status);
      if (pageSize) query.set('PageSize', String(pageSize));
      const bySid = new Set<string>();
      return pages(
        reservations,
        'reservations',
        query,
        (raw) => checkOwnReservation(raw, worker),
        signal,
        (r) => {
          // one entry per SID, and only what the filter asked for
          const fits = !bySid.has(r.sid) && (!status || r.reservation_status === status);
          bySid.add(r.sid);
          return fits;
        },
      );
    },

    async fetch(sid, { signal } = {}) {
      return accept(
        checkOwnReservation(await send(`${reservations}/${encodeURIComponent(sid)}`, { signal }), worker, sid),
        'the reservation',
      );
    },

    async update(sid, params, { ifMatch, signal } = {}) {
      const answer = await send(`${reservations}/${encodeURIComponent(sid)}`, {
        method: 'post',
        body: encodeParams(params),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(ifMatch ? { 'if-match': ifMatch } : {}),
        },
        signal,
      });
      return accept(checkOwnReservation(answer, worker, sid), 'the updated reservation');
    },

    async fetchTask(taskSid, { signal } = {}) {
      const task = accept(checkTask(await send(`${ws}/Tasks/${encodeURIComponent(taskSid)}`, { signal })), 'the task');
      if (task.sid !== taskSid) throw unreadable(`asked for task ${taskSid}, got ${task.sid}`);
      return task;
    },

    listActivities({ signal } = {}) {
      return pages(`${ws}/Activities`, 'activities', new URLSearchParams({ PageSize: '1000' }), checkActivity, signal);
    },

    async fetchWorker({ signal } = {}) {
      const w = accept(checkWorker(await send(`${ws}/Workers/${encodeURIComponent(workerSid)}`, { signal })), 'the worker');
      if (w.sid !== workerSid) throw unreadable(`asked for worker ${workerSid}, got ${w.sid}`);
      return w;
    },
  };
}
