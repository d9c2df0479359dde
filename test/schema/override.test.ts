/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { DEFAULT_SCHEMA } from '../../src/schema/default-schema.js';
import { applyOverride, resolveSchema } from '../../src/schema/override.js';
import { fieldsFor, opensForm } from '../../src/schema/queries.js';
import { actionsForStatus } from '../../src/schema/actions.js';
import type { ActionName, FieldDescriptor, FormModel, ParameterSchema, SchemaOverride } from '../../src/schema/schema.types.js';
import { serialize } from '../../src/schema/serialize.js';

const send = (schema: ParameterSchema, action: ActionName, model: FormModel) =>
  serialize(schema.actions[action], fieldsFor(schema, action), model);

const BREAK = `WA${'b'.repeat(32)}`;
const LUNCH = `WA${'c'.repeat(32)}`;

const find = (schema: ParameterSchema, name: string): FieldDescriptor => {
  const f = schema.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
};

describe('applyOverride', () => {
  it('takes the shape a host writes', () => {
    const override: SchemaOverride = {
      actions: ['accept', 'reject', 'complete'],
      fields: {
        WorkerActivitySid: {
          choices: [
            { value: BREAK, label: 'Break' },
            { value: LUNCH, label: 'Lunch' },
          ],
        },
        DequeueFrom: { value: '+15550100', locked: true },
      },
    };
    const schema = applyOverride(DEFAULT_SCHEMA, override);
    expect(schema.offered).to.deep.equal(['accept', 'reject', 'complete']);
    expect(find(schema, 'WorkerActivitySid').choices?.map((c) => c.label)).to.deep.equal(['Break', 'Lunch']);
    expect(find(schema, 'DequeueFrom')).to.include({ value: '+15550100', locked: true, required: true });
  });

  it('chooses the offered actions, kept in the standard order', () => {
    const schema = applyOverride(DEFAULT_SCHEMA, { actions: ['complete', 'accept', 'wrapUp'] });
    expect(schema.offered).to.deep.equal(['accept', 'wrapUp', 'complete']);
    expect(actionsForStatus(schema.offered, 'pending').map((a) => a.name)).to.deep.equal(['accept']);
    expect(actionsForStatus(schema.offered, 'accepted').map((a) => a.name)).to.deep.equal(['wrapUp', 'complete']);
    expect(applyOverride(DEFAULT_SCHEMA, {}).offered).to.deep.equal(DEFAULT_SCHEMA.offered);
  });

  it('hides fields: still listed, flagged hidden, not sent without a preset', () => {
    const schema = applyOverride(DEFAULT_SCHEMA, { fields: { SipAuthPassword: { hidden: true }, Region: { hidden: true } } });
    const hidden = fieldsFor(schema, 'conference')
      .filter((f) => f.hidden)
      .map((f) => f.name);
    expect(hidden).to.deep.equal(['Region', 'SipAuthPassword']);
    expect(fieldsFor(DEFAULT_SCHEMA, 'conference').some((f) => f.hidden)).to.equal(false);
    expect(send(schema, 'conference', { Region: 'ie1' })).to.deep.equal({ Instruction: 'conference' });
  });

  it('sends a hidden preset', () => {
    const schema = applyOverride(DEFAULT_SCHEMA, { fields: { WorkerActivitySid: { hidden: true, value: BREAK } } });
    expect(opensForm(schema, 'reject')).to.equal(false);
    expect(send(schema, 'reject', {})).to.deep.equal({ ReservationStatus: 'rejected', WorkerActivitySid: BREAK });
  });

  it('presets a value, which stays editable', () => {
    const schema = applyOverride(DEFAULT_SCHEMA, { fields: { CallUrl: { value: 'https://crm.example.com/twiml' } } });
    const f = find(schema, 'CallUrl');
    expect(f.value).to.equal('https://crm.example.com/twiml');
    expect(f.locked).to.equal(undefined);
    expect(send(schema, 'call', { CallUrl: 'https://other.example.com/t' }).CallUrl).to.equal('https://other.example.com/t');
  });

  it('locks a value', () => {
    const schema = applyOverride(DEFAULT_SCHEMA, { fields: { From: { value: '+15550100', locked: true } } });
    expect(fieldsFor(schema, 'conference').map((f) => f.name)).to.include('From');
    expect(send(schema, 'conference', { From: '+15550199' }).From).to.equal('+15550100');
  });

  it('relabels and changes help', () => {
    const schema = applyOverride(DEFAULT_SCHEMA, { fields: { DequeueTo: { label: 'Your extension', help: 'Where we ring you.' } } });
    expect(find(schema, 'DequeueTo')).to.include({ label: 'Your extension', help: 'Where we ring you.', kind: 'contact' });
  });

  it('restricts and supplies choices', () => {
    const schema = applyOverride(DEFAULT_SCHEMA, {
      fields: {
        Region: {
          choices: [
            { value: 'ie1', label: 'Dublin' },
            { value: 'de1', label: 'Frankfurt' },
          ],
        },
        CallFrom: { choices: [{ value: '+15550100', label: 'Main line' }] },
      },
    });
    expect(find(schema, 'Region').choices?.map((c) => c.value)).to.deep.equal(['ie1', 'de1']);
    expect(find(schema, 'CallFrom').choices).to.deep.equal([{ value: '+15550100', label: 'Main line' }]);
  });

  it('makes an optional field required, moves one to another group', () => {
    const schema = applyOverride(DEFAULT_SCHEMA, { fields: { To: { required: true }, Region: { group: 'basic' } } });
    expect(find(schema, 'To').required).to.equal(true);
    expect(find(schema, 'Region').group).to.equal('basic');
  });

  it('composes: a second override applies on top of the first', () => {
    const first = applyOverride(DEFAULT_SCHEMA, { actions: ['accept', 'reject'], fields: { Muted: { label: 'Muted' } } });
    const second = applyOverride(first, { fields: { Muted: { value: true } } });
    expect(second.offered).to.deep.equal(['accept', 'reject']);
    expect(find(second, 'Muted')).to.include({ label: 'Muted', value: true });
  });

  it('throws on unknown field names, naming them', () => {
    expect(() => applyOverride(DEFAULT_SCHEMA, { fields: { DequeueFrom: {}, dequeueFrom: {}, Foo: {} } })).to.throw(
      Error,
      /unknown fields: dequeueFrom, Foo\./,
    );
    expect(() => applyOverride(DEFAULT_SCHEMA, { fields: { ReservationStatus: { value: 'accepted' } } })).to.throw(/ReservationStatus/);
  });

  it('throws on unknown actions and options', () => {
    expect(() => applyOverride(DEFAULT_SCHEMA, { actions: ['accept', 'hold' as never] })).to.throw(/unknown actions: hold/);
    expect(() => applyOverride(DEFAULT_SCHEMA, { fields: { To: { lable: 'x' } as never } })).to.throw(
      /Schema override for To: unknown option lable/,
    );
    expect(() => applyOverride(DEFAULT_SCHEMA, { fields: { To: { group: 'extra' as never } } })).to.throw(/group/);
  });

  it('throws on presets and choices the field would refuse', () => {
    expect(() => applyOverride(DEFAULT_SCHEMA, { fields: { DequeueFrom: { value: '555-0100' } } })).to.throw(
      /Schema override for DequeueFrom: value "555-0100" is not valid\. Enter a phone number/,
    );
    expect(() => applyOverride(DEFAULT_SCHEMA, { fields: { Region: { choices: [{ value: 'mars1', label: 'Mars' }] } } })).to.throw(
      /Region: choice "mars1"/,
    );
    expect(() =>
      applyOverride(DEFAULT_SCHEMA, { fields: { WorkerActivitySid: { choices: [{ value: 'break', label: 'Break' }] } } }),
    ).to.throw(/WorkerActivitySid: choice "break".*SID/);
    expect(() =>
      applyOverride(DEFAULT_SCHEMA, { fields: { Region: { value: 'ie1', choices: [{ value: 'de1', label: 'Frankfurt' }] } } }),
    ).to.throw(/value "ie1"/);
  });

  it('throws when a locked field has no value or a required field is hidden empty', () => {
    expect(() => applyOverride(DEFAULT_SCHEMA, { fields: { To: { locked: true } } })).to.throw(/locked field needs a value/);
    expect(() => applyOverride(DEFAULT_SCHEMA, { fields: { CallUrl: { hidden: true } } })).to.throw(/CallUrl: a required field/);
    expect(() =>
      applyOverride(DEFAULT_SCHEMA, { fields: { CallUrl: { hidden: true, value: 'https://crm.example.com/t' } } }),
    ).not.to.throw();
  });
});

describe('resolveSchema', () => {
  it('gives the default, applies an override, or passes a full schema through', () => {
    expect(resolveSchema()).to.equal(DEFAULT_SCHEMA);
    expect(resolveSchema(null)).to.equal(DEFAULT_SCHEMA);
    expect(resolveSchema({ actions: ['accept'] }).offered).to.deep.equal(['accept']);
    const full = applyOverride(DEFAULT_SCHEMA, { actions: ['complete'] });
    expect(resolveSchema(full)).to.equal(full);
  });
});
