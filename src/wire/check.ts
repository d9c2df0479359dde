/**
 * Checks of what a server answers against the wire contract, before anything reaches the
 * panel's state: SID patterns, the 8 reservation statuses, ISO 8601 dates, the envelopes
 * (the spec's `WorkerReservation`, `Task`, `Activity`, `Worker` and their list pages).
 * A value that does not fit is refused here, so it is reported and never rendered.
 * Built on valibot (schemas as data, no `eval`, so it runs under a strict CSP). No Lit, no DOM.
 */
import * as v from 'valibot';
import { RESERVATION_STATUSES, TASK_STATUSES, type Activity, type Reservation, type Task, type Worker } from './types.js';

/** A SID: two letters and 32 hex digits, as every spec schema's `pattern` has it. */
const sid = (prefix: string) => v.pipe(v.string(), v.regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`)));

/** An ISO 8601 date the browser can read. */
const date = v.pipe(
  v.string(),
  v.check((s) => !Number.isNaN(Date.parse(s))),
);
const optionalText = v.optional(v.nullable(v.string()), null);
const links = v.optional(v.record(v.string(), v.string()), {});

/** The spec's `taskrouter.v1.workspace.worker.worker_reservation`. */
export const RESERVATION = v.looseObject({
  sid: sid('WR'),
  task_sid: sid('WT'),
  worker_sid: sid('WK'),
  workspace_sid: sid('WS'),
  account_sid: v.optional(v.string(), ''),
  reservation_status: v.picklist(RESERVATION_STATUSES),
  date_created: date,
  date_updated: date,
  worker_name: v.optional(v.string(), ''),
  url: v.optional(v.string(), ''),
  links,
});

/** The spec's `taskrouter.v1.workspace.task` (fields the panel reads are checked; the rest pass). */
export const TASK = v.looseObject({
  sid: sid('WT'),
  workspace_sid: sid('WS'),
  account_sid: v.optional(v.string(), ''),
  attributes: v.string(),
  assignment_status: v.picklist(TASK_STATUSES),
  age: v.optional(v.pipe(v.number(), v.finite()), 0),
  priority: v.optional(v.nullable(v.pipe(v.number(), v.finite())), null),
  timeout: v.optional(v.nullable(v.number()), null),
  date_created: date,
  date_updated: date,
  task_queue_sid: optionalText,
  task_queue_friendly_name: optionalText,
  task_channel_sid: optionalText,
  task_channel_unique_name: optionalText,
  workflow_sid: optionalText,
  workflow_friendly_name: optionalText,
  reason: optionalText,
  addons: optionalText,
  task_queue_entered_date: optionalText,
  url: v.optional(v.string(), ''),
  links,
});

/** The spec's `taskrouter.v1.workspace.activity`. */
export const ACTIVITY = v.looseObject({
  sid: sid('WA'),
  friendly_name: v.string(),
  available: v.boolean(),
  workspace_sid: v.optional(sid('WS')),
});

/** The spec's `taskrouter.v1.workspace.worker`. */
export const WORKER = v.looseObject({
  sid: sid('WK'),
  workspace_sid: sid('WS'),
  friendly_name: v.string(),
  activity_sid: v.nullable(sid('WA')),
  activity_name: v.nullable(v.string()),
  available: v.optional(v.boolean(), false),
  attributes: v.optional(v.string(), '{}'),
});

/** A list page's `meta` (ListWorkerReservation, ListActivity): only what paging reads. */
const META = v.looseObject({ next_page_url: v.optional(v.nullable(v.string()), null) });

/** A list page: `{ [key]: unknown[], meta }`; the items are checked one by one. */
export const pageOf = (key: string) => v.looseObject({ [key]: v.array(v.unknown()), meta: v.optional(META, {}) });

/** Why a value does not fit, in a few words: the first issue's path and message. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'it does not fit the wire contract';
  const path = first.path?.map((p) => String(p.key)).join('.') ?? '';
  const got = first.input === undefined ? 'nothing' : JSON.stringify(first.input)?.slice(0, 60);
  return path ? `${path} is ${got}` : `it is ${got}`;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; why: string };

function checkWith<T>(schema: v.GenericSchema<unknown, unknown>, value: unknown): Checked<T> {
  const result = v.safeParse(schema, value);
  return result.success ? { ok: true, value: result.output as T } : { ok: false, why: describeIssues(result.issues) };
}

export const checkReservation = (value: unknown): Checked<Reservation> => checkWith(RESERVATION, value);
export const checkTask = (value: unknown): Checked<Task> => checkWith(TASK, value);
export const checkActivity = (value: unknown): Checked<Activity> => checkWith(ACTIVITY, value);
export const checkWorker = (value: unknown): Checked<Worker> => checkWith(WORKER, value);
export const checkPage = (key: string, value: unknown): Checked<{ items: unknown[]; next: string | null }> => {
  const result = v.safeParse(pageOf(key), value);
  if (!result.success) return { ok: false, why: describeIssues(result.issues) };
  const page = result.output as Record<string, unknown> & { meta: { next_page_url: string | null } };
  return { ok: true, value: { items: page[key] as unknown[], next: page.meta.next_page_url ?? null } };
};

/** A reservation that fits, belongs to this worker and, when asked for by SID, is that one. */
export function checkOwnReservation(
  value: unknown,
  worker: { readonly workspaceSid: string; readonly workerSid: string },
  sid?: string,
): Checked<Reservation> {
  const checked = checkReservation(value);
  if (!checked.ok) return checked;
  const r = checked.value;
  if (sid !== undefined && r.sid !== sid) return { ok: false, why: `asked for ${sid}, got ${r.sid}` };
  if (r.worker_sid !== worker.workerSid || r.workspace_sid !== worker.workspaceSid) {
    return { ok: false, why: `${r.sid} belongs to worker ${r.worker_sid} of ${r.workspace_sid}` };
  }
  return checked;
}
