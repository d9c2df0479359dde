/**
 * Authentication of /v1 requests.
 *
 * - `Authorization: Bearer <JWT>`: a Twilio Access Token signed by the emulator (HS256,
 *   header `cty: twilio-fpa;v=1`, `iss` = the API key SID, `sub` = the account SID,
 *   `grants.task_router` = `{ workspace_sid, worker_sid, role: 'worker' }`). Expiry is
 *   checked against the emulator's base clock (`options.now`, i.e. the real clock unless a
 *   test replaces it), NOT a workspace's advanced clock: moving a workspace's clock forward
 *   to time reservations out does not expire its tokens.
 * - `Authorization: Basic base64(accountSid:authToken)`: the account's own credentials,
 *   as Twilio accepts; access to every workspace and worker.
 * - `Authorization: Basic base64(apiKeySid:apiKeySecret)`: an API key and its secret, as
 *   Twilio accepts them in place of the account's credentials (twilio-node's
 *   `twilio(apiKeySid, apiKeySecret, { accountSid })` sends exactly this). The emulator's
 *   one API key is `apiKeySid`, and its secret is `signingSecret`, the key that also signs
 *   the Access Tokens, as with a Twilio API key. Same access as the account's credentials.
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { forbidden, unauthorized } from './errors.js';
import { randomSecret } from './ids.js';
import type { TokenOptions } from './types.js';

export interface AuthConfig {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  signingSecret: string;
  now: () => number;
}

export type AuthResult = { kind: 'account' } | { kind: 'token'; workspaceSid: string; workerSid: string; identity: string };

export const TOKEN_HEADER = { alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' } as const;

const keyOf = (config: AuthConfig) => new TextEncoder().encode(config.signingSecret);

export async function signToken(config: AuthConfig, options: TokenOptions & { identity: string }): Promise<string> {
  const iat = Math.floor(config.now() / 1000);
  const ttl = options.ttlSeconds ?? 3600;
  return new SignJWT({
    grants: {
      identity: options.identity,
      task_router: { workspace_sid: options.workspaceSid, worker_sid: options.workerSid, role: 'worker' },
    },
  })
    .setProtectedHeader({ ...TOKEN_HEADER })
    .setJti(`${config.apiKeySid}-${iat}-${randomSecret(4)}`)
    .setIssuer(config.apiKeySid)
    .setSubject(config.accountSid)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .sign(keyOf(config));
}

/** Checks the Authorization header; throws ApiError 401 when it does not authenticate. */
export async function authenticate(config: AuthConfig, authorization: string | null): Promise<AuthResult> {
  if (!authorization) throw unauthorized('Authentication required: send an Authorization header');
  const [scheme, credentials, ...rest] = authorization.trim().split(/\s+/);
  if (!scheme || !credentials || rest.length > 0) throw unauthorized('Malformed Authorization header');
  switch (scheme.toLowerCase()) {
    case 'basic':
      return checkBasic(config, credentials);
    case 'bearer':
      return checkBearer(config, credentials);
    default:
      throw unauthorized(`Unsupported authorization scheme ${scheme}`);
  }
}

function checkBasic(config: AuthConfig, credentials: string): AuthResult {
  let decoded: string;
  try {
    decoded = atob(credentials);
  } catch {
    throw unauthorized('Malformed Basic credentials');
  }
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const account = user === config.accountSid && password === config.authToken;
  const apiKey = user === config.apiKeySid && password === config.signingSecret;
  if (colon < 0 || !(account || apiKey)) throw unauthorized('Invalid username or password');
  return { kind: 'account' };
}

async function checkBearer(config: AuthConfig, token: string): Promise<AuthResult> {
  let payload: Record<string, unknown>;
  try {
    const result = await jwtVerify(token, keyOf(config), {
      algorithms: ['HS256'],
      typ: 'JWT',
      issuer: config.apiKeySid,
      subject: config.accountSid,
      requiredClaims: ['exp', 'iat', 'jti'],
      currentDate: new Date(config.now()),
    });
    payload = result.payload as Record<string, unknown>;
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw unauthorized('Access Token expired or expiration date invalid');
    if (e instanceof joseErrors.JWSSignatureVerificationFailed) throw unauthorized('Invalid Access Token signature');
    throw unauthorized('Invalid Access Token');
  }
  const grants = payload['grants'] as { identity?: unknown; task_router?: Record<string, unknown> } | undefined;
  const tr = grants?.task_router;
  const workspaceSid = tr?.['workspace_sid'];
  const workerSid = tr?.['worker_sid'];
  if (typeof workspaceSid !== 'string' || typeof workerSid !== 'string') {
    throw forbidden('Access Token has no TaskRouter grant');
  }
  return { kind: 'token', workspaceSid, workerSid, identity: String(grants?.identity ?? '') };
}

/**
 * The longest `grants.identity` the emulator signs: 121 characters (Unicode code points),
 * the length Twilio states for an Access Token's identity; Twilio refuses a longer one
 * (error 51003, "Client Connection: identity too long"). The identity also travels in
 * every request's `Authorization` header, which servers bound too (HTTP 431).
 */
export const MAX_IDENTITY_LENGTH = 121;

/**
 * The identity a worker's token carries: the one asked for, else the worker's friendly
 * name when it fits in MAX_IDENTITY_LENGTH, else the worker's SID (unique, and never
 * longer than 34 characters).
 */
export function tokenIdentity(workerSid: string, friendlyName?: string, requested?: string): string {
  if (requested !== undefined) return requested;
  if (friendlyName !== undefined && friendlyName !== '' && [...friendlyName].length <= MAX_IDENTITY_LENGTH) return friendlyName;
  return workerSid;
}

/** Throws ApiError 403 when a token's grant does not cover this workspace. */
export function authorizeWorkspace(auth: AuthResult, workspaceSid: string): void {
  if (auth.kind === 'token' && auth.workspaceSid !== workspaceSid) {
    throw forbidden(`Access Token is for workspace ${auth.workspaceSid}, not ${workspaceSid}`);
  }
}

/** Throws ApiError 403 when a token's grant does not cover this workspace and worker. */
export function authorize(auth: AuthResult, workspaceSid: string, workerSid: string): void {
  if (auth.kind === 'account') return;
  if (auth.workspaceSid !== workspaceSid) {
    throw forbidden(`Access Token is for workspace ${auth.workspaceSid}, not ${workspaceSid}`);
  }
  if (auth.workerSid !== workerSid) {
    throw forbidden(`Access Token is for worker ${auth.workerSid}, not ${workerSid}`);
  }
}
