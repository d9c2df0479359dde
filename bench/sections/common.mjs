// Shared by the bench's sections: scenarios in the emulator (with realistic tasks), the
// panel's two connections, bench pages, the viewport.
import { loadTs } from '../../scripts/load-ts.mjs';

export const VIEWPORT = { width: 1280, height: 720 };

/** Six in ten pending, three accepted, one wrapping: every one active, so both connections list them all. */
export const ACTIVE_MIX = [
  'pending',
  'pending',
  'pending',
  'pending',
  'pending',
  'pending',
  'accepted',
  'accepted',
  'accepted',
  'wrapping',
];

/** The panel's two connections, as the bench names them. */
export const CONNECTIONS = ['twilio', 'rest'];

/** Small deterministic PRNG (mulberry32), so every run makes the same tasks. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let demoData;
/** The emulator's own realistic task content (src/emulator/demo-data.ts): names in many scripts, from, channel, queue, priority. */
const taskContent = async () => (demoData ??= await loadTs('src/emulator/demo-data.ts')).randomTaskContent;

/**
 * A workspace with `n` reservations for one worker, in the statuses of `mix` (repeated),
 * aged from 30 s to 2 h, each with a realistic task (its content from the emulator's demo
 * data, seeded): `tasks` distinct tasks shared in turn (reservation i has task i mod
 * `tasks`; by default every reservation has its own). A task is as old as its oldest
 * reservation. Nothing times out during the bench (reservations live `timeoutSeconds`).
 */
export async function scenario(server, n, { mix = ACTIVE_MIX, tasks = n, timeoutSeconds = 7 * 86400, seed = n, statusOf } = {}) {
  const random = seeded(seed);
  const content = await taskContent();
  const taskContents = {};
  for (let k = 0; k < tasks; k++) {
    const { ageSeconds: _age, ...c } = content(random);
    taskContents[`t${k}`] = c;
  }
  const reservations = Array.from({ length: n }, (_, i) => ({
    status: statusOf?.(i) ?? mix[i % mix.length],
    ageSeconds: 30 + ((i * 7) % 7200),
    task: `t${i % tasks}`,
  }));
  const s = await server.control('/scenario', {
    reservations,
    tasks: taskContents,
    reservationTimeoutSeconds: timeoutSeconds,
    tokenTtlSeconds: 4 * 3600,
  });
  return {
    ...s,
    reservations: undefined,
    apiBase: `${server.origin}/emulator/v1`,
    eventBridgeUrl: `${server.origin}/emulator/v1/wschannels`,
    control: `${server.origin}/emulator/__control`,
    timeoutSeconds,
    n,
    distinctTasks: tasks,
  };
}

/** The panel's attributes for a connection: `twilio` (the emulator's event-bridge) or `rest` (its REST API). */
export const connectionAttributes = (s, connection) =>
  connection === 'twilio' ? { connection: 'twilio', 'event-bridge-url': s.eventBridgeUrl } : { 'api-base': s.apiBase };

/** What a bench page needs to mount a panel of `s` on `connection`. */
export const panelArgs = (s, connection, extra = {}) => ({
  token: s.token,
  n: s.n,
  connection,
  attributes: { ...connectionAttributes(s, connection), ...extra.attributes },
  ...(extra.pollInterval !== undefined && { pollInterval: extra.pollInterval }),
});

/**
 * The baseline's data for `s`: the REST list (ListWorkerReservation, every page) and the
 * task of each reservation (FetchTask, once per task), fetched from Node once and served at
 * /bench/data/<WS…>.json, so each baseline page gets it in one request before its t0.
 */
export async function baselineData(server, s) {
  const auth = { authorization: `Bearer ${s.token}` };
  const reservations = [];
  let url = `${s.apiBase}/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations?PageSize=1000`;
  while (url) {
    const res = await fetch(url, { headers: auth });
    if (!res.ok) throw new Error(`baseline list: ${res.status}`);
    const page = await res.json();
    reservations.push(...page.reservations);
    url = page.meta.next_page_url;
  }
  const sids = [...new Set(reservations.map((r) => r.task_sid))];
  const tasks = {};
  for (let i = 0; i < sids.length; i += 16) {
    await Promise.all(
      sids.slice(i, i + 16).map(async (sid) => {
        const res = await fetch(`${s.apiBase}/Workspaces/${s.workspaceSid}/Tasks/${sid}`, { headers: auth });
        if (!res.ok) throw new Error(`baseline task ${sid}: ${res.status}`);
        tasks[sid] = await res.json();
      }),
    );
  }
  const path = `/bench/data/${s.workspaceSid}.json`;
  server.serveJson(path, { reservations, tasks, timeoutSeconds: s.timeoutSeconds });
  return path;
}

/** A bench page (`panel` or `baseline`) in `context`, ready to drive; page errors fail the bench. */
export async function openPage(context, server, name) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(new Error(m.text()));
  });
  page.benchErrors = errors;
  await page.goto(`${server.origin}/bench/${name}.html`);
  await page.waitForFunction(() => !!window.bench);
  return page;
}

export function checkErrors(page, what) {
  if (page.benchErrors?.length) throw new Error(`${what}: the page reported: ${page.benchErrors.map((e) => e.message).join('; ')}`);
}

/** A fresh context (its own renderer, nothing cached) with one bench page. */
export async function freshPage(browser, server, name, { initScript } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  if (initScript) await context.addInitScript(initScript);
  const page = await openPage(context, server, name);
  return { context, page };
}

/** The emulator's request log of a workspace (the API requests it received, oldest first; the last 500). */
export const requestLog = (server, workspaceSid) => server.control(`/workspaces/${workspaceSid}/requests`);

/** An event-bridge call's envelope (`{url, method}`) from a logged request; undefined for a REST request. */
export function envelope(entry) {
  if (entry.path !== '/v1/wschannels') return undefined;
  try {
    const b = JSON.parse(entry.body);
    return { url: String(b.url), method: String(b.method) };
  } catch {
    return { url: '', method: '' };
  }
}

/** Whether a logged request fetches a task (REST `GET …/Tasks/WT…`, or the event-bridge call for it). */
export function isTaskFetch(entry) {
  const e = envelope(entry);
  return e
    ? e.method === 'GET' && /\/Tasks\/WT[0-9a-f]{32}$/i.test(e.url)
    : entry.method === 'GET' && /\/Tasks\/WT[0-9a-f]{32}$/i.test(entry.path);
}

/** Whether a logged request sends an update (REST `POST`, or an event-bridge call whose method is POST). */
export function isUpdate(entry) {
  const e = envelope(entry);
  return e ? e.method === 'POST' : entry.method === 'POST';
}

export const log = (...args) => console.log('  ', ...args);
