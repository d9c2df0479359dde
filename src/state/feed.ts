/**
 * A worker's reservations, kept current through a connection: a full list at start and
 * after every gap (a live channel (re)opened, the page shown again, back online, awake
 * again), pushed changes applied as they come, polling while no live channel is open (never
 * two list requests at once, exponential backoff with jitter on failures, nothing while
 * hidden), single refreshes for events that only name a reservation, and the answers of
 * actions. Each change is told once, by a diff of statuses. The tasks behind the
 * reservations, the worker and the workspace's activities are kept beside them. Panels
 * showing the same list share one feed (`acquireFeed`). No Lit, no DOM.
 */
import type { Connection, Fetched, LiveEvent } from '../connection/connection.js';
import { isAbortError, toApiError, type ApiError } from '../connection/errors.js';
import { ACTIVE_STATUSES, type Activity, type Reservation, type ReservationStatus, type Worker } from '../wire/types.js';
import { diffStatuses, type StatusChange } from './reservations.js';
import { TaskStore } from './tasks.js';

export interface FeedOptions {
  status?: ReservationStatus | undefined;
  /** ms between list refreshes while no live channel is open; 0 turns polling off */
  pollInterval: number;
}

export type FeedEvent =
  | { type: 'load'; reservations: readonly Reservation[] }
  /** `origin`: the subscriber whose action caused the change, which reports it itself */
  | { type: 'changes'; changes: readonly StatusChange[]; origin?: object }
  | { type: 'error'; error: ApiError; operation: 'list' | 'fetch'; sid?: string }
  /** the live channel opened; on the event-bridge its `init` told the token's remaining life */
  | { type: 'live'; tokenLifetimeMs?: number }
  /** anything else that shows: loading, tasks, the worker, the live channel's state */
  | { type: 'state' };

export interface FeedSubscriber {
  /** the subscriber's connection (its token's), once it has one */
  readonly connection: Connection | undefined;
  /** false while this subscriber must not send (no token, or its token expired) */
  readonly ready: boolean;
  notify(event: FeedEvent): void;
}

/** The longest wait between retries after failures. */
export const MAX_BACKOFF_MS = 60_000;
/** With a live channel, the first list waits this long at most for it to open (then one list covers both). */
export const OPEN_WAIT_MS = 2_000;
/** Finished reservations kept from pushes and fetches on a connection that lists only active ones. */
export const FINISHED_KEPT = 200;

const isActive = (status: ReservationStatus) => (ACTIVE_STATUSES as readonly string[]).includes(status);
/** A reservation's status only moves forward: pending, then accepted, then wrapping, then an end. */
const rank = (status: ReservationStatus) => (status === 'pending' ? 0 : status === 'accepted' ? 1 : status === 'wrapping' ? 2 : 3);

export class ReservationFeed {
  /** the reservations that match the filter, unsorted; undefined until the first list arrives */
  reservations: Reservation[] | undefined;
  loading = false;
  error: ApiError | undefined;
  /** consecutive failed lists */
  failures = 0;
  /** a live channel is open (changes are pushed) */
  live = false;
  /** the worker (FetchWorker, then `worker.activity.update`), once known */
  worker: Worker | undefined;
  /** counts every change that shows, so views can tell when to sort or render again */
  version = 0;
  readonly tasks: TaskStore;

  private readonly subscribers = new Set<FeedSubscriber>();
  private readonly bySid = new Map<string, Reservation>();
  /** seconds a pending reservation lives, where the connection said */
  private readonly timeouts = new Map<string, number>();
  private controller: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private openWait: ReturnType<typeof setTimeout> | undefined;
  private hidden = false;
  private reloadQueued: boolean | undefined;
  /** counts lists and replacements, so a list that left before a replacement cannot undo it */
  private generation = 0;
  private readonly replacedAt = new Map<string, number>();
  /** reservations with an action in flight, and what was pushed for them meanwhile */
  private readonly acting = new Set<string>();
  private readonly held = new Map<string, Fetched>();
  /** unreadable answers already reported (each is reported once) */
  private readonly reported = new Set<string>();
  private liveVia: FeedSubscriber | undefined;
  private stopLive: (() => void) | undefined;
  private activitiesLoading: Promise<Activity[]> | undefined;

  constructor(readonly options: FeedOptions) {
    this.tasks = new TaskStore(
      () => {
        const c = this.connection();
        return c && ((sid, signal) => c.fetchTask(sid, { signal }));
      },
      () => this.changed(),
      (sid, error) => this.report({ type: 'error', error, operation: 'fetch', sid }, `task ${error.message}`),
    );
  }

  /** Seconds this reservation lives while pending, where the connection said. */
  timeoutOf(sid: string): number | undefined {
    return this.timeouts.get(sid);
  }

  /** Adds a subscriber; the first one starts the feed, a later one gets the list at once. */
  subscribe(subscriber: FeedSubscriber): void {
    this.subscribers.add(subscriber);
    if (this.subscribers.size === 1) this.start();
    else if (this.reservations) subscriber.notify({ type: 'load', reservations: [...this.reservations] });
  }

  /** Removes a subscriber; the feed stops when none is left. Returns how many remain. */
  unsubscribe(subscriber: FeedSubscriber): number {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.stop();
    else if (this.liveVia === subscriber) {
      this.closeLive();
      this.openLive();
    }
    return this.subscribers.size;
  }

  /** A subscriber can send again (a new token): start what waited for one. */
  resume(): void {
    if (!this.stopLive) this.openLive();
    void this.reload(false);
  }

  /** Lists now (Retry, `refresh()`, a gap); `announce` fires `load` when it arrives. */
  reload(announce = true): Promise<void> {
    if (!this.subscribers.size) return Promise.resolve();
    if (this.controller) {
      this.reloadQueued = (this.reloadQueued ?? false) || announce;
      return Promise.resolve();
    }
    return this.load(announce);
  }

  /** While the page is hidden nothing is polled or fetched; when it shows again the list loads at once. */
  setHidden(hidden: boolean): void {
    if (hidden === this.hidden) return;
    this.hidden = hidden;
    this.tasks.setHidden(hidden);
    if (hidden) clearTimeout(this.timer);
    else void this.reload(false);
  }

  /**
   * Sends an action through `run` and puts its answer in the list, as `origin`'s change.
   * Changes pushed for this reservation meanwhile wait until the answer is in.
   */
  async act(sid: string, origin: object, run: () => Promise<Fetched>): Promise<Fetched> {
    this.acting.add(sid);
    try {
      const answer = await run();
      this.replace(answer, origin);
      return answer;
    } finally {
      this.acting.delete(sid);
      const pushed = this.held.get(sid);
      this.held.delete(sid);
      const now = this.bySid.get(sid);
      if (pushed && (!now || rank(pushed.reservation.reservation_status) >= rank(now.reservation_status))) this.replace(pushed);
    }
  }

  /** Puts a reservation an answer or a push carried into the list, and tells what changed. */
  replace({ reservation, task, timeoutSeconds }: Fetched, origin?: object): void {
    this.replacedAt.set(reservation.sid, ++this.generation);
    if (task) this.tasks.put(task);
    if (timeoutSeconds) this.timeouts.set(reservation.sid, timeoutSeconds);
    if (this.reservations === undefined) return;
    const changes = diffStatuses(this.bySid, [reservation]);
    this.bySid.set(reservation.sid, reservation);
    this.reservations = this.matching();
    if (!task) this.tasks.want([reservation.task_sid]);
    if (changes.length) this.broadcast({ type: 'changes', changes, origin });
    this.changed();
  }

  /** Fetches one reservation (an event named it, an action failed, it left the active list) and merges it. */
  async refreshOne(sid: string, origin?: object): Promise<void> {
    const connection = this.connection();
    if (!connection) return;
    try {
      this.replace(await connection.fetch(sid), origin);
    } catch (e) {
      const error = toApiError(e);
      if (error.kind === 'aborted') return;
      if (error.status === 404 && this.bySid.delete(sid)) {
        // gone from the server: it is not shown any longer
        this.reservations = this.matching();
        this.changed();
      }
      this.broadcast({ type: 'error', error, operation: 'fetch', sid });
    }
  }

  /** The workspace's activities (ListActivity), read once and shared. */
  activities(): Promise<Activity[]> {
    const connection = this.connection();
    if (!connection) return Promise.reject(new Error('not connected'));
    this.activitiesLoading ??= connection.listActivities().then(
      (listed) => {
        if (listed.unreadable) this.report({ type: 'error', error: listed.unreadable, operation: 'list' });
        return listed.items;
      },
      (e: unknown) => {
        this.activitiesLoading = undefined;
        throw e;
      },
    );
    return this.activitiesLoading;
  }

  /** Reads the worker again (its activity may have changed). */
  async refreshWorker(): Promise<void> {
    const connection = this.connection();
    if (!connection) return;
    try {
      this.worker = await connection.fetchWorker();
      this.changed();
    } catch (e) {
      const error = toApiError(e);
      if (error.kind !== 'aborted') this.report({ type: 'error', error, operation: 'fetch' }, `worker ${error.message}`);
    }
  }

  private start(): void {
    if (this.openLive()) {
      // One list once the channel is open covers the start and the gap before it.
      this.openWait = setTimeout(() => {
        if (this.reservations === undefined && !this.controller) void this.load(true);
      }, OPEN_WAIT_MS);
    } else {
      void this.load(true);
    }
    // The worker (for the header) beside the first list, so both show in one frame.
    void this.refreshWorker();
  }

  private stop(): void {
    clearTimeout(this.timer);
    clearTimeout(this.openWait);
    this.controller?.abort();
    this.controller = undefined;
    this.loading = false;
    this.closeLive();
    this.tasks.stop();
  }

  /** Opens the live channel through a subscriber that can send; false when there is none. */
  private openLive(): boolean {
    const via = [...this.subscribers].find((s) => s.ready && s.connection?.live);
    if (!via) return false;
    this.liveVia = via;
    this.stopLive = via.connection!.live!((event) => this.handleLive(event));
    return true;
  }

  private closeLive(): void {
    this.stopLive?.();
    this.stopLive = undefined;
    this.liveVia = undefined;
    if (this.live) {
      this.live = false;
      this.changed();
    }
  }

  private handleLive(event: LiveEvent): void {
    switch (event.type) {
      case 'open':
        this.live = true;
        clearTimeout(this.openWait);
        this.broadcast({ type: 'live', ...(event.tokenLifetimeMs !== undefined && { tokenLifetimeMs: event.tokenLifetimeMs }) });
        // Whatever happened while the channel was not open is unknown: list it all again.
        void this.reload(this.reservations === undefined);
        if (this.worker) void this.refreshWorker();
        this.changed();
        return;
      case 'closed':
        this.live = false;
        this.changed();
        if (!this.controller) this.schedule();
        return;
      case 'reservation':
        if (this.acting.has(event.reservation.sid)) this.held.set(event.reservation.sid, event);
        else this.replace(event);
        return;
      case 'reservation-sid':
        void this.refreshOne(event.sid);
        return;
      case 'task':
        this.tasks.put(event.task);
        return;
      case 'task-sid':
        this.tasks.refresh(event.sid);
        return;
      case 'worker':
        this.worker = event.worker;
        this.changed();
        return;
      case 'unreadable':
        this.report({ type: 'error', error: event.error, operation: 'fetch' });
        return;
    }
  }

  private connection(): Connection | undefined {
    if (this.liveVia?.ready) return this.liveVia.connection;
    for (const s of this.subscribers) if (s.ready && s.connection) return s.connection;
    return undefined;
  }

  private matching(): Reservation[] {
    const { status } = this.options;
    const all = [...this.bySid.values()];
    return status ? all.filter((r) => r.reservation_status === status) : all;
  }

  private changed(): void {
    this.version++;
    this.broadcast({ type: 'state' });
  }

  private broadcast(event: FeedEvent): void {
    for (const s of this.subscribers) s.notify(event);
  }

  /** Reports an error once for each distinct message (a server that keeps answering wrongly is told once). */
  private report(event: FeedEvent & { type: 'error' }, key = event.error.message): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.broadcast(event);
  }

  private delay(): number {
    const connection = this.connection();
    const factor = this.live ? (connection?.livePollFactor ?? 1) : 1;
    const base = this.options.pollInterval * factor;
    if (!this.failures) return base;
    // Exponential backoff with jitter between half and all of the step.
    const step = Math.min(
      MAX_BACKOFF_MS,
      Math.max(Number.isFinite(base) ? base : this.options.pollInterval, 1000) * 2 ** (this.failures - 1),
    );
    return step / 2 + Math.random() * (step / 2);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.subscribers.size || this.hidden || !(this.options.pollInterval > 0)) return;
    const delay = this.delay();
    if (Number.isFinite(delay)) this.timer = setTimeout(() => void this.load(false), delay);
  }

  private async load(announce: boolean): Promise<void> {
    clearTimeout(this.timer);
    const connection = this.connection();
    if (!connection) return;
    const controller = new AbortController();
    this.controller = controller;
    this.loading = true;
    this.changed();
    const started = ++this.generation;
    try {
      const listed = await connection.list({ status: this.options.status, signal: controller.signal });
      if (controller.signal.aborted) return;
      if (listed.unreadable) this.report({ type: 'error', error: listed.unreadable, operation: 'list' });
      const fresh = new Map<string, Reservation>();
      for (const item of listed.items) {
        const { reservation: listedCopy, task, timeoutSeconds } = item;
        // A reservation replaced while this list was on its way is newer than the list's copy.
        const newer = (this.replacedAt.get(listedCopy.sid) ?? 0) > started;
        fresh.set(listedCopy.sid, newer ? (this.bySid.get(listedCopy.sid) ?? listedCopy) : listedCopy);
        if (task) this.tasks.put(task);
        if (timeoutSeconds) this.timeouts.set(listedCopy.sid, timeoutSeconds);
      }
      this.replacedAt.clear();
      const vanished: string[] = [];
      if (connection.lists === 'active') {
        // The list holds only active reservations: one that left it has moved on, and is fetched to learn where.
        const finished: Reservation[] = [];
        for (const r of this.bySid.values()) {
          if (fresh.has(r.sid)) continue;
          if (isActive(r.reservation_status)) vanished.push(r.sid);
          else finished.push(r);
        }
        finished.sort((a, b) => b.date_updated.localeCompare(a.date_updated));
        for (const r of [...finished.slice(0, FINISHED_KEPT), ...vanished.map((sid) => this.bySid.get(sid)!)]) fresh.set(r.sid, r);
      }
      const first = this.reservations === undefined;
      const changes = first ? [] : diffStatuses(this.bySid, [...fresh.values()]);
      this.bySid.clear();
      for (const [sid, r] of fresh) this.bySid.set(sid, r);
      this.reservations = this.matching();
      this.error = undefined;
      this.failures = 0;
      const taskSids = new Set([...this.bySid.values()].map((r) => r.task_sid));
      this.tasks.keep(taskSids);
      this.tasks.want(this.reservations.map((r) => r.task_sid));
      if (announce || first) this.broadcast({ type: 'load', reservations: [...this.reservations] });
      if (changes.length) this.broadcast({ type: 'changes', changes });
      for (const sid of vanished) void this.refreshOne(sid);
    } catch (e) {
      if (controller.signal.aborted || isAbortError(e)) return;
      this.error = toApiError(e);
      this.failures++;
      this.broadcast({ type: 'error', error: this.error, operation: 'list' });
    } finally {
      if (this.controller === controller) {
        this.controller = undefined;
        this.loading = false;
        this.changed();
        const queued = this.reloadQueued;
        this.reloadQueued = undefined;
        if (queued !== undefined) void this.load(queued);
        else this.schedule();
      }
    }
  }
}

const feeds = new Map<string, ReservationFeed>();
const releases = new WeakMap<FeedSubscriber, () => void>();

/**
 * The feed for a connection `key` (its kind, where it points, the worker), status filter
 * and poll interval, shared by every panel on the page that shows the same list. Release it
 * with `releaseFeed`.
 */
export function acquireFeed(key: string, options: FeedOptions, subscriber: FeedSubscriber): ReservationFeed {
  const id = [key, options.status ?? '', options.pollInterval].join('|');
  let feed = feeds.get(id);
  if (!feed) {
    feed = new ReservationFeed(options);
    feeds.set(id, feed);
  }
  feed.subscribe(subscriber);
  const own = feed;
  releases.set(subscriber, () => {
    if (own.unsubscribe(subscriber) === 0 && feeds.get(id) === own) feeds.delete(id);
  });
  return feed;
}

export function releaseFeed(subscriber: FeedSubscriber): void {
  releases.get(subscriber)?.();
  releases.delete(subscriber);
}
