/**
 * Paging of the emulator's lists, as TaskRouter pages: by `PageToken` (the API's), in
 * pages of `PageSize`; `Page` is the client's own count, only echoed into `meta.page` and
 * counted on in `next_page_url` / `previous_page_url` (the spec: "The page index. This
 * value is simply for client state."). A request without a `PageToken` gets the first
 * page, whatever its `Page`.
 *
 * Items are ordered by date_created (whole seconds, as serialised), then sid. A token is
 * `PA` (the page after) or `PB` (the page before) + base64url of the boundary item's sort
 * key, so pages stay stable while items are added elsewhere in the order.
 */
import type { PageMeta } from '../wire/types.js';
import { badRequest } from './errors.js';
import type { PageQuery } from './validate.js';

export interface Pageable {
  created: number;
  sid: string;
}

type Token = { direction: 'after' | 'before'; seconds: number; sid: string };

const b64url = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const unb64url = (s: string) => atob(s.replace(/-/g, '+').replace(/_/g, '/'));

function encodeToken(direction: Token['direction'], item: Pageable): string {
  return `${direction === 'after' ? 'PA' : 'PB'}${b64url(`${Math.floor(item.created / 1000)}.${item.sid}`)}`;
}

function decodeToken(token: string): Token {
  const m = /^(PA|PB)([A-Za-z0-9_-]+)$/.exec(token);
  let decoded = '';
  try {
    decoded = m ? unb64url(m[2]!) : '';
  } catch {
    /* refused below */
  }
  const k = /^(\d+)\.([A-Z]{2}[0-9a-fA-F]{32})$/.exec(decoded);
  if (!m || !k) throw badRequest(`Invalid value ${JSON.stringify(token)} for PageToken`);
  return { direction: m[1] === 'PA' ? 'after' : 'before', seconds: Number(k[1]), sid: k[2]! };
}

function compareToKey(item: Pageable, t: Token): number {
  const s = Math.floor(item.created / 1000);
  return s !== t.seconds ? s - t.seconds : item.sid < t.sid ? -1 : item.sid > t.sid ? 1 : 0;
}

function pageUrl(listUrl: string, filters: ReadonlyArray<readonly [string, string]>, q: PageQuery, page: number, token?: string) {
  const params = new URLSearchParams();
  for (const [name, value] of filters) params.set(name, value);
  params.set('PageSize', String(q.pageSize));
  params.set('Page', String(page));
  if (token) params.set('PageToken', token);
  return `${listUrl}?${params}`;
}

/**
 * One page of `all` (already filtered and sorted by compareByCreated) and its `meta`.
 * `filters` are the list's own query parameters, kept on every page URL.
 */
export function paginate<T extends Pageable, K extends string>(
  all: readonly T[],
  q: PageQuery,
  listUrl: string,
  key: K,
  filters: ReadonlyArray<readonly [string, string]> = [],
): { items: T[]; meta: PageMeta<K> } {
  let start = 0;
  if (q.pageToken) {
    const token = decodeToken(q.pageToken);
    if (token.direction === 'after') {
      start = all.findIndex((item) => compareToKey(item, token) > 0);
      if (start < 0) start = all.length;
    } else {
      let end = all.findIndex((item) => compareToKey(item, token) >= 0);
      if (end < 0) end = all.length;
      start = Math.max(0, end - q.pageSize);
    }
  }
  const items = all.slice(start, start + q.pageSize);
  const first = items[0];
  const last = items[items.length - 1];
  const hasNext = start + items.length < all.length && last !== undefined;
  const hasPrevious = start > 0 && first !== undefined;
  return {
    items,
    meta: {
      page: q.page,
      page_size: q.pageSize,
      first_page_url: pageUrl(listUrl, filters, q, 0),
      previous_page_url: hasPrevious ? pageUrl(listUrl, filters, q, Math.max(0, q.page - 1), encodeToken('before', first)) : null,
      url: pageUrl(listUrl, filters, q, q.page, q.pageToken),
      next_page_url: hasNext ? pageUrl(listUrl, filters, q, q.page + 1, encodeToken('after', last)) : null,
      key,
    },
  };
}

/**
 * A weak ETag for a page: FNV-1a (32 bit) over its items' `sid:version`, so it changes
 * whenever an item on the page is added, removed or changed. `W/"…"` (weak: it names the
 * page's content, not a representation byte for byte).
 */
export function pageEtag(items: ReadonlyArray<{ sid: string; version: number }>): string {
  let h = 0x811c9dc5;
  for (const item of items) {
    for (const ch of `${item.sid}:${item.version};`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return `W/"${items.length}-${h.toString(16).padStart(8, '0')}"`;
}
