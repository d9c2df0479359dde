/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { readTokenClaims } from '../../src/connection/token-claims.js';
import { scenario } from '../support/emulator.js';

const b64url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const jwt = (payload: unknown) => `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify(payload))}.c2ln`;

const WS = 'WS0123456789abcdef0123456789abcdef';
const WK = 'WK0123456789abcdef0123456789abcdef';

describe('connection/token: readTokenClaims', () => {
  it('reads the TaskRouter grant and exp of a real emulator token', async () => {
    const s = await scenario();
    const claims = readTokenClaims(s.token);
    expect(claims).to.deep.equal({
      workspaceSid: s.workspaceSid,
      workerSid: s.workerSid,
      exp: claims?.exp,
    });
    expect(claims?.exp).to.be.a('number');
    expect(claims!.exp! * 1000).to.be.greaterThan(Date.now());
  });

  it('reads a hand-made token with base64url characters and UTF-8 text', () => {
    const payload = {
      grants: { identity: 'Zoë ¿?>>>', task_router: { workspace_sid: WS, worker_sid: WK, role: 'worker' } },
      exp: 1900000000,
    };
    const token = jwt(payload);
    expect(token.split('.')[1]).to.match(/[-_]/); // exercises the base64url alphabet
    expect(readTokenClaims(token)).to.deep.equal({ workspaceSid: WS, workerSid: WK, exp: 1900000000 });
  });

  it('returns only the claims that are there, with the right types', () => {
    expect(readTokenClaims(jwt({ exp: 5 }))).to.deep.equal({ exp: 5 });
    expect(readTokenClaims(jwt({ grants: { task_router: { workspace_sid: WS } } }))).to.deep.equal({ workspaceSid: WS });
    expect(readTokenClaims(jwt({ grants: { task_router: { workspace_sid: 1, worker_sid: null } }, exp: '5' }))).to.deep.equal({});
    expect(readTokenClaims(jwt({ grants: 'x' }))).to.deep.equal({});
  });

  it('returns null for garbage and never throws', () => {
    const garbage = [
      '',
      'garbage',
      'a.b',
      `x.${b64url('{"exp":1}')}`,
      `x.${b64url('{"exp":1}')}.y.z`,
      'x.!!!.y',
      `x.${b64url('not json')}.y`,
      `x.${b64url('[1,2]')}.y`,
      `x.${b64url('null')}.y`,
      `x.${b64url('42')}.y`,
      `x.${btoa(String.fromCharCode(0xff, 0xfe, 0x7b))}.y`.replace(/=+/, ''),
      `x.a.y`,
    ];
    for (const token of garbage) expect(readTokenClaims(token), token).to.equal(null);
  });
});
