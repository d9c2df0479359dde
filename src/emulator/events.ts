/**
 * A Server-Sent Events stream of TaskRouter events for one worker, as a host backend that
 * receives TaskRouter's event callbacks would push them to its pages:
 * `GET ${basePath}/events/Workspaces/{WS}/Workers/{WK}`, authenticated like the API.
 *
 * It carries the worker's `reservation.*` events, the `task.*` events (task.updated,
 * task.wrapup, task.completed, task.canceled) of tasks the worker holds a reservation for,
 * and its own `worker.activity.update` and `worker.attributes.update`. Each event: `event: <EventType>` and `data:` the
 * callback's fields as JSON, named as TaskRouter's event callbacks name them (TaskRouter
 * Events reference): EventType, AccountSid, WorkspaceSid, WorkspaceName, ResourceType,
 * ResourceSid, Timestamp (Unix seconds, as a string), the Task's fields (TaskSid,
 * TaskAttributes, TaskAge, TaskPriority, TaskAssignmentStatus, TaskQueueSid,
 * TaskQueueName, TaskChannelSid, TaskChannelUniqueName, WorkflowSid, WorkflowName, and
 * TaskCanceledReason / TaskCompletedReason) and the Worker's (WorkerSid, WorkerName,
 * WorkerAttributes, WorkerActivitySid, WorkerActivityName; WorkerPreviousActivitySid,
 * WorkerPreviousActivityName and WorkerTimeInPreviousActivity on an activity update),
 * with ReservationSid on reservation events.
 */
import { authenticate, authorize } from './auth.js';
import { json, type EmulatorContext } from './context.js';
import { notFound } from './errors.js';
import type { StoreEvent, StoreListener, TaskRecord, WorkerRecord, WorkspaceRecord } from './state.js';

/** A comment line every this many ms keeps proxies from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;

function taskFields(ws: WorkspaceRecord, task: TaskRecord, now: number): Record<string, string> {
  const fields: Record<string, string> = {
    TaskSid: task.sid,
    TaskAttributes: JSON.stringify(task.attributes),
    TaskAge: String(Math.max(0, Math.floor((now - task.created) / 1000))),
    TaskPriority: String(task.priority),
    TaskAssignmentStatus: task.status,
    TaskQueueSid: task.taskQueueSid,
    TaskQueueName: ws.taskQueues.get(task.taskQueueSid)?.friendlyName ?? '',
    TaskChannelSid: task.taskChannelSid,
    TaskChannelUniqueName: ws.taskChannels.get(task.taskChannelSid)?.uniqueName ?? '',
    WorkflowSid: task.workflowSid,
    WorkflowName: ws.workflows.get(task.workflowSid)?.friendlyName ?? '',
  };
  if (task.status === 'canceled' && task.reason !== null) fields['TaskCanceledReason'] = task.reason;
  if (task.status === 'completed' && task.reason !== null) fields['TaskCompletedReason'] = task.reason;
  return fields;
}

function workerFields(ws: WorkspaceRecord, worker: WorkerRecord): Record<string, string> {
  return {
    WorkerSid: worker.sid,
    WorkerName: worker.friendlyName,
    WorkerAttributes: JSON.stringify(worker.attributes),
    WorkerActivitySid: worker.activitySid,
    WorkerActivityName: ws.activities.get(worker.activitySid)?.friendlyName ?? '',
  };
}

/** The event callback's fields for a store event. */
export function eventCallbackFields(ctx: EmulatorContext, event: StoreEvent): Record<string, string> {
  const ws = event.workspace;
  const common = {
    EventType: event.eventType,
    AccountSid: ctx.auth.accountSid,
    WorkspaceSid: ws.sid,
    WorkspaceName: ws.friendlyName,
    ResourceType: event.resourceType,
    Timestamp: String(Math.floor(event.at / 1000)),
  };
  switch (event.resourceType) {
    case 'reservation':
      return {
        ...common,
        ResourceSid: event.reservation.sid,
        ReservationSid: event.reservation.sid,
        ...taskFields(ws, event.task, event.at),
        ...workerFields(ws, event.worker),
      };
    case 'task':
      return { ...common, ResourceSid: event.task.sid, ...taskFields(ws, event.task, event.at) };
    case 'worker':
      if (event.eventType === 'worker.attributes.update') {
        return { ...common, ResourceSid: event.worker.sid, ...workerFields(ws, event.worker) };
      }
      return {
        ...common,
        ResourceSid: event.worker.sid,
        ...workerFields(ws, event.worker),
        WorkerPreviousActivitySid: event.previousActivity.sid,
        WorkerPreviousActivityName: event.previousActivity.friendlyName,
        WorkerTimeInPreviousActivity: String(Math.max(0, Math.floor((event.at - event.previousSince) / 1000))),
      };
  }
}

/** Whether a store event concerns this worker (see the module's description). */
function concerns(event: StoreEvent, ws: WorkspaceRecord, workerSid: string, holds: (task: TaskRecord) => boolean): boolean {
  if (event.workspace !== ws) return false;
  switch (event.resourceType) {
    case 'reservation':
      return event.reservation.workerSid === workerSid;
    case 'task':
      return holds(event.task);
    case 'worker':
      return event.worker.sid === workerSid;
  }
}

export async function eventStreamRoute(ctx: EmulatorContext, request: Request, wsSid: string, wkSid: string) {
  const auth = await authenticate(ctx.auth, request.headers.get('authorization'));
  authorize(auth, wsSid, wkSid);
  const ws = ctx.store.workspaces.get(wsSid);
  if (!ws?.workers.has(wkSid)) throw notFound(`Worker ${wkSid} was not found in workspace ${wsSid}`);
  const encoder = new TextEncoder();
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const listener: StoreListener = (event) => {
        if (!concerns(event, ws, wkSid, (task) => ctx.store.holdsReservation(ws, task, wkSid))) return;
        send(`event: ${event.eventType}\ndata: ${JSON.stringify(eventCallbackFields(ctx, event))}\n\n`);
      };
      const keepAlive = setInterval(() => send(': keep-alive\n\n'), KEEP_ALIVE_MS);
      (keepAlive as { unref?: () => void }).unref?.();
      const unsubscribe = ctx.store.subscribe(listener);
      stop = () => {
        clearInterval(keepAlive);
        unsubscribe();
        ctx.streams.delete(stop);
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      ctx.streams.set(stop, `${wsSid}|${wkSid}`);
      request.signal.addEventListener('abort', () => stop());
      send(': connected\nretry: 1000\n\n');
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' },
  });
}

/**
 * `GET|POST ${basePath}/__control/workspaces/{WS}/workers/{WK}/streams`: how many event
 * streams the worker has open; `{ "cut": true }` ends them on the server's side, as a
 * proxy's idle timeout does (the client sees the stream end and reconnects).
 */
export function streamsControlRoute(ctx: EmulatorContext, wsSid: string, wkSid: string, body: Record<string, unknown> | undefined) {
  const key = `${wsSid}|${wkSid}`;
  const mine = [...ctx.streams].filter(([, owner]) => owner === key).map(([stop]) => stop);
  if (body?.cut === true) for (const stop of mine) stop();
  return json({ open: body?.cut === true ? 0 : mine.length });
}
