export interface ReservationErrorDetail {
  /**
   * `list`: reading the list (or its configuration); `fetch`: reading one reservation, its
   * task, the worker, or a pushed change; `update`: an action, or the host's schema override
   */
  readonly operation: 'list' | 'fetch' | 'update';
  readonly sid?: string;
  readonly action?: string;
  /** HTTP status; 0 when there was no answer (network failure, timeout, configuration) */
  readonly status: number;
  /** Twilio error code, when the server gave one */
  readonly code: number | null;
  readonly message: string;
  readonly moreInfo: string | null;
}

/** A request failed or an action was refused. Bubbles and is composed. */
export class ReservationErrorEvent extends Event {
  static readonly eventName = 'reservation-error';
  readonly detail: ReservationErrorDetail;

  constructor(detail: ReservationErrorDetail) {
    super(ReservationErrorEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
