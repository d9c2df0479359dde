/**
 * Resolves the panel's configuration from its attributes and token, and says in words an
 * agent or a developer understands what is missing or malformed. No Lit, no DOM.
 */
import { readTokenClaims } from '../api/token.js';
import type { WorkerRef } from '../api/index.js';

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

export function resolveConfig(input: ConfigInput): ResolvedConfig {
  const apiBase = input.apiBase?.trim();
  if (!apiBase) {
    return { ok: false, message: 'The panel has no api-base: set it to the URL of the TaskRouter API (ending in /v1).' };
  }
  if (!input.token) {
    return { ok: false, message: 'The panel has no token yet: the page has not signed you in to TaskRouter.' };
  }
  const claims = readTokenClaims(input.token);
  const workspaceSid = input.workspaceSid?.trim() || claims?.workspaceSid;
  const workerSid = input.workerSid?.trim() || claims?.workerSid;
  if (!workspaceSid) {
    return { ok: false, message: 'No workspace: set workspace-sid, or use a token with a TaskRouter grant.' };
  }
  if (!WORKSPACE_SID.test(workspaceSid)) {
    return { ok: false, message: `workspace-sid "${workspaceSid}" is not a Workspace SID (WS followed by 32 hexadecimal digits).` };
  }
  if (!workerSid) {
    return { ok: false, message: 'No worker: set worker-sid, or use a token with a TaskRouter grant.' };
  }
  if (!WORKER_SID.test(workerSid)) {
    return { ok: false, message: `worker-sid "${workerSid}" is not a Worker SID (WK followed by 32 hexadecimal digits).` };
  }
  return { ok: true, apiBase, worker: { workspaceSid, workerSid } };
}
