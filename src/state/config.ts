/**
 * Resolves the panel's configuration from its attributes and token, and says in words an
 * agent or a developer understands what is missing or malformed. No Lit, no DOM.
 */
import { readTokenClaims } from '../api/token.js';
import type { WorkerRef } from '../api/index.js';
import { EN, type PanelStrings } from '../i18n/strings.js';

export const WORKSPACE_SID = /^WS[0-9a-fA-F]{32}$/;
export const WORKER_SID = /^WK[0-9a-fA-F]{32}$/;

export interface ConfigInput {
  apiBase?: string | undefined;
  workspaceSid?: string | undefined;
  workerSid?: string | undefined;
  token?: string | undefined;
}

export type ResolvedConfig =
  | { ok: true; apiBase: string; worker: WorkerRef }
  | { ok: false; message: string };

export function resolveConfig(input: ConfigInput, t: PanelStrings = EN): ResolvedConfig {
  const apiBase = input.apiBase?.trim();
  if (!apiBase) {
    return { ok: false, message: t.noApiBase };
  }
  if (!input.token) {
    return { ok: false, message: t.noToken };
  }
  const claims = readTokenClaims(input.token);
  const workspaceSid = input.workspaceSid?.trim() || claims?.workspaceSid;
  const workerSid = input.workerSid?.trim() || claims?.workerSid;
  if (!workspaceSid) {
    return { ok: false, message: t.noWorkspace };
  }
  if (!WORKSPACE_SID.test(workspaceSid)) {
    return { ok: false, message: t.badWorkspace(workspaceSid) };
  }
  if (!workerSid) {
    return { ok: false, message: t.noWorker };
  }
  if (!WORKER_SID.test(workerSid)) {
    return { ok: false, message: t.badWorker(workerSid) };
  }
  return { ok: true, apiBase, worker: { workspaceSid, workerSid } };
}
