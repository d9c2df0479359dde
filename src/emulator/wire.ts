/**
 * The emulator's records as the API serves them: pure functions from records to the
 * spec's wire shapes (src/wire/types.ts: snake_case, ISO 8601 dates in whole seconds,
 * `attributes` as JSON strings, absolute `url` and `links` under `root`).
 *
 * `root` is the absolute API root the URLs are made under, e.g.
 * `http://127.0.0.1:8000/emulator/v1` (see apiRoot in ./context.ts); `accountSid` the
 * account the records belong to (the emulator's `accountSid`).
 */
import type { Activity, Reservation, Task, Worker, WorkerChannel } from '../wire/types.js';
import { isoSeconds } from './ids.js';
import type { ActivityRecord, ReservationRecord, TaskRecord, WorkerChannelRecord, WorkerRecord, WorkspaceRecord } from './state.js';

/** Where the records are served: the account and the absolute API root (`…/v1`). */
export interface WireBase {
  accountSid: string;
  root: string;
}

const workspaceUrl = (base: WireBase, ws: WorkspaceRecord) => `${base.root}/Workspaces/${ws.sid}`;

/** A Worker Reservation (FetchWorkerReservation's shape). */
export function reservationToWire(base: WireBase, ws: WorkspaceRecord, r: ReservationRecord): Reservation {
  const workspace = workspaceUrl(base, ws);
  const worker = `${workspace}/Workers/${r.workerSid}`;
  return {
    account_sid: base.accountSid,
    date_created: isoSeconds(r.created),
    date_updated: isoSeconds(r.updated),
    reservation_status: r.status,
    sid: r.sid,
    task_sid: r.taskSid,
    worker_name: ws.workers.get(r.workerSid)?.friendlyName ?? '',
    worker_sid: r.workerSid,
    workspace_sid: ws.sid,
    url: `${worker}/Reservations/${r.sid}`,
    links: { task: `${workspace}/Tasks/${r.taskSid}`, worker, workspace },
  };
}

/**
 * A reservation as a task's reservation (ListTaskReservation's shape: the same fields,
 * with its URL under the task).
 */
export function taskReservationToWire(base: WireBase, ws: WorkspaceRecord, r: ReservationRecord): Reservation {
  const wire = reservationToWire(base, ws, r);
  return { ...wire, url: `${workspaceUrl(base, ws)}/Tasks/${r.taskSid}/Reservations/${r.sid}` };
}

/**
 * A Task (FetchTask's shape). `now` is the workspace's clock in ms (Store.clock), which
 * gives `age`: whole seconds since the task was created.
 */
export function taskToWire(base: WireBase, ws: WorkspaceRecord, task: TaskRecord, now: number): Task {
  const workspace = workspaceUrl(base, ws);
  const channel = ws.taskChannels.get(task.taskChannelSid);
  const queue = ws.taskQueues.get(task.taskQueueSid);
  const workflow = ws.workflows.get(task.workflowSid);
  const url = `${workspace}/Tasks/${task.sid}`;
  return {
    account_sid: base.accountSid,
    age: Math.max(0, Math.floor((now - task.created) / 1000)),
    assignment_status: task.status,
    attributes: JSON.stringify(task.attributes),
    addons: '{}',
    date_created: isoSeconds(task.created),
    date_updated: isoSeconds(task.updated),
    task_queue_entered_date: isoSeconds(task.queueEntered),
    priority: task.priority,
    reason: task.reason,
    sid: task.sid,
    task_queue_sid: task.taskQueueSid,
    task_queue_friendly_name: queue?.friendlyName ?? null,
    task_channel_sid: task.taskChannelSid,
    task_channel_unique_name: channel?.uniqueName ?? null,
    timeout: task.timeout,
    workflow_sid: task.workflowSid,
    workflow_friendly_name: workflow?.friendlyName ?? null,
    workspace_sid: ws.sid,
    url,
    links: {
      reservations: `${url}/Reservations`,
      task_queue: `${workspace}/TaskQueues/${task.taskQueueSid}`,
      workflow: `${workspace}/Workflows/${task.workflowSid}`,
      workspace,
    },
    virtual_start_time: isoSeconds(task.virtualStart),
    ignore_capacity: false,
    routing_target: null,
  };
}

/** An Activity (ListActivity's items, FetchActivity's shape). */
export function activityToWire(base: WireBase, ws: WorkspaceRecord, activity: ActivityRecord): Activity {
  const workspace = workspaceUrl(base, ws);
  return {
    account_sid: base.accountSid,
    available: activity.available,
    date_created: isoSeconds(activity.created),
    date_updated: isoSeconds(activity.updated),
    friendly_name: activity.friendlyName,
    sid: activity.sid,
    workspace_sid: ws.sid,
    url: `${workspace}/Activities/${activity.sid}`,
    links: { workspace },
  };
}

/** A Worker (FetchWorker's shape); `available` is its current activity's. */
export function workerToWire(base: WireBase, ws: WorkspaceRecord, worker: WorkerRecord): Worker {
  const workspace = workspaceUrl(base, ws);
  const activity = ws.activities.get(worker.activitySid);
  const url = `${workspace}/Workers/${worker.sid}`;
  return {
    account_sid: base.accountSid,
    activity_name: activity?.friendlyName ?? '',
    activity_sid: worker.activitySid,
    attributes: JSON.stringify(worker.attributes),
    available: activity?.available ?? false,
    date_created: isoSeconds(worker.created),
    date_status_changed: isoSeconds(worker.statusChanged),
    date_updated: isoSeconds(worker.updated),
    friendly_name: worker.friendlyName,
    sid: worker.sid,
    workspace_sid: ws.sid,
    url,
    links: {
      activity: `${workspace}/Activities/${worker.activitySid}`,
      channels: `${url}/Channels`,
      reservations: `${url}/Reservations`,
      workspace,
    },
  };
}

/**
 * A WorkerChannel (ListWorkerChannel's items, FetchWorkerChannel's shape).
 * `assignedTasks` is how many of the worker's tasks on this channel are assigned to it
 * (Store.assignedTasks); `available_capacity_percentage` is the share of the configured
 * capacity still free (0 when the channel is switched off).
 */
export function workerChannelToWire(
  base: WireBase,
  ws: WorkspaceRecord,
  worker: WorkerRecord,
  channel: WorkerChannelRecord,
  assignedTasks: number,
): WorkerChannel {
  const free = Math.max(0, channel.configuredCapacity - assignedTasks);
  return {
    account_sid: base.accountSid,
    assigned_tasks: assignedTasks,
    available: channel.available,
    available_capacity_percentage:
      channel.available && channel.configuredCapacity > 0 ? Math.floor((free / channel.configuredCapacity) * 100) : 0,
    configured_capacity: channel.configuredCapacity,
    date_created: isoSeconds(channel.created),
    date_updated: isoSeconds(channel.updated),
    sid: channel.sid,
    task_channel_sid: channel.taskChannelSid,
    task_channel_unique_name: ws.taskChannels.get(channel.taskChannelSid)?.uniqueName ?? '',
    worker_sid: worker.sid,
    workspace_sid: ws.sid,
    url: `${workspaceUrl(base, ws)}/Workers/${worker.sid}/Channels/${channel.sid}`,
  };
}
