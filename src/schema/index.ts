/** The parameter schema of the action forms: types, default schema, queries, validation, serialization. */
export * from './schema.types.js';
export { ACTION_DESCRIPTORS, FIXED_PARAMS, actionOf, actionsForStatus, hasForm, offeredActions } from './actions.js';
export { DEFAULT_SCHEMA, choiceLabel, kindOf, plainText } from './default-schema.js';
export { DOC_DEFAULTS, DOC_ENUMS, DOC_RANGES, REQUIRED_BY_INSTRUCTION } from '../wire/doc-facts.js';
export { fieldValue, initialModel, isEmpty } from './model.js';
export { fieldsFor, opensForm } from './queries.js';
export { applyOverride, resolveSchema } from './override.js';
export { serialize } from './serialize.js';
export {
  RULES,
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
} from './validators.js';
export { VALIDATION_EN, type ValidationMessages } from './messages.js';
