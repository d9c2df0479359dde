import { consume } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Reservation, UpdateParams } from '../../wire/types.js';
import { PanelElement } from '../../base/panel-element.js';
import type { ReservationFormSubmitEvent } from '../../events/internal.js';
import { ACTION_DESCRIPTORS, actionsForStatus } from '../../schema/actions.js';
import type { ActionName, FieldDescriptor } from '../../schema/schema.types.js';
import { actionsContext, stringsContext, type Localization, type ReservationActions } from '../../state/contexts.js';
import { formatAge, formatCountdown } from '../../state/format.js';
import { hostStyles } from '../../styles/host.styles.js';
import { EN } from '../../i18n/strings.js';
import { loadFormKit } from '../reservation-form/load.js';
import { itemActionStyles, itemStyles } from './reservation-item.styles.js';

/**
 * @summary One reservation: its status, task, worker and age, and the actions valid for it.
 *
 * @csspart base - the reservation's box
 * @csspart actions - the row of action buttons
 * @csspart error - a message about the last action
 * @csspart countdown - time left to answer a pending reservation (with `data-warning="true"` near the end)
 */
@customElement('reservation-item')
export class ReservationItem extends PanelElement {
  static override styles = [hostStyles, itemStyles, itemActionStyles];

  @consume({ context: actionsContext, subscribe: true })
  @state()
  private actions?: ReservationActions;

  @consume({ context: stringsContext, subscribe: true })
  @state()
  private l10n?: Localization;

  /** The reservation, exactly as the API returned it. */
  @property({ attribute: false }) reservation?: Reservation;

  /** The current time (ms since the epoch), from the panel's one clock. */
  @property({ attribute: false }) now = Date.now();

  /** How long a pending reservation lives, in ms (0: unknown, no countdown). */
  @property({ attribute: false }) timeoutMs = 0;

  /** the action whose form is open */
  @state() private open?: ActionName;
  /** the open form's fields */
  @state() private fields: readonly FieldDescriptor[] = [];
  /** the action being sent */
  @state() private busy?: ActionName;
  @state() private message = '';

  protected override willUpdate(changed: PropertyValues<this>) {
    const r = this.reservation;
    if (changed.has('reservation') && r && this.open && this.actions) {
      const valid = actionsForStatus(this.actions.offered, r.reservation_status).some((a) => a.name === this.open);
      if (!valid) {
        const t = this.t;
        const closed = t.formClosed(t.actions[this.open], t.statuses[r.reservation_status].toLowerCase());
        this.message = this.message ? `${this.message} ${closed}` : closed;
        // Focus was in the form: keep it in this reservation, on the explanation.
        const hadFocus = this.matches(':focus-within');
        this.open = undefined;
        if (hadFocus) {
          void this.updateComplete.then(() =>
            (this.renderRoot.querySelector<HTMLElement>('[part~="error"]') ?? this.renderRoot.querySelector<HTMLElement>('#heading'))?.focus(),
          );
        }
      }
    }
  }

  private async run(action: ActionName, params: UpdateParams) {
    const r = this.reservation;
    if (!r || !this.actions || this.busy) return;
    const hadFocus = this.matches(':focus-within');
    this.busy = action;
    this.message = '';
    const result = await this.actions.perform(r, action, params);
    this.busy = undefined;
    if (result.ok) {
      this.open = undefined;
      if (hadFocus) {
        await this.updateComplete;
        (this.renderRoot.querySelector<HTMLElement>('[part~="actions"] button') ?? this.renderRoot.querySelector<HTMLElement>('#heading'))?.focus();
      }
    } else {
      this.message = result.message ?? '';
    }
  }

  private async handleAction(action: ActionName) {
    const actions = this.actions;
    if (!actions || this.busy) return;
    const descriptor = ACTION_DESCRIPTORS[action];
    // Accept, Wrap up and Complete send their fixed params at once; the others need the schema.
    if (!descriptor.form) return this.run(action, { ...descriptor.params });
    let kit: Awaited<ReturnType<typeof loadFormKit>>;
    let schema: Awaited<ReturnType<ReservationActions['schema']>>;
    try {
      [kit, schema] = await Promise.all([loadFormKit(), actions.schema()]);
    } catch (e) {
      this.message = this.t.formLoadFailed((e as Error).message);
      return;
    }
    const fields = kit.fieldsFor(schema, action);
    if (!kit.opensForm(schema, action)) {
      return this.run(action, kit.serialize(schema.actions[action], fields, kit.initialModel(fields)));
    }
    this.message = '';
    this.fields = fields;
    this.open = action;
    await this.updateComplete;
    this.renderRoot.querySelector('reservation-form')?.focus();
  }

  private handleSubmit(event: ReservationFormSubmitEvent) {
    event.stopPropagation();
    if (this.open) void this.run(this.open, event.detail.params);
  }

  private handleCancel(event: Event) {
    event.stopPropagation();
    const action = this.open;
    this.open = undefined;
    this.message = '';
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-action="${action}"]`)?.focus(),
    );
  }

  private renderActions(r: Reservation) {
    const actions = this.actions;
    if (!actions) return nothing;
    if (this.open) {
      return html`<reservation-form
        .action=${{ ...ACTION_DESCRIPTORS[this.open], label: this.t.actions[this.open] }}
        .fields=${this.fields}
        .serverError=${this.message}
        ?busy=${this.busy === this.open}
        @reservation-form-submit=${this.handleSubmit}
        @reservation-form-cancel=${this.handleCancel}
      ></reservation-form>`;
    }
    const available = actionsForStatus(actions.offered, r.reservation_status);
    return html`${available.length
        ? html`<div part="actions" class="actions">
            ${available.map(
              (a) =>
                html`<button
                  type="button"
                  data-action=${a.name}
                  aria-disabled=${this.busy ? 'true' : 'false'}
                  @click=${() => void this.handleAction(a.name)}
                >
                  ${this.t.actions[a.name]}
                </button>`,
            )}
          </div>`
        : nothing}
      ${this.message ? html`<p part="error" class="error" role="alert" tabindex="-1">${this.message}</p>` : nothing}`;
  }

  private get t() {
    return this.l10n?.strings ?? EN;
  }

  /** Time left to answer a pending reservation, when its timeout is known. */
  private renderCountdown(r: Reservation, created: number) {
    if (r.reservation_status !== 'pending' || !(this.timeoutMs > 0) || Number.isNaN(created)) return nothing;
    const left = Math.max(0, created + this.timeoutMs - this.now);
    const warning = left <= Math.max(15_000, this.timeoutMs / 5);
    return html`<div>
      <dt>${this.t.timeLeft}</dt>
      <dd>
        <span part="countdown" class=${warning ? 'countdown warning' : 'countdown'} role="timer" data-warning=${warning ? 'true' : 'false'}
          >${formatCountdown(left)}</span
        >
      </dd>
    </div>`;
  }

  override render() {
    const r = this.reservation;
    if (!r) return null;
    const created = Date.parse(r.date_created);
    const t = this.t;
    return html`<div part="base" class="base" aria-busy=${this.busy ? 'true' : 'false'}>
      <div class="head" id="heading" tabindex="-1">
        <span class="status">${t.statuses[r.reservation_status] ?? r.reservation_status}</span>
        <span class="task"><span class="visually-hidden">${t.task} </span><bdi>${r.task_sid}</bdi></span>
      </div>
      <dl class="meta">
        <div><dt>${t.worker}</dt><dd><bdi>${r.worker_name}</bdi></dd></div>
        <div>
          <dt>${t.age}</dt>
          <dd>
            <bdi><time datetime=${r.date_created}>${Number.isNaN(created) ? '' : formatAge(this.now - created, this.l10n?.locale)}</time></bdi>
          </dd>
        </div>
        ${this.renderCountdown(r, created)}
      </dl>
      ${this.renderActions(r)}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reservation-item': ReservationItem;
  }
}
