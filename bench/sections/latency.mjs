// 5. Server change → painted, twilio against REST polling at its default 5 s, in the same
// run: ≥ 20 status changes each, made through the control API on accepted rows in view of
// a list of 1,000 (accepted → wrapping, which does not move the row); from the control
// request to the first frame that shows the row in its new status. A REST change waits for
// the next poll, so each change is made at a different phase of the poll interval (spread
// evenly over it); on twilio the change is pushed at once.
import { checkErrors, log } from './common.mjs';
import { changeScenario, mountedPanel } from './change.mjs';
import { round, sleep, summary } from '../stats.mjs';

export const CHANGES = 20;
/** The REST connection's default poll interval (no poll-interval attribute). */
const REST_POLL_MS = 5000;

/** The i-th phase in [0, 1), spread evenly (golden-ratio sequence). */
const phase = (i) => (i * 0.6180339887498949) % 1;

async function latency(browser, server, connection) {
  const s = await changeScenario(server, connection === 'twilio' ? 51 : 52);
  const { context, page } = await mountedPanel(browser, server, s, connection, undefined);
  try {
    const runs = [];
    for (let i = 0; i < CHANGES; i++) {
      const sid = await page.evaluate(({ n }) => window.bench.rowInView('accepted', n), { n: s.n });
      await sleep(connection === 'twilio' ? 100 + 400 * phase(i) : REST_POLL_MS * phase(i));
      runs.push(
        await page.evaluate((a) => window.bench.statusChange(a), {
          control: s.control,
          workspaceSid: s.workspaceSid,
          sid,
          to: 'wrapping',
          n: s.n,
          settle: false,
        }),
      );
    }
    checkErrors(page, `server change → painted (${connection})`);
    const out = {
      connection,
      pollMs: connection === 'twilio' ? null : REST_POLL_MS,
      ms: summary(runs.map((r) => r.ms)),
      sources: [...new Set(runs.map((r) => r.source))],
      controlAnsweredMs: summary(runs.map((r) => r.controlAnsweredMs)),
      all: runs.map((r) => round(r.ms, 0)),
    };
    log(
      `server change → painted (${connection}): median ${out.ms.median} ms, p95 ${out.ms.p95} ms, max ${out.ms.max} ms over ${runs.length} changes`,
    );
    return out;
  } finally {
    await context.close();
  }
}

export async function latencySection({ browser, server }) {
  return { rows: 1000, changes: CHANGES, twilio: await latency(browser, server, 'twilio'), rest: await latency(browser, server, 'rest') };
}
