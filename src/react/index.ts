/**
 * `reservation-panel/react`: `<reservation-panel>` as a React component, made with
 * `@lit/react`. Properties (`apiBase`, `token`, `tokenProvider`, `schema`, …) are set on the
 * element as properties, and the panel's events are typed `on…` props:
 *
 * ```tsx
 * import { ReservationPanel } from 'reservation-panel/react';
 *
 * <ReservationPanel
 *   apiBase="/taskrouter/v1"
 *   token={token}
 *   tokenProvider={fetchToken}
 *   onReservationStatusChange={(e) => console.log(e.detail.status)}
 * />
 * ```
 *
 * Importing this module registers the custom element (it imports the element's module).
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { ReservationPanel as ReservationPanelElement } from '../components/reservation-panel/reservation-panel.js';
import type {
  ReservationBeforeUpdateEvent,
  ReservationErrorEvent,
  ReservationLoadEvent,
  ReservationStatusChangeEvent,
  ReservationTokenExpiredEvent,
} from '../events/index.js';

export type {
  ReservationBeforeUpdateEvent,
  ReservationErrorEvent,
  ReservationLoadEvent,
  ReservationStatusChangeEvent,
  ReservationTokenExpiredEvent,
} from '../events/index.js';
export type { Reservation, ReservationStatus, Task } from '../wire/types.js';
export type { ReservationPanelElement };

/** The React event props and the DOM events they listen to. */
export const RESERVATION_PANEL_EVENTS = {
  onReservationLoad: 'reservation-load' as EventName<ReservationLoadEvent>,
  onReservationStatusChange: 'reservation-status-change' as EventName<ReservationStatusChangeEvent>,
  onReservationBeforeUpdate: 'reservation-before-update' as EventName<ReservationBeforeUpdateEvent>,
  onReservationError: 'reservation-error' as EventName<ReservationErrorEvent>,
  onReservationTokenExpired: 'reservation-token-expired' as EventName<ReservationTokenExpiredEvent>,
};

/** `<reservation-panel>` for React; a `ref` gives the element itself. */
export const ReservationPanel = createComponent({
  react: React,
  tagName: 'reservation-panel',
  elementClass: ReservationPanelElement,
  events: RESERVATION_PANEL_EVENTS,
  displayName: 'ReservationPanel',
});

/** The props of {@link ReservationPanel}. */
export type ReservationPanelProps = React.ComponentProps<typeof ReservationPanel>;
