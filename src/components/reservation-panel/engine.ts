/**
 * What a panel does once it has somewhere to connect and a token: its session (connection,
 * token, feed), its rows and the agent's work in them, and everything it renders from data.
 * Loaded on demand, beside the connection's own code, so the first bundle holds only what a
 * panel shows before it has data.
 */
import { html, nothing, type ReactiveElement } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ApiError } from '../../connection/errors.js';
import {
  ReservationBeforeUpdateEvent,
  ReservationErrorEvent,
  ReservationLoadEvent,
  ReservationStatusChangeEvent,
  ReservationTokenExpiredEvent,
  type ReservationErrorDetail,
} from '../../events/index.js';
import type { PanelStrings } from '../../i18n/strings.js';
import { actionsForStatus } from '../../schema/actions.js';
import type { ActionName, ParameterSchema } from '../../schema/schema.types.js';
import { displayOrder, type StatusChange } from '../../state/reservations.js';
import { PanelSession, type SessionEvent, type SessionInput } from '../../state/session.js';
import { attributesOf, channelOf, defaultSummary, plainSummary, type TaskSummary, type TaskSummaryFn } from '../../state/task-summary.js';
import type { Reservation, ReservationStatus, Task } from '../../wire/types.js';
import { rowStyles } from './rows.styles.js';
import { RowsController } from './rows-controller.js';
import { channelName, clip, renderRow, type RowsContext } from './rows.js';

/** Longer lists are virtualized: only the rows in view are in the DOM. */
export const VIRTUALIZE_ABOVE = 100;
/** Rows shown while the virtualizer loads. */
const FIRST_ROWS = 20;

type Virtualize = (list: readonly Reservation[], row: (r: Reservation, i: number) => unknown) => unknown;
let virtualizeLoading: Promise<Virtualize> | undefined;

/** Loads the virtualizer and its flow layout together (one round trip, not two). */
function loadVirtualize(): Promise<Virtualize> {
  return (virtualizeLoading ??= Promise.all([
    import('@lit-labs/virtualizer/virtualize.js'),
    import('@lit-labs/virtualizer/layouts/flow.js'),
  ]).then(
    ([{ virtualize }, { flow }]) =>
      (list, row) =>
        virtualize({ items: list as Reservation[], keyFunction: (r) => r.sid, renderItem: row as never, layout: flow() }),
  ));
}

/** Host `taskSummary` functions that threw (and were reported). */
const failedHooks = new WeakSet<TaskSummaryFn>();

/** What the engine needs of its panel. */
export interface EngineHost {
  readonly element: ReactiveElement;
  strings(): PanelStrings;
  locale(): string;
  /** dispatches a public event from the panel; false when a listener canceled it */
  emit(event: Event): boolean;
  /** the parameter schema in force (loads the form kit) */
  schema(): Promise<ParameterSchema>;
  /** the host's `taskSummary` */
  taskSummary(): TaskSummaryFn | undefined;
  /** the `status` filter and `reservation-timeout` (seconds) */
  status(): ReservationStatus | undefined;
  reservationTimeout(): number;
  offered(): readonly ActionName[];
  /** the server's time now, ms */
  now(): number;
  /** a fresh token from the provider becomes the panel's `token` */
  renewed(token: string): void;
}

export class PanelEngine {
  readonly session: PanelSession;
  private readonly rows: RowsController;
  private expired = false;
  /** the last status change, for the polite live region */
  private announcement = '';
  private virtualize?: Virtualize;
  private order?: { version: number; timeout: number; length: number; ordered: Reservation[]; firstFinished: number };
  /** summaries made, by task then reservation, for the strings and hook in force */
  private summaries: { strings?: PanelStrings; hook?: TaskSummaryFn; byTask: WeakMap<Task, WeakMap<Reservation, TaskSummary>> } = {
    byTask: new WeakMap(),
  };

  constructor(private readonly host: EngineHost) {
    // The rows' styles come with the rows.
    const root = host.element.renderRoot as ShadowRoot;
    if (rowStyles.styleSheet && !root.adoptedStyleSheets.includes(rowStyles.styleSheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, rowStyles.styleSheet];
    }
    this.session = new PanelSession({
      strings: () => host.strings(),
      notify: (event) => this.handleSession(event),
      renewed: (token) => host.renewed(token),
    });
    this.rows = new RowsController(host.element, {
      strings: () => host.strings(),
      paused: () => this.expired,
      reservationOf: (sid) => this.session.feed?.reservations?.find((r) => r.sid === sid),
      callSidOf: (sid) => {
        const feed = this.session.feed;
        const r = feed?.reservations?.find((x) => x.sid === sid);
        const task = r && feed?.tasks.get(r.task_sid);
        const call = task && attributesOf(task).call_sid;
        return typeof call === 'string' && /^CA[0-9a-fA-F]{32}$/.test(call) ? call : undefined;
      },
      schema: () => host.schema(),
      activities: () => this.session.feed?.activities() ?? Promise.reject(new Error(host.strings().notConnected)),
      perform: (reservation, action, params) =>
        this.session.perform(reservation, action, params, (p) =>
          host.emit(new ReservationBeforeUpdateEvent({ sid: reservation.sid, action, params: p })),
        ),
      actionFailed: (sid, action, error) => host.emit(new ReservationErrorEvent({ ...errorDetail('update', error), sid, action })),
    });
  }

  configure(input: SessionInput): void {
    this.session.configure(input);
  }

  /** Whether the panel is in the states a host can style: loading, empty, error. */
  get states(): { loading: boolean; empty: boolean; error: boolean } {
    const feed = this.session.feed;
    return { loading: !!feed?.loading, empty: feed?.reservations?.length === 0, error: !!feed?.error };
  }

  private handleSession(event: SessionEvent) {
    const host = this.host;
    host.element.requestUpdate();
    switch (event.type) {
      case 'load':
        host.emit(new ReservationLoadEvent({ reservations: event.reservations }));
        break;
      case 'changes':
        for (const { reservation: r, previousStatus } of event.changes) {
          const task = this.session.feed?.tasks.get(r.task_sid);
          host.emit(
            new ReservationStatusChangeEvent({
              sid: r.sid,
              taskSid: r.task_sid,
              previousStatus,
              status: r.reservation_status,
              reservation: r,
              ...(task && { task }),
              source: event.source,
            }),
          );
        }
        this.rows.statusChanged(event.changes);
        this.announce(event.changes);
        break;
      case 'error':
        host.emit(new ReservationErrorEvent({ ...errorDetail(event.operation, event.error), ...(event.sid && { sid: event.sid }) }));
        break;
      case 'config-error':
        host.emit(new ReservationErrorEvent({ operation: 'list', status: 0, code: null, message: event.message, moreInfo: null }));
        break;
      case 'expired':
        this.expired = true;
        host.emit(new ReservationTokenExpiredEvent());
        break;
      case 'resumed':
        this.expired = false;
        break;
    }
  }

  /** Tells screen-reader users, politely, what changed. */
  private announce(changes: readonly StatusChange[]) {
    const t = this.host.strings();
    const parts = changes.map(({ reservation: r, previousStatus }) => {
      const status = t.statuses[r.reservation_status].toLowerCase();
      const title = clip(this.summaryOf(r, this.session.feed?.tasks.get(r.task_sid)).title, 200);
      return previousStatus === null ? t.announceNew(status, title) : t.announceStatus(title, status);
    });
    this.announcement = parts.length > 3 ? t.announceMany(parts.length) : parts.join(' ');
  }

  /** What a row says of its task: the host's `taskSummary` (plain strings), else the default rules. */
  private summaryOf(r: Reservation, task: Task | undefined): TaskSummary {
    const t = this.host.strings();
    if (!task) return { title: `${t.task} ${r.task_sid}` };
    const hook = this.host.taskSummary();
    // Made once per task, reservation, hook and strings (not on every tick of the clock).
    if (this.summaries.strings !== t || this.summaries.hook !== hook) this.summaries = { strings: t, hook, byTask: new WeakMap() };
    let byReservation = this.summaries.byTask.get(task);
    if (!byReservation) this.summaries.byTask.set(task, (byReservation = new WeakMap()));
    let summary = byReservation.get(r);
    if (!summary) byReservation.set(r, (summary = this.makeSummary(r, task, t, hook)));
    return summary;
  }

  private makeSummary(r: Reservation, task: Task, t: PanelStrings, hook: TaskSummaryFn | undefined): TaskSummary {
    const fallback = defaultSummary(task, (channel) => channelName(t, channel));
    if (!hook) return fallback;
    try {
      return plainSummary(hook(task, r), fallback);
    } catch (e) {
      // Told once per hook, not on every render.
      if (!failedHooks.has(hook)) console.error('taskSummary threw; the default summary is shown:', e);
      failedHooks.add(hook);
      return fallback;
    }
  }

  // ---- render -----------------------------------------------------------------------

  private renderHeader() {
    const feed = this.session.feed;
    const worker = feed?.worker;
    if (!worker) return nothing;
    const t = this.host.strings();
    const reconnecting = this.session.config.ok && this.session.config.kind === 'twilio' && !feed.live && feed.reservations;
    return html`<div part="header" class="header">
      <span class="worker" title=${worker.friendly_name}><bdi>${worker.friendly_name}</bdi></span>
      ${
        worker.activity_name
          ? html`<span class=${worker.available ? 'activity available' : 'activity'}
              ><span class="visually-hidden">${t.activity}: </span><bdi>${worker.activity_name}</bdi></span
            >`
          : nothing
      }
      ${reconnecting ? html`<span class="live" role="status">${t.reconnecting}</span>` : nothing}
    </div>`;
  }

  private renderError(error: ApiError, stale: boolean) {
    const t = this.host.strings();
    return html`<div part="notice" class="notice error" role="alert">
      <span>${stale ? t.refreshFailed(error.message) : t.loadFailed(error.message)}</span>
      <button type="button" @click=${() => void this.session.refresh()}>${t.retry}</button>
    </div>`;
  }

  private renderList(list: readonly Reservation[]) {
    const feed = this.session.feed!;
    const host = this.host;
    const seconds = Number(host.reservationTimeout());
    const timeout = seconds > 0 ? seconds * 1000 : 0;
    const timeoutOf = (r: Reservation) => (feed.timeoutOf(r.sid) ?? 0) * 1000 || timeout;
    if (this.order?.version !== feed.version || this.order.timeout !== timeout || this.order.length !== list.length) {
      this.order = { version: feed.version, timeout, length: list.length, ...displayOrder(list, timeoutOf) };
      this.rows.keep(new Set(list.map((r) => r.sid)));
    }
    const { ordered, firstFinished } = this.order;
    const t = host.strings();
    const offered = host.offered();
    const context: RowsContext = { t, locale: host.locale(), now: host.now(), paused: this.expired, pausedReasonId: 'expired-notice' };
    const row = (r: Reservation, i: number) => {
      const task = feed.tasks.get(r.task_sid);
      return renderRow(context, {
        reservation: r,
        task,
        taskLoading: feed.tasks.isLoading(r.task_sid),
        taskError: feed.tasks.errorOf(r.task_sid),
        summary: this.summaryOf(r, task),
        channel: channelOf(task),
        state: this.rows.states.peek(r.sid),
        actions: actionsForStatus(offered, r.reservation_status),
        timeoutMs: timeoutOf(r),
        firstFinished: i === firstFinished && i > 0,
        position: i + 1,
        count: ordered.length,
        rowRef: this.rows.rowRef(r.sid),
      });
    };
    const long = ordered.length > VIRTUALIZE_ABOVE;
    if (long && !this.virtualize) {
      void loadVirtualize().then((v) => {
        this.virtualize = v;
        host.element.requestUpdate();
      });
    }
    const rows =
      long && this.virtualize ? this.virtualize(ordered, row) : repeat(long ? ordered.slice(0, FIRST_ROWS) : ordered, (r) => r.sid, row);
    return html`<ul
      part="list"
      class=${long ? 'list virtual' : 'list'}
      tabindex="-1"
      aria-label=${t.reservations}
      aria-busy=${feed.loading ? 'true' : 'false'}
      @click=${this.rows.handleClick}
      @focusin=${this.rows.handleFocusIn}
      @focusout=${this.rows.handleFocusOut}
      @reservation-form-submit=${this.rows.handleSubmit}
      @reservation-form-cancel=${this.rows.handleCancel}
      @reservation-form-input=${this.rows.handleInput}
    >
      ${rows}
    </ul>`;
  }

  private renderBody() {
    const t = this.host.strings();
    const config = this.session.config;
    if (!config.ok) {
      return config.waiting
        ? html`<p part="notice" class="notice muted" role="status">${t.waitingForToken}</p>`
        : html`<p part="notice" class="notice error" role="alert">${config.message}</p>`;
    }
    const feed = this.session.feed;
    const list = feed?.reservations;
    const expired = this.expired
      ? html`<p part="notice" class="notice error" role="alert" id="expired-notice">${list ? t.expiredPaused : t.expiredWaiting}</p>`
      : nothing;
    if (!list) {
      if (this.expired) return expired;
      if (feed?.error) return this.renderError(feed.error, false);
      return html`<p part="notice" class="notice muted" role="status">${t.loading}</p>`;
    }
    const error = this.expired ? expired : feed.error ? this.renderError(feed.error, true) : nothing;
    if (list.length === 0) {
      const status = this.host.status();
      return html`${error}
        <p part="notice" class="notice muted">${status ? t.emptyWithStatus(t.statuses[status]?.toLowerCase() ?? status) : t.empty}</p>`;
    }
    return html`${error}${this.renderList(list)}`;
  }

  render() {
    return html`${this.renderHeader()} ${this.renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }
}

function errorDetail(operation: ReservationErrorDetail['operation'], error: ApiError): ReservationErrorDetail {
  return { operation, status: error.status, code: error.code, message: error.message, moreInfo: error.moreInfo };
}
