/**
 * A panel's session with TaskRouter: its configuration resolved, its connection (loaded on
 * demand), its token's life (src/state/token-session.ts), the server's clock, and its place
 * among the (possibly shared) feed's subscribers; and the one way to send an action. The
 * element maps what it tells onto DOM events and rendering; this module holds no Lit and no
 * DOM.
 */
import type { Connection } from '../connection/connection.js';
import { ApiError, toApiError } from '../connection/errors.js';
import { loadConnection } from '../connection/load.js';
import type { PanelStrings } from '../i18n/strings.js';
import { ACTION_DESCRIPTORS } from '../schema/actions.js';
import type { ActionName } from '../schema/schema.types.js';
import { RESERVATION_STATUSES, type Reservation, type ReservationStatus, type UpdateParams } from '../wire/types.js';
import { connectionKey, resolveConfig, type ConfigInput, type ResolvedConfig } from './config.js';
import { acquireFeed, releaseFeed, type FeedEvent, type FeedSubscriber, type ReservationFeed } from './feed.js';
import type { StatusChange } from './reservations.js';
import { TokenSession } from './token-session.js';

export interface SessionInput extends ConfigInput {
  tokenProvider?: (() => Promise<string>) | undefined;
  status?: string | undefined;
  /** ms between list refreshes while no live channel is open; 0 turns polling off */
  pollInterval: number;
  /** ms a request may take */
  requestTimeout: number;
}

/** What the session tells its panel. */
export type SessionEvent =
  | Exclude<FeedEvent, { type: 'changes' }>
  /** statuses changed: by this panel's own action (`action`), or as seen from the server (`sync`) */
  | { type: 'changes'; changes: readonly StatusChange[]; source: 'action' | 'sync' }
  /** the token was refused or passed its deadline, and nothing renewed it */
  | { type: 'expired' }
  /** a new token ended the expired state */
  | { type: 'resumed' }
  /** the configuration is malformed: told once per distinct message */
  | { type: 'config-error'; message: string };

export interface SessionHost {
  strings(): PanelStrings;
  notify(event: SessionEvent): void;
  /** the provider gave a fresh token: it becomes the panel's `token` */
  renewed(token: string): void;
}

/** How an action ended. */
export type ActionOutcome =
  | { ok: true; reservation: Reservation }
  /** `error`: what the server or the network said; absent when nothing was sent (vetoed, expired, busy) */
  | { ok: false; message?: string; error?: ApiError; vetoed?: boolean };

/** A change of the server's clock smaller than this (the `Date` header has 1 s steps) is noise. */
const SKEW_NOISE_MS = 2_000;

const isRefusal = (e: unknown) => toApiError(e).status === 401;

export class PanelSession {
  config: ResolvedConfig = { ok: false, waiting: true, message: '' };
  feed: ReservationFeed | undefined;
  /** the server's clock minus the page's, ms; undefined until an answer told it */
  skew: number | undefined;
  readonly token: TokenSession;

  private input: SessionInput | undefined;
  private connection: Connection | undefined;
  private target = '';
  private feedKey = '';
  private connected = false;
  private reportedConfigError = '';
  private hidden = false;
  /** reservations with an update in flight: one request at a time per reservation */
  private readonly inFlight = new Set<string>();
  private readonly subscriber: FeedSubscriber;

  constructor(private readonly host: SessionHost) {
    this.token = new TokenSession({
      skew: () => this.skew,
      provider: () => this.input?.tokenProvider,
      renewed: (fresh) => {
        this.host.renewed(fresh);
        this.connection?.tokenChanged?.();
      },
      expired: () => this.host.notify({ type: 'expired' }),
      resumed: () => {
        this.host.notify({ type: 'resumed' });
        this.feed?.resume();
      },
    });
    const connection = () => this.connection;
    const ready = () => !!this.connection && !this.token.isExpired && !!this.token.token;
    this.subscriber = {
      get connection() {
        return connection();
      },
      get ready() {
        return ready();
      },
      notify: (event) => this.handleFeed(event),
    };
  }

  /** The server's time now (the page's clock corrected by the skew once known). */
  now(): number {
    return Date.now() + (this.skew ?? 0);
  }

  /** The panel's attributes and properties, whenever they change. */
  configure(input: SessionInput): void {
    this.input = input;
    const tokenBefore = this.token.token;
    this.token.set(input.token);
    const config = resolveConfig(input, this.host.strings());
    this.config = config;
    if (!config.ok) {
      this.teardown();
      if (!config.waiting && config.message !== this.reportedConfigError) {
        this.reportedConfigError = config.message;
        this.host.notify({ type: 'config-error', message: config.message });
      }
      return;
    }
    this.reportedConfigError = '';
    const target = `${connectionKey(config)}|${input.requestTimeout}`;
    const status = (RESERVATION_STATUSES as readonly string[]).includes(input.status ?? '')
      ? (input.status as ReservationStatus)
      : undefined;
    const pollInterval = Math.max(0, Number(input.pollInterval) || 0);
    const feedKey = `${target}|${status ?? ''}|${pollInterval}`;
    if (target !== this.target) {
      this.teardown();
      this.target = target;
      this.skew = undefined;
      void this.createConnection(config, input.requestTimeout, target);
    } else if (feedKey !== this.feedKey) {
      this.releaseFeed();
    } else if (tokenBefore !== input.token) {
      this.connection?.tokenChanged?.();
    }
    this.feedKey = feedKey;
    if (this.connected) this.acquire();
  }

  /** The panel is in the document: start. */
  connect(): void {
    this.connected = true;
    this.token.clockChanged();
    this.acquire();
  }

  /** The panel left the document: stop everything, keep the configuration. */
  disconnect(): void {
    this.connected = false;
    this.releaseFeed();
    this.token.dispose();
  }

  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    this.feed?.setHidden(hidden);
  }

  /** Back online, awake again: whatever happened meanwhile is unknown, so list again. */
  resync(): void {
    void this.feed?.reload(false);
  }

  /** Lists again now, and tells `load` when it arrives. */
  refresh(): Promise<void> {
    return this.feed?.reload() ?? Promise.resolve();
  }

  /**
   * Sends an action: `veto(params)` may stop it or change the params (the host's
   * `reservation-before-update`); one request at a time per reservation; never while the
   * token is expired.
   */
  async perform(
    reservation: Reservation,
    action: ActionName,
    fields: UpdateParams,
    veto: (params: UpdateParams) => boolean,
  ): Promise<ActionOutcome> {
    const t = this.host.strings();
    const { sid } = reservation;
    const { feed, connection } = this;
    if (!feed || !connection) return { ok: false, message: t.notConnected };
    if (this.inFlight.has(sid)) return { ok: false };
    if (this.token.isExpired) return { ok: false, message: t.expiredNotSent };
    const params: UpdateParams = { ...fields, ...ACTION_DESCRIPTORS[action].params };
    if (!veto(params)) return { ok: false, message: t.stoppedByPage, vetoed: true };
    this.inFlight.add(sid);
    try {
      const answer = await feed.act(sid, this.subscriber, () => this.guard(() => connection.update(sid, params)));
      if (action === 'reject' && params.WorkerActivitySid) void feed.refreshWorker();
      return { ok: true, reservation: answer.reservation };
    } catch (e) {
      const error = toApiError(e);
      if (error.kind === 'aborted') return { ok: false };
      // The reservation may have moved, or the update may have landed before the failure.
      if (error.status !== 401 && error.status !== 403) void feed.refreshOne(sid);
      return { ok: false, error, message: error.status === 401 ? t.expiredNotSent : error.message };
    } finally {
      this.inFlight.delete(sid);
    }
  }

  private guard<T>(call: () => Promise<T>): Promise<T> {
    return this.token.guard(call, isRefusal, () => new ApiError('http', this.host.strings().expiredNotSent, 401));
  }

  private async createConnection(config: ResolvedConfig & { ok: true }, timeoutMs: number, target: string): Promise<void> {
    const common = {
      worker: config.worker,
      getToken: () => (this.token.isExpired ? undefined : this.token.token),
      timeoutMs: Number(timeoutMs) > 0 ? Number(timeoutMs) : 10_000,
      onServerDate: (server: number) => this.serverDate(server),
    };
    let connection: Connection;
    try {
      connection =
        config.kind === 'twilio'
          ? (await loadConnection('twilio'))({ ...common, url: config.url })
          : (await loadConnection('rest'))({ ...common, apiBase: config.url, ...(config.eventsUrl && { eventsUrl: config.eventsUrl }) });
    } catch (e) {
      if (this.target === target) {
        this.host.notify({
          type: 'error',
          operation: 'list',
          error: new ApiError('network', `The connection could not be loaded: ${(e as Error).message}`),
        });
      }
      return;
    }
    if (this.target !== target) return;
    const guarded =
      <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
      (...a: A) =>
        this.guard(() => f(...a));
    this.connection = {
      ...connection,
      list: guarded(connection.list),
      fetch: guarded(connection.fetch),
      fetchTask: guarded(connection.fetchTask),
      listActivities: guarded(connection.listActivities),
      fetchWorker: guarded(connection.fetchWorker),
      update: connection.update,
    } satisfies Connection;
    if (this.connected) this.acquire();
  }

  private serverDate(server: number): void {
    const skew = server - Date.now();
    if (this.skew !== undefined && Math.abs(skew - this.skew) < SKEW_NOISE_MS) return;
    this.skew = skew;
    this.token.clockChanged();
  }

  private acquire(): void {
    if (this.feed || !this.connection || !this.connected || !this.input || !this.config.ok) return;
    const status = (RESERVATION_STATUSES as readonly string[]).includes(this.input.status ?? '')
      ? (this.input.status as ReservationStatus)
      : undefined;
    const pollInterval = Math.max(0, Number(this.input.pollInterval) || 0);
    this.feed = acquireFeed(this.target, { status, pollInterval }, this.subscriber);
    this.feed.setHidden(this.hidden);
    this.host.notify({ type: 'state' });
  }

  private releaseFeed(): void {
    if (this.feed) releaseFeed(this.subscriber);
    this.feed = undefined;
  }

  private teardown(): void {
    this.releaseFeed();
    this.connection = undefined;
    this.target = '';
    this.feedKey = '';
  }

  private handleFeed(event: FeedEvent): void {
    if (event.type === 'live' && event.tokenLifetimeMs !== undefined) this.token.setLifetime(event.tokenLifetimeMs);
    // A refused token is reported once, by the expired event.
    if (event.type === 'error' && event.error.status === 401 && this.token.isExpired) return;
    if (event.type === 'changes') {
      this.host.notify({ type: 'changes', changes: event.changes, source: event.origin === this.subscriber ? 'action' : 'sync' });
      return;
    }
    this.host.notify(event);
  }
}
