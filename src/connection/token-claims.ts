/** The claims the panel reads from a Twilio Access Token (decoded, never verified). */
export interface TokenClaims {
  workspaceSid?: string;
  workerSid?: string;
  /** expiry, in seconds since the epoch */
  exp?: number;
}

type Json = Record<string, unknown> | undefined;

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

/**
 * Reads the TaskRouter grant (`grants.task_router.workspace_sid` / `worker_sid`) and `exp`
 * of a JWT's payload. Returns null for anything that is not a JWT with a JSON object
 * payload; never throws.
 */
export function readTokenClaims(token: string): TokenClaims | null {
  try {
    const part = token.split('.');
    if (part.length !== 3 || !/^[\w-]+$/.test(part[1])) return null;
    const bin = atob(part[1].replace(/-/g, '+').replace(/_/g, '/'));
    const payload = obj(JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)))));
    if (!payload) return null;
    const grant = obj(obj(payload.grants)?.task_router);
    const claims: TokenClaims = {};
    if (typeof grant?.workspace_sid === 'string') claims.workspaceSid = grant.workspace_sid;
    if (typeof grant?.worker_sid === 'string') claims.workerSid = grant.worker_sid;
    if (typeof payload.exp === 'number' && Number.isFinite(payload.exp)) claims.exp = payload.exp;
    return claims;
  } catch {
    return null;
  }
}
