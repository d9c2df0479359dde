/**
 * Twilio's event-bridge speaks TaskRouter's resources in its own dialect (twilio-taskrouter
 * 2.1.1: lib/descriptors/ReservationDescriptor.js, TaskDescriptor.js, WorkerDescriptor.js,
 * test/mock/Events.js): dates as epoch seconds, the task nested in the reservation without
 * a `task_sid`, `queue_name` / `workflow_name` for the spec's `task_queue_friendly_name` /
 * `workflow_friendly_name`, a `reservation_timeout` and a `version`. These functions turn
 * that dialect into the spec's shapes, which src/wire/check.ts then checks like any REST
 * answer. Values that are not of the expected kind are passed on untouched, so the check
 * refuses them. No Lit, no DOM.
 */

type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** Epoch seconds → ISO 8601 without milliseconds, as Twilio writes dates; anything else as it is. */
export function isoFromEpoch(value: unknown): unknown {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  return new Date(value * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const DATE_FIELDS = ['date_created', 'date_updated', 'date_status_changed', 'task_queue_entered_date', 'virtual_start_time'];

function withIsoDates(o: Json): Json {
  const out: Json = { ...o };
  for (const f of DATE_FIELDS) if (f in out) out[f] = isoFromEpoch(out[f]);
  return out;
}

/** An event-bridge task → the spec's Task. */
export function taskFromEventBridge(payload: unknown): unknown {
  if (!isObject(payload)) return payload;
  const t = withIsoDates(payload);
  t.task_queue_sid ??= t.queue_sid ?? null;
  t.task_queue_friendly_name ??= t.queue_name ?? null;
  t.workflow_friendly_name ??= t.workflow_name ?? null;
  delete t.queue_sid;
  delete t.queue_name;
  delete t.workflow_name;
  return t;
}

/** An event-bridge reservation → the spec's WorkerReservation, its task, and its timeout (seconds). */
export function reservationFromEventBridge(payload: unknown): { reservation: unknown; task?: unknown; timeoutSeconds?: number } {
  if (!isObject(payload)) return { reservation: payload };
  const { task, reservation_timeout: timeout, version: _version, worker_previous_activity_sid: _previous, ...rest } = payload;
  const r = withIsoDates(rest);
  if (isObject(task) && typeof task.sid === 'string') r.task_sid ??= task.sid;
  r.worker_name ??= '';
  return {
    reservation: r,
    ...(isObject(task) && { task: taskFromEventBridge(task) }),
    ...(typeof timeout === 'number' && timeout > 0 && { timeoutSeconds: timeout }),
  };
}

/** An event-bridge worker (worker.activity.update, v1 Workers/{WK}) → the spec's Worker. */
export function workerFromEventBridge(payload: unknown): unknown {
  return isObject(payload) ? withIsoDates(payload) : payload;
}

/** An event-bridge activity → the spec's Activity. */
export function activityFromEventBridge(payload: unknown): unknown {
  return isObject(payload) ? withIsoDates(payload) : payload;
}

/** An event-bridge page `{ contents, after_sid }` → its items and the SID to continue after. */
export function pageFromEventBridge(payload: unknown): { items: unknown[]; afterSid: string | null } | null {
  if (!isObject(payload) || !Array.isArray(payload.contents)) return null;
  const after = payload.after_sid;
  return { items: payload.contents, afterSid: typeof after === 'string' && after ? after : null };
}
