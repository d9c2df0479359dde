/** Pure operations on lists of reservations. No Lit, no DOM. */
import { ACTIVE_STATUSES, type Reservation, type ReservationStatus } from '../wire/types.js';

const isActive = (status: ReservationStatus) => (ACTIVE_STATUSES as readonly string[]).includes(status);

/**
 * The order the panel shows: active reservations (pending, accepted, wrapping) first, the
 * oldest first, as they are the most urgent; then the rest, the most recently updated first.
 */
export function sortReservations(list: readonly Reservation[]): Reservation[] {
  return [...list].sort((a, b) => {
    const activeA = isActive(a.reservation_status);
    const activeB = isActive(b.reservation_status);
    if (activeA !== activeB) return activeA ? -1 : 1;
    if (activeA) return a.date_created.localeCompare(b.date_created) || a.sid.localeCompare(b.sid);
    return b.date_updated.localeCompare(a.date_updated) || a.sid.localeCompare(b.sid);
  });
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
