/**
 * Validation rules: named pure functions `(value, field) => message | null`. CSP-safe:
 * no `eval`; a SID pattern from the spec becomes a `RegExp`.
 */
import { VALIDATION_EN, type ValidationMessages } from './messages.js';
import { isEmpty } from './model.js';
import type { FieldDescriptor, FieldKind, FieldValue } from './schema.types.js';

export type Validator = (value: FieldValue | undefined, field: FieldDescriptor, m?: ValidationMessages) => string | null;

const text = (value: FieldValue | undefined): string => String(value ?? '').trim();
const items = (value: FieldValue | undefined): readonly string[] =>
  typeof value === 'object' ? value.map(String) : isEmpty(value) ? [] : [String(value)];

const wholeNumber = (f: FieldDescriptor, m: ValidationMessages) => m.wholeNumber(f.min, f.max);

/** A required field must be filled in. */
export const required: Validator = (value, field, m = VALIDATION_EN) => (field.required && isEmpty(value) ? m.required(field.label) : null);

/** Digits only, with an optional minus: no `1.5`, no `1e3`. */
export const integer: Validator = (value, field, m = VALIDATION_EN) => (/^-?\d+$/.test(text(value)) ? null : wholeNumber(field, m));

/** Within the field's `min`..`max`. */
export const range: Validator = (value, field, m = VALIDATION_EN) => {
  const n = Number(text(value));
  return n < (field.min ?? -Infinity) || n > (field.max ?? Infinity) ? wholeNumber(field, m) : null;
};

/** Matches the field's SID pattern, e.g. `^WA[0-9a-fA-F]{32}$`. */
export const sid: Validator = (value, field, m = VALIDATION_EN) => {
  if (!field.pattern || new RegExp(field.pattern).test(text(value))) return null;
  const parts = /^\^([A-Z]{2})\[0-9a-fA-F\]\{(\d+)\}\$$/.exec(field.pattern);
  return parts ? m.sid(parts[1], parts[2]) : m.invalid(field.label);
};

/** An absolute http:// or https:// URL. */
export const httpUrl: Validator = (value, _field, m = VALIDATION_EN) => {
  const s = text(value);
  try {
    if (/^https?:\/\/[^/]/i.test(s) && new URL(s).hostname) return null;
  } catch {
    // not a URL
  }
  return m.url;
};

/** The value, or each item of a list, is one of the field's choices. */
export const choice: Validator = (value, field, m = VALIDATION_EN) => {
  const choices = field.choices;
  if (!choices) return null;
  const bad = items(value).find((v) => !choices.some((c) => c.value === v));
  if (bad === undefined) return null;
  const options = choices.length > 8 ? m.listedOptions : choices.map((c) => c.label).join(', ');
  return typeof value === 'object' ? m.notAllowed(bad, options) : m.chooseOne(options);
};

const CONTACT = /^(\+[1-9]\d{1,14}|client:\S+|sips?:[^\s@]+@[^\s@]+)$/;

/** An E.164 number (`+` and 2–15 digits), `client:name` or `sip:user@host`. */
export const contact: Validator = (value, _field, m = VALIDATION_EN) => (CONTACT.test(text(value)) ? null : m.contact);

/** `true` or `false`. */
export const boolean: Validator = (value, _field, m = VALIDATION_EN) =>
  typeof value === 'boolean' || value === 'true' || value === 'false' ? null : m.boolean;

/** List items are not blank and not repeated. */
export const listItems: Validator = (value, _field, m = VALIDATION_EN) => {
  const list = items(value).map((s) => s.trim());
  if (list.includes('')) return m.emptyEntry;
  const dup = list.find((s, i) => list.indexOf(s) !== i);
  return dup === undefined ? null : m.duplicate(dup);
};

/** The rules each kind runs on a filled-in value, in order. */
export const RULES: Readonly<Record<FieldKind, readonly Validator[]>> = {
  text: [],
  integer: [integer, range],
  boolean: [boolean],
  enum: [choice],
  'enum-list': [listItems, choice],
  list: [listItems],
  uri: [httpUrl],
  'http-method': [choice],
  sid: [sid],
  contact: [contact],
};

/** The first message for a field's value, or null when it is valid. Host choices restrict any kind. */
export function validateField(
  field: FieldDescriptor,
  value: FieldValue | undefined,
  messages: ValidationMessages = VALIDATION_EN,
): string | null {
  if (isEmpty(value)) return required(value, field, messages);
  for (const rule of field.choices ? [choice, ...RULES[field.kind]] : RULES[field.kind]) {
    const message = rule(value, field, messages);
    if (message) return message;
  }
  return null;
}
