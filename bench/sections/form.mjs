// The conference form (REST connection): click → form painted (the first time, with the
// on-demand load of the form kit; then again, warm), and typing into its first text field:
// keydown → next paint.
import { checkErrors, freshPage, log, panelArgs, scenario } from './common.mjs';
import { summary } from '../stats.mjs';

const REPS = 9;
const KEYS = 'conference-participant'.split('');

/** Clicks Conference on the first pending row; resolves with click → form painted, and the row's SID. */
async function open(page) {
  const sid = await page.evaluate(() => window.bench.watchFormOpen());
  await page.locator(`reservation-panel [data-reservation-sid="${sid}"] button[data-action="conference"]`).click();
  return { sid, ms: await page.evaluate(() => window.bench.formOpened()) };
}

export async function formSection({ browser, server }) {
  const s = await scenario(server, 10, { mix: ['pending'] });
  const cold = [];
  const warm = [];
  const keyToPaint = [];
  const inputDelays = [];
  const slowEvents = [];
  for (let i = 0; i < REPS; i++) {
    const { context, page } = await freshPage(browser, server, 'panel');
    try {
      await page.evaluate((a) => window.bench.mountPanel(a), panelArgs(s, 'rest'));
      const first = await open(page);
      cold.push(first.ms);
      await page.keyboard.press('Escape');
      await page.evaluate((sid) => window.bench.formClosed(sid), first.sid);
      const again = await open(page);
      warm.push(again.ms);
      const field = page.locator(`reservation-panel [data-reservation-sid="${again.sid}"] reservation-form input[type="text"]`).first();
      await field.click();
      await page.evaluate(() => window.bench.startTyping());
      for (let k = 0; k < KEYS.length; k++) {
        await page.keyboard.press(KEYS[k]);
        await page.evaluate((n) => window.bench.typed(n), k + 1);
      }
      const t = await page.evaluate((sid) => window.bench.stopTyping(sid), again.sid);
      if (t.value !== KEYS.join('')) throw new Error(`typing: the field holds ${JSON.stringify(t.value)}`);
      keyToPaint.push(...t.keyToPaint);
      inputDelays.push(...t.inputDelays);
      slowEvents.push(...t.eventEntries);
      checkErrors(page, 'conference form');
    } finally {
      await context.close();
    }
  }
  const out = {
    connection: 'rest',
    openColdMs: summary(cold),
    openWarmMs: summary(warm),
    keyToPaintMs: summary(keyToPaint),
    inputDelayMs: summary(inputDelays),
    // Event Timing (durationThreshold 16, the lowest allowed; durations in 8 ms steps, to the next paint).
    keydownEventTimingMs: summary(slowEvents.filter((e) => e.name === 'keydown').map((e) => e.duration)),
    eventTimingEntries: slowEvents.length,
    keystrokes: keyToPaint.length,
  };
  log(
    `conference form: open ${out.openColdMs.median} ms cold, ${out.openWarmMs.median} ms warm; key → paint ${out.keyToPaintMs.median} ms (p95 ${out.keyToPaintMs.p95}) over ${out.keystrokes} keys; Event Timing keydown ${out.keydownEventTimingMs.median} ms (max ${out.keydownEventTimingMs.max})`,
  );
  return out;
}
