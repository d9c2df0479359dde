/// <reference lib="webworker" />
/**
 * A Service Worker that hosts the TaskRouter emulator for the static Storybook: it answers
 * every request under `<its scope>emulator/` and lets every other request through. Built by
 * scripts/storybook-prepare.mjs into Storybook's static files as `emulator-sw.js`, and
 * registered by .storybook/emulator/boot.ts when no server answers at that path.
 *
 * Its state lives as long as the worker: the browser may stop an idle worker (each story
 * polls, which keeps it alive), and a new one starts with a fresh demo workspace.
 */
import { createBrowserEmulator } from './browser-emulator.js';

declare const self: ServiceWorkerGlobalScope;

const emulator = createBrowserEmulator(`${new URL(self.registration.scope).pathname}emulator`);

// Take over at once, and control the page that registered the worker (its first load too).
self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  if (!emulator.handles(new URL(event.request.url), self.location.origin)) return;
  event.respondWith(emulator.respond(event.request));
});
