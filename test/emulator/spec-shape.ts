/**
 * Holds the emulator's answers to the official spec (spec/twilio_taskrouter_v1.json, served
 * by the test server): property names exactly the schema's, and each value of the
 * schema's type, pattern, length, format and enum (nullable ones may be null). Not a test
 * file itself.
 */
import { expect } from '@open-wc/testing';

interface SchemaProperty {
  type?: string;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
  enum?: string[];
  $ref?: string;
  properties?: Record<string, SchemaProperty>;
  items?: SchemaProperty;
}

interface Spec {
  components: { schemas: Record<string, { properties: Record<string, SchemaProperty> }> };
  paths: Record<
    string,
    Record<string, { operationId?: string; responses?: Record<string, { content?: Record<string, { schema: SchemaProperty }> }> }>
  >;
}

let cached: Promise<Spec> | undefined;

/** The official spec, as the repository holds it. */
export function loadSpec(): Promise<Spec> {
  cached ??= fetch('/spec/twilio_taskrouter_v1.json').then((r) => {
    expect(r.status, 'the spec is served').to.equal(200);
    return r.json() as Promise<Spec>;
  });
  return cached;
}

function resolve(spec: Spec, p: SchemaProperty): SchemaProperty {
  if (!p.$ref) return p;
  const name = p.$ref.replace('#/components/schemas/', '');
  return spec.components.schemas[name] as SchemaProperty;
}

const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

function isAbsoluteUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function expectValue(spec: Spec, raw: SchemaProperty, value: unknown, where: string): void {
  const p = resolve(spec, raw);
  if (value === null) {
    expect(raw.nullable ?? p.nullable, `${where} is null, and the spec lets it be`).to.equal(true);
    return;
  }
  switch (p.type) {
    case 'string': {
      expect(value, where).to.be.a('string');
      const s = value as string;
      if (p.pattern) expect(s, `${where} matches ${p.pattern}`).to.match(new RegExp(p.pattern));
      if (p.minLength !== undefined) expect(s.length, `${where} length`).to.be.at.least(p.minLength);
      if (p.maxLength !== undefined) expect(s.length, `${where} length`).to.be.at.most(p.maxLength);
      if (p.format === 'date-time') expect(s, `${where} is an ISO 8601 date-time`).to.match(DATE_TIME);
      if (p.format === 'uri') expect(isAbsoluteUrl(s), `${where} is an absolute URL: ${s}`).to.equal(true);
      if (p.enum) expect(p.enum, `${where} is one of the spec's values`).to.include(s);
      return;
    }
    case 'integer':
      expect(Number.isInteger(value), `${where} is an integer: ${String(value)}`).to.equal(true);
      return;
    case 'boolean':
      expect(value, where).to.be.a('boolean');
      return;
    case 'object':
      expect(value, where).to.be.an('object');
      expect(Array.isArray(value), `${where} is not an array`).to.equal(false);
      if (p.format === 'uri-map') {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          expect(isAbsoluteUrl(v), `${where}.${k} is an absolute URL`).to.equal(true);
        }
      }
      if (p.properties) expectProperties(spec, p.properties, value as Record<string, unknown>, where);
      return;
    case 'array':
      expect(value, where).to.be.an('array');
      for (const [i, item] of (value as unknown[]).entries()) expectValue(spec, p.items!, item, `${where}[${i}]`);
      return;
    default:
      throw new Error(`${where}: the spec's type ${String(p.type)} is not handled here`);
  }
}

function expectProperties(spec: Spec, properties: Record<string, SchemaProperty>, value: Record<string, unknown>, where: string) {
  expect(Object.keys(value).sort(), `${where}: the spec's property names`).to.deep.equal(Object.keys(properties).sort());
  for (const [name, p] of Object.entries(properties)) expectValue(spec, p, value[name], `${where}.${name}`);
}

/** Asserts that `value` has exactly the properties of the spec's schema `schemaName`, each of its type. */
export async function expectSpecShape(schemaName: string, value: unknown): Promise<void> {
  const spec = await loadSpec();
  const schema = spec.components.schemas[schemaName];
  expect(schema, `the spec has ${schemaName}`).to.be.an('object');
  expect(value, schemaName).to.be.an('object');
  expectProperties(spec, schema!.properties, value as Record<string, unknown>, schemaName);
}

/** Asserts that a list's body has the shape of `operationId`'s 200 answer (`{<key>: [...], meta}`), items included. */
export async function expectListShape(operationId: string, body: unknown): Promise<void> {
  const spec = await loadSpec();
  const op = Object.values(spec.paths)
    .flatMap((item) => Object.values(item))
    .find((o) => o.operationId === operationId);
  expect(op, `the spec has ${operationId}`).to.be.an('object');
  const schema = op!.responses!['200']!.content!['application/json']!.schema;
  expect(body, operationId).to.be.an('object');
  expectProperties(spec, schema.properties!, body as Record<string, unknown>, operationId);
}
