import { expect } from '@open-wc/testing';
import type { Reservation } from '../../src/wire/types.js';
import { REQUIRED_BY_INSTRUCTION } from '../../src/wire/doc-facts.js';
import { SPEC_UPDATE_PARAMS } from '../../src/wire/spec-params.generated.js';
import { getReservation, reservationsPath, scenario, type Scenario } from '../support/emulator.js';
import { CALL_SID, HEX32, expectError, update } from './helpers.js';

const CONFERENCE = { Instruction: 'conference' };

/** [description, form body, the parameter the error must name] */
const INVALID: ReadonlyArray<readonly [string, string | Record<string, string | string[]>, string]> = [
  ['an unknown parameter', { ...CONFERENCE, Foo: 'bar' }, 'Foo'],
  ['a lower-case parameter name', { instruction: 'conference' }, 'instruction'],
  ['a non-integer', { ...CONFERENCE, Timeout: 'abc' }, 'Timeout'],
  ['a decimal integer', { Instruction: 'dequeue', DequeueFrom: '+1555', DequeueTimeout: '1.5' }, 'DequeueTimeout'],
  ['an integer above the range', { Instruction: 'dequeue', DequeueFrom: '+1555', DequeueTimeout: '1000' }, 'DequeueTimeout'],
  ['an integer below the range', { ...CONFERENCE, MaxParticipants: '1' }, 'MaxParticipants'],
  ['an integer above MaxParticipants', { ...CONFERENCE, MaxParticipants: '251' }, 'MaxParticipants'],
  ['zero CallTimeout', { Instruction: 'call', CallFrom: '+1', CallUrl: 'https://example.com', CallTimeout: '0' }, 'CallTimeout'],
  ['a bad doc enum (Beep)', { ...CONFERENCE, Beep: 'loud' }, 'Beep'],
  ['a bad doc enum (Region)', { ...CONFERENCE, Region: 'xx1' }, 'Region'],
  ['a bad doc enum (ConferenceTrim)', { ...CONFERENCE, ConferenceTrim: 'trim' }, 'ConferenceTrim'],
  ['a bad doc enum (RecordingChannels)', { ...CONFERENCE, RecordingChannels: 'stereo' }, 'RecordingChannels'],
  ['a bad doc enum (ConferenceRecord)', { ...CONFERENCE, ConferenceRecord: 'always' }, 'ConferenceRecord'],
  ['a bad http-method', { ...CONFERENCE, StatusCallbackMethod: 'PUT' }, 'StatusCallbackMethod'],
  ['a lower-case http-method', { ...CONFERENCE, WaitMethod: 'post' }, 'WaitMethod'],
  ['a bad array item', { ...CONFERENCE, StatusCallbackEvent: ['ringing', 'exploded'] }, 'StatusCallbackEvent'],
  ['a bad conference event', { ...CONFERENCE, ConferenceStatusCallbackEvent: ['start', 'party'] }, 'ConferenceStatusCallbackEvent'],
  ['a bad Activity SID', { ReservationStatus: 'rejected', WorkerActivitySid: 'WA123' }, 'WorkerActivitySid'],
  ['a SID with the wrong prefix', { ...CONFERENCE, PostWorkActivitySid: `WK${HEX32}` }, 'PostWorkActivitySid'],
  [
    'a bad Call SID',
    { Instruction: 'redirect', RedirectCallSid: `CA${'z'.repeat(32)}`, RedirectUrl: 'https://example.com' },
    'RedirectCallSid',
  ],
  ['a non-http URL', { Instruction: 'call', CallFrom: '+1', CallUrl: 'ftp://example.com/x' }, 'CallUrl'],
  ['a relative URL', { Instruction: 'call', CallFrom: '+1', CallUrl: '/twiml' }, 'CallUrl'],
  ['a javascript: URL', { ...CONFERENCE, WaitUrl: 'javascript:alert(1)' }, 'WaitUrl'],
  ['a non-boolean', { Instruction: 'call', CallFrom: '+1', CallUrl: 'https://example.com', CallAccept: 'yes' }, 'CallAccept'],
  ['a capitalised boolean', { ...CONFERENCE, EarlyMedia: 'True' }, 'EarlyMedia'],
  ['a repeated scalar', 'Instruction=conference&Timeout=10&Timeout=20', 'Timeout'],
  ['a repeated ReservationStatus', 'ReservationStatus=accepted&ReservationStatus=accepted', 'ReservationStatus'],
  ['a bad Instruction', { Instruction: 'transfer' }, 'Instruction'],
  ['a bad ReservationStatus', { ReservationStatus: 'done' }, 'ReservationStatus'],
  ['both ReservationStatus and Instruction', { ReservationStatus: 'accepted', Instruction: 'conference' }, 'ReservationStatus'],
  ['neither ReservationStatus nor Instruction', { Timeout: '10' }, 'Instruction'],
  ['an empty body', '', 'ReservationStatus'],
  ...(['pending', 'timeout', 'canceled', 'rescinded'] as const).map(
    (status) => [`ReservationStatus=${status} (not settable by a worker)`, { ReservationStatus: status }, 'ReservationStatus'] as const,
  ),
  ...Object.entries(REQUIRED_BY_INSTRUCTION).flatMap(([instruction, required]) =>
    required.map(
      (name) =>
        [
          `Instruction=${instruction} without ${name}`,
          {
            Instruction: instruction,
            DequeueFrom: '+1555',
            CallFrom: '+1555',
            CallUrl: 'https://example.com/call',
            RedirectCallSid: CALL_SID,
            RedirectUrl: 'https://example.com/redirect',
            [name]: '',
          },
          name,
        ] as const,
    ),
  ),
];

describe('emulator: update validation', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario({ reservations: INVALID.map(() => ({})) });
  });

  INVALID.forEach(([what, body, name], i) => {
    it(`refuses ${what} with a 400 naming ${name}`, async () => {
      const sid = s.reservations[i]!.sid;
      const err = await expectError(await update(s, sid, body), 400, 20001);
      expect(err.message).to.contain(name);
      const after = await getReservation(s.workspaceSid, sid);
      expect(after.reservation_status).to.equal('pending');
      expect(after.date_updated).to.equal(s.reservations[i]!.date_updated);
    });
  });

  for (const contentType of ['application/json', 'text/plain', 'multipart/form-data; boundary=x', null]) {
    it(`refuses the content type ${contentType ?? '(none)'} with a 400 naming it`, async () => {
      const one = await scenario({ reservations: [{}] });
      const headers: Record<string, string> = { authorization: `Bearer ${one.token}` };
      if (contentType) headers['content-type'] = contentType;
      const res = await fetch(`${reservationsPath(one)}/${one.reservations[0]!.sid}`, {
        method: 'POST',
        headers,
        body:
          contentType === 'application/json'
            ? JSON.stringify({ ReservationStatus: 'accepted' })
            : contentType
              ? 'ReservationStatus=accepted'
              : new Blob(['ReservationStatus=accepted']),
      });
      const err = await expectError(res, 400, 20001);
      expect(err.message).to.contain(contentType ? contentType.split(';')[0]! : '(none)');
      expect((await getReservation(one.workspaceSid, one.reservations[0]!.sid)).reservation_status).to.equal('pending');
    });
  }

  it('accepts a content type with a charset', async () => {
    const one = await scenario({ reservations: [{}] });
    const res = await update(one, one.reservations[0]!.sid, 'ReservationStatus=accepted', {
      'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
    });
    expect(res.status).to.equal(200);
  });

  it('accepts a conference with every option valid (arrays as repeated keys)', async () => {
    const one = await scenario({ reservations: [{}] });
    const res = await update(one, one.reservations[0]!.sid, {
      Instruction: 'conference',
      From: '+15550100',
      To: 'client:alice',
      Timeout: '999',
      StatusCallback: 'https://example.com/status',
      StatusCallbackMethod: 'GET',
      StatusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      Record: 'true',
      Muted: 'false',
      Beep: 'onEnter',
      StartConferenceOnEnter: 'true',
      EndConferenceOnExit: 'false',
      WaitUrl: 'http://example.com/wait',
      WaitMethod: 'POST',
      EarlyMedia: 'true',
      MaxParticipants: '2',
      ConferenceStatusCallback: 'https://example.com/conf',
      ConferenceStatusCallbackMethod: 'POST',
      ConferenceStatusCallbackEvent: ['start', 'end', 'join', 'leave', 'mute', 'hold', 'speaker'],
      ConferenceRecord: 'record-from-start',
      ConferenceTrim: 'do-not-trim',
      RecordingChannels: 'dual',
      RecordingStatusCallback: 'https://example.com/rec',
      RecordingStatusCallbackMethod: 'GET',
      ConferenceRecordingStatusCallback: 'https://example.com/crec',
      ConferenceRecordingStatusCallbackMethod: 'GET',
      Region: 'ie1',
      SipAuthUsername: 'u',
      SipAuthPassword: 'p',
      PostWorkActivitySid: one.activities.find((a) => a.friendlyName === 'Offline')!.sid,
      EndConferenceOnCustomerExit: 'true',
      BeepOnCustomerEntrance: 'false',
      JitterBufferSize: 'large',
    });
    expect(res.status, await res.clone().text()).to.equal(200);
    expect(((await res.json()) as Reservation).reservation_status).to.equal('accepted');
  });

  it('accepts a reject with a WorkerActivitySid and a dequeue with its options', async () => {
    const two = await scenario({ reservations: [{}, {}] });
    const breakSid = two.activities.find((a) => a.friendlyName === 'Break')!.sid;
    const reject = await update(two, two.reservations[0]!.sid, { ReservationStatus: 'rejected', WorkerActivitySid: breakSid });
    expect(reject.status, await reject.clone().text()).to.equal(200);
    const dequeue = await update(two, two.reservations[1]!.sid, {
      Instruction: 'dequeue',
      DequeueFrom: '+15550100',
      DequeueTo: 'client:alice',
      DequeueTimeout: '1',
      DequeueRecord: 'record-from-answer',
      DequeueStatusCallbackUrl: 'https://example.com/dq',
      DequeueStatusCallbackEvent: ['initiated', 'completed'],
      // the spec's pattern allows upper-case hex digits
      DequeuePostWorkActivitySid: `WA${breakSid.slice(2).toUpperCase()}`,
    });
    expect(dequeue.status, await dequeue.clone().text()).to.equal(200);
  });

  it('knows all 52 parameters of the spec (none is refused as unknown)', async () => {
    expect(SPEC_UPDATE_PARAMS).to.have.length(52);
    const one = await scenario({ reservations: SPEC_UPDATE_PARAMS.map(() => ({})) });
    for (const [i, p] of SPEC_UPDATE_PARAMS.entries()) {
      // a value of the wrong kind is refused by type, never as an unknown name
      const res = await update(one, one.reservations[i]!.sid, `${p.name}=%00bad`);
      const err = await expectError(res, 400, 20001);
      expect(err.message, p.name).to.not.match(/unknown/i);
    }
  });
});
