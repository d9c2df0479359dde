/**
 * The emulator's core running inside the browser (no server): the same `fetch` handler the
 * Node middleware serves. Also covers demo mode, which the test server does not mount.
 */
import { expect } from '@open-wc/testing';
import { decodeJwt } from 'jose';
import type { Reservation } from '../../src/wire/types.js';
import { createEmulator, DEMO_WORKERS, DEMO_WORKSPACE_SID, EmulatorDropError, type Emulator } from '../../src/emulator/index.js';

const ORIGIN = 'http://emulator.test';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function call(emu: Emulator, path: string, init: RequestInit = {}) {
  return emu.fetch(new Request(`${ORIGIN}${path}`, init));
}

async function control<T>(emu: Emulator, path: string, body?: unknown): Promise<T> {
  const res = await call(emu, `${emu.basePath}/__control${path}`, body === undefined ? {} : {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).to.equal(200);
  return res.json() as Promise<T>;
}

async function demoList(emu: Emulator, workerSid: string = DEMO_WORKERS[0].sid): Promise<Reservation[]> {
  const token = await (await call(emu, `${emu.basePath}/demo/token?worker=${workerSid}`)).text();
  const res = await call(emu, `${emu.basePath}/v1/Workspaces/${DEMO_WORKSPACE_SID}/Workers/${workerSid}/Reservations`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).to.equal(200);
  return ((await res.json()) as { reservations: Reservation[] }).reservations;
}

describe('emulator core (in the browser): demo mode', () => {
  const emulators: Emulator[] = [];
  const make = (options: Parameters<typeof createEmulator>[0]) => {
    const emu = createEmulator(options);
    emulators.push(emu);
    return emu;
  };
  afterEach(() => emulators.splice(0).forEach((e) => e.close()));

  it('lists the demo workers', async () => {
    const emu = make({ demo: true, basePath: '/emulator' });
    const res = await call(emu, '/emulator/demo/workers');
    expect(res.status).to.equal(200);
    const workers = (await res.json()) as { workspaceSid: string; workerSid: string; friendlyName: string }[];
    expect(workers.length).to.be.within(2, 3);
    for (const w of workers) {
      expect(w.workspaceSid).to.equal(DEMO_WORKSPACE_SID);
      expect(w.workerSid).to.match(/^WK[0-9a-f]{32}$/);
      expect(w.friendlyName).to.be.a('string').and.not.equal('');
    }
    expect(workers.map((w) => w.workerSid)).to.deep.equal(DEMO_WORKERS.map((w) => w.sid));
  });

  it('serves a demo token as text/plain: first worker and 3600 s by default, or as asked', async () => {
    const emu = make({ demo: true, basePath: '/emulator' });
    const res = await call(emu, '/emulator/demo/token');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/plain/);
    const claims = decodeJwt(await res.text()) as { exp: number; iat: number; grants: { task_router: Record<string, string> } };
    expect(claims.grants.task_router).to.deep.equal({ workspace_sid: DEMO_WORKSPACE_SID, worker_sid: DEMO_WORKERS[0].sid, role: 'worker' });
    expect(claims.exp - claims.iat).to.equal(3600);

    const second = await call(emu, `/emulator/demo/token?worker=${DEMO_WORKERS[1].sid}&ttl=60`);
    const c2 = decodeJwt(await second.text()) as { exp: number; iat: number; grants: { task_router: Record<string, string> } };
    expect(c2.grants.task_router['worker_sid']).to.equal(DEMO_WORKERS[1].sid);
    expect(c2.exp - c2.iat).to.equal(60);

    expect((await call(emu, `/emulator/demo/token?worker=WK${'0'.repeat(32)}`)).status).to.equal(404);
    expect((await call(emu, '/emulator/demo/token?ttl=soon')).status).to.equal(400);
  });

  it('seeds a deterministic mix of statuses', async () => {
    const a = await demoList(make({ demo: true }));
    const b = await demoList(make({ demo: true }));
    expect(a.map((r) => r.sid)).to.deep.equal(b.map((r) => r.sid));
    const statuses = a.map((r) => r.reservation_status);
    expect(statuses.filter((s) => s === 'pending').length).to.be.at.least(2);
    expect(statuses).to.include.members(['accepted', 'wrapping', 'completed', 'rejected', 'timeout']);
    expect(a.every((r) => r.worker_name === DEMO_WORKERS[0].friendlyName)).to.equal(true);
  });

  it('has no demo endpoints without demo mode', async () => {
    const emu = make({});
    expect((await call(emu, '/demo/token')).status).to.equal(404);
  });

  it('keeps new pending reservations arriving up to 6 per worker, and stops on close()', async () => {
    const emu = make({ demo: { arrivalIntervalMs: 30 } });
    const pending = async () => (await demoList(emu)).filter((r) => r.reservation_status === 'pending').length;
    const before = await pending();
    expect(before).to.be.below(6);
    await sleep(400);
    expect(await pending()).to.equal(6);
    await sleep(150);
    expect(await pending()).to.equal(6);
    const total = (await demoList(emu)).length;
    emu.close();
    await sleep(150);
    expect((await demoList(emu)).length).to.equal(total);
  });
});

describe('emulator core (in the browser): clock, tokens, drop', () => {
  it('times out pending reservations and expires tokens by the injected clock', async () => {
    let now = Date.UTC(2024, 0, 1, 12, 0, 0);
    const emu = createEmulator({ now: () => now, control: true, reservationTimeoutSeconds: 30 });
    try {
      const s = await control<{ workspaceSid: string; workerSid: string; token: string; reservations: Reservation[] }>(
        emu,
        '/scenario',
        { reservations: [{}], tokenTtlSeconds: 60 },
      );
      expect(s.reservations[0]!.date_created).to.equal('2024-01-01T12:00:00Z');
      const url = `/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations/${s.reservations[0]!.sid}`;
      const auth = { headers: { authorization: `Bearer ${s.token}` } };
      now += 29_000;
      expect(((await (await call(emu, url, auth)).json()) as Reservation).reservation_status).to.equal('pending');
      now += 1_000;
      const res = await call(emu, url, auth);
      const r = (await res.json()) as Reservation;
      expect(r.reservation_status).to.equal('timeout');
      expect(r.date_updated).to.equal('2024-01-01T12:00:30Z');
      expect(res.headers.get('date')).to.equal(new Date(now).toUTCString());
      now += 30_000;
      expect((await call(emu, url, auth)).status).to.equal(401);
    } finally {
      emu.close();
    }
  });

  it('issues tokens through the Emulator object', async () => {
    const emu = createEmulator({ control: true, apiKeySid: `SK${'1'.repeat(32)}`, accountSid: `AC${'2'.repeat(32)}` });
    const t = await emu.issueToken({ workspaceSid: `WS${'3'.repeat(32)}`, workerSid: `WK${'4'.repeat(32)}`, ttlSeconds: 10, identity: 'me' });
    const claims = decodeJwt(t) as Record<string, unknown>;
    expect(claims['iss']).to.equal(emu.apiKeySid);
    expect(claims['sub']).to.equal(emu.accountSid);
    expect((claims['grants'] as Record<string, unknown>)['identity']).to.equal('me');
    emu.close();
  });

  it('rejects with EmulatorDropError when a drop fault applies', async () => {
    const emu = createEmulator({ control: true });
    const s = await control<{ workspaceSid: string; workerSid: string; token: string }>(emu, '/scenario', {});
    await control(emu, `/workspaces/${s.workspaceSid}/faults`, { faults: [{ drop: true, times: 1 }] });
    const url = `/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations`;
    let error: unknown;
    try {
      await call(emu, url, { headers: { authorization: `Bearer ${s.token}` } });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(EmulatorDropError);
    expect((await call(emu, url, { headers: { authorization: `Bearer ${s.token}` } })).status).to.equal(200);
    emu.close();
  });

  it('has no control API unless asked', async () => {
    const emu = createEmulator();
    expect((await call(emu, '/__control/scenario', { method: 'POST', body: '{}' })).status).to.equal(404);
    emu.close();
  });
});

describe('emulator core (in the browser): close()', () => {
  it('answers a request waiting on a latency fault at once when closed', async () => {
    const emu = createEmulator({ control: true, basePath: '/base/' });
    expect(emu.basePath).to.equal('/base');
    const s = await control<{ workspaceSid: string; workerSid: string; token: string }>(emu, '/scenario', {});
    await control(emu, `/workspaces/${s.workspaceSid}/faults`, { faults: [{ latencyMs: 60_000 }] });
    const t0 = performance.now();
    const pending = call(emu, `/base/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations`, {
      headers: { authorization: `Bearer ${s.token}` },
    });
    await sleep(50);
    emu.close();
    expect((await pending).status).to.equal(200);
    expect(performance.now() - t0).to.be.below(5000);
    expect((await call(emu, `/elsewhere/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations`)).status).to.equal(404);
  });
});
