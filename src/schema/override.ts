/**
 * A host's schema override merged into a schema: checked (unknown fields, actions, options,
 * refused presets and choices are errors that name them), then applied. No Lit, no DOM.
 */
import { DEFAULT_SCHEMA } from './default-schema.js';
import { isEmpty } from './model.js';
import type { FieldDescriptor, FieldOverride, ParameterSchema, SchemaOverride } from './schema.types.js';
import { ACTIONS, FIELD_GROUPS } from './schema.types.js';
import { validateField } from './validators.js';

const OPTIONS = ['label', 'help', 'hidden', 'locked', 'value', 'choices', 'required', 'group'];

function overrideField(base: FieldDescriptor, o: FieldOverride): FieldDescriptor {
  const fail = (why: string): never => {
    throw new Error(`Schema override for ${base.name}: ${why}`);
  };
  const unknown = Object.keys(o).filter((k) => !OPTIONS.includes(k));
  if (unknown.length) fail(`unknown option ${unknown.join(', ')}; the options are ${OPTIONS.join(', ')}.`);
  if (o.group && !FIELD_GROUPS.includes(o.group)) fail(`group must be basic or advanced, not "${o.group}".`);
  const list = base.kind === 'enum-list' || base.kind === 'list';
  for (const c of o.choices ?? []) {
    const message = validateField({ ...base, required: false }, list ? [c.value] : c.value);
    if (message) fail(`choice "${c.value}" is not a valid value. ${message}`);
  }
  const f: FieldDescriptor = { ...base, ...o, required: base.required || o.required === true };
  if (f.locked && f.value === undefined) fail('a locked field needs a value.');
  if (f.hidden && f.required && isEmpty(f.value)) fail('a required field can be hidden only with a value.');
  if (f.value !== undefined) {
    const message = validateField(f, f.value);
    if (message) fail(`value ${JSON.stringify(f.value)} is not valid. ${message}`);
  }
  return f;
}

/**
 * A full schema with a host's override applied: fields hidden, preset, locked, relabelled,
 * given other help or choices, and the offered actions chosen. Throws an Error naming any
 * unknown field, action or option, and any preset or choice the field would refuse.
 */
export function applyOverride(schema: ParameterSchema, override: SchemaOverride): ParameterSchema {
  const entries = Object.entries(override.fields ?? {});
  const unknownFields = entries.map(([name]) => name).filter((name) => !schema.fields.some((f) => f.name === name));
  if (unknownFields.length) {
    throw new Error(
      `Schema override names unknown fields: ${unknownFields.join(', ')}. ` +
        'Name fields by their wire names, e.g. DequeueFrom or WorkerActivitySid.',
    );
  }
  const offered = override.actions;
  const unknownActions = (offered ?? []).filter((a) => !ACTIONS.includes(a));
  if (unknownActions.length) {
    throw new Error(`Schema override names unknown actions: ${unknownActions.join(', ')}. The actions are ${ACTIONS.join(', ')}.`);
  }
  const changes = new Map(entries);
  return {
    offered: offered ? ACTIONS.filter((a) => offered.includes(a)) : schema.offered,
    actions: schema.actions,
    fields: schema.fields.map((f) => {
      const o = changes.get(f.name);
      return o ? overrideField(f, o) : f;
    }),
  };
}

/** The schema for a `schema` property: a full schema as is, an override applied to the default, or the default. */
export function resolveSchema(input?: ParameterSchema | SchemaOverride | null): ParameterSchema {
  if (!input) return DEFAULT_SCHEMA;
  return 'offered' in input ? input : applyOverride(DEFAULT_SCHEMA, input);
}
