import { expect } from '@open-wc/testing';
import { getReservation, requests, reservationsPath, scenario, setFaults, type Scenario } from '../support/emulator.js';
import { expectError, get, list, update } from './helpers.js';

async function rejects(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the request to fail');
}

describe('emulator: faults', () => {
  let s: Scenario;
  beforeEach(async () => {
    s = await scenario({ reservations: [{}, {}] });
  });

  it('delays with latencyMs, then answers normally', async () => {
    await setFaults(s.workspaceSid, [{ latencyMs: 400, times: 1 }]);
    let t0 = performance.now();
    const res = await list(s);
    expect(performance.now() - t0).to.be.at.least(380);
    expect(res.status).to.equal(200);
    t0 = performance.now();
    expect((await list(s)).status).to.equal(200);
    expect(performance.now() - t0).to.be.below(380);
  });

  it('answers 429 with Retry-After and a Twilio error body', async () => {
    await setFaults(s.workspaceSid, [{ status: 429, retryAfter: 7 }]);
    const res = await list(s);
    expect(res.headers.get('retry-after')).to.equal('7');
    await expectError(res, 429, 20429);
  });

  it('answers a 5xx with a Twilio error body', async () => {
    await setFaults(s.workspaceSid, [{ status: 503 }]);
    await expectError(await list(s), 503, 20503);
    await setFaults(s.workspaceSid, [{ status: 500 }]);
    const err = await expectError(await get(s, s.reservations[0]!.sid), 500, 20500);
    expect(err.message).to.be.a('string');
  });

  it('answers with an exact body and content type', async () => {
    const html = '<html><body>502 Bad Gateway</body></html>';
    await setFaults(s.workspaceSid, [{ status: 502, body: html, contentType: 'text/html' }]);
    const res = await list(s);
    expect(res.status).to.equal(502);
    expect(res.headers.get('content-type')).to.match(/^text\/html/);
    expect(await res.text()).to.equal(html);
  });

  it('answers with a newer-shape error body', async () => {
    const problem = { type: 'https://www.twilio.com/docs/errors/20001', title: 'Invalid', status: 400, code: 20001, detail: 'x' };
    await setFaults(s.workspaceSid, [{ status: 400, body: JSON.stringify(problem), contentType: 'application/problem+json' }]);
    const res = await update(s, s.reservations[0]!.sid, 'ReservationStatus=accepted');
    expect(res.status).to.equal(400);
    expect(res.headers.get('content-type')).to.equal('application/problem+json');
    expect(await res.json()).to.deep.equal(problem);
    expect((await getReservation(s.workspaceSid, s.reservations[0]!.sid)).reservation_status).to.equal('pending');
  });

  it('drops the connection: fetch rejects', async () => {
    await setFaults(s.workspaceSid, [{ drop: true }]);
    const e = await rejects(list(s));
    expect(e).to.be.instanceOf(TypeError);
    await setFaults(s.workspaceSid, []);
    expect((await list(s)).status).to.equal(200);
  });

  it('drops a POST without applying it', async () => {
    await setFaults(s.workspaceSid, [{ drop: true, method: 'POST', times: 1 }]);
    expect(await rejects(update(s, s.reservations[0]!.sid, 'ReservationStatus=accepted'))).to.be.instanceOf(TypeError);
    expect((await getReservation(s.workspaceSid, s.reservations[0]!.sid)).reservation_status).to.equal('pending');
    expect((await update(s, s.reservations[0]!.sid, 'ReservationStatus=accepted')).status).to.equal(200);
  });

  it('applies `times` matching requests, then stops', async () => {
    await setFaults(s.workspaceSid, [{ status: 503, times: 2 }]);
    expect((await list(s)).status).to.equal(503);
    expect((await list(s)).status).to.equal(503);
    expect((await list(s)).status).to.equal(200);
  });

  it('matches method and pathIncludes', async () => {
    const sid = s.reservations[0]!.sid;
    await setFaults(s.workspaceSid, [
      { method: 'POST', status: 500 },
      { method: 'GET', pathIncludes: sid, status: 429, retryAfter: 1 },
    ]);
    expect((await list(s)).status).to.equal(200);
    expect((await get(s, s.reservations[1]!.sid)).status).to.equal(200);
    expect((await get(s, sid)).status).to.equal(429);
    expect((await update(s, s.reservations[1]!.sid, 'ReservationStatus=accepted')).status).to.equal(500);
    expect((await getReservation(s.workspaceSid, s.reservations[1]!.sid)).reservation_status).to.equal('pending');
  });

  it('replaces and clears the faults, and leaves other workspaces alone', async () => {
    const other = await scenario({ reservations: [{}] });
    expect(await setFaults(s.workspaceSid, [{ status: 500 }, { status: 503 }])).to.deep.equal({ faults: 2 });
    expect((await list(other)).status).to.equal(200);
    expect((await list(s)).status).to.equal(500);
    await setFaults(s.workspaceSid, [{ status: 503 }]);
    expect((await list(s)).status).to.equal(503);
    expect(await setFaults(s.workspaceSid, [])).to.deep.equal({ faults: 0 });
    expect((await list(s)).status).to.equal(200);
  });
});

describe('emulator: request log', () => {
  it('records each /v1 request of the workspace with the status answered', async () => {
    const s = await scenario({ reservations: [{}] });
    const sid = s.reservations[0]!.sid;
    await list(s, { ReservationStatus: 'pending', PageSize: '5' });
    await update(s, sid, 'ReservationStatus=accepted&Foo=1');
    await update(s, sid, 'ReservationStatus=accepted', { 'if-match': '"1"' });
    await fetch(reservationsPath(s));
    await setFaults(s.workspaceSid, [{ status: 429, times: 1 }]);
    await list(s);
    const log = await requests(s.workspaceSid);
    expect(log.map((r) => [r.method, r.status])).to.deep.equal([
      ['GET', 200],
      ['POST', 400],
      ['POST', 200],
      ['GET', 401],
      ['GET', 429],
    ]);
    const [first, bad, good, anonymous] = log as [(typeof log)[0], (typeof log)[0], (typeof log)[0], (typeof log)[0]];
    expect(first.path).to.equal(`/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations`);
    expect(first.query).to.equal('ReservationStatus=pending&PageSize=5');
    expect(first.headers['authorization']).to.equal(`Bearer ${s.token}`);
    expect(first.contentType).to.equal(null);
    expect(first.body).to.equal('');
    expect(bad.path).to.equal(`/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations/${sid}`);
    expect(bad.body).to.equal('ReservationStatus=accepted&Foo=1');
    expect(bad.contentType).to.equal('application/x-www-form-urlencoded');
    expect(good.headers['if-match']).to.equal('"1"');
    expect(Object.keys(good.headers).every((k) => k === k.toLowerCase())).to.equal(true);
    expect(anonymous.headers['authorization']).to.equal(undefined);
  });

  it('keeps the last 500 requests', async () => {
    const s = await scenario();
    // The first ten one after another, so they are surely the first to arrive (and to go);
    // parallel requests may arrive in any order.
    for (let n = 1; n <= 10; n++) await list(s, { PageSize: String(n) });
    for (let batch = 0; batch < 5; batch++) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => list(s, { PageSize: String(11 + batch * 100 + i) })));
    }
    const log = await requests(s.workspaceSid);
    expect(log).to.have.length(500);
    const sizes = log.map((r) => Number(new URLSearchParams(r.query).get('PageSize')));
    expect(Math.min(...sizes)).to.equal(11);
    expect(Math.max(...sizes)).to.equal(510);
  });
});
