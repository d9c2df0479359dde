import type { UpdateParams } from '../wire/types.js';

/**
 * A form inside a reservation passed validation and asks to send its action. Internal:
 * bubbles inside the panel's shadow tree only (not composed).
 */
export class ReservationFormSubmitEvent extends Event {
  static readonly eventName = 'reservation-form-submit';
  readonly detail: { readonly params: UpdateParams };

  constructor(params: UpdateParams) {
    super(ReservationFormSubmitEvent.eventName, { bubbles: true });
    this.detail = { params };
  }
}

/** A form inside a reservation was closed with Cancel or Escape. Internal, not composed. */
export class ReservationFormCancelEvent extends Event {
  static readonly eventName = 'reservation-form-cancel';

  constructor() {
    super(ReservationFormCancelEvent.eventName, { bubbles: true });
  }
}
