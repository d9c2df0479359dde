import type { UpdateParams } from '../wire/types.js';

export interface ReservationBeforeUpdateDetail {
  readonly sid: string;
  readonly action: string;
  /** wire name → value; a listener may change it in place */
  readonly params: UpdateParams;
}

/**
 * An update is about to be sent. Cancelable: `preventDefault()` vetoes it. Bubbles and is
 * composed.
 */
export class ReservationBeforeUpdateEvent extends Event {
  static readonly eventName = 'reservation-before-update';
  readonly detail: ReservationBeforeUpdateDetail;

  constructor(detail: ReservationBeforeUpdateDetail) {
    super(ReservationBeforeUpdateEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}
