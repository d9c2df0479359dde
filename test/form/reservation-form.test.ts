import { EN } from '../../src/i18n/strings.js';
import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import type { UpdateParams } from '../../src/wire/types.js';
import '../../src/components/reservation-form/reservation-form.js';
import type { ReservationForm } from '../../src/components/reservation-form/reservation-form.js';
import { applyOverride, DEFAULT_SCHEMA, fieldsFor, type ActionName, type ParameterSchema } from '../../src/schema/index.js';
import {
  accessibleName,
  button,
  control,
  controls,
  deepActive,
  describeEl,
  descriptionOf,
  expectFocus,
  labelOf,
  nativeForm,
  option,
  press,
  settle,
  typeInto,
} from './support.js';

const FORM_ACTIONS: ActionName[] = ['reject', 'dequeue', 'call', 'redirect', 'conference'];
const WA = 'WA' + '0'.repeat(31) + '1';
const WA2 = 'WA' + 'a'.repeat(32);
const CA = 'CA' + '0123456789abcdef'.repeat(2);

const containers: HTMLElement[] = [];
afterEach(() => containers.splice(0).forEach((c) => c.remove()));

interface Mounted {
  el: ReservationForm;
  submits: UpdateParams[];
  cancels: () => number;
}

/** A form for `action`, with its submit and cancel events recorded. */
async function mountForm(action: ActionName, schema: ParameterSchema = DEFAULT_SCHEMA): Promise<Mounted> {
  // A plain container: open-wc's fixture waits for an animation frame, which a page running
  // in the background may not get.
  const container = document.body.appendChild(document.createElement('div'));
  containers.push(container);
  render(
    html`<reservation-form
      .action=${schema.actions[action]}
      .label=${EN.actions[action]}
      .fields=${fieldsFor(schema, action)}
    ></reservation-form>`,
    container,
  );
  const el = container.firstElementChild as ReservationForm;
  await el.updateComplete;
  const submits: UpdateParams[] = [];
  let cancels = 0;
  el.addEventListener('reservation-form-submit', (e) => submits.push((e as CustomEvent).detail.params));
  el.addEventListener('reservation-form-cancel', () => cancels++);
  return { el, submits, cancels: () => cancels };
}

const root = (el: ReservationForm) => el.shadowRoot!;
const details = (el: ReservationForm) => root(el).querySelector('details');
const submitButton = (el: ReservationForm) => root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!;
/** The message a control is described by, minus its help text. */
const messageOf = (el: ReservationForm, c: Element) => {
  const ids = (c.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids
    .map((id) => root(el).getElementById(id))
    .filter((n) => n && n.getAttribute('aria-live') === 'polite')
    .map((n) => n!.textContent!.trim())
    .join(' ');
};
/** Replaces a text control's content by typing. */
async function retype(c: HTMLInputElement, text: string) {
  c.focus();
  await sendKeys({ down: 'Control' });
  await press('a');
  await sendKeys({ up: 'Control' });
  await press('Backspace');
  if (text) await typeInto(c, text);
}
const groupOf = (el: ReservationForm, legend: string) =>
  [...root(el).querySelectorAll('fieldset')].find((f) => accessibleName(f).replace(/\s*\*$/, '') === legend) ?? null;

describe('reservation-form', () => {
  it('is accessible for every action form, advanced group open and every message shown', async () => {
    for (const action of FORM_ACTIONS) {
      const { el } = await mountForm(action);
      const d = details(el);
      if (d) d.open = true;
      if (action === 'dequeue') button(root(el), 'Add to Status callback events')!.click();
      nativeForm(el).requestSubmit();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    }
  });

  it('has the documented defaults', async () => {
    const el = document.createElement('reservation-form');
    expect(el.action).to.equal(undefined);
    expect(el.fields).to.deep.equal([]);
    expect(el.busy).to.equal(false);
    expect(el.serverError).to.equal('');
    expect(el.value).to.deep.equal({});
    const { el: form } = await mountForm('dequeue');
    expect(Object.values(form.value).filter((v) => v !== undefined)).to.deep.equal([]);
    expect(form.busy).to.equal(false);
  });

  it('reflects the busy attribute into its property and says so on its submit button', async () => {
    const { el } = await mountForm('dequeue');
    expect(accessibleName(submitButton(el))).to.equal('Dequeue');
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('false');
    el.setAttribute('busy', '');
    await el.updateComplete;
    expect(el.busy).to.equal(true);
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
    expect(accessibleName(submitButton(el))).to.equal('Dequeue…');
    el.removeAttribute('busy');
    await el.updateComplete;
    expect(el.busy).to.equal(false);
  });

  it('is a real form with one submit button and a Cancel button', async () => {
    for (const action of FORM_ACTIONS) {
      const { el } = await mountForm(action);
      const form = nativeForm(el);
      expect(form).to.be.instanceOf(HTMLFormElement);
      expect(accessibleName(form)).to.equal(EN.actions[action]);
      const submits = [...form.querySelectorAll('button')].filter((b) => b.type === 'submit');
      expect(submits).to.have.length(1);
      expect(accessibleName(submits[0])).to.equal(EN.actions[action]);
      expect(button(form, 'Cancel')!.type).to.equal('button');
      expect(form.querySelectorAll('input[type="submit"], input[type="image"]')).to.have.length(0);
    }
  });

  it('renders every field as a native control named by its wire name, with a visible label, help text and required marker', async () => {
    let checked = 0;
    for (const action of FORM_ACTIONS) {
      const { el } = await mountForm(action);
      const d = details(el);
      if (d) d.open = true;
      await el.updateComplete;
      for (const f of fieldsFor(DEFAULT_SCHEMA, action)) {
        const helpStart = f.help.slice(0, 30);
        if (f.kind === 'enum-list' || f.kind === 'list') {
          const group = groupOf(el, f.label);
          expect(group, `${f.name}: a fieldset with the legend ${f.label}`).to.not.equal(null);
          expect(group!.querySelector('legend')!.checkVisibility(), `${f.name} legend visible`).to.equal(true);
          expect(descriptionOf(group!), `${f.name} help`).to.include(helpStart);
          if (f.kind === 'enum-list') {
            const boxes = controls(el, f.name);
            expect(boxes.map((b) => b.value)).to.deep.equal(f.choices!.map((c) => c.value));
            for (const b of boxes) {
              expect(b.type).to.equal('checkbox');
              expect(group!.contains(b)).to.equal(true);
              expect(labelOf(b)!.checkVisibility(), `${f.name} option label`).to.equal(true);
            }
            expect(boxes.map((b) => accessibleName(b))).to.deep.equal(f.choices!.map((c) => c.label));
          } else {
            expect(controls(el, f.name)).to.have.length(0);
            expect(button(group!, `Add to ${f.label}`)).to.not.equal(undefined);
          }
        } else {
          const cs = controls<HTMLInputElement | HTMLSelectElement>(el, f.name);
          expect(cs, `${f.name}: one control`).to.have.length(1);
          const c = cs[0];
          const label = labelOf(c);
          expect(label, `${f.name}: label for`).to.not.equal(null);
          expect(label!.checkVisibility(), `${f.name}: label visible`).to.equal(true);
          expect(accessibleName(c).replace(/\s*\*$/, '')).to.equal(f.label);
          expect(descriptionOf(c), `${f.name} help`).to.include(helpStart);
          expect(c.required, `${f.name} required`).to.equal(f.required && f.kind !== 'boolean');
          expect(label!.textContent!.includes('*'), `${f.name} required marker`).to.equal(f.required);
          const expected = {
            boolean: ['INPUT', 'checkbox'],
            integer: ['INPUT', 'number'],
            uri: ['INPUT', 'url'],
            text: ['INPUT', 'text'],
            sid: ['INPUT', 'text'],
            contact: ['INPUT', 'text'],
            enum: ['SELECT', 'select-one'],
            'http-method': ['SELECT', 'select-one'],
          }[f.kind as string]!;
          expect([c.tagName, c.type], `${f.name} control`).to.deep.equal(expected);
          if (f.kind === 'integer') {
            expect((c as HTMLInputElement).min).to.equal(String(f.min));
            expect((c as HTMLInputElement).max).to.equal(String(f.max));
          }
          if (c instanceof HTMLSelectElement) {
            const values = [...c.options].map((o) => o.value);
            expect(values).to.deep.equal(['', ...f.choices!.map((x) => x.value)]);
            if (f.kind === 'http-method') expect(values.slice(1)).to.deep.equal(['GET', 'POST']);
          }
          if (f.kind === 'contact') expect(descriptionOf(c)).to.include('E.164');
        }
        checked++;
      }
    }
    expect(checked).to.equal(DEFAULT_SCHEMA.fields.length);
  });

  it('starts with the advanced group collapsed and opens it from the keyboard', async () => {
    const { el } = await mountForm('conference');
    const d = details(el)!;
    expect(d.open).to.equal(false);
    expect(control(el, 'MaxParticipants').checkVisibility()).to.equal(false);
    expect(control(el, 'To').checkVisibility()).to.equal(true);
    const summary = d.querySelector('summary')!;
    summary.focus();
    expectFocus(summary);
    await press('Enter');
    expect(d.open).to.equal(true);
    expect(control(el, 'MaxParticipants').checkVisibility()).to.equal(true);
    for (const action of ['reject', 'dequeue', 'call', 'redirect'] as const) {
      const { el: other } = await mountForm(action);
      const o = details(other);
      if (o) expect(o.open, `${action} advanced group`).to.equal(false);
    }
  });

  it("shows a field's message only once the user leaves it, tied to the control", async () => {
    const { el } = await mountForm('dequeue');
    const from = control(el, 'DequeueFrom');
    await typeInto(from, '555');
    await el.updateComplete;
    expect(from.getAttribute('aria-invalid')).to.equal('false');
    expect(messageOf(el, from)).to.equal('');
    // the polite live region is rendered before it has a message, so the message is announced
    const region = [...root(el).querySelectorAll('[aria-live="polite"]')].find((n) =>
      from.getAttribute('aria-describedby')!.split(' ').includes(n.id),
    )!;
    expect(region.checkVisibility(), 'live region rendered').to.equal(true);
    await press('Tab');
    await el.updateComplete;
    expect(from.getAttribute('aria-invalid')).to.equal('true');
    expect(messageOf(el, from)).to.match(/E\.164/);
    expect(descriptionOf(from)).to.include(messageOf(el, from));
    // corrected: the message goes as the user types
    await retype(from, '+15551234567');
    await el.updateComplete;
    expect(from.getAttribute('aria-invalid')).to.equal('false');
    expect(messageOf(el, from)).to.equal('');
  });

  it('says a required field is required once the user leaves it empty', async () => {
    const { el } = await mountForm('call');
    const from = control(el, 'CallFrom');
    from.focus();
    await press('Tab');
    await el.updateComplete;
    expect(from.getAttribute('aria-invalid')).to.equal('true');
    expect(messageOf(el, from)).to.equal('Caller ID is required.');
    // the next field is not judged before the user leaves it
    const to = control(el, 'CallUrl');
    expect(to.getAttribute('aria-invalid')).to.equal('false');
  });

  it('refuses to submit an invalid form: every message shown, focus on the first invalid field', async () => {
    const { el, submits } = await mountForm('call');
    const url = control(el, 'CallUrl');
    await typeInto(url, 'ftp://example.com/twiml');
    await press('Enter');
    await el.updateComplete;
    await settle(50);
    expect(submits).to.have.length(0);
    const from = control(el, 'CallFrom');
    expect(from.getAttribute('aria-invalid')).to.equal('true');
    expect(messageOf(el, from)).to.equal('Caller ID is required.');
    expect(url.getAttribute('aria-invalid')).to.equal('true');
    expect(messageOf(el, url)).to.match(/https:\/\//);
    expect(control(el, 'CallTo').getAttribute('aria-invalid')).to.equal('false');
    expectFocus(from);
  });

  it('opens the advanced group to focus an invalid field in it', async () => {
    const { el, submits } = await mountForm('conference');
    const d = details(el)!;
    d.open = true;
    await typeInto(control(el, 'MaxParticipants'), '1');
    d.open = false;
    await typeInto(control(el, 'To'), 'client:alice');
    await press('Enter');
    await el.updateComplete;
    await settle(50);
    expect(submits).to.have.length(0);
    expect(d.open).to.equal(true);
    const max = control(el, 'MaxParticipants');
    expectFocus(max);
    expect(max.getAttribute('aria-invalid')).to.equal('true');
    expect(messageOf(el, max)).to.equal('Enter a whole number from 2 to 250.');
  });

  it('focuses the first invalid field in the order the user sees', async () => {
    // a host moved a basic field into the advanced group: it now comes after the basic ones
    const schema = applyOverride(DEFAULT_SCHEMA, { fields: { To: { group: 'advanced' } } });
    const { el } = await mountForm('conference', schema);
    details(el)!.open = true;
    await typeInto(control(el, 'To'), 'bad');
    await typeInto(control(el, 'Timeout'), '0');
    await press('Enter');
    await el.updateComplete;
    await settle(50);
    expectFocus(control(el, 'Timeout'));
  });

  it('submits with Enter, sending only what the user filled in', async () => {
    const { el, submits } = await mountForm('dequeue');
    await typeInto(control(el, 'DequeueFrom'), '+15551234567');
    await press('Enter');
    await el.updateComplete;
    expect(submits).to.deep.equal([{ DequeueFrom: '+15551234567', Instruction: 'dequeue' }]);
  });

  it('closes with Escape from any control, or with Cancel', async () => {
    const { el, cancels, submits } = await mountForm('conference');
    await typeInto(control(el, 'To'), 'client:alice');
    await press('Escape');
    expect(cancels()).to.equal(1);
    control(el, 'Muted').focus();
    await press('Escape');
    expect(cancels()).to.equal(2);
    button(root(el), 'Cancel')!.focus();
    await press('Enter');
    expect(cancels()).to.equal(3);
    button(root(el), 'Cancel')!.click();
    expect(cancels()).to.equal(4);
    expect(submits).to.have.length(0);
  });

  it('sends a boolean only once the user set it, as true or false', async () => {
    const { el, submits } = await mountForm('conference');
    const muted = control(el, 'Muted');
    const early = control(el, 'EarlyMedia');
    const endOnExit = control(el, 'EndConferenceOnExit');
    expect(muted.checked).to.equal(false);
    expect(early.checked, 'the server default (true) shows').to.equal(true);
    nativeForm(el).requestSubmit();
    expect(submits.pop()).to.deep.equal({ Instruction: 'conference' });
    muted.focus();
    await press('Space');
    endOnExit.focus();
    await press('Space');
    await press('Space');
    details(el)!.open = true;
    early.focus();
    await press('Space');
    await el.updateComplete;
    nativeForm(el).requestSubmit();
    expect(submits.pop()).to.deep.equal({
      Muted: 'true',
      EndConferenceOnExit: 'false',
      EarlyMedia: 'false',
      Instruction: 'conference',
    });
  });

  it('collects a checkbox group as an array, in the order of its choices', async () => {
    const { el, submits } = await mountForm('conference');
    details(el)!.open = true;
    await el.updateComplete;
    option(el, 'StatusCallbackEvent', 'Answered').focus();
    await press('Space');
    option(el, 'StatusCallbackEvent', 'Ringing').focus();
    await press('Space');
    option(el, 'ConferenceStatusCallbackEvent', 'end').click();
    option(el, 'ConferenceStatusCallbackEvent', 'start').click();
    option(el, 'ConferenceStatusCallbackEvent', 'join').click();
    option(el, 'ConferenceStatusCallbackEvent', 'join').click();
    await el.updateComplete;
    nativeForm(el).requestSubmit();
    expect(submits.pop()).to.deep.equal({
      StatusCallbackEvent: ['ringing', 'answered'],
      ConferenceStatusCallbackEvent: ['start', 'end'],
      Instruction: 'conference',
    });
  });

  it('edits a free list with Add and Remove from the keyboard', async () => {
    const { el, submits } = await mountForm('dequeue');
    details(el)!.open = true;
    await el.updateComplete;
    const add = () => button(root(el), 'Add to Status callback events')!;
    add().focus();
    await press('Enter');
    await el.updateComplete;
    let items = controls(el, 'DequeueStatusCallbackEvent');
    expect(items).to.have.length(1);
    expect(accessibleName(items[0])).to.equal('Status callback events 1');
    expectFocus(items[0], 'focus moves into the new entry');
    await sendKeys({ type: 'ringing' });
    add().focus();
    await press('Enter');
    await el.updateComplete;
    items = controls(el, 'DequeueStatusCallbackEvent');
    expectFocus(items[1]);
    await sendKeys({ type: 'answered' });
    add().focus();
    await press('Enter');
    await el.updateComplete;
    await sendKeys({ type: 'completed' });
    button(root(el), 'Remove Status callback events 2')!.focus();
    await press('Enter');
    await el.updateComplete;
    items = controls(el, 'DequeueStatusCallbackEvent');
    expect(items.map((i) => i.value)).to.deep.equal(['ringing', 'completed']);
    expectFocus(button(root(el), 'Remove Status callback events 2'), 'focus stays on the row that took its place');
    add().focus();
    await press('Enter');
    await el.updateComplete;
    button(root(el), 'Remove Status callback events 3')!.focus();
    await press('Enter');
    await el.updateComplete;
    expectFocus(add(), 'removing the last entry puts focus on Add');
    await typeInto(control(el, 'DequeueFrom'), '+15551234567');
    nativeForm(el).requestSubmit();
    expect(submits.pop()).to.deep.equal({
      DequeueFrom: '+15551234567',
      DequeueStatusCallbackEvent: ['ringing', 'completed'],
      Instruction: 'dequeue',
    });
  });

  it('refuses a blank or repeated list entry, with the message tied to the entries', async () => {
    const { el, submits } = await mountForm('dequeue');
    details(el)!.open = true;
    await typeInto(control(el, 'DequeueFrom'), '+15551234567');
    const add = button(root(el), 'Add to Status callback events')!;
    add.click();
    await el.updateComplete;
    await typeInto(controls(el, 'DequeueStatusCallbackEvent')[0], 'ringing');
    add.click();
    await el.updateComplete;
    nativeForm(el).requestSubmit();
    await el.updateComplete;
    await settle(50);
    expect(submits).to.have.length(0);
    let items = controls(el, 'DequeueStatusCallbackEvent');
    expectFocus(items[1], 'focus on the blank entry');
    expect(items[1].getAttribute('aria-invalid')).to.equal('true');
    expect(descriptionOf(items[1])).to.include('Fill in or remove the empty entry.');
    await typeInto(items[1], 'ringing');
    await el.updateComplete;
    items = controls(el, 'DequeueStatusCallbackEvent');
    expect(descriptionOf(items[1])).to.include('"ringing" is listed more than once');
    nativeForm(el).requestSubmit();
    expect(submits).to.have.length(0);
  });

  it('refuses what a whole-number field cannot hold, whatever the browser makes of it', async () => {
    const { el, submits } = await mountForm('call');
    await typeInto(control(el, 'CallFrom'), '+15551234567');
    await typeInto(control(el, 'CallUrl'), 'https://example.com/twiml');
    const timeout = control(el, 'CallTimeout');
    for (const bad of ['1e', '1.5', '0', '1000', '-3']) {
      await retype(timeout, bad);
      await press('Tab');
      await el.updateComplete;
      expect(timeout.getAttribute('aria-invalid'), bad).to.equal('true');
      expect(messageOf(el, timeout), bad).to.equal('Enter a whole number from 1 to 999.');
      nativeForm(el).requestSubmit();
      await el.updateComplete;
      expect(submits, bad).to.have.length(0);
    }
    await retype(timeout, '30');
    await el.updateComplete;
    expect(timeout.getAttribute('aria-invalid')).to.equal('false');
    nativeForm(el).requestSubmit();
    expect(submits.pop()).to.deep.equal({
      CallFrom: '+15551234567',
      CallUrl: 'https://example.com/twiml',
      CallTimeout: '30',
      Instruction: 'call',
    });
  });

  it('checks SIDs against their pattern and URLs for http(s)', async () => {
    const { el, submits } = await mountForm('redirect');
    const sid = control(el, 'RedirectCallSid');
    const url = control(el, 'RedirectUrl');
    await typeInto(sid, 'CA123');
    await typeInto(url, 'javascript:alert(1)');
    nativeForm(el).requestSubmit();
    await el.updateComplete;
    expect(submits).to.have.length(0);
    expect(messageOf(el, sid)).to.equal('Enter a SID: CA followed by 32 hexadecimal characters (0-9, a-f).');
    expect(messageOf(el, url)).to.match(/starting with https:\/\/ or http:\/\//);
    await retype(sid, CA);
    await retype(url, 'https://example.com/next');
    nativeForm(el).requestSubmit();
    expect(submits.pop()).to.deep.equal({ RedirectCallSid: CA, RedirectUrl: 'https://example.com/next', Instruction: 'redirect' });
  });

  it('keeps what the user typed when its fields are given again, and fills presets only into untouched fields', async () => {
    const { el } = await mountForm('dequeue');
    await typeInto(control(el, 'DequeueFrom'), '+15551234567');
    const schema = applyOverride(DEFAULT_SCHEMA, {
      fields: { DequeueFrom: { value: '+15550000000' }, DequeueTo: { value: 'client:alice' } },
    });
    el.fields = fieldsFor(schema, 'dequeue');
    await el.updateComplete;
    expect(control(el, 'DequeueFrom').value).to.equal('+15551234567');
    expect(control(el, 'DequeueTo').value).to.equal('client:alice');
  });

  it('shows a locked field read-only and always sends its preset; a hidden one is not shown but sent', async () => {
    const schema = applyOverride(DEFAULT_SCHEMA, {
      fields: {
        CallFrom: { value: '+15550001111', locked: true },
        CallUrl: { value: 'https://crm.example.com/twiml', hidden: true },
        CallAccept: { value: true, locked: true },
      },
    });
    const { el, submits } = await mountForm('call', schema);
    const from = control(el, 'CallFrom');
    expect(from.readOnly).to.equal(true);
    expect(from.value).to.equal('+15550001111');
    expect(controls(el, 'CallUrl')).to.have.length(0);
    const accept = control(el, 'CallAccept');
    expect(accept.checked).to.equal(true);
    expect(accept.disabled).to.equal(true);
    await typeInto(from, '9');
    nativeForm(el).requestSubmit();
    expect(submits.pop()).to.deep.equal({
      CallFrom: '+15550001111',
      CallUrl: 'https://crm.example.com/twiml',
      CallAccept: 'true',
      Instruction: 'call',
    });
  });

  it("offers a host's choices in a select, usable from the keyboard", async () => {
    const schema = applyOverride(DEFAULT_SCHEMA, {
      fields: {
        WorkerActivitySid: {
          label: 'Activity after rejecting',
          choices: [
            { value: WA, label: 'Break' },
            { value: WA2, label: 'Lunch' },
          ],
        },
      },
    });
    const { el, submits } = await mountForm('reject', schema);
    const select = control<HTMLSelectElement>(el, 'WorkerActivitySid');
    expect(select.tagName).to.equal('SELECT');
    expect(accessibleName(select)).to.equal('Activity after rejecting');
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['Not set', 'Break', 'Lunch']);
    select.focus();
    await press('ArrowDown');
    await press('ArrowDown');
    await el.updateComplete;
    expect(select.value).to.equal(WA2);
    // Enter on a select opens its list (native behaviour); the submit button is next in Tab order
    await press('Tab');
    expectFocus(submitButton(el));
    await press('Enter');
    await el.updateComplete;
    expect(submits.pop()).to.deep.equal({ WorkerActivitySid: WA2, ReservationStatus: 'rejected' });
  });

  it("shows the server's message inside the form, keeping what the user typed", async () => {
    const { el } = await mountForm('dequeue');
    await typeInto(control(el, 'DequeueFrom'), '+15551234567');
    el.serverError = 'Service unavailable';
    await el.updateComplete;
    const alert = root(el).querySelector('[role="alert"]')!;
    expect(nativeForm(el).contains(alert)).to.equal(true);
    expect(alert.textContent).to.equal('Service unavailable');
    expect(control(el, 'DequeueFrom').value).to.equal('+15551234567');
  });

  it('sends nothing while busy', async () => {
    const { el, submits } = await mountForm('dequeue');
    await typeInto(control(el, 'DequeueFrom'), '+15551234567');
    el.busy = true;
    await el.updateComplete;
    control(el, 'DequeueFrom').focus();
    await press('Enter');
    submitButton(el).click();
    expect(submits).to.have.length(0);
  });

  it('reaches every control of the conference form with Tab, in order', async () => {
    const { el } = await mountForm('conference');
    details(el)!.open = true;
    await el.updateComplete;
    const expected = [...root(el).querySelectorAll<HTMLElement>('input, select, summary, button')];
    control(el, 'To').focus();
    const seen = [describeEl(deepActive())];
    for (let i = 1; i < expected.length; i++) {
      await press('Tab');
      seen.push(describeEl(deepActive()));
    }
    expect(seen).to.deep.equal(expected.map(describeEl));
  });
});
