/** The typed model → wire params. */
import type { UpdateParams } from '../wire/types.js';
import { fieldValue } from './model.js';
import type { ActionDescriptor, FieldDescriptor, FormModel } from './schema.types.js';

/**
 * The wire params of an action: its fixed params plus every filled-in field of that action
 * (hidden and locked ones with their preset). Booleans become `true`/`false`, lists stay
 * arrays; blank values, empty lists and booleans the user did not set are left out.
 */
export function serialize(action: ActionDescriptor, fields: readonly FieldDescriptor[], model: Readonly<FormModel>): UpdateParams {
  const params: UpdateParams = {};
  for (const f of fields) {
    const v = f.action === action.name ? fieldValue(f, model) : undefined;
    if (v === undefined) continue;
    if (typeof v === 'boolean') params[f.name] = String(v);
    else if (typeof v === 'string') {
      if (v.trim()) params[f.name] = f.kind === 'text' ? v : v.trim();
    } else {
      const list = v.map((s) => s.trim()).filter(Boolean);
      if (list.length) params[f.name] = list;
    }
  }
  return { ...params, ...action.params };
}
