/**
 * Resolves the panel's configuration from its attributes and token: which connection, where
 * it points, whose reservations. Says in words an agent or a developer understands what is
 * malformed; a panel with no token yet is waiting to be signed in, which is not an error.
 * No Lit, no DOM.
 */
import type { ConnectionKind, WorkerRef } from '../connection/connection.js';
import { readTokenClaims } from '../connection/token-claims.js';
import { EN, type PanelStrings } from '../i18n/strings.js';

export const WORKSPACE_SID = /^WS[0-9a-fA-F]{32}$/;
export const WORKER_SID = /^WK[0-9a-fA-F]{32}$/;
/** A Twilio region: `us1`, `ie1`, `au1`, … (and the staging forms such as `stage-us1`). */
export const REGION = /^(?:[a-z]+-)?[a-z]{2}[0-9]$/;

export interface ConfigInput {
  /** `twilio` for Twilio's event-bridge; anything else (or nothing): the REST endpoint at `apiBase` */
  connection?: string | null | undefined;
  apiBase?: string | undefined;
  region?: string | undefined;
  eventBridgeUrl?: string | undefined;
  eventsUrl?: string | undefined;
  workspaceSid?: string | undefined;
  workerSid?: string | undefined;
  token?: string | undefined;
  /** the page's URL, against which relative URLs are read */
  baseUrl?: string | undefined;
}

export type ResolvedConfig =
  | {
      ok: true;
      kind: ConnectionKind;
      /** REST: the API base; event-bridge: the channel's URL (both absolute) */
      url: string;
      /** REST: the event stream's URL, absolute; '' when none */
      eventsUrl: string;
      worker: WorkerRef;
    }
  /** `waiting`: no token yet (quiet); otherwise the configuration is malformed (an error) */
  | { ok: false; waiting: boolean; message: string };

/** The event-bridge channel of a region (twilio-taskrouter 2.1.1, lib/util/Configuration.js). */
export function eventBridgeUrlOf(region: string): string {
  return `https://event-bridge${region && region !== 'us1' ? `.${region}` : ''}.twilio.com/v1/wschannels`;
}

/** An http(s) URL read against the page, or undefined when it cannot be read. */
function readUrl(url: string, base: string | undefined): string | undefined {
  try {
    const u = new URL(url, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function resolveConfig(input: ConfigInput, t: PanelStrings = EN): ResolvedConfig {
  const fail = (message: string): ResolvedConfig => ({ ok: false, waiting: false, message });
  const kind: ConnectionKind = input.connection?.trim().toLowerCase() === 'twilio' ? 'twilio' : 'rest';
  let url: string | undefined;
  let eventsUrl = '';
  if (kind === 'twilio') {
    const region = input.region?.trim().toLowerCase() || 'us1';
    if (!REGION.test(region)) return fail(t.badRegion(region));
    const given = input.eventBridgeUrl?.trim();
    url = given ? readUrl(given, input.baseUrl) : eventBridgeUrlOf(region);
    if (!url) return fail(t.badUrl('event-bridge-url', given ?? ''));
  } else {
    const apiBase = input.apiBase?.trim();
    if (!apiBase) return fail(t.noApiBase);
    url = readUrl(apiBase, input.baseUrl);
    if (!url) return fail(t.badUrl('api-base', apiBase));
    const events = input.eventsUrl?.trim();
    if (events) {
      eventsUrl = readUrl(events, input.baseUrl) ?? '';
      if (!eventsUrl) return fail(t.badUrl('events-url', events));
    }
  }
  const claims = input.token ? readTokenClaims(input.token) : undefined;
  const workspaceSid = input.workspaceSid?.trim() || claims?.workspaceSid;
  const workerSid = input.workerSid?.trim() || claims?.workerSid;
  if (workspaceSid && !WORKSPACE_SID.test(workspaceSid)) return fail(t.badWorkspace(workspaceSid));
  if (workerSid && !WORKER_SID.test(workerSid)) return fail(t.badWorker(workerSid));
  if (!input.token) return { ok: false, waiting: true, message: t.waitingForToken };
  if (!workspaceSid) return fail(t.noWorkspace);
  if (!workerSid) return fail(t.noWorker);
  return { ok: true, kind, url: url.replace(/\/+$/, ''), eventsUrl, worker: { workspaceSid, workerSid } };
}

/** What identifies a connection's target: panels with the same key can share one feed. */
export function connectionKey(config: ResolvedConfig & { ok: true }): string {
  return [config.kind, config.url, config.eventsUrl, config.worker.workspaceSid, config.worker.workerSid].join('|');
}
