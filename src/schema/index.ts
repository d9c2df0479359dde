/** The parameter schema of the action forms: types, default schema, queries, validation, serialization. */
export * from './schema.types.js';
export { ACTION_DESCRIPTORS, actionsForStatus, offeredActions } from './actions.js';
export { DEFAULT_SCHEMA, FIXED_PARAMS, actionOf, choiceLabel, kindOf, plainText } from './default-schema.js';
export { DOC_DEFAULTS, DOC_ENUMS, DOC_RANGES, REQUIRED_BY_INSTRUCTION } from '../wire/doc-facts.js';
export { fieldValue, initialModel, isEmpty } from './model.js';
export { actionsFor, applyOverride, fieldsFor, opensForm, resolveSchema } from './normalize.js';
export { serialize, toFormBody } from './serialize.js';
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
  validateAll,
  validateField,
  type Validator,
} from './validators.js';
export { VALIDATION_EN, type ValidationMessages } from './messages.js';
