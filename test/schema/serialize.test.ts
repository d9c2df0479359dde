/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { DEFAULT_SCHEMA } from '../../src/schema/default-schema.js';
import { initialModel } from '../../src/schema/model.js';
import { applyOverride } from '../../src/schema/override.js';
import { fieldsFor } from '../../src/schema/queries.js';
import { ACTIONS, type ActionName, type FormModel, type ParameterSchema } from '../../src/schema/schema.types.js';
import { serialize } from '../../src/schema/serialize.js';
import { encodeParams } from '../../src/connection/rest/client.js';

/** The form body the REST connection sends. */
const toFormBody = (params: Parameters<typeof encodeParams>[0]) => new URLSearchParams(encodeParams(params));

/** What a form of `action` sends. */
const send = (schema: ParameterSchema, action: ActionName, model: FormModel) =>
  serialize(schema.actions[action], fieldsFor(schema, action), model);

describe('serialize', () => {
  it('sends only the fixed params for actions without fields', () => {
    expect(send(DEFAULT_SCHEMA, 'accept', {})).to.deep.equal({ ReservationStatus: 'accepted' });
    expect(send(DEFAULT_SCHEMA, 'wrapUp', {})).to.deep.equal({ ReservationStatus: 'wrapping' });
    expect(send(DEFAULT_SCHEMA, 'complete', {})).to.deep.equal({ ReservationStatus: 'completed' });
    expect(send(DEFAULT_SCHEMA, 'reject', {})).to.deep.equal({ ReservationStatus: 'rejected' });
    for (const a of ACTIONS) expect(send(DEFAULT_SCHEMA, a, {})).to.deep.equal(DEFAULT_SCHEMA.actions[a].params);
  });

  it('adds the filled-in fields of the action under their wire names', () => {
    const params = send(DEFAULT_SCHEMA, 'call', {
      CallFrom: '+15550100',
      CallUrl: ' https://example.com/twiml ',
      CallTimeout: '30',
      DequeueFrom: '+15550199',
      To: 'client:alice',
    });
    expect(params).to.deep.equal({
      Instruction: 'call',
      CallFrom: '+15550100',
      CallUrl: 'https://example.com/twiml',
      CallTimeout: '30',
    });
  });

  it('sends booleans the user set as true/false and leaves untouched ones out', () => {
    const params = send(DEFAULT_SCHEMA, 'conference', { Muted: false, Record: true, EarlyMedia: undefined });
    expect(params).to.deep.equal({ Instruction: 'conference', Muted: 'false', Record: 'true' });
    expect(params).not.to.have.property('EarlyMedia');
    expect(params).not.to.have.property('StartConferenceOnEnter');
  });

  it('keeps arrays as arrays and leaves out empty ones and blank items', () => {
    const params = send(DEFAULT_SCHEMA, 'conference', {
      StatusCallbackEvent: ['ringing', 'answered'],
      ConferenceStatusCallbackEvent: [],
      From: '',
      To: '   ',
      Region: undefined,
    });
    expect(params).to.deep.equal({ Instruction: 'conference', StatusCallbackEvent: ['ringing', 'answered'] });
    expect(send(DEFAULT_SCHEMA, 'dequeue', { DequeueStatusCallbackEvent: ['', ' '] })).to.deep.equal({
      Instruction: 'dequeue',
    });
  });

  it('sends only the fields of the given action', () => {
    const params = serialize(DEFAULT_SCHEMA.actions.dequeue, DEFAULT_SCHEMA.fields, {
      DequeueFrom: '+15550100',
      CallFrom: '+15550199',
      To: 'client:a',
    });
    expect(params).to.deep.equal({ Instruction: 'dequeue', DequeueFrom: '+15550100' });
  });

  it('keeps free text as typed', () => {
    expect(send(DEFAULT_SCHEMA, 'conference', { SipAuthPassword: ' pass word ' })).to.deep.equal({
      Instruction: 'conference',
      SipAuthPassword: ' pass word ',
    });
  });

  it('sends locked and hidden presets whatever the model says; the fixed params win', () => {
    const schema = applyOverride(DEFAULT_SCHEMA, {
      fields: {
        DequeueFrom: { value: '+15550100', locked: true },
        DequeueStatusCallbackUrl: { value: 'https://crm.example.com/cb', hidden: true },
        DequeueTimeout: { value: '30' },
      },
    });
    const model = { ...initialModel(fieldsFor(schema, 'dequeue')), DequeueFrom: '+15550199', DequeueTimeout: '45' };
    expect(send(schema, 'dequeue', model)).to.deep.equal({
      Instruction: 'dequeue',
      DequeueFrom: '+15550100',
      DequeueStatusCallbackUrl: 'https://crm.example.com/cb',
      DequeueTimeout: '45',
    });
  });
});

describe('initialModel', () => {
  it('holds preset values only, with copied arrays', () => {
    const events = ['start', 'end'];
    const schema = applyOverride(DEFAULT_SCHEMA, {
      fields: { Muted: { value: true }, ConferenceStatusCallbackEvent: { value: events } },
    });
    const model = initialModel(fieldsFor(schema, 'conference'));
    expect(model).to.deep.equal({ Muted: true, ConferenceStatusCallbackEvent: ['start', 'end'] });
    expect(model.ConferenceStatusCallbackEvent).not.to.equal(events);
  });
});

describe('the form body of serialized params', () => {
  it('encodes arrays as repeated keys', () => {
    const body = toFormBody({
      Instruction: 'conference',
      StatusCallbackEvent: ['ringing', 'answered'],
      From: '+15550100',
      Muted: 'true',
    });
    expect(body.toString()).to.equal(
      'Instruction=conference&StatusCallbackEvent=ringing&StatusCallbackEvent=answered&From=%2B15550100&Muted=true',
    );
    expect(body.getAll('StatusCallbackEvent')).to.deep.equal(['ringing', 'answered']);
  });

  it('round-trips serialize output', () => {
    const body = toFormBody(
      send(DEFAULT_SCHEMA, 'redirect', {
        RedirectCallSid: `CA${'0'.repeat(32)}`,
        RedirectUrl: 'https://x.example/a?b=c&d',
        RedirectAccept: true,
      }),
    );
    expect(Object.fromEntries(body)).to.deep.equal({
      RedirectCallSid: `CA${'0'.repeat(32)}`,
      RedirectUrl: 'https://x.example/a?b=c&d',
      RedirectAccept: 'true',
      Instruction: 'redirect',
    });
  });
});
