/** What the route handlers share: the state, the auth configuration and the mount point. */
import type { Reservation } from '../wire/types.js';
import type { AuthConfig } from './auth.js';
import { isoSeconds } from './ids.js';
import type { ReservationRecord, Store, WorkspaceRecord } from './state.js';
import type { TokenOptions } from './types.js';

export interface EmulatorContext {
  store: Store;
  auth: AuthConfig;
  /** normalised mount point: '' or '/x' (no trailing slash) */
  basePath: string;
  issueToken(options: TokenOptions): Promise<string>;
  /** open event streams, each with the function that ends it */
  streams: Set<() => void>;
}

/** The absolute URL of the API root (`…/v1`) for a request. */
export function apiRoot(ctx: EmulatorContext, requestUrl: string): string {
  return `${new URL(requestUrl).origin}${ctx.basePath}/v1`;
}

/** A reservation exactly as the API returns it, with absolute URLs under this request's origin. */
export function toWire(ctx: EmulatorContext, ws: WorkspaceRecord, r: ReservationRecord, root: string): Reservation {
  const workspace = `${root}/Workspaces/${ws.sid}`;
  const worker = `${workspace}/Workers/${r.workerSid}`;
  return {
    account_sid: ctx.auth.accountSid,
    date_created: isoSeconds(r.created),
    date_updated: isoSeconds(r.updated),
    reservation_status: r.status,
    sid: r.sid,
    task_sid: r.taskSid,
    worker_name: ws.workers.get(r.workerSid)?.friendlyName ?? '',
    worker_sid: r.workerSid,
    workspace_sid: ws.sid,
    url: `${worker}/Reservations/${r.sid}`,
    links: { task: `${workspace}/Tasks/${r.taskSid}`, worker, workspace },
  };
}

export const etagOf = (r: ReservationRecord) => `"${r.version}"`;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
