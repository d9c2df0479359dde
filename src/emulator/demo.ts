/**
 * Demo mode (`demo: true`, used by `npm start`): a seeded workspace with fixed SIDs (its
 * activities, channels, queues and workflow too), three workers and reservations in a mix
 * of statuses, for tasks shaped like real ones (./demo-data.ts: calls, chats, SMS and
 * email from customers writing in many scripts); new pending reservations for new tasks
 * keep arriving while a worker has fewer than DEMO_MAX_PENDING, and pending ones time out.
 */
import type { ReservationStatus } from '../wire/types.js';
import { json, type EmulatorContext } from './context.js';
import { badRequest, notFound } from './errors.js';
import { DEMO_WORKER_ATTRIBUTES, randomTaskContent, SEED_TASKS } from './demo-data.js';
import { fixedSid } from './ids.js';
import type { WorkspaceRecord } from './state.js';

export const DEMO_WORKSPACE_SID = fixedSid('WS', 1);
export const DEMO_WORKERS = [
  { sid: fixedSid('WK', 1), friendlyName: 'Ada Lovelace' },
  { sid: fixedSid('WK', 2), friendlyName: 'Grace Hopper' },
  { sid: fixedSid('WK', 3), friendlyName: 'Alan Turing' },
] as const;
export const DEMO_MAX_PENDING = 6;
export const DEFAULT_ARRIVAL_INTERVAL_MS = 20000;

/** [worker index, status, age in seconds, index of its task in SEED_TASKS] */
const SEED: ReadonlyArray<readonly [number, ReservationStatus, number, number]> = [
  [0, 'completed', 3600, 0],
  [0, 'rejected', 2400, 1],
  [0, 'timeout', 1800, 2],
  [0, 'canceled', 1500, 3],
  [0, 'rescinded', 1200, 4],
  [1, 'accepted', 1210, 4],
  [0, 'wrapping', 900, 5],
  [0, 'accepted', 300, 6],
  [0, 'pending', 75, 7],
  [0, 'pending', 40, 8],
  [1, 'pending', 35, 8],
  [0, 'pending', 10, 9],
  [1, 'completed', 2000, 10],
  [1, 'pending', 50, 11],
  [2, 'completed', 2500, 12],
  [2, 'pending', 20, 13],
];

/** Seeds the demo workspace (deterministic SIDs) and returns it. */
export function seedDemo(ctx: EmulatorContext): WorkspaceRecord {
  const { store } = ctx;
  const ws = store.createWorkspace({ sid: DEMO_WORKSPACE_SID, friendlyName: 'Demo contact centre', furnishingSid: fixedSid });
  DEMO_WORKERS.forEach((w, i) => store.addWorker(ws, { friendlyName: w.friendlyName, sid: w.sid, attributes: DEMO_WORKER_ATTRIBUTES[i] }));
  const now = store.clock(ws);
  const tasks = SEED_TASKS.map(({ ageSeconds = 0, ...content }, i) =>
    store.createTask(ws, { ...content, sid: fixedSid('WT', i + 1), created: now - ageSeconds * 1000 }),
  );
  SEED.forEach(([worker, status, age, task], i) => {
    store.addReservation(ws, {
      sid: fixedSid('WR', i + 1),
      workerSid: DEMO_WORKERS[worker]!.sid,
      taskSid: tasks[task]!.sid,
      status,
      created: now - age * 1000,
    });
  });
  return ws;
}

/** One round of arrivals: each demo worker with fewer than DEMO_MAX_PENDING pending gets a new task's reservation. */
export function demoArrivals(ctx: EmulatorContext, ws: WorkspaceRecord, random: () => number = Math.random): void {
  ctx.store.sweep(ws);
  for (const w of DEMO_WORKERS) {
    let pending = 0;
    for (const r of ws.reservations.values()) if (r.workerSid === w.sid && r.status === 'pending') pending++;
    if (pending < DEMO_MAX_PENDING) {
      const { ageSeconds = 0, ...content } = randomTaskContent(random);
      const task = ctx.store.createTask(ws, { ...content, created: ctx.store.clock(ws) - ageSeconds * 1000 });
      ctx.store.addReservation(ws, { workerSid: w.sid, taskSid: task.sid });
    }
  }
}

/** `GET ${basePath}/demo/token?worker=WK…&ttl=seconds` → the JWT as text/plain. */
export async function demoTokenRoute(ctx: EmulatorContext, request: Request) {
  const ws = ctx.store.workspaces.get(DEMO_WORKSPACE_SID);
  if (!ws) throw notFound('No demo workspace');
  const q = new URL(request.url).searchParams;
  const workerSid = q.get('worker') ?? DEMO_WORKERS[0].sid;
  if (!ws.workers.has(workerSid)) throw notFound(`Worker ${workerSid} is not a demo worker`);
  const ttlParam = q.get('ttl');
  const ttlSeconds = ttlParam === null ? 3600 : Number(ttlParam);
  if (!/^-?\d+$/.test(ttlParam ?? '0')) throw badRequest('ttl must be an integer number of seconds');
  const token = await ctx.issueToken({ workspaceSid: ws.sid, workerSid, ttlSeconds });
  return new Response(token, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

/** `GET ${basePath}/demo/workers` → `[{ workspaceSid, workerSid, friendlyName }]`. */
export function demoWorkersRoute() {
  return json(DEMO_WORKERS.map((w) => ({ workspaceSid: DEMO_WORKSPACE_SID, workerSid: w.sid, friendlyName: w.friendlyName })));
}
