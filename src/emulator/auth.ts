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

export type AuthResult =
  | { kind: 'account' }
  | { kind: 'token'; workspaceSid: string; workerSid: string; identity: string };

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
  if (colon < 0 || user !== config.accountSid || password !== config.authToken) {
    throw unauthorized('Invalid username or password');
  }
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
