// Headless Chromium for the bench: started here (not by Playwright) and driven through
// playwright-core over CDP. Connecting with `noDefaults` leaves the default context's pages
// without Playwright's focus emulation, so a page there really becomes hidden when another
// tab comes to the front (the network figures need that). Other figures use new contexts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../scripts/chromium.mjs';

export const CHROME = CHROMIUM;
const FLAGS = CHROMIUM_FLAGS;

export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'reservation-panel-bench-'));
  const proc = spawn(CHROME, [...FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((resolve) => {
    proc.once('exit', resolve);
    proc.once('error', resolve);
  });
  const gone = () => proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null;
  const exitWithin = (ms) => Promise.race([exited, new Promise((r) => setTimeout(r, ms).unref())]);
  /** Waits for Chromium to exit (after Browser.close), else ends it; then removes its profile. */
  const cleanup = async (graceMs = 0) => {
    if (!gone()) await exitWithin(graceMs);
    if (!gone()) {
      proc.kill('SIGTERM');
      await exitWithin(5000);
    }
    if (!gone()) {
      proc.kill('SIGKILL');
      await exited;
    }
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (e) {
      console.warn(`could not remove the browser profile ${profile}: ${e.message}`);
    }
  };
  let endpoint;
  try {
    endpoint = await new Promise((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not start in 30 s:\n${err}`)), 30_000);
      proc.once('error', (e) => reject(new Error(`cannot start ${CHROME}: ${e.message}`)));
      proc.once('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${err}`)));
      proc.stderr.on('data', (d) => {
        err += d;
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
  } catch (e) {
    await cleanup();
    throw e;
  }
  proc.stderr.resume();
  const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true, isLocal: true });
  return {
    browser,
    version: browser.version(),
    /** the context whose pages can be hidden */
    defaultContext: browser.contexts()[0],
    async close() {
      // Chromium shuts down with every child process, then the connection goes.
      const session = await browser.newBrowserCDPSession().catch(() => undefined);
      await session?.send('Browser.close').catch(() => {});
      await browser.close().catch(() => {});
      await cleanup(5000);
    },
  };
}
