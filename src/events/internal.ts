import type { FormModel } from '../schema/schema.types.js';
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

/** What was typed into a form inside a reservation changed. Internal, not composed. */
export class ReservationFormInputEvent extends Event {
  static readonly eventName = 'reservation-form-input';
  readonly detail: { readonly model: FormModel };

  constructor(model: FormModel) {
    super(ReservationFormInputEvent.eventName, { bubbles: true });
    this.detail = { model };
  }
}
