export { createApiClient, encodeParams, MAX_RETRY_AFTER_MS } from './client.js';
export type { ApiClientConfig, CallOptions, ListOptions, ReservationsApi, UpdateOptions, WorkerRef } from './client.js';
export { ApiError, isAbortError, toApiError } from './errors.js';
export type { ApiErrorKind } from './errors.js';
export { readTokenClaims } from './token.js';
export type { TokenClaims } from './token.js';
export * from '../wire/types.js';
