/**
 * The emulator's core running inside the browser (no server): the same `fetch` handler the
 * Node middleware serves. Also covers demo mode, which the test server does not mount.
 */
import { expect } from '@open-wc/testing';
import { decodeJwt } from 'jose';
import type { Reservation, Task } from '../../src/wire/types.js';
import {
  activityToWire,
  createEmulator,
  DEMO_WORKERS,
  DEMO_WORKSPACE_SID,
  EmulatorDropError,
  reservationToWire,
  taskToWire,
  workerChannelToWire,
  workerToWire,
  type Emulator,
  type Scenario,
  type StoreEvent,
} from '../../src/emulator/index.js';

const ORIGIN = 'http://emulator.test';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function call(emu: Emulator, path: string, init: RequestInit = {}) {
  return emu.fetch(new Request(`${ORIGIN}${path}`, init));
}

async function control<T>(emu: Emulator, path: string, body?: unknown): Promise<T> {
  const res = await call(
    emu,
    `${emu.basePath}/__control${path}`,
    body === undefined
      ? {}
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
  );
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

const emulators: Emulator[] = [];
/** An emulator closed after the test. */
const make = (options: Parameters<typeof createEmulator>[0]) => {
  const emu = createEmulator(options);
  emulators.push(emu);
  return emu;
};
afterEach(() => emulators.splice(0).forEach((e) => e.close()));

describe('emulator core (in the browser): demo mode', () => {
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
      const s = await control<{ workspaceSid: string; workerSid: string; token: string; reservations: Reservation[] }>(emu, '/scenario', {
        reservations: [{}],
        tokenTtlSeconds: 60,
      });
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
    const t = await emu.issueToken({
      workspaceSid: `WS${'3'.repeat(32)}`,
      workerSid: `WK${'4'.repeat(32)}`,
      ttlSeconds: 10,
      identity: 'me',
    });
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

describe("emulator core (in the browser): the store's notifications and the serialisers", () => {
  it("tells subscribers every change with the workspace, the records and the event type; the serialisers give the API's shapes", async () => {
    const emu = createEmulator({ control: true });
    try {
      const events: StoreEvent[] = [];
      const taskStatuses: string[] = [];
      const legacy: string[] = [];
      // the records are live: what they say at the time of the event is read in the listener
      const unsubscribe = emu.store.subscribe((e) => {
        events.push(e);
        if (e.resourceType !== 'worker') taskStatuses.push(e.task.status);
      });
      emu.store.listeners.add((_ws, r, type) => legacy.push(`${type} ${r.sid}`));
      const s = await control<Scenario>(emu, '/scenario', {
        tasks: { t: { channel: 'voice', attributes: { from: '+12025550143' } } },
        reservations: [{ task: 't' }],
      });
      const [r] = s.reservations;
      const auth = { authorization: `Bearer ${s.token}` };
      const url = `${ORIGIN}/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations/${r!.sid}`;
      const post = (body: string) =>
        emu.fetch(new Request(url, { method: 'POST', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, body }));
      expect((await post('ReservationStatus=accepted')).status).to.equal(200);
      await control(emu, `/workspaces/${s.workspaceSid}/tasks/t`, { priority: 4 });
      expect((await post('ReservationStatus=wrapping')).status).to.equal(200);
      expect((await post('ReservationStatus=completed')).status).to.equal(200);
      await control(emu, `/workspaces/${s.workspaceSid}/workers/${s.workerSid}`, { activity: 'Break' });
      unsubscribe();
      await control(emu, `/workspaces/${s.workspaceSid}/workers/${s.workerSid}`, { activity: 'Available' });

      expect(events.map((e) => e.eventType)).to.deep.equal([
        'reservation.created',
        'reservation.accepted',
        'task.updated',
        'reservation.wrapup',
        'task.wrapup',
        'reservation.completed',
        'task.completed',
        'worker.activity.update',
      ]);
      expect(legacy).to.deep.equal(
        ['reservation.created', 'reservation.accepted', 'reservation.wrapup', 'reservation.completed'].map((t) => `${t} ${r!.sid}`),
      );
      const ws = emu.store.workspaces.get(s.workspaceSid)!;
      for (const e of events) expect(e.workspace).to.equal(ws);
      const created = events[0]!;
      if (created.resourceType !== 'reservation') throw new Error('a reservation event');
      expect(created.reservation.sid).to.equal(r!.sid);
      expect(created.task.sid).to.equal(r!.task_sid);
      expect(created.worker.sid).to.equal(s.workerSid);
      expect(taskStatuses, 'each task as it is after the change').to.deep.equal([
        'reserved',
        'assigned',
        'assigned',
        'wrapping',
        'wrapping',
        'completed',
        'completed',
      ]);
      const activity = events[7]!;
      if (activity.eventType !== 'worker.activity.update') throw new Error('an activity update');
      expect([activity.previousActivity.friendlyName, activity.activity.friendlyName]).to.deep.equal(['Available', 'Break']);

      // the serialisers give exactly what the API serves
      const base = { accountSid: emu.accountSid, root: `${ORIGIN}/v1` };
      const get = async (path: string) =>
        (await emu.fetch(new Request(`${ORIGIN}/v1/Workspaces/${s.workspaceSid}${path}`, { headers: auth }))).json();
      const task = ws.tasks.get(r!.task_sid)!;
      const worker = ws.workers.get(s.workerSid)!;
      expect(reservationToWire(base, ws, ws.reservations.get(r!.sid)!)).to.deep.equal(
        await get(`/Workers/${s.workerSid}/Reservations/${r!.sid}`),
      );
      expect(taskToWire(base, ws, task, emu.store.clock(ws))).to.deep.equal(await get(`/Tasks/${task.sid}`));
      expect(workerToWire(base, ws, worker)).to.deep.equal(await get(`/Workers/${s.workerSid}`));
      const activities = (await get('/Activities')) as { activities: unknown[] };
      expect([...ws.activities.values()].map((a) => activityToWire(base, ws, a))).to.deep.equal(activities.activities);
      const channels = (await get(`/Workers/${s.workerSid}/Channels`)) as { channels: unknown[] };
      expect(
        worker.channels.map((c) => workerChannelToWire(base, ws, worker, c, emu.store.assignedTasks(ws, worker, c.taskChannelSid))),
      ).to.deep.equal(channels.channels);
    } finally {
      emu.close();
    }
  });

  it('keeps notifying the others when a subscriber throws', async () => {
    const emu = createEmulator({ control: true });
    const seen: string[] = [];
    emu.store.subscribe(() => {
      throw new Error('a faulty listener');
    });
    emu.store.subscribe((e) => seen.push(e.eventType));
    await control(emu, '/scenario', { reservations: [{}] });
    expect(seen).to.deep.equal(['reservation.created']);
    emu.close();
  });
});

describe('emulator core (in the browser): demo data', () => {
  const SCRIPTS: Record<string, RegExp> = {
    Arabic: /\p{Script=Arabic}/u,
    Hebrew: /\p{Script=Hebrew}/u,
    Han: /\p{Script=Han}/u,
    Hangul: /\p{Script=Hangul}/u,
    Cyrillic: /\p{Script=Cyrillic}/u,
    Greek: /\p{Script=Greek}/u,
    Devanagari: /\p{Script=Devanagari}/u,
    'combining marks': /\p{M}/u,
    emoji: /\p{Extended_Pictographic}/u,
  };

  async function demoTasks(emu: Emulator) {
    const ws = emu.store.workspaces.get(DEMO_WORKSPACE_SID)!;
    const out: Task[] = [];
    for (const w of DEMO_WORKERS) {
      const token = await (await call(emu, `/demo/token?worker=${w.sid}`)).text();
      for (const r of await demoList(emu, w.sid)) {
        const res = await call(emu, `/v1/Workspaces/${ws.sid}/Tasks/${r.task_sid}`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status).to.equal(200);
        out.push((await res.json()) as Task);
      }
    }
    return out;
  }

  it('seeds tasks shaped like real calls, chats, SMS and email, in many scripts, with long values, and fixed SIDs', async () => {
    const a = make({ demo: true });
    const tasks = await demoTasks(a);
    const attrs = tasks.map((t) => JSON.parse(t.attributes) as Record<string, unknown>);
    const channels = new Set(tasks.map((t) => t.task_channel_unique_name));
    expect([...channels].sort()).to.deep.equal(['chat', 'email', 'sms', 'voice']);
    expect(new Set(tasks.map((t) => t.task_queue_friendly_name))).to.deep.equal(new Set(['Sales', 'Support', 'Billing']));
    expect(new Set(tasks.map((t) => t.priority)).size, 'a spread of priorities').to.be.at.least(3);
    for (const [i, t] of tasks.entries()) {
      const at = attrs[i]!;
      switch (t.task_channel_unique_name) {
        case 'voice':
          expect(at).to.include.keys('from', 'to', 'call_sid', 'caller_name', 'direction');
          expect(at['call_sid']).to.match(/^CA[0-9a-f]{32}$/);
          break;
        case 'chat':
          expect(at).to.include.keys('channelType', 'from', 'conversationSid', 'name');
          expect(at['conversationSid']).to.match(/^CH[0-9a-f]{32}$/);
          break;
        case 'sms':
          expect(at).to.include.keys('from', 'to', 'body');
          break;
        case 'email':
          expect(at).to.include.keys('from', 'subject', 'name');
          expect(at['from']).to.match(/^[^@\s]+@example\.com$/);
          break;
      }
    }
    const text = attrs.map((x) => JSON.stringify(x)).join(' ');
    // JSON.stringify leaves non-ASCII as it is
    for (const [script, re] of Object.entries(SCRIPTS)) expect(re.test(text), script).to.equal(true);
    const values = attrs.flatMap((x) => Object.values(x)).filter((v): v is string => typeof v === 'string');
    expect(
      values.some((v) => [...v].length === 200),
      'a 200-character value',
    ).to.equal(true);
    expect(
      values.some((v) => v.split(/\s+/).some((w) => [...w].length >= 40)),
      'a 40-character word',
    ).to.equal(true);
    const b = make({ demo: true });
    expect((await demoTasks(b)).map((t) => [t.sid, t.attributes, t.task_queue_sid, t.task_channel_sid])).to.deep.equal(
      tasks.map((t) => [t.sid, t.attributes, t.task_queue_sid, t.task_channel_sid]),
    );
    const wsA = a.store.workspaces.get(DEMO_WORKSPACE_SID)!;
    const wsB = b.store.workspaces.get(DEMO_WORKSPACE_SID)!;
    expect([...wsA.activities.keys()]).to.deep.equal([...wsB.activities.keys()]);
    expect(DEMO_WORKERS.map((w) => w.friendlyName)).to.deep.equal(['Ada Lovelace', 'Grace Hopper', 'Alan Turing']);
  });

  it('makes arriving tasks realistic too', async () => {
    const emu = make({ demo: { arrivalIntervalMs: 20 } });
    const before = new Set((await demoTasks(emu)).map((t) => t.sid));
    await sleep(200);
    const fresh = (await demoTasks(emu)).filter((t) => !before.has(t.sid));
    expect(fresh.length).to.be.at.least(1);
    for (const t of fresh) {
      expect(t.task_channel_unique_name).to.be.oneOf(['voice', 'chat', 'sms', 'email']);
      expect(t.task_queue_friendly_name).to.be.oneOf(['Sales', 'Support', 'Billing']);
      const at = JSON.parse(t.attributes) as Record<string, unknown>;
      expect(Object.keys(at).length).to.be.at.least(3);
      expect(t.age).to.be.at.least(1);
    }
  });
});
