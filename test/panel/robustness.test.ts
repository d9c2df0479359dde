/**
 * The panel on host pages, networks and servers it did not write: gaps in the live channel,
 * virtualization that must not lose what the agent was doing, servers that answer wrongly,
 * and messages that stay true.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  API_BASE,
  addReservation,
  getReservation,
  requests,
  scenario,
  setFaults,
  setStatus,
  streams,
  token,
  type Scenario,
} from '../support/emulator.js';
import { deepActive } from '../form/support.js';
import { ignoreResizeObserverLoop, mount, notice, rows, visibleText, waitFor } from '../support/panel.js';

const listGets = async (s: Scenario) =>
  (await requests(s.workspaceSid)).filter((r) => r.method === 'GET' && r.path.endsWith('/Reservations'));
const row = (el: HTMLElement, sid: string) => rows(el as never).find((r) => r.dataset.reservationSid === sid);
const button = (r: HTMLElement, name: string) => [...r.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);
const eventsUrl = (s: Scenario) => `/emulator/events/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`;
const reservationJson = (s: Scenario, over: Record<string, unknown> = {}) => ({
  ...s.reservations[0],
  ...over,
});

describe('reservation-panel: any gap in the live channel ends in a full list', () => {
  it('with events-url: a stream the server cut is followed by one list at once, showing what changed meanwhile', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }, { status: 'pending' }] });
    const { el, of } = await mount({ 'api-base': API_BASE, 'events-url': eventsUrl(s) }, { token: s.token });
    await waitFor(() => rows(el).length === 2, 'the list');
    await waitFor(async () => (await streams(s.workspaceSid, s.workerSid)).open === 1, 'the stream');
    const before = (await listGets(s)).length;
    await streams(s.workspaceSid, s.workerSid, { cut: true });
    // right after the cut: a new pending reservation, and one rescinded
    const added = await addReservation(s.workspaceSid);
    await setStatus(s.workspaceSid, s.reservations[0].sid, 'rescinded');
    const started = performance.now();
    await waitFor(
      () => row(el, added.sid) && row(el, s.reservations[0].sid)?.dataset.reservationStatus === 'rescinded',
      'both changes',
      5000,
    );
    expect(performance.now() - started, 'at once, not at the slow poll').to.be.lessThan(5000);
    expect(button(row(el, s.reservations[0].sid)!, 'Accept'), 'the rescinded row offers no Accept').to.equal(undefined);
    await waitFor(async () => (await streams(s.workspaceSid, s.workerSid)).open === 1, 'the stream again');
    expect((await listGets(s)).length - before).to.be.at.most(2);
    const changes = of('reservation-status-change');
    expect(changes.filter((c: any) => c.sid === added.sid)).to.have.length(1);
    expect(changes.filter((c: any) => c.sid === s.reservations[0].sid)).to.have.length(1);
  });

  it('lists at once when the page wakes from a long freeze (the computer slept)', async function () {
    this.timeout(30_000);
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    await waitFor(() => rows(el).length === 1, 'the list');
    const before = (await listGets(s)).length;
    await setStatus(s.workspaceSid, s.reservations[0].sid, 'timeout');
    // nothing runs while the page is frozen, as during sleep
    const until = Date.now() + 11_000;
    while (Date.now() < until) {
      /* frozen */
    }
    await waitFor(() => rows(el)[0].dataset.reservationStatus === 'timeout', 'the change, listed on waking', 4000);
    expect((await listGets(s)).length - before).to.equal(1);
  });
});

describe('reservation-panel: rendering never loses what the agent was doing', () => {
  ignoreResizeObserverLoop();
  it('keeps an open form, what was typed and focus while its row is scrolled out of a virtual list and back', async () => {
    const s = await scenario({
      reservationTimeoutSeconds: 3600,
      reservations: Array.from({ length: 140 }, (_, i) => ({ status: 'pending' as const, ageSeconds: 140 - i })),
    });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    // the virtualizer has taken over when it positions the rows
    await waitFor(
      () => el.shadowRoot!.querySelector<HTMLElement>('ul.virtual > li')?.style.position === 'absolute',
      'a virtual list',
      8000,
    );
    // the first reservation in the list's order (the DOM order of a virtual list may differ)
    const first = el.shadowRoot!.querySelector('li[aria-posinset="1"] [part~="reservation"]') as HTMLElement;
    const sid = first.dataset.reservationSid!;
    button(first, 'Conference')!.click();
    const form = await waitFor(() => row(el, sid)?.querySelector('reservation-form'), 'the conference form');
    await form.updateComplete;
    const to = form.shadowRoot!.querySelector<HTMLInputElement>('[name="To"]')!;
    to.focus();
    await sendKeys({ type: '+15550100999' });
    expect(deepActive() === to, 'focus in the To field').to.equal(true);
    expect(to.value).to.equal('+15550100999');
    // scroll far down: the row leaves the DOM
    await waitFor(
      () => {
        window.scrollTo(0, document.documentElement.scrollHeight);
        return !row(el, sid);
      },
      'the row to leave the DOM',
      8000,
    );
    expect(el.matches(':focus-within'), 'focus waits inside the panel').to.equal(true);
    // back to the top, as a user holding Home would (row heights settle while scrolling)
    const back = await waitFor(
      () => {
        window.scrollTo(0, 0);
        return row(el, sid)?.querySelector('reservation-form');
      },
      'the form again, open',
      8000,
    );
    await back.updateComplete;
    const input = back.shadowRoot!.querySelector<HTMLInputElement>('[name="To"]')!;
    expect(input.value).to.equal('+15550100999');
    await waitFor(() => deepActive() === input, 'focus back in the To field', 3000);
  });

  it('keeps focus on Accept when an arrival makes the list virtual', async () => {
    const s = await scenario({
      reservationTimeoutSeconds: 3600,
      reservations: Array.from({ length: 100 }, (_, i) => ({ status: 'pending' as const, ageSeconds: 100 - i })),
    });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '100' }, { token: s.token });
    await waitFor(() => rows(el).length === 100, 'a plain list of 100', 8000);
    expect(el.shadowRoot!.querySelector('ul.virtual')).to.equal(null);
    const sid = rows(el)[0].dataset.reservationSid!;
    const accept = button(rows(el)[0], 'Accept')!;
    accept.focus();
    expect(deepActive()).to.equal(accept);
    await addReservation(s.workspaceSid);
    await waitFor(() => el.shadowRoot!.querySelector('ul.virtual li [part~="reservation"]'), 'the virtual list', 8000);
    await waitFor(
      () => {
        const a = deepActive() as HTMLElement | null;
        return a?.dataset.action === 'accept' && a.closest('[data-reservation-sid]')?.getAttribute('data-reservation-sid') === sid;
      },
      'focus on the same Accept',
      3000,
    );
  });
});

describe('reservation-panel: a server that answers wrongly does not corrupt the picture', () => {
  async function withList(body: (s: Scenario) => unknown, times = 1) {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    await setFaults(s.workspaceSid, [{ method: 'GET', pathIncludes: '/Reservations', status: 200, body: JSON.stringify(body(s)), times }]);
    const mounted = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    return { s, ...mounted };
  }
  const meta = { page: 0, page_size: 50, first_page_url: 'x', previous_page_url: null, url: 'x', next_page_url: null, key: 'reservations' };
  const unreadable = (of: (t: any) => any[]) => of('reservation-error').filter((e: any) => /could not be read/.test(e.message));

  it('stops a list whose pages never end, with a clear error', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const next = `https://taskrouter.twilio.com/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations?PageSize=50&PageToken=PA{{n}}`;
    await setFaults(s.workspaceSid, [
      {
        method: 'GET',
        pathIncludes: '/Reservations',
        status: 200,
        body: JSON.stringify({ reservations: [], meta: { ...meta, next_page_url: next } }),
      },
    ]);
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    await waitFor(() => of('reservation-error').length, 'the error', 8000);
    expect(of('reservation-error')[0].message).to.match(/could not be read: the list did not end after \d+ pages/);
    await el.updateComplete;
    expect(notice(el)!.getAttribute('role')).to.equal('alert');
    expect(notice(el)!.textContent).not.to.match(/Loading/);
    expect((await listGets(s)).length, 'a bounded number of requests').to.be.at.most(60);
  });

  for (const [name, items, expected] of [
    ['a null item', () => [null], 0],
    ['an empty object', () => [{}], 0],
    ['status 7 and a task SID {}', (s: Scenario) => [reservationJson(s, { reservation_status: 7, task_sid: {} })], 0],
    ['two reservations with the same SID', (s: Scenario) => [reservationJson(s), reservationJson(s)], 1],
  ] as const) {
    it(`leaves out ${name}, reports that the answer could not be read, and renders nothing of it`, async () => {
      const { el, of } = await withList((s) => ({ reservations: (items as (s: Scenario) => unknown[])(s), meta }));
      await waitFor(() => of('reservation-load').length, 'the load');
      await el.updateComplete;
      expect(rows(el)).to.have.length(expected as number);
      expect(unreadable(of), 'reported once').to.have.length(1);
      expect(visibleText(el)).not.to.match(/Network error|\[object Object\]|undefined/);
      for (const r of rows(el)) expect(r.dataset.reservationStatus).to.equal('pending');
    });
  }

  it('refuses an update answered with {} or another reservation or a status it does not know, and keeps the picture', async () => {
    for (const answer of [
      (_: Scenario) => ({}),
      (s: Scenario) => reservationJson(s, { sid: `WR${'e'.repeat(32)}`, reservation_status: 'accepted' }),
      (s: Scenario) => reservationJson(s, { reservation_status: 'exploded' }),
    ]) {
      const s = await scenario({ reservations: [{ status: 'pending' }] });
      const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
      const [r] = await waitFor(() => (rows(el).length ? rows(el) : null), 'a row');
      await setFaults(s.workspaceSid, [{ method: 'POST', status: 200, body: JSON.stringify(answer(s)), times: 1 }]);
      button(r, 'Accept')!.click();
      await waitFor(() => of('reservation-error').length, 'the error');
      expect(of('reservation-error')[0]).to.include({ operation: 'update', action: 'accept' });
      expect(of('reservation-error')[0].message).to.match(/could not be read/);
      expect(of('reservation-status-change'), 'no bogus change').to.have.length(0);
      await el.updateComplete;
      expect(rows(el)).to.have.length(1);
      expect(rows(el)[0].dataset.reservationSid).to.equal(s.reservations[0].sid);
      expect(visibleText(rows(el)[0])).to.match(/Accept failed: The server's answer could not be read/);
      el.remove();
    }
  });

  it('refuses a fetch answered with a list', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '0', 'events-url': eventsUrl(s) }, { token: s.token });
    await waitFor(() => rows(el).length === 1, 'a row');
    await waitFor(async () => (await streams(s.workspaceSid, s.workerSid)).open === 1, 'the stream');
    await setFaults(s.workspaceSid, [
      {
        method: 'GET',
        pathIncludes: `/Reservations/WR`,
        status: 200,
        body: JSON.stringify({ reservations: [reservationJson(s, { sid: `WR${'d'.repeat(32)}` })], meta }),
      },
    ]);
    await setStatus(s.workspaceSid, s.reservations[0].sid, 'accepted'); // the stream names it: the panel fetches it
    await waitFor(() => of('reservation-error').some((e: any) => e.operation === 'fetch'), 'the error');
    await el.updateComplete;
    expect(rows(el).map((r) => r.dataset.reservationSid)).to.deep.equal([s.reservations[0].sid]);
  });
});

describe('reservation-panel: messages that stay true', () => {
  it('corrects a timed-out Accept that landed on the server once the list shows it accepted', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '300', 'request-timeout': '500' }, { token: s.token });
    const [r] = await waitFor(() => (rows(el).length ? rows(el) : null), 'a row');
    await setFaults(s.workspaceSid, [{ method: 'POST', latencyMs: 900, times: 1 }]);
    button(r, 'Accept')!.click();
    await waitFor(() => visibleText(r).match(/Accept failed: Request timed out/), 'the timeout, naming its action', 4000);
    expect(of('reservation-error')[0]).to.include({ operation: 'update', action: 'accept' });
    await waitFor(() => r.dataset.reservationStatus === 'accepted', 'accepted after all', 6000);
    await el.updateComplete;
    expect(visibleText(r)).not.to.match(/timed out/);
    expect(visibleText(r)).to.match(/Accept went through after all: this reservation is now accepted/);
    expect((await getReservation(s.workspaceSid, s.reservations[0].sid)).reservation_status).to.equal('accepted');
  });

  it('disables the rows’ actions while the token is expired, with the reason', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const short = await token(s.workspaceSid, s.workerSid, 3);
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: short });
    const [r] = await waitFor(() => (rows(el).length ? rows(el) : null), 'a row');
    await waitFor(() => of('reservation-token-expired').length === 1, 'the expiry', 6000);
    await el.updateComplete;
    for (const b of r.querySelectorAll<HTMLButtonElement>('[part~="actions"] button')) {
      expect(b.getAttribute('aria-disabled'), b.textContent!).to.equal('true');
      const reason = el.shadowRoot!.getElementById(b.getAttribute('aria-describedby')!)!;
      expect(reason.textContent).to.match(/session has expired/);
    }
    button(r, 'Accept')!.click();
    await new Promise((done) => setTimeout(done, 200));
    expect((await requests(s.workspaceSid)).filter((x) => x.method === 'POST')).to.have.length(0);
  });
});
