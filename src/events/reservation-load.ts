import type { Reservation } from '../wire/types.js';

export interface ReservationLoadDetail {
  /** every reservation of the list, in the spec's WorkerReservation shape */
  readonly reservations: readonly Reservation[];
}

/** A list load finished. Bubbles and is composed. */
export class ReservationLoadEvent extends Event {
  static readonly eventName = 'reservation-load';
  readonly detail: ReservationLoadDetail;

  constructor(detail: ReservationLoadDetail) {
    super(ReservationLoadEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
