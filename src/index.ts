export * from './events/index.js';
export type { Activity, Reservation, ReservationStatus, Task, UpdateParams, Worker } from './wire/types.js';
export { ReservationPanel } from './components/reservation-panel/reservation-panel.js';
export type {
  ActionName,
  FieldDescriptor,
  FieldOverride,
  ParameterSchema,
  SchemaOverride,
} from './schema/index.js';
export { provideReservationConfig, type ProvidedConfig } from './provide.js';
export { hostContext, type HostConfig } from './state/contexts.js';
export { EN, withStrings, type PanelStrings } from './i18n/strings.js';
export type { TaskSummary, TaskSummaryFn } from './state/task-summary.js';
export { VERSION } from './version.js';
export type { ValidationMessages } from './schema/messages.js';
