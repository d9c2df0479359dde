/**
 * A stateful, in-memory emulator of TaskRouter: Worker Reservations, and the Tasks,
 * Activities, Workers and WorkerChannels they concern. Its core is a pure
 * `fetch(request) → Response` handler (Fetch API and WebCrypto only: no Node, no DOM), so
 * it runs in Node (see ./node.ts) and in a browser.
 */
import { createFetch } from './app.js';
import { MAX_IDENTITY_LENGTH, signToken, tokenIdentity, type AuthConfig } from './auth.js';
import type { EmulatorContext } from './context.js';
import { DEFAULT_ARRIVAL_INTERVAL_MS, demoArrivals, seedDemo } from './demo.js';
import { DEFAULT_EVENT_BRIDGE_HEARTBEAT_MS, EventBridgeHub } from './event-bridge-hub.js';
import { newSid, randomSecret } from './ids.js';
import { Store } from './state.js';
import type { EmulatorOptions, TokenOptions } from './types.js';

export type * from './types.js';
export { EmulatorDropError, ERROR_CODES, type TwilioErrorBody } from './errors.js';
export { DEMO_WORKERS, DEMO_WORKSPACE_SID } from './demo.js';
export { EVENT_BRIDGE_PATH } from './event-bridge.js';
export { CLOSE_CODES as EVENT_BRIDGE_CLOSE_CODES, DEFAULT_EVENT_BRIDGE_HEARTBEAT_MS } from './event-bridge-hub.js';
export type {
  EventBridgeHub,
  EventBridgeSocket,
  EventBridgeSession,
  EventBridgeAdmission,
  EventBridgeRefusal,
  EventBridgeSocketsStatus,
} from './event-bridge-hub.js';
export type {
  ActivityRecord,
  Attributes,
  ReservationEventType,
  ReservationRecord,
  Store,
  StoreEvent,
  StoreListener,
  TaskChannelRecord,
  TaskEventType,
  TaskQueueRecord,
  TaskRecord,
  WorkerChannelRecord,
  WorkerRecord,
  WorkflowRecord,
  WorkspaceRecord,
} from './state.js';
export { EVENT_TYPES, TASK_EVENT_TYPES, WORKER_ACTIVITY_EVENT_TYPE, WORKER_ATTRIBUTES_EVENT_TYPE } from './state.js';
export {
  activityToWire,
  reservationToWire,
  taskReservationToWire,
  taskToWire,
  workerChannelToWire,
  workerToWire,
  type WireBase,
} from './wire.js';
export { MAX_IDENTITY_LENGTH } from './auth.js';

export interface Emulator {
  /** The core handler. Rejects with EmulatorDropError when a `drop` fault applies. */
  fetch(request: Request): Promise<Response>;
  readonly accountSid: string;
  readonly authToken: string;
  readonly apiKeySid: string;
  /** the API key's secret: signs the Access Tokens, and is the HTTP Basic password with `apiKeySid` */
  readonly signingSecret: string;
  /** the same as `signingSecret` (a Twilio API key's one secret), by the name twilio-node gives it */
  readonly apiKeySecret: string;
  /** normalised mount point ('' or '/x') */
  readonly basePath: string;
  /** the in-memory state (workspaces → workers, tasks, reservations, faults, request log) */
  readonly store: Store;
  /**
   * The event-bridge channel's sockets (`${basePath}/v1/wschannels`), for a transport:
   * `admit(url)` checks an upgrade, `open(socket)` on its admission greets and feeds the
   * socket; see event-bridge-hub.ts. The HTTP side is served by `fetch`.
   */
  readonly eventBridge: EventBridgeHub;
  /**
   * Signs an access token with a TaskRouter worker grant (HS256). Its `grants.identity` is
   * `options.identity`, else the worker's friendly name when it has at most
   * MAX_IDENTITY_LENGTH (121) characters, else the worker's SID. Rejects with a RangeError
   * for an `identity` longer than 121 characters.
   */
  issueToken(options: TokenOptions): Promise<string>;
  /** Stops every timer (demo arrivals, sweeps, pending latency faults) and closes every event-bridge socket. */
  close(): void;
}

export const DEFAULT_REJECTION_LIMIT = 10;
export const DEFAULT_RESERVATION_TIMEOUT_SECONDS = 120;
/** How often demo mode sweeps for timed-out reservations. */
const DEMO_SWEEP_MS = 1000;

export function normaliseBasePath(basePath = ''): string {
  const trimmed = basePath.replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function unref(t: unknown): void {
  (t as { unref?: () => void }).unref?.();
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const now = options.now ?? (() => Date.now());
  const auth: AuthConfig = {
    accountSid: options.accountSid ?? newSid('AC'),
    authToken: options.authToken ?? randomSecret(16),
    apiKeySid: options.apiKeySid ?? newSid('SK'),
    signingSecret: options.signingSecret ?? randomSecret(32),
    now,
  };
  const store = new Store({
    now,
    rejectionLimit: options.rejectionLimit ?? DEFAULT_REJECTION_LIMIT,
    reservationTimeoutSeconds: options.reservationTimeoutSeconds ?? DEFAULT_RESERVATION_TIMEOUT_SECONDS,
  });
  const issueToken = async (t: TokenOptions): Promise<string> => {
    if (t.identity !== undefined && [...t.identity].length > MAX_IDENTITY_LENGTH) {
      throw new RangeError(`identity must be at most ${MAX_IDENTITY_LENGTH} characters`);
    }
    const worker = store.workspaces.get(t.workspaceSid)?.workers.get(t.workerSid);
    return signToken(auth, { ...t, identity: tokenIdentity(t.workerSid, worker?.friendlyName, t.identity) });
  };
  const ctx: EmulatorContext = {
    store,
    auth,
    basePath: normaliseBasePath(options.basePath),
    issueToken,
    streams: new Map(),
  };

  const timers = new Map<ReturnType<typeof setTimeout>, () => void>();
  const intervals: ReturnType<typeof setInterval>[] = [];
  const demo = options.demo ?? false;
  if (demo) {
    const ws = seedDemo(ctx);
    const arrivalMs = (typeof demo === 'object' ? demo.arrivalIntervalMs : undefined) ?? DEFAULT_ARRIVAL_INTERVAL_MS;
    intervals.push(setInterval(() => demoArrivals(ctx, ws), arrivalMs));
    intervals.push(setInterval(() => store.sweepAll(), DEMO_SWEEP_MS));
    intervals.forEach(unref);
  }
  const eventBridge = new EventBridgeHub(ctx, {
    heartbeatMs: options.eventBridgeHeartbeatMs ?? DEFAULT_EVENT_BRIDGE_HEARTBEAT_MS,
  });
  const fetch = createFetch(ctx, { control: options.control ?? false, demo: Boolean(demo), timers, eventBridge });

  return {
    fetch,
    accountSid: auth.accountSid,
    authToken: auth.authToken,
    apiKeySid: auth.apiKeySid,
    signingSecret: auth.signingSecret,
    apiKeySecret: auth.signingSecret,
    basePath: ctx.basePath,
    store,
    eventBridge,
    issueToken,
    close() {
      ctx.streams.forEach((_, stop) => stop());
      eventBridge.close();
      intervals.forEach((t) => clearInterval(t));
      intervals.length = 0;
      // pending latency faults answer at once rather than never
      timers.forEach((resolve, t) => {
        clearTimeout(t);
        resolve();
      });
      timers.clear();
    },
  };
}
