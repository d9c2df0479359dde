import { createContext } from '@lit/context';
import type { ReservationsApi, WorkerRef } from '../api/index.js';
import type { Reservation, UpdateParams } from '../wire/types.js';
import type { PanelStrings } from '../i18n/strings.js';
import type { ActionName, ParameterSchema } from '../schema/schema.types.js';

/** The API client of the nearest panel (or of a host that provides one). */
export const apiContext = createContext<ReservationsApi | undefined>(Symbol('reservation-panel.api'));

/** The worker whose reservations are shown. */
export const workerContext = createContext<WorkerRef | undefined>(Symbol('reservation-panel.worker'));

/** How an action ended, for the row or form that started it. */
export interface ActionResult {
  readonly ok: boolean;
  /** what to tell the user when it did not succeed */
  readonly message?: string;
}

/** The panel's action service: the actions offered, the schema in force, and the one way to send an action. */
export interface ReservationActions {
  /** the actions offered (known without loading the schema) */
  readonly offered: readonly ActionName[];
  /** the full parameter schema in force, loaded with the forms on first use */
  schema(): Promise<ParameterSchema>;
  perform(reservation: Reservation, action: ActionName, params: UpdateParams): Promise<ActionResult>;
}

export const actionsContext = createContext<ReservationActions | undefined>(Symbol('reservation-panel.actions'));

/**
 * What a host app may give every panel below an element: the API base, the token and its
 * provider. A panel's own attributes and properties win over it.
 */
export interface HostConfig {
  readonly apiBase?: string;
  readonly token?: string;
  readonly tokenProvider?: () => Promise<string>;
}

export const hostContext = createContext<HostConfig | undefined>(Symbol('reservation-panel.host'));

/** The strings in force and the locale for numbers and durations. */
export interface Localization {
  readonly strings: PanelStrings;
  /** a BCP 47 language tag: the panel's `lang`, else the nearest ancestor's, else the browser's */
  readonly locale: string;
}

export const stringsContext = createContext<Localization>(Symbol('reservation-panel.strings'));
