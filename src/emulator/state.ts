/**
 * The emulator's in-memory state: workspaces (each with its own clock offset, limits,
 * faults and request log), workers, tasks and reservations, and the status rules that
 * change them. No HTTP here.
 */
import type { Instruction, ReservationStatus } from '../wire/types.js';
import { badRequest, NOT_PENDING_CODES } from './errors.js';
import { newSid } from './ids.js';
import type { Fault, RecordedRequest } from './types.js';

export interface WorkerRecord {
  sid: string;
  friendlyName: string;
}

export interface TaskRecord {
  sid: string;
  /** the scenario's task key, when it has one */
  key?: string;
  rejections: number;
  canceled: boolean;
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
  /** the ETag: counts every change, starting at 1 */
  version: number;
}

export interface FaultState extends Fault {
  /** matching requests it still applies to (Infinity when unlimited) */
  remaining: number;
}

export interface WorkspaceRecord {
  sid: string;
  friendlyName: string;
  /** added to the emulator's clock to give this workspace's clock */
  offsetMs: number;
  rejectionLimit: number;
  reservationTimeoutSeconds: number;
  workers: Map<string, WorkerRecord>;
  tasks: Map<string, TaskRecord>;
  reservations: Map<string, ReservationRecord>;
  faults: FaultState[];
  requests: RecordedRequest[];
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
export const EVENT_TYPES: Readonly<Record<ReservationStatus, string>> = {
  pending: 'reservation.created',
  accepted: 'reservation.accepted',
  rejected: 'reservation.rejected',
  timeout: 'reservation.timeout',
  canceled: 'reservation.canceled',
  rescinded: 'reservation.rescinded',
  wrapping: 'reservation.wrapup',
  completed: 'reservation.completed',
};

export type ReservationListener = (ws: WorkspaceRecord, r: ReservationRecord, eventType: string) => void;

export class Store {
  readonly workspaces = new Map<string, WorkspaceRecord>();
  /** told of every new reservation and every status change (the event stream listens) */
  readonly listeners = new Set<ReservationListener>();

  private notify(ws: WorkspaceRecord, r: ReservationRecord) {
    for (const listener of this.listeners) listener(ws, r, EVENT_TYPES[r.status]);
  }

  constructor(readonly defaults: StoreDefaults) {}

  /** The emulator's base clock (ms). */
  now(): number {
    return this.defaults.now();
  }

  /** A workspace's clock (ms): the base clock plus what the control API advanced it by. */
  clock(ws: WorkspaceRecord): number {
    return this.defaults.now() + ws.offsetMs;
  }

  createWorkspace(
    options: { sid?: string; friendlyName?: string; rejectionLimit?: number; reservationTimeoutSeconds?: number } = {},
  ): WorkspaceRecord {
    const sid = options.sid ?? newSid('WS');
    const ws: WorkspaceRecord = {
      sid,
      friendlyName: options.friendlyName ?? 'Emulated workspace',
      offsetMs: 0,
      rejectionLimit: options.rejectionLimit ?? this.defaults.rejectionLimit,
      reservationTimeoutSeconds: options.reservationTimeoutSeconds ?? this.defaults.reservationTimeoutSeconds,
      workers: new Map(),
      tasks: new Map(),
      reservations: new Map(),
      faults: [],
      requests: [],
    };
    this.workspaces.set(sid, ws);
    return ws;
  }

  addWorker(ws: WorkspaceRecord, friendlyName: string, sid = newSid('WK')): WorkerRecord {
    const worker = { sid, friendlyName };
    ws.workers.set(sid, worker);
    return worker;
  }

  /** The task with this key or WT sid, made when it does not exist yet; a new one without a key. */
  task(ws: WorkspaceRecord, keyOrSid?: string, sid = newSid('WT')): TaskRecord {
    if (keyOrSid !== undefined) {
      const existing = ws.tasks.get(keyOrSid) ?? [...ws.tasks.values()].find((t) => t.key === keyOrSid);
      if (existing) return existing;
    }
    const task: TaskRecord = { sid, rejections: 0, canceled: false };
    if (keyOrSid !== undefined && !/^WT[0-9a-fA-F]{32}$/.test(keyOrSid)) task.key = keyOrSid;
    ws.tasks.set(sid, task);
    return task;
  }

  addReservation(
    ws: WorkspaceRecord,
    options: { workerSid: string; taskSid: string; status?: ReservationStatus; created?: number; sid?: string },
  ): ReservationRecord {
    const created = options.created ?? this.clock(ws);
    const r: ReservationRecord = {
      sid: options.sid ?? newSid('WR'),
      taskSid: options.taskSid,
      workerSid: options.workerSid,
      workspaceSid: ws.sid,
      status: options.status ?? 'pending',
      created,
      updated: created,
      version: 1,
    };
    ws.reservations.set(r.sid, r);
    this.notify(ws, r);
    return r;
  }

  /** Sets a status and records the change (date_updated, ETag). No rules. */
  setStatus(ws: WorkspaceRecord, r: ReservationRecord, status: ReservationStatus, at = this.clock(ws)): void {
    r.status = status;
    r.updated = Math.max(at, r.created);
    r.version += 1;
    this.notify(ws, r);
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
    this.setStatus(ws, r, 'accepted');
    for (const other of ws.reservations.values()) {
      if (other !== r && other.taskSid === r.taskSid && other.status === 'pending') {
        this.setStatus(ws, other, 'rescinded');
      }
    }
  }

  /** The worker rejects: at the workspace's rejection limit the task and its pending reservations are canceled. */
  reject(ws: WorkspaceRecord, r: ReservationRecord): void {
    this.setStatus(ws, r, 'rejected');
    const task = ws.tasks.get(r.taskSid);
    if (!task) return;
    task.rejections += 1;
    if (task.rejections >= ws.rejectionLimit && !task.canceled) {
      task.canceled = true;
      for (const other of ws.reservations.values()) {
        if (other.taskSid === task.sid && other.status === 'pending') this.setStatus(ws, other, 'canceled');
      }
    }
  }

  /** A worker's `ReservationStatus` update, with the status rules. Throws ApiError 400 when refused. */
  applyStatus(ws: WorkspaceRecord, r: ReservationRecord, target: WorkerSettableStatus): void {
    switch (target) {
      case 'accepted':
      case 'rejected':
        if (r.status !== 'pending') throw notPending(r);
        if (target === 'accepted') this.accept(ws, r);
        else this.reject(ws, r);
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
}

function notPending(r: ReservationRecord, code?: number) {
  return badRequest(`Reservation ${r.sid} is not currently in a Pending state (it is ${r.status})`, code);
}

function refused(r: ReservationRecord, target: ReservationStatus) {
  const need = target === 'wrapping' ? 'an Accepted' : 'an Accepted or Wrapping';
  return badRequest(
    `Reservation ${r.sid} is not currently in ${need} state (it is ${r.status}); it cannot become ${target}`,
  );
}

/** Sort key of the list: date_created (whole seconds, as serialised), then sid. */
export function compareReservations(a: ReservationRecord, b: ReservationRecord): number {
  const da = Math.floor(a.created / 1000);
  const db = Math.floor(b.created / 1000);
  return da !== db ? da - db : a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0;
}
