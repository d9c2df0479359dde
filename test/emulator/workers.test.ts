import { expect } from '@open-wc/testing';
import type { Activity, Worker, WorkerChannel } from '../../src/wire/types.js';
import { API_BASE, basicAuth, getReservation, scenario, setActivity, type Scenario } from '../support/emulator.js';
import { expectError, update } from './helpers.js';
import { expectListShape, expectSpecShape } from './spec-shape.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const activitiesUrl = (s: Pick<Scenario, 'workspaceSid'>) => `${API_BASE}/Workspaces/${s.workspaceSid}/Activities`;
const workerUrl = (s: Pick<Scenario, 'workspaceSid'>, wk: string) => `${API_BASE}/Workspaces/${s.workspaceSid}/Workers/${wk}`;

async function getJson<T>(url: string, auth: Record<string, string>): Promise<T> {
  const res = await fetch(url, { headers: auth });
  expect(res.status, await res.clone().text()).to.equal(200);
  return (await res.json()) as T;
}

describe('emulator: the shape check itself', () => {
  it('refuses a missing property, an extra one, a wrong type, a bad pattern and a relative URL', async () => {
    const s = await scenario();
    const activities = await getJson<{ activities: Activity[] }>(activitiesUrl(s), bearer(s.token));
    const good = activities.activities[0]!;
    await expectSpecShape('taskrouter.v1.workspace.activity', good);
    const { sid: _sid, ...missing } = good;
    for (const bad of [
      missing,
      { ...good, extra: 1 },
      { ...good, available: 'true' },
      { ...good, sid: 'WA1' },
      { ...good, url: '/v1/x' },
    ]) {
      let failed = false;
      try {
        await expectSpecShape('taskrouter.v1.workspace.activity', bad);
      } catch {
        failed = true;
      }
      expect(failed, JSON.stringify(bad)).to.equal(true);
    }
  });
});

describe('emulator: ListActivity', () => {
  it("lists the workspace's activities in the spec's shape, for any worker of the workspace", async () => {
    const s = await scenario();
    const body = await getJson<{ activities: Activity[]; meta: Record<string, unknown> }>(activitiesUrl(s), bearer(s.token));
    await expectListShape('ListActivity', body);
    expect(body.meta['key']).to.equal('activities');
    expect(body.activities.map((a) => [a.friendly_name, a.available])).to.deep.equal([
      ['Offline', false],
      ['Available', true],
      ['Unavailable', false],
      ['Break', false],
      ['Lunch', false],
    ]);
    expect(body.activities.map((a) => ({ sid: a.sid, friendlyName: a.friendly_name, available: a.available }))).to.deep.equal(s.activities);
    const a = body.activities[0]!;
    expect(a.url).to.equal(`${location.origin}${activitiesUrl(s)}/${a.sid}`);
    expect(a.links).to.deep.equal({ workspace: `${location.origin}${API_BASE}/Workspaces/${s.workspaceSid}` });
    const other = await getJson<{ activities: Activity[] }>(activitiesUrl(s), bearer(s.otherWorkerToken));
    expect(other.activities).to.deep.equal(body.activities);
    expect((await getJson<{ activities: Activity[] }>(activitiesUrl(s), { authorization: basicAuth(s) })).activities).to.have.length(5);
  });

  it('filters by FriendlyName and Available (true, 1 and yes mean true; anything else false)', async () => {
    const s = await scenario();
    const names = async (query: string) =>
      (await getJson<{ activities: Activity[]; meta: { url: string } }>(`${activitiesUrl(s)}?${query}`, bearer(s.token))).activities.map(
        (a) => a.friendly_name,
      );
    expect(await names('FriendlyName=Break')).to.deep.equal(['Break']);
    expect(await names('FriendlyName=break')).to.deep.equal([]);
    for (const v of ['true', '1', 'yes', 'True']) expect(await names(`Available=${v}`), v).to.deep.equal(['Available']);
    for (const v of ['false', '0', 'no', 'maybe'])
      expect(await names(`Available=${v}`), v).to.deep.equal(['Offline', 'Unavailable', 'Break', 'Lunch']);
    expect(await names('Available=false&FriendlyName=Lunch')).to.deep.equal(['Lunch']);
    const page = await getJson<{ meta: { url: string } }>(`${activitiesUrl(s)}?FriendlyName=Lunch&Available=false`, bearer(s.token));
    expect(page.meta.url).to.contain('FriendlyName=Lunch').and.contain('Available=false');
  });

  it('pages with PageSize and PageToken; Page alone is only echoed', async () => {
    const s = await scenario();
    const seen: string[] = [];
    let next: string | null = `${activitiesUrl(s)}?PageSize=2`;
    const pages: number[] = [];
    while (next) {
      const body: { activities: Activity[]; meta: { next_page_url: string | null; page: number; page_size: number } } = await getJson(
        next,
        bearer(s.token),
      );
      await expectListShape('ListActivity', body);
      seen.push(...body.activities.map((a) => a.friendly_name));
      pages.push(body.meta.page);
      expect(body.meta.page_size).to.equal(2);
      next = body.meta.next_page_url;
      expect(pages.length).to.be.below(5);
    }
    expect(seen).to.deep.equal(['Offline', 'Available', 'Unavailable', 'Break', 'Lunch']);
    expect(pages).to.deep.equal([0, 1, 2]);
    const byPage = await getJson<{ activities: Activity[]; meta: { page: number } }>(
      `${activitiesUrl(s)}?PageSize=2&Page=2`,
      bearer(s.token),
    );
    expect(byPage.activities.map((a) => a.friendly_name)).to.deep.equal(['Offline', 'Available']);
    expect(byPage.meta.page).to.equal(2);
  });

  it("answers 401, 403 for another workspace's token, 404 for an unknown workspace, 400 for an unknown parameter", async () => {
    const s = await scenario();
    const t = await scenario();
    await expectError(await fetch(activitiesUrl(s)), 401, 20003);
    await expectError(await fetch(activitiesUrl(s), { headers: bearer(t.token) }), 403, 20403);
    await expectError(
      await fetch(activitiesUrl({ workspaceSid: `WS${'0'.repeat(32)}` }), { headers: { authorization: basicAuth(s) } }),
      404,
    );
    const err = await expectError(await fetch(`${activitiesUrl(s)}?Colour=red`, { headers: bearer(s.token) }), 400, 20001);
    expect(err.message).to.contain('Colour');
    await expectError(await fetch(`${activitiesUrl(s)}?PageSize=0`, { headers: bearer(s.token) }), 400, 20001);
    await expectError(await fetch(`${activitiesUrl(s)}?PageToken=nonsense`, { headers: bearer(s.token) }), 400, 20001);
  });
});

describe('emulator: FetchWorker', () => {
  it("serves the token's own worker in the spec's shape, with its activity and attributes", async () => {
    const s = await scenario({ workerName: 'Ada Lovelace', workerAttributes: { skills: ['sales'], languages: ['en', 'ar'] } });
    const res = await fetch(workerUrl(s, s.workerSid), { headers: bearer(s.token) });
    expect(res.status).to.equal(200);
    expect(res.headers.get('etag'), 'FetchWorker declares an ETag').to.equal('"1"');
    const worker = (await res.json()) as Worker;
    await expectSpecShape('taskrouter.v1.workspace.worker', worker);
    const available = s.activities.find((a) => a.friendlyName === 'Available')!;
    expect(worker).to.include({
      account_sid: s.accountSid,
      sid: s.workerSid,
      friendly_name: 'Ada Lovelace',
      workspace_sid: s.workspaceSid,
      activity_sid: available.sid,
      activity_name: 'Available',
      available: true,
    });
    expect(JSON.parse(worker.attributes)).to.deep.equal({ skills: ['sales'], languages: ['en', 'ar'] });
    const url = `${location.origin}${workerUrl(s, s.workerSid)}`;
    expect(worker.url).to.equal(url);
    expect(worker.links).to.deep.equal({
      activity: `${location.origin}${activitiesUrl(s)}/${available.sid}`,
      channels: `${url}/Channels`,
      reservations: `${url}/Reservations`,
      workspace: `${location.origin}${API_BASE}/Workspaces/${s.workspaceSid}`,
    });
    // the other worker's attributes default to {}
    const other = await getJson<Worker>(workerUrl(s, s.otherWorkerSid), bearer(s.otherWorkerToken));
    expect(other.attributes).to.equal('{}');
  });

  it("starts a scenario's worker in the activity asked for", async () => {
    const s = await scenario({ workerActivity: 'Offline' });
    const worker = await getJson<Worker>(workerUrl(s, s.workerSid), bearer(s.token));
    expect(worker).to.include({ activity_name: 'Offline', available: false });
  });

  it('answers 403 for another worker (token), 200 for any with the account, 404 for an unknown one, 401 without credentials', async () => {
    const s = await scenario();
    await expectError(await fetch(workerUrl(s, s.otherWorkerSid), { headers: bearer(s.token) }), 403, 20403);
    expect((await fetch(workerUrl(s, s.otherWorkerSid), { headers: { authorization: basicAuth(s) } })).status).to.equal(200);
    await expectError(await fetch(workerUrl(s, `WK${'0'.repeat(32)}`), { headers: { authorization: basicAuth(s) } }), 404, 20404);
    await expectError(await fetch(workerUrl(s, s.workerSid)), 401, 20003);
    const t = await scenario();
    await expectError(await fetch(workerUrl(s, s.workerSid), { headers: bearer(t.token) }), 403, 20403);
    await expectError(await fetch(workerUrl(s, s.workerSid), { method: 'POST', headers: bearer(s.token) }), 405, 20004);
  });

  it('moves to another activity through the control API: available, date_status_changed and the ETag follow', async () => {
    const s = await scenario();
    const before = await fetch(workerUrl(s, s.workerSid), { headers: bearer(s.token) });
    const b = (await before.json()) as Worker;
    const moved = await setActivity(s.workspaceSid, s.workerSid, 'Lunch');
    expect(moved).to.include({ activity_name: 'Lunch', available: false });
    const after = await fetch(workerUrl(s, s.workerSid), { headers: bearer(s.token) });
    const a = (await after.json()) as Worker;
    expect(a.activity_sid).to.equal(s.activities.find((x) => x.friendlyName === 'Lunch')!.sid);
    expect(after.headers.get('etag')).to.not.equal(before.headers.get('etag'));
    expect(a.date_status_changed! >= b.date_status_changed!).to.equal(true);
    // by SID too; an unknown activity is a 400
    expect((await setActivity(s.workspaceSid, s.workerSid, s.activities[1]!.sid)).activity_name).to.equal('Available');
    const res = await fetch(`/emulator/__control/workspaces/${s.workspaceSid}/workers/${s.workerSid}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ activity: 'Napping' }),
    });
    expect((await expectError(res, 400)).message).to.contain('activity');
  });
});

describe('emulator: reject with WorkerActivitySid', () => {
  it('moves the worker to that activity', async () => {
    const s = await scenario({ reservations: [{}] });
    const breakSid = s.activities.find((a) => a.friendlyName === 'Break')!.sid;
    const res = await update(s, s.reservations[0]!.sid, { ReservationStatus: 'rejected', WorkerActivitySid: breakSid });
    expect(res.status, await res.clone().text()).to.equal(200);
    const worker = await getJson<Worker>(workerUrl(s, s.workerSid), bearer(s.token));
    expect(worker).to.include({ activity_sid: breakSid, activity_name: 'Break', available: false });
  });

  it("refuses an unknown Activity or another workspace's with a 400 naming WorkerActivitySid, changing nothing", async () => {
    const s = await scenario({ reservations: [{}] });
    const t = await scenario();
    const sid = s.reservations[0]!.sid;
    for (const wa of [t.activities[3]!.sid, `WA${'0'.repeat(32)}`]) {
      const err = await expectError(await update(s, sid, { ReservationStatus: 'rejected', WorkerActivitySid: wa }), 400, 20001);
      expect(err.message).to.contain('WorkerActivitySid').and.contain(wa);
    }
    const err = await expectError(
      await update(s, sid, { Instruction: 'conference', PostWorkActivitySid: t.activities[0]!.sid }),
      400,
      20001,
    );
    expect(err.message).to.contain('PostWorkActivitySid');
    const r = await getReservation(s.workspaceSid, sid);
    expect(r.reservation_status).to.equal('pending');
    expect(r.version).to.equal('1');
    expect((await getJson<Worker>(workerUrl(s, s.workerSid), bearer(s.token))).activity_name).to.equal('Available');
  });
});

describe('emulator: ListWorkerChannel and FetchWorkerChannel', () => {
  it("lists one channel per task channel in the spec's shape ({channels, meta}), with capacity and assigned tasks", async () => {
    const s = await scenario({
      tasks: { call: { channel: 'voice' }, chat1: { channel: 'chat' }, chat2: { channel: 'chat' }, chat3: { channel: 'chat' } },
      reservations: [
        { task: 'call', status: 'accepted' },
        { task: 'chat1', status: 'accepted' },
        { task: 'chat2', status: 'wrapping' },
        { task: 'chat3', status: 'pending' },
      ],
    });
    const url = `${workerUrl(s, s.workerSid)}/Channels`;
    const body = await getJson<{ channels: WorkerChannel[]; meta: Record<string, unknown> }>(url, bearer(s.token));
    await expectListShape('ListWorkerChannel', body);
    expect(body.meta['key']).to.equal('channels');
    const byName = Object.fromEntries(body.channels.map((c) => [c.task_channel_unique_name, c]));
    expect(Object.keys(byName).sort()).to.deep.equal(['chat', 'default', 'email', 'sms', 'voice']);
    for (const c of body.channels) {
      expect(c.worker_sid).to.equal(s.workerSid);
      expect(c.task_channel_sid).to.equal(s.taskChannels[c.task_channel_unique_name]);
      expect(c.url).to.equal(`${location.origin}${url}/${c.sid}`);
    }
    expect(byName['voice']).to.include({ configured_capacity: 1, assigned_tasks: 1, available_capacity_percentage: 0, available: true });
    expect(byName['chat']).to.include({ configured_capacity: 3, assigned_tasks: 2, available_capacity_percentage: 33 });
    expect(byName['email']).to.include({ assigned_tasks: 0, available_capacity_percentage: 100 });

    const one = await fetch(`${url}/${byName['chat']!.sid}`, { headers: bearer(s.token) });
    expect(one.status).to.equal(200);
    const chat = (await one.json()) as WorkerChannel;
    await expectSpecShape('taskrouter.v1.workspace.worker.worker_channel', chat);
    expect(chat).to.deep.equal(byName['chat']);
    // by the task channel's unique name, as TaskRouter allows
    expect(await getJson<WorkerChannel>(`${url}/voice`, bearer(s.token))).to.deep.equal(byName['voice']);
    const paged = await getJson<{ channels: WorkerChannel[]; meta: { next_page_url: string | null } }>(
      `${url}?PageSize=2`,
      bearer(s.token),
    );
    expect(paged.channels).to.have.length(2);
    expect(paged.meta.next_page_url).to.be.a('string');
  });

  it("answers 403 for another worker's channels, 404 for an unknown channel, 401 without credentials", async () => {
    const s = await scenario();
    const other = `${workerUrl(s, s.otherWorkerSid)}/Channels`;
    await expectError(await fetch(other, { headers: bearer(s.token) }), 403, 20403);
    await expectError(await fetch(`${other}/voice`, { headers: bearer(s.token) }), 403, 20403);
    expect((await fetch(other, { headers: { authorization: basicAuth(s) } })).status).to.equal(200);
    await expectError(await fetch(`${workerUrl(s, s.workerSid)}/Channels/WC${'0'.repeat(32)}`, { headers: bearer(s.token) }), 404, 20404);
    await expectError(await fetch(`${workerUrl(s, s.workerSid)}/Channels`), 401, 20003);
  });
});
