/// <reference types="vite/client" />
/**
 * Makes sure the stories have a TaskRouter emulator at `<storybook base>/emulator`:
 *
 * - under `npm run storybook`, the Vite dev server mounts it there (vite.config.ts);
 * - in the static build (`npm run build-storybook`), which any web server can host, the
 *   emulator runs in a Service Worker (`emulator-sw.js`, beside `iframe.html`): registered
 *   on the first visit, and the page waits until the worker controls it;
 * - where Service Workers are not available (a page over plain http from a host other than
 *   localhost is not a secure context), the emulator runs in the page itself and `fetch` is
 *   routed to it for that path.
 *
 * Paths are relative to the Storybook's own location, so a static Storybook served from a
 * sub-path (`https://intranet.example/ui/storybook/`) works as well as one at the root.
 */
import { emulatorBase } from '../../stories/support/emulator.js';

export type EmulatorHost = 'server' | 'service-worker' | 'page';

const SW_FILE = 'emulator-sw.js';
const CONTROL_TIMEOUT_MS = 10_000;

/** Whether the emulator (demo mode) answers at `base`. */
async function answers(base: string): Promise<boolean> {
  try {
    const res = await fetch(`${base}/demo/workers`, { cache: 'no-store' });
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return false;
    return Array.isArray(await res.json());
  } catch {
    return false;
  }
}

function controlled(): Promise<void> {
  const sw = navigator.serviceWorker;
  if (sw.controller) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the emulator Service Worker did not take control')), CONTROL_TIMEOUT_MS);
    sw.addEventListener(
      'controllerchange',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** The Storybook's own directory: the worker's scope, and where `emulator-sw.js` is. */
const storybookDir = () => new URL('./', document.baseURI);

async function startServiceWorker(base: string): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return false;
  try {
    const scope = storybookDir();
    await navigator.serviceWorker.register(new URL(SW_FILE, scope), { scope: scope.pathname });
    await controlled();
    return answers(base);
  } catch (error) {
    console.warn('reservation-panel stories: no emulator Service Worker, running the emulator in the page', error);
    return false;
  }
}

async function startInPage(base: string): Promise<void> {
  // the emulator signs its tokens with WebCrypto, which only secure contexts have
  (await import('./hmac-subtle.js')).installHmacSubtle();
  const { createBrowserEmulator } = await import('./browser-emulator.js');
  const emulator = createBrowserEmulator(base);
  const pageFetch = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), document.baseURI);
    if (!emulator.handles(url, location.origin)) return pageFetch(input, init);
    const request = new Request(input, init);
    const signal = request.signal;
    signal.throwIfAborted();
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    const response = await Promise.race([emulator.respond(request), aborted]);
    if (response.type === 'error') throw new TypeError('Failed to fetch');
    return response;
  };
}

let started: Promise<EmulatorHost> | undefined;

/** Starts (once) whatever hosts the emulator here, and tells which. */
export function ensureEmulator(): Promise<EmulatorHost> {
  started ??= (async (): Promise<EmulatorHost> => {
    if (import.meta.env.DEV) return 'server';
    const base = emulatorBase();
    // a later visit: the worker installed by the first one already controls the page
    if (navigator.serviceWorker?.controller?.scriptURL === new URL(SW_FILE, storybookDir()).href) return 'service-worker';
    if (await startServiceWorker(base)) return 'service-worker';
    await startInPage(base);
    return 'page';
  })();
  return started;
}
