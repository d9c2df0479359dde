/**
 * What opening a form needs: the full parameter schema (with the spec's help texts), its
 * helpers, and the `<reservation-form>` element. Loaded on demand, the first time a worker
 * opens a form or a host sets `schema`, so the list itself starts small.
 */
// A named re-export: a bare import would be dropped by bundlers honouring `sideEffects`.
export { ReservationForm } from './reservation-form.js';

export { fieldsFor, initialModel, opensForm, resolveSchema, serialize } from '../../schema/index.js';
