import type { Reservation, ReservationStatus, Task } from '../wire/types.js';

export interface ReservationStatusChangeDetail {
  readonly sid: string;
  readonly taskSid: string;
  /** null for a reservation that newly appeared after the first load */
  readonly previousStatus: ReservationStatus | null;
  readonly status: ReservationStatus;
  /** the reservation in the spec's WorkerReservation shape (event-bridge payloads normalized to it) */
  readonly reservation: Reservation;
  /** the reservation's task in the spec's Task shape (`attributes` a JSON string), when known */
  readonly task?: Task;
  /** 'action': the user's action in this panel; 'sync': seen on a refresh */
  readonly source: 'action' | 'sync';
}

/** A reservation's status changed. Bubbles and is composed. */
export class ReservationStatusChangeEvent extends Event {
  static readonly eventName = 'reservation-status-change';
  readonly detail: ReservationStatusChangeDetail;

  constructor(detail: ReservationStatusChangeDetail) {
    super(ReservationStatusChangeEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
