import { LitElement } from 'lit';

/** The project's base class: every element of the panel extends it. */
export class PanelElement extends LitElement {
  /** Dispatches `event` from this element and returns whether it was not canceled. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }
}
