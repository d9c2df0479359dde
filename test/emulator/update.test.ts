import { expect } from '@open-wc/testing';
import { RESERVATION_STATUSES, type Reservation, type ReservationStatus } from '../../src/wire/types.js';
import { NOT_PENDING_CODES } from '../../src/emulator/errors.js';
import { addReservation, advanceClock, getReservation, scenario, setStatus } from '../support/emulator.js';
import { CALL_SID, expectError, get, listJson, update } from './helpers.js';

type Action = 'accept' | 'reject' | 'wrap' | 'complete' | 'dequeue' | 'call' | 'redirect' | 'conference';

const BODIES: Record<Action, Record<string, string>> = {
  accept: { ReservationStatus: 'accepted' },
  reject: { ReservationStatus: 'rejected' },
  wrap: { ReservationStatus: 'wrapping' },
  complete: { ReservationStatus: 'completed' },
  dequeue: { Instruction: 'dequeue', DequeueFrom: '+15550100' },
  call: { Instruction: 'call', CallFrom: '+15550100', CallUrl: 'https://example.com/twiml' },
  redirect: { Instruction: 'redirect', RedirectCallSid: CALL_SID, RedirectUrl: 'https://example.com/redirect' },
  conference: { Instruction: 'conference' },
};
const ACTIONS = Object.keys(BODIES) as Action[];

/** The resulting status of each allowed (status, action); anything absent must be refused with 400. */
const ALLOWED: Partial<Record<ReservationStatus, Partial<Record<Action, ReservationStatus>>>> = {
  pending: {
    accept: 'accepted',
    reject: 'rejected',
    dequeue: 'accepted',
    call: 'pending', // without CallAccept=true the reservation stays pending
    redirect: 'pending', // without RedirectAccept=true likewise
    conference: 'accepted',
  },
  accepted: { wrap: 'wrapping', complete: 'completed' },
  wrapping: { complete: 'completed' },
};

function expectedCode(action: Action): number {
  return action === 'dequeue' || action === 'call' || action === 'redirect' || action === 'conference' ? NOT_PENDING_CODES[action] : 20001;
}

describe('emulator: status rules (every status × every action)', () => {
  const cells = RESERVATION_STATUSES.flatMap((status) => ACTIONS.map((action) => ({ status, action })));
  let s: Awaited<ReturnType<typeof scenario>>;
  before(async () => {
    // one task per reservation, so no action here rescinds or cancels another cell
    s = await scenario({ reservations: cells.map(({ status }) => ({ status })) });
  });

  cells.forEach(({ status, action }, i) => {
    const result = ALLOWED[status]?.[action];
    it(`${status} + ${action} → ${result ?? '400'}`, async () => {
      const sid = s.reservations[i]!.sid;
      const res = await update(s, sid, BODIES[action]);
      if (result) {
        expect(res.status, await res.clone().text()).to.equal(200);
        const body = (await res.json()) as Reservation;
        expect(body.sid).to.equal(sid);
        expect(body.reservation_status).to.equal(result);
        expect(res.headers.get('etag'), 'UpdateWorkerReservation declares no ETag').to.equal(null);
      } else {
        const err = await expectError(res, 400, expectedCode(action));
        expect(err.message).to.contain(sid);
        if (action !== 'wrap' && action !== 'complete') {
          // Twilio's own words (shared/spec/README.md)
          expect(err.message).to.equal(`Reservation ${sid} is not currently in a Pending state`);
        }
      }
      const after = await getReservation(s.workspaceSid, sid);
      expect(after.reservation_status).to.equal(result ?? status);
      expect(after.version).to.equal(result && result !== status ? '2' : '1');
    });
  });
});

describe('emulator: updates', () => {
  it('accepts on call with CallAccept=true and on redirect with RedirectAccept=true', async () => {
    const s = await scenario({ reservations: [{}, {}] });
    const call = await update(s, s.reservations[0]!.sid, { ...BODIES.call, CallAccept: 'true' });
    expect(((await call.json()) as Reservation).reservation_status).to.equal('accepted');
    const redirect = await update(s, s.reservations[1]!.sid, { ...BODIES.redirect, RedirectAccept: 'true' });
    expect(((await redirect.json()) as Reservation).reservation_status).to.equal('accepted');
  });

  it('updates date_updated and the version on each change', async () => {
    const s = await scenario({ reservations: [{ ageSeconds: 30 }] });
    const sid = s.reservations[0]!.sid;
    const before = s.reservations[0]!;
    expect(before.date_updated).to.equal(before.date_created);
    expect((await getReservation(s.workspaceSid, sid)).version).to.equal('1');
    const accepted = await update(s, sid, BODIES.accept);
    const a = (await accepted.json()) as Reservation;
    expect(a.date_updated > a.date_created).to.equal(true);
    expect((await getReservation(s.workspaceSid, sid)).version).to.equal('2');
    await update(s, sid, BODIES.wrap);
    expect((await getReservation(s.workspaceSid, sid)).version).to.equal('3');
  });

  it("rescinds the task's other pending reservations on accept, and leaves other tasks alone", async () => {
    const s = await scenario({
      reservations: [
        { task: 't1' },
        { task: 't1', worker: 'other' },
        { task: 't1', status: 'rejected', worker: 'other' },
        { task: 't2' },
        { task: 't2', worker: 'other' },
      ],
    });
    const res = await update(s, s.reservations[0]!.sid, BODIES.accept);
    expect(res.status).to.equal(200);
    const statuses = await Promise.all(s.reservations.map((r) => getReservation(s.workspaceSid, r.sid)));
    expect(statuses.map((r) => r.reservation_status)).to.deep.equal(['accepted', 'rescinded', 'rejected', 'pending', 'pending']);
    expect(statuses[1]!.date_updated >= s.reservations[1]!.date_updated).to.equal(true);
  });

  it('rescinds on an instruction that accepts (conference)', async () => {
    const s = await scenario({ reservations: [{ task: 't' }, { task: 't', worker: 'other' }] });
    await update(s, s.reservations[0]!.sid, BODIES.conference);
    expect((await getReservation(s.workspaceSid, s.reservations[1]!.sid)).reservation_status).to.equal('rescinded');
  });

  it('does not rescind on a call without CallAccept', async () => {
    const s = await scenario({ reservations: [{ task: 't' }, { task: 't', worker: 'other' }] });
    await update(s, s.reservations[0]!.sid, BODIES.call);
    expect((await getReservation(s.workspaceSid, s.reservations[1]!.sid)).reservation_status).to.equal('pending');
  });

  it('adds reservations through the control API to an existing task (by key or WT sid) or a new one', async () => {
    const s = await scenario({ reservations: [{ task: 'k' }] });
    const byKey = await addReservation(s.workspaceSid, { workerSid: s.otherWorkerSid, task: 'k' });
    const bySid = await addReservation(s.workspaceSid, { task: s.reservations[0]!.task_sid });
    const fresh = await addReservation(s.workspaceSid);
    expect(byKey.task_sid).to.equal(s.reservations[0]!.task_sid);
    expect(byKey.worker_sid).to.equal(s.otherWorkerSid);
    expect(bySid.task_sid).to.equal(s.reservations[0]!.task_sid);
    expect(bySid.worker_sid).to.equal(s.workerSid);
    expect(fresh.task_sid).to.not.equal(s.reservations[0]!.task_sid);
    await update(s, s.reservations[0]!.sid, BODIES.accept);
    expect((await getReservation(s.workspaceSid, byKey.sid)).reservation_status).to.equal('rescinded');
    expect((await getReservation(s.workspaceSid, bySid.sid)).reservation_status).to.equal('rescinded');
    expect((await getReservation(s.workspaceSid, fresh.sid)).reservation_status).to.equal('pending');
  });

  it('refuses control calls for an unknown workspace', async () => {
    let error: unknown;
    try {
      await addReservation(`WS${'0'.repeat(32)}`);
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.contain('404');
  });

  it('cancels the task and its pending reservations at the rejection limit', async () => {
    const s = await scenario({
      rejectionLimit: 2,
      reservations: [{ task: 't' }, { task: 't' }, { task: 't', worker: 'other' }, { task: 'u' }],
    });
    const [r0, r1, r2, r3] = s.reservations.map((r) => r.sid) as [string, string, string, string];
    await update(s, r0, BODIES.reject);
    expect((await getReservation(s.workspaceSid, r2)).reservation_status).to.equal('pending');
    expect((await getReservation(s.workspaceSid, r1)).reservation_status).to.equal('pending');
    const res = await update(s, r1, BODIES.reject);
    expect(((await res.json()) as Reservation).reservation_status).to.equal('rejected');
    expect((await getReservation(s.workspaceSid, r2)).reservation_status).to.equal('canceled');
    expect((await getReservation(s.workspaceSid, r3)).reservation_status).to.equal('pending');
  });

  it('does not cancel below the default limit of 10', async () => {
    const s = await scenario({ reservations: [...Array(9).fill({ task: 't' }), { task: 't', worker: 'other' }] });
    for (const r of s.reservations.slice(0, 8)) expect((await update(s, r.sid, BODIES.reject)).status).to.equal(200);
    const other = s.reservations[9]!.sid;
    expect((await getReservation(s.workspaceSid, other)).reservation_status).to.equal('pending');
    await update(s, s.reservations[8]!.sid, BODIES.reject);
    expect((await getReservation(s.workspaceSid, other)).reservation_status).to.equal('pending'); // 9 rejections
  });

  it('times pending reservations out by the workspace clock', async () => {
    const s = await scenario({
      reservationTimeoutSeconds: 60,
      reservations: [{ ageSeconds: 30 }, { status: 'accepted', ageSeconds: 20 }, { ageSeconds: 10 }],
    });
    const [oldest, accepted, newest] = s.reservations.map((r) => r.sid) as [string, string, string];
    await advanceClock(s.workspaceSid, 29_000);
    let { reservations } = await listJson(s);
    expect(reservations.map((r) => r.reservation_status)).to.deep.equal(['pending', 'accepted', 'pending']);
    await advanceClock(s.workspaceSid, 1_000);
    ({ reservations } = await listJson(s));
    expect(reservations.map((r) => r.reservation_status)).to.deep.equal(['timeout', 'accepted', 'pending']);
    const timedOut = await get(s, oldest);
    expect((await getReservation(s.workspaceSid, oldest)).version).to.equal('2');
    expect(((await timedOut.json()) as Reservation).date_updated > s.reservations[0]!.date_updated).to.equal(true);
    await advanceClock(s.workspaceSid, 20_000);
    ({ reservations } = await listJson(s, { ReservationStatus: 'timeout' }));
    expect(reservations.map((r) => r.sid)).to.deep.equal([oldest, newest]);
    expect((await getReservation(s.workspaceSid, accepted)).reservation_status).to.equal('accepted');
    // an update on a timed-out reservation is refused
    await expectError(await update(s, newest, BODIES.accept), 400, 20001);
  });

  it('times out reservations created older than the timeout, and returns the clock', async () => {
    const s = await scenario({ reservations: [{ ageSeconds: 120 }, { ageSeconds: 119 }] });
    const { reservations } = await listJson(s);
    expect(reservations.map((r) => r.reservation_status)).to.deep.equal(['timeout', 'pending']);
    const { now } = await advanceClock(s.workspaceSid, 1000);
    expect(Date.parse(now)).to.be.greaterThan(Date.parse(reservations[0]!.date_created));
    expect((await getReservation(s.workspaceSid, s.reservations[1]!.sid)).reservation_status).to.equal('timeout');
  });

  it("keeps other workspaces' clocks apart", async () => {
    const a = await scenario({ reservations: [{}] });
    const b = await scenario({ reservations: [{}] });
    await advanceClock(a.workspaceSid, 200_000);
    expect((await getReservation(a.workspaceSid, a.reservations[0]!.sid)).reservation_status).to.equal('timeout');
    expect((await getReservation(b.workspaceSid, b.reservations[0]!.sid)).reservation_status).to.equal('pending');
  });

  describe('If-Match', () => {
    it("applies the update when If-Match is the reservation's current version (quoted or not, or *)", async () => {
      const s = await scenario({ reservations: [{}, {}, {}] });
      const { version } = await getReservation(s.workspaceSid, s.reservations[0]!.sid);
      const res = await update(s, s.reservations[0]!.sid, BODIES.accept, { 'if-match': `"${version}"` });
      expect(res.status).to.equal(200);
      expect((await getReservation(s.workspaceSid, s.reservations[0]!.sid)).version).to.not.equal(version);
      expect((await update(s, s.reservations[1]!.sid, BODIES.accept, { 'if-match': '1' })).status).to.equal(200);
      expect((await update(s, s.reservations[2]!.sid, BODIES.accept, { 'if-match': '*' })).status).to.equal(200);
    });

    it('answers 412 to a stale If-Match and changes nothing', async () => {
      const s = await scenario({ reservations: [{}] });
      const sid = s.reservations[0]!.sid;
      await setStatus(s.workspaceSid, sid, 'accepted'); // a remote change: version 2
      const err = await expectError(await update(s, sid, BODIES.wrap, { 'if-match': '"1"' }), 412, 20412);
      expect(err.message).to.contain(sid);
      const now = await getReservation(s.workspaceSid, sid);
      expect(now.version).to.equal('2');
      expect(now.reservation_status).to.equal('accepted');
      expect((await update(s, sid, BODIES.wrap, { 'if-match': '"2"' })).status).to.equal(200);
    });
  });

  describe('control: forced status', () => {
    it('sets any status, bumping date_updated and the version', async () => {
      const s = await scenario({ reservations: [{ ageSeconds: 5 }] });
      const sid = s.reservations[0]!.sid;
      for (const [i, status] of (['rescinded', 'pending', 'canceled'] as const).entries()) {
        const r = await setStatus(s.workspaceSid, sid, status);
        expect(r.reservation_status).to.equal(status);
        expect(r.version).to.equal(String(i + 2));
      }
      expect((await getReservation(s.workspaceSid, sid)).date_updated > s.reservations[0]!.date_updated).to.equal(true);
    });
  });
});
