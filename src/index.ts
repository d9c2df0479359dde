export * from './events/index.js';
export type { Reservation, ReservationStatus, UpdateParams } from './api/types.js';
export { ReservationItem } from './components/reservation-item/reservation-item.js';
export { ReservationPanel } from './components/reservation-panel/reservation-panel.js';
