/**
 * How a request failed: an HTTP error answer, an answer that does not fit the wire contract
 * (`invalid`), no answer at all, too slow, or cancelled.
 */
export type ApiErrorKind = 'http' | 'invalid' | 'network' | 'timeout' | 'aborted';

/** Every failure of the API client, already decoded into something a person can read. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    /** HTTP status; 0 when there was no HTTP answer */
    readonly status = 0,
    /** Twilio error code (e.g. 20001), when the body carried one */
    readonly code: number | null = null,
    /** link to the error's documentation, when the body carried one */
    readonly moreInfo: string | null = null,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

/** The message of every answer that does not fit the wire contract starts with this. */
export const UNREADABLE = "The server's answer could not be read";

/** An answer (HTTP `status`) that does not fit the wire contract, and why, e.g. "reservation_status is 7". */
export const unreadable = (why: string, status = 200): ApiError => new ApiError('invalid', `${UNREADABLE}: ${why}`, status);

/** True for a call that was cancelled through its AbortSignal. */
export const isAbortError = (e: unknown): boolean =>
  e instanceof ApiError ? e.kind === 'aborted' : (e as Error | null)?.name === 'AbortError';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

function parseBody(text: string | undefined): Record<string, unknown> {
  try {
    const body: unknown = text ? JSON.parse(text) : null;
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // not JSON: the status line speaks instead
  }
  return {};
}

/**
 * Decodes a failure into an ApiError (pure; the caller reads the body).
 * - with an error `response`: Twilio's `{ code, message, more_info, status }`, the newer
 *   `{ type, title, status, code, detail }`, or the status line when the body says nothing;
 * - with a successful `response`: an answer that could not be read;
 * - without: a timeout (ky's TimeoutError), an abort (AbortError), or a network failure.
 */
export function toApiError(error: unknown, response?: Response, bodyText?: string): ApiError {
  if (error instanceof ApiError) return error;
  if (response) {
    const { status } = response;
    const line = `HTTP ${status} ${response.statusText || STATUS_TEXT[status] || ''}`.trim();
    if (response.ok) return new ApiError('invalid', `${UNREADABLE} (${line})`, status, null, null, error);
    const body = parseBody(bodyText);
    const code = typeof body.code === 'number' ? body.code : Number(str(body.code)) || null;
    const type = str(body.type);
    return new ApiError(
      'http',
      str(body.message) ?? str(body.detail) ?? str(body.title) ?? line,
      status,
      code,
      str(body.more_info) ?? (type === 'about:blank' ? undefined : type) ?? null,
      error,
    );
  }
  const name = (error as Error | null)?.name;
  if (name === 'TimeoutError') return new ApiError('timeout', 'Request timed out: the server did not answer in time', 0, null, null, error);
  if (name === 'AbortError') return new ApiError('aborted', 'Request aborted', 0, null, null, error);
  return new ApiError('network', 'Network error: could not reach the server', 0, null, null, error);
}
