// 3. One status change in a list of 1,000, on both connections: the control API moves an
// accepted row in view to wrapping (which does not move it in the list). On the twilio
// connection the change is pushed over the event-bridge socket (no poll): from the control
// request to painted. On REST it is picked up by polling (every second here): from its
// reservation-status-change to painted. Both: the DOM mutations it causes under the
// panel's shadow root, by row (clock texts apart).
import { checkErrors, freshPage, log, panelArgs, scenario } from './common.mjs';
import { median, summary } from '../stats.mjs';

const REPS = 9;
const N = 1000;
/** REST polls fast enough that each change shows within a second (the default is 5 s). */
const REST_POLL_MS = 1000;

/** Two pending reservations at the top, then accepted and wrapping ones (two to one), so accepted rows are in view. */
export const changeScenario = (server, seed) =>
  scenario(server, N, { statusOf: (i) => (i < 2 ? 'pending' : i % 3 === 2 ? 'wrapping' : 'accepted'), seed });

/** A page with a panel of `s` on `connection`, mounted and done fetching its tasks. */
export async function mountedPanel(browser, server, s, connection, pollInterval) {
  const { context, page } = await freshPage(browser, server, 'panel');
  await page.evaluate((a) => window.bench.mountPanel(a), panelArgs(s, connection, { pollInterval }));
  await page.evaluate(() => window.bench.tasksFetched());
  return { context, page };
}

async function changes(browser, server, connection) {
  const s = await changeScenario(server, connection === 'twilio' ? 31 : 32);
  const { context, page } = await mountedPanel(browser, server, s, connection, connection === 'twilio' ? undefined : REST_POLL_MS);
  try {
    const runs = [];
    for (let i = 0; i < REPS; i++) {
      const sid = await page.evaluate(({ n }) => window.bench.rowInView('accepted', n), { n: s.n });
      runs.push(
        await page.evaluate((a) => window.bench.statusChange(a), {
          control: s.control,
          workspaceSid: s.workspaceSid,
          sid,
          to: 'wrapping',
          n: s.n,
        }),
      );
    }
    checkErrors(page, `status change (${connection})`);
    const bad = runs.filter((r) => !r.shown);
    if (bad.length) throw new Error(`status change (${connection}): ${bad.length} rows did not show the new status`);
    const outside = {};
    for (const r of runs) for (const [k, v] of Object.entries(r.outsideRows)) outside[k] = Math.max(outside[k] ?? 0, v);
    const out = {
      connection,
      ms: summary(runs.map((r) => r.ms)),
      eventMs: summary(runs.map((r) => r.eventMs)),
      sources: [...new Set(runs.map((r) => r.source))],
      records: median(runs.map((r) => r.records)),
      rowRecords: median(runs.map((r) => r.rowRecords)),
      clockRecords: median(runs.map((r) => r.clockRecords)),
      rowsTouched: Math.max(...runs.map((r) => r.rowsTouched)),
      onlyChangedRow: runs.every((r) => r.onlyChangedRow),
      otherRowsTouched: runs.map((r) => r.otherRowsTouched.length),
      changedRowRecords: median(runs.map((r) => r.changedRowRecords)),
      outsideRows: outside,
      pollMs: connection === 'twilio' ? null : REST_POLL_MS,
      runs: runs.length,
    };
    log(
      `status change (${connection}): control → painted ${out.ms.median} ms, event → painted ${out.eventMs.median} ms; ${out.rowRecords} row mutation records (+${out.clockRecords} clock text), rows touched ≤ ${out.rowsTouched}, only the changed row: ${out.onlyChangedRow}, outside rows: ${JSON.stringify(outside)}`,
    );
    return out;
  } finally {
    await context.close();
  }
}

export async function changeSection({ browser, server }) {
  return { rows: N, twilio: await changes(browser, server, 'twilio'), rest: await changes(browser, server, 'rest') };
}
