/** Helpers for element tests: mount a panel with listeners attached before it connects. */
import { fixtureCleanup } from '@open-wc/testing';
import { RESERVATION_EVENT_NAMES } from '../../src/index.js';
import type { ReservationPanel } from '../../src/index.js';

export type RecordedEvent = { type: string; detail: any };

export interface Mounted {
  el: ReservationPanel;
  events: RecordedEvent[];
  of(type: (typeof RESERVATION_EVENT_NAMES)[number]): any[];
}

const mounted = new Set<HTMLElement>();
afterEach(() => {
  for (const c of mounted) c.remove();
  mounted.clear();
  fixtureCleanup();
});

/** Creates a panel, records its events (from a listener on the host page), then connects it. */
export async function mount(
  attributes: Record<string, string>,
  properties: Partial<Pick<ReservationPanel, 'token' | 'status' | 'pollInterval'>> = {},
): Promise<Mounted> {
  // A plain container (open-wc's fixture would wait for an animation frame, which a page
  // running in the background may never get).
  const container = document.createElement('div');
  document.body.append(container);
  mounted.add(container);
  const el = document.createElement('reservation-panel');
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  Object.assign(el, properties);
  const events: RecordedEvent[] = [];
  for (const type of RESERVATION_EVENT_NAMES) {
    container.addEventListener(type, (e) => events.push({ type, detail: (e as CustomEvent).detail }));
  }
  container.append(el);
  await el.updateComplete;
  return { el, events, of: (type) => events.filter((e) => e.type === type).map((e) => e.detail) };
}

/** Resolves once `check` returns (or resolves to) a truthy value, polling every 20 ms; fails after `timeout` ms. */
export async function waitFor<T>(check: () => T | Promise<T>, message = 'condition', timeout = 5000): Promise<NonNullable<T>> {
  const start = performance.now();
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const rows = (el: ReservationPanel) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="reservation"]')];

/** The text a user reads in an element, across its shadow root, whitespace collapsed. */
export function visibleText(node: Element): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) parts.push(n.textContent ?? '');
    const root = (n as Element).shadowRoot;
    if (root) root.childNodes.forEach(walk);
    n.childNodes.forEach(walk);
  };
  walk(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export const notice = (el: ReservationPanel) => el.shadowRoot!.querySelector<HTMLElement>('[part~="notice"]');

/**
 * The virtualizer's layout can outlast one ResizeObserver round, which Chromium reports as a
 * harmless "ResizeObserver loop" error event: tests of long lists ignore that one message.
 */
export function ignoreResizeObserverLoop() {
  let original: OnErrorEventHandler;
  beforeEach(() => {
    original = window.onerror;
    window.onerror = (message, ...rest) =>
      String(message).includes('ResizeObserver loop') ? true : (original?.call(window, message, ...rest) ?? false);
  });
  afterEach(() => (window.onerror = original));
}

/** Makes the page look hidden or visible to the panel, as the browser does when a tab changes. */
export function setVisibility(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}
