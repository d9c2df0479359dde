/**
 * The `crypto.subtle` stand-in of the static Storybook's in-page emulator (where a page over
 * plain http has no WebCrypto): checked against RFC 4231's test vectors, against this
 * browser's own WebCrypto, and with jose signing an HS256 token through it as the emulator does.
 */
import { expect } from '@open-wc/testing';
import { SignJWT, jwtVerify } from 'jose';
import { hmacSha256, hmacSubtle, installHmacSubtle } from '../../.storybook/emulator/hmac-subtle.js';

const hex = (b: ArrayBuffer | Uint8Array) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
const fromHex = (s: string) => new Uint8Array(s.match(/../g)!.map((h) => parseInt(h, 16)));
const utf8 = (s: string) => new TextEncoder().encode(s);

/** RFC 4231, section 4: HMAC-SHA-256 test cases 1, 2, 3, 4, 6 and 7 (case 5 is truncated output). */
const RFC_4231: [key: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>, mac: string][] = [
  [fromHex('0b'.repeat(20)), utf8('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
  [utf8('Jefe'), utf8('what do ya want for nothing?'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
  [fromHex('aa'.repeat(20)), fromHex('dd'.repeat(50)), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
  [
    fromHex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
    fromHex('cd'.repeat(50)),
    '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  ],
  [
    fromHex('aa'.repeat(131)),
    utf8('Test Using Larger Than Block-Size Key - Hash Key First'),
    '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  ],
  [
    fromHex('aa'.repeat(131)),
    utf8(
      'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  ],
];

const HMAC = { name: 'HMAC', hash: 'SHA-256' };

describe('the crypto.subtle stand-in of the in-page emulator', () => {
  it('computes RFC 4231 HMAC-SHA-256, directly and through importKey and sign', async () => {
    for (const [key, data, mac] of RFC_4231) {
      expect(hex(hmacSha256(key, data))).to.equal(mac);
      const k = await hmacSubtle.importKey('raw', key, HMAC, false, ['sign']);
      expect(hex(await hmacSubtle.sign('HMAC', k, data))).to.equal(mac);
    }
  });

  it('signs as this browser WebCrypto does, for keys and messages of every length around the block size', async () => {
    for (const keyLength of [0, 1, 32, 63, 64, 65, 200]) {
      for (const dataLength of [0, 1, 55, 56, 63, 64, 65, 1000]) {
        const key = crypto.getRandomValues(new Uint8Array(keyLength));
        const data = crypto.getRandomValues(new Uint8Array(dataLength));
        // WebCrypto refuses an empty key; RFC 2104 pads every key with zeros to the block size, so 64 zero bytes are the same key
        const webKey = await crypto.subtle.importKey('raw', keyLength === 0 ? new Uint8Array(64) : key, HMAC, false, ['sign']);
        const expected = hex(await crypto.subtle.sign('HMAC', webKey, data));
        const k = await hmacSubtle.importKey('raw', key, { name: 'HMAC', hash: { name: 'SHA-256' } }, false, ['sign']);
        expect(hex(await hmacSubtle.sign('HMAC', k, data)), `key ${keyLength} bytes, data ${dataLength} bytes`).to.equal(expected);
      }
    }
  });

  it('reads the bytes a view points at, not its whole buffer', async () => {
    const buffer = utf8('xxJefexxwhat do ya want for nothing?xx');
    const k = await hmacSubtle.importKey('raw', buffer.subarray(2, 6), HMAC, false, ['sign']);
    const mac = await hmacSubtle.sign('HMAC', k, new DataView(buffer.buffer, 8, 28));
    expect(hex(mac)).to.equal(RFC_4231[1]![2]);
    expect(mac.byteLength).to.equal(32);
  });

  it('verifies a right signature and refuses a changed one, or one of another length', async () => {
    const [key, data, mac] = RFC_4231[0]!;
    const k = await hmacSubtle.importKey('raw', key, HMAC, false, ['verify']);
    expect(await hmacSubtle.verify('HMAC', k, fromHex(mac), data)).to.equal(true);
    const changed = fromHex(mac);
    changed[31] ^= 1;
    expect(await hmacSubtle.verify('HMAC', k, changed, data)).to.equal(false);
    expect(await hmacSubtle.verify('HMAC', k, fromHex(mac).subarray(0, 31), data)).to.equal(false);
    expect(await hmacSubtle.verify('HMAC', k, fromHex(mac + '00'), data)).to.equal(false);
  });

  it('refuses other algorithms, hashes, key formats and methods with NotSupportedError', async () => {
    const refusals = [
      hmacSubtle.importKey('raw', new Uint8Array(32), { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']),
      hmacSubtle.importKey('raw', new Uint8Array(32), { name: 'AES-GCM', hash: 'SHA-256' }, false, ['encrypt']),
      hmacSubtle.importKey('jwk', new Uint8Array(32), HMAC, false, ['sign']),
      hmacSubtle.digest(),
      hmacSubtle.encrypt(),
      hmacSubtle.generateKey(),
    ];
    for (const p of refusals) {
      const error = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(DOMException);
      expect((error as DOMException).name).to.equal('NotSupportedError');
    }
  });

  it('is installed only where the page has no crypto.subtle', () => {
    const real = crypto.subtle;
    installHmacSubtle();
    expect(crypto.subtle).to.equal(real);
  });

  it('signs an HS256 token with jose as the emulator does, which WebCrypto then verifies', async () => {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    Object.defineProperty(crypto, 'subtle', { value: hmacSubtle, configurable: true });
    let token: string;
    let verifiedByStandIn: unknown;
    try {
      expect(crypto.subtle).to.equal(hmacSubtle);
      token = await new SignJWT({ grants: { task_router: { role: 'worker' } } })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(secret);
      verifiedByStandIn = (await jwtVerify(token, secret)).payload['grants'];
    } finally {
      delete (crypto as { subtle?: unknown }).subtle;
    }
    expect(crypto.subtle).to.not.equal(hmacSubtle);
    expect(verifiedByStandIn).to.deep.equal({ task_router: { role: 'worker' } });
    const { payload } = await jwtVerify(token, secret);
    expect(payload['grants']).to.deep.equal({ task_router: { role: 'worker' } });
    // one character in the middle of the signature (the last one may be only padding bits)
    const [header, claims, signature] = token.split('.') as [string, string, string];
    const tampered = `${header}.${claims}.${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    const refused = await jwtVerify(tampered, secret).then(
      () => false,
      () => true,
    );
    expect(refused).to.equal(true);
  });
});
