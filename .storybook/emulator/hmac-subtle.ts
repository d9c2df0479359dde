/**
 * A minimal stand-in for `crypto.subtle` where the browser has none (a page over plain http
 * from a host other than localhost is not a secure context): HMAC with SHA-256 only, which
 * is all the emulator's tokens (HS256 JWTs) need. Used only by the in-page emulator of the
 * static Storybook; never by the panel.
 */
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** SHA-256 of `data` (FIPS 180-4). */
export function sha256(data: Uint8Array): Uint8Array {
  const bitLength = data.length * 8;
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15]!, 7) ^ rotr(w[i - 15]!, 18) ^ (w[i - 15]! >>> 3);
      const s1 = rotr(w[i - 2]!, 17) ^ rotr(w[i - 2]!, 19) ^ (w[i - 2]! >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as unknown as number[];
    for (let i = 0; i < 64; i++) {
      const t1 = (hh! + (rotr(e!, 6) ^ rotr(e!, 11) ^ rotr(e!, 25)) + ((e! & f!) ^ (~e! & g!)) + K[i]! + w[i]!) >>> 0;
      const t2 = ((rotr(a!, 2) ^ rotr(a!, 13) ^ rotr(a!, 22)) + ((a! & b!) ^ (a! & c!) ^ (b! & c!))) >>> 0;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d! + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i]! + v!) >>> 0));
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  h.forEach((v, i) => outView.setUint32(i * 4, v));
  return out;
}

/** HMAC-SHA-256 (RFC 2104). */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const inner = new Uint8Array(64 + message.length);
  const outer = new Uint8Array(64 + 32);
  for (let i = 0; i < 64; i++) {
    inner[i] = block[i]! ^ 0x36;
    outer[i] = block[i]! ^ 0x5c;
  }
  inner.set(message, 64);
  outer.set(sha256(inner), 64);
  return sha256(outer);
}

const bytes = (data: BufferSource): Uint8Array =>
  data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

interface HmacKey {
  readonly [Symbol.toStringTag]: 'CryptoKey';
  readonly type: 'secret';
  readonly extractable: boolean;
  readonly algorithm: { name: 'HMAC'; hash: { name: 'SHA-256' }; length: number };
  readonly usages: KeyUsage[];
  readonly raw: Uint8Array;
}

const unsupported = () => Promise.reject(new DOMException('Only HMAC with SHA-256 is available here', 'NotSupportedError'));

/** Installs the stand-in as `crypto.subtle` when the page has none. */
export function installHmacSubtle(): void {
  if (globalThis.crypto.subtle) return;
  const subtle = {
    importKey(format: string, keyData: BufferSource, algorithm: { name: string; hash: string | { name: string } }, extractable: boolean, usages: KeyUsage[]) {
      const hash = typeof algorithm.hash === 'string' ? algorithm.hash : algorithm.hash?.name;
      if (format !== 'raw' || algorithm.name !== 'HMAC' || hash !== 'SHA-256') return unsupported();
      const raw = bytes(keyData).slice();
      const key: HmacKey = {
        [Symbol.toStringTag]: 'CryptoKey',
        type: 'secret',
        extractable,
        algorithm: { name: 'HMAC', hash: { name: 'SHA-256' }, length: raw.length * 8 },
        usages,
        raw,
      };
      return Promise.resolve(key);
    },
    sign(_algorithm: unknown, key: HmacKey, data: BufferSource) {
      return Promise.resolve(hmacSha256(key.raw, bytes(data)).buffer);
    },
    verify(_algorithm: unknown, key: HmacKey, signature: BufferSource, data: BufferSource) {
      const expected = hmacSha256(key.raw, bytes(data));
      const given = bytes(signature);
      let diff = expected.length ^ given.length;
      for (let i = 0; i < expected.length; i++) diff |= expected[i]! ^ (given[i] ?? 0);
      return Promise.resolve(diff === 0);
    },
    encrypt: unsupported,
    decrypt: unsupported,
    digest: unsupported,
    generateKey: unsupported,
    deriveKey: unsupported,
    deriveBits: unsupported,
    exportKey: unsupported,
    wrapKey: unsupported,
    unwrapKey: unsupported,
  };
  Object.defineProperty(globalThis.crypto, 'subtle', { value: subtle, configurable: true });
}
