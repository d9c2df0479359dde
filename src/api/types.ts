/**
 * Every reservation status of the Worker Reservation resource, in the spec's order
 * (`worker_reservation_enum_status`; a test holds it to the spec).
 */
export const RESERVATION_STATUSES = [
  'pending',
  'accepted',
  'rejected',
  'timeout',
  'canceled',
  'rescinded',
  'wrapping',
  'completed',
] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** Statuses a worker can still act on, shown first in the list. */
export const ACTIVE_STATUSES = ['pending', 'accepted', 'wrapping'] as const satisfies readonly ReservationStatus[];

/** The four instructions of UpdateWorkerReservation. */
export const INSTRUCTIONS = ['dequeue', 'call', 'redirect', 'conference'] as const;
export type Instruction = (typeof INSTRUCTIONS)[number];

/** A Worker Reservation exactly as the API returns it (snake_case, as in the spec). */
export interface Reservation {
  account_sid: string;
  date_created: string;
  date_updated: string;
  reservation_status: ReservationStatus;
  sid: string;
  task_sid: string;
  worker_name: string;
  worker_sid: string;
  workspace_sid: string;
  url: string;
  links: Record<string, string>;
}

/** The paging envelope of a list response. */
export interface PageMeta {
  page: number;
  page_size: number;
  first_page_url: string;
  previous_page_url: string | null;
  url: string;
  next_page_url: string | null;
  key: 'reservations';
}

export interface ReservationPage {
  reservations: Reservation[];
  meta: PageMeta;
}

/** Update parameters on the wire: PascalCase name → value (arrays become repeated keys). */
export type UpdateParams = Record<string, string | string[]>;

/** Twilio's classic error body. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}
