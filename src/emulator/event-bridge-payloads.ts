/**
 * The event-bridge's payload shapes (src/wire/event-bridge.ts), made from the REST API's
 * (src/wire/types.ts): the same fields, dates as epoch seconds, `url`/`links` left out,
 * the Task's queue and workflow under the SDK's names, a `version` on every resource the
 * SDK sends back as `If-Match`. One conversion for the HTTP answers and the socket frames.
 */
import type {
  EventBridgeActivity,
  EventBridgeReservation,
  EventBridgeTask,
  EventBridgeWorker,
  EventBridgeWorkerChannel,
} from '../wire/event-bridge.js';
import type { Activity, Reservation, Task, Worker, WorkerChannel } from '../wire/types.js';
import { toWire, type EmulatorContext } from './context.js';
import type { ReservationRecord, TaskRecord, WorkerRecord, WorkspaceRecord } from './state.js';
import { taskToWire, workerToWire } from './wire.js';

/** ISO 8601 → epoch seconds (null stays null). */
export function epochSeconds(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined || iso === '') return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

const seconds = (iso: string | null | undefined): number => epochSeconds(iso) ?? 0;

/** The version a REST answer's ETag tells (`"3"` → 3), or undefined. */
export function versionOfEtag(etag: string | null): number | undefined {
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(etag?.trim() ?? '');
  return m ? Number(m[1]) : undefined;
}

export function toEventBridgeTask(task: Task, version: number, nowSeconds: number): EventBridgeTask {
  const created = seconds(task.date_created);
  return {
    account_sid: task.account_sid,
    workspace_sid: task.workspace_sid,
    sid: task.sid,
    date_created: created,
    date_updated: seconds(task.date_updated),
    attributes: task.attributes,
    addons: task.addons ?? '{}',
    age: Math.max(0, nowSeconds - created),
    assignment_status: task.assignment_status,
    priority: task.priority,
    reason: task.reason,
    queue_sid: task.task_queue_sid,
    queue_name: task.task_queue_friendly_name,
    task_channel_sid: task.task_channel_sid,
    task_channel_unique_name: task.task_channel_unique_name,
    timeout: task.timeout,
    workflow_sid: task.workflow_sid,
    workflow_name: task.workflow_friendly_name,
    routing_target: task.routing_target ?? null,
    version,
    virtual_start_time: epochSeconds(task.virtual_start_time) ?? created,
  };
}

export function toEventBridgeReservation(
  r: Reservation,
  extra: { version: number; reservationTimeout: number; task: EventBridgeTask; previousActivitySid?: string },
): EventBridgeReservation {
  const payload: EventBridgeReservation = {
    account_sid: r.account_sid,
    workspace_sid: r.workspace_sid,
    sid: r.sid,
    date_created: seconds(r.date_created),
    date_updated: seconds(r.date_updated),
    reservation_status: r.reservation_status,
    reservation_timeout: extra.reservationTimeout,
    task_sid: r.task_sid,
    task_channel_sid: extra.task.task_channel_sid,
    worker_sid: r.worker_sid,
    worker_name: r.worker_name,
    version: extra.version,
    task: extra.task,
  };
  if (extra.previousActivitySid) payload.worker_previous_activity_sid = extra.previousActivitySid;
  return payload;
}

export function toEventBridgeWorker(w: Worker, version: number): EventBridgeWorker {
  return {
    account_sid: w.account_sid,
    workspace_sid: w.workspace_sid,
    sid: w.sid,
    friendly_name: w.friendly_name,
    attributes: w.attributes,
    activity_sid: w.activity_sid,
    activity_name: w.activity_name,
    available: w.available,
    date_created: seconds(w.date_created),
    date_updated: seconds(w.date_updated),
    date_status_changed: epochSeconds(w.date_status_changed),
    version,
  };
}

export function toEventBridgeActivity(a: Activity): EventBridgeActivity {
  return {
    account_sid: a.account_sid,
    workspace_sid: a.workspace_sid,
    sid: a.sid,
    friendly_name: a.friendly_name,
    available: a.available,
    date_created: seconds(a.date_created),
    date_updated: seconds(a.date_updated),
  };
}

export function toEventBridgeWorkerChannel(c: WorkerChannel, lastReservedMs: number | null = null): EventBridgeWorkerChannel {
  return {
    account_sid: c.account_sid,
    workspace_sid: c.workspace_sid,
    sid: c.sid,
    worker_sid: c.worker_sid,
    task_channel_sid: c.task_channel_sid,
    task_channel_unique_name: c.task_channel_unique_name,
    configured_capacity: c.configured_capacity,
    assigned_tasks: c.assigned_tasks,
    available: c.available,
    available_capacity_percentage: c.available_capacity_percentage,
    date_created: seconds(c.date_created),
    date_updated: seconds(c.date_updated),
    last_reserved_time: lastReservedMs,
  };
}

// ---- from the store ---------------------------------------------------------------------

/**
 * A task of the store as the event-bridge carries it. Its assignment status is derived
 * from its reservations as they are now, so that a frame sent in the middle of a change
 * (a reservation accepted before the store re-derives its task) already tells the task as
 * that change leaves it: the new status, and the version and date the store then gives it.
 */
export function taskPayload(ctx: EmulatorContext, ws: WorkspaceRecord, task: TaskRecord): EventBridgeTask {
  const now = ctx.store.clock(ws);
  const wire = taskToWire({ accountSid: ctx.auth.accountSid, root: '' }, ws, task, now);
  const status = ctx.store.deriveTaskStatus(ws, task);
  const pending = status !== task.status;
  wire.assignment_status = status;
  const payload = toEventBridgeTask(wire, pending ? task.version + 1 : task.version, Math.floor(now / 1000));
  if (pending) payload.date_updated = Math.max(payload.date_updated, Math.floor(now / 1000));
  return payload;
}

/** A reservation of the store as the event-bridge carries it, with its task. */
export function reservationPayload(ctx: EmulatorContext, ws: WorkspaceRecord, r: ReservationRecord): EventBridgeReservation {
  const task = ws.tasks.get(r.taskSid);
  if (!task) throw new Error(`reservationPayload: no task ${r.taskSid} in ${ws.sid}`);
  return toEventBridgeReservation(toWire(ctx, ws, r, ''), {
    version: r.version,
    reservationTimeout: ws.reservationTimeoutSeconds,
    task: taskPayload(ctx, ws, task),
  });
}

/** A worker of the store as the event-bridge carries it. */
export function workerPayload(ctx: EmulatorContext, ws: WorkspaceRecord, worker: WorkerRecord): EventBridgeWorker {
  return toEventBridgeWorker(workerToWire({ accountSid: ctx.auth.accountSid, root: '' }, ws, worker), worker.version);
}
