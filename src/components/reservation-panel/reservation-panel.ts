import { consume, provide } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ApiError } from '../../connection/errors.js';
import { defineElement } from '../../base/define.js';
import { PanelElement } from '../../base/panel-element.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { PageController } from '../../controllers/page-controller.js';
import {
  ReservationBeforeUpdateEvent,
  ReservationErrorEvent,
  ReservationLoadEvent,
  ReservationStatusChangeEvent,
  ReservationTokenExpiredEvent,
  type ReservationErrorDetail,
} from '../../events/index.js';
import { withStrings, type PanelStrings } from '../../i18n/strings.js';
import { actionsForStatus, offeredActions } from '../../schema/actions.js';
import type { ActionName, ParameterSchema, SchemaOverride } from '../../schema/schema.types.js';
import { hostContext, stringsContext, type HostConfig, type Localization } from '../../state/contexts.js';
import { displayOrder, type StatusChange } from '../../state/reservations.js';
import { PanelSession, type SessionEvent } from '../../state/session.js';
import { channelOf, defaultSummary, plainSummary, type TaskSummary, type TaskSummaryFn } from '../../state/task-summary.js';
import { hostStyles } from '../../styles/host.styles.js';
import type { Reservation, ReservationStatus, Task } from '../../wire/types.js';
import { VERSION } from '../../version.js';
import { loadFormKit } from '../reservation-form/load.js';
import { RowsController } from './rows-controller.js';
import { channelName, renderRow, type RowsContext } from './rows.js';
import { panelStyles, rowStyles } from './reservation-panel.styles.js';

/** Longer lists are virtualized: only the rows in view are in the DOM. */
export const VIRTUALIZE_ABOVE = 100;
/** Rows shown while the virtualizer loads. */
const FIRST_ROWS = 20;

type Virtualize = (list: readonly Reservation[], row: (r: Reservation, i: number) => unknown) => unknown;
let virtualizeLoading: Promise<Virtualize> | undefined;

/** Loads the virtualizer and its flow layout together (one round trip, not two). */
function loadVirtualize(): Promise<Virtualize> {
  return (virtualizeLoading ??= Promise.all([import('@lit-labs/virtualizer/virtualize.js'), import('@lit-labs/virtualizer/layouts/flow.js')]).then(
    ([{ virtualize }, { flow }]) =>
      (list, row) =>
        virtualize({ items: list as Reservation[], keyFunction: (r) => r.sid, renderItem: row as never, layout: flow() }),
  ));
}

/**
 * @summary A TaskRouter worker's reservations, what each one is, and what the worker can do with them.
 *
 * @fires reservation-load - a list load finished; `detail.reservations`
 * @fires reservation-status-change - a reservation's status changed (by an action or seen from the server)
 * @fires reservation-before-update - cancelable; an update is about to be sent
 * @fires reservation-error - a request failed, an answer could not be read, or an action was refused
 * @fires reservation-token-expired - the token was refused or expired; the panel waits for a new one
 *
 * @csspart base - the panel's box
 * @csspart header - the worker's name and current activity
 * @csspart list - the list of reservations
 * @csspart reservation - one reservation (also carries `data-reservation-sid` and `data-reservation-status`)
 * @csspart notice - a waiting, loading, empty, error or expired-session message
 * @csspart actions - a reservation's row of action buttons
 * @csspart countdown - time left to answer a pending reservation (`data-warning="true"` near the end)
 * @csspart action-error - a message about a reservation's last action that failed
 * @csspart action-message - a message that corrects or follows a reservation's last action
 *
 * @cssprop --reservation-panel-font - font shorthand of the panel
 * @cssprop --reservation-panel-color-text - text colour
 * @cssprop --reservation-panel-color-muted - secondary text colour
 * @cssprop --reservation-panel-color-surface - background of reservations and buttons
 * @cssprop --reservation-panel-color-border - border colour
 * @cssprop --reservation-panel-color-accent - focus ring and primary actions
 * @cssprop --reservation-panel-color-danger - errors
 * @cssprop --reservation-panel-color-warning - a countdown near its end
 * @cssprop --reservation-panel-color-on-accent - text on the accent colour (primary buttons)
 * @cssprop --reservation-panel-radius - corner radius
 * @cssprop --reservation-panel-gap - spacing unit (density)
 *
 * @cssstate waiting - no token yet: waiting to be signed in
 * @cssstate loading - a list request is in flight
 * @cssstate empty - the list loaded and is empty
 * @cssstate error - the configuration is malformed or the last load failed
 */
export class ReservationPanel extends PanelElement {
  static override styles = [hostStyles, panelStyles, rowStyles];
  /** The package version of this element class. */
  static readonly version = VERSION;

  private readonly internals = this.attachInternals();
  private readonly session = new PanelSession({
    strings: () => this.l10n.strings,
    notify: (event) => this.handleSession(event),
    renewed: (token) => (this.token = token),
  });
  private readonly page = new PageController(this, {
    hidden: (hidden) => this.session.setHidden(hidden),
    resync: () => this.session.resync(),
  });
  private readonly clock = new ClockController(this, () => this.session.skew ?? 0);
  private readonly rows = new RowsController(this, {
    strings: () => this.l10n.strings,
    paused: () => this.expired,
    reservationOf: (sid) => this.session.feed?.reservations?.find((r) => r.sid === sid),
    schema: () => (this.resolvedSchema ??= this.resolveSchemaOrReport()),
    activities: () => this.session.feed?.activities() ?? Promise.reject(new Error(this.l10n.strings.notConnected)),
    perform: (reservation, action, params) =>
      this.session.perform(reservation, action, params, (p) => this.emit(new ReservationBeforeUpdateEvent({ sid: reservation.sid, action, params: p }))),
    actionFailed: (sid, action, error) => this.emit(new ReservationErrorEvent({ ...errorDetail('update', error), sid, action })),
  });

  /** `twilio`: Twilio's event-bridge, with nothing but the worker's Access Token. Absent: the REST endpoint at `api-base`. */
  @property() connection?: string;
  /** Base URL of the TaskRouter-compatible REST API, ending in `/v1`; may be relative to the page. */
  @property({ attribute: 'api-base' }) apiBase = '';
  /** With `connection="twilio"`: the Twilio region (`us1` by default, `ie1`, `au1`, …). */
  @property() region = '';
  /** With `connection="twilio"`: the event-bridge channel's URL itself (may be relative), e.g. the emulator's. */
  @property({ attribute: 'event-bridge-url' }) eventBridgeUrl = '';
  /** `WS` + 32 hex; when empty, taken from the token's TaskRouter grant. */
  @property({ attribute: 'workspace-sid' }) workspaceSid = '';
  /** `WK` + 32 hex; when empty, taken from the token's TaskRouter grant. */
  @property({ attribute: 'worker-sid' }) workerSid = '';
  /**
   * The worker's token. A `token` attribute is read once, when the panel connects, and removed.
   * REST: sent only as `Authorization: Bearer`; event-bridge: only in its calls' bodies and its WebSocket URL.
   */
  @property({ attribute: false }) token?: string;
  /** Called for a fresh token ahead of the token's expiry and after a refusal. */
  @property({ attribute: false }) tokenProvider?: () => Promise<string>;
  /** Only reservations with this status; all of them when empty. */
  @property() status?: ReservationStatus;
  /** ms between list refreshes while no live channel is open (default 5000); 0 turns polling off. */
  @property({ attribute: 'poll-interval', type: Number }) pollInterval = 5000;
  /** REST: a Server-Sent Events stream of TaskRouter events from the host's backend (same bearer header). */
  @property({ attribute: 'events-url' }) eventsUrl = '';
  /** ms each request may take before it fails as timed out (default 10000). */
  @property({ attribute: 'request-timeout', type: Number }) requestTimeout = 10_000;
  /** `light` or `dark` fixes the colour scheme; otherwise the panel follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /** Seconds a pending reservation lives (the workflow's `TaskReservationTimeout`), for the countdown when the connection does not say. */
  @property({ attribute: 'reservation-timeout', type: Number }) reservationTimeout = 0;
  /** The parameter schema of the action forms: an override of the default, or a whole schema. */
  @property({ attribute: false }) schema?: SchemaOverride | ParameterSchema;
  /** Replacements for the panel's strings (see `PanelStrings`), e.g. the German table from `reservation-panel/locales/de`. */
  @property({ attribute: false }) strings?: Partial<PanelStrings>;
  /** Maps a task (and its reservation) to a row's title, subtitle and details, as plain strings. */
  @property({ attribute: false }) taskSummary?: TaskSummaryFn;

  @consume({ context: hostContext, subscribe: true }) @state() private host?: HostConfig;
  @provide({ context: stringsContext }) @state() private l10n: Localization = { strings: withStrings(undefined), locale: 'en' };
  /** the token expired: nothing is sent until a new one is set */
  @state() private expired = false;
  /** the last status change, for the polite live region */
  @state() private announcement = '';
  @state() private virtualize?: Virtualize;

  private offered: readonly ActionName[] = offeredActions();
  private resolvedSchema?: Promise<ParameterSchema>;
  private order?: { version: number; timeout: number; length: number; ordered: Reservation[]; firstFinished: number };

  override connectedCallback() {
    super.connectedCallback();
    if (this.hasAttribute('token')) {
      this.token ??= this.getAttribute('token') ?? undefined;
      this.removeAttribute('token');
    }
    this.session.setHidden(this.page.hidden);
    if (this.hasUpdated) this.session.connect();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.session.disconnect();
  }

  /** Loads the list again now, and fires `reservation-load` when it arrives. */
  refresh(): Promise<void> {
    return this.session.refresh();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    this.updateLocalization(changed);
    this.updateSchema(changed);
    this.updateSession(changed);
  }

  protected override firstUpdated() {
    this.session.connect();
  }

  protected override updated() {
    const feed = this.session.feed;
    const states = this.internals.states;
    const toggle = (name: string, on: boolean) => (on ? states.add(name) : states.delete(name));
    toggle('waiting', !this.session.config.ok && this.session.config.waiting);
    toggle('loading', !!feed?.loading);
    toggle('empty', feed?.reservations?.length === 0);
    toggle('error', (!this.session.config.ok && !this.session.config.waiting) || !!feed?.error);
  }

  // ---- willUpdate, by concern -------------------------------------------------------

  private updateLocalization(changed: PropertyValues<this>) {
    if (changed.has('strings') || changed.has('lang') || !this.hasUpdated) {
      const locale = this.closest('[lang]')?.getAttribute('lang') || navigator.language || 'en';
      this.l10n = { strings: withStrings(this.strings), locale };
    }
  }

  private updateSchema(changed: PropertyValues<this>) {
    if (!changed.has('schema')) return;
    this.offered = offeredActions(this.schema);
    this.resolvedSchema = undefined;
    // A host's override is checked at once, so a mistake is reported when it is made.
    if (this.schema) this.resolvedSchema = this.resolveSchemaOrReport();
  }

  private updateSession(changed: PropertyValues<this>) {
    const keys = ['connection', 'apiBase', 'region', 'eventBridgeUrl', 'workspaceSid', 'workerSid', 'token', 'tokenProvider', 'status', 'pollInterval', 'eventsUrl', 'requestTimeout', 'strings', 'host'];
    if (this.hasUpdated && !keys.some((k) => (changed as Map<PropertyKey, unknown>).has(k))) return;
    this.session.configure({
      connection: this.connection,
      apiBase: this.apiBase || this.host?.apiBase,
      region: this.region,
      eventBridgeUrl: this.eventBridgeUrl,
      eventsUrl: this.eventsUrl,
      workspaceSid: this.workspaceSid,
      workerSid: this.workerSid,
      token: this.token ?? this.host?.token,
      tokenProvider: this.tokenProvider ?? this.host?.tokenProvider,
      status: this.status,
      pollInterval: this.pollInterval,
      requestTimeout: this.requestTimeout,
      baseUrl: document.baseURI,
    });
  }

  private async resolveSchemaOrReport(): Promise<ParameterSchema> {
    const { resolveSchema } = await loadFormKit();
    try {
      return resolveSchema(this.schema);
    } catch (e) {
      const message = this.l10n.strings.schemaRefused((e as Error).message);
      console.error(message);
      this.emit(new ReservationErrorEvent({ operation: 'update', status: 0, code: null, message, moreInfo: null }));
      return resolveSchema();
    }
  }

  // ---- what the session tells -------------------------------------------------------

  private handleSession(event: SessionEvent) {
    this.requestUpdate();
    switch (event.type) {
      case 'load':
        this.emit(new ReservationLoadEvent({ reservations: event.reservations }));
        break;
      case 'changes':
        for (const { reservation: r, previousStatus } of event.changes) {
          const task = this.session.feed?.tasks.get(r.task_sid);
          this.emit(
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
        this.emit(new ReservationErrorEvent({ ...errorDetail(event.operation, event.error), ...(event.sid && { sid: event.sid }) }));
        break;
      case 'config-error':
        this.emit(new ReservationErrorEvent({ operation: 'list', status: 0, code: null, message: event.message, moreInfo: null }));
        break;
      case 'expired':
        this.expired = true;
        this.emit(new ReservationTokenExpiredEvent());
        break;
      case 'resumed':
        this.expired = false;
        break;
    }
  }

  /** Tells screen-reader users, politely, what changed. */
  private announce(changes: readonly StatusChange[]) {
    const t = this.l10n.strings;
    const parts = changes.map(({ reservation: r, previousStatus }) => {
      const status = t.statuses[r.reservation_status].toLowerCase();
      const title = this.summaryOf(r, this.session.feed?.tasks.get(r.task_sid)).title;
      return previousStatus === null ? t.announceNew(status, title) : t.announceStatus(title, status);
    });
    this.announcement = parts.length > 3 ? t.announceMany(parts.length) : parts.join(' ');
  }

  /** What a row says of its task: the host's `taskSummary` (plain strings), else the default rules. */
  private summaryOf(r: Reservation, task: Task | undefined): TaskSummary {
    const t = this.l10n.strings;
    if (!task) return { title: `${t.task} ${r.task_sid}` };
    const fallback = defaultSummary(task, (channel) => channelName(t, channel));
    if (!this.taskSummary) return fallback;
    try {
      return plainSummary(this.taskSummary(task, r), fallback);
    } catch (e) {
      console.error('taskSummary threw; the default summary is shown:', e);
      return fallback;
    }
  }

  private handleRetry() {
    void this.refresh();
  }

  // ---- render -----------------------------------------------------------------------

  private renderHeader() {
    const worker = this.session.feed?.worker;
    if (!worker) return nothing;
    const t = this.l10n.strings;
    const reconnecting = this.session.feed && !this.session.feed.live && this.session.feed.reservations && this.connection === 'twilio';
    return html`<div part="header" class="header">
      <span class="worker" title=${worker.friendly_name}><bdi>${worker.friendly_name}</bdi></span>
      ${worker.activity_name
        ? html`<span class=${worker.available ? 'activity available' : 'activity'}
            ><span class="visually-hidden">${t.activity}: </span><bdi>${worker.activity_name}</bdi></span
          >`
        : nothing}
      ${reconnecting ? html`<span class="live" role="status">${t.reconnecting}</span>` : nothing}
    </div>`;
  }

  private renderError(error: ApiError, stale: boolean) {
    return html`<div part="notice" class="notice error" role="alert">
      <span>${stale ? this.l10n.strings.refreshFailed(error.message) : this.l10n.strings.loadFailed(error.message)}</span>
      <button type="button" @click=${this.handleRetry}>${this.l10n.strings.retry}</button>
    </div>`;
  }

  private renderList(list: readonly Reservation[]) {
    const feed = this.session.feed!;
    const timeout = Number(this.reservationTimeout) > 0 ? Number(this.reservationTimeout) * 1000 : 0;
    const timeoutOf = (r: Reservation) => (feed.timeoutOf(r.sid) ?? 0) * 1000 || timeout;
    if (this.order?.version !== feed.version || this.order.timeout !== timeout || this.order.length !== list.length) {
      this.order = { version: feed.version, timeout, length: list.length, ...displayOrder(list, timeoutOf) };
      this.rows.keep(new Set(list.map((r) => r.sid)));
    }
    const { ordered, firstFinished } = this.order;
    const t = this.l10n.strings;
    const context: RowsContext = { t, locale: this.l10n.locale, now: this.clock.now, paused: this.expired, pausedReasonId: 'expired-notice' };
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
        actions: actionsForStatus(this.offered, r.reservation_status),
        timeoutMs: timeoutOf(r),
        firstFinished: i === firstFinished && i > 0,
        position: i + 1,
        count: ordered.length,
        rowRef: this.rows.rowRef(r.sid),
      });
    };
    const long = ordered.length > VIRTUALIZE_ABOVE;
    if (long && !this.virtualize) void loadVirtualize().then((v) => (this.virtualize = v));
    const rows = long && this.virtualize ? this.virtualize(ordered, row) : repeat(long ? ordered.slice(0, FIRST_ROWS) : ordered, (r) => r.sid, row);
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
    const t = this.l10n.strings;
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
      return html`${error}<p part="notice" class="notice muted">
          ${this.status ? t.emptyWithStatus(t.statuses[this.status]?.toLowerCase() ?? this.status) : t.empty}
        </p>`;
    }
    return html`${error}${this.renderList(list)}`;
  }

  override render() {
    return html`<div part="base" class="base">
      ${this.renderHeader()} ${this.renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }
}

function errorDetail(operation: ReservationErrorDetail['operation'], error: ApiError): ReservationErrorDetail {
  return { operation, status: error.status, code: error.code, message: error.message, moreInfo: error.moreInfo };
}

defineElement('reservation-panel', ReservationPanel);

declare global {
  interface HTMLElementTagNameMap {
    'reservation-panel': ReservationPanel;
  }
}
