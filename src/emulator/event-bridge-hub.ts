/**
 * The event-bridge channel's WebSocket side, independent of any transport: the core
 * decides whether a socket may open, greets it with `init`, keeps it beating and pushes
 * the worker's frames; a transport (the Node adapter's `ws`, or anything with `send` and
 * `close`) only carries text. Facts from twilio-taskrouter 2.1.1:
 * lib/signaling/EventBridgeSignaling.js, lib/Worker.js, lib/handlers/TaskRouterEventHandler.js.
 *
 * URL: `${basePath}/v1/wschannels?token=<jwt>&closeExistingSessions=true|false
 * &clientVersion=<v>[&setWorkerOfflineIfDisconnected=true|false]`.
 * - A missing, malformed, badly signed or expired token is refused (401), as is a worker
 *   or workspace the emulator does not know (404): the upgrade is answered with that
 *   status and a Twilio error body, and no socket opens.
 * - `closeExistingSessions=true` closes the worker's other sockets (code 1000).
 * - `setWorkerOfflineIfDisconnected` (true unless `false`, as the SDK documents): when the
 *   worker's last socket closes and that socket asked for it, the worker moves to its
 *   workspace's Offline activity.
 * - The token's expiry closes the socket (code 4401, reason "Access Token expired").
 *
 * Frames are JSON `{ event_type, payload }` (src/wire/event-bridge.ts): `init` first, then,
 * from the store's notifications (Store.subscribe), whatever made the change (REST,
 * event-bridge, control API, timeouts, demo arrivals):
 * - `reservation.*` for every change of one of the worker's reservations (a new one is
 *   `reservation.created`, whatever its status), the reservation with its task;
 * - `task.updated|wrapup|completed|canceled` to every worker holding a reservation for
 *   the task, the task;
 * - `worker.activity.update` to the worker whose activity changed, the worker;
 * and an empty frame as the heartbeat every `heartbeatMs` (15 000 by default). While any
 * socket is open, pending reservations of the workspaces with sockets are swept for
 * timeouts every SWEEP_MS.
 */
import { decodeJwt } from 'jose';
import type { EventBridgeFrame, EventBridgeInit } from '../wire/event-bridge.js';
import { EVENT_BRIDGE_HEARTBEAT_SECONDS, EVENT_BRIDGE_URL_PARAMS } from '../wire/event-bridge.js';
import { authenticate } from './auth.js';
import { json, type EmulatorContext } from './context.js';
import { ApiError, badRequest, errorBody, notFound, type TwilioErrorBody } from './errors.js';
import { EVENT_BRIDGE_PATH } from './event-bridge.js';
import { reservationPayload, taskPayload, workerPayload } from './event-bridge-payloads.js';
import type { StoreEvent, WorkspaceRecord } from './state.js';

/** What a transport gives the core for one open socket. */
export interface EventBridgeSocket {
  /** sends one text frame */
  send(text: string): void;
  /** closes the socket with a close frame */
  close(code?: number, reason?: string): void;
  /** drops the connection without a close frame, as a lost network would (optional) */
  terminate?(): void;
}

/** An open socket as the core knows it; the transport calls `closed()` once the socket is gone. */
export interface EventBridgeSession {
  readonly workspaceSid: string;
  readonly workerSid: string;
  closed(): void;
}

/** An upgrade the core refuses: answer it with this status and body, and open no socket. */
export interface EventBridgeRefusal {
  ok: false;
  status: number;
  error: TwilioErrorBody;
}

/** An upgrade the core accepts: open the socket, then hand it to `open`. */
export interface EventBridgeAdmission {
  ok: true;
  workspaceSid: string;
  workerSid: string;
  open(socket: EventBridgeSocket): EventBridgeSession;
}

/** What the control API tells about a worker's sockets. */
export interface EventBridgeSocketsStatus {
  /** sockets open now */
  open: number;
  /** whether heartbeats are sent to this worker's sockets */
  heartbeats: boolean;
  /** ms between heartbeats */
  heartbeatMs: number;
  sessions: {
    closeExistingSessions: boolean;
    setWorkerOfflineIfDisconnected: boolean;
    clientVersion: string | null;
  }[];
}

/** The default heartbeat interval (ms): Twilio's 15 s. */
export const DEFAULT_EVENT_BRIDGE_HEARTBEAT_MS = EVENT_BRIDGE_HEARTBEAT_SECONDS * 1000;
/** How often pending reservations are swept for timeouts while sockets are open (ms). */
export const SWEEP_MS = 250;
/** Close codes the emulator uses. */
export const CLOSE_CODES = { replaced: 1000, emulatorClosed: 1001, cut: 4000, tokenExpired: 4401 } as const;
/** The Activity a worker moves to when its last socket closes (setWorkerOfflineIfDisconnected). */
export const OFFLINE_ACTIVITY = 'Offline';
/** setTimeout's longest delay; a token expiring later is not timed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type Timer = ReturnType<typeof setTimeout>;
const unref = (t: Timer) => {
  (t as { unref?: () => void }).unref?.();
  return t;
};

interface Session extends EventBridgeSession {
  socket: EventBridgeSocket;
  closeExistingSessions: boolean;
  setWorkerOfflineIfDisconnected: boolean;
  clientVersion: string | null;
  heartbeat?: Timer;
  expiry?: Timer;
  ended: boolean;
}

interface WorkerSettings {
  heartbeats: boolean;
  heartbeatMs?: number;
}

const keyOf = (workspaceSid: string, workerSid: string) => `${workspaceSid}/${workerSid}`;

function refusal(e: unknown): EventBridgeRefusal {
  const err = e instanceof ApiError ? e : new ApiError(500, e instanceof Error ? e.message : String(e));
  return { ok: false, status: err.status, error: errorBody(err.status, err.code, err.message) };
}

function booleanParam(q: URLSearchParams, name: string, fallback: boolean): boolean {
  const v = q.get(name);
  if (v === null || v === '') return fallback;
  if (v !== 'true' && v !== 'false') throw badRequest(`Invalid value ${JSON.stringify(v)} for ${name}: must be true or false`);
  return v === 'true';
}

export class EventBridgeHub {
  private readonly sessions = new Map<string, Set<Session>>();
  private readonly settings = new Map<string, WorkerSettings>();
  private sweeper?: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly options: { heartbeatMs: number },
  ) {
    this.unsubscribe = ctx.store.subscribe((event) => this.onChange(event));
  }

  /** A change in the store becomes the frames of the workers it concerns. */
  private onChange(event: StoreEvent): void {
    const ws = event.workspace;
    switch (event.resourceType) {
      case 'reservation': {
        const r = event.reservation;
        // a new reservation is reservation.created, whatever status it was made in
        const eventType = r.version === 1 ? 'reservation.created' : event.eventType;
        this.push(ws.sid, r.workerSid, () => ({ event_type: eventType, payload: reservationPayload(this.ctx, ws, r) }));
        return;
      }
      case 'task': {
        // every worker holding a reservation for the task
        const workers = new Set(event.task.reservationSids.map((sid) => ws.reservations.get(sid)?.workerSid));
        let payload: ReturnType<typeof taskPayload> | undefined;
        for (const workerSid of workers) {
          if (workerSid)
            this.push(ws.sid, workerSid, () => ({
              event_type: event.eventType,
              payload: (payload ??= taskPayload(this.ctx, ws, event.task)),
            }));
        }
        return;
      }
      case 'worker':
        this.push(ws.sid, event.worker.sid, () => ({
          event_type: event.eventType,
          payload: workerPayload(this.ctx, ws, event.worker),
        }));
        return;
    }
  }

  /** Checks an upgrade's URL (path, token, worker); never throws. */
  async admit(url: URL): Promise<EventBridgeAdmission | EventBridgeRefusal> {
    try {
      if (url.pathname !== `${this.ctx.basePath}${EVENT_BRIDGE_PATH}`) throw notFound();
      const q = url.searchParams;
      const token = q.get(EVENT_BRIDGE_URL_PARAMS.token);
      if (!token) throw new ApiError(401, 'Authentication required: send the worker\'s Access Token as the "token" query parameter');
      const auth = await authenticate(this.ctx.auth, `Bearer ${token}`);
      if (auth.kind !== 'token') throw new ApiError(401, 'Invalid Access Token');
      const ws = this.ctx.store.workspaces.get(auth.workspaceSid);
      if (!ws) throw notFound(`Workspace ${auth.workspaceSid} was not found`);
      if (!ws.workers.has(auth.workerSid)) throw notFound(`Worker ${auth.workerSid} was not found in workspace ${ws.sid}`);
      const closeExistingSessions = booleanParam(q, EVENT_BRIDGE_URL_PARAMS.closeExistingSessions, false);
      const setWorkerOfflineIfDisconnected = booleanParam(q, EVENT_BRIDGE_URL_PARAMS.setWorkerOfflineIfDisconnected, true);
      const clientVersion = q.get(EVENT_BRIDGE_URL_PARAMS.clientVersion);
      const expMs = (decodeJwt(token).exp ?? 0) * 1000;
      return {
        ok: true,
        workspaceSid: ws.sid,
        workerSid: auth.workerSid,
        open: (socket) =>
          this.open(ws, auth.workerSid, socket, { closeExistingSessions, setWorkerOfflineIfDisconnected, clientVersion, expMs }),
      };
    } catch (e) {
      return refusal(e);
    }
  }

  /** `admit` then `open` in one step, for transports whose socket exists before the check. */
  async connect(url: URL, socket: EventBridgeSocket): Promise<EventBridgeSession | EventBridgeRefusal> {
    const admission = await this.admit(url);
    return admission.ok ? admission.open(socket) : admission;
  }

  /** The worker's sockets and heartbeat settings. */
  status(workspaceSid: string, workerSid: string): EventBridgeSocketsStatus {
    const key = keyOf(workspaceSid, workerSid);
    const set = this.settings.get(key);
    return {
      open: this.sessions.get(key)?.size ?? 0,
      heartbeats: set?.heartbeats ?? true,
      heartbeatMs: set?.heartbeatMs ?? this.options.heartbeatMs,
      sessions: [...(this.sessions.get(key) ?? [])].map((s) => ({
        closeExistingSessions: s.closeExistingSessions,
        setWorkerOfflineIfDisconnected: s.setWorkerOfflineIfDisconnected,
        clientVersion: s.clientVersion,
      })),
    };
  }

  /**
   * Cuts the worker's sockets (`terminate`, else close code 4000) and/or stops, restarts or
   * re-times its heartbeats (`heartbeatMs: null` returns to the emulator's interval).
   */
  control(
    workspaceSid: string,
    workerSid: string,
    change: { cut?: boolean; heartbeats?: boolean; heartbeatMs?: number | null },
  ): EventBridgeSocketsStatus {
    const key = keyOf(workspaceSid, workerSid);
    const set = { heartbeats: true, ...this.settings.get(key) };
    if (change.heartbeats !== undefined) set.heartbeats = change.heartbeats;
    if (change.heartbeatMs !== undefined) set.heartbeatMs = change.heartbeatMs ?? undefined;
    this.settings.set(key, set);
    for (const s of this.sessions.get(key) ?? []) this.beat(s);
    if (change.cut) {
      for (const s of [...(this.sessions.get(key) ?? [])]) {
        try {
          if (s.socket.terminate) s.socket.terminate();
          else s.socket.close(CLOSE_CODES.cut, 'Cut by the emulator');
        } catch {
          /* already gone */
        }
        this.end(s, true);
      }
    }
    return this.status(workspaceSid, workerSid);
  }

  /** Closes every socket (code 1001) and stops every timer. */
  close(): void {
    for (const set of this.sessions.values()) {
      for (const s of [...set]) {
        try {
          s.socket.close(CLOSE_CODES.emulatorClosed, 'Emulator closed');
        } catch {
          /* already gone */
        }
        this.end(s, false);
      }
    }
    this.unsubscribe();
    this.stopSweeper();
  }

  /** Sends a frame to the worker's open sockets (the payload is made only when one is open). */
  push(workspaceSid: string, workerSid: string, frame: () => EventBridgeFrame): void {
    const set = this.sessions.get(keyOf(workspaceSid, workerSid));
    if (!set || set.size === 0) return;
    const text = JSON.stringify(frame());
    for (const s of [...set]) this.send(s, text);
  }

  private open(
    ws: WorkspaceRecord,
    workerSid: string,
    socket: EventBridgeSocket,
    o: { closeExistingSessions: boolean; setWorkerOfflineIfDisconnected: boolean; clientVersion: string | null; expMs: number },
  ): EventBridgeSession {
    const key = keyOf(ws.sid, workerSid);
    const session: Session = {
      workspaceSid: ws.sid,
      workerSid,
      socket,
      closeExistingSessions: o.closeExistingSessions,
      setWorkerOfflineIfDisconnected: o.setWorkerOfflineIfDisconnected,
      clientVersion: o.clientVersion,
      ended: false,
      closed: () => this.end(session, true),
    };
    const set = this.sessions.get(key) ?? new Set<Session>();
    const others = [...set];
    set.add(session);
    this.sessions.set(key, set);
    if (o.closeExistingSessions) {
      for (const other of others) {
        try {
          other.socket.close(CLOSE_CODES.replaced, 'Closed by a new session of this worker (closeExistingSessions)');
        } catch {
          /* already gone */
        }
        this.end(other, false);
      }
    }
    const init: EventBridgeInit = {
      channel_id: workerSid,
      account_sid: this.ctx.auth.accountSid,
      workspace_sid: ws.sid,
      token_lifetime: Math.max(0, o.expMs - this.ctx.auth.now()),
    };
    this.send(session, JSON.stringify({ event_type: 'init', payload: init } satisfies EventBridgeFrame));
    this.beat(session);
    if (init.token_lifetime <= MAX_TIMER_MS) {
      session.expiry = unref(
        setTimeout(() => {
          try {
            session.socket.close(CLOSE_CODES.tokenExpired, 'Access Token expired');
          } catch {
            /* already gone */
          }
          this.end(session, true);
        }, init.token_lifetime),
      );
    }
    this.startSweeper();
    return session;
  }

  /** (Re)starts or stops a session's heartbeat per its worker's settings. */
  private beat(s: Session): void {
    if (s.heartbeat) clearInterval(s.heartbeat);
    s.heartbeat = undefined;
    if (s.ended) return;
    const st = this.status(s.workspaceSid, s.workerSid);
    if (st.heartbeats) s.heartbeat = unref(setInterval(() => this.send(s, ''), st.heartbeatMs));
  }

  private send(s: Session, text: string): void {
    if (s.ended) return;
    try {
      s.socket.send(text);
    } catch {
      this.end(s, true);
    }
  }

  /** Forgets a session; `disconnected` applies setWorkerOfflineIfDisconnected when it was the worker's last. */
  private end(s: Session, disconnected: boolean): void {
    if (s.ended) return;
    s.ended = true;
    if (s.heartbeat) clearInterval(s.heartbeat);
    if (s.expiry) clearTimeout(s.expiry);
    const key = keyOf(s.workspaceSid, s.workerSid);
    const set = this.sessions.get(key);
    set?.delete(s);
    if (set && set.size === 0) this.sessions.delete(key);
    if (this.sessions.size === 0) this.stopSweeper();
    if (disconnected && !this.sessions.has(key) && s.setWorkerOfflineIfDisconnected) {
      this.onLastSocketClosed(s.workspaceSid, s.workerSid);
    }
  }

  /** The worker's last socket closed and asked to set it offline: it moves to its workspace's Offline activity. */
  private onLastSocketClosed(workspaceSid: string, workerSid: string): void {
    const ws = this.ctx.store.workspaces.get(workspaceSid);
    const worker = ws?.workers.get(workerSid);
    const offline = ws ? this.ctx.store.activity(ws, OFFLINE_ACTIVITY) : undefined;
    if (ws && worker && offline) this.ctx.store.setWorkerActivity(ws, worker, offline.sid);
  }

  private startSweeper(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      for (const key of this.sessions.keys()) {
        const ws = this.ctx.store.workspaces.get(key.slice(0, key.indexOf('/')));
        if (ws) this.ctx.store.sweep(ws);
      }
    }, SWEEP_MS);
    unref(this.sweeper);
  }

  private stopSweeper(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}

/**
 * `GET|POST ${basePath}/__control/workspaces/{WS}/workers/{WK}/sockets`: the worker's
 * sockets ({@link EventBridgeSocketsStatus}); POST `{ cut?: true, heartbeats?: boolean,
 * heartbeatMs?: number | null }` changes them first.
 */
export async function socketsControlRoute(
  ctx: EmulatorContext,
  hub: EventBridgeHub,
  method: string,
  body: string,
  wsSid: string,
  wkSid: string,
): Promise<Response> {
  const ws = ctx.store.workspaces.get(wsSid);
  if (!ws) throw notFound(`Workspace ${wsSid} was not found`);
  if (!ws.workers.has(wkSid)) throw notFound(`Worker ${wkSid} was not found in workspace ${wsSid}`);
  if (method === 'GET') return json(hub.status(wsSid, wkSid));
  let b: Record<string, unknown> = {};
  try {
    b = body.trim() === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
  } catch {
    /* refused below */
  }
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw badRequest('The control API takes a JSON object');
  for (const k of Object.keys(b)) if (!['cut', 'heartbeats', 'heartbeatMs'].includes(k)) throw badRequest(`Unknown key ${k}`);
  if (b['cut'] !== undefined && typeof b['cut'] !== 'boolean') throw badRequest('cut must be a boolean');
  if (b['heartbeats'] !== undefined && typeof b['heartbeats'] !== 'boolean') throw badRequest('heartbeats must be a boolean');
  const ms = b['heartbeatMs'];
  if (ms !== undefined && ms !== null && (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 10)) {
    throw badRequest('heartbeatMs must be an integer of 10 or more, or null');
  }
  return json(
    hub.control(wsSid, wkSid, {
      cut: b['cut'] as boolean | undefined,
      heartbeats: b['heartbeats'] as boolean | undefined,
      heartbeatMs: ms as number | null | undefined,
    }),
  );
}
