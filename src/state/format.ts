/** Human-readable labels and durations. No Lit, no DOM. */
import type { ReservationStatus } from '../api/types.js';

export const STATUS_LABELS: Readonly<Record<ReservationStatus, string>> = {
  pending: 'Pending',
  accepted: 'Accepted',
  rejected: 'Rejected',
  timeout: 'Timed out',
  canceled: 'Canceled',
  rescinded: 'Rescinded',
  wrapping: 'Wrapping up',
  completed: 'Completed',
};

/** A short age such as "45 s", "3 min", "2 h 5 min", "3 d". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} d`;
}
