// @ts-check
/**
 * A reference proxy between `<reservation-panel>` and Twilio TaskRouter.
 *
 * The browser sends `Authorization: Bearer <Access Token>`; the proxy checks the token
 * (signature, `exp`, the `grants.task_router` workspace and worker), lets a worker reach
 * only its own Worker Reservations, and forwards the request to TaskRouter with HTTP Basic
 * `accountSid:authToken`, which never leave the server. Everything else is refused with a
 * Twilio-shaped JSON error `{ code, message, more_info, status }`.
 *
 * Routes (under `basePath`, `/v1` by default), for the token's own workspace {WS} and worker {WK}:
 *   GET        /Workspaces/{WS}/Workers/{WK}/Reservations[?ReservationStatus=&PageSize=&PageToken=]
 *   GET, POST  /Workspaces/{WS}/Workers/{WK}/Reservations/{WR}
 *   GET        /Workspaces/{WS}/Workers/{WK}                     the worker itself (FetchWorker)
 *   GET        /Workspaces/{WS}/Activities[?FriendlyName=&Available=&PageSize=&PageToken=]
 *   GET        /Workspaces/{WS}/Tasks/{WT}                       a task the worker holds a reservation for
 *
 * TaskRouter answers FetchTask for any task of the workspace to the proxy's account
 * credentials, so before forwarding it the proxy asks TaskRouter whether the worker holds a
 * reservation for that task, with one request that returns at most one reservation:
 * `GET /Workspaces/{WS}/Tasks/{WT}/Reservations?WorkerSid={WK}&PageSize=1`
 * (ListTaskReservation, filtered by worker). None, or an unknown task, is a 403 — the same
 * answer either way, so a worker cannot learn which tasks exist.
 *
 * Runs on Node 20+ (and any runtime with the Fetch API and WebCrypto): `createProxy()`
 * returns a Fetch handler (`Request` → `Response`) and a Node request listener.
 */
import { getRequestListener } from '@hono/node-server';
import { errors as joseErrors, jwtVerify } from 'jose';

/**
 * @typedef {Record<string, unknown>} Claims  the verified JWT payload
 * @typedef {(token: string) => Promise<Claims>} VerifyToken
 *   resolves to the token's claims, rejects when the token is not acceptable
 * @typedef {{ method: string, path: string, status: number, durationMs: number,
 *   workspaceSid?: string, workerSid?: string, upstreamStatus?: number, reason?: string }} LogEntry
 *   one line per request; never holds the token, the credentials or a body
 *
 * @typedef {object} ProxyOptions
 * @property {string} upstream TaskRouter's API root, e.g. `https://taskrouter.twilio.com/v1`
 * @property {string} accountSid the Twilio account SID (`AC…`): the HTTP Basic user upstream
 *   (unless `apiKey` is given) and the `sub` the tokens must carry
 * @property {string} [authToken] the account's auth token, the HTTP Basic password upstream;
 *   not needed with `apiKey`
 * @property {{ sid: string, secret: string }} [apiKey] a Twilio API key (`SK…` and its
 *   secret) to use upstream instead of the account's credentials (it can be revoked alone)
 * @property {VerifyToken} [verifyToken] checks a bearer token; by default
 *   {@link hs256Verifier} with `signingSecret`
 * @property {string} [signingSecret] the HS256 key the tokens are signed with (for a Twilio
 *   Access Token: the API key's secret); needed when `verifyToken` is not given
 * @property {string} [tokenIssuer] required `iss` of the tokens (for a Twilio Access Token:
 *   the API key SID, `SK…`); not checked when absent
 * @property {string} [tokenSubject] required `sub` of the tokens; the default verifier uses
 *   `accountSid` (a Twilio Access Token's `sub` is the account SID)
 * @property {string[]} [allowedOrigins] exact browser origins (`https://crm.example.com`)
 *   allowed to call the proxy; `['*']` allows any. Requests that carry another `Origin`
 *   are refused. Default: none (server-to-server only)
 * @property {number} [timeoutMs] upstream timeout, answered with 504 (default 10000)
 * @property {number} [maxBodyBytes] largest request body accepted, else 413 (default 16384)
 * @property {string} [basePath] the proxy's own path prefix (default `/v1`)
 * @property {(entry: LogEntry) => void} [log] called once per request
 * @property {typeof fetch} [fetch] the fetch used upstream (default: the global one)
 */

export const DEFAULT_UPSTREAM = 'https://taskrouter.twilio.com/v1';
export const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, If-Match';
export const CORS_EXPOSE_HEADERS = 'ETag, Retry-After, Date';
const PASSED_BACK = ['content-type', 'etag', 'retry-after', 'date'];
const FORM_TYPE = 'application/x-www-form-urlencoded';
const MAX_TOKEN_LENGTH = 8192;
const SID = (prefix) => `(${prefix}[0-9a-fA-F]{32})`;
/**
 * The routes a worker may use: a path pattern (its groups: the workspace, then the worker
 * or task), the methods, and how the URL's SIDs must relate to the token's grant.
 * @typedef {{ name: string, pattern: RegExp, methods: string[], needsWorker: boolean }} Route
 * @type {Route[]}
 */
const ROUTES = [
  {
    name: 'reservations',
    pattern: new RegExp(`^/Workspaces/${SID('WS')}/Workers/${SID('WK')}/Reservations$`),
    methods: ['GET'],
    needsWorker: true,
  },
  {
    name: 'reservation',
    pattern: new RegExp(`^/Workspaces/${SID('WS')}/Workers/${SID('WK')}/Reservations/${SID('WR')}$`),
    methods: ['GET', 'POST'],
    needsWorker: true,
  },
  { name: 'worker', pattern: new RegExp(`^/Workspaces/${SID('WS')}/Workers/${SID('WK')}$`), methods: ['GET'], needsWorker: true },
  { name: 'activities', pattern: new RegExp(`^/Workspaces/${SID('WS')}/Activities$`), methods: ['GET'], needsWorker: false },
  { name: 'task', pattern: new RegExp(`^/Workspaces/${SID('WS')}/Tasks/${SID('WT')}$`), methods: ['GET'], needsWorker: false },
];

/** Twilio's code for an HTTP status, as the emulator uses them (20000 + status otherwise). */
const CODES = /** @type {Record<number, number>} */ ({
  400: 20001,
  401: 20003,
  403: 20403,
  404: 20404,
  405: 20004,
  500: 20500,
  503: 20503,
});
const codeFor = (/** @type {number} */ status) => CODES[status] ?? 20000 + status;

/** A refusal that becomes a Twilio-shaped error response. */
class ProxyError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {Record<string, string>} [headers]
   * @param {string} [reason] for the log only
   */
  constructor(status, message, headers = {}, reason) {
    super(message);
    this.status = status;
    this.headers = headers;
    this.reason = reason;
  }
}

/**
 * @param {number} status
 * @param {string} message
 * @param {Record<string, string>} [headers]
 */
export function twilioError(status, message, headers = {}) {
  const code = codeFor(status);
  const body = { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/**
 * The default token check: an HS256 JWT (a Twilio Access Token is one), signed with
 * `secret`, with an `exp` in the future, and the given `iss`/`sub` when they are set.
 * @param {{ secret: string, issuer?: string, subject?: string, clockToleranceSeconds?: number }} options
 * @returns {VerifyToken}
 */
export function hs256Verifier({ secret, issuer, subject, clockToleranceSeconds = 0 }) {
  if (!secret) throw new TypeError('hs256Verifier: a signing secret is required');
  const key = new TextEncoder().encode(secret);
  return async (token) => {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer,
      subject,
      requiredClaims: ['exp'],
      clockTolerance: clockToleranceSeconds,
    });
    return /** @type {Claims} */ (payload);
  };
}

/**
 * The TaskRouter grant of verified claims, or undefined.
 * @param {Claims} claims
 */
export function taskRouterGrant(claims) {
  const grants = /** @type {{ task_router?: Record<string, unknown> } | undefined} */ (claims['grants']);
  const workspaceSid = grants?.task_router?.['workspace_sid'];
  const workerSid = grants?.task_router?.['worker_sid'];
  if (typeof workspaceSid !== 'string' || typeof workerSid !== 'string') return undefined;
  return { workspaceSid, workerSid };
}

/** @param {string} origin */
const normaliseOrigin = (origin) => origin.trim().replace(/\/+$/, '').toLowerCase();

/**
 * @param {ProxyOptions} options
 * @returns {{ fetch: (request: Request) => Promise<Response>,
 *   listener: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void }}
 */
export function createProxy(options) {
  const upstream = new URL(options.upstream ?? DEFAULT_UPSTREAM).href.replace(/\/+$/, '');
  const { accountSid, authToken, apiKey } = options;
  if (!accountSid) throw new TypeError('createProxy: accountSid is required');
  const [user, password] = apiKey ? [apiKey.sid, apiKey.secret] : [accountSid, authToken];
  if (!user || !password) throw new TypeError('createProxy: give authToken, or apiKey { sid, secret }');
  const verifyToken =
    options.verifyToken ??
    (options.signingSecret
      ? hs256Verifier({ secret: options.signingSecret, issuer: options.tokenIssuer, subject: options.tokenSubject ?? accountSid })
      : undefined);
  if (!verifyToken) throw new TypeError('createProxy: give verifyToken or signingSecret');
  const basePath = `/${(options.basePath ?? '/v1').replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
  const origins = new Set((options.allowedOrigins ?? []).map(normaliseOrigin));
  const anyOrigin = origins.has('*');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBodyBytes = options.maxBodyBytes ?? 16_384;
  const upstreamFetch = options.fetch ?? globalThis.fetch;
  const basic = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const log = options.log ?? (() => {});

  /** @param {string | null} origin */
  const originAllowed = (origin) => origin !== null && (anyOrigin || origins.has(normaliseOrigin(origin)));

  /** @param {string | null} origin @returns {Record<string, string>} */
  const corsHeaders = (origin) =>
    originAllowed(origin)
      ? {
          'access-control-allow-origin': /** @type {string} */ (origin),
          'access-control-expose-headers': CORS_EXPOSE_HEADERS,
          vary: 'Origin',
        }
      : { vary: 'Origin' };

  /** @param {Request} request */
  async function bearerClaims(request) {
    const header = request.headers.get('authorization');
    const challenge = { 'www-authenticate': 'Bearer realm="taskrouter"' };
    if (!header) throw new ProxyError(401, 'Authentication required: send Authorization: Bearer <token>', challenge, 'no token');
    const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
    if (!match || match[1].length > MAX_TOKEN_LENGTH) {
      throw new ProxyError(401, 'Malformed Authorization header: expected a bearer token', challenge, 'malformed token');
    }
    const invalid = { 'www-authenticate': 'Bearer realm="taskrouter", error="invalid_token"' };
    try {
      return await verifyToken(match[1]);
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) {
        throw new ProxyError(401, 'Access Token expired or expiration date invalid', invalid, 'expired token');
      }
      throw new ProxyError(401, 'Invalid Access Token', invalid, `invalid token (${e instanceof Error ? e.name : 'error'})`);
    }
  }

  /** Reads a request body, refusing more than maxBodyBytes. @param {Request} request */
  async function readBody(request) {
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (declared > maxBodyBytes) throw new ProxyError(413, `Request body larger than ${maxBodyBytes} bytes`);
    if (!request.body) return new Uint8Array(0);
    const chunks = [];
    let size = 0;
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBodyBytes) {
        await reader.cancel().catch(() => {});
        throw new ProxyError(413, `Request body larger than ${maxBodyBytes} bytes`);
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks);
  }

  /**
   * @param {Request} request
   * @param {URL} url
   * @param {LogEntry} entry
   */
  async function route(request, url, entry) {
    const origin = request.headers.get('origin');
    // A browser page from another origin gets nothing, not even the upstream's side effects.
    if (origin !== null && !originAllowed(origin)) throw new ProxyError(403, `Origin ${origin} is not allowed`, {}, 'origin');

    // Preflights are answered on every path, so that a page can read the JSON error of any answer.
    if (request.method === 'OPTIONS' && origin !== null) {
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': CORS_ALLOW_HEADERS,
          'access-control-max-age': '600',
        },
      });
    }
    const inBase = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
    const path = inBase ? url.pathname.slice(basePath.length) : '';
    /** @type {Route | undefined} */
    let matched;
    /** @type {string[]} */
    let sids = [];
    for (const r of inBase ? ROUTES : []) {
      const m = r.pattern.exec(path);
      if (m) {
        matched = r;
        sids = m.slice(1);
        break;
      }
    }
    if (!matched) throw new ProxyError(404, 'The requested resource was not found', {}, 'no route');
    const [workspaceSid, second] = /** @type {[string, string | undefined]} */ (/** @type {unknown} */ (sids));
    if (!matched.methods.includes(request.method)) {
      const allow = matched.methods.join(', ');
      throw new ProxyError(405, `Method not allowed; use ${allow}`, { allow }, 'method');
    }

    const grant = taskRouterGrant(await bearerClaims(request));
    if (!grant) throw new ProxyError(403, 'Access Token has no TaskRouter grant', {}, 'no grant');
    entry.workspaceSid = grant.workspaceSid;
    entry.workerSid = grant.workerSid;
    if (grant.workspaceSid !== workspaceSid || (matched.needsWorker && grant.workerSid !== second)) {
      throw new ProxyError(403, 'Access Token does not grant access to this workspace and worker', {}, 'foreign worker');
    }

    /** @type {Record<string, string>} */
    const headers = { authorization: basic, accept: 'application/json', 'user-agent': 'reservation-panel-proxy' };
    /** @type {Uint8Array | undefined} */
    let body;
    if (request.method === 'POST') {
      const type = request.headers.get('content-type') ?? '';
      if (type.split(';')[0].trim().toLowerCase() !== FORM_TYPE) {
        throw new ProxyError(415, `Content-Type must be ${FORM_TYPE}`, {}, 'content type');
      }
      headers['content-type'] = type;
      body = await readBody(request);
    }
    const ifMatch = request.headers.get('if-match');
    if (ifMatch !== null) headers['if-match'] = ifMatch;

    if (matched.name === 'task') {
      const held = await holdsReservation(workspaceSid, /** @type {string} */ (second), grant.workerSid, entry);
      if (held instanceof Response) return held;
      if (!held) {
        throw new ProxyError(403, 'Access Token does not grant access to this task', {}, 'task not held');
      }
    }
    const { response, payload } = await upstreamRequest(`${upstream}${path}${url.search}`, request.method, headers, body, entry);
    return passBack(response, payload);
  }

  /**
   * Sends one request upstream, within `timeoutMs`; a 401, 403 or redirect from TaskRouter
   * is the proxy's problem (502), never the worker's.
   * @param {string} target
   * @param {string} method
   * @param {Record<string, string>} headers
   * @param {Uint8Array | undefined} body
   * @param {LogEntry} entry
   */
  async function upstreamRequest(target, method, headers, body, entry) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    /** @type {Response} */
    let response;
    /** @type {ArrayBuffer} */
    let payload;
    try {
      response = await upstreamFetch(target, { method, headers, body, signal: controller.signal, redirect: 'manual' });
      payload = await response.arrayBuffer();
    } catch (e) {
      if (controller.signal.aborted) throw new ProxyError(504, 'TaskRouter did not answer in time', {}, 'upstream timeout');
      throw new ProxyError(
        502,
        'TaskRouter could not be reached',
        {},
        `upstream unreachable (${e instanceof Error ? e.message : 'error'})`,
      );
    } finally {
      clearTimeout(timer);
    }
    entry.upstreamStatus = response.status;
    if (response.status === 401 || response.status === 403 || (response.status >= 300 && response.status < 400)) {
      // The proxy's own credentials were refused (or TaskRouter answered oddly): not the worker's fault,
      // and a 401 passed on would make the panel throw its token away.
      throw new ProxyError(502, 'TaskRouter refused the proxy', {}, `upstream ${response.status}`);
    }
    return { response, payload };
  }

  /**
   * TaskRouter's answer as the browser gets it: status, body and the PASSED_BACK headers only.
   * @param {Response} response
   * @param {ArrayBuffer} payload
   */
  function passBack(response, payload) {
    /** @type {Record<string, string>} */
    const back = { 'cache-control': 'no-store' };
    for (const name of PASSED_BACK) {
      const value = response.headers.get(name);
      if (value !== null) back[name] = value;
    }
    return new Response(response.status === 204 || response.status === 304 ? null : payload, { status: response.status, headers: back });
  }

  /**
   * Whether the worker holds a reservation (of any status) for the task: one upstream
   * ListTaskReservation filtered by WorkerSid, one item at most. An unknown task (404) holds
   * none. Any other refusal from TaskRouter (429, 5xx) is answered to the browser as it is.
   * @param {string} workspaceSid
   * @param {string} taskSid
   * @param {string} workerSid
   * @param {LogEntry} entry
   * @returns {Promise<boolean | Response>}
   */
  async function holdsReservation(workspaceSid, taskSid, workerSid, entry) {
    const query = new URLSearchParams({ WorkerSid: workerSid, PageSize: '1' });
    const target = `${upstream}/Workspaces/${workspaceSid}/Tasks/${taskSid}/Reservations?${query}`;
    const headers = { authorization: basic, accept: 'application/json', 'user-agent': 'reservation-panel-proxy' };
    const { response, payload } = await upstreamRequest(target, 'GET', headers, undefined, entry);
    if (response.status === 404) return false;
    if (response.status !== 200) return passBack(response, payload);
    try {
      const page = JSON.parse(new TextDecoder().decode(payload));
      return (
        Array.isArray(page?.reservations) &&
        page.reservations.some((/** @type {{ worker_sid?: string }} */ r) => r?.worker_sid === workerSid)
      );
    } catch {
      throw new ProxyError(502, 'TaskRouter answered with something that is not JSON', {}, 'upstream not JSON');
    }
  }

  /** @param {Request} request */
  async function handle(request) {
    const started = Date.now();
    const url = new URL(request.url);
    /** @type {LogEntry} */
    const entry = { method: request.method, path: url.pathname, status: 0, durationMs: 0 };
    /** @type {Response} */
    let response;
    try {
      response = await route(request, url, entry);
    } catch (e) {
      if (e instanceof ProxyError) {
        entry.reason = e.reason;
        response = twilioError(e.status, e.message, e.headers);
      } else {
        entry.reason = `internal error (${e instanceof Error ? e.name : 'error'})`;
        response = twilioError(500, 'Internal proxy error');
      }
    }
    for (const [k, v] of Object.entries(corsHeaders(request.headers.get('origin')))) response.headers.set(k, v);
    response.headers.set('x-content-type-options', 'nosniff');
    entry.status = response.status;
    entry.durationMs = Date.now() - started;
    try {
      log(entry);
    } catch {
      /* a failing logger never fails a request */
    }
    return response;
  }

  return {
    fetch: handle,
    listener: getRequestListener(handle, { overrideGlobalObjects: false }),
  };
}
