import { expect } from '@open-wc/testing';
import { ReservationFeed, type FeedEvent, type FeedSubscriber } from '../../src/state/feed.js';
import { FakeConnection, flush, reservation, task } from './fake-connection.js';

function subscribe(feed: ReservationFeed, connection: FakeConnection) {
  const events: FeedEvent[] = [];
  const subscriber: FeedSubscriber = { connection, ready: true, notify: (e) => events.push(e) };
  feed.subscribe(subscriber);
  const changes = () =>
    events.flatMap((e) =>
      e.type === 'changes'
        ? e.changes.map((c) => `${c.reservation.sid.slice(-2)} ${c.previousStatus}→${c.reservation.reservation_status}`)
        : [],
    );
  return { events, subscriber, changes, loads: () => events.filter((e) => e.type === 'load').length };
}

describe('state/feed', () => {
  it('lists once at start without a live channel, and tells the first load with no changes', async () => {
    const c = new FakeConnection();
    const r = reservation();
    c.server.set(r.sid, r);
    const feed = new ReservationFeed({ pollInterval: 0 });
    const { loads, changes } = subscribe(feed, c);
    await flush();
    expect(c.calls.filter((x) => x === 'list')).to.have.length(1);
    expect(loads()).to.equal(1);
    expect(changes()).to.deep.equal([]);
    expect(feed.reservations!.map((x) => x.sid)).to.deep.equal([r.sid]);
  });

  it('with a live channel, lists once when it opens, and again on every reopening', async () => {
    const c = new FakeConnection({ live: true });
    const a = reservation();
    c.server.set(a.sid, a);
    const feed = new ReservationFeed({ pollInterval: 5000 });
    const { changes } = subscribe(feed, c);
    await flush();
    expect(
      c.calls.filter((x) => x === 'list'),
      'nothing listed before the channel opens',
    ).to.deep.equal([]);
    c.push({ type: 'open' });
    await flush();
    expect(c.calls.filter((x) => x === 'list')).to.have.length(1);
    // a gap: the channel closes, a change happens meanwhile, the channel opens again
    c.push({ type: 'closed' });
    const b = reservation();
    c.server.set(b.sid, b);
    c.server.set(a.sid, { ...a, reservation_status: 'rescinded' });
    c.push({ type: 'open' });
    await flush();
    expect(c.calls.filter((x) => x === 'list')).to.have.length(2);
    expect(changes()).to.have.members([`${a.sid.slice(-2)} pending→rescinded`, `${b.sid.slice(-2)} null→pending`]);
  });

  it('applies pushed reservations without a list, and tells each change once across pushes and lists', async () => {
    const c = new FakeConnection({ live: true });
    const a = reservation();
    c.server.set(a.sid, a);
    const feed = new ReservationFeed({ pollInterval: 0 });
    const { changes } = subscribe(feed, c);
    c.push({ type: 'open' });
    await flush();
    const accepted = { ...a, reservation_status: 'accepted' as const };
    c.server.set(a.sid, accepted);
    c.push({ type: 'reservation', reservation: accepted, task: task(a.task_sid) });
    expect(feed.reservations![0].reservation_status).to.equal('accepted');
    expect(feed.tasks.get(a.task_sid)?.sid, 'the pushed task is kept').to.equal(a.task_sid);
    c.push({ type: 'closed' });
    c.push({ type: 'open' });
    await flush();
    expect(changes()).to.deep.equal([`${a.sid.slice(-2)} pending→accepted`]);
    expect(c.calls.filter((x) => x === 'list')).to.have.length(2);
  });

  it('fetches a reservation that left an active-only list to learn where it went', async () => {
    const c = new FakeConnection({ lists: 'active', live: true });
    const a = reservation();
    c.server.set(a.sid, a);
    const feed = new ReservationFeed({ pollInterval: 0 });
    const { changes } = subscribe(feed, c);
    c.push({ type: 'open' });
    await flush();
    c.server.set(a.sid, { ...a, reservation_status: 'timeout' });
    c.push({ type: 'closed' });
    c.push({ type: 'open' });
    await flush();
    expect(c.calls).to.include(`fetch ${a.sid}`);
    expect(changes()).to.deep.equal([`${a.sid.slice(-2)} pending→timeout`]);
    expect(
      feed.reservations!.map((r) => r.reservation_status),
      'the finished one stays shown',
    ).to.deep.equal(['timeout']);
  });

  it('holds a push that arrives while an action is in flight until the action’s answer is in', async () => {
    const c = new FakeConnection({ live: true });
    const a = reservation();
    c.server.set(a.sid, a);
    const feed = new ReservationFeed({ pollInterval: 0 });
    const { events, subscriber } = subscribe(feed, c);
    c.push({ type: 'open' });
    await flush();
    const accepted = { ...a, reservation_status: 'accepted' as const };
    let answer!: () => void;
    const done = feed.act(a.sid, subscriber, () => new Promise((resolve) => (answer = () => resolve({ reservation: accepted }))));
    c.push({ type: 'reservation', reservation: accepted });
    expect(feed.reservations![0].reservation_status, 'not applied while the action is out').to.equal('pending');
    answer();
    await done;
    const told = events.filter((e) => e.type === 'changes');
    expect(told).to.have.length(1);
    expect((told[0] as { origin?: object }).origin, 'the action’s own change').to.equal(subscriber);
  });

  it('wants each task once, fetches nothing while hidden, and keeps rows without their task usable', async () => {
    const c = new FakeConnection();
    const shared = `WT${'f'.repeat(32)}`;
    for (const r of [reservation('pending', shared), reservation('pending', shared), reservation('accepted')]) c.server.set(r.sid, r);
    const feed = new ReservationFeed({ pollInterval: 0 });
    feed.setHidden(true);
    subscribe(feed, c);
    await flush();
    expect(
      c.calls.filter((x) => x.startsWith('task')),
      'none while hidden',
    ).to.deep.equal([]);
    expect(feed.reservations).to.have.length(3);
    feed.setHidden(false);
    await flush();
    const tasks = c.calls.filter((x) => x.startsWith('task'));
    expect(tasks, 'one per distinct task').to.have.length(2);
    await feed.reload(false);
    await flush();
    expect(
      c.calls.filter((x) => x.startsWith('task')),
      'none again for a second list',
    ).to.have.length(2);
  });

  it('reports an unreadable list once, however often the server sends it', async () => {
    const c = new FakeConnection();
    const feed = new ReservationFeed({ pollInterval: 0 });
    const { ApiError } = await import('../../src/connection/errors.js');
    c.list = async () => ({
      items: [],
      unreadable: new ApiError('invalid', "The server's answer could not be read: reservations[0]: it is null"),
    });
    const { events } = subscribe(feed, c);
    await flush();
    await feed.reload(false);
    await flush();
    expect(events.filter((e) => e.type === 'error' && e.operation === 'list')).to.have.length(1);
  });
});
