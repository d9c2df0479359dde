/**
 * Validation of the list query and of UpdateWorkerReservation's form body, against the
 * official spec's 52 parameters (SPEC_UPDATE_PARAMS) plus the docs' facts (DOC_ENUMS,
 * DOC_RANGES, REQUIRED_BY_INSTRUCTION). Every refusal is an ApiError 400 (code 20001)
 * whose message names the parameter.
 */
import { INSTRUCTIONS, RESERVATION_STATUSES, type Instruction, type ReservationStatus } from '../wire/types.js';
import { DOC_ENUMS, DOC_RANGES, REQUIRED_BY_INSTRUCTION } from '../wire/doc-facts.js';
import { SPEC_PAGE_SIZE, SPEC_UPDATE_PARAMS, type SpecParam } from '../wire/spec-params.generated.js';
import { badRequest } from './errors.js';
import { WORKER_SETTABLE_STATUSES, type WorkerSettableStatus } from './state.js';

const PARAMS = new Map<string, SpecParam>(SPEC_UPDATE_PARAMS.map((p) => [p.name, p]));
const PATTERNS = new Map<string, RegExp>(SPEC_UPDATE_PARAMS.filter((p) => p.pattern).map((p) => [p.name, new RegExp(p.pattern!)]));

/** Form fields by name, each with all its values in order. */
export type FormParams = Map<string, string[]>;

export type UpdateCommand =
  | { kind: 'status'; status: WorkerSettableStatus; params: FormParams }
  | { kind: 'instruction'; instruction: Instruction; accepts: boolean; params: FormParams };

const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Parses an `application/x-www-form-urlencoded` body; any other content type is refused. */
export function parseForm(contentType: string | null, body: string): FormParams {
  const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mime !== FORM_TYPE) {
    throw badRequest(`Unsupported Content-Type ${contentType ? `"${contentType}"` : '(none)'}: send ${FORM_TYPE}`);
  }
  const form: FormParams = new Map();
  for (const [name, value] of new URLSearchParams(body)) {
    const values = form.get(name);
    if (values) values.push(value);
    else form.set(name, [value]);
  }
  return form;
}

const isInteger = (v: string) => /^-?\d+$/.test(v);

function isHttpUrl(v: string): boolean {
  try {
    const url = new URL(v);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const quote = (v: string) => JSON.stringify(v);

/** Checks one value of a scalar parameter (or one item of an array parameter). */
function checkValue(p: SpecParam, value: string, itemEnum?: readonly string[]): void {
  const name = p.name;
  if (p.type === 'array') {
    if (itemEnum && !itemEnum.includes(value)) {
      throw badRequest(`Invalid value ${quote(value)} for ${name}: each item must be one of ${itemEnum.join(', ')}`);
    }
    return;
  }
  if (p.type === 'integer') {
    const range = DOC_RANGES[name];
    if (!isInteger(value)) throw badRequest(`Invalid value ${quote(value)} for ${name}: must be an integer`);
    const n = Number(value);
    if (range && (n < range.min || n > range.max)) {
      throw badRequest(`Invalid value ${quote(value)} for ${name}: must be between ${range.min} and ${range.max}`);
    }
    return;
  }
  if (p.type === 'boolean') {
    if (value !== 'true' && value !== 'false') {
      throw badRequest(`Invalid value ${quote(value)} for ${name}: must be true or false`);
    }
    return;
  }
  const allowed = p.enum ?? DOC_ENUMS[name] ?? (p.format === 'http-method' ? ['GET', 'POST'] : undefined);
  if (allowed && !allowed.includes(value)) {
    throw badRequest(`Invalid value ${quote(value)} for ${name}: must be one of ${allowed.join(', ')}`);
  }
  const pattern = PATTERNS.get(name);
  if (pattern && !pattern.test(value)) {
    throw badRequest(`Invalid value ${quote(value)} for ${name}: must match ${p.pattern}`);
  }
  if (p.minLength !== undefined && value.length < p.minLength) {
    throw badRequest(`Invalid value ${quote(value)} for ${name}: at least ${p.minLength} characters`);
  }
  if (p.maxLength !== undefined && value.length > p.maxLength) {
    throw badRequest(`Invalid value ${quote(value)} for ${name}: at most ${p.maxLength} characters`);
  }
  if (p.format === 'uri' && !isHttpUrl(value)) {
    throw badRequest(`Invalid value ${quote(value)} for ${name}: must be an absolute http or https URL`);
  }
}

/** Validates an update's form fields and tells what it asks for. */
export function validateUpdate(form: FormParams): UpdateCommand {
  for (const [name, values] of form) {
    const p = PARAMS.get(name);
    if (!p) throw badRequest(`Unknown parameter ${name}`);
    if (p.type !== 'array' && values.length > 1) {
      throw badRequest(`Parameter ${name} was given ${values.length} times; it takes one value`);
    }
    for (const v of values) checkValue(p, v, p.items?.enum);
  }
  const status = form.get('ReservationStatus')?.[0];
  const instruction = form.get('Instruction')?.[0];
  if (status !== undefined && instruction !== undefined) {
    throw badRequest('Send either ReservationStatus or Instruction, not both');
  }
  if (status === undefined && instruction === undefined) {
    throw badRequest('Missing required parameter: ReservationStatus or Instruction');
  }
  if (status !== undefined) {
    if (!(WORKER_SETTABLE_STATUSES as readonly string[]).includes(status)) {
      throw badRequest(`Invalid value ${quote(status)} for ReservationStatus: a worker can set ${WORKER_SETTABLE_STATUSES.join(', ')}`);
    }
    return { kind: 'status', status: status as WorkerSettableStatus, params: form };
  }
  const ins = instruction as Instruction;
  if (!(INSTRUCTIONS as readonly string[]).includes(ins)) {
    throw badRequest(`Invalid value ${quote(ins)} for Instruction: must be one of ${INSTRUCTIONS.join(', ')}`);
  }
  for (const required of REQUIRED_BY_INSTRUCTION[ins]) {
    const v = form.get(required)?.[0];
    if (v === undefined || v === '') {
      throw badRequest(`Missing required parameter ${required} for Instruction=${ins}`);
    }
  }
  const accepts =
    (ins === 'call' && form.get('CallAccept')?.[0] === 'true') || (ins === 'redirect' && form.get('RedirectAccept')?.[0] === 'true');
  return { kind: 'instruction', instruction: ins, accepts, params: form };
}

export const DEFAULT_PAGE_SIZE = 50;

/** The paging parameters every list takes (ListWorkerReservation, ListActivity, ListWorkerChannel, …). */
export interface PageQuery {
  pageSize: number;
  /** `Page`: the page's index as the client counts it; only echoed into `meta.page` ("simply for client state") */
  page: number;
  pageToken?: string;
}

export interface ListQuery extends PageQuery {
  status?: ReservationStatus;
}

const PAGING_PARAMS = ['PageSize', 'Page', 'PageToken'];

/**
 * Validates a list's query: only `filters` and the paging parameters, each at most once;
 * `PageSize` 1–1000 (the spec's bounds), `Page` an integer of 0 or more.
 */
export function validatePaging(search: URLSearchParams, filters: readonly string[] = []): PageQuery {
  const seen = new Set<string>();
  for (const [name] of search) {
    if (!filters.includes(name) && !PAGING_PARAMS.includes(name)) throw badRequest(`Unknown query parameter ${name}`);
    if (seen.has(name)) throw badRequest(`Query parameter ${name} was given more than once`);
    seen.add(name);
  }
  const query: PageQuery = { pageSize: DEFAULT_PAGE_SIZE, page: 0 };
  const pageSize = search.get('PageSize');
  if (pageSize !== null) {
    const n = Number(pageSize);
    if (!isInteger(pageSize) || n < SPEC_PAGE_SIZE.minimum || n > SPEC_PAGE_SIZE.maximum) {
      throw badRequest(
        `Invalid value ${quote(pageSize)} for PageSize: must be an integer between ${SPEC_PAGE_SIZE.minimum} and ${SPEC_PAGE_SIZE.maximum}`,
      );
    }
    query.pageSize = n;
  }
  const page = search.get('Page');
  if (page !== null) {
    if (!isInteger(page) || Number(page) < 0) {
      throw badRequest(`Invalid value ${quote(page)} for Page: must be an integer of 0 or more`);
    }
    query.page = Number(page);
  }
  const pageToken = search.get('PageToken');
  if (pageToken !== null) query.pageToken = pageToken;
  return query;
}

/** Validates ListWorkerReservation's (and ListTaskReservation's) `ReservationStatus`. */
export function validateStatusFilter(search: URLSearchParams): ReservationStatus | undefined {
  const status = search.get('ReservationStatus');
  if (status === null) return undefined;
  if (!(RESERVATION_STATUSES as readonly string[]).includes(status)) {
    throw badRequest(`Invalid value ${quote(status)} for ReservationStatus: must be one of ${RESERVATION_STATUSES.join(', ')}`);
  }
  return status as ReservationStatus;
}

/** Validates ListWorkerReservation's query. */
export function validateListQuery(search: URLSearchParams): ListQuery {
  const query: ListQuery = validatePaging(search, ['ReservationStatus']);
  const status = validateStatusFilter(search);
  if (status) query.status = status;
  return query;
}

/** The update parameters that name an Activity of the workspace. */
export const ACTIVITY_PARAMS = ['WorkerActivitySid', 'PostWorkActivitySid', 'DequeuePostWorkActivitySid'] as const;

/**
 * Checks the Activity SIDs of an update against the workspace: `WorkerActivitySid` (the
 * worker's activity after a reject), `PostWorkActivitySid` and `DequeuePostWorkActivitySid`
 * must name one of its Activities, else a 400 naming the parameter. The SID pattern itself
 * is checked by validateUpdate, from the spec. `resolve` finds an Activity's SID as the
 * workspace holds it (hex digits compared without case); the answer maps each parameter
 * given to that SID.
 */
export function validateActivitySids(
  form: FormParams,
  resolve: (sid: string) => string | undefined,
  workspaceSid: string,
): Map<(typeof ACTIVITY_PARAMS)[number], string> {
  const resolved = new Map<(typeof ACTIVITY_PARAMS)[number], string>();
  for (const name of ACTIVITY_PARAMS) {
    const sid = form.get(name)?.[0];
    if (sid === undefined) continue;
    const found = resolve(sid);
    if (found === undefined) {
      throw badRequest(`Invalid value ${quote(sid)} for ${name}: no such Activity in workspace ${workspaceSid}`);
    }
    resolved.set(name, found);
  }
  return resolved;
}
