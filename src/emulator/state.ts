/**
 * The emulator's in-memory state: workspaces (each with its own clock offset, limits,
 * faults and request log; its Activities, TaskChannels, TaskQueues and Workflow), workers
 * with their activity and WorkerChannels, tasks with their content, and reservations; the
 * status rules that change them, and the notifications of every change. No HTTP here.
 */
import type { Instruction, ReservationStatus, TaskStatus } from '../wire/types.js';
import { badRequest, NOT_PENDING_CODES } from './errors.js';
import { newSid } from './ids.js';
import {
  DEFAULT_ACTIVITIES,
  DEFAULT_TASK_CHANNEL,
  DEFAULT_TASK_QUEUE,
  DEFAULT_TASK_TIMEOUT_SECONDS,
  INITIAL_WORKER_ACTIVITY,
  TASK_CHANNELS,
  TASK_QUEUES,
  WORKFLOW_NAME,
} from './resources.js';
import type { Fault, RecordedRequest } from './types.js';

/** JSON attributes of a task or a worker (served as a JSON string). */
export type Attributes = Record<string, unknown>;

export interface ActivityRecord {
  sid: string;
  friendlyName: string;
  /** whether a worker in this activity can take tasks */
  available: boolean;
  /** ms, on the workspace's clock */
  created: number;
  updated: number;
}

export interface TaskChannelRecord {
  sid: string;
  /** `voice`, `chat`, `sms`, `email`, `default` */
  uniqueName: string;
  friendlyName: string;
  /** the configured capacity of each worker's WorkerChannel for it */
  capacity: number;
  created: number;
}

export interface TaskQueueRecord {
  sid: string;
  friendlyName: string;
  created: number;
}

export interface WorkflowRecord {
  sid: string;
  friendlyName: string;
  created: number;
}

export interface WorkerChannelRecord {
  sid: string;
  taskChannelSid: string;
  configuredCapacity: number;
  /** the channel's own switch (UpdateWorkerChannel's `Available`) */
  available: boolean;
  created: number;
  updated: number;
}

export interface WorkerRecord {
  sid: string;
  friendlyName: string;
  attributes: Attributes;
  activitySid: string;
  created: number;
  updated: number;
  /** when the activity last changed (ms) */
  statusChanged: number;
  /** counts every change, starting at 1 (the Worker's ETag; `version` in event-bridge payloads) */
  version: number;
  /** one per TaskChannel of the workspace, in the workspace's channel order */
  channels: WorkerChannelRecord[];
}

export interface TaskRecord {
  sid: string;
  /** the scenario's task key, when it has one */
  key?: string;
  attributes: Attributes;
  taskChannelSid: string;
  taskQueueSid: string;
  workflowSid: string;
  priority: number;
  /** seconds the task may live */
  timeout: number;
  /** ms, on the workspace's clock */
  created: number;
  updated: number;
  /** when the task entered its queue (ms) */
  queueEntered: number;
  /** the task's virtual start time (ms): its creation unless set otherwise */
  virtualStart: number;
  /** why it was canceled or completed */
  reason: string | null;
  /** set when the task was closed outright (canceled, completed), whatever its reservations say */
  closed?: 'canceled' | 'completed';
  /** the assignment status, derived from the reservations (see Store.deriveTaskStatus) */
  status: TaskStatus;
  rejections: number;
  /** counts every change, starting at 1 (the Task's ETag; `version` in event-bridge payloads) */
  version: number;
  /** the task's reservations (WR sids), in creation order */
  reservationSids: string[];
}

export interface ReservationRecord {
  sid: string;
  taskSid: string;
  workerSid: string;
  workspaceSid: string;
  status: ReservationStatus;
  /** ms, on the workspace's clock */
  created: number;
  updated: number;
  /** counts every change, starting at 1 (what `If-Match` compares; `version` in event-bridge payloads) */
  version: number;
}

export interface FaultState extends Fault {
  /** matching requests it still applies to (Infinity when unlimited) */
  remaining: number;
  /** how many requests it met so far */
  matched?: number;
}

export interface WorkspaceRecord {
  sid: string;
  friendlyName: string;
  created: number;
  /** added to the emulator's clock to give this workspace's clock */
  offsetMs: number;
  rejectionLimit: number;
  reservationTimeoutSeconds: number;
  activities: Map<string, ActivityRecord>;
  taskChannels: Map<string, TaskChannelRecord>;
  taskQueues: Map<string, TaskQueueRecord>;
  workflows: Map<string, WorkflowRecord>;
  workers: Map<string, WorkerRecord>;
  tasks: Map<string, TaskRecord>;
  reservations: Map<string, ReservationRecord>;
  faults: FaultState[];
  requests: RecordedRequest[];
  /** makes the SIDs of the workspace's furnishings (WA, TC, WQ, WW, WC) */
  furnishingSid: (prefix: string) => string;
}

export const TERMINAL_STATUSES: readonly ReservationStatus[] = ['rejected', 'timeout', 'canceled', 'rescinded', 'completed'];
/** Statuses a worker may set with `ReservationStatus`. */
export const WORKER_SETTABLE_STATUSES = ['accepted', 'rejected', 'wrapping', 'completed'] as const;
export type WorkerSettableStatus = (typeof WORKER_SETTABLE_STATUSES)[number];

/** How many requests each workspace's log keeps. */
export const REQUEST_LOG_LIMIT = 500;

export interface StoreDefaults {
  now: () => number;
  rejectionLimit: number;
  reservationTimeoutSeconds: number;
}

/** TaskRouter's event type for a reservation entering a status. */
export const EVENT_TYPES = {
  pending: 'reservation.created',
  accepted: 'reservation.accepted',
  rejected: 'reservation.rejected',
  timeout: 'reservation.timeout',
  canceled: 'reservation.canceled',
  rescinded: 'reservation.rescinded',
  wrapping: 'reservation.wrapup',
  completed: 'reservation.completed',
} as const satisfies Readonly<Record<ReservationStatus, string>>;
export type ReservationEventType = (typeof EVENT_TYPES)[ReservationStatus];

/** TaskRouter's task event types the emulator fires (TaskRouter Events reference, "Task"). */
export const TASK_EVENT_TYPES = ['task.updated', 'task.canceled', 'task.completed', 'task.wrapup'] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];

/** The task event fired when a task's assignment status becomes this one. */
const TASK_EVENT_BY_STATUS: Partial<Record<TaskStatus, TaskEventType>> = {
  wrapping: 'task.wrapup',
  completed: 'task.completed',
  canceled: 'task.canceled',
};

export const WORKER_ACTIVITY_EVENT_TYPE = 'worker.activity.update';
export const WORKER_ATTRIBUTES_EVENT_TYPE = 'worker.attributes.update';

/**
 * One change in a workspace, with everything a TaskRouter event payload is made of: the
 * workspace, the record(s) concerned and the event type. `at` is when it happened, in ms
 * on the workspace's clock. The records are the store's own, live: during the call they
 * are as the change left them (a reservation event's task already has its new assignment
 * status); read or serialise them in the listener, and never change them.
 */
export type StoreEvent =
  | {
      resourceType: 'reservation';
      eventType: ReservationEventType;
      workspace: WorkspaceRecord;
      reservation: ReservationRecord;
      task: TaskRecord;
      worker: WorkerRecord;
      at: number;
    }
  | { resourceType: 'task'; eventType: TaskEventType; workspace: WorkspaceRecord; task: TaskRecord; at: number }
  | {
      resourceType: 'worker';
      eventType: typeof WORKER_ACTIVITY_EVENT_TYPE;
      workspace: WorkspaceRecord;
      worker: WorkerRecord;
      activity: ActivityRecord;
      previousActivity: ActivityRecord;
      /** when the worker had entered its previous activity (ms) */
      previousSince: number;
      at: number;
    }
  | {
      resourceType: 'worker';
      eventType: typeof WORKER_ATTRIBUTES_EVENT_TYPE;
      workspace: WorkspaceRecord;
      worker: WorkerRecord;
      at: number;
    };

export type StoreListener = (event: StoreEvent) => void;

/** The older, reservation-only listener (the event stream's): every new reservation and status change. */
export type ReservationListener = (ws: WorkspaceRecord, r: ReservationRecord, eventType: string) => void;

/** What a new task is made of; everything has a default. */
export interface TaskInit {
  sid?: string;
  key?: string;
  attributes?: Attributes;
  /** a TaskChannel's SID or unique name */
  channel?: string;
  /** a TaskQueue's SID or friendly name */
  queue?: string;
  priority?: number;
  timeout?: number;
  /** ms on the workspace's clock (now by default) */
  created?: number;
}

function counterSids(make: (prefix: string, n: number) => string): (prefix: string) => string {
  const counts = new Map<string, number>();
  return (prefix) => {
    const n = (counts.get(prefix) ?? 0) + 1;
    counts.set(prefix, n);
    return make(prefix, n);
  };
}

const byName = <T extends { sid: string }>(map: Map<string, T>, sidOrName: string, name: (t: T) => string) =>
  map.get(sidOrName) ?? [...map.values()].find((t) => name(t) === sidOrName);

export class Store {
  readonly workspaces = new Map<string, WorkspaceRecord>();
  /** told of every new reservation and every status change (the event stream listens) */
  readonly listeners = new Set<ReservationListener>();
  private readonly subscribers = new Set<StoreListener>();

  constructor(readonly defaults: StoreDefaults) {}

  /**
   * Calls `listener` with every change in every workspace, as it happens: reservations
   * created or changing status, tasks updated, wrapping, completed or canceled, workers
   * changing activity or attributes. Returns the function that unsubscribes it. A listener that throws
   * does not stop the change or the other listeners.
   */
  subscribe(listener: StoreListener): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  private emit(event: StoreEvent): void {
    for (const listener of this.subscribers) {
      try {
        listener(event);
      } catch {
        // a listener's failure is its own
      }
    }
  }

  private notifyReservation(ws: WorkspaceRecord, r: ReservationRecord, at: number) {
    const eventType = EVENT_TYPES[r.status];
    for (const listener of this.listeners) listener(ws, r, eventType);
    const task = ws.tasks.get(r.taskSid);
    const worker = ws.workers.get(r.workerSid);
    if (task && worker) this.emit({ resourceType: 'reservation', eventType, workspace: ws, reservation: r, task, worker, at });
  }

  /** The emulator's base clock (ms). */
  now(): number {
    return this.defaults.now();
  }

  /** A workspace's clock (ms): the base clock plus what the control API advanced it by. */
  clock(ws: WorkspaceRecord): number {
    return this.defaults.now() + ws.offsetMs;
  }

  /**
   * A new workspace, furnished with the Activities, TaskChannels, TaskQueues and Workflow of
   * ./resources.ts. `furnishingSid(prefix, n)` gives their SIDs (the n-th of that prefix,
   * from 1) where they must be fixed, as for the demo; random otherwise.
   */
  createWorkspace(
    options: {
      sid?: string;
      friendlyName?: string;
      rejectionLimit?: number;
      reservationTimeoutSeconds?: number;
      furnishingSid?: (prefix: string, n: number) => string;
    } = {},
  ): WorkspaceRecord {
    const sid = options.sid ?? newSid('WS');
    const created = this.defaults.now();
    const ws: WorkspaceRecord = {
      sid,
      friendlyName: options.friendlyName ?? 'Emulated workspace',
      created,
      offsetMs: 0,
      rejectionLimit: options.rejectionLimit ?? this.defaults.rejectionLimit,
      reservationTimeoutSeconds: options.reservationTimeoutSeconds ?? this.defaults.reservationTimeoutSeconds,
      activities: new Map(),
      taskChannels: new Map(),
      taskQueues: new Map(),
      workflows: new Map(),
      workers: new Map(),
      tasks: new Map(),
      reservations: new Map(),
      faults: [],
      requests: [],
      furnishingSid: counterSids(options.furnishingSid ?? ((prefix) => newSid(prefix))),
    };
    for (const a of DEFAULT_ACTIVITIES) {
      const activity = { sid: ws.furnishingSid('WA'), ...a, created, updated: created };
      ws.activities.set(activity.sid, activity);
    }
    for (const c of TASK_CHANNELS) {
      const channel = { sid: ws.furnishingSid('TC'), ...c, created };
      ws.taskChannels.set(channel.sid, channel);
    }
    for (const friendlyName of TASK_QUEUES) {
      const queue = { sid: ws.furnishingSid('WQ'), friendlyName, created };
      ws.taskQueues.set(queue.sid, queue);
    }
    const workflow = { sid: ws.furnishingSid('WW'), friendlyName: WORKFLOW_NAME, created };
    ws.workflows.set(workflow.sid, workflow);
    this.workspaces.set(sid, ws);
    return ws;
  }

  /** An Activity by SID or friendly name. */
  activity(ws: WorkspaceRecord, sidOrName: string): ActivityRecord | undefined {
    return byName(ws.activities, sidOrName, (a) => a.friendlyName);
  }

  /** A TaskChannel by SID or unique name. */
  taskChannel(ws: WorkspaceRecord, sidOrName: string): TaskChannelRecord | undefined {
    return byName(ws.taskChannels, sidOrName, (c) => c.uniqueName);
  }

  /** A TaskQueue by SID or friendly name. */
  taskQueue(ws: WorkspaceRecord, sidOrName: string): TaskQueueRecord | undefined {
    return byName(ws.taskQueues, sidOrName, (q) => q.friendlyName);
  }

  /** A new worker, in the Available activity unless told otherwise, with one WorkerChannel per TaskChannel. */
  addWorker(
    ws: WorkspaceRecord,
    options: { friendlyName: string; sid?: string; attributes?: Attributes; activitySid?: string },
  ): WorkerRecord {
    const created = this.clock(ws);
    const activity =
      (options.activitySid ? ws.activities.get(options.activitySid) : undefined) ??
      this.activity(ws, INITIAL_WORKER_ACTIVITY) ??
      ws.activities.values().next().value!;
    const worker: WorkerRecord = {
      sid: options.sid ?? newSid('WK'),
      friendlyName: options.friendlyName,
      attributes: options.attributes ?? {},
      activitySid: activity.sid,
      created,
      updated: created,
      statusChanged: created,
      version: 1,
      channels: [...ws.taskChannels.values()].map((c) => ({
        sid: ws.furnishingSid('WC'),
        taskChannelSid: c.sid,
        configuredCapacity: c.capacity,
        available: true,
        created,
        updated: created,
      })),
    };
    ws.workers.set(worker.sid, worker);
    return worker;
  }

  /** A task by its WT SID or its scenario key. */
  findTask(ws: WorkspaceRecord, keyOrSid: string): TaskRecord | undefined {
    return ws.tasks.get(keyOrSid) ?? [...ws.tasks.values()].find((t) => t.key === keyOrSid);
  }

  /**
   * A new task: in the `default` channel and the Support queue, priority 0, timeout 24 h,
   * no attributes, unless `init` says otherwise. Throws ApiError 400 for an unknown channel
   * or queue, or a priority or timeout that is not a whole number of 0 or more.
   */
  createTask(ws: WorkspaceRecord, init: TaskInit = {}): TaskRecord {
    const channel = this.taskChannel(ws, init.channel ?? DEFAULT_TASK_CHANNEL);
    if (!channel) {
      const names = [...ws.taskChannels.values()].map((c) => c.uniqueName).join(', ');
      throw badRequest(`Unknown task channel ${JSON.stringify(init.channel)}: one of ${names}`);
    }
    const queue = this.taskQueue(ws, init.queue ?? DEFAULT_TASK_QUEUE);
    if (!queue) {
      const names = [...ws.taskQueues.values()].map((q) => q.friendlyName).join(', ');
      throw badRequest(`Unknown task queue ${JSON.stringify(init.queue)}: one of ${names}`);
    }
    const priority = init.priority ?? 0;
    const timeout = init.timeout ?? DEFAULT_TASK_TIMEOUT_SECONDS;
    if (!isPriority(priority)) throw badRequest(PRIORITY_RULE);
    if (!Number.isInteger(timeout) || timeout < 1) throw badRequest('timeout must be a whole number of seconds, 1 or more');
    const created = init.created ?? this.clock(ws);
    const task: TaskRecord = {
      sid: init.sid ?? newSid('WT'),
      attributes: init.attributes ?? {},
      taskChannelSid: channel.sid,
      taskQueueSid: queue.sid,
      workflowSid: ws.workflows.keys().next().value!,
      priority,
      timeout,
      created,
      updated: created,
      queueEntered: created,
      virtualStart: created,
      reason: null,
      status: 'pending',
      rejections: 0,
      version: 1,
      reservationSids: [],
    };
    if (init.key !== undefined) task.key = init.key;
    ws.tasks.set(task.sid, task);
    return task;
  }

  addReservation(
    ws: WorkspaceRecord,
    options: { workerSid: string; taskSid: string; status?: ReservationStatus; created?: number; sid?: string },
  ): ReservationRecord {
    const task = ws.tasks.get(options.taskSid);
    if (!task) throw new Error(`addReservation: no task ${options.taskSid} in ${ws.sid}`);
    if (!ws.workers.has(options.workerSid)) throw new Error(`addReservation: no worker ${options.workerSid} in ${ws.sid}`);
    const created = Math.max(options.created ?? this.clock(ws), task.created);
    const r: ReservationRecord = {
      sid: options.sid ?? newSid('WR'),
      taskSid: task.sid,
      workerSid: options.workerSid,
      workspaceSid: ws.sid,
      status: options.status ?? 'pending',
      created,
      updated: created,
      version: 1,
    };
    ws.reservations.set(r.sid, r);
    task.reservationSids.push(r.sid);
    const taskEvent = this.rederiveTask(ws, task, created);
    this.notifyReservation(ws, r, created);
    if (taskEvent) this.emit(taskEvent);
    return r;
  }

  /**
   * Sets a status and records the change (date_updated, version) and the task's new
   * assignment status; notifies the reservation's event, then the task's. No rules.
   */
  private changeStatus(ws: WorkspaceRecord, r: ReservationRecord, status: ReservationStatus, at: number): void {
    r.status = status;
    r.updated = Math.max(at, r.created);
    r.version += 1;
    const task = ws.tasks.get(r.taskSid);
    const taskEvent = task ? this.rederiveTask(ws, task, r.updated) : undefined;
    this.notifyReservation(ws, r, r.updated);
    if (taskEvent) this.emit(taskEvent);
  }

  /** Sets a status and records the change (date_updated, version), and the task's. No rules. */
  setStatus(ws: WorkspaceRecord, r: ReservationRecord, status: ReservationStatus, at = this.clock(ws)): void {
    this.changeStatus(ws, r, status, at);
  }

  /**
   * A task's assignment status (the spec's task_enum_status): `canceled` or `completed`
   * when closed outright; else `wrapping` while a reservation wraps up, `assigned` while
   * one is accepted, `reserved` while one is pending, `completed` once one was completed,
   * and `pending` (waiting in its queue) otherwise.
   */
  deriveTaskStatus(ws: WorkspaceRecord, task: TaskRecord): TaskStatus {
    if (task.closed) return task.closed;
    const seen = new Set<ReservationStatus>();
    for (const sid of task.reservationSids) {
      const r = ws.reservations.get(sid);
      if (r) seen.add(r.status);
    }
    if (seen.has('wrapping')) return 'wrapping';
    if (seen.has('accepted')) return 'assigned';
    if (seen.has('pending')) return 'reserved';
    if (seen.has('completed')) return 'completed';
    return 'pending';
  }

  /**
   * Re-derives a task's assignment status and records a change; answers the event to fire
   * when it became wrapping, completed or canceled (fired by the caller, after the
   * reservation's own event).
   */
  private rederiveTask(ws: WorkspaceRecord, task: TaskRecord, at: number): StoreEvent | undefined {
    const status = this.deriveTaskStatus(ws, task);
    if (status === task.status) return undefined;
    task.status = status;
    task.updated = Math.max(at, task.created);
    task.version += 1;
    const eventType = TASK_EVENT_BY_STATUS[status];
    return eventType ? { resourceType: 'task', eventType, workspace: ws, task, at: task.updated } : undefined;
  }

  /** Re-derives a task's assignment status and fires its event at once. */
  private refreshTask(ws: WorkspaceRecord, task: TaskRecord, at: number): void {
    const event = this.rederiveTask(ws, task, at);
    if (event) this.emit(event);
  }

  /** Pending reservations older than the workspace's timeout become `timeout`. */
  sweep(ws: WorkspaceRecord): void {
    const now = this.clock(ws);
    const limitMs = ws.reservationTimeoutSeconds * 1000;
    for (const r of ws.reservations.values()) {
      if (r.status === 'pending' && now - r.created >= limitMs) {
        this.setStatus(ws, r, 'timeout', Math.max(r.updated, r.created + limitMs));
      }
    }
  }

  sweepAll(): void {
    for (const ws of this.workspaces.values()) this.sweep(ws);
  }

  /** The worker accepts: the task's other pending reservations are rescinded. */
  accept(ws: WorkspaceRecord, r: ReservationRecord): void {
    const at = this.clock(ws);
    this.changeStatus(ws, r, 'accepted', at);
    const task = ws.tasks.get(r.taskSid);
    for (const sid of task?.reservationSids ?? []) {
      const other = ws.reservations.get(sid);
      if (other && other !== r && other.status === 'pending') this.changeStatus(ws, other, 'rescinded', at);
    }
  }

  /**
   * The worker rejects: at the workspace's rejection limit the task and its pending
   * reservations are canceled. With `activitySid` the worker then moves to that activity.
   */
  reject(ws: WorkspaceRecord, r: ReservationRecord, activitySid?: string): void {
    const at = this.clock(ws);
    this.changeStatus(ws, r, 'rejected', at);
    const task = ws.tasks.get(r.taskSid);
    if (task) {
      task.rejections += 1;
      if (task.rejections >= ws.rejectionLimit && !task.closed) {
        task.closed = 'canceled';
        task.reason = `Task canceled after ${task.rejections} rejections`;
        for (const sid of task.reservationSids) {
          const other = ws.reservations.get(sid);
          if (other && other.status === 'pending') this.changeStatus(ws, other, 'canceled', at);
        }
        this.refreshTask(ws, task, at);
      }
    }
    const worker = ws.workers.get(r.workerSid);
    if (activitySid !== undefined && worker) this.setWorkerActivity(ws, worker, activitySid, at);
  }

  /**
   * A worker's `ReservationStatus` update, with the status rules. Throws ApiError 400 when
   * refused. `activitySid` (WorkerActivitySid, already checked to be the workspace's) moves
   * the worker on reject.
   */
  applyStatus(ws: WorkspaceRecord, r: ReservationRecord, target: WorkerSettableStatus, activitySid?: string): void {
    switch (target) {
      case 'accepted':
      case 'rejected':
        if (r.status !== 'pending') throw notPending(r);
        if (target === 'accepted') this.accept(ws, r);
        else this.reject(ws, r, activitySid);
        return;
      case 'wrapping':
        if (r.status !== 'accepted') throw refused(r, target);
        this.setStatus(ws, r, 'wrapping');
        return;
      case 'completed':
        if (r.status !== 'accepted' && r.status !== 'wrapping') throw refused(r, target);
        this.setStatus(ws, r, 'completed');
        return;
    }
  }

  /**
   * An instruction on a pending reservation. Dequeue and conference accept it; call and
   * redirect accept it only with `CallAccept=true` / `RedirectAccept=true` (otherwise it
   * stays pending and nothing changes).
   */
  applyInstruction(ws: WorkspaceRecord, r: ReservationRecord, instruction: Instruction, accepts: boolean): void {
    if (r.status !== 'pending') throw notPending(r, NOT_PENDING_CODES[instruction]);
    if (instruction === 'dequeue' || instruction === 'conference' || accepts) this.accept(ws, r);
  }

  /**
   * Changes a task's attributes and/or priority (as UpdateTask's `Attributes`/`Priority`);
   * fires `task.updated` when anything changed.
   */
  updateTask(ws: WorkspaceRecord, task: TaskRecord, change: { attributes?: Attributes; priority?: number }): void {
    if (change.priority !== undefined && !isPriority(change.priority)) throw badRequest(PRIORITY_RULE);
    let changed = false;
    if (change.attributes !== undefined && JSON.stringify(change.attributes) !== JSON.stringify(task.attributes)) {
      task.attributes = change.attributes;
      changed = true;
    }
    if (change.priority !== undefined && change.priority !== task.priority) {
      task.priority = change.priority;
      changed = true;
    }
    if (!changed) return;
    task.updated = Math.max(this.clock(ws), task.created);
    task.version += 1;
    this.emit({ resourceType: 'task', eventType: 'task.updated', workspace: ws, task, at: task.updated });
  }

  /**
   * Closes a task as UpdateTask's `AssignmentStatus` does: `canceled` only while it is
   * pending or reserved (its pending reservations are canceled), `completed` only while it
   * is assigned or wrapping (its accepted and wrapping reservations are completed). Fires
   * the reservations' events, then `task.canceled` / `task.completed`. Throws ApiError 400
   * otherwise.
   */
  closeTask(ws: WorkspaceRecord, task: TaskRecord, status: 'canceled' | 'completed', reason?: string): void {
    const refusal = this.closeRefusal(task, status);
    if (refusal) throw refusal;
    const at = this.clock(ws);
    task.closed = status;
    task.reason = reason ?? (status === 'canceled' ? 'Task canceled' : 'Task completed');
    for (const sid of task.reservationSids) {
      const r = ws.reservations.get(sid);
      if (!r) continue;
      if (status === 'canceled' && r.status === 'pending') this.changeStatus(ws, r, 'canceled', at);
      if (status === 'completed' && (r.status === 'accepted' || r.status === 'wrapping')) {
        this.changeStatus(ws, r, 'completed', at);
      }
    }
    this.refreshTask(ws, task, at);
  }

  /** Why closeTask would refuse (an ApiError 400), or undefined when it would not. */
  closeRefusal(task: TaskRecord, status: 'canceled' | 'completed') {
    const allowed: readonly TaskStatus[] = status === 'canceled' ? ['pending', 'reserved'] : ['assigned', 'wrapping'];
    if (allowed.includes(task.status)) return undefined;
    return badRequest(`Task ${task.sid} is ${task.status}; only a ${allowed.join(' or ')} task can become ${status}`);
  }

  /**
   * Moves a worker to an activity of its workspace (by SID); fires `worker.activity.update`
   * when the activity changes. Throws Error for an activity the workspace does not have
   * (callers check first, to answer with a 400 naming their parameter).
   */
  setWorkerActivity(ws: WorkspaceRecord, worker: WorkerRecord, activitySid: string, at = this.clock(ws)): void {
    const activity = ws.activities.get(activitySid);
    if (!activity) throw new Error(`setWorkerActivity: no activity ${activitySid} in ${ws.sid}`);
    if (activity.sid === worker.activitySid) return;
    const previousActivity = ws.activities.get(worker.activitySid)!;
    const previousSince = worker.statusChanged;
    worker.activitySid = activity.sid;
    worker.updated = Math.max(at, worker.created);
    worker.statusChanged = worker.updated;
    worker.version += 1;
    this.emit({
      resourceType: 'worker',
      eventType: WORKER_ACTIVITY_EVENT_TYPE,
      workspace: ws,
      worker,
      activity,
      previousActivity,
      previousSince,
      at: worker.updated,
    });
  }

  /** Replaces a worker's attributes (as UpdateWorker's `Attributes`); fires `worker.attributes.update` when they changed. */
  updateWorkerAttributes(ws: WorkspaceRecord, worker: WorkerRecord, attributes: Attributes): void {
    if (JSON.stringify(attributes) === JSON.stringify(worker.attributes)) return;
    worker.attributes = attributes;
    worker.updated = Math.max(this.clock(ws), worker.created);
    worker.version += 1;
    this.emit({ resourceType: 'worker', eventType: WORKER_ATTRIBUTES_EVENT_TYPE, workspace: ws, worker, at: worker.updated });
  }

  /** How many of a worker's tasks on a TaskChannel are assigned to it (accepted or wrapping). */
  assignedTasks(ws: WorkspaceRecord, worker: WorkerRecord, taskChannelSid: string): number {
    let n = 0;
    for (const r of ws.reservations.values()) {
      if (r.workerSid !== worker.sid || (r.status !== 'accepted' && r.status !== 'wrapping')) continue;
      if (ws.tasks.get(r.taskSid)?.taskChannelSid === taskChannelSid) n++;
    }
    return n;
  }

  /** Whether a worker holds a reservation (of any status) for a task. */
  holdsReservation(ws: WorkspaceRecord, task: TaskRecord, workerSid: string): boolean {
    return task.reservationSids.some((sid) => ws.reservations.get(sid)?.workerSid === workerSid);
  }
}

/** A task's priority: 0 to 2^31 − 1 (UpdateTask's `Priority`). */
const isPriority = (n: number) => Number.isInteger(n) && n >= 0 && n <= 2 ** 31 - 1;
const PRIORITY_RULE = 'priority must be an integer from 0 to 2147483647';

/** Twilio's words for an action that needs a pending reservation (shared/spec/README.md). */
function notPending(r: ReservationRecord, code?: number) {
  return badRequest(`Reservation ${r.sid} is not currently in a Pending state`, code);
}

function refused(r: ReservationRecord, target: ReservationStatus) {
  const need = target === 'wrapping' ? 'an Accepted' : 'an Accepted or Wrapping';
  return badRequest(`Reservation ${r.sid} is not currently in ${need} state (it is ${r.status}); it cannot become ${target}`);
}

/** Sort key of the lists: date_created (whole seconds, as serialised), then sid. */
export function compareByCreated(a: { created: number; sid: string }, b: { created: number; sid: string }): number {
  const da = Math.floor(a.created / 1000);
  const db = Math.floor(b.created / 1000);
  return da !== db ? da - db : a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0;
}

/** Sort key of the reservation list: date_created (whole seconds), then sid. */
export const compareReservations: (a: ReservationRecord, b: ReservationRecord) => number = compareByCreated;
