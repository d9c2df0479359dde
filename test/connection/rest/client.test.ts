/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import type { WorkerRef } from '../../../src/connection/connection.js';
import { ApiError, isAbortError } from '../../../src/connection/errors.js';
import { createRestClient, type RestClientConfig } from '../../../src/connection/rest/client.js';
import type { ReservationStatus, UpdateParams } from '../../../src/wire/types.js';
import {
  API_BASE,
  getReservation,
  requests,
  reservationsPath,
  scenario,
  setFaults,
  token as issueToken,
  type RecordedRequest,
  type Scenario,
} from '../../support/emulator.js';

const ref = (s: Scenario): WorkerRef => ({ workspaceSid: s.workspaceSid, workerSid: s.workerSid });
/** the path the emulator records for the list (after its mount point) */
const listPath = (s: Scenario) => `/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations`;
/** The REST client for a scenario's worker, called with the worker first as the assertions read. */
const clientFor = (s: Scenario, config: Partial<RestClientConfig> = {}) => {
  const client = createRestClient({ apiBase: API_BASE, worker: ref(s), getToken: () => s.token, ...config });
  type Opts = { signal?: AbortSignal; status?: ReservationStatus; pageSize?: number; ifMatch?: string };
  return {
    list: async (_: WorkerRef, options?: Opts) => (await client.list(options)).items,
    fetch: (_: WorkerRef, sid: string, options?: Opts) => client.fetch(sid, options),
    update: (_: WorkerRef, sid: string, params: UpdateParams, options?: Opts) => client.update(sid, params, options),
  };
};

/** The ApiError a promise rejects with (fails the test if it resolves or rejects otherwise). */
async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  let error: unknown;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  expect(error, 'the call should reject with an ApiError').to.be.instanceOf(ApiError);
  return error as ApiError;
}

const log = async (s: Scenario, method?: string): Promise<RecordedRequest[]> =>
  (await requests(s.workspaceSid)).filter((r) => !method || r.method === method);

const mine = (s: Scenario) => s.reservations.filter((r) => r.worker_sid === s.workerSid);

describe('connection/rest/client: list', () => {
  it('lists all of the worker’s reservations without a filter', async () => {
    const s = await scenario({
      reservations: [{ status: 'pending' }, { status: 'accepted' }, { status: 'completed' }, { status: 'pending', worker: 'other' }],
    });
    const list = await clientFor(s).list(ref(s));
    expect(list.map((r) => r.sid).sort()).to.deep.equal(
      mine(s)
        .map((r) => r.sid)
        .sort(),
    );
    expect(list).to.have.length(3);
    expect(list.every((r) => r.worker_sid === s.workerSid)).to.equal(true);
    const [req] = await log(s, 'GET');
    expect(req!.path).to.equal(listPath(s));
    expect(req!.query).to.equal('');
    expect(req!.headers['accept']).to.equal('application/json');
  });

  it('filters by status with ReservationStatus', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }, { status: 'accepted' }, { status: 'pending' }] });
    const list = await clientFor(s).list(ref(s), { status: 'pending' });
    expect(list).to.have.length(2);
    expect(list.every((r) => r.reservation_status === 'pending')).to.equal(true);
    const [req] = await log(s, 'GET');
    expect(new URLSearchParams(req!.query).get('ReservationStatus')).to.equal('pending');
  });

  it('follows next_page_url under apiBase, taking only its query', async () => {
    const s = await scenario({ reservations: Array.from({ length: 5 }, () => ({ status: 'pending' as const })) });
    const list = await clientFor(s).list(ref(s), { pageSize: 2 });
    expect(list.map((r) => r.sid).sort()).to.deep.equal(
      mine(s)
        .map((r) => r.sid)
        .sort(),
    );

    const gets = await log(s, 'GET');
    expect(gets).to.have.length(3);
    expect(gets.every((r) => r.path === listPath(s))).to.equal(true);
    expect(new URLSearchParams(gets[0]!.query).get('PageSize')).to.equal('2');
    expect(new URLSearchParams(gets[0]!.query).has('PageToken')).to.equal(false);

    // Pages 2 and 3 carry exactly the query of the previous page's next_page_url.
    const raw = async (query: string) => {
      const res = await fetch(`${reservationsPath(s)}?${query}`, { headers: { authorization: `Bearer ${s.token}` } });
      return (await res.json()) as { meta: { next_page_url: string | null } };
    };
    let query = gets[0]!.query;
    for (const next of gets.slice(1)) {
      const nextUrl = (await raw(query)).meta.next_page_url;
      expect(nextUrl).to.be.a('string');
      const expected = new URL(nextUrl!, location.href).searchParams;
      expect(expected.get('PageToken')).to.be.a('string');
      expect(Object.fromEntries(new URLSearchParams(next.query))).to.deep.equal(Object.fromEntries(expected));
      query = next.query;
    }
    expect((await raw(query)).meta.next_page_url).to.equal(null);
  });

  it('requests an absolute next_page_url of another host (Twilio’s) under apiBase', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }, { status: 'pending' }] });
    const first = await fetch(`${reservationsPath(s)}?PageSize=1`, { headers: { authorization: `Bearer ${s.token}` } });
    const page = (await first.json()) as { reservations: unknown[]; meta: { next_page_url: string } };
    const next = new URL(page.meta.next_page_url);
    const twilioNext = `https://taskrouter.twilio.com/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations${next.search}`;
    const body = JSON.stringify({ ...page, meta: { ...page.meta, next_page_url: twilioNext } });
    await setFaults(s.workspaceSid, [{ method: 'GET', status: 200, body, contentType: 'application/json', times: 1 }]);

    const list = await clientFor(s).list(ref(s), { pageSize: 1 });
    expect(list.map((r) => r.sid).sort()).to.deep.equal(
      mine(s)
        .map((r) => r.sid)
        .sort(),
    );
    const gets = (await log(s, 'GET')).slice(1); // the first one is the raw fetch above
    expect(gets).to.have.length(2);
    expect(gets[1]!.path).to.equal(listPath(s));
    expect(gets[1]!.query).to.equal(next.search.slice(1));
  });

  it('keeps the status filter across pages', async () => {
    const s = await scenario({
      reservations: [{ status: 'pending' }, { status: 'accepted' }, { status: 'pending' }, { status: 'completed' }, { status: 'pending' }],
    });
    const list = await clientFor(s).list(ref(s), { status: 'pending', pageSize: 1 });
    expect(list).to.have.length(3);
    expect(list.every((r) => r.reservation_status === 'pending')).to.equal(true);
    const gets = await log(s, 'GET');
    expect(gets.length).to.be.at.least(3);
    for (const r of gets) expect(new URLSearchParams(r.query).get('ReservationStatus')).to.equal('pending');
  });
});

describe('connection/rest/client: fetch', () => {
  it('fetches one reservation', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }, { status: 'accepted' }] });
    const target = mine(s)[1]!;
    const r = await clientFor(s).fetch(ref(s), target.sid);
    expect(r.sid).to.equal(target.sid);
    expect(r.reservation_status).to.equal(target.reservation_status);
    expect(r.task_sid).to.equal(target.task_sid);
    const [req] = await log(s, 'GET');
    expect(req!.path).to.equal(`${listPath(s)}/${target.sid}`);
  });

  it('URL-encodes the SIDs in the path', async () => {
    const s = await scenario();
    const e = await rejection(clientFor(s).fetch(ref(s), 'WR/../x?y'));
    expect(e.status).to.equal(404);
    const [req] = await log(s, 'GET');
    expect(req!.path).to.equal(`${listPath(s)}/WR%2F..%2Fx%3Fy`);
    expect(req!.query).to.equal('');
  });

  it('decodes a 404 from the emulator', async () => {
    const s = await scenario();
    const e = await rejection(clientFor(s).fetch(ref(s), 'WR00000000000000000000000000000000'));
    expect(e.kind).to.equal('http');
    expect(e.status).to.equal(404);
    expect(e.code).to.equal(20404);
    expect(e.message).to.be.a('string').and.not.equal('');
    expect(e.moreInfo).to.equal('https://www.twilio.com/docs/errors/20404');
  });
});

describe('connection/rest/client: update', () => {
  it('posts a form: PascalCase names, repeated keys for arrays, true/false, no empties', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const sid = mine(s)[0]!.sid;
    const r = await clientFor(s).update(ref(s), sid, {
      Instruction: 'conference',
      From: '+15005550006',
      StatusCallbackEvent: ['ringing', 'answered'],
      EarlyMedia: 'true',
      EndConferenceOnExit: 'false',
      To: '',
      ConferenceStatusCallbackEvent: [],
      StatusCallback: 'https://example.com/cb?a=1&b=2',
    });
    expect(r.sid).to.equal(sid);
    const posts = await log(s, 'POST');
    expect(posts).to.have.length(1);
    const post = posts[0]!;
    expect(post.path).to.equal(`${listPath(s)}/${sid}`);
    expect(post.contentType).to.equal('application/x-www-form-urlencoded');
    expect(post.body).to.equal(
      'Instruction=conference&From=%2B15005550006&StatusCallbackEvent=ringing&StatusCallbackEvent=answered' +
        '&EarlyMedia=true&EndConferenceOnExit=false&StatusCallback=https%3A%2F%2Fexample.com%2Fcb%3Fa%3D1%26b%3D2',
    );
    expect(post.query).to.equal('');
    expect(post.headers['if-match']).to.equal(undefined);
  });

  it('accepts a reservation and returns the updated resource', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const sid = mine(s)[0]!.sid;
    const r = await clientFor(s).update(ref(s), sid, { ReservationStatus: 'accepted' });
    expect(r.reservation_status).to.equal('accepted');
    const [post] = await log(s, 'POST');
    expect(post!.body).to.equal('ReservationStatus=accepted');
  });

  it('sends If-Match: a stale one is refused with 412, the current one passes', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const sid = mine(s)[0]!.sid;
    const api = clientFor(s);
    const e = await rejection(api.update(ref(s), sid, { ReservationStatus: 'accepted' }, { ifMatch: '"999"' }));
    expect(e.status).to.equal(412);
    expect(e.kind).to.equal('http');
    // the reservation's version, as event-bridge payloads carry it (here read through the control API)
    const etag = `"${(await getReservation(s.workspaceSid, sid)).version}"`;
    const r = await api.update(ref(s), sid, { ReservationStatus: 'accepted' }, { ifMatch: etag });
    expect(r.reservation_status).to.equal('accepted');
    const posts = await log(s, 'POST');
    expect(posts.map((p) => p.headers['if-match'])).to.deep.equal(['"999"', etag]);
    expect(posts.map((p) => p.status)).to.deep.equal([412, 200]);
  });

  it('decodes the emulator’s 400 for a refused transition', async () => {
    const s = await scenario({ reservations: [{ status: 'completed' }] });
    const e = await rejection(clientFor(s).update(ref(s), mine(s)[0]!.sid, { ReservationStatus: 'accepted' }));
    expect(e.status).to.equal(400);
    expect(e.code).to.be.a('number');
    expect(e.message)
      .to.be.a('string')
      .and.not.match(/^HTTP /);
  });
});

describe('connection/rest/client: token', () => {
  it('sends the token only as a Bearer Authorization header', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const api = clientFor(s);
    await api.list(ref(s), { pageSize: 1 });
    await api.fetch(ref(s), mine(s)[0]!.sid);
    await api.update(ref(s), mine(s)[0]!.sid, { ReservationStatus: 'accepted' });
    const all = await log(s);
    expect(all).to.have.length(3);
    for (const r of all) {
      expect(r.headers['authorization']).to.equal(`Bearer ${s.token}`);
      expect(r.path).not.to.include(s.token);
      expect(r.query).not.to.include(s.token);
      expect(r.body).not.to.include(s.token);
      const others = Object.entries(r.headers).filter(([k]) => k !== 'authorization');
      expect(others.some(([, v]) => v.includes(s.token))).to.equal(false);
    }
  });

  it('reads the token at request time', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    let current: string | undefined = s.token;
    const api = clientFor(s, { getToken: () => current });
    await api.list(ref(s));
    const fresh = await issueToken(s.workspaceSid, s.workerSid, 1234);
    expect(fresh).not.to.equal(s.token);
    current = fresh;
    await api.list(ref(s));
    current = undefined;
    const e = await rejection(api.list(ref(s)));
    expect(e.status).to.equal(401);
    const gets = await log(s, 'GET');
    expect(gets.map((r) => r.headers['authorization'])).to.deep.equal([`Bearer ${s.token}`, `Bearer ${fresh}`, undefined]);
  });

  it('decodes a 401 for a bad token', async () => {
    const s = await scenario();
    const api = clientFor(s, { getToken: () => 'not-a-token' });
    const e = await rejection(api.list(ref(s)));
    expect(e.kind).to.equal('http');
    expect(e.status).to.equal(401);
    expect(e.code).to.equal(20003);
    expect(e.message)
      .to.be.a('string')
      .and.not.match(/^HTTP /);
    expect(e.moreInfo).to.equal('https://www.twilio.com/docs/errors/20003');
  });
});

describe('connection/rest/client: error decoding', () => {
  it('decodes a classic Twilio error body', async () => {
    const s = await scenario();
    const body = { code: 20001, message: 'Classic refusal', more_info: 'https://www.twilio.com/docs/errors/20001', status: 400 };
    await setFaults(s.workspaceSid, [{ status: 400, body: JSON.stringify(body), contentType: 'application/json' }]);
    const e = await rejection(clientFor(s).list(ref(s)));
    expect([e.kind, e.status, e.code, e.message, e.moreInfo]).to.deep.equal(['http', 400, 20001, 'Classic refusal', body.more_info]);
  });

  it('decodes the newer { type, title, status, code, detail } body', async () => {
    const s = await scenario();
    const body = { type: 'https://www.twilio.com/docs/errors/20409', title: 'Conflict', status: 409, code: 20409, detail: 'Newer refusal' };
    await setFaults(s.workspaceSid, [{ status: 409, body: JSON.stringify(body), contentType: 'application/problem+json' }]);
    const e = await rejection(clientFor(s).list(ref(s)));
    expect([e.kind, e.status, e.code, e.message, e.moreInfo]).to.deep.equal(['http', 409, 20409, 'Newer refusal', body.type]);
  });

  it('reads a 5xx without a body from its status line', async () => {
    const s = await scenario();
    await setFaults(s.workspaceSid, [{ status: 502, body: '', contentType: 'text/plain' }]);
    const e = await rejection(clientFor(s, { retryLimit: 0 }).list(ref(s)));
    expect([e.kind, e.status, e.code, e.message, e.moreInfo]).to.deep.equal(['http', 502, null, 'HTTP 502 Bad Gateway', null]);
  });

  it('reads a non-JSON body from its status line', async () => {
    const s = await scenario();
    await setFaults(s.workspaceSid, [{ status: 503, body: '<html><h1>Service down</h1></html>', contentType: 'text/html' }]);
    const e = await rejection(clientFor(s, { retryLimit: 0 }).list(ref(s)));
    expect([e.kind, e.status, e.code, e.message]).to.deep.equal(['http', 503, null, 'HTTP 503 Service Unavailable']);
  });

  it('refuses a successful answer that is not the resource', async () => {
    const s = await scenario();
    await setFaults(s.workspaceSid, [{ status: 200, body: '<html>login page</html>', contentType: 'text/html' }]);
    const e = await rejection(clientFor(s).list(ref(s)));
    expect(e.kind).to.equal('invalid');
    expect(e.status).to.equal(200);
    expect(e.message).to.match(/^The server's answer could not be read/);
  });

  it('reports a dropped connection as a network error', async () => {
    const s = await scenario();
    await setFaults(s.workspaceSid, [{ drop: true }]);
    const e = await rejection(clientFor(s, { retryLimit: 0 }).list(ref(s)));
    expect([e.kind, e.status, e.code, e.message]).to.deep.equal(['network', 0, null, 'Network error: could not reach the server']);
  });

  it('times out after timeoutMs', async () => {
    const s = await scenario();
    await setFaults(s.workspaceSid, [{ latencyMs: 3000 }]);
    const started = performance.now();
    const e = await rejection(clientFor(s, { timeoutMs: 300 }).list(ref(s)));
    const elapsed = performance.now() - started;
    expect([e.kind, e.status]).to.deep.equal(['timeout', 0]);
    expect(e.message).to.match(/timed out/);
    expect(elapsed).to.be.within(250, 2000);
  });
});

describe('connection/rest/client: abort', () => {
  it('rejects with an aborted ApiError when the signal aborts mid-request', async () => {
    const s = await scenario();
    await setFaults(s.workspaceSid, [{ latencyMs: 3000 }]);
    const controller = new AbortController();
    const started = performance.now();
    const call = clientFor(s).list(ref(s), { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const e = await rejection(call);
    expect(e.kind).to.equal('aborted');
    expect(e.status).to.equal(0);
    expect(isAbortError(e)).to.equal(true);
    expect(performance.now() - started).to.be.below(2000);
  });

  it('sends nothing for an already aborted signal, whatever the abort reason', async () => {
    const s = await scenario();
    const reason = new Error('superseded');
    const api = clientFor(s);
    const e1 = await rejection(api.fetch(ref(s), 'WR00000000000000000000000000000000', { signal: AbortSignal.abort(reason) }));
    expect(e1.kind).to.equal('aborted');
    expect(e1.cause).to.equal(reason);
    const e2 = await rejection(
      api.update(ref(s), 'WR00000000000000000000000000000000', { ReservationStatus: 'accepted' }, { signal: AbortSignal.abort() }),
    );
    expect(isAbortError(e2)).to.equal(true);
    expect(await log(s)).to.have.length(0);
  });

  it('stops waiting for a retry when aborted', async () => {
    const s = await scenario();
    await setFaults(s.workspaceSid, [{ status: 429, retryAfter: 5 }]);
    const controller = new AbortController();
    const started = performance.now();
    const call = clientFor(s).list(ref(s), { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const e = await rejection(call);
    expect(e.kind).to.equal('aborted');
    expect(performance.now() - started).to.be.below(2000);
    expect(await log(s, 'GET')).to.have.length(1);
  });
});

describe('connection/rest/client: retries', () => {
  it('retries a GET after a 5xx', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    await setFaults(s.workspaceSid, [{ method: 'GET', status: 500, times: 2 }]);
    const list = await clientFor(s).list(ref(s));
    expect(list).to.have.length(1);
    expect((await log(s, 'GET')).map((r) => r.status)).to.deep.equal([500, 500, 200]);
  });

  it('gives up after retryLimit retries', async () => {
    const s = await scenario();
    await setFaults(s.workspaceSid, [{ method: 'GET', status: 503 }]);
    const e = await rejection(clientFor(s, { retryLimit: 1 }).list(ref(s)));
    expect(e.status).to.equal(503);
    expect((await log(s, 'GET')).map((r) => r.status)).to.deep.equal([503, 503]);
  });

  it('does not retry 501 Not Implemented or a 4xx', async () => {
    const s = await scenario();
    await setFaults(s.workspaceSid, [
      { method: 'GET', status: 501, times: 1 },
      { method: 'GET', status: 400, times: 1 },
    ]);
    const api = clientFor(s);
    expect((await rejection(api.list(ref(s)))).status).to.equal(501);
    expect((await rejection(api.list(ref(s)))).status).to.equal(400);
    expect((await log(s, 'GET')).map((r) => r.status)).to.deep.equal([501, 400]);
  });

  it('retries a GET after a dropped connection', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    await setFaults(s.workspaceSid, [{ method: 'GET', drop: true, times: 1 }]);
    const list = await clientFor(s).list(ref(s));
    expect(list).to.have.length(1);
    expect((await log(s, 'GET')).map((r) => r.status)).to.deep.equal([0, 200]);
  });

  it('retries a GET after 429 once Retry-After has passed', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    await setFaults(s.workspaceSid, [{ method: 'GET', status: 429, retryAfter: 1, times: 1 }]);
    const started = performance.now();
    const list = await clientFor(s).list(ref(s));
    const elapsed = performance.now() - started;
    expect(list).to.have.length(1);
    expect((await log(s, 'GET')).map((r) => r.status)).to.deep.equal([429, 200]);
    // waited for Retry-After (1 s), not the short backoff (0.3 s)
    expect(elapsed).to.be.at.least(950);
  });

  for (const [label, fault] of [
    ['a 5xx', { status: 503 }],
    ['a 429 with Retry-After', { status: 429, retryAfter: 1 }],
    ['a dropped connection', { drop: true }],
  ] as const) {
    it(`never retries a POST, not even after ${label}`, async () => {
      const s = await scenario({ reservations: [{ status: 'pending' }] });
      await setFaults(s.workspaceSid, [{ method: 'POST', ...fault }]);
      const e = await rejection(clientFor(s).update(ref(s), mine(s)[0]!.sid, { ReservationStatus: 'accepted' }));
      expect(e.kind).to.equal('drop' in fault ? 'network' : 'http');
      // give a wrongly scheduled retry time to show up in the log
      await new Promise((r) => setTimeout(r, 'retryAfter' in fault ? 1300 : 800));
      const posts = await log(s, 'POST');
      expect(posts).to.have.length(1);
    });
  }
});
