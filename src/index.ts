export * from './events/index.js';
export type { Reservation, ReservationStatus, UpdateParams } from './wire/types.js';
export { ReservationItem } from './components/reservation-item/reservation-item.js';
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
export type { ValidationMessages } from './schema/messages.js';
