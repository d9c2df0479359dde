/**
 * The tasks behind the reservations: each fetched once (`FetchTask`) and kept, concurrent
 * wants of one task sharing one request, a few requests at a time (no storm on a list of
 * 1,000), nothing fetched while the page is hidden, refreshed when an event says the task
 * changed. Tasks pushed with their reservation (the event-bridge) are simply kept. A task
 * that cannot be fetched leaves its row usable, and is tried again after a while.
 * No Lit, no DOM.
 */
import type { ApiError } from '../connection/errors.js';
import { toApiError } from '../connection/errors.js';
import type { Task } from '../wire/types.js';

/** Requests in flight at once. */
export const TASK_CONCURRENCY = 4;
/** A failed task is tried again when wanted after this many ms. */
export const TASK_RETRY_MS = 30_000;

export type FetchTask = (sid: string, signal: AbortSignal) => Promise<Task>;

export class TaskStore {
  private readonly tasks = new Map<string, Task>();
  private readonly failed = new Map<string, { error: ApiError; at: number }>();
  private readonly queue = new Set<string>();
  private readonly inFlight = new Map<string, AbortController>();
  private hidden = false;
  private stopped = false;

  /**
   * @param fetchTask fetches one task (the connection's `fetchTask`); undefined while no
   *   connection can send
   * @param changed told, after each task that arrived or failed
   * @param failedOnce told of a task's first failure (to report it)
   */
  constructor(
    private readonly fetchTask: () => FetchTask | undefined,
    private readonly changed: () => void,
    private readonly failedOnce: (sid: string, error: ApiError) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  get(sid: string): Task | undefined {
    return this.tasks.get(sid);
  }

  /** Whether the task is being fetched or waits its turn. */
  isLoading(sid: string): boolean {
    return this.queue.has(sid) || this.inFlight.has(sid);
  }

  errorOf(sid: string): ApiError | undefined {
    return this.failed.get(sid)?.error;
  }

  /** Keeps a task that came with its reservation or an event. */
  put(task: Task): void {
    this.tasks.set(task.sid, task);
    this.failed.delete(task.sid);
    this.queue.delete(task.sid);
    this.changed();
  }

  /** Fetches the tasks not known yet (one request per task, however often it is wanted). */
  want(sids: Iterable<string>): void {
    const now = this.now();
    for (const sid of sids) {
      if (this.tasks.has(sid) || this.inFlight.has(sid)) continue;
      const failure = this.failed.get(sid);
      if (failure && now - failure.at < TASK_RETRY_MS) continue;
      this.queue.add(sid);
    }
    this.pump();
  }

  /** An event said the task changed: fetch it again. */
  refresh(sid: string): void {
    if (this.inFlight.has(sid)) return;
    this.failed.delete(sid);
    this.queue.add(sid);
    this.pump();
  }

  /** While hidden, no request starts; the queue resumes when the page shows again. */
  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    if (!hidden) this.pump();
  }

  /** Only these tasks are still needed: forget the others (and their queued requests). */
  keep(sids: ReadonlySet<string>): void {
    for (const sid of this.tasks.keys()) if (!sids.has(sid)) this.tasks.delete(sid);
    for (const sid of this.queue) if (!sids.has(sid)) this.queue.delete(sid);
    for (const sid of this.failed.keys()) if (!sids.has(sid)) this.failed.delete(sid);
  }

  stop(): void {
    this.stopped = true;
    this.queue.clear();
    for (const c of this.inFlight.values()) c.abort();
    this.inFlight.clear();
  }

  private pump(): void {
    const fetchTask = this.fetchTask();
    if (this.stopped || this.hidden || !fetchTask) return;
    for (const sid of this.queue) {
      if (this.inFlight.size >= TASK_CONCURRENCY) return;
      this.queue.delete(sid);
      const controller = new AbortController();
      this.inFlight.set(sid, controller);
      fetchTask(sid, controller.signal)
        .then(
          (task) => {
            if (controller.signal.aborted) return;
            this.tasks.set(task.sid, task);
            this.failed.delete(sid);
          },
          (e: unknown) => {
            if (controller.signal.aborted) return;
            const error = toApiError(e);
            if (error.kind === 'aborted') return;
            if (!this.failed.has(sid)) this.failedOnce(sid, error);
            this.failed.set(sid, { error, at: this.now() });
          },
        )
        .finally(() => {
          if (this.inFlight.get(sid) === controller) this.inFlight.delete(sid);
          if (controller.signal.aborted) return;
          this.changed();
          this.pump();
        });
    }
  }
}
