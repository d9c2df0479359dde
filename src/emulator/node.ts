/// <reference types="node" />
/**
 * Node adapter: a connect-style middleware (Vite, web-test-runner's Koa via ctx.req/res,
 * Express) that serves the emulator under `basePath` and passes everything else on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createEmulator, normaliseBasePath, type Emulator } from './index.js';
import { EmulatorDropError, errorResponse, codeForStatus } from './errors.js';
import type { EmulatorOptions } from './types.js';

export type { Emulator, EmulatorOptions };
export { createEmulator, EmulatorDropError };

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
          // no answer at all: the client sees the connection close
          env.incoming.socket?.destroy();
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
