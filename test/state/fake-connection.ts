/**
 * A connection made by the test, for the feed's and task store's own tests: it answers from
 * a map the test changes, counts the calls, and pushes live events when the test says. (The
 * panel's tests use the real connections against the real emulator.)
 */
import type { Connection, Fetched, LiveEvent } from '../../src/connection/connection.js';
import { ApiError } from '../../src/connection/errors.js';
import type { Reservation, ReservationStatus, Task } from '../../src/wire/types.js';

let n = 0;
const hex = (k: number) => k.toString(16).padStart(32, '0');
export const WS = `WS${hex(1)}`;
export const WK = `WK${hex(2)}`;

export function reservation(status: ReservationStatus = 'pending', taskSid = `WT${hex(1000 + ++n)}`): Reservation {
  const sid = `WR${hex(++n)}`;
  return {
    sid,
    task_sid: taskSid,
    worker_sid: WK,
    workspace_sid: WS,
    account_sid: `AC${hex(3)}`,
    reservation_status: status,
    date_created: '2026-11-30T10:00:00Z',
    date_updated: '2026-11-30T10:00:00Z',
    worker_name: 'Ada',
    url: '',
    links: {},
  };
}

export function task(sid: string): Task {
  return {
    sid,
    account_sid: `AC${hex(3)}`,
    workspace_sid: WS,
    age: 10,
    assignment_status: 'reserved',
    attributes: '{"name":"Jane"}',
    addons: '{}',
    date_created: '2026-11-30T09:59:50Z',
    date_updated: '2026-11-30T09:59:50Z',
    task_queue_entered_date: null,
    priority: 0,
    reason: null,
    task_queue_sid: null,
    task_queue_friendly_name: 'Support',
    task_channel_sid: null,
    task_channel_unique_name: 'voice',
    timeout: 86400,
    workflow_sid: null,
    workflow_friendly_name: null,
    url: '',
    links: {},
  };
}

export class FakeConnection implements Connection {
  readonly kind = 'twilio' as const;
  livePollFactor = Infinity;
  lists: 'all' | 'active';
  /** what the server holds */
  readonly server = new Map<string, Reservation>();
  readonly calls: string[] = [];
  /** pending task fetches, resolved by the test */
  readonly taskRequests: { sid: string; resolve: (t: Task) => void; reject: (e: unknown) => void }[] = [];
  private listener: ((e: LiveEvent) => void) | undefined;
  live?: Connection['live'];

  constructor({ lists = 'all', live = false }: { lists?: 'all' | 'active'; live?: boolean } = {}) {
    this.lists = lists;
    if (live) {
      this.live = (listener) => {
        this.calls.push('live');
        this.listener = listener;
        return () => {
          this.calls.push('live closed');
          this.listener = undefined;
        };
      };
    }
  }

  push(event: LiveEvent) {
    this.listener?.(event);
  }

  async list() {
    this.calls.push('list');
    const all = [...this.server.values()].filter(
      (r) => this.lists === 'all' || ['pending', 'accepted', 'wrapping'].includes(r.reservation_status),
    );
    return { items: all.map((reservation): Fetched => ({ reservation })) };
  }

  async fetch(sid: string) {
    this.calls.push(`fetch ${sid}`);
    const r = this.server.get(sid);
    if (!r) throw new ApiError('http', 'not found', 404);
    return { reservation: r };
  }

  async update(sid: string) {
    this.calls.push(`update ${sid}`);
    return { reservation: this.server.get(sid)! };
  }

  fetchTask(sid: string) {
    this.calls.push(`task ${sid}`);
    return new Promise<Task>((resolve, reject) => this.taskRequests.push({ sid, resolve, reject }));
  }

  async listActivities() {
    return { items: [] };
  }

  async fetchWorker(): Promise<never> {
    this.calls.push('worker');
    throw new ApiError('http', 'no worker here', 404);
  }
}

/** Lets pending promises settle. */
export const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};
