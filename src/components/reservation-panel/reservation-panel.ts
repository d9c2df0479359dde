import { consume, provide } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  createApiClient,
  readTokenClaims,
  toApiError,
  type ApiError,
  type ReservationsApi,
  type WorkerRef,
} from '../../api/index.js';
import { RESERVATION_STATUSES, type Reservation, type ReservationStatus, type UpdateParams } from '../../wire/types.js';
import { PanelElement } from '../../base/panel-element.js';
import {
  ReservationBeforeUpdateEvent,
  ReservationErrorEvent,
  ReservationLoadEvent,
  ReservationStatusChangeEvent,
  ReservationTokenExpiredEvent,
  type ReservationErrorDetail,
} from '../../events/index.js';
import { offeredActions } from '../../schema/actions.js';
import type { ActionName, ParameterSchema, SchemaOverride } from '../../schema/schema.types.js';
import { loadFormKit } from '../reservation-form/load.js';
import { subscribeClock } from '../../state/clock.js';
import { resolveConfig, type ResolvedConfig } from '../../state/config.js';
import {
  actionsContext,
  apiContext,
  hostContext,
  stringsContext,
  workerContext,
  type Localization,
  type ActionResult,
  type HostConfig,
  type ReservationActions,
} from '../../state/contexts.js';
import { withStrings, type PanelStrings } from '../../i18n/strings.js';
import type { StatusChange } from '../../state/reservations.js';
import { acquireFeed, releaseFeed, type FeedEvent, type FeedSubscriber, type ReservationFeed } from '../../state/reservation-feed.js';
import { hostStyles } from '../../styles/host.styles.js';
import '../reservation-item/reservation-item.js';
import { panelStyles } from './reservation-panel.styles.js';

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

/**
 * @summary A TaskRouter worker's reservations, and what the worker can do with them.
 *
 * @fires reservation-load - a list load finished; `detail.reservations`
 * @fires reservation-status-change - a reservation's status changed (by an action or seen on a refresh)
 * @fires reservation-before-update - cancelable; an update is about to be sent
 * @fires reservation-error - a request failed or an action was refused
 * @fires reservation-token-expired - the token was refused or expired; the panel waits for a new one
 *
 * @csspart base - the panel's box
 * @csspart list - the list of reservations
 * @csspart reservation - one reservation (also carries `data-reservation-sid` and `data-reservation-status`)
 * @csspart notice - a loading, empty or error message
 * @csspart actions - a reservation's row of action buttons
 * @csspart countdown - time left to answer a pending reservation (`data-warning="true"` near the end)
 * @csspart action-error - a message about a reservation's last action
 *
 * @cssprop --reservation-panel-font - font shorthand of the panel
 * @cssprop --reservation-panel-color-text - text colour
 * @cssprop --reservation-panel-color-muted - secondary text colour
 * @cssprop --reservation-panel-color-surface - background of reservations and buttons
 * @cssprop --reservation-panel-color-border - border colour
 * @cssprop --reservation-panel-color-accent - focus ring and primary actions
 * @cssprop --reservation-panel-color-danger - errors
 * @cssprop --reservation-panel-color-warning - a countdown near its end
 * @cssprop --reservation-panel-color-on-accent - text on the accent colour (submit buttons)
 * @cssprop --reservation-panel-radius - corner radius
 * @cssprop --reservation-panel-gap - spacing unit (density)
 *
 * @cssstate loading - a list request is in flight
 * @cssstate empty - the list loaded and is empty
 * @cssstate error - the configuration is incomplete or the last load failed
 */
@customElement('reservation-panel')
export class ReservationPanel extends PanelElement {
  static override styles = [hostStyles, panelStyles];

  private readonly internals = this.attachInternals();

  /** Base URL of the TaskRouter-compatible API, ending in `/v1`; may be relative to the page. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** `WS` + 32 hex; when empty, taken from the token's TaskRouter grant. */
  @property({ attribute: 'workspace-sid' }) workspaceSid = '';

  /** `WK` + 32 hex; when empty, taken from the token's TaskRouter grant. */
  @property({ attribute: 'worker-sid' }) workerSid = '';

  /**
   * The bearer token, sent only in the `Authorization` header. A `token` attribute is read
   * once, when the panel connects, and then removed from the element.
   */
  @property({ attribute: false }) token?: string;

  /**
   * Called for a fresh token ahead of the token's `exp` and after a 401. Without it, an
   * expired or refused token fires `reservation-token-expired` and the panel waits until
   * `token` is set again.
   */
  @property({ attribute: false }) tokenProvider?: () => Promise<string>;

  /** Only reservations with this status; all of them when empty. */
  @property() status?: ReservationStatus;

  /** ms between list refreshes (default 5000); 0 turns polling off. */
  @property({ attribute: 'poll-interval', type: Number }) pollInterval = 5000;

  /**
   * A Server-Sent Events stream of TaskRouter `reservation.*` events from the host's
   * backend (same bearer header). Changes then show at once; polling slows down while the
   * stream is healthy and takes over when it fails.
   */
  @property({ attribute: 'events-url' }) eventsUrl = '';

  /** ms each request may take before it fails as timed out (default 10000). */
  @property({ attribute: 'request-timeout', type: Number }) requestTimeout = 10_000;

  /** `light` or `dark` fixes the colour scheme; otherwise the panel follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Seconds a pending reservation lives (the workflow's `TaskReservationTimeout`), for the countdown. */
  @property({ attribute: 'reservation-timeout', type: Number }) reservationTimeout = 0;

  /**
   * The parameter schema of the action forms: an override of the default (hide, preset,
   * lock, relabel fields, supply choices, choose the actions), or a whole schema.
   */
  @property({ attribute: false }) schema?: SchemaOverride | ParameterSchema;

  /**
   * Replacements for the panel's strings (see `PanelStrings`), e.g. the shipped German
   * table from `reservation-panel/locales/de`. Numbers and durations follow `lang`.
   */
  @property({ attribute: false }) strings?: Partial<PanelStrings>;

  @consume({ context: hostContext, subscribe: true }) @state() private host?: HostConfig;
  @provide({ context: apiContext }) @state() private api?: ReservationsApi;
  @provide({ context: workerContext }) @state() private worker?: WorkerRef;
  @provide({ context: actionsContext }) @state() private actions?: ReservationActions;
  @provide({ context: stringsContext }) @state() private l10n: Localization = { strings: withStrings(undefined), locale: 'en' };
  @state() private config: ResolvedConfig = { ok: false, message: '' };
  @state() private now = Date.now();
  /** the token was refused or expired: nothing is sent until a new one is set */
  @state() private tokenExpired = false;
  /** the last status change, for the polite live region */
  @state() private announcement = '';
  /** the virtualizer, once a list has been long enough to need it */
  @state() private virtualize?: Virtualize;

  private feed?: ReservationFeed;
  private apiBaseInUse = '';
  private stopClock?: () => void;
  private stopStream?: () => void;
  private reportedConfigError = '';
  /** server clock minus this page's clock, from the API's `Date` headers */
  private skew = 0;
  /** reservations with an update in flight: one request at a time per reservation */
  private readonly inFlight = new Set<string>();
  private renewing?: Promise<boolean>;
  private expiryTimer?: ReturnType<typeof setTimeout>;

  /** This panel as one of the (possibly shared) feed's subscribers. */
  private readonly subscriber: FeedSubscriber = ((panel: ReservationPanel) => ({
    get api() {
      return panel.api!;
    },
    get ready() {
      return !!panel.api && !panel.tokenExpired;
    },
    notify: (event: FeedEvent) => panel.handleFeed(event),
  }))(this);

  override connectedCallback() {
    super.connectedCallback();
    if (this.hasAttribute('token')) {
      this.token ??= this.getAttribute('token') ?? undefined;
      this.removeAttribute('token');
    }
    this.stopClock = subscribeClock((now) => (this.now = now + this.skew));
    document.addEventListener('visibilitychange', this.handleVisibility);
    window.addEventListener('online', this.handleOnline);
    if (this.hasUpdated) {
      this.handleNewToken();
      this.connectFeed();
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopClock?.();
    document.removeEventListener('visibilitychange', this.handleVisibility);
    window.removeEventListener('online', this.handleOnline);
    clearTimeout(this.expiryTimer);
    this.disconnectFeed();
  }

  /** The strings in force. */
  private get t(): PanelStrings {
    return this.l10n.strings;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('strings') || changed.has('lang') || !this.hasUpdated) {
      const locale = this.closest('[lang]')?.getAttribute('lang') || navigator.language || 'en';
      this.l10n = { strings: withStrings(this.strings), locale };
    }
    if (changed.has('schema') || !this.actions) {
      let resolved: Promise<ParameterSchema> | undefined;
      const schema = () => (resolved ??= this.resolveSchemaOrReport());
      this.actions = { offered: offeredActions(this.schema), schema, perform: (r, a, p) => this.perform(r, a, p) };
      // A host's override is checked at once, so a mistake is reported when it is made.
      if (this.schema) void schema();
    }
    const has = (key: string) => (changed as Map<PropertyKey, unknown>).has(key);
    if (has('token') || has('host')) this.handleNewToken();
    const keys = ['apiBase', 'workspaceSid', 'workerSid', 'token', 'status', 'pollInterval', 'host', 'eventsUrl', 'requestTimeout', 'strings'];
    if (!keys.some(has)) return;
    const config = resolveConfig(
      {
        apiBase: this.effectiveApiBase,
        workspaceSid: this.workspaceSid,
        workerSid: this.workerSid,
        token: this.effectiveToken,
      },
      this.t,
    );
    const same = (a: ResolvedConfig, b: ResolvedConfig) =>
      a.ok && b.ok && a.apiBase === b.apiBase && a.worker.workspaceSid === b.worker.workspaceSid && a.worker.workerSid === b.worker.workerSid;
    const sameTarget = same(config, this.config) && !has('requestTimeout');
    const sameFeed = sameTarget && !has('status') && !has('pollInterval') && !has('eventsUrl');
    if (sameFeed) return;
    this.config = config;
    this.disconnectFeed();
    if (!config.ok) {
      this.api = undefined;
      this.worker = undefined;
      if (config.message !== this.reportedConfigError) {
        this.reportedConfigError = config.message;
        this.emit(new ReservationErrorEvent({ operation: 'list', status: 0, code: null, message: config.message, moreInfo: null }));
      }
      return;
    }
    this.reportedConfigError = '';
    if (!sameTarget) {
      this.skew = 0;
      this.api = this.withTokenRenewal(
        createApiClient({
          apiBase: config.apiBase,
          getToken: () => this.effectiveToken,
          timeoutMs: Number(this.requestTimeout) > 0 ? Number(this.requestTimeout) : 10_000,
          onServerDate: (server) => (this.skew = server - Date.now()),
        }),
      );
      this.worker = config.worker;
      this.apiBaseInUse = config.apiBase;
    }
    if (this.isConnected) this.connectFeed();
  }

  protected override updated() {
    const states = this.internals.states;
    const feed = this.feed;
    const toggle = (name: string, on: boolean) => (on ? states.add(name) : states.delete(name));
    toggle('loading', !!feed?.loading);
    toggle('empty', feed?.reservations?.length === 0);
    toggle('error', !this.config.ok || !!feed?.error);
  }

  /** Loads the list again now, and fires `reservation-load` when it arrives. */
  refresh(): Promise<void> {
    return this.feed?.reload() ?? Promise.resolve();
  }

  private get effectiveApiBase() {
    return this.apiBase || this.host?.apiBase || '';
  }

  private get effectiveToken() {
    return this.token ?? this.host?.token;
  }

  private connectFeed() {
    if (this.feed || !this.config.ok || !this.api || !this.worker) return;
    const status = this.status && (RESERVATION_STATUSES as readonly string[]).includes(this.status) ? this.status : undefined;
    const pollInterval = Math.max(0, Number(this.pollInterval) || 0);
    this.feed = acquireFeed(this.apiBaseInUse, { worker: this.worker, status, pollInterval }, this.subscriber);
    this.feed.setHidden(document.visibilityState === 'hidden');
    this.requestUpdate();
    if (this.eventsUrl) this.connectStream(this.feed);
  }

  private disconnectFeed() {
    this.stopStream?.();
    this.stopStream = undefined;
    if (this.feed) releaseFeed(this.subscriber);
    this.feed = undefined;
  }

  /** Pushed `reservation.*` events: each one refreshes its reservation at once. */
  private connectStream(feed: ReservationFeed) {
    const worker = this.worker!;
    let stopped = false;
    let stop = () => {};
    this.stopStream = () => {
      stopped = true;
      stop();
    };
    // The stream client loads only for panels that have an events-url.
    void import('../../api/events.js').then(({ openEventStream }) => {
      if (stopped) return;
      stop = openEventStream({
        url: this.eventsUrl,
        getToken: () => (this.tokenExpired ? undefined : this.effectiveToken),
        onOpen: () => feed.setStreaming(true),
        onClose: () => feed.setStreaming(false),
        onEvent: (event) => {
          if (!event.EventType?.startsWith('reservation.') || !event.ResourceSid) return;
          if (event.WorkerSid && event.WorkerSid !== worker.workerSid) return;
          void feed.refreshOne(event.ResourceSid);
        },
      });
    });
  }

  private readonly handleVisibility = () => this.feed?.setHidden(document.visibilityState === 'hidden');

  private readonly handleOnline = () => void this.feed?.reload(false);

  private async resolveSchemaOrReport(): Promise<ParameterSchema> {
    const { resolveSchema } = await loadFormKit();
    try {
      return resolveSchema(this.schema);
    } catch (e) {
      const message = this.t.schemaRefused((e as Error).message);
      console.error(message);
      this.emit(new ReservationErrorEvent({ operation: 'update', status: 0, code: null, message, moreInfo: null }));
      return resolveSchema();
    }
  }

  /** Sends one action: the host may veto it or change its params first. */
  private async perform(reservation: Reservation, action: ActionName, params: UpdateParams): Promise<ActionResult> {
    const { sid } = reservation;
    const { api, worker, feed } = this;
    if (!api || !worker || !feed) return { ok: false, message: this.t.notConnected };
    if (this.inFlight.has(sid)) return { ok: false };
    if (this.tokenExpired) return { ok: false, message: this.t.expiredNotSent };
    const detailParams: UpdateParams = { ...params };
    if (!this.emit(new ReservationBeforeUpdateEvent({ sid, action, params: detailParams }))) {
      return { ok: false, message: this.t.stoppedByPage };
    }
    this.inFlight.add(sid);
    try {
      feed.replace(await api.update(worker, sid, detailParams), this.subscriber);
      return { ok: true };
    } catch (e) {
      const error = toApiError(e);
      if (error.kind === 'aborted') return { ok: false };
      this.emit(new ReservationErrorEvent({ ...errorDetail('update', error), sid, action }));
      if (error.status === 401) return { ok: false, message: this.t.expiredNotSent };
      // The reservation may have moved (or the update may have landed before the failure).
      if (error.status !== 403) void feed.refreshOne(sid);
      return { ok: false, message: error.message };
    } finally {
      this.inFlight.delete(sid);
    }
  }

  /** A new token: leave the expired state, and plan its renewal before `exp`. */
  private handleNewToken() {
    clearTimeout(this.expiryTimer);
    const token = this.effectiveToken;
    const exp = token ? readTokenClaims(token)?.exp : undefined;
    if (exp !== undefined) {
      // Renew a minute ahead (or halfway through a shorter life); expire at `exp` without a provider.
      const left = exp * 1000 - (Date.now() + this.skew);
      const ahead = Math.min(60_000, Math.max(0, left / 2));
      this.expiryTimer = setTimeout(
        () => void this.renewToken().then((renewed) => renewed || this.expire(exp * 1000 - (Date.now() + this.skew))),
        Math.max(0, left - ahead),
      );
    }
    if (this.tokenExpired && token && token !== this.refusedToken) {
      this.tokenExpired = false;
      void this.feed?.reload(false);
    }
  }

  private refusedToken?: string;

  /** Asks the tokenProvider for a fresh token (one call at a time); false when none came. */
  private renewToken(): Promise<boolean> {
    const provider = this.tokenProvider ?? this.host?.tokenProvider;
    if (!provider) return Promise.resolve(false);
    const refused = this.effectiveToken;
    this.renewing ??= provider()
      .then(
        (fresh) => {
          if (typeof fresh !== 'string' || !fresh || fresh === refused) return false;
          this.token = fresh;
          return true;
        },
        () => false,
      )
      .finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  /** The token is no longer good (`msLeft` ≤ 0, or refused): stop, tell the host once, wait. */
  private expire(msLeft = 0) {
    if (msLeft > 0) {
      this.expiryTimer = setTimeout(() => this.expire(), msLeft);
      return;
    }
    if (this.tokenExpired) return;
    this.tokenExpired = true;
    this.refusedToken = this.effectiveToken;
    this.emit(new ReservationTokenExpiredEvent());
  }

  /** Wraps every call: after a 401, one retry with a token from the provider, else expire. */
  private withTokenRenewal(api: ReservationsApi): ReservationsApi {
    const guard = async <T>(call: () => Promise<T>): Promise<T> => {
      try {
        return await call();
      } catch (e) {
        if (toApiError(e).status !== 401) throw e;
        if (await this.renewToken()) return call();
        this.expire();
        throw e;
      }
    };
    return {
      list: (...a) => guard(() => api.list(...a)),
      fetch: (...a) => guard(() => api.fetch(...a)),
      update: (...a) => guard(() => api.update(...a)),
    };
  }

  private handleFeed(event: FeedEvent) {
    // The feed's list and state live outside Lit's reactive properties.
    this.requestUpdate();
    switch (event.type) {
      case 'load':
        this.emit(new ReservationLoadEvent({ reservations: event.reservations }));
        break;
      case 'changes': {
        const source = event.origin === this.subscriber ? 'action' : 'sync';
        for (const { reservation, previousStatus } of event.changes) {
          this.emit(
            new ReservationStatusChangeEvent({
              sid: reservation.sid,
              taskSid: reservation.task_sid,
              previousStatus,
              status: reservation.reservation_status,
              reservation,
              source,
            }),
          );
        }
        this.announce(event.changes);
        break;
      }
      case 'error':
        // A refused token is reported once, by reservation-token-expired.
        if (event.error.status === 401 && this.tokenExpired) break;
        this.emit(new ReservationErrorEvent({ ...errorDetail(event.operation, event.error), ...(event.sid ? { sid: event.sid } : {}) }));
        break;
    }
  }

  /** Tells screen-reader users, politely, what changed. */
  private announce(changes: readonly StatusChange[]) {
    const t = this.t;
    const parts = changes.map(({ reservation: r, previousStatus }) => {
      const status = t.statuses[r.reservation_status].toLowerCase();
      return previousStatus === null ? t.announceNew(status, r.task_sid) : t.announceStatus(r.task_sid, status);
    });
    this.announcement = parts.length > 3 ? t.announceMany(parts.length) : parts.join(' ');
  }

  private handleRetry() {
    void this.refresh();
  }

  private renderError(error: ApiError, stale: boolean) {
    return html`<div part="notice" class="notice error" role="alert">
      <span>${stale ? this.t.refreshFailed(error.message) : this.t.loadFailed(error.message)}</span>
      <button type="button" @click=${this.handleRetry}>${this.t.retry}</button>
    </div>`;
  }

  private renderBody() {
    if (!this.config.ok) {
      return html`<p part="notice" class="notice error" role="alert">${this.config.message}</p>`;
    }
    const feed = this.feed;
    const list = feed?.reservations;
    const expired = this.tokenExpired
      ? html`<p part="notice" class="notice error" role="alert">${list ? this.t.expiredPaused : this.t.expiredWaiting}</p>`
      : nothing;
    if (!list) {
      if (this.tokenExpired) return expired;
      if (feed?.error) return this.renderError(feed.error, false);
      return html`<p part="notice" class="notice muted" role="status">${this.t.loading}</p>`;
    }
    const error = this.tokenExpired ? expired : feed.error ? this.renderError(feed.error, true) : nothing;
    if (list.length === 0) {
      return html`${error}<p part="notice" class="notice muted">
          ${this.status ? this.t.emptyWithStatus(this.t.statuses[this.status]?.toLowerCase() ?? this.status) : this.t.empty}
        </p>`;
    }
    const timeout = Number(this.reservationTimeout) > 0 ? Number(this.reservationTimeout) * 1000 : 0;
    const row = (r: Reservation, i: number) =>
      html`<li aria-setsize=${list.length} aria-posinset=${i + 1}>
        <reservation-item
          part="reservation"
          exportparts="actions, countdown, error: action-error"
          role="group"
          aria-label=${this.t.reservationFor(r.task_sid)}
          data-reservation-sid=${r.sid}
          data-reservation-status=${r.reservation_status}
          .reservation=${r}
          .now=${this.now}
          .timeoutMs=${timeout}
        ></reservation-item>
      </li>`;
    const long = list.length > VIRTUALIZE_ABOVE;
    if (long && !this.virtualize) void loadVirtualize().then((v) => (this.virtualize = v));
    const rows =
      long && this.virtualize
        ? this.virtualize(list, row)
        : repeat(long ? list.slice(0, FIRST_ROWS) : list, (r) => r.sid, row);
    return html`${error}
      <ul part="list" class=${long ? 'list virtual' : 'list'} aria-label=${this.t.reservations} aria-busy=${feed.loading ? 'true' : 'false'}>
        ${rows}
      </ul>`;
  }

  override render() {
    return html`<div part="base" class="base">
      ${this.renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }
}

function errorDetail(operation: ReservationErrorDetail['operation'], error: ApiError): ReservationErrorDetail {
  return { operation, status: error.status, code: error.code, message: error.message, moreInfo: error.moreInfo };
}

declare global {
  interface HTMLElementTagNameMap {
    'reservation-panel': ReservationPanel;
  }
}
