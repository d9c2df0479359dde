/**
 * The event-bridge connection: Twilio TaskRouter reached as Twilio's own browser SDK
 * reaches it (twilio-taskrouter 2.1.1: lib/util/Request.js, lib/signaling/EventBridgeSignaling.js),
 * with nothing but the worker's Access Token and no backend of the host's.
 *
 * - Calls, reads included: `POST <url>` with the JSON text `{url, method, params, token}` and
 *   the headers `apiVersion` (v1, or v2 for the active-reservation list) and `clientVersion`;
 *   the answer is `{payload}`. The token travels in this body, nowhere else.
 * - Changes: a WebSocket at the same URL (`ws:`/`wss:`) with `?token=…` (browsers cannot send
 *   WebSocket headers; the protocol puts it there), `closeExistingSessions=false` and
 *   `setWorkerOfflineIfDisconnected=false`: opening or closing the panel neither ends the
 *   worker's other sessions nor changes the worker's presence. Frames are `{event_type, payload}`;
 *   the first is `init`. The server beats every 15 s; 30 s of silence means the socket is dead.
 *
 * Loaded on demand. No Lit, no DOM.
 */
import ky, { HTTPError } from 'ky';
import {
  activityFromEventBridge,
  isObject,
  pageFromEventBridge,
  reservationFromEventBridge,
  taskFromEventBridge,
  workerFromEventBridge,
} from '../../wire/from-event-bridge.js';
import { checkActivity, checkOwnReservation, checkTask, checkWorker, type Checked } from '../../wire/check.js';
import { EVENT_BRIDGE_SILENCE_SECONDS, EVENT_BRIDGE_URL_PARAMS } from '../../wire/event-bridge.js';
import type { Activity, Task } from '../../wire/types.js';
import type { CallOptions, Connection, EventBridgeConnectionConfig, Fetched, Listed, LiveEvent } from '../connection.js';
import { ApiError, toApiError, unreadable } from '../errors.js';

/** The event-bridge protocol version this client speaks (that of twilio-taskrouter 2.1.1), sent as `clientVersion`. */
export const CLIENT_VERSION = '2.1.1';

/** The server beats every 15 s; a socket silent this long is dead (EventBridgeSignaling.js: Heartbeat interval 30). */
export const HEARTBEAT_TIMEOUT_MS = EVENT_BRIDGE_SILENCE_SECONDS * 1000;

/** Reconnection delays: full jitter between 0.8 s and min(30, 2^k − 1) s after the k-th failure. */
export function reconnectDelay(attempt: number, random = Math.random): number {
  const max = Math.min(30, 2 ** attempt - 1) * 1000;
  const min = Math.min(800, max);
  return Math.round(min + random() * (max - min));
}

/** The lists stop with an error after this many pages. */
const MAX_PAGES = 50;

type Params = Record<string, string | number | readonly string[]>;

export function createEventBridgeConnection(config: EventBridgeConnectionConfig): Connection {
  const { worker, getToken } = config;
  const base = typeof location === 'undefined' ? undefined : location.href;
  const httpUrl = new URL(config.url, base);
  const ws = `Workspaces/${worker.workspaceSid}`;
  const own = `${ws}/Workers/${worker.workerSid}`;

  const client = ky.create({
    timeout: config.timeoutMs ?? 10_000,
    cache: 'no-store',
    headers: { clientVersion: CLIENT_VERSION },
    hooks: {
      afterResponse: [
        (_request, _options, response) => {
          const date = Date.parse(response.headers.get('date') ?? '');
          if (config.onServerDate && !Number.isNaN(date)) config.onServerDate(date);
        },
      ],
    },
  });

  /** One event-bridge call; reads (`GET` inside the envelope) are retried like REST GETs, updates never. */
  async function call(
    url: string,
    method: 'GET' | 'POST',
    params: Params,
    apiVersion: 'v1' | 'v2',
    signal?: AbortSignal,
  ): Promise<unknown> {
    const token = getToken();
    let response: Response | undefined;
    let text: string;
    try {
      response = await client.post(httpUrl, {
        // a JSON text body, as the SDK sends it (no custom content type)
        body: JSON.stringify({ url, method, params, token: token ?? '' }),
        headers: { apiVersion },
        signal,
        retry:
          method === 'GET'
            ? {
                limit: 2,
                methods: ['post'],
                statusCodes: [408, 429, 500, 502, 503, 504],
                afterStatusCodes: [429, 503],
                backoffLimit: 2_000,
              }
            : 0,
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw new ApiError('aborted', 'Request aborted', 0, null, null, signal.reason);
      if (error instanceof HTTPError) response = error.response;
      throw toApiError(error, response, await response?.text().catch(() => ''));
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw unreadable('it is not JSON', response.status);
    }
    if (!isObject(body) || !('payload' in body)) throw unreadable('it has no payload', response.status);
    return body.payload;
  }

  const accept = <T>(checked: Checked<T>, what: string): T => {
    if (!checked.ok) throw unreadable(`${what}: ${checked.why}`);
    return checked.value;
  };

  /** A reservation payload → checked spec shapes; `sid` when it answers a request for that one. */
  function fetched(payload: unknown, sid?: string): Checked<Fetched> {
    const { reservation, task, timeoutSeconds } = reservationFromEventBridge(payload);
    const r = checkOwnReservation(reservation, worker, sid);
    if (!r.ok) return r;
    let checkedTask: Task | undefined;
    if (task !== undefined) {
      const t = checkTask(task);
      if (!t.ok) return { ok: false, why: `task: ${t.why}` };
      checkedTask = t.value;
    }
    return {
      ok: true,
      value: { reservation: r.value, ...(checkedTask && { task: checkedTask }), ...(timeoutSeconds && { timeoutSeconds }) },
    };
  }

  /** Every page of an event-bridge list (`{contents, after_sid}`, continued with `AfterSid`). */
  async function pages<T>(
    url: string,
    params: Params,
    apiVersion: 'v1' | 'v2',
    check: (item: unknown) => Checked<T>,
    signal?: AbortSignal,
  ): Promise<Listed<T>> {
    const items: T[] = [];
    const problems: string[] = [];
    const seen = new Set<string>();
    let after: string | null = null;
    for (let n = 0; ; n++) {
      if (n === MAX_PAGES) throw unreadable(`the list did not end after ${n} pages`);
      const page = pageFromEventBridge(await call(url, 'GET', after ? { ...params, AfterSid: after } : params, apiVersion, signal));
      if (!page) throw unreadable('the list has no contents');
      page.items.forEach((raw, i) => {
        const checked = check(raw);
        if (checked.ok) items.push(checked.value);
        else problems.push(`contents[${i}]: ${checked.why}`);
      });
      if (!page.afterSid || seen.has(page.afterSid)) break;
      seen.add(page.afterSid);
      after = page.afterSid;
    }
    return problems.length ? { items, unreadable: unreadable(problems.slice(0, 3).join('; ')) } : { items };
  }

  const connection: Connection = {
    kind: 'twilio',
    lists: 'active',
    livePollFactor: Infinity,

    async list({ status, signal } = {}) {
      const listed = await pages(`${own}/Reservations`, { Active: 'true', PageSize: 1000 }, 'v2', (raw) => fetched(raw), signal);
      const bySid = new Set<string>();
      const items = listed.items.filter(({ reservation: r }) => {
        const keep = !bySid.has(r.sid) && (!status || r.reservation_status === status);
        bySid.add(r.sid);
        return keep;
      });
      const dropped = listed.items.length - items.length;
      const duplicates = dropped && !status ? unreadable(`${dropped} reservations were listed twice`) : undefined;
      const problem = listed.unreadable ?? duplicates;
      return problem ? { items, unreadable: problem } : { items };
    },

    async fetch(sid, { signal }: CallOptions = {}) {
      return accept(fetched(await call(`${own}/Reservations/${sid}`, 'GET', {}, 'v1', signal), sid), 'the reservation');
    },

    async update(sid, params, { signal }: CallOptions = {}) {
      return accept(fetched(await call(`${own}/Reservations/${sid}`, 'POST', params, 'v1', signal), sid), 'the updated reservation');
    },

    async fetchTask(taskSid, { signal }: CallOptions = {}) {
      const task = accept(checkTask(taskFromEventBridge(await call(`${ws}/Tasks/${taskSid}`, 'GET', {}, 'v1', signal))), 'the task');
      if (task.sid !== taskSid) throw unreadable(`asked for task ${taskSid}, got ${task.sid}`);
      return task;
    },

    listActivities({ signal }: CallOptions = {}): Promise<Listed<Activity>> {
      return pages(`${ws}/Activities`, { PageSize: 1000 }, 'v1', (raw) => checkActivity(activityFromEventBridge(raw)), signal);
    },

    async fetchWorker({ signal }: CallOptions = {}) {
      const w = accept(checkWorker(workerFromEventBridge(await call(own, 'GET', {}, 'v1', signal))), 'the worker');
      if (w.sid !== worker.workerSid) throw unreadable(`asked for worker ${worker.workerSid}, got ${w.sid}`);
      return w;
    },

    live(listener) {
      const socketUrl = new URL(httpUrl);
      socketUrl.protocol = httpUrl.protocol === 'https:' ? 'wss:' : 'ws:';
      let socket: WebSocket | undefined;
      let opened = false;
      let attempt = 0;
      let stopped = false;
      let retry: ReturnType<typeof setTimeout> | undefined;
      let silence: ReturnType<typeof setTimeout> | undefined;

      const beat = () => {
        clearTimeout(silence);
        silence = setTimeout(() => lose(), HEARTBEAT_TIMEOUT_MS);
      };

      /** Drops the socket (closed, failed, silent or replaced) and plans the next one. */
      const lose = (now = false) => {
        clearTimeout(silence);
        if (socket) {
          socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
          if (socket.readyState <= WebSocket.OPEN) socket.close();
          socket = undefined;
        }
        if (opened && !stopped) listener({ type: 'closed' });
        opened = false;
        if (stopped) return;
        clearTimeout(retry);
        retry = setTimeout(open, now ? 0 : reconnectDelay(++attempt));
      };

      const handle = (frame: { event_type?: unknown; payload?: unknown }) => {
        const type = typeof frame.event_type === 'string' ? frame.event_type : '';
        const payload = frame.payload;
        if (type === 'init') {
          attempt = 0;
          opened = true;
          const lifetime = isObject(payload) && typeof payload.token_lifetime === 'number' ? payload.token_lifetime : undefined;
          listener({ type: 'open', ...(lifetime !== undefined && lifetime > 0 && { tokenLifetimeMs: lifetime }) });
          return;
        }
        let event: LiveEvent | undefined;
        if (type.startsWith('reservation.')) {
          const checked = fetched(payload);
          event = checked.ok
            ? { type: 'reservation', ...checked.value }
            : { type: 'unreadable', error: unreadable(`${type}: ${checked.why}`) };
        } else if (type.startsWith('task.')) {
          const checked = checkTask(taskFromEventBridge(payload));
          event = checked.ok ? { type: 'task', task: checked.value } : { type: 'unreadable', error: unreadable(`${type}: ${checked.why}`) };
        } else if (type === 'worker.activity.update') {
          const checked = checkWorker(workerFromEventBridge(payload));
          if (checked.ok && checked.value.sid === worker.workerSid) event = { type: 'worker', worker: checked.value };
          else if (!checked.ok) event = { type: 'unreadable', error: unreadable(`${type}: ${checked.why}`) };
        }
        if (event) listener(event);
      };

      const open = () => {
        if (stopped) return;
        const token = getToken();
        if (!token) {
          retry = setTimeout(open, reconnectDelay(++attempt));
          return;
        }
        const url = new URL(socketUrl);
        const q = EVENT_BRIDGE_URL_PARAMS;
        url.search = new URLSearchParams({
          [q.token]: token,
          [q.closeExistingSessions]: 'false',
          [q.clientVersion]: CLIENT_VERSION,
          [q.setWorkerOfflineIfDisconnected]: 'false',
        }).toString();
        const s = new WebSocket(url);
        socket = s;
        s.onopen = beat;
        s.onmessage = (message) => {
          beat();
          const text = typeof message.data === 'string' ? message.data : '';
          if (!text.trim()) return;
          let frame: unknown;
          try {
            frame = JSON.parse(text);
          } catch {
            listener({ type: 'unreadable', error: unreadable('a pushed message is not JSON') });
            return;
          }
          if (isObject(frame)) handle(frame);
        };
        s.onclose = () => lose();
        s.onerror = () => lose();
      };

      open();
      reconnectNow = () => lose(true);
      return () => {
        stopped = true;
        clearTimeout(retry);
        lose();
        reconnectNow = undefined;
      };
    },

    tokenChanged() {
      reconnectNow?.();
    },
  };
  let reconnectNow: (() => void) | undefined;
  return connection;
}
