// 2. First render of N reservations with realistic tasks (each its own), on the twilio
// connection (the emulator's event-bridge: tasks come with the list, so the data is in hand
// at reservation-load), data in hand → painted, against one innerHTML assignment of the same
// rows' markup and CSS; and, at 10,000, how the virtualized list holds up while it scrolls.
import { baselineData, checkErrors, freshPage, log, panelArgs, scenario } from './common.mjs';
import { max, median, round, sleep, summary } from '../stats.mjs';

export const SIZES = [10, 100, 1000, 10000];
const REPS = { 10: 9, 100: 9, 1000: 9, 10000: 5 };

/** The connection the render figures are taken on. */
export const RENDER_CONNECTION = 'twilio';
/** Rows compared, markup against markup, between the panel and the baseline (at 10 rows). */
const COMPARED = 10;

async function once(browser, server, s, variant, dataUrl, { compare = false } = {}) {
  const { context, page } = await freshPage(browser, server, variant);
  try {
    const r =
      variant === 'panel'
        ? await page.evaluate((a) => window.bench.renderPanel(a), panelArgs(s, RENDER_CONNECTION, { pollInterval: 0 }))
        : await page.evaluate((a) => window.bench.renderBaseline(a), { dataUrl });
    checkErrors(page, `render ${s.n} (${variant})`);
    if (r.rowsInDom === 0) throw new Error(`render ${s.n} (${variant}): no rows`);
    if (compare) r.signatures = await page.evaluate((n) => window.bench.rowSignatures(n), COMPARED);
    return r;
  } finally {
    await context.close();
  }
}

/** The first rows' markup, panel against baseline: the index of the first that differs, and both, or null when all match. */
function firstDifference(panel, baseline) {
  for (let i = 0; i < Math.max(panel.length, baseline.length); i++) {
    if (panel[i] !== baseline[i]) return { row: i + 1, panel: panel[i] ?? '(none)', baseline: baseline[i] ?? '(none)' };
  }
  return null;
}

const SCROLL_REPS = 5;

/**
 * Scrolls the 10,000-row list with the mouse wheel (and a few key presses), then jumps to its
 * end (scrollTo); records how the page keeps up, the scrolling and the jump apart.
 */
async function scrollOnce(browser, server, s) {
  const { context, page } = await freshPage(browser, server, 'panel');
  try {
    await page.evaluate((a) => window.bench.mountPanel(a), panelArgs(s, RENDER_CONNECTION, { pollInterval: 0 }));
    await page.mouse.move(320, 360);
    await page.evaluate(() => window.bench.startResponsiveness());
    // 60 wheel steps of 400 px, 30 ms apart (about 13,000 px/s), a key press every third step.
    for (let i = 0; i < 60; i++) {
      await page.mouse.wheel(0, 400);
      if (i % 3 === 2) await page.keyboard.press('Shift');
      await sleep(30);
    }
    // Then straight to the end of the list.
    await sleep(200);
    const jump = await page.evaluate((n) => window.bench.jumpToEnd(n), s.n);
    const r = await page.evaluate(() => window.bench.stopResponsiveness());
    checkErrors(page, 'scrolling 10,000');
    const scrolling = (x) => x.at < r.jumpAt;
    const jumping = (x) => x.at >= r.jumpAt;
    return {
      ...r,
      longTasks: r.longTasks.filter(scrolling).map((x) => x.ms),
      jumpLongTasks: r.longTasks.filter(jumping).map((x) => x.ms),
      inputDelays: r.inputDelays.filter(scrolling).map((x) => x.ms),
      keyToPaint: r.keyToPaint.filter(scrolling).map((x) => x.ms),
      jump,
    };
  } finally {
    await context.close();
  }
}

export async function renderSection({ browser, server }) {
  const out = { connection: RENDER_CONNECTION, sizes: {}, scroll10000: null };
  for (const n of SIZES) {
    const s = await scenario(server, n);
    const dataUrl = await baselineData(server, s);
    const panel = [];
    const baseline = [];
    // Alternate (panel, baseline, baseline, panel, …) so drift hits both alike.
    for (let i = 0; i < REPS[n]; i++) {
      const order = i % 2 ? ['baseline', 'panel'] : ['panel', 'baseline'];
      for (const v of order)
        (v === 'panel' ? panel : baseline).push(await once(browser, server, s, v, dataUrl, { compare: i === 0 && n <= COMPARED }));
    }
    if (n <= COMPARED) {
      // The baseline must write the panel's markup: the same elements, attributes and texts.
      const difference = firstDifference(panel[0].signatures, baseline[0].signatures);
      out.markup = { rowsCompared: panel[0].signatures.length, same: !difference, ...(difference && { difference }) };
      if (difference)
        log(`markup differs at row ${difference.row}:\n     panel    ${difference.panel}\n     baseline ${difference.baseline}`);
      // What the panel fetched of its own code by the time its first list was painted.
      out.chunksToFirstList = [...new Set(panel.flatMap((r) => r.chunks))].sort();
    }
    const p = summary(panel.map((r) => r.ms));
    const b = summary(baseline.map((r) => r.ms));
    out.sizes[n] = {
      panel: p,
      baseline: b,
      ratio: round(p.median / b.median, 2),
      panelFirstRows: summary(panel.map((r) => r.firstRowsMs)),
      rowsInDom: { panel: median(panel.map((r) => r.rowsInDom)), baseline: median(baseline.map((r) => r.rowsInDom)) },
      virtualized: panel.every((r) => r.virtualized),
    };
    log(
      `render ${n}: panel ${p.median} ms, baseline ${b.median} ms (×${out.sizes[n].ratio}), rows in DOM ${out.sizes[n].rowsInDom.panel} vs ${out.sizes[n].rowsInDom.baseline}`,
    );
    if (n === 10000) {
      const runs = [];
      for (let i = 0; i < SCROLL_REPS; i++) runs.push(await scrollOnce(browser, server, s));
      // Per run: its longest task, its worst key → paint; the figures are their medians over the runs.
      out.scroll10000 = {
        runs: runs.length,
        maxRowsInDom: Math.max(...runs.map((r) => r.maxRowsInDom)),
        longestTaskMs: round(median(runs.map((r) => max(r.longTasks)))),
        longTasksPerRun: runs.map((r) => r.longTasks.length),
        longestTaskPerRunMs: runs.map((r) => round(max(r.longTasks))),
        jumpToEnd: {
          toPaintedMs: summary(runs.map((r) => r.jump.ms)),
          lastRowShownInRuns: runs.filter((r) => r.jump.lastShown === s.n).length,
          firstRowShown: runs.map((r) => r.jump.firstShown),
          longestTaskMs: round(median(runs.map((r) => max(r.jumpLongTasks)))),
          longestTaskPerRunMs: runs.map((r) => round(max(r.jumpLongTasks))),
        },
        frameMs: summary(runs.flatMap((r) => r.frames)),
        inputDelayMs: summary(runs.flatMap((r) => r.inputDelays)),
        keyToPaintMs: { ...summary(runs.flatMap((r) => r.keyToPaint)), max: round(median(runs.map((r) => max(r.keyToPaint)))) },
        scrolledPx: median(runs.map((r) => r.scrollY)),
      };
      const sc = out.scroll10000;
      log(
        `scroll 10000: rows in DOM ≤ ${sc.maxRowsInDom}, longest task ${sc.longestTaskMs} ms (${sc.longestTaskPerRunMs.join(', ')}), key → paint ${sc.keyToPaintMs.median} ms (max ${sc.keyToPaintMs.max}), frames p95 ${sc.frameMs.p95} ms; jump to the end → painted ${sc.jumpToEnd.toPaintedMs.median} ms (reached row ${s.n} in ${sc.jumpToEnd.lastRowShownInRuns} of ${runs.length} runs; rows from ${sc.jumpToEnd.firstRowShown.join(', ')} in view), longest task ${sc.jumpToEnd.longestTaskMs} ms (${sc.jumpToEnd.longestTaskPerRunMs.join(', ')})`,
      );
    }
  }
  return out;
}
