/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { DEFAULT_SCHEMA } from '../../src/schema/default-schema.js';
import type { FieldDescriptor, FieldValue, FormModel } from '../../src/schema/schema.types.js';
import { fieldValue } from '../../src/schema/model.js';
import {
  boolean,
  choice,
  contact,
  httpUrl,
  integer,
  listItems,
  range,
  required,
  sid,
  validateField,
  type Validator,
} from '../../src/schema/validators.js';

const field = (name: string): FieldDescriptor => {
  const f = DEFAULT_SCHEMA.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
};

function check(rule: Validator, f: FieldDescriptor, valid: FieldValue[], invalid: FieldValue[]) {
  for (const v of valid) expect(rule(v, f), `${JSON.stringify(v)} is valid`).to.equal(null);
  for (const v of invalid)
    expect(rule(v, f), `${JSON.stringify(v)} is invalid`)
      .to.be.a('string')
      .and.match(/\S/);
}

describe('validators', () => {
  it('required: refuses empty values of required fields only', () => {
    const from = field('DequeueFrom');
    check(required, from, ['+15550100', false, ['a']], ['', '   ', []]);
    expect(required(undefined, from)).to.equal('Caller ID is required.');
    expect(required(undefined, field('DequeueTo'))).to.equal(null);
  });

  it('integer: digits with an optional minus, nothing else', () => {
    const f = field('DequeueTimeout');
    check(integer, f, ['60', '1', ' 999 ', '-5', '0'], ['1e3', '1.5', '1,000', 'abc', '+5', '0x10', '6 0', '']);
    expect(integer('1.5', f)).to.equal('Enter a whole number from 1 to 999.');
    expect(integer('x', { ...f, min: undefined, max: undefined })).to.equal('Enter a whole number.');
  });

  it('range: inclusive bounds', () => {
    const f = field('MaxParticipants');
    check(range, f, ['2', '250', '100'], ['1', '251', '-3']);
    expect(range('251', f)).to.equal('Enter a whole number from 2 to 250.');
    expect(range('5', { ...f, max: undefined })).to.equal(null);
    expect(range('1', { ...f, max: undefined })).to.equal('Enter a whole number of 2 or more.');
  });

  it('sid: the pattern from the spec', () => {
    const wa = field('WorkerActivitySid');
    const ca = field('RedirectCallSid');
    const hex = '0123456789abcdef0123456789ABCDEF';
    check(sid, wa, [`WA${hex}`], [`CA${hex}`, `WA${hex}0`, `WA${hex.slice(1)}`, 'WAxyz', `wa${hex}`, `WA${hex.slice(1)}g`]);
    check(sid, ca, [`CA${hex}`], [`WA${hex}`]);
    expect(sid('WA1', wa)).to.equal('Enter a SID: WA followed by 32 hexadecimal characters (0-9, a-f).');
  });

  it('httpUrl: absolute http(s) URLs only', () => {
    const f = field('CallUrl');
    check(
      httpUrl,
      f,
      ['https://example.com/twiml', 'http://localhost:8080/x?y=1', 'HTTPS://EXAMPLE.COM'],
      ['/relative', 'example.com', 'ftp://example.com/x', 'javascript:alert(1)', 'http:example.com', 'https://', 'not a url'],
    );
    expect(httpUrl('x', f)).to.match(/https:\/\//);
  });

  it('choice: membership of enum values, list items and HTTP methods', () => {
    check(choice, field('Beep'), ['true', 'onExit', ''], ['yes', 'ONEXIT', ' true']);
    check(choice, field('StatusCallbackMethod'), ['GET', 'POST'], ['PUT', 'get']);
    check(choice, field('StatusCallbackEvent'), [['ringing', 'answered'], []], [['ringing', 'busy']]);
    expect(choice('PUT', field('WaitMethod'))).to.equal('Choose one of GET, POST.');
    expect(choice(['busy'], field('StatusCallbackEvent'))).to.equal(
      '"busy" is not allowed; choose from Initiated, Ringing, Answered, Completed.',
    );
    expect(choice('anything', field('CallRecord'))).to.equal(null);
  });

  it('contact: E.164 numbers, client: and sip: addresses', () => {
    check(
      contact,
      field('CallTo'),
      [
        '+15558675310',
        '+44',
        '+123456789012345',
        'client:alice',
        'client:agent_42',
        'sip:alice@example.com',
        'sip:1001@pbx.example.com:5060',
      ],
      ['15558675310', '+1', '+1234567890123456', '+0123', '+1 555 867 5310', 'client:', 'sip:alice', 'sip:@host', 'tel:+15550100', 'alice'],
    );
    expect(contact('555', field('CallTo'))).to.match(/E\.164/);
  });

  it('boolean: true or false', () => {
    check(boolean, field('Muted'), [true, false, 'true', 'false'], ['yes', '1', 'TRUE']);
  });

  it('listItems: no blank items, no duplicates', () => {
    const f = field('DequeueStatusCallbackEvent');
    check(
      listItems,
      f,
      [['initiated', 'completed'], []],
      [
        ['a', ''],
        ['a', ' '],
        ['a', 'b', 'a'],
      ],
    );
    expect(listItems(['a', 'a'], f)).to.equal('"a" is listed more than once; list each value once.');
  });
});

describe('validateField', () => {
  it('accepts an empty optional field of any kind', () => {
    for (const f of DEFAULT_SCHEMA.fields) if (!f.required) expect(validateField(f, undefined), f.name).to.equal(null);
  });

  it('picks the rules by kind', () => {
    expect(validateField(field('DequeueTimeout'), '0')).to.equal('Enter a whole number from 1 to 999.');
    expect(validateField(field('DequeueTimeout'), '1.5')).to.equal('Enter a whole number from 1 to 999.');
    expect(validateField(field('DequeueTimeout'), '60')).to.equal(null);
    expect(validateField(field('RedirectUrl'), 'nope')).to.match(/URL/);
    expect(validateField(field('RedirectUrl'), '')).to.equal('TwiML URL is required.');
    expect(validateField(field('PostWorkActivitySid'), 'WA1')).to.match(/SID/);
    expect(validateField(field('Region'), 'mars1')).to.match(/^Choose one of/);
    expect(validateField(field('ConferenceStatusCallbackEvent'), ['start', 'start'])).to.match(/more than once/);
    expect(validateField(field('ConferenceStatusCallbackEvent'), ['start', 'nope'])).to.match(/"nope"/);
    expect(validateField(field('DequeueStatusCallbackEvent'), ['anything'])).to.equal(null);
    expect(validateField(field('Record'), 'maybe')).to.equal('Choose true or false.');
    expect(validateField(field('Record'), false)).to.equal(null);
    expect(validateField(field('From'), 'nobody')).to.match(/E\.164/);
    expect(validateField(field('SipAuthPassword'), ' any thing ')).to.equal(null);
  });

  it('host choices restrict any kind', () => {
    const f = { ...field('WorkerActivitySid'), choices: [{ value: `WA${'a'.repeat(32)}`, label: 'Break' }] };
    expect(validateField(f, `WA${'a'.repeat(32)}`)).to.equal(null);
    expect(validateField(f, `WA${'b'.repeat(32)}`)).to.equal('Choose one of Break.');
    const many = { ...field('CallFrom'), choices: Array.from({ length: 9 }, (_, i) => ({ value: `+1555010000${i}`, label: `Line ${i}` })) };
    expect(validateField(many, '+15550199999')).to.equal('Choose one of the listed options.');
  });
});

/** Messages for every invalid field of a form, by wire name, as the form checks them on submit. */
function validateAll(fields: readonly FieldDescriptor[], model: Readonly<FormModel>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const message = validateField(f, fieldValue(f, model));
    if (message) errors[f.name] = message;
  }
  return errors;
}

describe('validateField over a form', () => {
  it('maps each invalid field to its message', () => {
    const fields = DEFAULT_SCHEMA.fields.filter((f) => f.action === 'call');
    expect(validateAll(fields, { CallFrom: '+15550100', CallUrl: 'https://example.com/t' })).to.deep.equal({});
    expect(validateAll(fields, { CallUrl: 'ftp://x', CallTimeout: '1e3', CallTo: 'client:bob' })).to.deep.equal({
      CallFrom: 'Caller ID is required.',
      CallUrl: 'Enter a full URL starting with https:// or http://, like https://example.com/twiml.',
      CallTimeout: 'Enter a whole number from 1 to 999.',
    });
  });

  it('checks a locked field by its preset, not the model', () => {
    const f = { ...field('DequeueFrom'), locked: true, value: '+15550100' };
    expect(validateAll([f], { DequeueFrom: 'garbage' })).to.deep.equal({});
  });
});
