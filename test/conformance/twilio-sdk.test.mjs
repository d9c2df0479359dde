// Conformance: Twilio's own browser SDK (twilio-taskrouter 2.1.1, in Node with `ws` as its
// WebSocket) against the emulator's event-bridge channel, over real HTTP and WebSocket on
// 127.0.0.1. Every state change is checked through the emulator's REST API or control API,
// every push through the SDK's own events.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { loadTs } from '../../scripts/load-ts.mjs';

// The SDK takes the global WebSocket when there is one (lib/signaling/EventBridgeSignaling.js).
globalThis.WebSocket ??= WebSocket;
const { Worker } = (await import('twilio-taskrouter')).default;
const { attachEmulator } = await loadTs('src/emulator/node.ts');

const server = createServer();
const { detach } = attachEmulator(server, { basePath: '/emulator', control: true });
let base = '';
const workers = [];

before(async () => {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}/emulator`;
});

after(async () => {
  for (const w of workers) w.disconnect();
  detach();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function control(path, body) {
  const res = await fetch(`${base}/__control${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

/** A REST call with the scenario's token; JSON answer. */
async function rest(s, path, init = {}) {
  const res = await fetch(`${base}/v1/Workspaces/${s.workspaceSid}/${path}`, {
    ...init,
    headers: { authorization: `Bearer ${s.token}`, ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

const reservationOf = (s, sid) => rest(s, `Workers/${s.workerSid}/Reservations/${sid}`);

/** An SDK Worker on the emulator, once ready. */
function connect(s, options = {}) {
  const worker = new Worker(s.token, {
    ebServer: `${base}/v1/wschannels`,
    wsServer: `${base.replace(/^http/, 'ws')}/v1/wschannels`,
    logLevel: 'silent',
    ...options,
  });
  workers.push(worker);
  return new Promise((resolve, reject) => {
    worker.once('ready', () => resolve(worker));
    worker.once('error', reject);
  });
}

/** Resolves with the first `event` of `emitter` (rejects after `ms`). */
function once(emitter, event, ms = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} event within ${ms} ms`)), ms);
    emitter.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args[0]);
    });
  });
}

const CALL_SID = `CA${'0123456789abcdef'.repeat(2)}`;

describe('twilio-taskrouter 2.1.1 against the emulator', () => {
  let s;
  let worker;

  before(async () => {
    s = await control('/scenario', {
      reservations: [
        { status: 'pending', ageSeconds: 50 },
        { status: 'pending', ageSeconds: 40 },
        { status: 'pending', ageSeconds: 30 },
        { status: 'pending', ageSeconds: 25 },
        { status: 'pending', ageSeconds: 20 },
        { status: 'pending', ageSeconds: 15 },
        { status: 'accepted', ageSeconds: 10 },
        { status: 'completed', ageSeconds: 5 },
        { status: 'pending', worker: 'other' },
      ],
    });
    worker = await connect(s);
  });

  it('becomes ready as the worker, with its activities, current activity and channels', async () => {
    assert.equal(worker.sid, s.workerSid);
    assert.equal(worker.workspaceSid, s.workspaceSid);
    assert.equal(worker.accountSid, s.accountSid);
    const w = await rest(s, `Workers/${s.workerSid}`);
    assert.equal(worker.name, w.friendly_name);
    const activities = await rest(s, 'Activities');
    assert.deepEqual([...worker.activities.keys()].sort(), activities.activities.map((a) => a.sid).sort());
    assert.equal(worker.activity.sid, w.activity_sid);
    const channels = await rest(s, `Workers/${s.workerSid}/Channels`);
    assert.ok(channels.channels.length > 0);
    assert.deepEqual(
      [...worker.channels.values()].map((c) => c.taskChannelUniqueName).sort(),
      channels.channels.map((c) => c.task_channel_unique_name).sort(),
    );
    // what the SDK sent to become ready, as the emulator's request log has it
    const log = (await control(`/workspaces/${s.workspaceSid}/requests`)).filter((e) => e.path === '/v1/wschannels');
    const calls = log.map((e) => {
      const body = JSON.parse(e.body);
      assert.equal(body.token, s.token);
      assert.equal(e.headers.clientversion, '2.1.1');
      assert.equal(e.status, 200);
      return `${e.headers.apiversion} ${body.method} ${body.url.replace(s.workspaceSid, 'WS').replace(s.workerSid, 'WK')}`;
    });
    assert.deepEqual(calls.slice(0, 4).sort(), [
      'v1 GET Workspaces/WS/Activities',
      'v1 GET Workspaces/WS/Workers/WK',
      'v1 GET Workspaces/WS/Workers/WK/WorkerChannels',
      'v2 GET Workspaces/WS/Workers/WK/Reservations',
    ]);
  });

  it("holds the REST list's active reservations, each with its task", async () => {
    const list = await rest(s, `Workers/${s.workerSid}/Reservations?PageSize=1000`);
    const active = list.reservations.filter((r) => ['pending', 'accepted', 'wrapping'].includes(r.reservation_status));
    assert.deepEqual([...worker.reservations.keys()].sort(), active.map((r) => r.sid).sort());
    for (const r of active) {
      const sdk = worker.reservations.get(r.sid);
      assert.equal(sdk.status, r.reservation_status);
      assert.equal(sdk.workerSid, s.workerSid);
      const task = await rest(s, `Tasks/${r.task_sid}`);
      assert.equal(sdk.task.sid, r.task_sid);
      assert.deepEqual(sdk.task.attributes, JSON.parse(task.attributes));
      assert.equal(sdk.task.queueName, task.task_queue_friendly_name);
      assert.equal(sdk.task.queueSid, task.task_queue_sid);
      assert.equal(sdk.task.taskChannelUniqueName, task.task_channel_unique_name);
      assert.equal(sdk.task.priority, task.priority);
      assert.ok(sdk.task.dateCreated instanceof Date && !Number.isNaN(sdk.task.dateCreated.getTime()));
    }
  });

  it('accept() lands and fires accepted', async () => {
    const r = worker.reservations.get(s.reservations[0].sid);
    const event = once(r, 'accepted');
    const result = await r.accept();
    assert.equal(result.status, 'accepted');
    assert.equal((await event).status, 'accepted');
    assert.equal((await reservationOf(s, r.sid)).reservation_status, 'accepted');
    assert.equal(r.task.status, 'assigned');
  });

  it('reject({ activitySid }) lands, fires rejected, and moves the worker (activityUpdated)', async () => {
    const r = worker.reservations.get(s.reservations[1].sid);
    const onBreak = [...worker.activities.values()].find((a) => a.name === 'Break');
    const event = once(r, 'rejected');
    const activity = once(worker, 'activityUpdated');
    await r.reject({ activitySid: onBreak.sid });
    await event;
    assert.equal((await reservationOf(s, r.sid)).reservation_status, 'rejected');
    await activity;
    assert.equal(worker.activity.sid, onBreak.sid);
    assert.equal((await rest(s, `Workers/${s.workerSid}`)).activity_sid, onBreak.sid);
  });

  it('dequeue(), call(), redirect() and conference() land and fire accepted', async () => {
    const [dq, call, redirect, conference] = s.reservations.slice(2, 6).map((x) => worker.reservations.get(x.sid));
    const events = [dq, call, redirect, conference].map((r) => once(r, 'accepted'));
    await dq.dequeue({ from: '+15550001111' });
    await call.call('+15550001111', 'https://example.com/twiml', { accept: true });
    await redirect.redirect(CALL_SID, 'https://example.com/twiml', { accept: true });
    await conference.conference();
    await Promise.all(events);
    for (const r of [dq, call, redirect, conference]) {
      assert.equal((await reservationOf(s, r.sid)).reservation_status, 'accepted');
    }
  });

  it('wrap() and complete() land and fire wrapup and completed', async () => {
    const r = worker.reservations.get(s.reservations[6].sid);
    const wrapup = once(r, 'wrapup');
    await r.wrap();
    await wrapup;
    assert.equal((await reservationOf(s, r.sid)).reservation_status, 'wrapping');
    const completed = once(r, 'completed');
    await r.complete();
    await completed;
    assert.equal((await reservationOf(s, r.sid)).reservation_status, 'completed');
  });

  it('refuses an instruction on a reservation that is no longer pending', async () => {
    const r = worker.reservations.get(s.reservations[0].sid);
    assert.equal(r.status, 'accepted');
    await assert.rejects(r.dequeue({ from: '+15550001111' }), (err) => {
      assert.match(err.message, /status code 400/);
      assert.match(err.message, /not currently in a Pending state/);
      return true;
    });
  });

  /** A new pending reservation for the worker, once the SDK has it. */
  async function arrival() {
    const created = once(worker, 'reservationCreated');
    const added = await control(`/workspaces/${s.workspaceSid}/reservations`, { workerSid: s.workerSid });
    const r = await created;
    assert.equal(r.sid, added.sid);
    return r;
  }

  it('hears of a change made over REST', async () => {
    const added = await arrival();
    const r = worker.reservations.get(added.sid);
    assert.ok(r, 'the new reservation reached the SDK');
    const event = once(r, 'rejected');
    await rest(s, `Workers/${s.workerSid}/Reservations/${added.sid}`, { method: 'POST', body: 'ReservationStatus=rejected' });
    assert.equal((await event).status, 'rejected');
  });

  it('hears of task changes (Task updated, canceled) and activity changes made elsewhere', async () => {
    const r = await arrival();
    const updated = once(r.task, 'updated');
    await control(`/workspaces/${s.workspaceSid}/tasks/${r.task.sid}`, {
      attributes: { name: 'Grace', from: '+15550002222' },
      priority: 7,
    });
    await updated;
    assert.deepEqual(r.task.attributes, { name: 'Grace', from: '+15550002222' });
    assert.equal(r.task.priority, 7);
    const canceledTask = once(r.task, 'canceled');
    const canceled = once(r, 'canceled');
    await control(`/workspaces/${s.workspaceSid}/tasks/${r.task.sid}`, { assignmentStatus: 'canceled', reason: 'Caller hung up' });
    await canceled;
    await canceledTask;
    assert.equal(r.task.status, 'canceled');
    assert.equal(r.task.reason, 'Caller hung up');
    const activity = once(worker, 'activityUpdated');
    await control(`/workspaces/${s.workspaceSid}/workers/${s.workerSid}`, { activity: 'Available' });
    await activity;
    assert.equal(worker.activity.name, 'Available');
  });

  it('fires timeout for a reservation that times out while connected', async () => {
    const s3 = await control('/scenario', { reservationTimeoutSeconds: 1, reservations: [{ status: 'pending' }] });
    const w3 = await connect(s3, { setWorkerOfflineIfDisconnected: false });
    const r = w3.reservations.get(s3.reservations[0].sid);
    await once(r, 'timeout', 4000);
    assert.equal((await reservationOf(s3, r.sid)).reservation_status, 'timeout');
  });

  it('reconnects after the emulator cuts its socket, and a disconnect sets the worker Offline', async () => {
    const s4 = await control('/scenario', { reservations: [{ status: 'pending' }] });
    const w4 = await connect(s4);
    const disconnected = once(w4, 'disconnected');
    const ready = once(w4, 'ready', 8000);
    assert.equal((await control(`/workspaces/${s4.workspaceSid}/workers/${s4.workerSid}/sockets`)).open, 1);
    await control(`/workspaces/${s4.workspaceSid}/workers/${s4.workerSid}/sockets`, { cut: true });
    await disconnected;
    await ready; // a new socket, a new init, initialized again
    assert.equal((await control(`/workspaces/${s4.workspaceSid}/workers/${s4.workerSid}/sockets`)).open, 1);
    assert.ok(w4.reservations.get(s4.reservations[0].sid));
    w4.disconnect();
    for (let i = 0; i < 50 && (await rest(s4, `Workers/${s4.workerSid}`)).activity_name !== 'Offline'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal((await rest(s4, `Workers/${s4.workerSid}`)).activity_name, 'Offline');
  });

  it('fires reservationCreated for a new reservation, with its task', async () => {
    const created = once(worker, 'reservationCreated');
    const added = await control(`/workspaces/${s.workspaceSid}/reservations`, { workerSid: s.workerSid });
    const r = await created;
    assert.equal(r.sid, added.sid);
    assert.equal(r.status, 'pending');
    assert.equal(r.task.sid, added.task_sid);
  });

  it('sends If-Match with enableVersionCheck, and a stale version is refused', async () => {
    const s2 = await control('/scenario', { reservations: [{ status: 'pending' }, { status: 'pending' }] });
    const w2 = await connect(s2, { enableVersionCheck: true });
    const [a, b] = s2.reservations.map((x) => w2.reservations.get(x.sid));
    await a.accept();
    assert.equal((await reservationOf(s2, a.sid)).reservation_status, 'accepted');
    b.version = '99';
    await assert.rejects(b.accept(), /status code 412/);
    assert.equal((await reservationOf(s2, b.sid)).reservation_status, 'pending');
  });
});

describe("twilio-taskrouter 2.1.1 against the demo emulator (npm start's)", () => {
  it('becomes ready as a demo worker and hears demo arrivals', async () => {
    const demoServer = createServer();
    const demo = attachEmulator(demoServer, { basePath: '/emulator', demo: { arrivalIntervalMs: 300 } });
    await new Promise((resolve) => demoServer.listen(0, '127.0.0.1', resolve));
    const demoBase = `http://127.0.0.1:${demoServer.address().port}/emulator`;
    try {
      const [first] = await (await fetch(`${demoBase}/demo/workers`)).json();
      const token = await (await fetch(`${demoBase}/demo/token?worker=${first.workerSid}`)).text();
      const w = new Worker(token, {
        ebServer: `${demoBase}/v1/wschannels`,
        wsServer: `${demoBase.replace(/^http/, 'ws')}/v1/wschannels`,
        logLevel: 'silent',
        setWorkerOfflineIfDisconnected: false,
      });
      workers.push(w);
      await once(w, 'ready');
      assert.equal(w.sid, first.workerSid);
      assert.equal(w.name, first.friendlyName);
      assert.ok(w.reservations.size > 0);
      for (const r of w.reservations.values()) assert.equal(typeof r.task.attributes, 'object');
      const arrived = await once(w, 'reservationCreated', 3000);
      assert.equal(arrived.status, 'pending');
      assert.ok(arrived.task.queueName);
      w.disconnect();
    } finally {
      demo.detach();
      demoServer.closeAllConnections();
      await new Promise((resolve) => demoServer.close(resolve));
    }
  });
});
