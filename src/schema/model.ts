/** The form's typed model: empty values, a field's effective value, initial values. */
import type { FieldDescriptor, FieldValue, FormModel } from './schema.types.js';

/** Whether a value counts as not filled in: absent, blank text or an empty list (`false` is a value). */
export function isEmpty(value: unknown): boolean {
  return value == null || (typeof value === 'string' ? !value.trim() : Array.isArray(value) && !value.length);
}

/** The value a field sends: its preset when locked or hidden, else the model's. */
export function fieldValue(field: FieldDescriptor, model: Readonly<FormModel>): FieldValue | undefined {
  return field.locked || field.hidden ? field.value : model[field.name];
}

/** A model holding the fields' preset values (booleans only where a preset sets them). */
export function initialModel(fields: readonly FieldDescriptor[]): FormModel {
  const model: FormModel = {};
  for (const f of fields) {
    if (f.value !== undefined) model[f.name] = typeof f.value === 'object' ? [...f.value] : f.value;
  }
  return model;
}
