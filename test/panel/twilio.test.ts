/**
 * The panel on `connection="twilio"`: Twilio's event-bridge (the emulator's, over real HTTP
 * and a real WebSocket), with nothing but the worker's token.
 */
import { expect } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import { EVENT_BRIDGE, controlSockets, sockets } from '../support/event-bridge.js';
import {
  addReservation,
  getReservation,
  requests,
  scenario,
  setActivity,
  setStatus,
  token,
  type RecordedRequest,
  type Scenario,
} from '../support/emulator.js';
import { mount, rows, visibleText, waitFor } from '../support/panel.js';

const TWILIO = { connection: 'twilio', 'event-bridge-url': EVENT_BRIDGE };

/** The event-bridge calls the emulator received, with their envelope read. */
async function calls(s: Scenario) {
  return (await requests(s.workspaceSid))
    .filter((r) => r.path === '/v1/wschannels')
    .map((r) => ({
      ...r,
      envelope: JSON.parse(r.body) as { url: string; method: string; params: Record<string, unknown>; token: string },
    }));
}
const lists = async (s: Scenario) =>
  (await calls(s)).filter((c) => c.envelope.url.endsWith('/Reservations') && c.envelope.method === 'GET');
const row = (el: HTMLElement, sid: string) => rows(el as never).find((r) => r.dataset.reservationSid === sid);
const button = (r: HTMLElement, name: string) => [...r.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);

async function start(
  options: Parameters<typeof scenario>[0] = {},
  attributes: Record<string, string> = {},
  properties: Record<string, unknown> = {},
) {
  const s = await scenario({
    tasks: {
      call: { attributes: { name: 'Jane Doe', from: '+15550100' }, channel: 'voice', queue: 'Sales', priority: 7 },
      chat: { attributes: { from: 'web visitor' }, channel: 'chat', queue: 'Support' },
    },
    reservations: [
      { status: 'pending', task: 'call' },
      { status: 'accepted', task: 'chat' },
    ],
    ...options,
  });
  const mounted = await mount({ ...TWILIO, 'poll-interval': '0', ...attributes }, { token: s.token, ...properties } as never);
  await waitFor(
    () =>
      rows(mounted.el).length === s.reservations.filter((r) => ['pending', 'accepted', 'wrapping'].includes(r.reservation_status)).length,
    'the rows',
  );
  await waitFor(async () => (await sockets(s.workspaceSid, s.workerSid)).open === 1, 'the socket');
  return { s, ...mounted };
}

describe('reservation-panel on the twilio connection (event-bridge)', () => {
  it('lists the active reservations with their tasks from the payloads, through the event-bridge only', async () => {
    const { s, el, of } = await start();
    const [pending] = s.reservations;
    await waitFor(() => visibleText(row(el, pending.sid)!).includes('Jane Doe'), 'the task');
    const text = visibleText(row(el, pending.sid)!);
    for (const part of ['Jane Doe', '+15550100', 'Voice', 'Sales', '7', 'Pending']) expect(text, part).to.include(part);
    expect(visibleText(row(el, s.reservations[1].sid)!)).to.include('Chat');
    const log = await requests(s.workspaceSid);
    expect(
      log.every((r) => r.path === '/v1/wschannels'),
      'nothing but event-bridge calls',
    ).to.equal(true);
    const listed = await lists(s);
    expect(listed).to.have.length(1);
    expect(listed[0].headers['apiversion']).to.equal('v2');
    expect(listed[0].envelope.params).to.include({ Active: 'true' });
    expect(
      (await calls(s)).some((c) => c.envelope.url.includes('/Tasks/')),
      'no task fetched: they came with the list',
    ).to.equal(false);
    const [load] = of('reservation-load');
    expect(load.reservations[0]).to.include.keys('sid', 'task_sid', 'date_created', 'reservation_status');
    expect(load.reservations[0].date_created).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await expect(el).to.be.accessible();
  });

  it('never asks the server to end other sessions or to set the worker offline', async () => {
    const { s, el } = await start({ workerActivity: 'Available' });
    const status = await sockets(s.workspaceSid, s.workerSid);
    expect(status.sessions).to.deep.equal([
      { closeExistingSessions: false, setWorkerOfflineIfDisconnected: false, clientVersion: '2.1.1' },
    ]);
    el.remove();
    await waitFor(async () => (await sockets(s.workspaceSid, s.workerSid)).open === 0, 'the socket to close with the panel');
    await new Promise((r) => setTimeout(r, 200));
    const calls0 = await calls(s);
    expect(calls0.length).to.be.greaterThan(0);
    const worker = await (
      await fetch(`/emulator/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`, { headers: { authorization: `Bearer ${s.token}` } })
    ).json();
    expect(worker.activity_name, 'still available').to.equal('Available');
  });

  it('paints a change pushed over the socket without any request, and tells it once', async () => {
    const { s, el, of } = await start();
    const [pending] = s.reservations;
    const before = (await calls(s)).length;
    await setStatus(s.workspaceSid, pending.sid, 'rescinded');
    await waitFor(() => row(el, pending.sid)?.dataset.reservationStatus === 'rescinded', 'the pushed change');
    const added = await addReservation(s.workspaceSid, { content: { attributes: { name: 'Late caller' }, channel: 'voice' } });
    await waitFor(() => row(el, added.sid) && visibleText(row(el, added.sid)!).includes('Late caller'), 'the pushed arrival with its task');
    expect((await calls(s)).length, 'no request for pushed changes').to.equal(before);
    const changes = of('reservation-status-change');
    expect(changes.map((c: any) => [c.sid, c.previousStatus, c.status, c.source])).to.deep.equal([
      [pending.sid, 'pending', 'rescinded', 'sync'],
      [added.sid, null, 'pending', 'sync'],
    ]);
    expect(changes[1].task).to.include({ sid: added.task_sid });
    expect(JSON.parse(changes[1].task.attributes)).to.deep.equal({ name: 'Late caller' });
  });

  it('sends every action through the event-bridge, each landing once with its event', async () => {
    const { s, el, of } = await start({
      reservations: [
        { status: 'pending', task: 'call' },
        { status: 'pending', task: 'chat' },
      ],
    });
    const [a, b] = s.reservations;
    button(row(el, a.sid)!, 'Accept')!.click();
    await waitFor(() => row(el, a.sid)?.dataset.reservationStatus === 'accepted', 'accepted');
    button(row(el, a.sid)!, 'Wrap up')!.click();
    await waitFor(() => row(el, a.sid)?.dataset.reservationStatus === 'wrapping', 'wrapping');
    button(row(el, a.sid)!, 'Complete')!.click();
    await waitFor(() => row(el, a.sid)?.dataset.reservationStatus === 'completed', 'completed');
    button(row(el, b.sid)!, 'Reject')!.click();
    const form = await waitFor(() => row(el, b.sid)!.querySelector('reservation-form'), 'the reject form');
    await form.updateComplete;
    const select = await waitFor(
      () => form.shadowRoot!.querySelector<HTMLSelectElement>('select[name="WorkerActivitySid"]'),
      'the activities',
    );
    const lunch = s.activities.find((x) => x.friendlyName === 'Lunch')!;
    select.value = lunch.sid;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await form.updateComplete;
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => row(el, b.sid)?.dataset.reservationStatus === 'rejected', 'rejected');
    const updates = (await calls(s)).filter((c) => c.envelope.method === 'POST');
    expect(updates.map((c) => [c.headers['apiversion'], c.envelope.url.split('/').pop(), c.envelope.params])).to.deep.equal([
      ['v1', a.sid, { ReservationStatus: 'accepted' }],
      ['v1', a.sid, { ReservationStatus: 'wrapping' }],
      ['v1', a.sid, { ReservationStatus: 'completed' }],
      ['v1', b.sid, { ReservationStatus: 'rejected', WorkerActivitySid: lunch.sid }],
    ]);
    const changes = of('reservation-status-change').filter((c: any) => c.source === 'action');
    expect(changes.map((c: any) => c.status)).to.deep.equal(['accepted', 'wrapping', 'completed', 'rejected']);
    expect(of('reservation-status-change'), 'no change told twice (the socket pushes each too)').to.have.length(4);
    await waitFor(
      () => visibleText(el.shadowRoot!.querySelector('[part~="header"]')!).includes('Lunch'),
      'the worker’s activity in the header',
    );
  });

  it('sends an instruction with its fields, and refuses one on a reservation that is no longer pending', async () => {
    const { s, el, of } = await start({ reservations: [{ status: 'pending', task: 'call' }] });
    const [a] = s.reservations;
    await setStatus(s.workspaceSid, a.sid, 'accepted');
    // the row may still say pending for an instant: the instruction is refused by the server either way
    const r = row(el, a.sid)!;
    if (r.dataset.reservationStatus === 'pending') {
      button(r, 'Conference')!.click();
      await waitFor(() => r.dataset.reservationStatus === 'accepted' || r.querySelector('reservation-form'), 'the form or the change');
    }
    await waitFor(() => r.dataset.reservationStatus === 'accepted', 'the pushed change');
    expect(button(r, 'Conference'), 'instructions are only offered while pending').to.equal(undefined);
    const added = await addReservation(s.workspaceSid, { content: { attributes: { name: 'Second' }, channel: 'voice' } });
    const second = await waitFor(() => row(el, added.sid), 'the new row');
    button(second, 'Dequeue')!.click();
    const form = await waitFor(() => second.querySelector('reservation-form'), 'the dequeue form');
    await form.updateComplete;
    const from = form.shadowRoot!.querySelector<HTMLInputElement>('[name="DequeueFrom"]')!;
    from.value = '+15550111';
    from.dispatchEvent(new Event('input', { bubbles: true }));
    await setStatus(s.workspaceSid, added.sid, 'rescinded');
    await form.updateComplete;
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => second.dataset.reservationStatus === 'rescinded', 'rescinded');
    const errors = of('reservation-error');
    if (errors.length) expect(errors[0]).to.include({ operation: 'update', status: 400, code: 40135 });
    expect((await getReservation(s.workspaceSid, added.sid)).reservation_status).to.equal('rescinded');
  });

  it('after a cut socket, reconnects and lists once: a change made meanwhile is told once', async () => {
    const { s, el, of } = await start();
    const [pending] = s.reservations;
    const listsBefore = (await lists(s)).length;
    await controlSockets(s.workspaceSid, s.workerSid, { cut: true });
    await setStatus(s.workspaceSid, pending.sid, 'timeout'); // while no socket is open
    await waitFor(() => row(el, pending.sid)?.dataset.reservationStatus === 'timeout', 'the change, after reconnecting', 8000);
    await waitFor(async () => (await sockets(s.workspaceSid, s.workerSid)).open === 1, 'a new socket');
    await new Promise((r) => setTimeout(r, 300));
    expect((await lists(s)).length - listsBefore, 'one list after the reconnection').to.equal(1);
    const told = of('reservation-status-change').filter((c: any) => c.sid === pending.sid);
    expect(told).to.have.length(1);
    expect(told[0]).to.include({ previousStatus: 'pending', status: 'timeout', source: 'sync' });
  });

  it('gives up a socket that stopped beating after 30 s of silence, reconnects and lists once', async function () {
    this.timeout(60_000);
    const { s, el, of } = await start();
    const [pending] = s.reservations;
    const listsBefore = (await lists(s)).length;
    // the socket stays open but says nothing: no heartbeat, no frame
    await controlSockets(s.workspaceSid, s.workerSid, { heartbeats: false });
    const started = performance.now();
    await waitFor(async () => (await lists(s)).length > listsBefore, 'a list after giving the silent socket up', 45_000);
    const after = performance.now() - started;
    expect(after, 'not before 30 s of silence').to.be.greaterThan(29_000);
    expect((await lists(s)).length - listsBefore).to.equal(1);
    await controlSockets(s.workspaceSid, s.workerSid, { heartbeats: true });
    await setStatus(s.workspaceSid, pending.sid, 'canceled');
    await waitFor(() => row(el, pending.sid)?.dataset.reservationStatus === 'canceled', 'a change pushed on the new socket');
    expect(of('reservation-status-change').filter((c: any) => c.sid === pending.sid)).to.have.length(1);
    expect((await lists(s)).length - listsBefore, 'and no more lists').to.equal(1);
  });

  it('renews its token through the provider ahead of its end, and uses it for calls and a new socket', async () => {
    const s0 = await scenario({ tasks: { call: { attributes: { name: 'Jane' } } }, reservations: [{ status: 'pending', task: 'call' }] });
    const short = await token(s0.workspaceSid, s0.workerSid, 3);
    const fresh = await token(s0.workspaceSid, s0.workerSid, 3600);
    let asked = 0;
    const { el, of } = await mount({ ...TWILIO, 'poll-interval': '0' }, {
      token: short,
      tokenProvider: async () => (asked++, fresh),
    } as never);
    await waitFor(() => rows(el).length === 1, 'the row');
    await waitFor(() => asked >= 1 && el.token === fresh, 'the renewal', 5000);
    await waitFor(async () => (await sockets(s0.workspaceSid, s0.workerSid)).open === 1, 'a socket with the new token', 5000);
    await new Promise((r) => setTimeout(r, 3000)); // the first token is over by now
    button(rows(el)[0], 'Accept')!.click();
    await waitFor(() => rows(el)[0].dataset.reservationStatus === 'accepted', 'accepted with the new token');
    const post = (await calls(s0)).find((c) => c.envelope.method === 'POST')!;
    expect(post.envelope.token).to.equal(fresh);
    expect(of('reservation-token-expired')).to.have.length(0);
  });

  it('without a provider, an expired token stops the panel with reservation-token-expired once; a new token resumes it', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const expired = await token(s.workspaceSid, s.workerSid, -60);
    const { el, of } = await mount({ ...TWILIO, 'poll-interval': '50' }, { token: expired });
    await waitFor(() => of('reservation-token-expired').length === 1, 'token-expired');
    await new Promise((r) => setTimeout(r, 300));
    expect((await calls(s)).length, 'no storm with a refused token').to.be.at.most(1);
    expect(of('reservation-token-expired')).to.have.length(1);
    el.token = s.token;
    await waitFor(() => rows(el).length === 1, 'the list with the new token');
  });

  it('puts the token only into the calls’ bodies and the socket’s URL', async () => {
    const { s, el, events } = await start();
    button(rows(el)[0], 'Accept')!.click();
    await waitFor(() => rows(el)[0].dataset.reservationStatus === 'accepted', 'accepted');
    const log: RecordedRequest[] = await requests(s.workspaceSid);
    for (const r of log) {
      expect(r.path + r.query, 'not in a URL').not.to.include(s.token);
      expect(
        Object.values(r.headers).some((v) => v.includes(s.token)),
        'not in a header',
      ).to.equal(false);
      expect(JSON.parse(r.body).token, 'in the body').to.equal(s.token);
    }
    expect(JSON.stringify(events), 'not in an event').not.to.include(s.token);
    expect(
      el
        .getAttributeNames()
        .map((n) => el.getAttribute(n))
        .join(' '),
    ).not.to.include(s.token);
    expect(el.shadowRoot!.innerHTML).not.to.include(s.token);
    const urls = performance.getEntriesByType('resource').map((e) => e.name);
    expect(
      urls.some((u) => u.includes(s.token)),
      'no fetched URL',
    ).to.equal(false);
  });

  it('shows the worker’s activity as it changes', async () => {
    const { s, el } = await start({ workerActivity: 'Available' });
    await waitFor(() => el.shadowRoot!.querySelector('[part~="header"]')?.textContent?.includes('Available'), 'the activity');
    await setActivity(s.workspaceSid, s.workerSid, 'Break');
    await waitFor(() => el.shadowRoot!.querySelector('[part~="header"]')?.textContent?.includes('Break'), 'the pushed activity');
  });
});
