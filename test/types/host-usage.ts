/**
 * Compiled by `npm run typecheck` (not run): what a host's TypeScript sees of the panel's
 * element and event types. A `@ts-expect-error` that stops being an error fails the check.
 */
import type { ReservationPanel, ReservationStatus } from '../../src/index.js';

export function hostCode(panel: ReservationPanel) {
  panel.addEventListener('reservation-status-change', (e) => {
    const status: ReservationStatus = e.detail.status;
    const previous: ReservationStatus | null = e.detail.previousStatus;
    const source: 'action' | 'sync' = e.detail.source;
    // @ts-expect-error the detail has no such field
    void e.detail.statusText;
    return [status, previous, source];
  });
  panel.addEventListener('reservation-error', (e) => {
    const code: number | null = e.detail.code;
    return code;
  });
  panel.addEventListener('reservation-before-update', (e) => {
    e.detail.params.StatusCallbackEvent = ['ringing', 'answered'];
    e.preventDefault();
  });
  const created: ReservationPanel = document.createElement('reservation-panel');
  // @ts-expect-error pollInterval is a number
  created.pollInterval = '5000';
  return created;
}
