import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Reservation } from '../../api/types.js';
import { PanelElement } from '../../base/panel-element.js';
import { formatAge, STATUS_LABELS } from '../../state/format.js';
import { hostStyles } from '../../styles/host.styles.js';
import { itemStyles } from './reservation-item.styles.js';

/**
 * @summary One reservation: its status, task, worker and age, and what the worker can do.
 *
 * @csspart base - the reservation's box
 */
@customElement('reservation-item')
export class ReservationItem extends PanelElement {
  static override styles = [hostStyles, itemStyles];

  /** The reservation, exactly as the API returned it. */
  @property({ attribute: false }) reservation?: Reservation;

  /** The current time (ms since the epoch), from the panel's one clock. */
  @property({ attribute: false }) now = Date.now();

  override render() {
    const r = this.reservation;
    if (!r) return null;
    const created = Date.parse(r.date_created);
    return html`<div part="base" class="base">
      <h3 class="head" id="heading">
        <span class="status">${STATUS_LABELS[r.reservation_status] ?? r.reservation_status}</span>
        <span class="task"><span class="visually-hidden">Task </span>${r.task_sid}</span>
      </h3>
      <dl class="meta">
        <div><dt>Worker</dt><dd>${r.worker_name}</dd></div>
        <div>
          <dt>Age</dt>
          <dd><time datetime=${r.date_created}>${Number.isNaN(created) ? '' : formatAge(this.now - created)}</time></dd>
        </div>
      </dl>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reservation-item': ReservationItem;
  }
}
