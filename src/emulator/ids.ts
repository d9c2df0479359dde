/** SIDs and dates in Twilio's formats. */

let counter = 0;

function randomHex(chars: number): string {
  const bytes = new Uint8Array(Math.ceil(chars / 2));
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, chars);
}

/**
 * A new SID: two-letter prefix + 32 hex digits. The first 8 hex digits count up, so SIDs
 * made later sort after earlier ones (the list orders by date_created, then sid).
 */
export function newSid(prefix: string): string {
  counter = (counter + 1) % 0x100000000;
  return `${prefix}${counter.toString(16).padStart(8, '0')}${randomHex(24)}`;
}

/** A fixed SID for seeded (demo) data: prefix + `n` in 32 hex digits. */
export function fixedSid(prefix: string, n: number): string {
  return `${prefix}${'de30'}${n.toString(16).padStart(28, '0')}`;
}

/** A random secret string of `bytes` random bytes, hex encoded. */
export function randomSecret(bytes = 32): string {
  return randomHex(bytes * 2);
}

/** ISO 8601 in GMT without milliseconds, as Twilio writes dates: `2014-05-14T10:50:02Z`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Twilio's `date_created` granularity: whole seconds. */
export const toSeconds = (ms: number): number => Math.floor(ms / 1000);
