/// <reference types="mocha" />
// The default schema against the official spec's UpdateWorkerReservation parameters and
// the docs' facts: every parameter once, with a kind, choices and constraints that agree.
import { expect } from '@open-wc/testing';
import { DOC_DEFAULTS, DOC_ENUMS, DOC_RANGES, REQUIRED_BY_INSTRUCTION } from '../../src/wire/doc-facts.js';
import { DEFAULT_SCHEMA, plainText } from '../../src/schema/default-schema.js';
import { FIXED_PARAMS } from '../../src/schema/actions.js';
import { ACTIONS, type FieldDescriptor, type FieldKind } from '../../src/schema/schema.types.js';
import { SPEC_RESERVATION_STATUSES, SPEC_UPDATE_PARAMS, type SpecParam } from '../../src/wire/spec-params.generated.js';
import { RESERVATION_STATUSES } from '../../src/wire/types.js';

const fields = DEFAULT_SCHEMA.fields;
const byName = new Map(fields.map((f) => [f.name, f]));
const field = (name: string): FieldDescriptor => {
  const f = byName.get(name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
};
const values = (f: FieldDescriptor) => f.choices?.map((c) => c.value);

/** Parameters the contract calls contacts: E.164 numbers, client: and sip: URIs. */
const CONTACTS = ['DequeueFrom', 'DequeueTo', 'CallFrom', 'CallTo', 'To', 'From'];

/** The kind a spec parameter must have, worked out from its type, format, items and pattern. */
function expectedKind(p: SpecParam): FieldKind {
  switch (p.type) {
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'array':
      return p.items?.enum ? 'enum-list' : 'list';
    default:
      if (p.format === 'uri') return 'uri';
      if (p.format === 'http-method') return 'http-method';
      if (p.pattern) return 'sid';
      if (DOC_ENUMS[p.name]) return 'enum';
      return CONTACTS.includes(p.name) ? 'contact' : 'text';
  }
}

/** The backticked values a description lists after "Can be". */
function listedValues(description: string): string[] {
  const at = description.indexOf('Can be');
  if (at < 0) return [];
  const sentence = description.slice(at).split('. ')[0];
  return [...sentence.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

/** Where the spec's description and the docs page disagree, and which the schema follows. */
const KNOWN_DIFFERENCES: Record<string, { onlyInSpec: string[] }> = {};

describe('default schema agrees with the spec', () => {
  it('the spec has 52 update parameters', () => {
    expect(SPEC_UPDATE_PARAMS).to.have.length(52);
  });

  it('every spec parameter appears exactly once, as a field or as an action fixed param', () => {
    const fixed = new Set(ACTIONS.flatMap((a) => Object.keys(DEFAULT_SCHEMA.actions[a].params)));
    expect([...fixed].sort()).to.deep.equal([...FIXED_PARAMS].sort());
    const names = [...fields.map((f) => f.name), ...fixed];
    expect(names.slice().sort()).to.deep.equal(SPEC_UPDATE_PARAMS.map((p) => p.name).sort());
    expect(new Set(names).size).to.equal(names.length);
    expect(fields).to.have.length(50);
  });

  it('the API client knows exactly the reservation statuses of the spec, in order', () => {
    expect([...RESERVATION_STATUSES]).to.deep.equal([...SPEC_RESERVATION_STATUSES]);
  });

  it('the fixed params take values the spec and the docs allow', () => {
    const status = SPEC_UPDATE_PARAMS.find((p) => p.name === 'ReservationStatus');
    for (const a of ACTIONS) {
      const { ReservationStatus, Instruction } = DEFAULT_SCHEMA.actions[a].params;
      if (ReservationStatus !== undefined) expect(status?.enum).to.include(ReservationStatus);
      if (Instruction !== undefined) expect(DOC_ENUMS.Instruction).to.include(Instruction);
    }
  });

  for (const p of SPEC_UPDATE_PARAMS) {
    if ((FIXED_PARAMS as readonly string[]).includes(p.name)) continue;
    describe(p.name, () => {
      it(`has kind ${expectedKind(p)}`, () => {
        expect(field(p.name).kind).to.equal(expectedKind(p));
      });

      it('has the choices of the spec or the docs, in their order', () => {
        const expected = p.enum ?? p.items?.enum ?? DOC_ENUMS[p.name];
        expect(values(field(p.name))).to.deep.equal(expected ? [...expected] : undefined);
      });

      it('has the spec pattern, the docs range and the docs default', () => {
        const f = field(p.name);
        expect(f.pattern).to.equal(p.pattern);
        if (p.pattern) expect(new RegExp(p.pattern).source.length).to.be.greaterThan(0);
        const range = DOC_RANGES[p.name];
        expect([f.min, f.max]).to.deep.equal(range ? [range.min, range.max] : [undefined, undefined]);
        expect(f.default).to.equal(DOC_DEFAULTS[p.name]);
      });

      it('agrees with the values its description lists', () => {
        const listed = listedValues(p.description);
        if (!listed.length) return;
        const f = field(p.name);
        const own = f.kind === 'boolean' ? ['true', 'false'] : f.kind === 'integer' ? [String(f.min), String(f.max)] : (values(f) ?? []);
        const known = KNOWN_DIFFERENCES[p.name];
        const onlyInSpec = listed.filter((v) => !own.includes(v));
        expect(onlyInSpec, 'values only in the spec').to.deep.equal(known?.onlyInSpec ?? []);
        expect(
          own.filter((v) => !listed.includes(v)),
          'values missing from the spec',
        ).to.deep.equal([]);
      });

      it('has help text from the description, without markdown', () => {
        const f = field(p.name);
        expect(f.help).to.equal(plainText(p.description));
        expect(f.help).not.to.match(/`|\]\(|https?:/);
        expect(f.help.length).to.be.greaterThan(10);
      });
    });
  }

  it('the description check sees the known differences', () => {
    for (const name of Object.keys(KNOWN_DIFFERENCES)) expect(byName.has(name), name).to.equal(true);
  });

  it('types and formats map one way: every kind stands for its spec shape', () => {
    const spec = new Map(SPEC_UPDATE_PARAMS.map((p) => [p.name, p]));
    for (const f of fields) {
      const p = spec.get(f.name)!;
      const shape: Record<FieldKind, boolean> = {
        integer: p.type === 'integer',
        boolean: p.type === 'boolean',
        'enum-list': p.type === 'array' && !!p.items?.enum,
        list: p.type === 'array' && !p.items?.enum,
        uri: p.format === 'uri',
        'http-method': p.format === 'http-method' && !!p.enum,
        sid: !!p.pattern && p.type === 'string',
        enum: p.type === 'string' && !p.format && !p.pattern,
        contact: p.type === 'string' && !p.format && !p.pattern && !p.enum,
        text: p.type === 'string' && !p.format && !p.pattern && !p.enum,
      };
      expect(shape[f.kind], `${f.name} as ${f.kind}`).to.equal(true);
    }
  });

  it('the required fields are the ones the docs require', () => {
    for (const [instruction, names] of Object.entries(REQUIRED_BY_INSTRUCTION)) {
      const required = fields.filter((f) => f.action === instruction && f.required).map((f) => f.name);
      expect(required.sort(), instruction).to.deep.equal([...names].sort());
    }
    expect(
      fields
        .filter((f) => f.required)
        .map((f) => f.name)
        .sort(),
    ).to.deep.equal(['CallFrom', 'CallUrl', 'DequeueFrom', 'RedirectCallSid', 'RedirectUrl']);
  });

  it('each parameter belongs to the action its name says', () => {
    const expected: Record<string, string[]> = {
      reject: ['WorkerActivitySid'],
      dequeue: SPEC_UPDATE_PARAMS.map((p) => p.name).filter((n) => n.startsWith('Dequeue')),
      call: ['CallFrom', 'CallRecord', 'CallTimeout', 'CallTo', 'CallUrl', 'CallStatusCallbackUrl', 'CallAccept'],
      redirect: ['RedirectCallSid', 'RedirectAccept', 'RedirectUrl'],
    };
    expect(expected.dequeue).to.have.length(7);
    for (const [action, names] of Object.entries(expected)) {
      expect(
        fields
          .filter((f) => f.action === action)
          .map((f) => f.name)
          .sort(),
        action,
      ).to.deep.equal(names.sort());
    }
    const conference = fields.filter((f) => f.action === 'conference').map((f) => f.name);
    expect(conference).to.have.length(50 - 1 - 7 - 7 - 3);
    expect(conference).to.include.members(['To', 'From', 'Region', 'SipAuthPassword', 'PostWorkActivitySid', 'JitterBufferSize']);
    for (const a of ['accept', 'wrapUp', 'complete'])
      expect(
        fields.filter((f) => f.action === a),
        a,
      ).to.have.length(0);
  });
});
