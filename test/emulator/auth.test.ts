import { expect } from '@open-wc/testing';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { API_BASE, basicAuth, reservationsPath, scenario, token, type Scenario } from '../support/emulator.js';
import { expectError, get, list } from './helpers.js';

const b64url = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const unb64url = (s: string) => atob(s.replace(/-/g, '+').replace(/_/g, '/'));

describe('emulator: authentication', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario({ reservations: [{}, { worker: 'other' }] });
  });

  it('issues Twilio-shaped access tokens with a TaskRouter worker grant', () => {
    expect(decodeProtectedHeader(s.token)).to.deep.equal({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
    const claims = decodeJwt(s.token) as Record<string, unknown> & { grants: Record<string, unknown> };
    expect(claims['iss']).to.match(/^SK[0-9a-f]{32}$/);
    expect(claims['sub']).to.equal(s.accountSid);
    expect(claims['jti']).to.be.a('string');
    expect((claims['exp'] as number) - (claims['iat'] as number)).to.equal(3600);
    expect(claims.grants['identity']).to.equal(s.workerName);
    expect(claims.grants['task_router']).to.deep.equal({ workspace_sid: s.workspaceSid, worker_sid: s.workerSid, role: 'worker' });
  });

  it('accepts the scenario token', async () => {
    expect((await list(s)).status).to.equal(200);
    expect((await get(s, s.reservations[0]!.sid)).status).to.equal(200);
  });

  it('answers 401 without an Authorization header', async () => {
    const res = await fetch(reservationsPath(s));
    await expectError(res, 401, 20003);
  });

  for (const header of ['Bearer', 'Bearer not-a-jwt', 'Bearer a.b.c', 'Token abc', 'Bearer x y']) {
    it(`answers 401 to the malformed header "${header}"`, async () => {
      await expectError(await list(s, '', header), 401, 20003);
    });
  }

  it('answers 401 to a token whose payload was changed (signature no longer matches)', async () => {
    const [h, p, sig] = s.token.split('.') as [string, string, string];
    const claims = JSON.parse(unb64url(p)) as { grants: { task_router: { worker_sid: string } } };
    claims.grants.task_router.worker_sid = s.otherWorkerSid;
    const forged = `${h}.${b64url(JSON.stringify(claims))}.${sig}`;
    const otherList = `${API_BASE}/Workspaces/${s.workspaceSid}/Workers/${s.otherWorkerSid}/Reservations`;
    const err = await expectError(await fetch(otherList, { headers: { authorization: `Bearer ${forged}` } }), 401, 20003);
    expect(err.message).to.match(/signature/i);
  });

  it('answers 401 to a token with a damaged signature', async () => {
    const [h, p, sig] = s.token.split('.') as [string, string, string];
    const flipped = sig[5] === 'A' ? 'B' : 'A';
    const damaged = `${h}.${p}.${sig.slice(0, 5)}${flipped}${sig.slice(6)}`;
    await expectError(await list(s, '', `Bearer ${damaged}`), 401, 20003);
  });

  it('answers 401 to a token signed with another key', async () => {
    const claims = decodeJwt(s.token);
    const foreign = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' })
      .sign(new TextEncoder().encode('not the emulator secret, long enough for HS256'));
    await expectError(await list(s, '', `Bearer ${foreign}`), 401, 20003);
  });

  it('answers 401 to an unsigned (alg none) token', async () => {
    const [, p] = s.token.split('.') as [string, string];
    const unsigned = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${p}.`;
    await expectError(await list(s, '', `Bearer ${unsigned}`), 401, 20003);
  });

  it('answers 401 to an expired token, and accepts a fresh one', async () => {
    const expired = await token(s.workspaceSid, s.workerSid, -10);
    const err = await expectError(await list(s, '', `Bearer ${expired}`), 401, 20003);
    expect(err.message).to.match(/expired/i);
    const fresh = await token(s.workspaceSid, s.workerSid, 60);
    expect((await list(s, '', `Bearer ${fresh}`)).status).to.equal(200);
  });

  it('answers 401 to an expired token on an update too', async () => {
    const expired = await token(s.workspaceSid, s.workerSid, -1);
    const res = await fetch(`${reservationsPath(s)}/${s.reservations[0]!.sid}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${expired}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ReservationStatus=accepted',
    });
    await expectError(res, 401, 20003);
  });

  it("answers 403 for another worker's reservations", async () => {
    const otherList = `${API_BASE}/Workspaces/${s.workspaceSid}/Workers/${s.otherWorkerSid}/Reservations`;
    const auth = { authorization: `Bearer ${s.token}` };
    await expectError(await fetch(otherList, { headers: auth }), 403, 20403);
    await expectError(await fetch(`${otherList}/${s.reservations[1]!.sid}`, { headers: auth }), 403, 20403);
    const post = await fetch(`${otherList}/${s.reservations[1]!.sid}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ReservationStatus=accepted',
    });
    await expectError(post, 403, 20403);
    // the other worker's own token does reach them
    expect((await fetch(otherList, { headers: { authorization: `Bearer ${s.otherWorkerToken}` } })).status).to.equal(200);
  });

  it("answers 403 for another workspace's reservations", async () => {
    const t = await scenario({ reservations: [{}] });
    const res = await fetch(`${reservationsPath(t)}/${t.reservations[0]!.sid}`, { headers: { authorization: `Bearer ${s.token}` } });
    await expectError(res, 403, 20403);
    await expectError(await list(t, '', `Bearer ${s.token}`), 403, 20403);
  });

  it('accepts HTTP Basic with the account credentials, for any worker', async () => {
    expect((await list(s, '', basicAuth(s))).status).to.equal(200);
    const otherList = `${API_BASE}/Workspaces/${s.workspaceSid}/Workers/${s.otherWorkerSid}/Reservations`;
    const res = await fetch(otherList, { headers: { authorization: basicAuth(s) } });
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { reservations: { sid: string }[] };
    expect(body.reservations.map((r) => r.sid)).to.deep.equal([s.reservations[1]!.sid]);
  });

  it('refuses bad Basic credentials with 401', async () => {
    await expectError(await list(s, '', basicAuth({ accountSid: s.accountSid, authToken: 'wrong' })), 401, 20003);
    await expectError(await list(s, '', basicAuth({ accountSid: `AC${'0'.repeat(32)}`, authToken: s.authToken })), 401, 20003);
    await expectError(await list(s, '', 'Basic %%%'), 401, 20003);
  });
});

describe('emulator: CORS and common headers', () => {
  it('answers a preflight with 204 and the allowed headers and methods', async () => {
    const res = await fetch(`${API_BASE}/Workspaces/WS${'0'.repeat(32)}/Workers/WK${'0'.repeat(32)}/Reservations`, {
      method: 'OPTIONS',
    });
    expect(res.status).to.equal(204);
    expect(res.headers.get('access-control-allow-origin')).to.be.oneOf([location.origin, '*']);
    const allowHeaders = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    expect(allowHeaders).to.include.members(['authorization', 'content-type', 'if-match']);
    const methods = (res.headers.get('access-control-allow-methods') ?? '').split(/\s*,\s*/);
    expect(methods).to.include.members(['GET', 'POST']);
  });

  it('works cross-origin: preflight, bearer token, If-Match, and an exposed ETag', async () => {
    // the same server under another host name is another origin
    const otherHost = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const s = await scenario({ reservations: [{}] });
    const listUrl = `${location.protocol}//${otherHost}:${location.port}${reservationsPath(s)}`;
    const res = await fetch(listUrl, { headers: { authorization: `Bearer ${s.token}` } });
    // a missing or wrong Access-Control-Allow-Origin would make fetch reject; the ETag
    // is readable only because it is in Access-Control-Expose-Headers
    expect(res.status).to.equal(200);
    expect(res.headers.get('etag')).to.match(/^W\/"/);
    const post = await fetch(`${listUrl}/${s.reservations[0]!.sid}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/x-www-form-urlencoded', 'if-match': '"1"' },
      body: 'ReservationStatus=accepted',
    });
    expect(post.status).to.equal(200);
    expect(((await post.json()) as { reservation_status: string }).reservation_status).to.equal('accepted');
  });

  it('exposes ETag, Retry-After and Date, and sends Date on every response', async () => {
    const s = await scenario({ reservations: [{}] });
    for (const res of [await list(s), await fetch(reservationsPath(s)), await get(s, `WR${'0'.repeat(32)}`)]) {
      const expose = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/\s*,\s*/);
      expect(expose).to.include.members(['etag', 'retry-after', 'date']);
      expect(res.headers.get('access-control-allow-origin')).to.be.a('string');
      const date = res.headers.get('date');
      expect(date).to.be.a('string');
      expect(Math.abs(Date.parse(date!) - Date.now())).to.be.below(60_000);
    }
  });
});

describe('emulator: HTTP Basic with the API key (as twilio-node sends it)', () => {
  it('accepts the API key SID and its secret, for any worker; refuses a wrong pairing', async () => {
    const s = await scenario({ reservations: [{}, { worker: 'other' }] });
    expect(s.apiKeySid).to.match(/^SK[0-9a-f]{32}$/);
    expect((decodeJwt(s.token) as { iss: string }).iss, 'the key that signs the tokens').to.equal(s.apiKeySid);
    const apiKey = `Basic ${btoa(`${s.apiKeySid}:${s.apiKeySecret}`)}`;
    expect((await list(s, '', apiKey)).status).to.equal(200);
    const otherList = `${API_BASE}/Workspaces/${s.workspaceSid}/Workers/${s.otherWorkerSid}/Reservations`;
    expect((await fetch(otherList, { headers: { authorization: apiKey } })).status).to.equal(200);
    const task = `${API_BASE}/Workspaces/${s.workspaceSid}/Tasks/${s.reservations[1]!.task_sid}`;
    expect((await fetch(task, { headers: { authorization: apiKey } })).status).to.equal(200);
    for (const [user, password] of [
      [s.apiKeySid, s.authToken],
      [s.apiKeySid, 'wrong'],
      [s.accountSid, s.apiKeySecret],
      [`SK${'0'.repeat(32)}`, s.apiKeySecret],
    ]) {
      await expectError(await list(s, '', `Basic ${btoa(`${user}:${password}`)}`), 401, 20003);
    }
  });
});

describe('emulator: token identity and worker names', () => {
  const identityOf = (token: string) => (decodeJwt(token) as { grants: { identity: string } }).grants.identity;

  it('puts a worker name of up to 121 characters in the identity, and the worker SID for a longer one', async () => {
    const fits = 'م'.repeat(121);
    const a = await scenario({ workerName: fits });
    expect(identityOf(a.token)).to.equal(fits);
    const long = `${'Ada '.repeat(40)}Lovelace`; // 168 characters
    const b = await scenario({ workerName: long, reservations: [{}] });
    expect(b.workerName).to.equal(long);
    expect(identityOf(b.token)).to.equal(b.workerSid);
    const { reservations } = (await (await list(b)).json()) as { reservations: { worker_name: string }[] };
    expect(reservations[0]!.worker_name, 'the name itself is served in full').to.equal(long);
  });

  it('keeps every request working with a 1,000-character worker name in four-byte characters', async () => {
    const name = '😀'.repeat(1000);
    const s = await scenario({ workerName: name, reservations: [{}] });
    expect([...s.workerName]).to.have.length(1000);
    const res = await list(s);
    expect(res.status, 'no 431: the name is not in the token').to.equal(200);
    expect((await get(s, s.reservations[0]!.sid)).status).to.equal(200);
  });

  it('refuses a worker name over 1,000 characters, an empty one, and an identity over 121 characters, with a 400', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`/emulator/__control${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const tooLong = await expectError(await post('/scenario', { workerName: 'x'.repeat(1001) }), 400, 20001);
    expect(tooLong.message).to.contain('workerName').and.contain('1000');
    await expectError(await post('/scenario', { workerName: '' }), 400, 20001);
    const s = await scenario();
    const identity = await expectError(
      await post('/token', { workspaceSid: s.workspaceSid, workerSid: s.workerSid, identity: 'i'.repeat(122) }),
      400,
      20001,
    );
    expect(identity.message).to.contain('identity').and.contain('121');
    const ok = (await (
      await post('/token', { workspaceSid: s.workspaceSid, workerSid: s.workerSid, identity: 'i'.repeat(121) })
    ).json()) as {
      token: string;
    };
    expect(identityOf(ok.token)).to.have.length(121);
  });
});
