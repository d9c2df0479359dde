// Shared by the bench's sections: scenarios in the emulator, bench pages, the viewport.
export const VIEWPORT = { width: 1280, height: 720 };

const MIX = ['pending', 'pending', 'pending', 'pending', 'pending', 'pending', 'accepted', 'accepted', 'wrapping', 'completed'];

/**
 * A workspace with `n` reservations for one worker: six in ten pending, the rest accepted,
 * wrapping or completed, aged from 30 s to 2 h (so some age labels tick every second).
 * Nothing times out during the bench.
 */
export async function scenario(server, n, { status } = {}) {
  const reservations = Array.from({ length: n }, (_, i) => ({
    status: status ?? MIX[i % MIX.length],
    ageSeconds: 30 + ((i * 7) % 7200),
  }));
  const s = await server.control('/scenario', { reservations, reservationTimeoutSeconds: 7 * 86400, tokenTtlSeconds: 4 * 3600 });
  return { ...s, reservations: undefined, apiBase: `${server.origin}/emulator/v1`, n };
}

/** A bench page (`panel` or `baseline`) in `context`, ready to drive; page errors fail the bench. */
export async function openPage(context, server, name) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(new Error(m.text()));
  });
  page.benchErrors = errors;
  await page.goto(`${server.origin}/bench/${name}.html`);
  await page.waitForFunction(() => !!window.bench);
  return page;
}

export function checkErrors(page, what) {
  if (page.benchErrors?.length) throw new Error(`${what}: the page reported: ${page.benchErrors.map((e) => e.message).join('; ')}`);
}

/** A fresh context (its own renderer, nothing cached) with one bench page. */
export async function freshPage(browser, server, name, { initScript } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  if (initScript) await context.addInitScript(initScript);
  const page = await openPage(context, server, name);
  return { context, page };
}

/** The emulator's request log of a workspace (the API requests it received, oldest first). */
export const requestLog = (server, workspaceSid) => server.control(`/workspaces/${workspaceSid}/requests`);

export const log = (...args) => console.log('  ', ...args);
