/** Pure operations on lists of reservations. No Lit, no DOM. */
import { ACTIVE_STATUSES, type Reservation, type ReservationStatus } from '../wire/types.js';

export const isActive = (status: ReservationStatus): boolean => (ACTIVE_STATUSES as readonly string[]).includes(status);

/** The order the panel shows, and where the finished ones start (`ordered.length` when none). */
export interface DisplayOrder {
  readonly ordered: Reservation[];
  readonly firstFinished: number;
}

/**
 * The order the panel shows: the active reservations first — pending ones by time left
 * (their `date_created` plus `timeoutMs(r)`; with no timeout known, the oldest first), then
 * accepted and wrapping ones, the oldest first — then the finished ones (rejected, timeout,
 * canceled, rescinded, completed), the most recently updated first.
 */
export function displayOrder(list: readonly Reservation[], timeoutMs: (r: Reservation) => number = () => 0): DisplayOrder {
  const deadline = new Map<string, number>();
  const group = (r: Reservation) => (r.reservation_status === 'pending' ? 0 : isActive(r.reservation_status) ? 1 : 2);
  for (const r of list) if (r.reservation_status === 'pending') deadline.set(r.sid, Date.parse(r.date_created) + timeoutMs(r));
  // ISO 8601 dates in one form (Twilio's, checked at the boundary) and SIDs compare as plain strings
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const ordered = [...list].sort((a, b) => {
    const ga = group(a);
    const gb = group(b);
    if (ga !== gb) return ga - gb;
    if (ga === 0) return deadline.get(a.sid)! - deadline.get(b.sid)! || cmp(a.sid, b.sid);
    if (ga === 1) return cmp(a.date_created, b.date_created) || cmp(a.sid, b.sid);
    return cmp(b.date_updated, a.date_updated) || cmp(a.sid, b.sid);
  });
  const firstFinished = ordered.findIndex((r) => !isActive(r.reservation_status));
  return { ordered, firstFinished: firstFinished < 0 ? ordered.length : firstFinished };
}

export interface StatusChange {
  reservation: Reservation;
  previousStatus: ReservationStatus | null;
}

/** What changed status between two loads, by SID; new SIDs come with `previousStatus: null`. */
export function diffStatuses(previous: ReadonlyMap<string, Reservation>, next: readonly Reservation[]): StatusChange[] {
  const changes: StatusChange[] = [];
  for (const reservation of next) {
    const before = previous.get(reservation.sid);
    if (!before) changes.push({ reservation, previousStatus: null });
    else if (before.reservation_status !== reservation.reservation_status) {
      changes.push({ reservation, previousStatus: before.reservation_status });
    }
  }
  return changes;
}
