/**
 * The token was refused (401) or has expired and no `tokenProvider` gave a new one. The
 * panel sends nothing until `token` is set again. Bubbles and is composed.
 */
export class ReservationTokenExpiredEvent extends Event {
  static readonly eventName = 'reservation-token-expired';
  readonly detail: Record<string, never> = {};

  constructor() {
    super(ReservationTokenExpiredEvent.eventName, { bubbles: true, composed: true });
  }
}
