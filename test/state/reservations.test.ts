import { expect } from '@open-wc/testing';
import { displayOrder } from '../../src/state/reservations.js';
import { reservation } from './fake-connection.js';
import type { Reservation, ReservationStatus } from '../../src/wire/types.js';

const at = (status: ReservationStatus, created: string, updated = created, timeout?: number): Reservation & { t?: number } => ({
  ...reservation(status),
  date_created: created,
  date_updated: updated,
  ...(timeout !== undefined && { t: timeout }),
});

describe('state/reservations: displayOrder', () => {
  it('puts pending ones first by time left, then accepted and wrapping, then the finished after a boundary', () => {
    const p1 = at('pending', '2026-11-30T10:00:00Z', undefined, 600_000); // ends 10:10
    const p2 = at('pending', '2026-11-30T10:05:00Z', undefined, 60_000); // ends 10:06
    const acc = at('accepted', '2026-11-30T09:00:00Z');
    const wrap = at('wrapping', '2026-11-30T08:00:00Z');
    const done = at('completed', '2026-11-30T07:00:00Z', '2026-11-30T10:00:00Z');
    const gone = at('rescinded', '2026-11-30T07:00:00Z', '2026-11-30T09:00:00Z');
    const { ordered, firstFinished } = displayOrder([gone, done, acc, wrap, p1, p2], (r) => (r as { t?: number }).t ?? 0);
    expect(ordered.map((r) => r.sid)).to.deep.equal([p2, p1, wrap, acc, done, gone].map((r) => r.sid));
    expect(firstFinished).to.equal(4);
  });

  it('says there are no finished ones with the list’s length', () => {
    expect(displayOrder([at('pending', '2026-11-30T10:00:00Z')]).firstFinished).to.equal(1);
  });
});
