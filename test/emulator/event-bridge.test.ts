import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { EventBridgeReservation, EventBridgeTask } from '../../src/wire/event-bridge.js';
import type { Reservation, Worker } from '../../src/wire/types.js';
import {
  addReservation,
  advanceClock,
  API_BASE,
  getReservation,
  getTask,
  requests,
  scenario,
  setActivity,
  setFaults,
  setStatus,
  token as issueToken,
  updateTask,
  type Scenario,
} from '../support/emulator.js';
import { controlSockets, ebCall, ebPayload, EVENT_BRIDGE, openSocket, sockets, TestSocket, socketUrl } from '../support/event-bridge.js';
import { expectError, listJson, update } from './helpers.js';

const reservationsUrl = (s: Scenario, workerSid = s.workerSid) => `Workspaces/${s.workspaceSid}/Workers/${workerSid}/Reservations`;
const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The worker over REST (FetchWorker). */
async function workerOf(s: Scenario): Promise<Worker> {
  const res = await fetch(`${API_BASE}/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`, {
    headers: { authorization: `Bearer ${s.token}` },
  });
  expect(res.status).to.equal(200);
  return res.json() as Promise<Worker>;
}

describe('emulator event-bridge: calls', () => {
  let s: Scenario;
  beforeEach(async () => {
    s = await scenario({
      reservations: [
        { status: 'pending', ageSeconds: 30 },
        { status: 'accepted', ageSeconds: 20 },
        { status: 'completed', ageSeconds: 10 },
        { status: 'wrapping', ageSeconds: 5 },
        { status: 'pending', worker: 'other' },
      ],
    });
  });

  it('lists the active reservations (v2) as the REST list has them, each with its task, dates in epoch seconds', async () => {
    const page = await ebPayload<{ contents: EventBridgeReservation[]; after_sid: string | null }>(
      await ebCall({ url: reservationsUrl(s), params: { Active: 'true', PageSize: 1000 }, token: s.token }, { apiVersion: 'v2' }),
    );
    const rest = (await listJson(s)).reservations.filter((r) => ['pending', 'accepted', 'wrapping'].includes(r.reservation_status));
    expect(page.contents.map((r) => r.sid)).to.deep.equal(rest.map((r) => r.sid));
    expect(page.after_sid).to.equal(null);
    const first = page.contents[0]!;
    const restFirst = rest[0] as Reservation;
    expect(first).to.include({
      sid: restFirst.sid,
      account_sid: restFirst.account_sid,
      workspace_sid: s.workspaceSid,
      worker_sid: s.workerSid,
      worker_name: s.workerName,
      task_sid: restFirst.task_sid,
      reservation_status: 'pending',
      date_created: epoch(restFirst.date_created),
      date_updated: epoch(restFirst.date_updated),
      reservation_timeout: 120,
    });
    expect(first.version).to.be.a('number');
    expect(first.task.sid).to.equal(restFirst.task_sid);
    expect(first.task.assignment_status).to.equal('reserved');
    expect(JSON.parse(first.task.attributes)).to.be.an('object');
    expect(first.task.date_created).to.be.a('number');
    expect(page.contents[1]!.task.assignment_status).to.equal('assigned');
    // the SDK's required properties (lib/Reservation.js ReservationProperties, lib/Task.js TaskProperties)
    for (const p of [
      'account_sid',
      'date_created',
      'date_updated',
      'reservation_status',
      'sid',
      'task',
      'reservation_timeout',
      'worker_sid',
      'workspace_sid',
      'version',
    ]) {
      expect(first, p).to.have.property(p);
    }
    for (const p of [
      'addons',
      'age',
      'attributes',
      'date_created',
      'date_updated',
      'priority',
      'queue_name',
      'queue_sid',
      'reason',
      'routing_target',
      'sid',
      'assignment_status',
      'task_channel_unique_name',
      'task_channel_sid',
      'timeout',
      'workflow_name',
      'workflow_sid',
      'version',
      'virtual_start_time',
    ]) {
      expect(first.task, p).to.have.property(p);
    }
    expect(first).not.to.have.property('url');
  });

  it('pages the list with PageSize and AfterSid', async () => {
    const call = (params: Record<string, unknown>) =>
      ebCall({ url: reservationsUrl(s), params: { Active: 'true', ...params }, token: s.token }, { apiVersion: 'v2' }).then((r) =>
        ebPayload<{ contents: EventBridgeReservation[]; after_sid: string | null }>(r),
      );
    const p1 = await call({ PageSize: 2 });
    expect(p1.contents).to.have.length(2);
    expect(p1.after_sid).to.equal(p1.contents[1]!.sid);
    const p2 = await call({ PageSize: 2, AfterSid: p1.after_sid });
    expect(p2.contents).to.have.length(1);
    expect(p2.after_sid).to.equal(null);
    expect([...p1.contents, ...p2.contents].map((r) => r.reservation_status)).to.deep.equal(['pending', 'accepted', 'wrapping']);
    // without Active: every reservation of the worker
    expect((await ebPayload(await ebCall({ url: reservationsUrl(s), token: s.token }, { apiVersion: 'v2' }))).contents).to.have.length(4);
  });

  it('fetches and updates a reservation (v1) on the state the REST API serves', async () => {
    const [pending, accepted] = s.reservations;
    const url = `${reservationsUrl(s)}/${pending!.sid}`;
    const one = await ebPayload<EventBridgeReservation>(await ebCall({ url, token: s.token }));
    expect(one).to.include({ sid: pending!.sid, reservation_status: 'pending', version: 1 });

    const done = await ebPayload<EventBridgeReservation>(
      await ebCall({ url, method: 'POST', params: { ReservationStatus: 'accepted' }, token: s.token }, { ifMatch: '1' }),
    );
    expect(done).to.include({ sid: pending!.sid, reservation_status: 'accepted', version: 2 });
    expect(done.task.assignment_status).to.equal('assigned');
    expect((await getReservation(s.workspaceSid, pending!.sid)).reservation_status).to.equal('accepted');

    // instructions with their parameters, booleans as JSON booleans
    const wrapped = await ebPayload<EventBridgeReservation>(
      await ebCall({
        url: `${reservationsUrl(s)}/${accepted!.sid}`,
        method: 'POST',
        params: { ReservationStatus: 'wrapping' },
        token: s.token,
      }),
    );
    expect(wrapped.reservation_status).to.equal('wrapping');
  });

  it('refuses as the REST API does: not pending, stale If-Match, bad parameters', async () => {
    const accepted = s.reservations[1]!;
    const url = `${reservationsUrl(s)}/${accepted.sid}`;
    const notPending = await expectError(
      await ebCall({ url, method: 'POST', params: { Instruction: 'dequeue', DequeueFrom: '+15551234567' }, token: s.token }),
      400,
      40135,
    );
    expect(notPending.message).to.match(/not currently in a Pending state/);
    await expectError(
      await ebCall(
        {
          url: `${reservationsUrl(s)}/${s.reservations[0]!.sid}`,
          method: 'POST',
          params: { ReservationStatus: 'accepted' },
          token: s.token,
        },
        { ifMatch: '7' },
      ),
      412,
      20412,
    );
    const unknown = await expectError(await ebCall({ url, method: 'POST', params: { Nope: 'x' }, token: s.token }), 400, 20001);
    expect(unknown.message).to.include('Nope');
    // call and redirect leave a pending reservation pending unless told to accept
    const pending = s.reservations[0]!;
    const called = await ebPayload<EventBridgeReservation>(
      await ebCall({
        url: `${reservationsUrl(s)}/${pending.sid}`,
        method: 'POST',
        params: { Instruction: 'call', CallFrom: '+15550001111', CallUrl: 'https://example.com/twiml', CallAccept: true },
        token: s.token,
      }),
    );
    expect(called.reservation_status).to.equal('accepted');
  });

  it('checks the envelope: JSON, url, method, params, apiVersion (400), token (401), route (404/405)', async () => {
    const raw = (body: string, headers: Record<string, string> = { apiVersion: 'v1' }) =>
      fetch(EVENT_BRIDGE, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const url = `${reservationsUrl(s)}/${s.reservations[0]!.sid}`;
    await expectError(await raw('not json'), 400, 20001);
    await expectError(await raw('[]'), 400, 20001);
    await expectError(await raw(JSON.stringify({ url, method: 'GET', params: {} })), 401, 20003);
    await expectError(await raw(JSON.stringify({ url: 'https://example.com/x', method: 'GET', params: {}, token: s.token })), 400, 20001);
    await expectError(await raw(JSON.stringify({ url, method: 'DELETE', params: {}, token: s.token })), 400, 20001);
    await expectError(await raw(JSON.stringify({ url, method: 'GET', params: [], token: s.token })), 400, 20001);
    await expectError(await raw(JSON.stringify({ url, method: 'GET', params: {}, token: s.token, extra: 1 })), 400, 20001);
    await expectError(await ebCall({ url, token: s.token }, { apiVersion: null }), 400, 20001);
    const wrongVersion = await expectError(await ebCall({ url, token: s.token }, { apiVersion: 'v2' }), 400, 20001);
    expect(wrongVersion.message).to.include('apiVersion v1');
    await expectError(await ebCall({ url: `Workspaces/${s.workspaceSid}/Nothing`, token: s.token }), 404, 20404);
    await expectError(await ebCall({ url: `Workspaces/${s.workspaceSid}/Activities`, method: 'POST', token: s.token }), 405);
    await expectError(await ebCall({ url, params: { Foo: 'bar' }, token: s.token }), 400, 20001);
    await expectError(await ebCall({ url: reservationsUrl(s), params: { PageSize: 0 }, token: s.token }, { apiVersion: 'v2' }), 400, 20001);
    // only POST (and the preflight)
    expect((await fetch(EVENT_BRIDGE)).status).to.equal(405);
    // the body is JSON whatever its label: the SDK's axios labels it form-encoded, a bare fetch text/plain
    const call = JSON.stringify({ url, method: 'GET', params: {}, token: s.token });
    expect((await raw(call, { apiVersion: 'v1', 'content-type': 'application/x-www-form-urlencoded' })).status).to.equal(200);
    expect((await fetch(EVENT_BRIDGE, { method: 'POST', headers: { apiVersion: 'v1' }, body: call })).status).to.equal(200);
  });

  it('answers 401 for a bad or expired token and 403 for another worker', async () => {
    const url = `${reservationsUrl(s)}/${s.reservations[0]!.sid}`;
    await expectError(await ebCall({ url, token: 'not-a-jwt' }), 401, 20003);
    const expired = await issueToken(s.workspaceSid, s.workerSid, -10);
    const body = await expectError(await ebCall({ url, token: expired }), 401, 20003);
    expect(body.message).to.match(/expired/i);
    await expectError(
      await ebCall({ url: `${reservationsUrl(s, s.otherWorkerSid)}/${s.reservations[4]!.sid}`, token: s.token }),
      403,
      20403,
    );
    await expectError(
      await ebCall({ url: reservationsUrl(s, s.otherWorkerSid), params: { Active: 'true' }, token: s.token }, { apiVersion: 'v2' }),
      403,
      20403,
    );
    // the other worker's own token does reach it
    expect(
      (await ebCall({ url: `${reservationsUrl(s, s.otherWorkerSid)}/${s.reservations[4]!.sid}`, token: s.otherWorkerToken })).status,
    ).to.equal(200);
  });

  it('logs calls under the workspace named in the url, and faults meet them', async () => {
    const url = `${reservationsUrl(s)}/${s.reservations[0]!.sid}`;
    await ebCall({ url, token: s.token });
    await setFaults(s.workspaceSid, [{ pathIncludes: '/Reservations/', method: 'POST', status: 503, times: 1 }]);
    await expectError(await ebCall({ url, method: 'POST', params: { ReservationStatus: 'accepted' }, token: s.token }), 503, 20503);
    expect((await getReservation(s.workspaceSid, s.reservations[0]!.sid)).reservation_status).to.equal('pending');
    const ok = await ebCall({ url, method: 'POST', params: { ReservationStatus: 'accepted' }, token: s.token });
    expect(ok.status).to.equal(200);
    const log = await requests(s.workspaceSid);
    expect(log.map((e) => [e.method, e.path, e.status, e.headers['apiversion']])).to.deep.equal([
      ['POST', '/v1/wschannels', 200, 'v1'],
      ['POST', '/v1/wschannels', 503, 'v1'],
      ['POST', '/v1/wschannels', 200, 'v1'],
    ]);
    expect(JSON.parse(log[2]!.body)).to.include({ url, method: 'POST' });
    for (const e of log) expect(e.path + e.query).not.to.include(s.token);
  });

  it('answers CORS preflights from any origin with the SDK headers, and serves cross-origin calls', async () => {
    const otherHost = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const base = `${location.protocol}//${otherHost}:${location.port}`;
    // the preflight's answer, read same-origin (a page cannot send OPTIONS cross-origin itself)
    const pre = await fetch(EVENT_BRIDGE, { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } });
    expect(pre.status).to.equal(204);
    const allowed = (pre.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    expect(allowed).to.include.members(['apiversion', 'clientversion', 'if-match', 'content-type', 'authorization']);
    // a real cross-origin call: the browser preflights apiVersion, clientVersion and If-Match itself
    const res = await ebCall(
      { url: `${reservationsUrl(s)}/${s.reservations[0]!.sid}`, method: 'POST', params: { ReservationStatus: 'rejected' }, token: s.token },
      { base, ifMatch: '1' },
    );
    // without the preflight's consent, or a matching Access-Control-Allow-Origin, fetch would reject
    expect(res.status).to.equal(200);
    expect((await getReservation(s.workspaceSid, s.reservations[0]!.sid)).reservation_status).to.equal('rejected');
  });

  it('never echoes the token in an answer', async () => {
    const url = `${reservationsUrl(s)}/${s.reservations[0]!.sid}`;
    const texts = await Promise.all(
      [
        ebCall({ url, token: s.token }),
        ebCall({ url: reservationsUrl(s), params: { Active: 'true' }, token: s.token }, { apiVersion: 'v2' }),
        ebCall({
          url: `${reservationsUrl(s)}/${s.reservations[1]!.sid}`,
          method: 'POST',
          params: { ReservationStatus: 'accepted' },
          token: s.token,
        }),
        ebCall({ url: `${url}x`, token: s.token }),
        ebCall({ url, token: s.token }, { apiVersion: 'v9' }),
      ].map((p) => p.then((r) => r.text())),
    );
    for (const t of texts) expect(t).not.to.include(s.token);
  });
});

describe('emulator event-bridge: sockets', () => {
  const open: TestSocket[] = [];
  const track = (t: TestSocket) => (open.push(t), t);
  afterEach(() => open.splice(0).forEach((t) => t.close()));

  it('refuses a socket with a bad, expired or missing token', async () => {
    const s = await scenario();
    const expired = await issueToken(s.workspaceSid, s.workerSid, -10);
    for (const url of [socketUrl('nope'), socketUrl(expired), socketUrl('').replace('token=&', '')]) {
      const t = track(new TestSocket(url));
      const close = await t.closed();
      expect(close.code, url).to.equal(1006);
      expect(t.texts).to.deep.equal([]);
    }
    expect((await sockets(s.workspaceSid, s.workerSid)).open).to.equal(0);
  });

  it('greets with init: the worker, account, workspace and the token lifetime in ms', async () => {
    const s = await scenario({ tokenTtlSeconds: 600 });
    const t = track(await openSocket(s.token, { setWorkerOfflineIfDisconnected: 'false' }));
    const init = await t.frame('init');
    expect(init.payload).to.include({ channel_id: s.workerSid, account_sid: s.accountSid, workspace_sid: s.workspaceSid });
    expect(init.payload.token_lifetime).to.be.within(590_000, 600_000);
    expect(t.frames[0]!.event_type).to.equal('init');
    const status = await sockets(s.workspaceSid, s.workerSid);
    expect(status).to.deep.include({ open: 1, heartbeats: true, heartbeatMs: 15000 });
    expect(status.sessions).to.deep.equal([
      { closeExistingSessions: false, setWorkerOfflineIfDisconnected: false, clientVersion: '2.1.1' },
    ]);
  });

  it('pushes a frame for each kind of change: REST, event-bridge, control API, timeout, arrival', async () => {
    const s = await scenario({
      reservationTimeoutSeconds: 3,
      reservations: [{ status: 'pending' }, { status: 'pending' }, { status: 'pending' }, { status: 'pending', worker: 'other' }],
    });
    const t = track(await openSocket(s.token));
    const [a, b, c, other] = s.reservations as [Reservation, Reservation, Reservation, Reservation];
    expect((await update(s, a.sid, { ReservationStatus: 'accepted' })).status).to.equal(200);
    await ebPayload(
      await ebCall({ url: `${reservationsUrl(s)}/${b.sid}`, method: 'POST', params: { ReservationStatus: 'rejected' }, token: s.token }),
    );
    await setStatus(s.workspaceSid, a.sid, 'wrapping');
    await setStatus(s.workspaceSid, other.sid, 'canceled'); // the other worker's: not sent here
    const added = await addReservation(s.workspaceSid, { workerSid: s.workerSid });
    await t.until(() => t.frames.length >= 6, 'six frames');
    expect(t.frames.slice(1).map((f) => [f.event_type, (f.payload as { sid: string }).sid])).to.deep.equal([
      ['reservation.accepted', a.sid],
      ['reservation.rejected', b.sid],
      ['reservation.wrapup', a.sid],
      ['task.wrapup', a.task_sid],
      ['reservation.created', added.sid],
    ]);
    // a reservation's frame tells its task as the change leaves it, version included
    const accepted = t.frames[1]!.payload as EventBridgeReservation;
    const wrapup = t.frames[3]!.payload as EventBridgeReservation;
    const taskWrapup = t.frames[4]!.payload as EventBridgeTask;
    expect(accepted.task.assignment_status).to.equal('assigned');
    expect(wrapup.task).to.include({ assignment_status: 'wrapping', version: taskWrapup.version });
    expect(accepted.task.version).to.equal(taskWrapup.version - 1);
    const fetched = await fetch(`${API_BASE}/Workspaces/${s.workspaceSid}/Tasks/${a.task_sid}`, {
      headers: { authorization: `Bearer ${s.token}` },
    });
    expect(fetched.headers.get('etag')).to.equal(`"${taskWrapup.version}"`);
    const created = t.frames[5]!.payload as EventBridgeReservation;
    expect(created).to.include({ reservation_status: 'pending', worker_sid: s.workerSid, reservation_timeout: 3 });
    expect(created.task.sid).to.equal(added.task_sid);
    // c and the new one time out on their own: no request is needed while the socket is open
    await t.until(() => t.frames.filter((f) => f.event_type === 'reservation.timeout').length === 2, 'two timeouts', 7000);
    const timedOut = t.frames.filter((f) => f.event_type === 'reservation.timeout').map((f) => (f.payload as EventBridgeReservation).sid);
    expect(timedOut).to.have.members([c.sid, added.sid]);
    expect((await getReservation(s.workspaceSid, c.sid)).reservation_status).to.equal('timeout');
  });

  it('pushes task frames to every worker holding a reservation for the task', async () => {
    const s = await scenario({
      reservations: [
        { status: 'pending', task: 'shared' },
        { status: 'pending', task: 'shared', worker: 'other' },
        { status: 'pending', task: 'mine' },
      ],
    });
    const mine = track(await openSocket(s.token));
    const theirs = track(await openSocket(s.otherWorkerToken));
    await updateTask(s.workspaceSid, 'shared', { attributes: { name: 'Ada', channel: 'chat' }, priority: 5 });
    const updated = await mine.frame('task.updated');
    expect(updated.payload).to.include({ sid: s.tasks['shared'], priority: 5, assignment_status: 'reserved' });
    expect(JSON.parse(updated.payload.attributes)).to.deep.equal({ name: 'Ada', channel: 'chat' });
    expect(updated.payload.date_updated).to.be.a('number');
    expect((await theirs.frame('task.updated')).payload.sid).to.equal(s.tasks['shared']);
    await updateTask(s.workspaceSid, 'shared', { assignmentStatus: 'canceled', reason: 'Caller hung up' });
    const canceled = await mine.frame('task.canceled');
    expect(canceled.payload).to.include({ assignment_status: 'canceled', reason: 'Caller hung up' });
    await theirs.frame('task.canceled');
    // the reservations' own frames came first
    expect(mine.frames.map((f) => f.event_type)).to.deep.equal(['init', 'task.updated', 'reservation.canceled', 'task.canceled']);
    // a task another worker does not hold is not sent to it
    await updateTask(s.workspaceSid, 'mine', { priority: 1 });
    await mine.until(() => mine.frames.filter((f) => f.event_type === 'task.updated').length === 2, 'the second task.updated');
    expect(theirs.frames.filter((f) => f.event_type === 'task.updated')).to.have.length(1);
  });

  it('pushes worker.activity.update, and moves a worker whose last socket closes to Offline', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const byName = (name: string) => s.activities.find((a) => a.friendlyName === name)!;
    const t = track(await openSocket(s.token));
    await setActivity(s.workspaceSid, s.workerSid, 'Break');
    const update = await t.frame('worker.activity.update');
    expect(update.payload).to.include({
      sid: s.workerSid,
      activity_sid: byName('Break').sid,
      activity_name: 'Break',
      available: false,
    });
    for (const p of [
      'account_sid',
      'attributes',
      'date_created',
      'date_status_changed',
      'date_updated',
      'friendly_name',
      'workspace_sid',
      'version',
    ]) {
      expect(update.payload, p).to.have.property(p);
    }
    // a reject with WorkerActivitySid moves the worker too
    await ebPayload(
      await ebCall({
        url: `${reservationsUrl(s)}/${s.reservations[0]!.sid}`,
        method: 'POST',
        params: { ReservationStatus: 'rejected', WorkerActivitySid: byName('Available').sid },
        token: s.token,
      }),
    );
    await t.until(() => t.frames.filter((f) => f.event_type === 'worker.activity.update').length === 2, 'the second activity frame');
    // setWorkerOfflineIfDisconnected is true unless false: the last socket closing sets Offline
    t.close();
    await t.closed();
    await waitFor(async () => (await workerOf(s)).activity_name === 'Offline', 'the worker to go Offline');
  });

  it("leaves the worker's activity alone with setWorkerOfflineIfDisconnected=false, or while another socket is open", async () => {
    const s = await scenario();
    const keep = track(await openSocket(s.token, { setWorkerOfflineIfDisconnected: 'false' }));
    const other = track(await openSocket(s.token));
    other.close();
    await other.closed();
    await waitFor(async () => (await sockets(s.workspaceSid, s.workerSid)).open === 1, 'one socket left');
    expect((await workerOf(s)).activity_name).to.equal('Available');
    keep.close();
    await keep.closed();
    await waitFor(async () => (await sockets(s.workspaceSid, s.workerSid)).open === 0, 'no socket left');
    expect((await workerOf(s)).activity_name).to.equal('Available');
  });

  it('serves the worker, its activities, its channels and a task (v1) as the SDK needs them', async () => {
    const s = await scenario({ reservations: [{ status: 'pending', task: 'call' }] });
    const w = await ebPayload(await ebCall({ url: `Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`, token: s.token }));
    const rest = await workerOf(s);
    expect(w).to.include({ sid: s.workerSid, friendly_name: s.workerName, activity_sid: rest.activity_sid, available: true });
    expect(w.date_created).to.equal(epoch(rest.date_created));
    expect(w.version).to.be.a('number');
    const activities = await ebPayload(
      await ebCall({ url: `Workspaces/${s.workspaceSid}/Activities`, params: { PageSize: 2 }, token: s.token }),
    );
    expect(activities.contents.map((a: { sid: string }) => a.sid)).to.deep.equal(s.activities.slice(0, 2).map((a) => a.sid));
    expect(activities.after_sid).to.equal(s.activities[1]!.sid);
    const rest2 = await ebPayload(
      await ebCall({
        url: `Workspaces/${s.workspaceSid}/Activities`,
        params: { PageSize: 1000, AfterSid: activities.after_sid },
        token: s.token,
      }),
    );
    expect(rest2.contents.map((a: { sid: string }) => a.sid)).to.deep.equal(s.activities.slice(2).map((a) => a.sid));
    expect(rest2.after_sid).to.equal(null);
    const channels = await ebPayload(
      await ebCall({ url: `Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/WorkerChannels`, token: s.token }),
    );
    expect(channels.contents.map((c: { task_channel_unique_name: string }) => c.task_channel_unique_name)).to.include.members([
      'default',
      'voice',
      'chat',
    ]);
    for (const p of [
      'account_sid',
      'assigned_tasks',
      'available',
      'available_capacity_percentage',
      'configured_capacity',
      'date_created',
      'date_updated',
      'last_reserved_time',
      'sid',
      'task_channel_sid',
      'task_channel_unique_name',
      'worker_sid',
      'workspace_sid',
    ]) {
      expect(channels.contents[0], p).to.have.property(p);
    }
    const task = await ebPayload(await ebCall({ url: `Workspaces/${s.workspaceSid}/Tasks/${s.tasks['call']}`, token: s.token }));
    const restTask = await getTask(s.workspaceSid, 'call');
    expect(task).to.include({
      sid: s.tasks['call'],
      queue_name: restTask.task_queue_friendly_name,
      workflow_name: restTask.workflow_friendly_name,
    });
    expect(task.queue_sid).to.equal(restTask.task_queue_sid);
    // another worker's task is as forbidden as over REST
    await expectError(
      await ebCall({ url: `Workspaces/${s.workspaceSid}/Tasks/${s.tasks['call']}`, token: s.otherWorkerToken }),
      403,
      20403,
    );
    await expectError(await ebCall({ url: `Workspaces/${s.workspaceSid}/Workers/${s.otherWorkerSid}`, token: s.token }), 403, 20403);
    // updates the REST API does not take are refused as it refuses them
    const tasksPost = {
      url: `Workspaces/${s.workspaceSid}/Tasks/${s.tasks['call']}`,
      method: 'POST' as const,
      params: { Priority: 3 },
      token: s.token,
    };
    await expectError(await ebCall(tasksPost), 405);
  });

  it('a workspace clock moved forward times reservations out with a frame', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const t = track(await openSocket(s.token));
    await advanceClock(s.workspaceSid, 121_000);
    const f = await t.frame('reservation.timeout');
    expect((f.payload as EventBridgeReservation).sid).to.equal(s.reservations[0]!.sid);
  });

  it('beats at the interval set through the control API, stops and restarts', async () => {
    const s = await scenario();
    await controlSockets(s.workspaceSid, s.workerSid, { heartbeatMs: 100 });
    const t = track(await openSocket(s.token));
    await t.until(() => t.heartbeats >= 3, 'three heartbeats', 2000);
    expect(t.texts.filter((x) => x !== '')).to.have.length(1); // init only; heartbeats are empty frames
    const stopped = await controlSockets(s.workspaceSid, s.workerSid, { heartbeats: false });
    expect(stopped).to.deep.include({ heartbeats: false, open: 1 });
    await new Promise((r) => setTimeout(r, 150));
    const count = t.heartbeats;
    await new Promise((r) => setTimeout(r, 400));
    expect(t.heartbeats).to.equal(count);
    await controlSockets(s.workspaceSid, s.workerSid, { heartbeats: true });
    await t.until(() => t.heartbeats >= count + 2, 'heartbeats again', 2000);
    await controlSockets(s.workspaceSid, s.workerSid, { heartbeatMs: null });
    expect((await sockets(s.workspaceSid, s.workerSid)).heartbeatMs).to.equal(15000);
  });

  it("cuts a worker's sockets and counts them", async () => {
    const s = await scenario();
    const t1 = track(await openSocket(s.token, { setWorkerOfflineIfDisconnected: 'false' }));
    const t2 = track(await openSocket(s.token, { setWorkerOfflineIfDisconnected: 'false' }));
    const other = track(await openSocket(s.otherWorkerToken, { setWorkerOfflineIfDisconnected: 'false' }));
    expect((await sockets(s.workspaceSid, s.workerSid)).open).to.equal(2);
    const after = await controlSockets(s.workspaceSid, s.workerSid, { cut: true });
    expect(after.open).to.equal(0);
    expect((await t1.closed()).code).to.equal(1006);
    expect((await t2.closed()).code).to.equal(1006);
    expect(other.closeEvent).to.equal(undefined);
    expect((await sockets(s.workspaceSid, s.otherWorkerSid)).open).to.equal(1);
  });

  it("closeExistingSessions=true closes the worker's other sockets", async () => {
    const s = await scenario();
    const first = track(await openSocket(s.token, { setWorkerOfflineIfDisconnected: 'false' }));
    const second = track(await openSocket(s.token, { closeExistingSessions: 'true', setWorkerOfflineIfDisconnected: 'false' }));
    const close = await first.closed();
    expect(close.code).to.equal(1000);
    expect(second.closeEvent).to.equal(undefined);
    expect((await sockets(s.workspaceSid, s.workerSid)).open).to.equal(1);
    // a socket the client closes is counted out
    second.close();
    await second.closed();
    await waitFor(async () => (await sockets(s.workspaceSid, s.workerSid)).open === 0, 'the count to drop');
  });

  it("shares the test server with the runner's own socket (/wds)", async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const t = track(await openSocket(s.token));
    // a server command travels over the runner's WebSocket, upgraded on the same server
    await setViewport({ width: 800, height: 600 });
    expect(window.innerWidth).to.equal(800);
    await setStatus(s.workspaceSid, s.reservations[0]!.sid, 'accepted');
    await t.frame('reservation.accepted');
  });

  it('closes the socket when its token expires (code 4401)', async () => {
    const s = await scenario();
    const short = await issueToken(s.workspaceSid, s.workerSid, 2);
    const t = track(await openSocket(short, { setWorkerOfflineIfDisconnected: 'false' }));
    // ms left of a 2 s token whose exp is in whole seconds: above 0, at most 2000 (whatever part of a second has passed)
    expect((await t.frame('init')).payload.token_lifetime).to.be.within(1, 2000);
    const close = await t.closed(4000);
    expect(close.code).to.equal(4401);
    expect(close.reason).to.equal('Access Token expired');
    expect((await sockets(s.workspaceSid, s.workerSid)).open).to.equal(0);
  });

  it('never puts the token in a frame', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const t = track(await openSocket(s.token));
    await setStatus(s.workspaceSid, s.reservations[0]!.sid, 'accepted');
    await t.frame('reservation.accepted');
    for (const text of t.texts) expect(text).not.to.include(s.token);
  });
});

async function waitFor(test: () => Promise<boolean>, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
