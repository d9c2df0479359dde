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

declare global {
  interface GlobalEventHandlersEventMap {
    'reservation-load': ReservationLoadEvent;
    'reservation-status-change': ReservationStatusChangeEvent;
    'reservation-before-update': ReservationBeforeUpdateEvent;
    'reservation-error': ReservationErrorEvent;
    'reservation-token-expired': ReservationTokenExpiredEvent;
  }
}
