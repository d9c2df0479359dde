/// <reference types="mocha" />
import { EN } from '../../src/i18n/strings.js';
import { expect } from '@open-wc/testing';
import { RESERVATION_STATUSES } from '../../src/wire/types.js';
import { DEFAULT_SCHEMA, choiceLabel, plainText } from '../../src/schema/default-schema.js';
import { applyOverride } from '../../src/schema/override.js';
import { fieldsFor, opensForm } from '../../src/schema/queries.js';
import { actionsForStatus } from '../../src/schema/actions.js';
import { ACTIONS, type ActionName } from '../../src/schema/schema.types.js';

const label = (name: string) => DEFAULT_SCHEMA.fields.find((f) => f.name === name)?.label;
const names = (action: ActionName) => fieldsFor(DEFAULT_SCHEMA, action).map((f) => f.name);

describe('default schema: actions', () => {
  it('offers every action by default, in order', () => {
    expect(DEFAULT_SCHEMA.offered).to.deep.equal([...ACTIONS]);
    expect(ACTIONS).to.deep.equal(['accept', 'reject', 'dequeue', 'call', 'redirect', 'conference', 'wrapUp', 'complete']);
  });

  it('labels the actions with their button names', () => {
    expect(ACTIONS.map((a) => EN.actions[a])).to.deep.equal([
      'Accept',
      'Reject',
      'Dequeue',
      'Call',
      'Redirect',
      'Conference',
      'Wrap up',
      'Complete',
    ]);
    for (const a of ACTIONS) expect(DEFAULT_SCHEMA.actions[a].name).to.equal(a);
  });

  it('sends the fixed wire params of each action', () => {
    const params = Object.fromEntries(ACTIONS.map((a) => [a, DEFAULT_SCHEMA.actions[a].params]));
    expect(params).to.deep.equal({
      accept: { ReservationStatus: 'accepted' },
      reject: { ReservationStatus: 'rejected' },
      dequeue: { Instruction: 'dequeue' },
      call: { Instruction: 'call' },
      redirect: { Instruction: 'redirect' },
      conference: { Instruction: 'conference' },
      wrapUp: { ReservationStatus: 'wrapping' },
      complete: { ReservationStatus: 'completed' },
    });
  });

  it('offers per status only the valid actions', () => {
    const offered = Object.fromEntries(
      RESERVATION_STATUSES.map((s) => [s, actionsForStatus(DEFAULT_SCHEMA.offered, s).map((a) => a.name)]),
    );
    expect(offered).to.deep.equal({
      pending: ['accept', 'reject', 'dequeue', 'call', 'redirect', 'conference'],
      accepted: ['wrapUp', 'complete'],
      rejected: [],
      timeout: [],
      canceled: [],
      rescinded: [],
      wrapping: ['complete'],
      completed: [],
    });
    expect(actionsForStatus(DEFAULT_SCHEMA.offered, 'no-such-status')).to.deep.equal([]);
  });

  it('opens a form for reject and the instructions, acts at once for the rest', () => {
    const forms = ACTIONS.filter((a) => opensForm(DEFAULT_SCHEMA, a));
    expect(forms).to.deep.equal(['reject', 'dequeue', 'call', 'redirect', 'conference']);
    for (const a of ['accept', 'wrapUp', 'complete'] as const) expect(fieldsFor(DEFAULT_SCHEMA, a)).to.deep.equal([]);
  });

  it('reject acts at once when its only field is hidden', () => {
    const schema = applyOverride(DEFAULT_SCHEMA, { fields: { WorkerActivitySid: { hidden: true } } });
    expect(opensForm(schema, 'reject')).to.equal(false);
  });
});

describe('default schema: fields', () => {
  it('has the required fields per action', () => {
    const required = (a: ActionName) =>
      fieldsFor(DEFAULT_SCHEMA, a)
        .filter((f) => f.required)
        .map((f) => f.name);
    expect(required('reject')).to.deep.equal([]);
    expect(required('dequeue')).to.deep.equal(['DequeueFrom']);
    expect(required('call')).to.deep.equal(['CallFrom', 'CallUrl']);
    expect(required('redirect')).to.deep.equal(['RedirectCallSid', 'RedirectUrl']);
    expect(required('conference')).to.deep.equal([]);
  });

  it('gives reject the optional activity', () => {
    expect(names('reject')).to.deep.equal(['WorkerActivitySid']);
  });

  it('puts required fields first and in the basic group, basic before advanced', () => {
    for (const a of ACTIONS) {
      const fields = fieldsFor(DEFAULT_SCHEMA, a);
      for (const f of fields) if (f.required) expect(f.group, f.name).to.equal('basic');
      const groups = fields.map((f) => f.group);
      expect(groups.indexOf('advanced') < 0 || groups.lastIndexOf('basic') < groups.indexOf('advanced'), a).to.equal(true);
    }
    expect(names('call').slice(0, 3)).to.deep.equal(['CallFrom', 'CallTo', 'CallUrl']);
    expect(names('redirect')).to.deep.equal(['RedirectCallSid', 'RedirectUrl', 'RedirectAccept']);
  });

  it('keeps the conference form short: the common options basic, most advanced', () => {
    const conference = fieldsFor(DEFAULT_SCHEMA, 'conference');
    const basic = conference.filter((f) => f.group === 'basic').map((f) => f.name);
    expect(basic).to.include.members(['To', 'From', 'Timeout', 'Record', 'Muted', 'StartConferenceOnEnter', 'EndConferenceOnExit']);
    expect(basic.length).to.be.lessThan(conference.length / 3);
  });

  it('has readable labels, unique within each action', () => {
    expect(label('DequeueFrom')).to.equal('Caller ID');
    expect(label('CallUrl')).to.equal('TwiML URL');
    expect(label('RedirectUrl')).to.equal('TwiML URL');
    expect(label('StatusCallbackEvent')).to.equal('Status callback events');
    expect(label('DequeueStatusCallbackUrl')).to.equal('Status callback URL');
    expect(label('RedirectCallSid')).to.equal('Call SID');
    expect(label('StatusCallback')).to.equal('Status callback URL');
    expect(label('MaxParticipants')).to.equal('Maximum participants');
    expect(label('SipAuthUsername')).to.equal('SIP username');
    for (const a of ACTIONS) {
      const labels = fieldsFor(DEFAULT_SCHEMA, a).map((f) => f.label);
      expect(new Set(labels).size, a).to.equal(labels.length);
      for (const l of labels) expect(l, a).to.match(/^[A-Z][A-Za-z ()]+$/);
    }
  });

  it('labels choices readably', () => {
    expect(['true', 'false', 'onEnter', 'record-from-start', 'us1', 'GET', 'mono'].map(choiceLabel)).to.deep.equal([
      'Yes',
      'No',
      'On enter',
      'Record from start',
      'US1',
      'GET',
      'Mono',
    ]);
    const method = DEFAULT_SCHEMA.fields.find((f) => f.name === 'WaitMethod');
    expect(method?.kind).to.equal('http-method');
    expect(method?.choices).to.deep.equal([
      { value: 'GET', label: 'GET' },
      { value: 'POST', label: 'POST' },
    ]);
  });

  it('reduces markdown to plain text for help', () => {
    expect(plainText('Can be the [E.164](https://www.twilio.com/docs/glossary/what-e164) number.')).to.equal('Can be the E.164 number.');
    expect(plainText('Can be:`us1`, or `jp1`. Use `wait_url`.')).to.equal('Can be: us1, or jp1. Use wait_url.');
  });

  it('applying an override leaves the default schema unchanged', () => {
    const before = JSON.stringify(DEFAULT_SCHEMA);
    applyOverride(DEFAULT_SCHEMA, { actions: ['accept'], fields: { DequeueFrom: { label: 'X', value: '+15550100', locked: true } } });
    expect(JSON.stringify(DEFAULT_SCHEMA)).to.equal(before);
  });
});
