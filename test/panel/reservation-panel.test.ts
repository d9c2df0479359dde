import { expect } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import { addReservation, API_BASE, requests, scenario, setFaults, setStatus, type Scenario } from '../support/emulator.js';
import { mount, notice, rows, visibleText, waitFor } from '../support/panel.js';

const listRequests = async (s: Scenario) =>
  (await requests(s.workspaceSid)).filter((r) => r.method === 'GET' && r.path.endsWith('/Reservations'));

describe('reservation-panel', () => {
  it('is accessible with a list of reservations', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }, { status: 'accepted' }, { status: 'completed' }] });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    await waitFor(() => rows(el).length === 3, 'three rows');
    await expect(el).to.be.accessible();
  });

  it('has the documented defaults', () => {
    const el = document.createElement('reservation-panel');
    expect(el.apiBase).to.equal('');
    expect(el.workspaceSid).to.equal('');
    expect(el.workerSid).to.equal('');
    expect(el.token).to.equal(undefined);
    expect(el.status).to.equal(undefined);
    expect(el.pollInterval).to.equal(5000);
  });

  it('reads its attributes into properties, and the token attribute once without keeping it', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const { el } = await mount({
      'api-base': API_BASE,
      'workspace-sid': s.workspaceSid,
      'worker-sid': s.workerSid,
      'poll-interval': '0',
      status: 'pending',
      token: s.token,
    });
    expect(el.apiBase).to.equal(API_BASE);
    expect(el.workspaceSid).to.equal(s.workspaceSid);
    expect(el.workerSid).to.equal(s.workerSid);
    expect(el.pollInterval).to.equal(0);
    expect(el.status).to.equal('pending');
    expect(el.token).to.equal(s.token);
    expect(el.hasAttribute('token')).to.equal(false);
    await waitFor(() => rows(el).length === 1, 'one row');
    expect(el.outerHTML).not.to.include(s.token);
  });

  it('shows a loading state, then what each reservation is: title, channel, queue, priority, wait; the worker once, in the header', async () => {
    const s = await scenario({
      workerName: 'Ada Lovelace',
      reservationTimeoutSeconds: 600,
      tasks: {
        call: { attributes: { name: 'Jane Doe', from: '+15550100' }, channel: 'voice', queue: 'Sales', priority: 5, ageSeconds: 125 },
        old: { attributes: { from: 'sam@example.com' }, channel: 'email', queue: 'Billing' },
      },
      reservations: [
        { status: 'completed', ageSeconds: 30, task: 'old' },
        { status: 'pending', ageSeconds: 60, task: 'call' },
      ],
    });
    await setFaults(s.workspaceSid, [{ method: 'GET', latencyMs: 400, times: 1 }]);
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    const loading = await waitFor(() => notice(el), 'loading notice');
    expect(loading.getAttribute('role')).to.equal('status');
    expect(loading.textContent).to.match(/loading/i);
    await waitFor(
      () => rows(el).length === 2 && visibleText(rows(el)[0]).includes('Jane Doe') && visibleText(rows(el)[1]).includes('sam@'),
      'two rows with their tasks',
    );
    const [first, second] = rows(el);
    // active first, whatever the API's order
    expect(first.dataset.reservationSid).to.equal(s.reservations[1].sid);
    expect(first.dataset.reservationStatus).to.equal('pending');
    expect(second.dataset.reservationStatus).to.equal('completed');
    const text = visibleText(first);
    for (const part of ['Jane Doe', '+15550100', 'Pending', 'Voice', 'Sales', '5', '2 min']) expect(text, part).to.include(part);
    expect(first.querySelector('svg[role="img"]')!.getAttribute('aria-label'), 'the channel icon has a text alternative').to.equal('Voice');
    expect(visibleText(second)).to.include('Completed');
    expect(visibleText(second)).to.include('sam@example.com');
    // the worker's name once, in the header, not on every row
    await waitFor(() => el.shadowRoot!.querySelector('[part~="header"]'), 'the header');
    expect(visibleText(el.shadowRoot!.querySelector('[part~="header"]')!)).to.include('Ada Lovelace');
    expect(visibleText(el.shadowRoot!.querySelector('[part~="header"]')!)).to.include('Available');
    for (const row of rows(el)) expect(visibleText(row)).not.to.include('Ada Lovelace');
    expect(of('reservation-load')).to.have.length(1);
    expect(of('reservation-status-change')).to.have.length(0);
  });

  it('labels each reservation as a group named by its title', async () => {
    const s = await scenario({ tasks: { t: { attributes: { name: 'Jane Doe' } } }, reservations: [{ status: 'pending', task: 't' }] });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    const [row] = await waitFor(() => (rows(el).length ? rows(el) : null), 'a row');
    expect(row.getAttribute('role')).to.equal('group');
    await waitFor(() => row.getAttribute('aria-label') === 'Reservation: Jane Doe', 'the label from the task');
  });

  it('keeps each age current', async () => {
    const s = await scenario({ reservations: [{ status: 'pending', ageSeconds: 58 }] });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    const [row] = await waitFor(() => (rows(el).length ? rows(el) : null), 'a row');
    expect(visibleText(row)).to.match(/\b5[89] sec\b/);
    await waitFor(() => visibleText(row).includes('1 min'), 'the age to reach a minute', 4000);
  });

  it('fires reservation-load with the reservations as the API returned them', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }, { status: 'wrapping' }] });
    const { of } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    const [detail] = await waitFor(() => (of('reservation-load').length ? of('reservation-load') : null), 'load');
    expect(detail.reservations.map((r: any) => r.sid)).to.have.members(s.reservations.map((r) => r.sid));
    expect(detail.reservations[0]).to.have.property('reservation_status');
    expect(detail.reservations[0]).to.have.property('task_sid');
  });

  it('shows an empty state', async () => {
    const s = await scenario({ reservations: [] });
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    await waitFor(() => of('reservation-load').length, 'load');
    await el.updateComplete;
    expect(notice(el)!.textContent).to.match(/no reservations/i);
    expect(rows(el)).to.have.length(0);
  });

  it('asks the API for the status filter only', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }, { status: 'completed' }] });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0', status: 'completed' }, { token: s.token });
    await waitFor(() => rows(el).length === 1, 'one row');
    expect(rows(el)[0].dataset.reservationStatus).to.equal('completed');
    const [req] = await listRequests(s);
    expect(new URLSearchParams(req.query).get('ReservationStatus')).to.equal('completed');
  });

  it('takes the workspace and worker from the token when the attributes are absent', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    await waitFor(() => rows(el).length === 1, 'one row');
    const [req] = await listRequests(s);
    expect(req.path).to.include(`/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations`);
  });

  it('sends the token only in the Authorization header', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const { el, events } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    await waitFor(() => rows(el).length === 1, 'one row');
    const [req] = await listRequests(s);
    expect(req.headers.authorization).to.equal(`Bearer ${s.token}`);
    expect(req.path + req.query).not.to.include(s.token);
    expect(JSON.stringify(events)).not.to.include(s.token);
  });

  it('shows a server error with a retry that recovers, and fires reservation-error', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    await setFaults(s.workspaceSid, [{ method: 'GET', status: 503 }]);
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    const [error] = await waitFor(() => (of('reservation-error').length ? of('reservation-error') : null), 'error', 8000);
    expect(error).to.include({ operation: 'list', status: 503 });
    expect(error.message).to.be.a('string').and.match(/\S/);
    await el.updateComplete;
    const alert = notice(el)!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.match(/could not load/i);
    await setFaults(s.workspaceSid, []);
    alert.querySelector('button')!.click();
    await waitFor(() => rows(el).length === 1, 'the list after retry');
    expect(of('reservation-load')).to.have.length(1);
  });

  it('waits quietly to be signed in: a status, no error, no alert, nothing sent', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const { el, of } = await mount({
      'api-base': API_BASE,
      'workspace-sid': s.workspaceSid,
      'worker-sid': s.workerSid,
      'poll-interval': '0',
    });
    const alerts: string[] = [];
    const watch = new MutationObserver(() => {
      for (const a of el.shadowRoot!.querySelectorAll('[role="alert"]')) alerts.push(a.textContent ?? '');
    });
    watch.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    el.pollInterval = 10; // another property change must not change that
    await waitFor(() => notice(el)?.textContent?.match(/waiting for sign-in/i), 'the waiting status');
    await new Promise((r) => setTimeout(r, 200));
    expect(notice(el)!.getAttribute('role')).to.equal('status');
    expect(of('reservation-error')).to.have.length(0);
    expect(alerts, 'no alert flashes').to.deep.equal([]);
    expect(el.matches(':state(waiting)')).to.equal(true);
    expect(el.matches(':state(error)')).to.equal(false);
    expect(await requests(s.workspaceSid)).to.have.length(0);
    el.token = s.token;
    await waitFor(() => rows(el).length === 1, 'the list once the token is set');
    watch.disconnect();
    expect(alerts).to.deep.equal([]);
    expect(of('reservation-error')).to.have.length(0);
  });

  it('explains a malformed SID and a missing api-base', async () => {
    const s = await scenario();
    const bad = await mount({ 'api-base': API_BASE, 'worker-sid': 'WK123' }, { token: s.token });
    expect(notice(bad.el)!.textContent).to.include('WK123');
    expect(bad.of('reservation-error')).to.have.length(1);
    const noBase = await mount({}, { token: s.token });
    expect(notice(noBase.el)!.textContent).to.match(/api-base/);
    expect(noBase.of('reservation-error')).to.have.length(1);
    expect(await requests(s.workspaceSid)).to.have.length(0);
  });

  it('never renders server data as HTML', async () => {
    const markup = '<img src=x onerror="window.__xss=1">Eve';
    const s = await scenario({
      workerName: markup,
      tasks: { t: { attributes: { name: markup, from: '<b>bold</b>', nested: { note: '<script>window.__xss=2</script>' } } } },
      reservations: [{ status: 'pending', task: 't' }],
    });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    const [row] = await waitFor(
      () => (rows(el).length && visibleText(rows(el)[0]).includes('<img') ? rows(el) : null),
      'a row with its task',
    );
    row.querySelector<HTMLButtonElement>('[aria-expanded]')!.click();
    await el.updateComplete;
    await waitFor(() => el.shadowRoot!.querySelector('[part~="header"]'), 'the header');
    expect(el.shadowRoot!.querySelectorAll('img, b, script')).to.have.length(0);
    expect(visibleText(row)).to.include('<img src=x');
    expect(visibleText(row)).to.include('<script>window.__xss=2</script>');
    expect(visibleText(el.shadowRoot!.querySelector('[part~="header"]')!)).to.include('<img src=x');
    expect((window as any).__xss).to.equal(undefined);
  });

  it('refreshes on its poll interval and reports remote changes once each', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }, { status: 'accepted' }] });
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '100' }, { token: s.token });
    await waitFor(() => rows(el).length === 2, 'two rows');
    await setStatus(s.workspaceSid, s.reservations[0].sid, 'rescinded');
    const added = await addReservation(s.workspaceSid);
    await waitFor(() => of('reservation-status-change').length >= 2, 'two changes');
    await new Promise((r) => setTimeout(r, 300)); // more polls must not repeat them
    const changes = of('reservation-status-change');
    expect(changes).to.have.length(2);
    const rescinded = changes.find((c) => c.sid === s.reservations[0].sid);
    expect(rescinded).to.include({ previousStatus: 'pending', status: 'rescinded', source: 'sync' });
    expect(rescinded.taskSid).to.equal(s.reservations[0].task_sid);
    const fresh = changes.find((c) => c.sid === added.sid);
    expect(fresh).to.include({ previousStatus: null, status: 'pending', source: 'sync' });
    await waitFor(() => rows(el).length === 3, 'three rows');
    expect(of('reservation-load')).to.have.length(1);
  });
});
