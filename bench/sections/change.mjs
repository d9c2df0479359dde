// 3. One status change in a list of 1,000: forced through the emulator's control API,
// picked up by the panel's polling; from its reservation-status-change (t0) to painted, and
// the DOM mutations it causes under the panel's and the rows' shadow roots.
import { checkErrors, freshPage, log, scenario } from './common.mjs';
import { median, summary } from '../stats.mjs';

const REPS = 9;
/** Polling fast enough that each change shows within a second (the default is 5 s). */
const POLL_MS = 1000;

export async function changeSection({ browser, server }) {
  const s = await scenario(server, 1000);
  const { context, page } = await freshPage(browser, server, 'panel');
  try {
    await page.evaluate((a) => window.bench.mountPanel(a), { apiBase: s.apiBase, token: s.token, n: s.n, pollInterval: POLL_MS });
    const runs = [];
    for (let i = 0; i < REPS; i++) {
      runs.push(
        await page.evaluate((a) => window.bench.statusChange(a), {
          control: `${server.origin}/emulator/__control`,
          workspaceSid: s.workspaceSid,
        }),
      );
    }
    checkErrors(page, 'status change');
    const bad = runs.filter((r) => !r.shown);
    if (bad.length) throw new Error(`status change: ${bad.length} rows did not show the new status`);
    const outside = {};
    for (const r of runs) for (const [k, v] of Object.entries(r.outsideRows)) outside[k] = Math.max(outside[k] ?? 0, v);
    const out = {
      ms: summary(runs.map((r) => r.ms)),
      records: median(runs.map((r) => r.records)),
      rowRecords: median(runs.map((r) => r.rowRecords)),
      ageRecords: median(runs.map((r) => r.ageRecords)),
      rowsTouched: Math.max(...runs.map((r) => r.rowsTouched)),
      onlyChangedRow: runs.every((r) => r.onlyChangedRow),
      changedRowRecords: median(runs.map((r) => r.changedRowRecords)),
      outsideRows: outside,
      transitions: runs.map((r) => r.transition),
      pollMs: POLL_MS,
      runs: runs.length,
    };
    log(
      `status change: ${out.ms.median} ms, ${out.rowRecords} row mutation records (+${out.ageRecords} age text), rows touched ≤ ${out.rowsTouched}, only the changed row: ${out.onlyChangedRow}, outside rows: ${JSON.stringify(outside)}`,
    );
    return out;
  } finally {
    await context.close();
  }
}
