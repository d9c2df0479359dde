import { createContext } from '@lit/context';
import type { ReservationsApi, WorkerRef } from '../api/index.js';

/** The API client of the nearest panel (or of a host that provides one). */
export const apiContext = createContext<ReservationsApi | undefined>(Symbol('reservation-panel.api'));

/** The worker whose reservations are shown. */
export const workerContext = createContext<WorkerRef | undefined>(Symbol('reservation-panel.worker'));
