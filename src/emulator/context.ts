/** What the route handlers share: the state, the auth configuration and the mount point. */
import type { Reservation } from '../wire/types.js';
import type { AuthConfig } from './auth.js';
import type { ReservationRecord, Store, WorkspaceRecord } from './state.js';
import type { TokenOptions } from './types.js';
import { reservationToWire, type WireBase } from './wire.js';

export interface EmulatorContext {
  store: Store;
  auth: AuthConfig;
  /** normalised mount point: '' or '/x' (no trailing slash) */
  basePath: string;
  issueToken(options: TokenOptions): Promise<string>;
  /** open event streams: the function that ends each, and whose it is (`WS…|WK…`) */
  streams: Map<() => void, string>;
}

/** The absolute URL of the API root (`…/v1`) for a request. */
export function apiRoot(ctx: EmulatorContext, requestUrl: string): string {
  return `${new URL(requestUrl).origin}${ctx.basePath}/v1`;
}

/** The serialisers' base for a request: the account and the API root under this request's origin. */
export function wireBase(ctx: EmulatorContext, requestUrl: string): WireBase {
  return { accountSid: ctx.auth.accountSid, root: apiRoot(ctx, requestUrl) };
}

/** A reservation exactly as the API returns it, with absolute URLs under `root`. */
export function toWire(ctx: EmulatorContext, ws: WorkspaceRecord, r: ReservationRecord, root: string): Reservation {
  return reservationToWire({ accountSid: ctx.auth.accountSid, root }, ws, r);
}

/** A version as an ETag: `"<n>"`. */
export const etagOf = (record: { version: number }) => `"${record.version}"`;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
