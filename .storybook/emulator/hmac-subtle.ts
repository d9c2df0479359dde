/**
 * A minimal stand-in for `crypto.subtle` where the browser has none (a page over plain http
 * from a host other than localhost is not a secure context): HMAC with SHA-256 only, which
 * is all the emulator's tokens (HS256 JWTs, signed and verified by jose) need. The hashing
 * is `@noble/hashes` (audited, no dependencies). Used only by the in-page emulator of the
 * static Storybook; never by the panel.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** HMAC-SHA-256 (RFC 2104, RFC 4231) of `message` under `key`: 32 bytes. */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  return hmac(sha256, key, message);
}

const bytes = (data: BufferSource): Uint8Array =>
  data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** What `importKey` gives: shaped like WebCrypto's `CryptoKey` (jose checks its tag and algorithm). */
interface HmacKey {
  readonly [Symbol.toStringTag]: 'CryptoKey';
  readonly type: 'secret';
  readonly extractable: boolean;
  readonly algorithm: { name: 'HMAC'; hash: { name: 'SHA-256' }; length: number };
  readonly usages: KeyUsage[];
  readonly raw: Uint8Array;
}

const unsupported = () => Promise.reject(new DOMException('Only HMAC with SHA-256 is available here', 'NotSupportedError'));

/**
 * The stand-in: `importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' | { name: 'SHA-256' } }, …)`,
 * `sign` (an ArrayBuffer of 32 bytes) and `verify` (a comparison in constant time); every
 * other method, and any other algorithm or key format, rejects with `NotSupportedError`.
 */
export const hmacSubtle = {
  importKey(
    format: string,
    keyData: BufferSource,
    algorithm: { name: string; hash: string | { name: string } },
    extractable: boolean,
    usages: KeyUsage[],
  ) {
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
  sign(_algorithm: unknown, key: HmacKey, data: BufferSource): Promise<ArrayBuffer> {
    return Promise.resolve(hmacSha256(key.raw, bytes(data)).slice().buffer);
  },
  verify(_algorithm: unknown, key: HmacKey, signature: BufferSource, data: BufferSource): Promise<boolean> {
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

/** Installs the stand-in as `crypto.subtle` when the page has none. */
export function installHmacSubtle(): void {
  if (globalThis.crypto.subtle) return;
  Object.defineProperty(globalThis.crypto, 'subtle', { value: hmacSubtle, configurable: true });
}
