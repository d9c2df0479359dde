/**
 * Twilio-shaped errors of the emulator: `{ code, message, more_info, status }`.
 *
 * Codes chosen (Twilio's public error dictionary where it has one):
 * - 400 → 20001 invalid or missing parameter, wrong content type, refused transition
 *   (instructions on a reservation that is not pending use NOT_PENDING_CODES: 40114 call,
 *   40123 redirect, 40135 dequeue, 40136 conference)
 * - 401 → 20003 authentication failed (missing, malformed, badly signed or expired token,
 *   bad Basic credentials)
 * - 403 → 20403 the token's TaskRouter grant does not cover the URL's workspace/worker
 * - 404 → 20404 unknown workspace, worker, reservation or route
 * - 405 → 20004 method not allowed
 * - 412 → 20412 stale `If-Match` (Twilio documents no code for it; by analogy with 20404)
 * - 429 → 20429 too many requests; 500 → 20500; 503 → 20503; any other status s → 20000 + s
 */
import type { Instruction, TwilioErrorBody } from '../wire/types.js';

export type { TwilioErrorBody };

/** Twilio error codes for an instruction on a reservation that is not pending. */
export const NOT_PENDING_CODES: Readonly<Record<Instruction, number>> = {
  call: 40114,
  redirect: 40123,
  dequeue: 40135,
  conference: 40136,
};

export const ERROR_CODES = {
  invalidParameter: 20001,
  authentication: 20003,
  methodNotAllowed: 20004,
  forbidden: 20403,
  notFound: 20404,
  preconditionFailed: 20412,
  tooManyRequests: 20429,
  internal: 20500,
  unavailable: 20503,
} as const;

const CODE_BY_STATUS: Readonly<Record<number, number>> = {
  400: ERROR_CODES.invalidParameter,
  401: ERROR_CODES.authentication,
  403: ERROR_CODES.forbidden,
  404: ERROR_CODES.notFound,
  405: ERROR_CODES.methodNotAllowed,
  412: ERROR_CODES.preconditionFailed,
  429: ERROR_CODES.tooManyRequests,
  500: ERROR_CODES.internal,
  503: ERROR_CODES.unavailable,
};

const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Authenticate',
  403: 'Forbidden',
  404: 'The requested resource was not found',
  405: 'Method not allowed',
  412: 'Precondition failed',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** The Twilio error code the emulator uses for an HTTP status. */
export function codeForStatus(status: number): number {
  return CODE_BY_STATUS[status] ?? 20000 + status;
}

export function defaultMessage(status: number): string {
  return DEFAULT_MESSAGES[status] ?? `HTTP ${status}`;
}

export function errorBody(status: number, code: number, message: string): TwilioErrorBody {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

/** A refusal that becomes a Twilio error response. Thrown by handlers, caught by the app. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, message: string, code = codeForStatus(status), headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }

  toResponse(): Response {
    return errorResponse(this.status, this.code, this.message, this.headers);
  }
}

export const badRequest = (message: string, code: number = ERROR_CODES.invalidParameter) => new ApiError(400, message, code);
export const unauthorized = (message: string) => new ApiError(401, message);
export const forbidden = (message: string) => new ApiError(403, message);
export const notFound = (message = DEFAULT_MESSAGES[404]!) => new ApiError(404, message);

export function errorResponse(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(errorBody(status, code, message)), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/**
 * Thrown by the core `fetch` when a `drop` fault applies: there is no response at all.
 * The Node adapter destroys the socket; a browser-side host would make its fetch reject.
 */
export class EmulatorDropError extends Error {
  constructor(message = 'Connection dropped by an emulator fault') {
    super(message);
    this.name = 'EmulatorDropError';
  }
}
