/**
 * What a row tells an agent about the work: a title, a subtitle and details from the task,
 * by default from its attributes (DESIGN.md, "What a row tells the agent"), or as a host's
 * `taskSummary` maps them. Everything here is plain text; the panel renders it as text,
 * never as HTML. No Lit, no DOM.
 */
import type { Reservation, Task } from '../wire/types.js';

/** What a row shows of a task: plain strings only. */
export interface TaskSummary {
  /** the row's title, e.g. the customer's name */
  readonly title: string;
  /** a second line, e.g. the number or address they came from */
  readonly subtitle?: string;
  /** label → value pairs for the details disclosure (by default: every attribute, flattened) */
  readonly details?: ReadonlyArray<readonly [label: string, value: string]>;
}

/** A host's mapping of a task (and its reservation) to what a row shows. */
export type TaskSummaryFn = (task: Task, reservation: Reservation) => TaskSummary;

/** The channels the panel knows by name; any other unique name is shown as it is. */
export const KNOWN_CHANNELS = ['voice', 'chat', 'sms', 'email'] as const;
export type KnownChannel = (typeof KNOWN_CHANNELS)[number];

/** The task's attributes as an object (`{}` when they are not a JSON object). */
export function attributesOf(task: Task): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(task.attributes);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The channel a task came on: a known one, or its unique name as it is (`default` when it has none). */
export function channelOf(task: Task | undefined): string {
  const unique = task?.task_channel_unique_name?.trim().toLowerCase();
  if (!unique) return 'default';
  if (unique === 'chat' || unique === 'conversation' || unique === 'conversations' || unique === 'messaging') return 'chat';
  return unique;
}

const MAX_DEPTH = 8;

/** A value as text: strings as they are, everything else as JSON. */
const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : (JSON.stringify(v) ?? String(v)));

/** Nested attributes flattened to `path → text` pairs (`customer.name`, `tags[0]`), in their order. */
export function flatten(value: unknown, path = '', depth = 0, out: Array<[string, string]> = []): Array<[string, string]> {
  if (depth < MAX_DEPTH && value && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [`${path}[${i}]`, v] as const)
      : Object.entries(value).map(([k, v]) => [path ? `${path}.${k}` : k, v] as const);
    if (!entries.length) out.push([path, Array.isArray(value) ? '[]' : '{}']);
    for (const [p, v] of entries) flatten(v, p, depth + 1, out);
  } else if (path) {
    out.push([path, text(value)]);
  }
  return out;
}

const firstText = (...values: unknown[]): string | undefined => {
  for (const v of values) if (typeof v === 'string' && v.trim()) return v.trim();
  return undefined;
};

/**
 * The default summary: the attributes' `name`, else `from`, else the channel's readable
 * name (`channelName`); the subtitle is `from` when the title is the name (and not the same
 * text), with an email's `subject` after it; the details are every attribute, flattened.
 */
export function defaultSummary(task: Task, channelName: (channel: string) => string): TaskSummary {
  const a = attributesOf(task);
  const name = firstText(a.name, a.customerName, a.caller_name);
  const from = firstText(a.from);
  const title = name ?? from ?? channelName(channelOf(task));
  // who it is from (when the title is a name, and not that same text), and what about (an email's subject)
  const subtitle = [name && from !== name ? from : undefined, firstText(a.subject)].filter(Boolean).join(' · ');
  return {
    title,
    ...(subtitle && { subtitle }),
    details: flatten(a),
  };
}

/** A host's summary made safe to render: strings only (anything else is turned into text). */
export function plainSummary(summary: unknown, fallback: TaskSummary): TaskSummary {
  if (!summary || typeof summary !== 'object') return fallback;
  const s = summary as Record<string, unknown>;
  const title = s.title == null ? fallback.title : text(s.title);
  const subtitle = s.subtitle == null ? undefined : text(s.subtitle);
  const details = Array.isArray(s.details)
    ? s.details.filter((d): d is unknown[] => Array.isArray(d)).map(([k, v]) => [text(k), text(v)] as const)
    : fallback.details;
  return { title, ...(subtitle !== undefined && { subtitle }), ...(details && { details }) };
}
