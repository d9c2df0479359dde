/**
 * The reference proxy (examples/proxy) end to end: the panel in Chromium → the proxy on
 * 127.0.0.1 (a real cross-origin HTTP server, started by test/proxy/proxy-plugin.mjs) →
 * the emulator mounted in the test server, which sees the proxy's HTTP Basic credentials.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  basicAuth,
  getReservation,
  requests,
  scenario,
  setFaults,
  token as issueToken,
  type RecordedRequest,
  type Scenario,
} from '../support/emulator.js';
import { mount, rows, waitFor } from '../support/panel.js';

interface ProxySettings {
  url: string;
  origin: string;
  timeoutMs: number;
  maxBodyBytes: number;
}
interface NodeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
interface LogEntry {
  method: string;
  path: string;
  status: number;
  workerSid?: string;
  reason?: string;
}

const FORM = 'application/x-www-form-urlencoded';
const hex = (n: number) => n.toString(16).padStart(32, '0');

let proxy: ProxySettings;
before(async () => {
  const res = await fetch('/__reference-proxy__/config.json');
  expect(res.status, 'the reference proxy runs beside the emulator').to.equal(200);
  proxy = (await res.json()) as ProxySettings;
});

const apiBase = () => `${proxy.url}/v1`;
const listUrl = (s: Pick<Scenario, 'workspaceSid' | 'workerSid'>, workerSid = s.workerSid) =>
  `${apiBase()}/Workspaces/${s.workspaceSid}/Workers/${workerSid}/Reservations`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Sends a request to the proxy from Node (any Origin or header the browser would not send). */
const fromNode = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  executeServerCommand<NodeResponse, unknown>('reference-proxy-request', { path, ...init });
const proxyLog = () => executeServerCommand<LogEntry[], undefined>('reference-proxy-log');

async function expectTwilioError(res: Response, status: number, code?: number) {
  expect(res.status).to.equal(status);
  expect(res.headers.get('content-type')).to.match(/^application\/json/);
  const body = await res.json();
  expect(body).to.have.keys('code', 'message', 'more_info', 'status');
  expect(body.status).to.equal(status);
  if (code !== undefined) expect(body.code).to.equal(code);
  expect(body.more_info).to.equal(`https://www.twilio.com/docs/errors/${body.code}`);
  return body as { code: number; message: string };
}

/** The emulator's log for a workspace, with every header value that must never reach it. */
async function upstreamRequests(s: Scenario): Promise<RecordedRequest[]> {
  return requests(s.workspaceSid);
}

describe('reference proxy: panel → proxy → emulator', () => {
  it('runs on another origin than the page', () => {
    expect(new URL(proxy.url).origin).not.to.equal(location.origin);
    expect(proxy.origin).to.equal(location.origin);
  });

  it("lists the worker's reservations in the panel and accepts one, upstream with HTTP Basic only", async () => {
    const s = await scenario({
      reservations: [{ status: 'pending' }, { status: 'accepted' }, { status: 'pending', worker: 'other' }],
    });
    const own = s.reservations.slice(0, 2).map((r) => r.sid);
    const { el, of } = await mount({ 'api-base': apiBase(), 'poll-interval': '0' }, { token: s.token });
    await waitFor(() => of('reservation-load').length === 1, 'reservation-load');
    expect(of('reservation-error')).to.deep.equal([]);
    expect(of('reservation-load')[0].reservations.map((r: { sid: string }) => r.sid)).to.have.members(own);
    await waitFor(() => rows(el).length === 2, 'two rows');

    const pending = s.reservations[0]!.sid;
    const accept = await waitFor(
      () =>
        findButton(
          rows(el).find((r) => r.dataset.reservationSid === pending)!,
          'Accept',
        ),
      'Accept',
    );
    accept.click();
    await waitFor(() => of('reservation-status-change').length === 1, 'reservation-status-change');
    expect(of('reservation-status-change')[0]).to.include({ sid: pending, status: 'accepted', source: 'action' });
    expect((await getReservation(s.workspaceSid, pending)).reservation_status).to.equal('accepted');

    const upstream = await upstreamRequests(s);
    expect(upstream.map((r) => r.method)).to.include.members(['GET', 'POST']);
    const post = upstream.find((r) => r.method === 'POST')!;
    expect(post.path).to.equal(`/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations/${pending}`);
    expect(post.contentType).to.match(/^application\/x-www-form-urlencoded/);
    expect(post.body).to.equal('ReservationStatus=accepted');
    for (const r of upstream) {
      expect(r.headers['authorization']).to.equal(basicAuth(s));
      expect(JSON.stringify(r.headers)).not.to.include(s.token);
      expect(r.headers).not.to.have.property('cookie');
      expect(r.headers).not.to.have.property('origin');
    }
  });

  it('passes the query, If-Match and the form body through, and ETag, Date and Retry-After back, readable cross-origin', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }, { status: 'pending' }, { status: 'completed' }] });
    const list = await fetch(`${listUrl(s)}?ReservationStatus=pending&PageSize=1`, { headers: bearer(s.token) });
    expect(list.status).to.equal(200);
    const page = await list.json();
    expect(page.reservations).to.have.length(1);
    expect(page.meta.page_size).to.equal(1);
    expect(list.headers.get('date')).to.be.a('string');

    expect(list.headers.get('etag'), "the list's ETag, exposed to the page").to.match(/^W\/"/);

    const sid = s.reservations[0]!.sid;
    const one = await fetch(`${listUrl(s)}/${sid}`, { headers: bearer(s.token) });
    expect(one.status).to.equal(200);
    // If-Match takes the reservation's version (as event-bridge payloads carry it)
    const etag = `"${(await getReservation(s.workspaceSid, sid)).version}"`;

    const stale = await fetch(`${listUrl(s)}/${sid}`, {
      method: 'POST',
      headers: { ...bearer(s.token), 'content-type': FORM, 'if-match': '"stale"' },
      body: 'ReservationStatus=accepted',
    });
    await expectTwilioError(stale, 412);
    const ok = await fetch(`${listUrl(s)}/${sid}`, {
      method: 'POST',
      headers: { ...bearer(s.token), 'content-type': FORM, 'if-match': etag! },
      body: 'Instruction=dequeue&DequeueFrom=%2B15550100&DequeueStatusCallbackEvent=answered&DequeueStatusCallbackEvent=completed',
    });
    expect(ok.status).to.equal(200);
    expect((await ok.json()).reservation_status).to.equal('accepted');

    const log = await upstreamRequests(s);
    expect(log.find((r) => r.method === 'GET' && r.query !== '')!.query).to.equal('ReservationStatus=pending&PageSize=1');
    const posts = log.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.headers['if-match'])).to.deep.equal(['"stale"', etag]);
    expect(posts[1]!.body).to.equal(
      'Instruction=dequeue&DequeueFrom=%2B15550100&DequeueStatusCallbackEvent=answered&DequeueStatusCallbackEvent=completed',
    );

    // upstream errors come back as they are, Retry-After included
    await setFaults(s.workspaceSid, [{ method: 'GET', status: 429, retryAfter: 7, times: 1 }]);
    const limited = await fetch(listUrl(s), { headers: bearer(s.token) });
    await expectTwilioError(limited, 429);
    expect(limited.headers.get('retry-after')).to.equal('7');
    const notPending = await fetch(`${listUrl(s)}/${s.reservations[2]!.sid}`, {
      method: 'POST',
      headers: { ...bearer(s.token), 'content-type': FORM },
      body: 'ReservationStatus=accepted',
    });
    await expectTwilioError(notPending, 400);
  });

  it("refuses another worker's or workspace's reservations with 403, without asking upstream", async () => {
    const s = await scenario({ reservations: [{ status: 'pending', worker: 'other' }] });
    const other = s.reservations[0]!.sid;
    const before = (await upstreamRequests(s)).length;
    await expectTwilioError(await fetch(listUrl(s, s.otherWorkerSid), { headers: bearer(s.token) }), 403, 20403);
    await expectTwilioError(await fetch(`${listUrl(s, s.otherWorkerSid)}/${other}`, { headers: bearer(s.token) }), 403);
    await expectTwilioError(
      await fetch(`${listUrl(s, s.otherWorkerSid)}/${other}`, {
        method: 'POST',
        headers: { ...bearer(s.token), 'content-type': FORM },
        body: 'ReservationStatus=accepted',
      }),
      403,
    );
    const elsewhere = { workspaceSid: `WS${hex(0xabc)}`, workerSid: s.workerSid };
    await expectTwilioError(await fetch(listUrl(elsewhere), { headers: bearer(s.token) }), 403);
    expect((await upstreamRequests(s)).length, 'nothing reached the emulator').to.equal(before);
    expect((await getReservation(s.workspaceSid, other)).reservation_status).to.equal('pending');

    // the panel shows the refusal
    const { of } = await mount(
      { 'api-base': apiBase(), 'workspace-sid': s.workspaceSid, 'worker-sid': s.otherWorkerSid, 'poll-interval': '0' },
      { token: s.token },
    );
    await waitFor(() => of('reservation-error').length > 0, 'reservation-error');
    const [error] = of('reservation-error');
    expect(error).to.include({ operation: 'list', status: 403, code: 20403 });
  });

  it('refuses a missing, malformed, forged, expired or non-bearer token with 401', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const url = listUrl(s);
    const [head, payload] = s.token.split('.');
    const forged = `${head}.${payload}.${'A'.repeat(43)}`;
    const expired = await issueToken(s.workspaceSid, s.workerSid, -60);
    const cases: [string, Record<string, string>][] = [
      ['missing', {}],
      ['malformed', { authorization: 'Bearer' }],
      ['garbage', bearer('not-a-jwt')],
      ['forged', bearer(forged)],
      ['expired', bearer(expired)],
      // the account's own credentials are for the proxy to use, not to be accepted from a browser
      ['basic', { authorization: basicAuth(s) }],
    ];
    for (const [name, headers] of cases) {
      const res = await fetch(url, { headers });
      const body = await expectTwilioError(res, 401, 20003);
      expect(body.message, name).to.be.a('string');
      if (name === 'expired') expect(body.message).to.match(/expired/i);
    }
    expect(await upstreamRequests(s)).to.deep.equal([]);

    // the panel stops and says so
    const { of } = await mount({ 'api-base': apiBase(), 'poll-interval': '0' }, { token: expired });
    await waitFor(() => of('reservation-token-expired').length === 1, 'reservation-token-expired');
  });

  it('answers 404 for unlisted paths and 405 for other methods', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const wr = s.reservations[0]!.sid;
    const auth = bearer(s.token);
    const root = `${apiBase()}/Workspaces/${s.workspaceSid}`;
    for (const path of [
      `${proxy.url}/`,
      `${apiBase()}`,
      `${root}`,
      `${root}/Tasks`,
      `${root}/Tasks/${s.reservations[0]!.task_sid}/Reservations`,
      `${root}/Tasks/WT123`,
      `${root}/Workers`,
      `${root}/Workers/${s.workerSid}/`,
      `${root}/Activities/WA${hex(1)}`,
      `${root}/TaskQueues`,
      `${root}/Workers/${s.workerSid}/Reservations/`,
      `${root}/Workers/${s.workerSid}/Reservations/${wr}/extra`,
      `${root}/Workers/${s.workerSid}/Reservations/%2E%2E/%2E%2E/%2E%2E/Tasks`,
      `${root}/Workers/${s.workerSid}/Reservations/WR123`,
      `${root}/Workers/${s.workerSid}/Channels`,
      `${proxy.url}/emulator/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations`,
    ]) {
      await expectTwilioError(await fetch(path, { headers: auth }), 404, 20404);
    }
    const post = await fetch(listUrl(s), { method: 'POST', headers: { ...auth, 'content-type': FORM }, body: 'x=1' });
    await expectTwilioError(post, 405);
    // a browser would not even send it (the preflight allows GET and POST only)
    const del = await fromNode(`/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations/${wr}`, {
      method: 'DELETE',
      headers: auth,
    });
    expect(del.status).to.equal(405);
    expect(del.headers['allow']).to.equal('GET, POST');
    expect(JSON.parse(del.body)).to.include({ status: 405, code: 20004 });
    expect(await upstreamRequests(s)).to.deep.equal([]);
  });

  it("reads the token's own worker, and refuses another worker's without asking upstream", async () => {
    const s = await scenario({ workerAttributes: { skills: ['sales'] } });
    const res = await fetch(`${apiBase()}/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`, { headers: bearer(s.token) });
    expect(res.status).to.equal(200);
    const worker = await res.json();
    expect(worker).to.include({ sid: s.workerSid, friendly_name: s.workerName, activity_name: 'Available' });
    expect(res.headers.get('etag'), "the worker's ETag, passed back").to.match(/^"\d+"$/);
    const before = (await upstreamRequests(s)).length;
    await expectTwilioError(
      await fetch(`${apiBase()}/Workspaces/${s.workspaceSid}/Workers/${s.otherWorkerSid}`, { headers: bearer(s.token) }),
      403,
      20403,
    );
    await expectTwilioError(
      await fetch(`${apiBase()}/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`, {
        method: 'POST',
        headers: { ...bearer(s.token), 'content-type': FORM },
        body: 'ActivitySid=x',
      }),
      405,
    );
    const log = await upstreamRequests(s);
    expect(log.length, 'nothing more reached the emulator').to.equal(before);
    expect(log.map((r) => r.path)).to.deep.equal([`/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`]);
    expect(log[0]!.headers['authorization']).to.equal(basicAuth(s));
  });

  it("lists the workspace's activities with the query passed through, and refuses another workspace's", async () => {
    const s = await scenario();
    const t = await scenario();
    const res = await fetch(`${apiBase()}/Workspaces/${s.workspaceSid}/Activities?Available=false&PageSize=2`, {
      headers: bearer(s.token),
    });
    expect(res.status).to.equal(200);
    const body = await res.json();
    expect(body.activities.map((a: { friendly_name: string }) => a.friendly_name)).to.deep.equal(['Offline', 'Unavailable']);
    expect(body.meta.key).to.equal('activities');
    const [upstream] = await upstreamRequests(s);
    expect(upstream!.query).to.equal('Available=false&PageSize=2');
    await expectTwilioError(await fetch(`${apiBase()}/Workspaces/${t.workspaceSid}/Activities`, { headers: bearer(s.token) }), 403, 20403);
    expect(await upstreamRequests(t)).to.deep.equal([]);
  });

  it('forwards a task only when the worker holds a reservation for it, checked with one filtered request', async () => {
    const s = await scenario({
      tasks: { mine: { channel: 'voice', attributes: { caller_name: 'דוד כהן' } }, old: {}, theirs: {} },
      reservations: [{ task: 'mine' }, { task: 'old', status: 'rescinded' }, { task: 'theirs', worker: 'other' }],
    });
    const taskUrl = (sid: string) => `${apiBase()}/Workspaces/${s.workspaceSid}/Tasks/${sid}`;
    for (const key of ['mine', 'old']) {
      const res = await fetch(taskUrl(s.tasks[key]!), { headers: bearer(s.token) });
      expect(res.status, key).to.equal(200);
      expect((await res.json()).sid).to.equal(s.tasks[key]);
    }
    const mine = await (await fetch(taskUrl(s.tasks['mine']!), { headers: bearer(s.token) })).json();
    expect(JSON.parse(mine.attributes)).to.deep.equal({ caller_name: 'דוד כהן' });
    const log = await upstreamRequests(s);
    const check = log[0]!;
    expect(check.path).to.equal(`/v1/Workspaces/${s.workspaceSid}/Tasks/${s.tasks['mine']}/Reservations`);
    expect(Object.fromEntries(new URLSearchParams(check.query))).to.deep.equal({ WorkerSid: s.workerSid, PageSize: '1' });
    expect(log[1]!.path).to.equal(`/v1/Workspaces/${s.workspaceSid}/Tasks/${s.tasks['mine']}`);
    expect(log.every((r) => r.headers['authorization'] === basicAuth(s))).to.equal(true);

    // another worker's task, or one that does not exist: the same 403, and the task is never fetched
    const before = (await upstreamRequests(s)).length;
    const unknown = `WT${hex(0xdead)}`;
    const messages = [];
    for (const sid of [s.tasks['theirs']!, unknown]) {
      messages.push((await expectTwilioError(await fetch(taskUrl(sid), { headers: bearer(s.token) }), 403, 20403)).message);
    }
    expect(messages[0]).to.equal(messages[1]);
    const after = (await upstreamRequests(s)).slice(before);
    expect(after.map((r) => r.path)).to.deep.equal([
      `/v1/Workspaces/${s.workspaceSid}/Tasks/${s.tasks['theirs']}/Reservations`,
      `/v1/Workspaces/${s.workspaceSid}/Tasks/${unknown}/Reservations`,
    ]);
    // the other worker reads its own task through the proxy
    expect((await fetch(taskUrl(s.tasks['theirs']!), { headers: bearer(s.otherWorkerToken) })).status).to.equal(200);
    // another workspace: refused before anything goes upstream; other methods: 405
    const t = await scenario({ reservations: [{}] });
    await expectTwilioError(
      await fetch(`${apiBase()}/Workspaces/${t.workspaceSid}/Tasks/${t.reservations[0]!.task_sid}`, { headers: bearer(s.token) }),
      403,
    );
    expect(await upstreamRequests(t)).to.deep.equal([]);
    await expectTwilioError(
      await fetch(taskUrl(s.tasks['mine']!), { method: 'POST', headers: { ...bearer(s.token), 'content-type': FORM }, body: 'Priority=1' }),
      405,
    );
  });

  it('passes an upstream refusal of the task check back as it is', async () => {
    const s = await scenario({ reservations: [{}] });
    await setFaults(s.workspaceSid, [{ method: 'GET', pathIncludes: '/Tasks/', status: 429, retryAfter: 3, times: 1 }]);
    const res = await fetch(`${apiBase()}/Workspaces/${s.workspaceSid}/Tasks/${s.reservations[0]!.task_sid}`, { headers: bearer(s.token) });
    await expectTwilioError(res, 429);
    expect(res.headers.get('retry-after')).to.equal('3');
    expect((await upstreamRequests(s)).map((r) => r.path)).to.deep.equal([
      `/v1/Workspaces/${s.workspaceSid}/Tasks/${s.reservations[0]!.task_sid}/Reservations`,
    ]);
  });

  it('answers CORS preflights for the allowed origin only, and refuses other origins', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const path = `/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations/${s.reservations[0]!.sid}`;
    const preflight = (origin: string) =>
      fromNode(path, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,if-match',
        },
      });
    const allowed = await preflight(location.origin);
    expect(allowed.status).to.equal(204);
    expect(allowed.headers['access-control-allow-origin']).to.equal(location.origin);
    expect(allowed.headers['access-control-allow-methods']).to.equal('GET, POST');
    expect(allowed.headers['access-control-allow-headers']).to.equal('Authorization, Content-Type, If-Match');
    expect(allowed.headers['access-control-expose-headers']).to.equal('ETag, Retry-After, Date');
    expect(allowed.headers['vary']).to.include('Origin');

    const refused = await preflight('https://evil.example');
    expect(refused.status).to.equal(403);
    expect(refused.headers).not.to.have.property('access-control-allow-origin');
    // a real request from another origin is refused before it goes upstream
    const post = await fromNode(path, {
      method: 'POST',
      headers: { origin: 'https://evil.example', ...bearer(s.token), 'content-type': FORM },
      body: 'ReservationStatus=accepted',
    });
    expect(post.status).to.equal(403);
    expect(JSON.parse(post.body).code).to.equal(20403);
    expect(await upstreamRequests(s)).to.deep.equal([]);
  });

  it('never forwards cookies or the bearer token, and never logs the token', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const path = `/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations`;
    const res = await fromNode(path, {
      headers: { ...bearer(s.token), cookie: 'session=secret-session', 'x-forwarded-for': '10.0.0.1', origin: location.origin },
    });
    expect(res.status).to.equal(200);
    expect(res.headers['access-control-allow-origin']).to.equal(location.origin);
    expect(res.headers).not.to.have.property('set-cookie');
    const [upstream] = await upstreamRequests(s);
    expect(upstream!.headers['authorization']).to.equal(basicAuth(s));
    expect(Object.keys(upstream!.headers)).not.to.include.members(['cookie', 'x-forwarded-for', 'origin']);
    expect(JSON.stringify(upstream)).not.to.include(s.token);
    expect(JSON.stringify(upstream)).not.to.include('secret-session');

    const log = await proxyLog();
    const mine = log.filter((e) => e.path.includes(s.workspaceSid));
    expect(mine.length).to.be.greaterThan(0);
    expect(mine[0]).to.include({ method: 'GET', status: 200, workerSid: s.workerSid });
    const all = JSON.stringify(log);
    expect(all).not.to.include(s.token);
    expect(all).not.to.include(s.token.split('.')[2]!);
    expect(all).not.to.include(s.authToken);
  });

  it('limits the request body (413), the content type (415) and the time upstream may take (504)', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const url = `${listUrl(s)}/${s.reservations[0]!.sid}`;
    const big = `ReservationStatus=accepted&DequeueFrom=${'1'.repeat(proxy.maxBodyBytes)}`;
    const tooBig = await fetch(url, { method: 'POST', headers: { ...bearer(s.token), 'content-type': FORM }, body: big });
    await expectTwilioError(tooBig, 413);
    const json = await fetch(url, {
      method: 'POST',
      headers: { ...bearer(s.token), 'content-type': 'application/json' },
      body: '{"ReservationStatus":"accepted"}',
    });
    await expectTwilioError(json, 415);
    expect(await upstreamRequests(s)).to.deep.equal([]);

    await setFaults(s.workspaceSid, [{ method: 'GET', latencyMs: proxy.timeoutMs + 1500, times: 1 }]);
    const started = performance.now();
    const slow = await fetch(url, { headers: bearer(s.token) });
    await expectTwilioError(slow, 504);
    expect(performance.now() - started).to.be.lessThan(proxy.timeoutMs + 1400);
    expect((await getReservation(s.workspaceSid, s.reservations[0]!.sid)).reservation_status).to.equal('pending');
  });
});

/** A button by its text, looking inside shadow roots too. */
function findButton(node: Element, name: string): HTMLButtonElement | undefined {
  if (node instanceof HTMLButtonElement && node.textContent?.trim() === name) return node;
  for (const child of [...(node.shadowRoot?.children ?? []), ...node.children]) {
    const found = findButton(child, name);
    if (found) return found;
  }
  return undefined;
}
