/** Pure queries over a parameter schema. No Lit, no DOM. */
import { hasForm } from './actions.js';
import type { ActionName, FieldDescriptor, ParameterSchema } from './schema.types.js';

/**
 * The fields of an action's form, in order, hidden ones included (flagged `hidden`: not
 * rendered, but their preset is sent).
 */
export function fieldsFor(schema: ParameterSchema, action: ActionName): FieldDescriptor[] {
  return schema.fields.filter((f) => f.action === action);
}

/** Whether an action opens a form: it has fields and one of them is visible. Else it acts at once. */
export function opensForm(schema: ParameterSchema, action: ActionName): boolean {
  return hasForm(action) && fieldsFor(schema, action).some((f) => !f.hidden);
}
