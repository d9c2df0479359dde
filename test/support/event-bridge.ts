/**
 * Test-side access to the emulator's event-bridge channel (/emulator/v1/wschannels), over
 * real HTTP and a real WebSocket to the test server, as Twilio's SDK speaks it.
 */
import type { EventBridgeFrame } from '../../src/wire/event-bridge.js';
import type { EventBridgeSocketsStatus } from '../../src/emulator/event-bridge-hub.js';
import { EMULATOR, control } from './emulator.js';

export const EVENT_BRIDGE = `${EMULATOR}/v1/wschannels`;

/** The frame type whose `event_type` admits T. */
export type FrameOf<T extends EventBridgeFrame['event_type']> = EventBridgeFrame extends infer F
  ? F extends { event_type: infer E }
    ? T extends E
      ? F
      : never
    : never
  : never;

/** One event-bridge call as the SDK sends it (lib/util/Request.js). */
export function ebCall(
  call: { url: string; method?: 'GET' | 'POST'; params?: Record<string, unknown>; token: string },
  options: { apiVersion?: string | null; ifMatch?: string; base?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', clientVersion: '2.1.1' };
  const apiVersion = options.apiVersion === undefined ? 'v1' : options.apiVersion;
  if (apiVersion !== null) headers['apiVersion'] = apiVersion;
  if (options.ifMatch !== undefined) headers['If-Match'] = options.ifMatch;
  return fetch(`${options.base ?? ''}${EVENT_BRIDGE}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ url: call.url, method: call.method ?? 'GET', params: call.params ?? {}, token: call.token }),
  });
}

/** The `payload` of a successful call (fails the test with the body otherwise). */
export async function ebPayload<T = any>(response: Response): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`event-bridge ${response.status}: ${text}`);
  return (JSON.parse(text) as { payload: T }).payload;
}

/** The WebSocket URL for a token, with the SDK's query. */
export function socketUrl(token: string, query: Record<string, string> = {}): string {
  const params = new URLSearchParams({ token, closeExistingSessions: 'false', clientVersion: '2.1.1', ...query });
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${EVENT_BRIDGE}?${params}`;
}

/** A socket with every frame it received (raw text), and waits on them. */
export class TestSocket {
  readonly texts: string[] = [];
  readonly socket: WebSocket;
  closeEvent?: CloseEvent;
  private waiters: (() => void)[] = [];

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.onmessage = (e) => {
      this.texts.push(String(e.data));
      this.wake();
    };
    this.socket.onclose = (e) => {
      this.closeEvent = e;
      this.wake();
    };
  }

  /** JSON frames (heartbeats left out). */
  get frames(): EventBridgeFrame[] {
    return this.texts.filter((t) => t.trim() !== '').map((t) => JSON.parse(t) as EventBridgeFrame);
  }

  get heartbeats(): number {
    return this.texts.filter((t) => t.trim() === '').length;
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  /** Resolves once `test()` holds, or rejects after `ms`. */
  until(test: () => boolean, what: string, ms = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.texts)}`)), ms);
      const check = () => {
        if (test()) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      check();
    });
  }

  /** The first frame of this type (waits for it). */
  async frame<T extends EventBridgeFrame['event_type']>(eventType: T, ms?: number): Promise<FrameOf<T>> {
    await this.until(() => this.frames.some((f) => f.event_type === eventType), eventType, ms);
    return this.frames.find((f) => f.event_type === eventType) as FrameOf<T>;
  }

  closed(ms?: number): Promise<CloseEvent> {
    return this.until(() => this.closeEvent !== undefined, 'the socket to close', ms).then(() => this.closeEvent!);
  }

  close() {
    this.socket.close();
  }
}

/** Opens a socket and waits for its `init` frame. */
export async function openSocket(token: string, query: Record<string, string> = {}): Promise<TestSocket> {
  const s = new TestSocket(socketUrl(token, query));
  await s.frame('init');
  return s;
}

/** A worker's sockets as the emulator counts them. */
export const sockets = (workspaceSid: string, workerSid: string) =>
  control<EventBridgeSocketsStatus>(`/workspaces/${workspaceSid}/workers/${workerSid}/sockets`);

/** Cuts a worker's sockets, or stops/restarts/re-times its heartbeats. */
export const controlSockets = (
  workspaceSid: string,
  workerSid: string,
  change: { cut?: boolean; heartbeats?: boolean; heartbeatMs?: number | null },
) => control<EventBridgeSocketsStatus>(`/workspaces/${workspaceSid}/workers/${workerSid}/sockets`, change);
