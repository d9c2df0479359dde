/**
 * Loads a worker's reservations and keeps them current by polling. One list request at a
 * time; an in-flight request is aborted on stop(). No Lit, no DOM.
 */
import type { ApiError, ReservationsApi, WorkerRef } from '../api/index.js';
import { isAbortError, toApiError } from '../api/errors.js';
import type { Reservation, ReservationStatus } from '../api/types.js';
import { diffStatuses, sortReservations, type StatusChange } from './reservations.js';

export interface FeedOptions {
  api: ReservationsApi;
  worker: WorkerRef;
  status?: ReservationStatus | undefined;
  /** ms between refreshes; 0 turns polling off */
  pollInterval: number;
}

export type FeedEvent =
  | { type: 'load'; reservations: readonly Reservation[] }
  | { type: 'changes'; changes: readonly StatusChange[] }
  | { type: 'error'; error: ApiError }
  | { type: 'state' };

export class ReservationFeed {
  /** the list in display order; undefined until the first load succeeds */
  reservations: Reservation[] | undefined;
  loading = false;
  error: ApiError | undefined;

  private readonly bySid = new Map<string, Reservation>();
  private controller: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private reloadQueued = false;
  /** counts loads and replacements, so a list that left before an action cannot undo it */
  private generation = 0;
  private readonly replacedAt = new Map<string, number>();

  constructor(
    private readonly options: FeedOptions,
    private readonly listener: (event: FeedEvent) => void,
  ) {}

  /** Starts loading and polling; `announce: false` resumes quietly (changes still fire). */
  start(announce = true) {
    if (this.running) return;
    this.running = true;
    void this.load(announce);
  }

  get active(): boolean {
    return this.running;
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
    this.controller?.abort();
    this.controller = undefined;
    this.loading = false;
  }

  /** Loads now (the user's retry, or the host's `refresh()`), then fires `load`. */
  reload(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.controller) {
      this.reloadQueued = true;
      return Promise.resolve();
    }
    return this.load(true);
  }

  get(sid: string): Reservation | undefined {
    return this.bySid.get(sid);
  }

  /** Puts a reservation the API returned (after an action or a fetch) into the list. */
  replace(reservation: Reservation) {
    this.replacedAt.set(reservation.sid, ++this.generation);
    this.bySid.set(reservation.sid, reservation);
    this.reservations = sortReservations([...this.bySid.values()]);
    this.listener({ type: 'state' });
  }

  private schedule() {
    clearTimeout(this.timer);
    if (this.running && this.options.pollInterval > 0) {
      this.timer = setTimeout(() => void this.load(false), this.options.pollInterval);
    }
  }

  private async load(announce: boolean) {
    clearTimeout(this.timer);
    const controller = new AbortController();
    this.controller = controller;
    this.loading = true;
    this.listener({ type: 'state' });
    const { api, worker, status } = this.options;
    const started = ++this.generation;
    try {
      const fetched = await api.list(worker, { status, signal: controller.signal });
      if (controller.signal.aborted) return;
      // A reservation replaced while this list was on its way is newer than the list's copy.
      const list = fetched.map((r) => ((this.replacedAt.get(r.sid) ?? 0) > started ? this.bySid.get(r.sid) ?? r : r));
      this.replacedAt.clear();
      const first = this.reservations === undefined;
      const changes = first ? [] : diffStatuses(this.bySid, list);
      this.bySid.clear();
      for (const r of list) this.bySid.set(r.sid, r);
      this.reservations = sortReservations(list);
      this.error = undefined;
      if (announce || first) this.listener({ type: 'load', reservations: list });
      if (changes.length) this.listener({ type: 'changes', changes });
    } catch (e) {
      if (controller.signal.aborted || isAbortError(e)) return;
      this.error = toApiError(e);
      this.listener({ type: 'error', error: this.error });
    } finally {
      if (this.controller === controller) {
        this.controller = undefined;
        this.loading = false;
        this.listener({ type: 'state' });
        if (this.reloadQueued) {
          this.reloadQueued = false;
          void this.load(true);
        } else {
          this.schedule();
        }
      }
    }
  }
}
