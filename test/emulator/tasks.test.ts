import { expect } from '@open-wc/testing';
import type { Reservation, Task } from '../../src/wire/types.js';
import {
  API_BASE,
  addReservation,
  advanceClock,
  basicAuth,
  getTask,
  scenario,
  setStatus,
  updateTask,
  type Scenario,
} from '../support/emulator.js';
import { expectError, update } from './helpers.js';
import { expectListShape, expectSpecShape } from './spec-shape.js';

const taskUrl = (s: Pick<Scenario, 'workspaceSid'>, sid: string) => `${API_BASE}/Workspaces/${s.workspaceSid}/Tasks/${sid}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function fetchTask(s: Scenario, sid: string, auth = `Bearer ${s.token}`): Promise<Task> {
  const res = await fetch(taskUrl(s, sid), { headers: { authorization: auth } });
  expect(res.status, await res.clone().text()).to.equal(200);
  return (await res.json()) as Task;
}

const CALL = {
  channel: 'voice',
  queue: 'Sales',
  priority: 10,
  timeout: 600,
  ageSeconds: 90,
  attributes: {
    from: '+12025550143',
    to: '+18005550100',
    call_sid: `CA${'1'.repeat(32)}`,
    caller_name: 'محمد عبد الله',
    direction: 'inbound',
  },
};

describe('emulator: FetchTask', () => {
  it("serves a task in the spec's shape, with its content, channel, queue, workflow, priority, timeout and age", async () => {
    const s = await scenario({ tasks: { call: CALL }, reservations: [{ task: 'call', ageSeconds: 30 }] });
    const sid = s.reservations[0]!.task_sid;
    expect(s.tasks).to.deep.equal({ call: sid });
    const res = await fetch(taskUrl(s, sid), { headers: bearer(s.token) });
    expect(res.status).to.equal(200);
    const task = (await res.json()) as Task;
    await expectSpecShape('taskrouter.v1.workspace.task', task);
    expect(res.headers.get('etag'), 'FetchTask declares an ETag').to.match(/^"\d+"$/);
    expect(JSON.parse(task.attributes)).to.deep.equal(CALL.attributes);
    expect(task).to.include({
      account_sid: s.accountSid,
      sid,
      workspace_sid: s.workspaceSid,
      assignment_status: 'reserved',
      priority: 10,
      timeout: 600,
      task_channel_unique_name: 'voice',
      task_channel_sid: s.taskChannels['voice'],
      task_queue_friendly_name: 'Sales',
      task_queue_sid: s.taskQueues['Sales'],
      addons: '{}',
      reason: null,
    });
    expect(task.workflow_sid).to.match(/^WW[0-9a-f]{32}$/);
    expect(task.workflow_friendly_name).to.be.a('string').and.not.equal('');
    expect(task.age).to.be.within(90, 95);
    expect(Date.parse(task.date_created)).to.be.below(Date.parse(s.reservations[0]!.date_created));
    expect(task.task_queue_entered_date).to.equal(task.date_created);
    expect(task.virtual_start_time).to.equal(task.date_created);
    expect(task.url).to.equal(`${location.origin}${taskUrl(s, sid)}`);
    // the reservation's link to its task is this URL
    expect(s.reservations[0]!.links['task']).to.equal(task.url);
    expect(task.links).to.deep.equal({
      reservations: `${task.url}/Reservations`,
      task_queue: `${location.origin}${API_BASE}/Workspaces/${s.workspaceSid}/TaskQueues/${task.task_queue_sid}`,
      workflow: `${location.origin}${API_BASE}/Workspaces/${s.workspaceSid}/Workflows/${task.workflow_sid}`,
      workspace: `${location.origin}${API_BASE}/Workspaces/${s.workspaceSid}`,
    });
  });

  it('gives a task without content the defaults: default channel, Support queue, priority 0, 24 h timeout, {} attributes', async () => {
    const s = await scenario({ reservations: [{ ageSeconds: 12 }] });
    const task = await fetchTask(s, s.reservations[0]!.task_sid);
    expect(task).to.include({
      task_channel_unique_name: 'default',
      task_queue_friendly_name: 'Support',
      priority: 0,
      timeout: 86400,
      attributes: '{}',
    });
    expect(task.date_created).to.equal(s.reservations[0]!.date_created);
    expect(task.age).to.be.within(12, 14);
  });

  it('counts age on the workspace clock', async () => {
    const s = await scenario({ tasks: { t: { ageSeconds: 10 } }, reservations: [{ task: 't', status: 'accepted' }] });
    const sid = s.tasks['t']!;
    const before = (await fetchTask(s, sid)).age;
    await advanceClock(s.workspaceSid, 3_600_000);
    expect((await fetchTask(s, sid)).age - before).to.be.within(3600, 3602);
  });

  it('derives assignment_status from the reservations: pending, reserved, assigned, wrapping, completed', async () => {
    const s = await scenario({ tasks: { t: {}, lonely: {} }, reservations: [{ task: 't' }, { task: 't', worker: 'other' }] });
    const sid = s.tasks['t']!;
    const status = async () => (await getTask(s.workspaceSid, sid)).assignment_status;
    expect((await getTask(s.workspaceSid, 'lonely')).assignment_status, 'no reservation').to.equal('pending');
    expect(await status()).to.equal('reserved');
    const etag0 = (await fetch(taskUrl(s, sid), { headers: bearer(s.token) })).headers.get('etag');
    expect((await update(s, s.reservations[0]!.sid, { ReservationStatus: 'accepted' })).status).to.equal(200);
    expect(await status()).to.equal('assigned');
    expect((await fetch(taskUrl(s, sid), { headers: bearer(s.token) })).headers.get('etag')).to.not.equal(etag0);
    await update(s, s.reservations[0]!.sid, { ReservationStatus: 'wrapping' });
    expect(await status()).to.equal('wrapping');
    await update(s, s.reservations[0]!.sid, { ReservationStatus: 'completed' });
    expect(await status()).to.equal('completed');
  });

  it('goes back to pending when its reservations are rejected or time out, and is canceled at the rejection limit', async () => {
    const s = await scenario({
      rejectionLimit: 2,
      reservationTimeoutSeconds: 60,
      tasks: { a: {}, b: {} },
      reservations: [{ task: 'a' }, { task: 'b' }, { task: 'b', worker: 'other' }],
    });
    await update(s, s.reservations[0]!.sid, { ReservationStatus: 'rejected' });
    expect((await getTask(s.workspaceSid, 'a')).assignment_status).to.equal('pending');
    await update(s, s.reservations[1]!.sid, { ReservationStatus: 'rejected' });
    expect((await getTask(s.workspaceSid, 'b')).assignment_status).to.equal('reserved');
    await setStatus(s.workspaceSid, s.reservations[2]!.sid, 'pending');
    const added = await addReservation(s.workspaceSid, { task: 'b' });
    await update(s, added.sid, { ReservationStatus: 'rejected' });
    const b = await getTask(s.workspaceSid, 'b');
    expect(b.assignment_status).to.equal('canceled');
    expect(b.reason)
      .to.be.a('string')
      .and.match(/2 rejections/);
    const c = await scenario({ reservationTimeoutSeconds: 60, tasks: { t: {} }, reservations: [{ task: 't' }] });
    await advanceClock(c.workspaceSid, 61_000);
    expect((await getTask(c.workspaceSid, 't')).assignment_status).to.equal('pending');
  });

  it("lets a worker's token read a task it holds a reservation for, in any status", async () => {
    const s = await scenario({
      reservations: [{ status: 'pending' }, { status: 'rescinded' }, { status: 'completed' }, { status: 'timeout' }],
    });
    for (const r of s.reservations) expect((await fetchTask(s, r.task_sid)).sid).to.equal(r.task_sid);
  });

  it("answers 403 to a worker's token for any other task, existing or not (nothing leaks), and 404 to the account for an unknown one", async () => {
    const s = await scenario({
      tasks: { mine: {}, theirs: {}, nobody: {} },
      reservations: [{ task: 'mine' }, { task: 'theirs', worker: 'other' }],
    });
    const unknown = `WT${'0'.repeat(32)}`;
    const bodies = [];
    for (const sid of [s.tasks['theirs']!, s.tasks['nobody']!, unknown, 'WT123', 'not-a-sid']) {
      const err = await expectError(await fetch(taskUrl(s, sid), { headers: bearer(s.token) }), 403, 20403);
      bodies.push(err.message.replace(sid, '<sid>'));
    }
    expect(new Set(bodies).size, 'one message for every refused task').to.equal(1);
    // the other worker reads its own task, not ours
    expect((await fetch(taskUrl(s, s.tasks['theirs']!), { headers: bearer(s.otherWorkerToken) })).status).to.equal(200);
    await expectError(await fetch(taskUrl(s, s.tasks['mine']!), { headers: bearer(s.otherWorkerToken) }), 403, 20403);
    // the account reads every task, and learns which do not exist
    expect((await fetchTask(s, s.tasks['nobody']!, basicAuth(s))).assignment_status).to.equal('pending');
    await expectError(await fetch(taskUrl(s, unknown), { headers: { authorization: basicAuth(s) } }), 404, 20404);
  });

  it("answers 401 without credentials, 403 to another workspace's token, 404 for an unknown workspace, 405 for other methods", async () => {
    const s = await scenario({ reservations: [{}] });
    const t = await scenario({ reservations: [{}] });
    const sid = s.reservations[0]!.task_sid;
    await expectError(await fetch(taskUrl(s, sid)), 401, 20003);
    await expectError(await fetch(taskUrl(s, sid), { headers: bearer(`${s.token}x`) }), 401, 20003);
    await expectError(await fetch(taskUrl(s, sid), { headers: bearer(t.token) }), 403, 20403);
    const nowhere = { workspaceSid: `WS${'0'.repeat(32)}` };
    await expectError(await fetch(taskUrl(nowhere, sid), { headers: { authorization: basicAuth(s) } }), 404, 20404);
    await expectError(await fetch(taskUrl(s, sid), { method: 'DELETE', headers: bearer(s.token) }), 405, 20004);
  });
});

describe('emulator: ListTaskReservation', () => {
  it("lists a task's reservations for the account, filtered by WorkerSid and ReservationStatus", async () => {
    const s = await scenario({
      tasks: { t: {} },
      reservations: [{ task: 't', status: 'rejected' }, { task: 't', worker: 'other' }, { task: 't' }],
    });
    const url = `${taskUrl(s, s.tasks['t']!)}/Reservations`;
    const all = await fetch(url, { headers: { authorization: basicAuth(s) } });
    expect(all.status).to.equal(200);
    const body = (await all.json()) as { reservations: Reservation[]; meta: Record<string, unknown> };
    await expectListShape('ListTaskReservation', body);
    expect(body.reservations.map((r) => r.sid)).to.have.members(s.reservations.map((r) => r.sid));
    expect(body.meta['key']).to.equal('reservations');
    expect(body.reservations[0]!.url).to.equal(`${location.origin}${url}/${body.reservations[0]!.sid}`);
    const mine = (await (
      await fetch(`${url}?WorkerSid=${s.workerSid}&ReservationStatus=pending`, { headers: { authorization: basicAuth(s) } })
    ).json()) as {
      reservations: Reservation[];
      meta: { url: string };
    };
    expect(mine.reservations.map((r) => r.sid)).to.deep.equal([s.reservations[2]!.sid]);
    expect(mine.meta.url).to.contain(`WorkerSid=${s.workerSid}`);
    await expectError(await fetch(`${url}?WorkerSid=bob`, { headers: { authorization: basicAuth(s) } }), 400, 20001);
  });

  it("is not for a worker's token (403), and 404 for an unknown task", async () => {
    const s = await scenario({ reservations: [{}] });
    const url = `${taskUrl(s, s.reservations[0]!.task_sid)}/Reservations`;
    await expectError(await fetch(url, { headers: bearer(s.token) }), 403, 20403);
    await expectError(await fetch(`${taskUrl(s, `WT${'0'.repeat(32)}`)}/Reservations`, { headers: { authorization: basicAuth(s) } }), 404);
  });
});

describe('emulator control API: tasks', () => {
  it('declares task content once per key; reservations of one key share the task', async () => {
    const s = await scenario({
      tasks: { chat: { channel: 'chat', queue: 'Billing', priority: 3, attributes: { channelType: 'whatsapp', name: '佐藤 美咲' } } },
      reservations: [{ task: 'chat' }, { task: 'chat', worker: 'other' }, {}],
    });
    expect(s.reservations[0]!.task_sid).to.equal(s.reservations[1]!.task_sid);
    expect(s.reservations[2]!.task_sid).to.not.equal(s.reservations[0]!.task_sid);
    const task = await getTask(s.workspaceSid, 'chat');
    expect(task).to.include({ sid: s.tasks['chat'], task_channel_unique_name: 'chat', task_queue_friendly_name: 'Billing', priority: 3 });
    expect(JSON.parse(task.attributes)).to.deep.equal({ channelType: 'whatsapp', name: '佐藤 美咲' });
  });

  it('adds a reservation for a new task with content, or for an existing task (content once only)', async () => {
    const s = await scenario({ tasks: { t: { channel: 'sms' } }, reservations: [{ task: 't' }] });
    const fresh = await addReservation(s.workspaceSid, { task: 'mail', content: { channel: 'email', attributes: { subject: 'Hello' } } });
    const mail = await getTask(s.workspaceSid, fresh.task_sid);
    expect(mail.task_channel_unique_name).to.equal('email');
    expect(JSON.parse(mail.attributes)).to.deep.equal({ subject: 'Hello' });
    const again = await addReservation(s.workspaceSid, { task: 't', workerSid: s.otherWorkerSid });
    expect(again.task_sid).to.equal(s.tasks['t']);
    const bySid = await addReservation(s.workspaceSid, { task: s.tasks['t']! });
    expect(bySid.task_sid).to.equal(s.tasks['t']);
    const refused = await fetch(`/emulator/__control/workspaces/${s.workspaceSid}/reservations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ task: 't', content: { priority: 1 } }),
    });
    expect((await expectError(refused, 400)).message).to.match(/declared once/);
  });

  for (const [what, body, name] of [
    ['an unknown channel', { tasks: { t: { channel: 'fax' } } }, 'fax'],
    ['an unknown queue', { tasks: { t: { queue: 'Returns' } } }, 'Returns'],
    ['a negative priority', { tasks: { t: { priority: -1 } } }, 'priority'],
    ['a fractional timeout', { tasks: { t: { timeout: 1.5 } } }, 'timeout'],
    ['attributes that are not an object', { tasks: { t: { attributes: '{"a":1}' } } }, 'attributes'],
    ['an unknown content key', { tasks: { t: { colour: 'red' } } }, 'colour'],
    ['an unknown worker activity', { workerActivity: 'Napping' }, 'workerActivity'],
  ] as const) {
    it(`refuses a scenario with ${what} (400 naming ${name})`, async () => {
      const res = await fetch('/emulator/__control/scenario', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect((await expectError(res, 400)).message).to.contain(name);
    });
  }

  it('updates attributes and priority, and cancels or completes a task as UpdateTask does', async () => {
    const s = await scenario({ tasks: { a: {}, b: {} }, reservations: [{ task: 'a' }, { task: 'b', status: 'accepted' }] });
    const changed = await updateTask(s.workspaceSid, 'a', { attributes: { name: 'Zoë' }, priority: 7 });
    expect(JSON.parse(changed.attributes)).to.deep.equal({ name: 'Zoë' });
    expect(changed.priority).to.equal(7);
    expect((await fetchTask(s, s.tasks['a']!)).priority).to.equal(7);
    // a reserved task can be canceled, not completed; an assigned one completed, not canceled
    const post = (key: string, body: unknown) =>
      fetch(`/emulator/__control/workspaces/${s.workspaceSid}/tasks/${key}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await expectError(await post('a', { assignmentStatus: 'completed', priority: 99 }), 400);
    await expectError(await post('a', { priority: -5, attributes: { name: 'changed' } }), 400);
    const unchanged = await getTask(s.workspaceSid, 'a');
    expect([unchanged.priority, JSON.parse(unchanged.attributes)], 'a refused update changes nothing').to.deep.equal([7, { name: 'Zoë' }]);
    await expectError(await post('b', { assignmentStatus: 'canceled' }), 400);
    await expectError(await post('a', { assignmentStatus: 'wrapping' }), 400);
    const canceled = await updateTask(s.workspaceSid, 'a', { assignmentStatus: 'canceled', reason: 'caller hung up' });
    expect(canceled).to.include({ assignment_status: 'canceled', reason: 'caller hung up' });
    expect((await fetchTask(s, s.tasks['a']!)).assignment_status).to.equal('canceled');
    const completed = await updateTask(s.workspaceSid, 'b', { assignmentStatus: 'completed' });
    expect(completed.assignment_status).to.equal('completed');
    const reservations = (await (
      await fetch(`${API_BASE}/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations`, { headers: bearer(s.token) })
    ).json()) as {
      reservations: Reservation[];
    };
    expect(reservations.reservations.map((r) => r.reservation_status)).to.deep.equal(['canceled', 'completed']);
    await expectError(await post('nope', {}), 404);
  });
});
