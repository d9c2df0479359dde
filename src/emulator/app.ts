/**
 * The HTTP layer: Hono routes for the API (./api.ts: Worker Reservations; ./api-workspace.ts:
 * Tasks, Activities, Workers, WorkerChannels), the control API and the demo endpoints, wrapped
 * in the core `fetch` that applies what every request shares: lazy timeouts, CORS, the
 * `Date` header, faults, and the per-workspace request log.
 */
import { Hono } from 'hono';
import { fetchReservation, listReservations, updateReservation } from './api.js';
import { fetchTask, fetchWorker, fetchWorkerChannel, listActivities, listTaskReservations, listWorkerChannels } from './api-workspace.js';
import type { EmulatorContext } from './context.js';
import {
  addReservationRoute,
  clockRoute,
  faultsRoute,
  getReservationRoute,
  getTaskRoute,
  readJson,
  requestsRoute,
  scenarioRoute,
  setStatusRoute,
  tokenRoute,
  updateTaskRoute,
  updateWorkerRoute,
} from './control.js';
import { demoTokenRoute, demoWorkersRoute } from './demo.js';
import { eventStreamRoute, streamsControlRoute } from './events.js';
import { EVENT_BRIDGE_ALLOW_HEADERS, EVENT_BRIDGE_PATH, eventBridgeRoute, eventBridgeTarget } from './event-bridge.js';
import { socketsControlRoute, type EventBridgeHub } from './event-bridge-hub.js';
import { ApiError, EmulatorDropError, codeForStatus, defaultMessage, errorResponse } from './errors.js';
import { REQUEST_LOG_LIMIT, type FaultState, type WorkspaceRecord } from './state.js';
import type { RecordedRequest } from './types.js';

type AppEnv = { Bindings: { body: string } };

export interface AppOptions {
  control: boolean;
  demo: boolean;
  /** pending latency timers and what ends their wait, so `close()` can stop them */
  timers: Map<ReturnType<typeof setTimeout>, () => void>;
  /** the event-bridge's sockets (for the control API's socket routes) */
  eventBridge: EventBridgeHub;
}

export const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, If-Match';
export const CORS_EXPOSE_HEADERS = 'ETag, Retry-After, Date';

function methodNotAllowed(allowed: string) {
  return errorResponse(405, codeForStatus(405), `Method not allowed; use ${allowed}`, { allow: allowed });
}

function buildRoutes(ctx: EmulatorContext, options: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const p = ctx.basePath;
  const list = `${p}/v1/Workspaces/:ws/Workers/:wk/Reservations`;
  const one = `${list}/:wr`;
  app.get(list, (c) => listReservations(ctx, c.req.raw, c.req.param('ws')!, c.req.param('wk')!));
  app.all(list, () => methodNotAllowed('GET'));
  app.get(one, (c) => fetchReservation(ctx, c.req.raw, c.req.param('ws')!, c.req.param('wk')!, c.req.param('wr')!));
  app.post(one, (c) => updateReservation(ctx, c.req.raw, c.env.body, c.req.param('ws')!, c.req.param('wk')!, c.req.param('wr')!));
  app.all(one, () => methodNotAllowed('GET, POST'));
  app.post(`${p}${EVENT_BRIDGE_PATH}`, (c) =>
    eventBridgeRoute(ctx, c.req.raw, c.env.body, (request, body) => Promise.resolve(app.fetch(request, { body }))),
  );
  app.all(`${p}${EVENT_BRIDGE_PATH}`, () => methodNotAllowed('POST'));

  const ws = `${p}/v1/Workspaces/:ws`;
  const param = (c: { req: { param(name: string): string | undefined } }, name: string) => c.req.param(name)!;
  app.get(`${ws}/Tasks/:wt`, (c) => fetchTask(ctx, c.req.raw, param(c, 'ws'), param(c, 'wt')));
  app.all(`${ws}/Tasks/:wt`, () => methodNotAllowed('GET'));
  app.get(`${ws}/Tasks/:wt/Reservations`, (c) => listTaskReservations(ctx, c.req.raw, param(c, 'ws'), param(c, 'wt')));
  app.all(`${ws}/Tasks/:wt/Reservations`, () => methodNotAllowed('GET'));
  app.get(`${ws}/Activities`, (c) => listActivities(ctx, c.req.raw, param(c, 'ws')));
  app.all(`${ws}/Activities`, () => methodNotAllowed('GET'));
  app.get(`${ws}/Workers/:wk`, (c) => fetchWorker(ctx, c.req.raw, param(c, 'ws'), param(c, 'wk')));
  app.all(`${ws}/Workers/:wk`, () => methodNotAllowed('GET'));
  app.get(`${ws}/Workers/:wk/Channels`, (c) => listWorkerChannels(ctx, c.req.raw, param(c, 'ws'), param(c, 'wk')));
  app.all(`${ws}/Workers/:wk/Channels`, () => methodNotAllowed('GET'));
  app.get(`${ws}/Workers/:wk/Channels/:wc`, (c) => fetchWorkerChannel(ctx, c.req.raw, param(c, 'ws'), param(c, 'wk'), param(c, 'wc')));
  app.all(`${ws}/Workers/:wk/Channels/:wc`, () => methodNotAllowed('GET'));
  app.get(`${p}/events/Workspaces/:ws/Workers/:wk`, (c) => eventStreamRoute(ctx, c.req.raw, c.req.param('ws')!, c.req.param('wk')!));

  if (options.control) {
    const cp = `${p}/__control`;
    app.post(`${cp}/scenario`, (c) => scenarioRoute(ctx, c.req.raw, c.env.body));
    app.post(`${cp}/token`, (c) => tokenRoute(ctx, c.env.body));
    app.post(`${cp}/workspaces/:ws/reservations`, (c) => addReservationRoute(ctx, c.req.raw, c.env.body, c.req.param('ws')!));
    app.get(`${cp}/workspaces/:ws/reservations/:wr`, (c) => getReservationRoute(ctx, c.req.raw, c.req.param('ws')!, c.req.param('wr')!));
    app.post(`${cp}/workspaces/:ws/reservations/:wr`, (c) =>
      setStatusRoute(ctx, c.req.raw, c.env.body, c.req.param('ws')!, c.req.param('wr')!),
    );
    app.get(`${cp}/workspaces/:ws/tasks/:task`, (c) => getTaskRoute(ctx, c.req.raw, c.req.param('ws')!, c.req.param('task')!));
    app.post(`${cp}/workspaces/:ws/tasks/:task`, (c) =>
      updateTaskRoute(ctx, c.req.raw, c.env.body, c.req.param('ws')!, c.req.param('task')!),
    );
    app.post(`${cp}/workspaces/:ws/workers/:wk`, (c) =>
      updateWorkerRoute(ctx, c.req.raw, c.env.body, c.req.param('ws')!, c.req.param('wk')!),
    );
    app.post(`${cp}/workspaces/:ws/clock`, (c) => clockRoute(ctx, c.env.body, c.req.param('ws')!));
    app.post(`${cp}/workspaces/:ws/faults`, (c) => faultsRoute(ctx, c.env.body, c.req.param('ws')!));
    app.get(`${cp}/workspaces/:ws/requests`, (c) => requestsRoute(ctx, c.req.param('ws')!));
    app.on(['GET', 'POST'], `${cp}/workspaces/:ws/workers/:wk/sockets`, (c) =>
      socketsControlRoute(ctx, options.eventBridge, c.req.method, c.env.body, c.req.param('ws')!, c.req.param('wk')!),
    );
    app.on(['GET', 'POST'], `${cp}/workspaces/:ws/workers/:wk/streams`, async (c) =>
      streamsControlRoute(ctx, c.req.param('ws')!, c.req.param('wk')!, c.req.method === 'POST' ? await readJson(c.env.body) : undefined),
    );
  }
  if (options.demo) {
    app.get(`${p}/demo/token`, (c) => demoTokenRoute(ctx, c.req.raw));
    app.get(`${p}/demo/workers`, () => demoWorkersRoute());
  }
  app.notFound(() => errorResponse(404, codeForStatus(404), defaultMessage(404)));
  app.onError((err) => {
    if (err instanceof ApiError) return err.toResponse();
    if (err instanceof EmulatorDropError) throw err;
    return errorResponse(500, codeForStatus(500), `Emulator error: ${err.message}`);
  });
  return app;
}

const WORKSPACE_IN_PATH = /\/Workspaces\/(WS[0-9a-fA-F]{32})\//;
const ANY_WORKSPACE = /\/(WS[0-9a-fA-F]{32})(?:\/|$)/;

function matchFault(ws: WorkspaceRecord, method: string, path: string): FaultState | undefined {
  const i = ws.faults.findIndex(
    (f) => f.remaining > 0 && (!f.method || f.method === method) && (!f.pathIncludes || path.includes(f.pathIncludes)),
  );
  if (i < 0) return undefined;
  const fault = ws.faults[i]!;
  fault.remaining -= 1;
  fault.matched = (fault.matched ?? 0) + 1;
  if (fault.remaining <= 0) ws.faults.splice(i, 1);
  return fault;
}

function record(ws: WorkspaceRecord, entry: RecordedRequest): void {
  ws.requests.push(entry);
  if (ws.requests.length > REQUEST_LOG_LIMIT) ws.requests.splice(0, ws.requests.length - REQUEST_LOG_LIMIT);
}

function withCommonHeaders(request: Request, response: Response, now: number): Response {
  const res = new Response(response.body, response);
  const origin = request.headers.get('origin');
  res.headers.set('access-control-allow-origin', origin ?? '*');
  res.headers.set('access-control-expose-headers', CORS_EXPOSE_HEADERS);
  if (origin) res.headers.append('vary', 'Origin');
  res.headers.set('date', new Date(now).toUTCString());
  return res;
}

function preflight(allowHeaders = CORS_ALLOW_HEADERS): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': allowHeaders,
      'access-control-max-age': '600',
    },
  });
}

/** Builds the core handler: `fetch(request) → Response` (rejects with EmulatorDropError for a drop fault). */
export function createFetch(ctx: EmulatorContext, options: AppOptions): (request: Request) => Promise<Response> {
  const app = buildRoutes(ctx, options);
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        options.timers.delete(t);
        resolve();
      }, ms);
      (t as unknown as { unref?: () => void }).unref?.();
      options.timers.set(t, resolve);
    });

  return async function fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const now = ctx.store.now();
    const inBase = !ctx.basePath || url.pathname === ctx.basePath || url.pathname.startsWith(`${ctx.basePath}/`);
    const rel = inBase ? url.pathname.slice(ctx.basePath.length) : url.pathname;
    if (request.method === 'OPTIONS') {
      return withCommonHeaders(request, preflight(rel === EVENT_BRIDGE_PATH ? EVENT_BRIDGE_ALLOW_HEADERS : undefined), now);
    }
    if (!inBase) return withCommonHeaders(request, errorResponse(404, codeForStatus(404), defaultMessage(404)), now);
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    // an event-bridge call names its workspace in its JSON body
    const eb = rel === EVENT_BRIDGE_PATH && request.method === 'POST' ? eventBridgeTarget(body) : undefined;

    // lazy timeouts: the workspace this request concerns is swept first
    const wsSid = eb?.workspaceSid ?? ANY_WORKSPACE.exec(rel)?.[1];
    const ws0 = wsSid ? ctx.store.workspaces.get(wsSid) : undefined;
    if (ws0) ctx.store.sweep(ws0);

    // API requests, event-bridge calls and event streams are logged, and faults apply to them.
    const logged = rel.startsWith('/v1/') || rel.startsWith('/events/');
    const apiWs = logged ? ctx.store.workspaces.get(eb?.workspaceSid ?? WORKSPACE_IN_PATH.exec(rel)?.[1] ?? '') : undefined;
    let response: Response | undefined;
    if (apiWs) {
      const headers: Record<string, string> = {};
      request.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
      const entry: RecordedRequest = {
        method: request.method,
        path: rel,
        query: url.search.replace(/^\?/, ''),
        headers,
        contentType: request.headers.get('content-type'),
        body,
        status: 0,
      };
      record(apiWs, entry);
      // a fault meets an event-bridge call by the call's own method and `/v1/wschannels/<url>`
      const fault = eb
        ? matchFault(apiWs, eb.method.toUpperCase(), `${EVENT_BRIDGE_PATH}/${eb.url}`)
        : matchFault(apiWs, request.method.toUpperCase(), rel);
      if (fault?.latencyMs) {
        await sleep(fault.latencyMs);
        ctx.store.sweep(apiWs);
      }
      if (fault?.drop) throw new EmulatorDropError();
      const retryAfter: Record<string, string> = fault?.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      if (fault?.body !== undefined) {
        // `{{n}}` in a fault's body counts the requests it met (1, 2, …): a body that changes every time
        response = new Response(fault.body.replaceAll('{{n}}', String(fault.matched)), {
          status: fault.status ?? 500,
          headers: { 'content-type': fault.contentType ?? 'application/json', ...retryAfter },
        });
      } else if (fault?.status !== undefined) {
        const message = `${defaultMessage(fault.status)} (emulator fault)`;
        response = errorResponse(fault.status, codeForStatus(fault.status), message, retryAfter);
      }
      response ??= await app.fetch(request, { body });
      entry.status = response.status;
    } else {
      response = await app.fetch(request, { body });
    }
    // The Date header tells the workspace's time, which the control API can move.
    return withCommonHeaders(request, response, apiWs ? ctx.store.clock(apiWs) : ctx.store.now());
  };
}
