import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import type { ReservationStatus } from '../../src/wire/types.js';
import type { ReservationForm } from '../../src/components/reservation-form/reservation-form.js';
import type { ReservationPanel } from '../../src/index.js';
import type { SchemaOverride } from '../../src/schema/index.js';
import {
  actionGroup,
  actionNames,
  button,
  control,
  controls,
  descriptionOf,
  expectFocus,
  formOf,
  labelOf,
  nativeForm,
  openForm,
  option,
  pairs,
  press,
  row,
  settle,
  sorted,
  typeInto,
  rendered,
} from '../form/support.js';
import {
  API_BASE,
  requests,
  scenario,
  setFaults,
  setStatus,
  token,
  type Fault,
  type RecordedRequest,
  type Scenario,
} from '../support/emulator.js';
import { mount, rows, visibleText, waitFor, type Mounted } from '../support/panel.js';

/** The Break and Lunch activities of the workspace start() made last (the emulator refuses another workspace's). */
let WA = '';
let WA2 = '';
const CA = 'CA' + '0'.repeat(31) + '7';
const FORM_TYPE = 'application/x-www-form-urlencoded';

interface Started extends Mounted {
  s: Scenario;
  /** the rows, in the order of the scenario's reservations */
  items: HTMLElement[];
}

/** A scenario with reservations of these statuses, and a panel showing them (no polling). */
async function start(
  statuses: ReservationStatus[],
  schemaOf?: () => SchemaOverride,
  attributes: Record<string, string> = {},
): Promise<Started> {
  const s = await scenario({ reservations: statuses.map((status) => ({ status })) });
  WA = s.activities.find((a) => a.friendlyName === 'Break')!.sid;
  WA2 = s.activities.find((a) => a.friendlyName === 'Lunch')!.sid;
  const schema = schemaOf?.();
  const props = { token: s.token, ...(schema && { schema }) };
  const mounted = await mount({ 'api-base': API_BASE, 'poll-interval': '0', ...attributes }, props as Parameters<typeof mount>[1]);
  await waitFor(() => rows(mounted.el).length === statuses.length, `${statuses.length} rows`);
  const items = s.reservations.map((r) => row(mounted.el, r.sid)!);
  await mounted.el.updateComplete;
  return { ...mounted, s, items };
}

const posts = async (s: Scenario) => (await requests(s.workspaceSid)).filter((r) => r.method === 'POST');
/** GETs of one reservation (not of the list). */
const fetches = async (s: Scenario, sid: string) =>
  (await requests(s.workspaceSid)).filter((r) => r.method === 'GET' && r.path.endsWith(`/Reservations/${sid}`));

/** Waits for the POSTs the emulator answered, and returns them. */
async function answeredPosts(s: Scenario, count = 1): Promise<RecordedRequest[]> {
  return waitFor(async () => {
    const list = (await posts(s)).filter((r) => r.status !== 0);
    return list.length >= count ? list : null;
  }, `${count} answered POST(s)`);
}

const statusOf = (el: ReservationPanel, sid: string) => row(el, sid)?.dataset.reservationStatus;
const waitForStatus = (el: ReservationPanel, sid: string, status: ReservationStatus) =>
  waitFor(() => statusOf(el, sid) === status, `${sid} to be ${status}`);

/** The message a form shows about the server's answer. */
const formAlert = (form: ReservationForm) => form.shadowRoot!.querySelector('[role="alert"]')?.textContent?.trim() ?? '';
/** The message a row shows outside a form. */
const rowAlert = (item: HTMLElement) => [...item.querySelectorAll('[role="alert"]')].map((n) => n.textContent!.trim()).join(' ');

/** Sets a select as a user's choice does. */
function choose(select: HTMLSelectElement, value: string) {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Checks a box (or unchecks it) by clicking it. */
async function toggle(form: ReservationForm, box: HTMLInputElement) {
  box.click();
  await form.updateComplete;
}

function openAdvanced(form: ReservationForm) {
  form.shadowRoot!.querySelector('details')!.open = true;
  return form.updateComplete;
}

/** Submits a form with Enter from one of its text fields. */
/** The submit button of a form. */
const submitOf = (form: ReservationForm) => form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!;

async function enterIn(form: ReservationForm, name: string) {
  control(form, name).focus();
  await press('Enter');
}

function expectChange(detail: any, sid: string, previousStatus: ReservationStatus, status: ReservationStatus) {
  expect(detail).to.include({ sid, previousStatus, status, source: 'action' });
  expect(detail.reservation.sid).to.equal(sid);
  expect(detail.reservation.reservation_status).to.equal(status);
  expect(detail.taskSid).to.equal(detail.reservation.task_sid);
}

/** A form POST with the bearer token, its body as sorted pairs, nothing empty. */
function expectWire(req: RecordedRequest, s: Scenario, sid: string, expected: [string, string][]) {
  expect(req.path).to.equal(`/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations/${sid}`);
  expect(req.contentType).to.equal(FORM_TYPE);
  expect(req.headers.authorization).to.equal(`Bearer ${s.token}`);
  expect(pairs(req.body)).to.deep.equal(sorted(expected));
  for (const [k, v] of new URLSearchParams(req.body)) expect(v, `${k} is not empty`).not.to.equal('');
}

describe('reservation-panel actions', () => {
  it('keeps every open form accessible', async () => {
    const { el, items } = await start(['pending']);
    const [item] = items;
    for (const name of ['Reject', 'Dequeue', 'Call', 'Redirect', 'Conference']) {
      const form = await openForm(item, name);
      if (name === 'Conference') await openAdvanced(form);
      await expect(el).to.be.accessible();
      button(form.shadowRoot!, 'Cancel')!.click();
      await waitFor(() => !formOf(item), 'the form to close');
    }
  });

  it('offers only the actions valid for each status, as named buttons inside the labelled reservation', async () => {
    const statuses: ReservationStatus[] = ['pending', 'accepted', 'wrapping', 'rejected', 'timeout', 'canceled', 'rescinded', 'completed'];
    const { items } = await start(statuses);
    const expected: Record<ReservationStatus, string[]> = {
      pending: ['Accept', 'Reject', 'Dequeue', 'Call', 'Redirect', 'Conference'],
      accepted: ['Wrap up', 'Complete'],
      wrapping: ['Complete'],
      rejected: [],
      timeout: [],
      canceled: [],
      rescinded: [],
      completed: [],
    };
    statuses.forEach((status, i) => {
      const item = items[i];
      expect(actionNames(item), status).to.deep.equal(expected[status]);
      expect(item.getAttribute('role')).to.equal('group');
      expect(item.getAttribute('aria-label')).to.match(/^Reservation: \S/);
      for (const b of actionGroup(item)?.querySelectorAll('button') ?? []) {
        expect(b.type).to.equal('button');
        expect(b.checkVisibility(), `${status}: ${b.textContent} visible`).to.equal(true);
      }
    });
  });

  it('accepts at once: the request, the row and the event', async () => {
    const { el, s, items, of } = await start(['pending']);
    const sid = s.reservations[0].sid;
    button(actionGroup(items[0])!, 'Accept')!.click();
    await waitForStatus(el, sid, 'accepted');
    const [post] = await answeredPosts(s);
    expect(post.body).to.equal('ReservationStatus=accepted');
    expectWire(post, s, sid, [['ReservationStatus', 'accepted']]);
    expect(post.status).to.equal(200);
    expect(of('reservation-before-update')).to.deep.equal([{ sid, action: 'accept', params: { ReservationStatus: 'accepted' } }]);
    const changes = of('reservation-status-change');
    expect(changes).to.have.length(1);
    expectChange(changes[0], sid, 'pending', 'accepted');
    await rendered(items[0]);
    expect(visibleText(items[0])).to.include('Accepted');
    expect(actionNames(items[0])).to.deep.equal(['Wrap up', 'Complete']);
    expect(of('reservation-error')).to.have.length(0);
  });

  it('wraps up and completes at once', async () => {
    const { el, s, items, of } = await start(['accepted']);
    const sid = s.reservations[0].sid;
    button(actionGroup(items[0])!, 'Wrap up')!.click();
    await waitForStatus(el, sid, 'wrapping');
    await rendered(items[0]);
    expect(actionNames(items[0])).to.deep.equal(['Complete']);
    button(actionGroup(items[0])!, 'Complete')!.click();
    await waitForStatus(el, sid, 'completed');
    const [wrap, complete] = await answeredPosts(s, 2);
    expectWire(wrap, s, sid, [['ReservationStatus', 'wrapping']]);
    expectWire(complete, s, sid, [['ReservationStatus', 'completed']]);
    const changes = of('reservation-status-change');
    expect(changes).to.have.length(2);
    expectChange(changes[0], sid, 'accepted', 'wrapping');
    expectChange(changes[1], sid, 'wrapping', 'completed');
    expect(of('reservation-before-update').map((d) => d.action)).to.deep.equal(['wrapUp', 'complete']);
    await rendered(items[0]);
    expect(actionNames(items[0])).to.deep.equal([]);
    expect(visibleText(items[0])).to.include('Completed');
  });

  it('rejects through its form, with or without an activity', async () => {
    const { el, s, items, of } = await start(['pending', 'pending']);
    const [a, b] = s.reservations.map((r) => r.sid);
    let form = await openForm(items[0], 'Reject');
    // (Enter on a select opens it in Chromium: the form is sent with its submit button)
    submitOf(form).click();
    await waitForStatus(el, a, 'rejected');
    form = await openForm(items[1], 'Reject');
    // the workspace's activities by their names: nobody types a WA… SID
    const select = control<HTMLSelectElement>(form, 'WorkerActivitySid');
    expect(select.localName).to.equal('select');
    expect([...select.options].slice(1).map((o) => o.textContent!.trim())).to.deep.equal(s.activities.map((a) => a.friendlyName));
    select.focus();
    select.value = WA;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await form.updateComplete;
    submitOf(form).click();
    await waitForStatus(el, b, 'rejected');
    const [first, second] = await answeredPosts(s, 2);
    expectWire(first, s, a, [['ReservationStatus', 'rejected']]);
    expectWire(second, s, b, [
      ['ReservationStatus', 'rejected'],
      ['WorkerActivitySid', WA],
    ]);
    const changes = of('reservation-status-change');
    expectChange(
      changes.find((c) => c.sid === a),
      a,
      'pending',
      'rejected',
    );
    expectChange(
      changes.find((c) => c.sid === b),
      b,
      'pending',
      'rejected',
    );
    await rendered(items[1]);
    expect(formOf(items[1])).to.equal(null);
    expect(actionNames(items[1])).to.deep.equal([]);
  });

  it('dequeues with every kind of field, a free list as repeated keys', async () => {
    const { el, s, items, of } = await start(['pending']);
    const sid = s.reservations[0].sid;
    const form = await openForm(items[0], 'Dequeue');
    await typeInto(control(form, 'DequeueFrom'), '+15551234567');
    await typeInto(control(form, 'DequeueTo'), 'client:alice');
    await typeInto(control(form, 'DequeueTimeout'), '30');
    await openAdvanced(form);
    await typeInto(control(form, 'DequeuePostWorkActivitySid'), WA);
    await typeInto(control(form, 'DequeueRecord'), 'record-from-answer');
    await typeInto(control(form, 'DequeueStatusCallbackUrl'), 'https://crm.example.com/callbacks?a=1&b=2');
    const add = button(form.shadowRoot!, 'Add to Status callback events')!;
    add.focus();
    await press('Enter');
    await form.updateComplete;
    await sendKeys({ type: 'ringing' }); // Add moved focus into the new entry
    add.click();
    await form.updateComplete;
    await typeInto(controls(form, 'DequeueStatusCallbackEvent')[1], 'answered');
    await enterIn(form, 'DequeueFrom');
    await waitForStatus(el, sid, 'accepted');
    const [post] = await answeredPosts(s);
    expectWire(post, s, sid, [
      ['Instruction', 'dequeue'],
      ['DequeueFrom', '+15551234567'],
      ['DequeueTo', 'client:alice'],
      ['DequeueTimeout', '30'],
      ['DequeuePostWorkActivitySid', WA],
      ['DequeueRecord', 'record-from-answer'],
      ['DequeueStatusCallbackUrl', 'https://crm.example.com/callbacks?a=1&b=2'],
      ['DequeueStatusCallbackEvent', 'ringing'],
      ['DequeueStatusCallbackEvent', 'answered'],
    ]);
    expect(post.body).to.include('DequeueStatusCallbackEvent=ringing&DequeueStatusCallbackEvent=answered');
    expect(post.body).to.include('DequeueFrom=%2B15551234567');
    expect(post.status).to.equal(200);
    expectChange(of('reservation-status-change')[0], sid, 'pending', 'accepted');
    expect(of('reservation-before-update')[0]).to.deep.include({ sid, action: 'dequeue' });
  });

  it('calls, accepting the reservation when the user says so', async () => {
    const { el, s, items, of } = await start(['pending']);
    const sid = s.reservations[0].sid;
    const form = await openForm(items[0], 'Call');
    await typeInto(control(form, 'CallFrom'), '+15550001111');
    await typeInto(control(form, 'CallTo'), 'sip:alice@example.com');
    await typeInto(control(form, 'CallUrl'), 'https://example.com/twiml');
    await typeInto(control(form, 'CallTimeout'), '45');
    control(form, 'CallAccept').focus();
    await press('Space');
    await openAdvanced(form);
    await typeInto(control(form, 'CallStatusCallbackUrl'), 'http://example.com/status');
    await enterIn(form, 'CallUrl');
    await waitForStatus(el, sid, 'accepted');
    const [post] = await answeredPosts(s);
    expectWire(post, s, sid, [
      ['Instruction', 'call'],
      ['CallFrom', '+15550001111'],
      ['CallTo', 'sip:alice@example.com'],
      ['CallUrl', 'https://example.com/twiml'],
      ['CallTimeout', '45'],
      ['CallAccept', 'true'],
      ['CallStatusCallbackUrl', 'http://example.com/status'],
    ]);
    expectChange(of('reservation-status-change')[0], sid, 'pending', 'accepted');
  });

  it('calls without touching Accept: nothing sent for it, and the reservation stays pending', async () => {
    const { el, s, items, of } = await start(['pending']);
    const sid = s.reservations[0].sid;
    const form = await openForm(items[0], 'Call');
    await typeInto(control(form, 'CallFrom'), '+15550001111');
    await typeInto(control(form, 'CallUrl'), 'https://example.com/twiml');
    await press('Enter');
    const [post] = await answeredPosts(s);
    expectWire(post, s, sid, [
      ['Instruction', 'call'],
      ['CallFrom', '+15550001111'],
      ['CallUrl', 'https://example.com/twiml'],
    ]);
    await waitFor(() => !formOf(items[0]), 'the form to close after success');
    expect(statusOf(el, sid)).to.equal('pending');
    expect(of('reservation-status-change')).to.have.length(0);
    expect(of('reservation-error')).to.have.length(0);
  });

  it('redirects, sending a boolean the user set back to false', async () => {
    const { s, items, of } = await start(['pending']);
    const sid = s.reservations[0].sid;
    const form = await openForm(items[0], 'Redirect');
    await typeInto(control(form, 'RedirectCallSid'), CA);
    await typeInto(control(form, 'RedirectUrl'), 'https://example.com/next');
    const accept = control(form, 'RedirectAccept');
    await toggle(form, accept);
    await toggle(form, accept);
    expect(accept.checked).to.equal(false);
    await enterIn(form, 'RedirectUrl');
    const [post] = await answeredPosts(s);
    expectWire(post, s, sid, [
      ['Instruction', 'redirect'],
      ['RedirectCallSid', CA],
      ['RedirectUrl', 'https://example.com/next'],
      ['RedirectAccept', 'false'],
    ]);
    expect(post.status).to.equal(200);
    await waitFor(() => !formOf(items[0]), 'the form to close');
    expect(of('reservation-status-change')).to.have.length(0);
  });

  it('sends a conference with nothing filled in as the instruction alone', async () => {
    const { el, s, items, of } = await start(['pending']);
    const sid = s.reservations[0].sid;
    const form = await openForm(items[0], 'Conference');
    await enterIn(form, 'To');
    await waitForStatus(el, sid, 'accepted');
    const [post] = await answeredPosts(s);
    expect(post.body).to.equal('Instruction=conference');
    expectChange(of('reservation-status-change')[0], sid, 'pending', 'accepted');
  });

  it('sends a conference with choices, checkbox groups as repeated keys and booleans as the user set them', async () => {
    const { el, s, items } = await start(['pending']);
    const sid = s.reservations[0].sid;
    const form = await openForm(items[0], 'Conference');
    await typeInto(control(form, 'To'), 'client:alice');
    await typeInto(control(form, 'From'), '+15550001111');
    await typeInto(control(form, 'Timeout'), '20');
    await toggle(form, control(form, 'Record'));
    await toggle(form, control(form, 'EndConferenceOnExit'));
    await openAdvanced(form);
    await toggle(form, control(form, 'EarlyMedia')); // shown checked (the server's default): now false
    await toggle(form, option(form, 'StatusCallbackEvent', 'ringing'));
    await toggle(form, option(form, 'StatusCallbackEvent', 'answered'));
    await toggle(form, option(form, 'ConferenceStatusCallbackEvent', 'end'));
    await toggle(form, option(form, 'ConferenceStatusCallbackEvent', 'start'));
    choose(control<HTMLSelectElement>(form, 'Beep'), 'onEnter');
    choose(control<HTMLSelectElement>(form, 'StatusCallbackMethod'), 'GET');
    choose(control<HTMLSelectElement>(form, 'Region'), 'ie1');
    await typeInto(control(form, 'StatusCallback'), 'https://example.com/conf-status');
    await typeInto(control(form, 'MaxParticipants'), '10');
    await enterIn(form, 'From');
    await waitForStatus(el, sid, 'accepted');
    const [post] = await answeredPosts(s);
    expectWire(post, s, sid, [
      ['Instruction', 'conference'],
      ['To', 'client:alice'],
      ['From', '+15550001111'],
      ['Timeout', '20'],
      ['Record', 'true'],
      ['EndConferenceOnExit', 'true'],
      ['EarlyMedia', 'false'],
      ['StatusCallbackEvent', 'ringing'],
      ['StatusCallbackEvent', 'answered'],
      ['ConferenceStatusCallbackEvent', 'start'],
      ['ConferenceStatusCallbackEvent', 'end'],
      ['Beep', 'onEnter'],
      ['StatusCallbackMethod', 'GET'],
      ['Region', 'ie1'],
      ['StatusCallback', 'https://example.com/conf-status'],
      ['MaxParticipants', '10'],
    ]);
    expect(post.body).to.include('StatusCallbackEvent=ringing&StatusCallbackEvent=answered');
    expect(post.body).to.include('ConferenceStatusCallbackEvent=start&ConferenceStatusCallbackEvent=end');
    for (const untouched of ['Muted', 'StartConferenceOnEnter', 'EndConferenceOnCustomerExit', 'BeepOnCustomerEntrance']) {
      expect(new URLSearchParams(post.body).has(untouched), untouched).to.equal(false);
    }
  });

  it('opens a form inside the reservation, focuses it, and closes it with Escape or Cancel back to its button', async () => {
    const { s, items } = await start(['pending', 'pending']);
    const [item, other] = items;
    let form = await openForm(item, 'Dequeue');
    expect(item.contains(form)).to.equal(true);
    expect(formOf(other)).to.equal(null);
    expect(nativeForm(form)).to.be.instanceOf(HTMLFormElement);
    expect([...nativeForm(form).querySelectorAll('button')].filter((b) => b.type === 'submit')).to.have.length(1);
    expect(form.shadowRoot!.querySelector('details')!.open).to.equal(false);
    await waitFor(() => form.shadowRoot!.activeElement, 'focus in the form');
    expectFocus(control(form, 'DequeueFrom'), 'focus on the first field');
    await typeInto(control(form, 'DequeueFrom'), '+1555');
    await press('Escape');
    await waitFor(() => !formOf(item), 'Escape to close the form');
    await rendered(item);
    expectFocus(button(actionGroup(item)!, 'Dequeue'), 'focus back on Dequeue');
    form = await openForm(item, 'Call');
    await waitFor(() => form.shadowRoot!.activeElement, 'focus in the form');
    const cancel = button(form.shadowRoot!, 'Cancel')!;
    cancel.focus();
    await press('Enter');
    await waitFor(() => !formOf(item), 'Cancel to close the form');
    await rendered(item);
    expectFocus(button(actionGroup(item)!, 'Call'), 'focus back on Call');
    expect(await posts(s)).to.have.length(0);
  });

  it('refuses invalid input before anything is sent', async () => {
    const { s, items, of } = await start(['pending']);
    const form = await openForm(items[0], 'Call');
    const from = control(form, 'CallFrom');
    await typeInto(from, '5551234');
    await press('Tab');
    await form.updateComplete;
    expect(from.getAttribute('aria-invalid')).to.equal('true');
    expect(descriptionOf(from)).to.include('E.164');
    const url = control(form, 'CallUrl');
    expect(url.getAttribute('aria-invalid'), 'not judged before it is left').to.equal('false');
    await typeInto(url, 'example.com/twiml');
    await press('Enter');
    await form.updateComplete;
    expect(url.getAttribute('aria-invalid')).to.equal('true');
    expect(descriptionOf(url)).to.match(/starting with https:\/\//);
    expectFocus(from, 'focus on the first invalid field');
    expect(labelOf(from)!.textContent).to.include('*');
    await settle();
    expect(await posts(s)).to.have.length(0);
    expect(of('reservation-before-update')).to.have.length(0);
    expect(formOf(items[0])).to.equal(form);
  });

  it("applies a host's schema: actions restricted, fields hidden, preset, locked, relabelled, activities as choices", async () => {
    const schema = (): SchemaOverride => ({
      actions: ['accept', 'reject', 'dequeue', 'complete'],
      fields: {
        DequeueFrom: { value: '+15550001111', locked: true },
        DequeueTo: { value: 'client:queue-agent', hidden: true },
        DequeueTimeout: { label: 'Seconds to ring', value: '25' },
        WorkerActivitySid: {
          label: 'Activity',
          choices: [
            { value: WA, label: 'Break' },
            { value: WA2, label: 'Lunch' },
          ],
        },
      },
    });
    const { el, s, items } = await start(['pending', 'accepted', 'pending'], schema);
    const [a, , c] = s.reservations.map((r) => r.sid);
    expect(actionNames(items[0])).to.deep.equal(['Accept', 'Reject', 'Dequeue']);
    expect(actionNames(items[1])).to.deep.equal(['Complete']);

    const dequeue = await openForm(items[0], 'Dequeue');
    const from = control(dequeue, 'DequeueFrom');
    expect(from.readOnly).to.equal(true);
    expect(from.value).to.equal('+15550001111');
    expect(controls(dequeue, 'DequeueTo')).to.have.length(0);
    const timeout = control(dequeue, 'DequeueTimeout');
    expect(labelOf(timeout)!.textContent!.trim()).to.equal('Seconds to ring');
    expect(timeout.value).to.equal('25');
    await enterIn(dequeue, 'DequeueTimeout');
    await waitForStatus(el, a, 'accepted');

    const reject = await openForm(items[2], 'Reject');
    const select = control<HTMLSelectElement>(reject, 'WorkerActivitySid');
    expect(select.tagName).to.equal('SELECT');
    expect(labelOf(select)!.textContent!.trim()).to.equal('Activity');
    expect([...select.options].map((o) => [o.value, o.textContent!.trim()])).to.deep.equal([
      ['', 'Not set'],
      [WA, 'Break'],
      [WA2, 'Lunch'],
    ]);
    choose(select, WA2);
    nativeForm(reject).requestSubmit();
    await waitForStatus(el, c, 'rejected');

    const [first, second] = await answeredPosts(s, 2);
    expectWire(first, s, a, [
      ['Instruction', 'dequeue'],
      ['DequeueFrom', '+15550001111'],
      ['DequeueTo', 'client:queue-agent'],
      ['DequeueTimeout', '25'],
    ]);
    expectWire(second, s, c, [
      ['ReservationStatus', 'rejected'],
      ['WorkerActivitySid', WA2],
    ]);
  });

  it('acts at once when a host hides every field of a form, sending the presets', async () => {
    const { el, s, items } = await start(['pending'], () => ({ fields: { WorkerActivitySid: { hidden: true, value: WA } } }));
    const sid = s.reservations[0].sid;
    button(actionGroup(items[0])!, 'Reject')!.click();
    await rendered(items[0]);
    expect(formOf(items[0])).to.equal(null);
    await waitForStatus(el, sid, 'rejected');
    const [post] = await answeredPosts(s);
    expectWire(post, s, sid, [
      ['ReservationStatus', 'rejected'],
      ['WorkerActivitySid', WA],
    ]);
  });

  it('sends nothing when a reservation-before-update listener cancels, and says so in the row', async () => {
    const { el, s, items, of } = await start(['pending']);
    const sid = s.reservations[0].sid;
    const veto = (e: Event) => e.preventDefault();
    document.addEventListener('reservation-before-update', veto);
    try {
      button(actionGroup(items[0])!, 'Accept')!.click();
      await waitFor(() => rowAlert(items[0]), 'a message in the row');
      await settle();
      expect(await posts(s)).to.have.length(0);
      expect(statusOf(el, sid)).to.equal('pending');
      expect(of('reservation-before-update')).to.have.length(1);
      expect(of('reservation-status-change')).to.have.length(0);
      expect(actionNames(items[0])).to.include('Accept');
    } finally {
      document.removeEventListener('reservation-before-update', veto);
    }
  });

  it('sends the params a reservation-before-update listener changed in place', async () => {
    const { el, s, items } = await start(['pending']);
    const sid = s.reservations[0].sid;
    const seen: any[] = [];
    const edit = (e: Event) => {
      const { params } = (e as CustomEvent).detail;
      seen.push(structuredClone(params));
      params.DequeueTimeout = '15';
      params.DequeueStatusCallbackEvent = ['completed'];
      delete params.DequeueTo;
    };
    el.addEventListener('reservation-before-update', edit);
    const form = await openForm(items[0], 'Dequeue');
    await typeInto(control(form, 'DequeueFrom'), '+15551234567');
    await typeInto(control(form, 'DequeueTo'), 'client:alice');
    await press('Enter');
    await waitForStatus(el, sid, 'accepted');
    expect(seen).to.deep.equal([{ DequeueFrom: '+15551234567', DequeueTo: 'client:alice', Instruction: 'dequeue' }]);
    const [post] = await answeredPosts(s);
    expectWire(post, s, sid, [
      ['Instruction', 'dequeue'],
      ['DequeueFrom', '+15551234567'],
      ['DequeueTimeout', '15'],
      ['DequeueStatusCallbackEvent', 'completed'],
    ]);
  });

  it('sends one request for a double click on Accept', async () => {
    const { el, s, items } = await start(['pending', 'pending']);
    const [a, b] = s.reservations.map((r) => r.sid);
    const accept = button(actionGroup(items[0])!, 'Accept')!;
    accept.click();
    accept.click();
    await waitForStatus(el, a, 'accepted');
    // a second click after the first re-rendered, while the request is still in flight
    await setFaults(s.workspaceSid, [{ method: 'POST', latencyMs: 250 }]);
    const other = button(actionGroup(items[1])!, 'Accept')!;
    other.click();
    await rendered(items[1]);
    expect(items[1].getAttribute('aria-busy'), 'the row says it is busy').to.equal('true');
    other.click();
    await waitForStatus(el, b, 'accepted');
    await settle();
    const sent = await posts(s);
    expect(sent.map((p) => p.path.split('/').pop())).to.deep.equal([a, b]);
  });

  it('sends one request for a double Enter in a form', async () => {
    const { el, s, items } = await start(['pending']);
    const sid = s.reservations[0].sid;
    await setFaults(s.workspaceSid, [{ method: 'POST', latencyMs: 250 }]);
    const form = await openForm(items[0], 'Dequeue');
    await typeInto(control(form, 'DequeueFrom'), '+15551234567');
    await press('Enter');
    await form.updateComplete;
    expect(form.busy).to.equal(true);
    await press('Enter');
    await waitForStatus(el, sid, 'accepted');
    await settle();
    expect(await posts(s)).to.have.length(1);
  });

  it('explains a refusal because the reservation is no longer pending, and shows its new status', async () => {
    const { el, s, items, of } = await start(['pending', 'pending']);
    const [a, b] = s.reservations.map((r) => r.sid);
    const form = await openForm(items[0], 'Dequeue');
    await typeInto(control(form, 'DequeueFrom'), '+15551234567');
    await setStatus(s.workspaceSid, a, 'rescinded');
    await press('Enter');
    const [error] = await waitFor(() => (of('reservation-error').length ? of('reservation-error') : null), 'reservation-error');
    expect(error).to.include({ operation: 'update', sid: a, action: 'dequeue', status: 400, code: 40135 });
    expect(error.message).to.match(/not currently in a Pending state/);
    await waitFor(async () => (await fetches(s, a)).length, 'a fresh GET of the reservation');
    await waitForStatus(el, a, 'rescinded');
    await rendered(items[0]);
    expect(formOf(items[0]), 'the form of an action no longer valid closes').to.equal(null);
    const text = rowAlert(items[0]);
    expect(text).to.match(/not currently in a Pending state/);
    expect(text).to.match(/Dequeue form was closed/);
    expect(actionNames(items[0])).to.deep.equal([]);
    const sync = of('reservation-status-change');
    expect(sync).to.have.length(1);
    expect(sync[0]).to.include({ sid: a, previousStatus: 'pending', status: 'rescinded', source: 'sync' });
    // the same for an action without a form
    await setStatus(s.workspaceSid, b, 'canceled');
    button(actionGroup(items[1])!, 'Accept')!.click();
    await waitForStatus(el, b, 'canceled');
    await rendered(items[1]);
    expect(rowAlert(items[1])).to.match(/not currently in a Pending state/);
    expect(of('reservation-error')[1]).to.include({ operation: 'update', sid: b, action: 'accept', status: 400 });
    expect((await fetches(s, b)).length).to.be.greaterThan(0);
  });

  interface FaultCase {
    name: string;
    fault: Fault;
    status: number;
    code: number | null;
    /** the reservation-error's message (and the form's, unless `shown` says otherwise) */
    message: RegExp;
    shown?: RegExp;
    refetch: boolean;
  }
  const faults: FaultCase[] = [
    { name: '412', fault: { status: 412 }, status: 412, code: 20412, message: /Precondition failed/, refetch: true },
    {
      name: '401',
      fault: { status: 401 },
      status: 401,
      code: 20003,
      message: /Authenticate/,
      shown: /session has expired/,
      refetch: false,
    },
    { name: '500', fault: { status: 500 }, status: 500, code: 20500, message: /Internal server error/, refetch: true },
    { name: '503', fault: { status: 503 }, status: 503, code: 20503, message: /Service unavailable/, refetch: true },
    { name: 'a dropped connection', fault: { drop: true }, status: 0, code: null, message: /Network error/, refetch: true },
  ];
  for (const { name, fault, status, code, message, shown, refetch } of faults) {
    it(`explains ${name} in the form, keeps what the user typed, and works again afterwards`, async () => {
      const { el, s, items, of } = await start(['pending']);
      const sid = s.reservations[0].sid;
      await setFaults(s.workspaceSid, [{ method: 'POST', times: 1, ...fault }]);
      const form = await openForm(items[0], 'Conference');
      await typeInto(control(form, 'To'), 'client:alice');
      await toggle(form, control(form, 'Muted'));
      await enterIn(form, 'To');
      await waitFor(() => formAlert(form), 'a message in the form');
      expect(formAlert(form)).to.match(shown ?? message);
      const [error] = of('reservation-error');
      expect(error).to.include({ operation: 'update', sid, action: 'conference', status, code });
      expect(error.message).to.match(message);
      if (refetch) await waitFor(async () => (await fetches(s, sid)).length, 'a fresh GET of the reservation');
      else {
        await settle();
        expect(await fetches(s, sid), 'no GET: the request never reached the reservation').to.have.length(0);
      }
      expect(formOf(items[0])).to.equal(form);
      expect(control(form, 'To').value).to.equal('client:alice');
      expect(control(form, 'Muted').checked).to.equal(true);
      expect(form.busy).to.equal(false);
      expect(statusOf(el, sid)).to.equal('pending');
      expect(of('reservation-status-change')).to.have.length(0);
      if (status === 401) {
        // the panel waits for a new token, then works again
        expect(of('reservation-token-expired')).to.have.length(1);
        el.token = await token(s.workspaceSid, s.workerSid, 1800);
        await el.updateComplete;
      }
      // the fault was for one request: sending again succeeds
      await enterIn(form, 'To');
      await waitForStatus(el, sid, 'accepted');
      const sent = await posts(s);
      expect(sent.map((p) => p.status)).to.deep.equal([status, 200]);
      expect(sent[0].body).to.equal(sent[1].body);
      expect(pairs(sent[1].body)).to.deep.equal(
        sorted([
          ['Instruction', 'conference'],
          ['To', 'client:alice'],
          ['Muted', 'true'],
        ]),
      );
      expectChange(of('reservation-status-change')[0], sid, 'pending', 'accepted');
      await rendered(items[0]);
      expect(formOf(items[0])).to.equal(null);
      expect(rowAlert(items[0])).to.equal('');
    });
  }

  it('explains a refused Accept in the row, and another action succeeds afterwards', async () => {
    const { el, s, items, of } = await start(['pending']);
    const sid = s.reservations[0].sid;
    await setFaults(s.workspaceSid, [{ method: 'POST', status: 503, times: 1 }]);
    button(actionGroup(items[0])!, 'Accept')!.click();
    await waitFor(() => rowAlert(items[0]), 'a message in the row');
    expect(rowAlert(items[0])).to.match(/Service unavailable/);
    expect(of('reservation-error')[0]).to.include({ operation: 'update', sid, action: 'accept', status: 503, code: 20503 });
    await waitFor(async () => (await fetches(s, sid)).length, 'a fresh GET of the reservation');
    button(actionGroup(items[0])!, 'Accept')!.click();
    await waitForStatus(el, sid, 'accepted');
    await rendered(items[0]);
    expect(rowAlert(items[0])).to.equal('');
  });

  it('explains a timeout (request-timeout) and keeps the form', async () => {
    const { s, items, of } = await start(['pending'], undefined, { 'request-timeout': '800' });
    const sid = s.reservations[0].sid;
    await setFaults(s.workspaceSid, [{ method: 'POST', latencyMs: 2_000, times: 1 }]);
    const form = await openForm(items[0], 'Dequeue');
    await typeInto(control(form, 'DequeueFrom'), '+15551234567');
    await press('Enter');
    await waitFor(() => formAlert(form), 'a message in the form', 3_000);
    expect(formAlert(form)).to.match(/timed out/i);
    expect(of('reservation-error')[0]).to.include({ operation: 'update', sid, action: 'dequeue', status: 0, code: null });
    await waitFor(async () => (await fetches(s, sid)).length, 'a fresh GET of the reservation');
    expect(control(form, 'DequeueFrom').value).to.equal('+15551234567');
    expect(form.busy).to.equal(false);
  });
});
