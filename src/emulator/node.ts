/// <reference types="node" />
/**
 * Node adapter: a connect-style middleware (Vite, web-test-runner's Koa via ctx.req/res,
 * Express) that serves the emulator under `basePath` and passes everything else on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createEmulator, normaliseBasePath, type Emulator } from './index.js';
import { EmulatorDropError, errorResponse, codeForStatus } from './errors.js';
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

export function createEmulatorMiddleware(options: EmulatorOptions & { basePath: string }): {
  middleware: ConnectMiddleware;
  emulator: Emulator;
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
  return { middleware, emulator };
}
