/**
 * Loads a worker's reservations and keeps them current: polling (never two list requests
 * at once, exponential backoff with jitter on failures, paused while the page is hidden,
 * slower while a pushed event stream is healthy), single-reservation refreshes for pushed
 * events, and replacements after actions. Panels showing the same list share one feed
 * (see `acquireFeed`). No Lit, no DOM.
 */
import type { ApiError, ReservationsApi, WorkerRef } from '../api/index.js';
import { isAbortError, toApiError } from '../api/errors.js';
import type { Reservation, ReservationStatus } from '../wire/types.js';
import { diffStatuses, sortReservations, type StatusChange } from './reservations.js';

export interface FeedOptions {
  worker: WorkerRef;
  status?: ReservationStatus | undefined;
  /** ms between refreshes; 0 turns polling off */
  pollInterval: number;
}

export type FeedEvent =
  | { type: 'load'; reservations: readonly Reservation[] }
  /** `origin`: the subscriber whose action caused the change, which reports it itself */
  | { type: 'changes'; changes: readonly StatusChange[]; origin?: object }
  | { type: 'error'; error: ApiError; operation: 'list' | 'fetch'; sid?: string }
  | { type: 'state' };

export interface FeedSubscriber {
  readonly api: ReservationsApi;
  /** false while this subscriber must not send (its token expired) */
  readonly ready: boolean;
  notify(event: FeedEvent): void;
}

/** Polling is this many times slower while a pushed event stream is healthy. */
export const STREAM_POLL_FACTOR = 6;
/** The longest wait between retries after failures. */
export const MAX_BACKOFF_MS = 60_000;

export class ReservationFeed {
  /** the list in display order; undefined until the first load succeeds */
  reservations: Reservation[] | undefined;
  loading = false;
  error: ApiError | undefined;
  /** consecutive failed loads */
  failures = 0;

  private readonly subscribers = new Set<FeedSubscriber>();
  private readonly bySid = new Map<string, Reservation>();
  private controller: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private hidden = false;
  private streaming = false;
  private reloadQueued: boolean | undefined;
  /** counts loads and replacements, so a list that left before an action cannot undo it */
  private generation = 0;
  private readonly replacedAt = new Map<string, number>();

  constructor(readonly options: FeedOptions) {}

  /** Adds a subscriber; the first one starts the feed, a later one gets the list at once. */
  subscribe(subscriber: FeedSubscriber) {
    this.subscribers.add(subscriber);
    if (this.subscribers.size === 1) void this.load(true);
    else if (this.reservations) subscriber.notify({ type: 'load', reservations: [...this.bySid.values()] });
  }

  /** Removes a subscriber; the feed stops when none is left. Returns how many remain. */
  unsubscribe(subscriber: FeedSubscriber): number {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.stop();
    return this.subscribers.size;
  }

  get(sid: string): Reservation | undefined {
    return this.bySid.get(sid);
  }

  /** Loads now (a retry, `refresh()`, a resume); `announce` fires `load` when it arrives. */
  reload(announce = true): Promise<void> {
    if (!this.subscribers.size) return Promise.resolve();
    if (this.controller) {
      this.reloadQueued = (this.reloadQueued ?? false) || announce;
      return Promise.resolve();
    }
    return this.load(announce);
  }

  /** While the page is hidden nothing is polled; when it shows again the list loads at once. */
  setHidden(hidden: boolean) {
    if (hidden === this.hidden) return;
    this.hidden = hidden;
    if (hidden) clearTimeout(this.timer);
    else void this.reload(false);
  }

  /** A healthy pushed stream slows polling down; losing it restores the normal pace. */
  setStreaming(streaming: boolean) {
    if (streaming === this.streaming) return;
    this.streaming = streaming;
    if (!this.controller) this.schedule();
  }

  /** Puts a reservation the API returned into the list and tells every subscriber what changed. */
  replace(reservation: Reservation, origin?: object) {
    this.replacedAt.set(reservation.sid, ++this.generation);
    if (this.reservations === undefined) return;
    const changes = diffStatuses(this.bySid, [reservation]);
    this.bySid.set(reservation.sid, reservation);
    this.reservations = this.matching([...this.bySid.values()]);
    if (changes.length) this.broadcast({ type: 'changes', changes, origin });
    this.broadcast({ type: 'state' });
  }

  /** Fetches one reservation (after a pushed event, or a refused action) and merges it. */
  async refreshOne(sid: string, origin?: object): Promise<void> {
    const api = this.api();
    if (!api) return;
    try {
      this.replace(await api.fetch(this.options.worker, sid), origin);
    } catch (e) {
      const error = toApiError(e);
      if (error.kind !== 'aborted') this.broadcast({ type: 'error', error, operation: 'fetch', sid });
    }
  }

  private matching(list: Reservation[]) {
    const { status } = this.options;
    return sortReservations(status ? list.filter((r) => r.reservation_status === status) : list);
  }

  private api(): ReservationsApi | undefined {
    for (const s of this.subscribers) if (s.ready) return s.api;
    return undefined;
  }

  private broadcast(event: FeedEvent) {
    for (const s of this.subscribers) s.notify(event);
  }

  private stop() {
    clearTimeout(this.timer);
    this.controller?.abort();
    this.controller = undefined;
    this.loading = false;
  }

  private delay(): number {
    const base = this.options.pollInterval * (this.streaming ? STREAM_POLL_FACTOR : 1);
    if (!this.failures) return base;
    // Exponential backoff with full jitter between half and all of the step.
    const step = Math.min(MAX_BACKOFF_MS, Math.max(base, 1000) * 2 ** (this.failures - 1));
    return step / 2 + Math.random() * (step / 2);
  }

  private schedule() {
    clearTimeout(this.timer);
    if (this.subscribers.size && !this.hidden && this.options.pollInterval > 0) {
      this.timer = setTimeout(() => void this.load(false), this.delay());
    }
  }

  private async load(announce: boolean) {
    clearTimeout(this.timer);
    const api = this.api();
    if (!api) return;
    const controller = new AbortController();
    this.controller = controller;
    this.loading = true;
    this.broadcast({ type: 'state' });
    const { worker, status } = this.options;
    const started = ++this.generation;
    try {
      // The largest page the API allows: the fewest round trips for a long list.
      const fetched = await api.list(worker, { status, pageSize: 1000, signal: controller.signal });
      if (controller.signal.aborted) return;
      // A reservation replaced while this list was on its way is newer than the list's copy.
      const list = fetched.map((r) => ((this.replacedAt.get(r.sid) ?? 0) > started ? (this.bySid.get(r.sid) ?? r) : r));
      this.replacedAt.clear();
      const first = this.reservations === undefined;
      const changes = first ? [] : diffStatuses(this.bySid, list);
      this.bySid.clear();
      for (const r of list) this.bySid.set(r.sid, r);
      this.reservations = sortReservations(list);
      this.error = undefined;
      this.failures = 0;
      if (announce || first) this.broadcast({ type: 'load', reservations: list });
      if (changes.length) this.broadcast({ type: 'changes', changes });
    } catch (e) {
      if (controller.signal.aborted || isAbortError(e)) return;
      this.error = toApiError(e);
      this.failures++;
      this.broadcast({ type: 'error', error: this.error, operation: 'list' });
    } finally {
      if (this.controller === controller) {
        this.controller = undefined;
        this.loading = false;
        this.broadcast({ type: 'state' });
        const queued = this.reloadQueued;
        this.reloadQueued = undefined;
        if (queued !== undefined) void this.load(queued);
        else this.schedule();
      }
    }
  }
}

const feeds = new Map<string, ReservationFeed>();

/**
 * The feed for an API base, worker, status filter and poll interval, shared by every panel
 * on the page that shows the same list. Release it with `releaseFeed`.
 */
export function acquireFeed(apiBase: string, options: FeedOptions, subscriber: FeedSubscriber): ReservationFeed {
  const key = [apiBase, options.worker.workspaceSid, options.worker.workerSid, options.status ?? '', options.pollInterval].join('|');
  let feed = feeds.get(key);
  if (!feed) {
    feed = new ReservationFeed(options);
    feeds.set(key, feed);
  }
  feed.subscribe(subscriber);
  const release = () => {
    if (feed!.unsubscribe(subscriber) === 0 && feeds.get(key) === feed) feeds.delete(key);
  };
  releases.set(subscriber, release);
  return feed;
}

const releases = new WeakMap<FeedSubscriber, () => void>();

export function releaseFeed(subscriber: FeedSubscriber) {
  releases.get(subscriber)?.();
  releases.delete(subscriber);
}
