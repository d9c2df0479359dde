/**
 * The template of one reservation row, rendered in the panel's own shadow root (no element
 * per row, so a list of hundreds renders at the cost of its markup). Everything shown is a
 * text binding: server data and a host's `taskSummary` never become HTML. The row is
 * rendered from its `RowState`, so recycling it loses nothing.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ref, type RefOrCallback } from 'lit/directives/ref.js';
import type { ApiError } from '../../connection/errors.js';
import type { PanelStrings } from '../../i18n/strings.js';
import type { ActionDescriptor } from '../../schema/schema.types.js';
import { formatAge, formatCountdown } from '../../state/format.js';
import { isActive } from '../../state/reservations.js';
import type { RowState } from '../../state/row-states.js';
import type { TaskSummary } from '../../state/task-summary.js';
import type { Reservation, Task } from '../../wire/types.js';
import { channelIcon } from './channel-icon.js';

/** What one row is rendered from. */
export interface RowView {
  readonly reservation: Reservation;
  readonly task: Task | undefined;
  readonly taskLoading: boolean;
  readonly taskError: ApiError | undefined;
  /** what the row says of the task (default rules or the host's `taskSummary`) */
  readonly summary: TaskSummary;
  /** a known channel name (voice, chat, sms, email, default) or a channel's unique name */
  readonly channel: string;
  readonly state: RowState | undefined;
  /** the actions offered for its status */
  readonly actions: readonly ActionDescriptor[];
  /** ms a pending reservation lives (0: unknown, no countdown) */
  readonly timeoutMs: number;
  /** the first finished row carries the separator */
  readonly firstFinished: boolean;
  readonly position: number;
  readonly count: number;
  readonly rowRef: RefOrCallback;
}

/** What every row shares. */
export interface RowsContext {
  readonly t: PanelStrings;
  readonly locale: string;
  /** the server's time, ms */
  readonly now: number;
  /** the token expired: actions are paused, with the reason at `pausedReasonId` */
  readonly paused: boolean;
  readonly pausedReasonId: string;
}

/** Text cut to `max` characters (with an ellipsis): for names, tooltips and announcements. */
export const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A readable channel name: the strings' for a known one, else the unique name itself. */
export function channelName(t: PanelStrings, channel: string): string {
  return (t.channels as Record<string, string>)[channel] ?? channel;
}

function countdown(c: RowsContext, v: RowView, created: number) {
  const r = v.reservation;
  if (r.reservation_status !== 'pending' || !(v.timeoutMs > 0) || Number.isNaN(created)) return nothing;
  const left = Math.max(0, created + v.timeoutMs - c.now);
  const warning = left <= Math.max(15_000, v.timeoutMs / 5);
  return html`<div class="left">
    <dt>${c.t.timeLeft}</dt>
    <dd>
      <span part="countdown" class=${warning ? 'countdown warning' : 'countdown'} role="timer" data-warning=${warning ? 'true' : 'false'}
        >${formatCountdown(left)}</span
      >
    </dd>
  </div>`;
}

function details(c: RowsContext, v: RowView, id: string, title: string) {
  const expanded = !!v.state?.expanded;
  const pairs = v.summary.details ?? [];
  return html`<button type="button" class="disclosure" data-details aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${id}>
      ${c.t.details}
    </button>
    ${
      expanded
        ? html`<div class="attributes" id=${id} role="region" aria-label=${c.t.detailsOf(title)} tabindex="0">
            <dl>
              ${
                pairs.length
                  ? pairs.map(
                      ([k, val]) =>
                        html`<div>
                          <dt><bdi>${k}</bdi></dt>
                          <dd><bdi>${val}</bdi></dd>
                        </div>`,
                    )
                  : html`<div><dd>${c.t.noDetails}</dd></div>`
              }
            </dl>
          </div>`
        : nothing
    }`;
}

function actions(c: RowsContext, v: RowView) {
  const s = v.state;
  if (s?.open) {
    return html`<reservation-form
      .action=${v.actions.find((a) => a.name === s.open!.action)}
      .label=${c.t.actions[s.open.action]}
      .fields=${s.open.fields}
      .draft=${s.drafts[s.open.action]}
      .serverError=${s.message?.kind === 'error' && s.message.action === s.open.action ? s.message.text : ''}
      ?busy=${s.busy === s.open.action}
    ></reservation-form>`;
  }
  if (!v.actions.length) return nothing;
  // The loudest action the status offers leads; with no primary one, the first secondary takes its place.
  const lead = v.actions.find((a) => a.emphasis === 'primary') ?? v.actions.find((a) => a.emphasis === 'secondary');
  const off = c.paused || !!s?.busy;
  return html`<div part="actions" class="actions">
    ${v.actions.map(
      (a) =>
        html`<button
          type="button"
          data-action=${a.name}
          class=${a === lead ? 'primary' : a.emphasis === 'quiet' ? 'quiet' : 'secondary'}
          aria-disabled=${off ? 'true' : 'false'}
          aria-describedby=${c.paused ? c.pausedReasonId : nothing}
        >
          ${s?.busy === a.name ? c.t.sending(c.t.actions[a.name]) : c.t.actions[a.name]}
        </button>`,
    )}
  </div>`;
}

function message(v: RowView) {
  const m = v.state?.message;
  if (!m || (v.state?.open && m.kind === 'error' && m.action === v.state.open.action)) return nothing;
  return m.kind === 'error'
    ? html`<p part="action-error" class="message error" role="alert" tabindex="-1">${m.text}</p>`
    : html`<p part="action-message" class="message" role="alert" tabindex="-1">${m.text}</p>`;
}

/** One reservation: its task's title, channel, queue, priority, wait and countdown, details and actions. */
export function renderRow(c: RowsContext, v: RowView): TemplateResult {
  const r = v.reservation;
  const t = c.t;
  const s = v.summary;
  const status = t.statuses[r.reservation_status] ?? r.reservation_status;
  const name = channelName(t, v.channel);
  const finished = !isActive(r.reservation_status);
  // pending: how long the customer has waited (the task's age); accepted or wrapping: how long it has been handled
  const pending = r.reservation_status === 'pending';
  const since = Date.parse(pending ? (v.task?.date_created ?? r.date_created) : r.date_updated);
  const created = Date.parse(r.date_created);
  const title = v.task ? s.title : v.taskLoading ? t.taskLoading : `${t.task} ${r.task_sid}`;
  const queue = v.task?.task_queue_friendly_name;
  const priority = v.task?.priority;
  return html`<li aria-setsize=${v.count} aria-posinset=${v.position}>
    ${v.firstFinished ? html`<p class="separator">${t.finished}</p>` : nothing}
    <div
      ${ref(v.rowRef)}
      part="reservation"
      role="group"
      aria-label=${t.reservationFor(clip(title, 200))}
      aria-busy=${v.state?.busy ? 'true' : 'false'}
      class=${finished ? 'row finished' : 'row'}
      data-reservation-sid=${r.sid}
      data-reservation-status=${r.reservation_status}
    >
      <div class="head" tabindex="-1">
        ${channelIcon(v.channel, name)}
        <span class="title" title=${clip(title, 1000)}><bdi>${title}</bdi></span>
        <span class="status">${status}</span>
      </div>
      ${
        finished
          ? nothing
          : html`${s.subtitle && v.task ? html`<p class="subtitle" title=${clip(s.subtitle, 1000)}><bdi>${s.subtitle}</bdi></p>` : nothing}
              <dl class="meta">
                <div>
                  <dt>${t.channel}</dt>
                  <dd><bdi>${name}</bdi></dd>
                </div>
                ${
                  queue
                    ? html`<div>
                        <dt>${t.queue}</dt>
                        <dd><bdi>${queue}</bdi></dd>
                      </div>`
                    : nothing
                }
                ${
                  priority != null
                    ? html`<div>
                        <dt>${t.priority}</dt>
                        <dd>${priority}</dd>
                      </div>`
                    : nothing
                }
                <div>
                  <dt>${pending ? t.waited : t.handling}</dt>
                  <dd>
                    <time datetime=${pending ? (v.task?.date_created ?? r.date_created) : r.date_updated}
                      >${Number.isNaN(since) ? '' : formatAge(c.now - since, c.locale)}</time
                    >
                  </dd>
                </div>
                ${countdown(c, v, created)}
              </dl>
              ${v.taskError && !v.task ? html`<p class="note">${t.taskFailed(v.taskError.message)}</p>` : nothing}`
      }
      ${v.task ? details(c, v, `details-${r.sid}`, clip(title, 200)) : nothing} ${actions(c, v)} ${message(v)}
    </div>
  </li>`;
}
