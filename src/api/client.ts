import ky, { HTTPError, type Options } from 'ky';
import { ApiError, toApiError } from './errors.js';
import type { Reservation, ReservationPage, ReservationStatus, UpdateParams } from '../wire/types.js';

/** Whose reservations: a worker in a workspace. */
export interface WorkerRef {
  workspaceSid: string;
  workerSid: string;
}

export interface ApiClientConfig {
  /** base URL ending in `/v1`; may be relative to the page, e.g. `/emulator/v1` */
  apiBase: string;
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
  pageSize?: number;
}

export interface UpdateOptions extends CallOptions {
  ifMatch?: string;
}

/** The Worker Reservation resource. Every method rejects with an `ApiError` only. */
export interface ReservationsApi {
  /** All reservations of the worker, following every page. */
  list(ref: WorkerRef, options?: ListOptions): Promise<Reservation[]>;
  fetch(ref: WorkerRef, sid: string, options?: CallOptions): Promise<Reservation>;
  update(ref: WorkerRef, sid: string, params: UpdateParams, options?: UpdateOptions): Promise<Reservation>;
}

/** A GET is retried on 408, 429 and every 5xx but 501 Not Implemented (and on network errors). */
const RETRY_STATUS_CODES = [408, 429, 500, ...Array.from({ length: 98 }, (_, i) => 502 + i)];

/** Longest `Retry-After` honoured, in ms; a longer one is cut to this. */
export const MAX_RETRY_AFTER_MS = 10_000;

const unexpected = () => new ApiError('http', 'Unexpected answer from the server', 200);

/** Form body: arrays as repeated keys, empty values left out. */
export function encodeParams(params: UpdateParams): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v != null && v !== '') body.append(key, v);
  }
  return body.toString();
}

export function createApiClient({
  apiBase,
  getToken,
  timeoutMs = 10_000,
  retryLimit = 2,
  onServerDate,
}: ApiClientConfig): ReservationsApi {
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

  async function send<T extends object>(path: string, options: Options): Promise<T> {
    let response: Response | undefined;
    let data: unknown;
    try {
      response = await api(path, options);
      data = await response.json();
    } catch (error) {
      const { signal } = options;
      if (signal?.aborted) throw new ApiError('aborted', 'Request aborted', 0, null, null, signal.reason);
      if (error instanceof HTTPError) response = error.response;
      throw toApiError(error, response, await response?.text().catch(() => ''));
    }
    if (!data || typeof data !== 'object') throw unexpected();
    return data as T;
  }

  const path = ({ workspaceSid, workerSid }: WorkerRef, sid?: string) =>
    `Workspaces/${encodeURIComponent(workspaceSid)}/Workers/${encodeURIComponent(workerSid)}/Reservations` +
    (sid === undefined ? '' : `/${encodeURIComponent(sid)}`);

  return {
    async list(ref, { status, pageSize, signal } = {}) {
      const all: Reservation[] = [];
      const seen = new Set<string>();
      let query: URLSearchParams | undefined = new URLSearchParams();
      if (status) query.set('ReservationStatus', status);
      if (pageSize) query.set('PageSize', String(pageSize));
      while (query) {
        const page: ReservationPage = await send(path(ref), { searchParams: query, signal });
        if (!Array.isArray(page.reservations)) throw unexpected();
        all.push(...page.reservations);
        const next = page.meta?.next_page_url;
        query = undefined;
        if (next) {
          // Only the query of Twilio's absolute next_page_url is used, under apiBase.
          const q = new URL(next, 'http://x').searchParams;
          if (status && !q.has('ReservationStatus')) q.set('ReservationStatus', status);
          const key = q.toString();
          if (!seen.has(key)) {
            seen.add(key);
            query = q;
          }
        }
      }
      return all;
    },

    fetch: (ref, sid, { signal } = {}) => send(path(ref, sid), { signal }),

    update: (ref, sid, params, { ifMatch, signal } = {}) =>
      send(path(ref, sid), {
        method: 'post',
        body: encodeParams(params),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(ifMatch ? { 'if-match': ifMatch } : {}),
        },
        signal,
      }),
  };
}
