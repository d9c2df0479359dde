import type { ReactiveController, ReactiveElement } from 'lit';
import type { ApiError } from '../../connection/errors.js';
import type { ReservationFormCancelEvent, ReservationFormInputEvent, ReservationFormSubmitEvent } from '../../events/internal.js';
import type { PanelStrings } from '../../i18n/strings.js';
import { ACTION_DESCRIPTORS, hasForm } from '../../schema/actions.js';
import type { ActionName, FieldDescriptor, ParameterSchema } from '../../schema/schema.types.js';
import type { StatusChange } from '../../state/reservations.js';
import { RowStates, type RowMessage } from '../../state/row-states.js';
import type { ActionOutcome } from '../../state/session.js';
import type { Activity, Reservation, ReservationStatus, UpdateParams } from '../../wire/types.js';
import { loadFormKit } from '../reservation-form/load.js';

/** What the rows need of their panel. */
export interface RowsApi {
  strings(): PanelStrings;
  /** the reservation with this SID, as last seen */
  reservationOf(sid: string): Reservation | undefined;
  /** the call (`CA…`) of the reservation's task, when its attributes name one */
  callSidOf(sid: string): string | undefined;
  /** the parameter schema in force (loads the form kit) */
  schema(): Promise<ParameterSchema>;
  /** the workspace's activities */
  activities(): Promise<Activity[]>;
  /** sends an action (the host's veto, one request per reservation, the token's rules) */
  perform(reservation: Reservation, action: ActionName, params: UpdateParams): Promise<ActionOutcome>;
  /** the token expired: actions are paused */
  paused(): boolean;
  /** a failed action, for `reservation-error` */
  actionFailed(sid: string, action: ActionName, error: ApiError): void;
}

/** Where focus was in a row: a control to find again when the row is rendered anew. */
interface FocusMark {
  sid: string;
  /** a selector within the row, or `form:<field name>` inside the open form */
  key: string;
  /** the row left the DOM with focus in it (focus waits on the list) */
  parked: boolean;
  /** focus is to move there after the next render (a form opened or closed, an action done) */
  move?: boolean;
}

/**
 * The status an action moves a reservation to when it lands: its `ReservationStatus`, or,
 * for an instruction, accepted (dequeue and conference accept; call and redirect may).
 */
const targetOf = (action: ActionName): ReservationStatus =>
  (ACTION_DESCRIPTORS[action].params.ReservationStatus as ReservationStatus) ?? 'accepted';

/**
 * The agent's work in the rows: actions and their forms, the details disclosure, messages
 * that stay true, and focus that survives re-rendering. Rows are templates of the panel, so
 * every row's events reach this controller through one listener on the list.
 */
export class RowsController implements ReactiveController {
  readonly states = new RowStates();
  private focus: FocusMark | undefined;
  private readonly refs = new Map<string, (el?: Element) => void>();
  private rendering = false;

  constructor(
    private readonly host: ReactiveElement,
    private readonly api: RowsApi,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    this.rendering = true;
  }

  hostUpdated(): void {
    this.rendering = false;
    const mark = this.focus;
    if (mark?.move) {
      mark.move = false;
      this.restoreFocus();
    } else if (mark && !mark.parked && !this.focusInside()) {
      // Focus lost to a re-render (a move, a switch of list kind) goes back where it was.
      this.restoreFocus();
    }
  }

  /** A stable ref callback per row: told when the row's element is rendered and when it goes. */
  rowRef(sid: string): (el?: Element) => void {
    let cb = this.refs.get(sid);
    if (!cb) {
      cb = (el?: Element) => this.rowRendered(sid, el);
      this.refs.set(sid, cb);
    }
    return cb;
  }

  /** Rows no longer listed are forgotten. */
  keep(sids: ReadonlySet<string>): void {
    this.states.keep(sids);
    for (const sid of this.refs.keys()) if (!sids.has(sid)) this.refs.delete(sid);
    if (this.focus && !sids.has(this.focus.sid)) this.focus = undefined;
  }

  /** Statuses changed: forms that no longer apply close (what was typed stays), messages are corrected. */
  statusChanged(changes: readonly StatusChange[]): void {
    const t = this.api.strings();
    for (const { reservation: r, previousStatus } of changes) {
      const s = this.states.peek(r.sid);
      if (!s || previousStatus === null) continue;
      const status = r.reservation_status;
      const label = (a: ActionName) => t.actions[a];
      // A failure that turned out to have landed is corrected; any other failure stays true.
      if (s.message?.kind === 'error' && s.message.action && targetOf(s.message.action) === status) {
        s.message = {
          action: s.message.action,
          text: t.actionLanded(label(s.message.action), t.statuses[status].toLowerCase()),
          kind: 'info',
        };
      } else if (s.message?.kind === 'info') {
        s.message = undefined;
      }
      if (s.open && !ACTION_DESCRIPTORS[s.open.action].statuses.includes(status) && s.busy !== s.open.action) {
        const closed = t.formClosed(label(s.open.action), t.statuses[status].toLowerCase());
        s.message = { action: s.open.action, text: s.message ? `${s.message.text} ${closed}` : closed, kind: s.message?.kind ?? 'info' };
        const hadFocus = this.focus?.sid === r.sid;
        s.open = undefined;
        // Focus was in the form: it stays in this reservation, on the explanation.
        if (hadFocus) this.focus = { sid: r.sid, key: '.message', parked: false, move: true };
      }
    }
    this.host.requestUpdate();
  }

  // ---- events from the list (delegated) ---------------------------------------------

  readonly handleClick = (event: MouseEvent) => {
    const target = event.target as Element;
    const row = target.closest<HTMLElement>('[data-reservation-sid]');
    if (!row) return;
    const sid = row.dataset.reservationSid!;
    const button = target.closest<HTMLElement>('[data-action], [data-details]');
    if (!button) return;
    if (button.hasAttribute('data-details')) {
      const s = this.states.of(sid);
      s.expanded = !s.expanded;
      this.host.requestUpdate();
      return;
    }
    void this.handleAction(sid, button.dataset.action as ActionName);
  };

  readonly handleSubmit = (event: ReservationFormSubmitEvent) => {
    event.stopPropagation();
    const sid = this.sidOf(event);
    const open = sid ? this.states.peek(sid)?.open : undefined;
    if (sid && open) void this.run(sid, open.action, event.detail.params);
  };

  readonly handleCancel = (event: ReservationFormCancelEvent) => {
    event.stopPropagation();
    const sid = this.sidOf(event);
    const s = sid ? this.states.peek(sid) : undefined;
    if (!sid || !s?.open) return;
    const action = s.open.action;
    s.open = undefined;
    delete s.drafts[action];
    s.message = undefined;
    this.focus = { sid, key: `[data-action="${action}"]`, parked: false, move: true };
    this.host.requestUpdate();
  };

  readonly handleInput = (event: ReservationFormInputEvent) => {
    event.stopPropagation();
    const sid = this.sidOf(event);
    const s = sid ? this.states.peek(sid) : undefined;
    if (s?.open) s.drafts[s.open.action] = event.detail.model;
  };

  readonly handleFocusIn = (event: FocusEvent) => {
    const path = event.composedPath();
    const row = path.find((n): n is HTMLElement => n instanceof HTMLElement && n.hasAttribute('data-reservation-sid'));
    if (!row) {
      // Focus on the list itself while a row is away keeps the mark; anywhere else is the user's choice.
      if (!this.focus?.parked) this.focus = undefined;
      return;
    }
    const sid = row.dataset.reservationSid!;
    const inner = path[0] as HTMLElement;
    const form = path.find((n) => n instanceof HTMLElement && n.localName === 'reservation-form');
    let key = '.head';
    if (form) key = `form:${inner.getAttribute?.('name') ?? ''}`;
    else if (inner.dataset?.action) key = `[data-action="${inner.dataset.action}"]`;
    else if (inner.hasAttribute?.('data-details')) key = '[data-details]';
    else if (inner.classList?.contains('message')) key = '.message';
    this.focus = { sid, key, parked: false };
  };

  readonly handleFocusOut = (event: FocusEvent) => {
    const target = event.composedPath()[0] as Element;
    if (this.rendering || event.relatedTarget) return;
    // Focus that left because its element left the DOM is kept; a user who clicked elsewhere let go of it.
    queueMicrotask(() => {
      if (target.isConnected && this.focus && !this.focus.parked && !this.focusInside()) this.focus = undefined;
    });
  };

  // ---- actions ----------------------------------------------------------------------

  private async handleAction(sid: string, action: ActionName) {
    const s = this.states.of(sid);
    if (s.busy || this.api.paused()) return;
    if (!hasForm(action)) return this.run(sid, action, {});
    let kit: Awaited<ReturnType<typeof loadFormKit>>;
    let schema: ParameterSchema;
    try {
      [kit, schema] = await Promise.all([loadFormKit(), this.api.schema()]);
    } catch (e) {
      s.message = { action, text: this.api.strings().formLoadFailed((e as Error).message), kind: 'error' };
      this.host.requestUpdate();
      return;
    }
    let fields = kit.fieldsFor(schema, action);
    let note: RowMessage | undefined;
    if (action === 'reject') ({ fields, note } = await this.withActivities(fields));
    if (action === 'redirect') fields = this.withCallSid(sid, fields);
    if (!kit.opensForm(schema, action)) {
      return this.run(sid, action, kit.serialize(schema.actions[action], fields, kit.initialModel(fields)));
    }
    // what the form must say from the start (the activities could not be read), else nothing
    s.message = note;
    s.open = { action, fields };
    this.focus = { sid, key: 'form:', parked: false, move: true };
    this.host.requestUpdate();
  }

  /**
   * The Reject form offers the workspace's activities by name, unless the host's schema gives
   * its own choices. When they cannot be read, the form says so (and keeps a SID field).
   */
  private async withActivities(fields: FieldDescriptor[]): Promise<{ fields: FieldDescriptor[]; note?: RowMessage }> {
    const field = fields.find((f) => f.name === 'WorkerActivitySid');
    if (!field || field.choices || field.hidden || field.locked) return { fields };
    try {
      const activities = await this.api.activities();
      const choices = activities.map((a) => ({ value: a.sid, label: a.friendly_name }));
      return { fields: fields.map((f) => (f === field ? { ...f, choices } : f)) };
    } catch (e) {
      return { fields, note: { action: 'reject', text: this.api.strings().activitiesFailed((e as Error).message), kind: 'error' } };
    }
  }

  /** The Redirect form starts with the call of a voice task (its attributes' `call_sid`), unless the host's schema presets one. */
  private withCallSid(sid: string, fields: FieldDescriptor[]): FieldDescriptor[] {
    const call = this.api.callSidOf(sid);
    if (!call) return fields;
    return fields.map((f) => (f.name === 'RedirectCallSid' && f.value === undefined && !f.hidden ? { ...f, value: call } : f));
  }

  private async run(sid: string, action: ActionName, params: UpdateParams) {
    const r = this.api.reservationOf(sid);
    const s = this.states.of(sid);
    if (!r || s.busy) return;
    s.busy = action;
    s.message = undefined;
    this.host.requestUpdate();
    const outcome = await this.api.perform(r, action, params);
    s.busy = undefined;
    const t = this.api.strings();
    if (outcome.ok) {
      if (s.open?.action === action) s.open = undefined;
      delete s.drafts[action];
      if (this.focus?.sid === sid) this.focus = { sid, key: '[data-action]', parked: false, move: true };
    } else if (outcome.message) {
      s.message = { action, text: outcome.error ? t.actionFailed(t.actions[action], outcome.message) : outcome.message, kind: 'error' };
      if (outcome.error) this.api.actionFailed(sid, action, outcome.error);
    }
    this.host.requestUpdate();
  }

  // ---- focus ------------------------------------------------------------------------

  private sidOf(event: Event): string | undefined {
    return (event.target as Element).closest<HTMLElement>('[data-reservation-sid]')?.dataset.reservationSid;
  }

  private get root(): ShadowRoot {
    return this.host.shadowRoot!;
  }

  private focusInside(): boolean {
    const active = this.root.activeElement;
    return !!active && !active.matches('[part~="list"]');
  }

  /** A row was rendered (`el`) or left the DOM: focus that was in it follows it. */
  private rowRendered(sid: string, el: Element | undefined) {
    const mark = this.focus;
    if (!mark || mark.sid !== sid) return;
    if (!el) {
      // Told before the row's nodes go: look once they are gone.
      queueMicrotask(() => {
        if (this.focus !== mark || (this.root.activeElement && !this.root.activeElement.matches('[part~="list"]'))) return;
        // The row with focus went out of the DOM (scrolled out of a virtual list): focus waits on the list.
        mark.parked = true;
        this.root.querySelector<HTMLElement>('[part~="list"]')?.focus({ preventScroll: true });
      });
      return;
    }
    if (mark.parked) {
      void this.host.updateComplete.then(() => {
        if (this.focus !== mark) return;
        const active = this.root.activeElement;
        if (active && !active.matches('[part~="list"]')) return;
        mark.parked = false;
        this.restoreFocus();
      });
    }
  }

  /** Puts focus back on the marked control of its row, if the row is in the DOM. */
  private restoreFocus() {
    const mark = this.focus;
    if (!mark) return;
    const row = this.root.querySelector<HTMLElement>(`[data-reservation-sid="${mark.sid}"]`);
    if (!row) return;
    if (mark.key.startsWith('form:')) {
      const form = row.querySelector('reservation-form');
      if (form) {
        const name = mark.key.slice(5);
        void form.updateComplete.then(() => (name ? form.focusControl(name) : form.focus()));
        return;
      }
    }
    const target =
      (mark.key.startsWith('form:') ? null : row.querySelector<HTMLElement>(mark.key)) ??
      row.querySelector<HTMLElement>('[part~="actions"] button') ??
      row.querySelector<HTMLElement>('.head');
    target?.focus({ preventScroll: true });
  }
}
