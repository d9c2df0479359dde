import { expect } from '@open-wc/testing';
import { provideReservationConfig } from '../../src/provide.js';
import { API_BASE, EMULATOR, requests, scenario, setFaults, setStatus, token, type Scenario } from '../support/emulator.js';
import { ignoreResizeObserverLoop, mount, rows, setVisibility, visibleText, waitFor } from '../support/panel.js';

const listGets = async (s: Scenario) =>
  (await requests(s.workspaceSid)).filter((r) => r.method === 'GET' && r.path.endsWith('/Reservations'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reservation-panel live status', () => {
  afterEach(() => setVisibility('visible'));

  it('does not poll while the page is hidden, and refreshes at once when it shows again', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '50' }, { token: s.token });
    await waitFor(() => rows(el).length === 1, 'the list');
    setVisibility('hidden');
    await sleep(100); // an in-flight poll may finish
    const hiddenFrom = (await listGets(s)).length;
    await setStatus(s.workspaceSid, s.reservations[0].sid, 'rescinded');
    await sleep(400);
    expect((await listGets(s)).length, 'no list request while hidden').to.equal(hiddenFrom);
    setVisibility('visible');
    await waitFor(() => of('reservation-status-change').length === 1, 'the change, at once');
    expect(of('reservation-status-change')[0]).to.include({ status: 'rescinded', source: 'sync' });
  });

  it('refreshes at once when the browser is back online', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    await waitFor(() => rows(el).length === 1, 'the list');
    expect(await listGets(s)).to.have.length(1);
    window.dispatchEvent(new Event('online'));
    await waitFor(async () => (await listGets(s)).length === 2, 'a refresh on online');
  });

  it('backs off on failures and polls at its pace again after a success', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '50' }, { token: s.token });
    await waitFor(() => rows(el).length === 1, 'the list');
    await setFaults(s.workspaceSid, [{ method: 'GET', status: 400 }]);
    await waitFor(() => of('reservation-error').length >= 1, 'a failure');
    const failingFrom = (await listGets(s)).length;
    await sleep(1500);
    // at 50 ms that would be ~30 requests; backing off from 1 s it is at most 2
    expect((await listGets(s)).length - failingFrom).to.be.at.most(2);
    await setFaults(s.workspaceSid, []);
    await el.refresh();
    await waitFor(() => !of('reservation-error').length || rows(el).length === 1, 'recovery');
    const okFrom = (await listGets(s)).length;
    await sleep(500);
    expect((await listGets(s)).length - okFrom, 'polling at 50 ms again').to.be.at.least(4);
  });

  it('shares one poller between two panels of the same worker, and each reports a change once', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const a = await mount({ 'api-base': API_BASE, 'poll-interval': '100' }, { token: s.token });
    const b = await mount({ 'api-base': API_BASE, 'poll-interval': '100' }, { token: s.token });
    await waitFor(() => rows(a.el).length === 1 && rows(b.el).length === 1, 'both lists');
    const from = (await listGets(s)).length;
    await sleep(600);
    const polls = (await listGets(s)).length - from;
    // one poller: about six polls (two pollers would make about twelve); fewer on a loaded machine
    expect(polls, 'one poller').to.be.within(1, 8);
    await setStatus(s.workspaceSid, s.reservations[0].sid, 'timeout');
    await waitFor(() => a.of('reservation-status-change').length && b.of('reservation-status-change').length, 'both');
    await sleep(300);
    expect(a.of('reservation-status-change')).to.have.length(1);
    expect(b.of('reservation-status-change')).to.have.length(1);
    expect(b.of('reservation-load')).to.have.length(1);
  });

  it('leaves no timers, listeners or requests behind when removed', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const added = new Map<string, number>();
    const count = (target: EventTarget, method: 'addEventListener' | 'removeEventListener', sign: number) => {
      const original = target[method];
      target[method] = function (this: EventTarget, type: string, ...rest: unknown[]) {
        added.set(type, (added.get(type) ?? 0) + sign);
        return (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
      } as never;
      return () => (target[method] = original);
    };
    const restore = [
      count(document, 'addEventListener', 1),
      count(document, 'removeEventListener', -1),
      count(window, 'addEventListener', 1),
      count(window, 'removeEventListener', -1),
    ];
    try {
      const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '50', 'reservation-timeout': '120' }, { token: s.token });
      await waitFor(() => rows(el).length === 1, 'the list');
      el.remove();
      const from = (await listGets(s)).length;
      await sleep(400);
      expect((await listGets(s)).length - from, 'no request after removal').to.be.at.most(1);
      expect(added.get('visibilitychange') ?? 0).to.equal(0);
      expect(added.get('online') ?? 0).to.equal(0);
    } finally {
      restore.forEach((r) => r());
    }
  });

  it('shows changes pushed by the events stream at once, polling slowed down', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }, { status: 'pending' }] });
    const eventsUrl = `${EMULATOR}/events/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`;
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '60000', 'events-url': eventsUrl }, { token: s.token });
    await waitFor(() => rows(el).length === 2, 'the list');
    await waitFor(async () => (await requests(s.workspaceSid)).some((r) => r.path.startsWith('/events/')), 'the stream');
    await sleep(100);
    await setStatus(s.workspaceSid, s.reservations[1].sid, 'rescinded');
    await waitFor(() => of('reservation-status-change').length === 1, 'the pushed change', 3000);
    expect(of('reservation-status-change')[0]).to.include({ sid: s.reservations[1].sid, status: 'rescinded', source: 'sync' });
    const log = await requests(s.workspaceSid);
    expect(log.some((r) => r.method === 'GET' && r.path.endsWith(s.reservations[1].sid))).to.equal(true);
    expect(log.filter((r) => r.path.endsWith('/Reservations'))).to.have.length(1);
  });

  it('falls back to polling when the events stream fails', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    await setFaults(s.workspaceSid, [{ pathIncludes: '/events/', status: 503 }]);
    const eventsUrl = `${EMULATOR}/events/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`;
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '100', 'events-url': eventsUrl }, { token: s.token });
    await waitFor(() => rows(el).length === 1, 'the list');
    await waitFor(async () => (await requests(s.workspaceSid)).some((r) => r.path.startsWith('/events/')), 'a stream attempt');
    await setStatus(s.workspaceSid, s.reservations[0].sid, 'canceled');
    await waitFor(() => of('reservation-status-change').length === 1, 'the change by polling');
  });

  it('counts down a pending reservation with a timer role and warns near the end', async () => {
    const s = await scenario({
      reservationTimeoutSeconds: 600,
      reservations: [{ status: 'pending', ageSeconds: 110 }, { status: 'pending', ageSeconds: 0 }, { status: 'accepted' }],
    });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0', 'reservation-timeout': '120' }, { token: s.token });
    await waitFor(() => rows(el).length === 3, 'the list');
    const timerOf = (sid: string) =>
      rows(el)
        .find((r) => r.dataset.reservationSid === sid)!
        .querySelector<HTMLElement>('[role="timer"]');
    const urgent = timerOf(s.reservations[0].sid)!;
    expect(urgent.textContent!.trim()).to.match(/^0:(09|10)$/);
    expect(urgent.dataset.warning).to.equal('true');
    const fresh = timerOf(s.reservations[1].sid)!;
    expect(fresh.textContent!.trim()).to.match(/^(2:00|1:59)$/);
    expect(fresh.dataset.warning).to.equal('false');
    expect(timerOf(s.reservations[2].sid)).to.equal(null);
    await waitFor(() => urgent.textContent!.trim() !== '0:10' && urgent.textContent!.trim() !== '0:09', 'the countdown to move', 3000);
  });

  it('announces status changes and new reservations in a polite live region', async () => {
    const s = await scenario({ tasks: { t: { attributes: { name: 'Jane Doe' } } }, reservations: [{ status: 'pending', task: 't' }] });
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '100' }, { token: s.token });
    await waitFor(() => rows(el).length === 1, 'the list');
    const region = el.shadowRoot!.querySelector('[aria-live="polite"]')!;
    expect(region.textContent!.trim()).to.equal('');
    await setStatus(s.workspaceSid, s.reservations[0].sid, 'rescinded');
    await waitFor(() => of('reservation-status-change').length === 1, 'the change');
    await el.updateComplete;
    expect(region.textContent).to.include('Reservation Jane Doe is now rescinded.');
  });

  it('closes an open form when the reservation moves, and says why', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '100' }, { token: s.token });
    const [row] = await waitFor(() => (rows(el).length ? rows(el) : null), 'a row');
    [...row.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Dequeue')!.click();
    await waitFor(() => row.querySelector('reservation-form'), 'the form');
    await setStatus(s.workspaceSid, s.reservations[0].sid, 'timeout');
    await waitFor(() => !row.querySelector('reservation-form'), 'the form to close');
    expect(row.dataset.reservationStatus).to.equal('timeout');
    expect(row.querySelector('[role="alert"]')!.textContent).to.match(/Dequeue form was closed.*timed out/);
    expect(visibleText(row)).to.include('Timed out');
  });

  it('takes api-base and token from an ancestor, and follows a new token there', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const host = document.createElement('section');
    document.body.append(host);
    try {
      const config = provideReservationConfig(host, { apiBase: API_BASE, token: s.token });
      const el = document.createElement('reservation-panel');
      el.pollInterval = 100;
      host.append(el);
      await waitFor(() => rows(el).length === 1, 'the list from the provided config');
      const fresh = await token(s.workspaceSid, s.workerSid);
      config.update({ token: fresh });
      await waitFor(async () => (await listGets(s)).at(-1)?.headers.authorization === `Bearer ${fresh}`, 'a request with the new token');
    } finally {
      host.remove();
    }
  });
});

describe('reservation-panel keeps an exact picture', () => {
  it('after many remote changes and arrivals, shows exactly what the API has, each change reported once', async () => {
    const { addReservation } = await import('../support/emulator.js');
    const s = await scenario({
      reservationTimeoutSeconds: 3600,
      reservations: Array.from({ length: 8 }, () => ({ status: 'pending' as const })),
    });
    const eventsUrl = `${EMULATOR}/events/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`;
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '150', 'events-url': eventsUrl }, { token: s.token });
    await waitFor(() => rows(el).length === 8, 'the list');
    await waitFor(async () => (await requests(s.workspaceSid)).some((r) => r.path.startsWith('/events/')), 'the stream');
    const expected = new Map<string, string>(s.reservations.map((r) => [r.sid, 'pending']));
    const moves: Array<[number, 'accepted' | 'rescinded' | 'timeout' | 'canceled' | 'wrapping' | 'completed']> = [
      [0, 'accepted'],
      [1, 'rescinded'],
      [0, 'wrapping'],
      [2, 'timeout'],
      [3, 'canceled'],
      [0, 'completed'],
      [4, 'accepted'],
      [4, 'completed'],
      [5, 'rescinded'],
    ];
    let changes = 0;
    for (const [i, status] of moves) {
      await setStatus(s.workspaceSid, s.reservations[i].sid, status);
      expected.set(s.reservations[i].sid, status);
      changes++;
      if (changes % 3 === 0) {
        const added = await addReservation(s.workspaceSid);
        expected.set(added.sid, 'pending');
        changes++;
      }
      await sleep(40);
    }
    await waitFor(
      () =>
        rows(el).length === expected.size && rows(el).every((r) => expected.get(r.dataset.reservationSid!) === r.dataset.reservationStatus),
      'the panel to match the API',
      8000,
    );
    await sleep(400); // more polls must not report anything again
    const reported = of('reservation-status-change');
    const final = new Map(reported.map((c) => [c.sid, c.status]));
    for (const [sid, status] of expected)
      if (status !== 'pending' || !s.reservations.some((r) => r.sid === sid)) expect(final.get(sid), sid).to.equal(status);
    // every reported change is a real transition, none reported twice
    const seen = new Set(reported.map((c) => `${c.sid}:${c.previousStatus}>${c.status}`));
    expect(seen.size).to.equal(reported.length);
    expect(reported.length).to.be.at.most(changes);
  });
});

describe('reservation-panel long lists', () => {
  ignoreResizeObserverLoop();

  it('virtualizes a long list: only rows in view are in the DOM, and scrolling reaches the last', async () => {
    const s = await scenario({
      reservationTimeoutSeconds: 3600,
      reservations: Array.from({ length: 600 }, (_, i) => ({ status: 'pending' as const, ageSeconds: 600 - i })),
    });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    await waitFor(() => rows(el).length > 0, 'the first rows', 8000);
    await waitFor(() => rows(el).length > 0 && rows(el).length < 100, 'only some rows in the DOM');
    const first = el.shadowRoot!.querySelector('li')!;
    expect(first.getAttribute('aria-setsize')).to.equal('600');
    expect(first.getAttribute('aria-posinset')).to.equal('1');
    const last = s.reservations[599].sid;
    expect(rows(el).some((r) => r.dataset.reservationSid === last)).to.equal(false);
    // Row heights are estimated until rows are measured, so the end moves while scrolling: keep
    // scrolling to it, as a user holding End would.
    await waitFor(
      () => {
        window.scrollTo(0, document.documentElement.scrollHeight);
        return rows(el).some((r) => r.dataset.reservationSid === last);
      },
      'the last row after scrolling',
      8000,
    );
    window.scrollTo(0, 0);
  });
});

describe('reservation-panel clock', () => {
  it('corrects ages by the skew between this page and the server’s Date header', async () => {
    const { advanceClock } = await import('../support/emulator.js');
    const s = await scenario({ reservations: [{ status: 'accepted', ageSeconds: 0 }] });
    // The server's clock runs 10 minutes ahead of this page's.
    await advanceClock(s.workspaceSid, 10 * 60_000);
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    const [row] = await waitFor(() => (rows(el).length ? rows(el) : null), 'a row');
    await waitFor(() => visibleText(row).includes('10 min'), 'the age by the server’s clock', 3000);
  });
});
