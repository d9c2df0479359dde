/** Helpers shared by the emulator's HTTP tests (not a test file itself). */
import { expect } from '@open-wc/testing';
import type { Reservation, TwilioErrorBody } from '../../src/wire/types.js';
import { reservationsPath, type Scenario } from '../support/emulator.js';

export const FORM = 'application/x-www-form-urlencoded';
export const HEX32 = 'a'.repeat(32);
export const CALL_SID = `CA${'0123456789abcdef'.repeat(2)}`;

/** GET the worker's reservation list (query as a string or params) with the scenario's token. */
export async function list(s: Scenario, query: string | Record<string, string> = '', auth = `Bearer ${s.token}`): Promise<Response> {
  const q = typeof query === 'string' ? query : new URLSearchParams(query).toString();
  return fetch(`${reservationsPath(s)}${q ? `?${q}` : ''}`, { headers: { authorization: auth } });
}

export async function listJson(s: Scenario, query: string | Record<string, string> = '') {
  const res = await list(s, query);
  expect(res.status, await res.clone().text()).to.equal(200);
  return (await res.json()) as { reservations: Reservation[]; meta: Record<string, unknown> };
}

export function get(s: Scenario, sid: string, auth = `Bearer ${s.token}`): Promise<Response> {
  return fetch(`${reservationsPath(s)}/${sid}`, { headers: { authorization: auth } });
}

/** POST an update; `body` as a form string or params (arrays as repeated keys). */
export function update(
  s: Scenario,
  sid: string,
  body: string | Record<string, string | string[]>,
  headers: Record<string, string> = {},
): Promise<Response> {
  let text: string;
  if (typeof body === 'string') text = body;
  else {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(body)) for (const item of Array.isArray(v) ? v : [v]) p.append(k, item);
    text = p.toString();
  }
  return fetch(`${reservationsPath(s)}/${sid}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': FORM, ...headers },
    body: text,
  });
}

/** Asserts a Twilio-shaped error body with this status and code; returns it. */
export async function expectError(res: Response, status: number, code?: number): Promise<TwilioErrorBody> {
  const text = await res.text();
  expect(res.status, text).to.equal(status);
  expect(res.headers.get('content-type')).to.match(/^application\/json/);
  const body = JSON.parse(text) as TwilioErrorBody;
  expect(body.status).to.equal(status);
  if (code !== undefined) expect(body.code).to.equal(code);
  expect(body.code).to.be.a('number');
  expect(body.message).to.be.a('string').and.not.equal('');
  expect(body.more_info).to.equal(`https://www.twilio.com/docs/errors/${body.code}`);
  return body;
}
