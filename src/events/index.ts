import { ReservationBeforeUpdateEvent } from './reservation-before-update.js';
import { ReservationErrorEvent } from './reservation-error.js';
import { ReservationLoadEvent } from './reservation-load.js';
import { ReservationStatusChangeEvent } from './reservation-status-change.js';
import { ReservationTokenExpiredEvent } from './reservation-token-expired.js';

export * from './reservation-before-update.js';
export * from './reservation-error.js';
export * from './reservation-load.js';
export * from './reservation-status-change.js';
export * from './reservation-token-expired.js';

/** The name of every public event the panel fires, in the order of the contract. */
export const RESERVATION_EVENT_NAMES = [
  ReservationLoadEvent.eventName,
  ReservationStatusChangeEvent.eventName,
  ReservationBeforeUpdateEvent.eventName,
  ReservationErrorEvent.eventName,
  ReservationTokenExpiredEvent.eventName,
] as const;

declare global {
  interface GlobalEventHandlersEventMap {
    'reservation-load': ReservationLoadEvent;
    'reservation-status-change': ReservationStatusChangeEvent;
    'reservation-before-update': ReservationBeforeUpdateEvent;
    'reservation-error': ReservationErrorEvent;
    'reservation-token-expired': ReservationTokenExpiredEvent;
  }
}
