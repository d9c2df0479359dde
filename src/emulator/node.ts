/// <reference types="node" />
/**
 * Node adapter: a connect-style middleware (Vite, web-test-runner's Koa via ctx.req/res,
 * Express) that serves the emulator under `basePath` and passes everything else on, and
 * an `upgrade` handler that opens the event-bridge's WebSockets
 * (`${basePath}/v1/wschannels`) with `ws`.
 */
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import { createEmulator, normaliseBasePath, type Emulator } from './index.js';
import { EmulatorDropError, errorResponse, codeForStatus } from './errors.js';
import { EVENT_BRIDGE_PATH } from './event-bridge.js';
import type { EventBridgeRefusal } from './event-bridge-hub.js';
import type { EmulatorOptions } from './types.js';

export type { Emulator, EmulatorOptions };
export { createEmulator, EmulatorDropError };

/**
 * Ends the connection without a usable HTTP response. A bare close on a kept-alive socket
 * makes browsers silently resend the request on a new connection (Chromium does so even
 * for a POST when no byte came back), which would undo a `times: 1` drop. So the socket
 * first gets a head with two conflicting Content-Length values, which HTTP clients must
 * treat as an unrecoverable error (RFC 9112 §6.3) and do not retry, and is then closed:
 * the client's fetch rejects with a network error.
 */
function dropConnection(socket: Socket | null | undefined): void {
  if (!socket || socket.destroyed) return;
  socket.end('HTTP/1.1 502 Dropped\r\nContent-Length: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n');
  const timer = setTimeout(() => socket.destroy(), 50);
  timer.unref();
}

export type ConnectMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Takes an HTTP upgrade (a server's `upgrade` event) when it is the emulator's: under
 * `basePath` (only `/v1/wschannels` when `basePath` is ''). Returns false, touching
 * nothing, for any other upgrade, so that its owner (Vite's HMR, a test runner) handles
 * it. A refused upgrade (bad or expired token: 401; unknown worker or path: 404) is
 * answered with that status and a Twilio error body.
 */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

function refuse(socket: Duplex, refusal: EventBridgeRefusal): void {
  const body = JSON.stringify(refusal.error);
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

function createUpgradeHandler(emulator: Emulator, base: string): { handleUpgrade: UpgradeHandler; close(): void } {
  const wss = new WebSocketServer({ noServer: true });
  const handleUpgrade: UpgradeHandler = (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const ours = base === '' ? url.pathname === EVENT_BRIDGE_PATH : url.pathname === base || url.pathname.startsWith(`${base}/`);
    if (!ours) return false;
    socket.on('error', () => socket.destroy());
    void emulator.eventBridge.admit(url).then((admission) => {
      if (!admission.ok) {
        refuse(socket, admission);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const session = admission.open({
          send: (text) => ws.send(text),
          close: (code, reason) => ws.close(code, reason),
          terminate: () => ws.terminate(),
        });
        ws.on('close', () => session.closed());
        ws.on('error', () => ws.terminate());
      });
    });
    return true;
  };
  return {
    handleUpgrade,
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

/**
 * The emulator for a Node server: `middleware` serves its HTTP routes under `basePath`
 * (everything else goes to `next`), `handleUpgrade` its event-bridge WebSockets (call it
 * from the server's `upgrade` event; false = not the emulator's), `close()` stops its
 * timers and sockets.
 */
export function createEmulatorMiddleware(options: EmulatorOptions & { basePath: string }): {
  middleware: ConnectMiddleware;
  emulator: Emulator;
  handleUpgrade: UpgradeHandler;
  close(): void;
} {
  const emulator = createEmulator(options);
  const base = normaliseBasePath(options.basePath);
  const listener = getRequestListener(
    async (request, env) => {
      try {
        return await emulator.fetch(request);
      } catch (e) {
        if (e instanceof EmulatorDropError && 'socket' in env.incoming) {
          dropConnection(env.incoming.socket);
        }
        throw e;
      }
    },
    {
      overrideGlobalObjects: false,
      errorHandler: (err) =>
        err instanceof EmulatorDropError
          ? undefined
          : errorResponse(500, codeForStatus(500), `Emulator error: ${err instanceof Error ? err.message : String(err)}`),
    },
  );
  const middleware: ConnectMiddleware = (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (base !== '' && path !== base && !path.startsWith(`${base}/`)) {
      next();
      return;
    }
    void listener(req, res);
  };
  const upgrades = createUpgradeHandler(emulator, base);
  return {
    middleware,
    emulator,
    handleUpgrade: upgrades.handleUpgrade,
    close() {
      emulator.close();
      upgrades.close();
    },
  };
}

/**
 * Serves the emulator from a plain `http.Server` made without a request handler
 * (`http.createServer()`): its HTTP routes under `basePath` and its event-bridge
 * WebSockets; other requests go to `fallback` (404 by default), other upgrades to the
 * server's other `upgrade` listeners (or are closed when there is none). `detach()`
 * removes the listeners and closes the emulator.
 */
export function attachEmulator(
  server: Server,
  options: EmulatorOptions & { basePath: string; fallback?: (req: IncomingMessage, res: ServerResponse) => void },
): { emulator: Emulator; detach(): void } {
  const { middleware, emulator, handleUpgrade, close } = createEmulatorMiddleware(options);
  const onRequest = (req: IncomingMessage, res: ServerResponse) =>
    middleware(req, res, () => {
      if (options.fallback) options.fallback(req, res);
      else {
        res.statusCode = 404;
        res.end();
      }
    });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!handleUpgrade(req, socket, head) && server.listenerCount('upgrade') === 1) socket.destroy();
  };
  server.on('request', onRequest);
  server.on('upgrade', onUpgrade);
  return {
    emulator,
    detach() {
      server.off('request', onRequest);
      server.off('upgrade', onUpgrade);
      close();
    },
  };
}
