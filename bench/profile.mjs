// Where the time of a first render goes:
//
//   node bench/profile.mjs [--rows 100] [--connection twilio|rest] [--runs 5] [--cpu]
//
// builds an unminified copy of the panel (function names kept; node_modules/.cache), renders
// the rows as the render section does (fresh page, t0 = reservation-load, t1 = settled
// paint) with Chromium's timeline trace recording, and the innerHTML baseline the same way;
// then prints, for the window t0 → t1 of the median run, the main thread's time by kind
// (script, style, layout, paint, parsing, idle) and its tasks one by one. With --cpu, V8's
// sampling profiler runs too and the functions with the most time are listed (it slows the
// script down, and it puts some native time under the wrong frame: read it beside the
// trace). Writes the median runs' traces (open them in DevTools' Performance panel) and
// profiles to bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';
import { baselineData, freshPage, panelArgs, scenario } from './sections/common.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const ROWS = Number(arg('rows', 100));
const CONNECTION = arg('connection', 'twilio');
const RUNS = Number(arg('runs', 5));
const CPU = argv.includes('--cpu');

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
  'v8.execute',
  'blink',
  'loading',
].join(',');

/** The kind of work a main-thread trace event is (by its name). */
function kindOf(name) {
  if (/^(UpdateLayoutTree|Document::(recalcStyle|updateStyle|rebuildLayoutTree)|Blink\.Style|ParseAuthorStyleSheet|StyleEngine)/.test(name))
    return 'style';
  if (
    /^(Layout|LocalFrameView::(performLayout|layout)|Blink\.Layout|InlineNode|LayoutBlock|Blink\.ForcedStyleAndLayout)/.test(name) ||
    /Shape/.test(name)
  )
    return 'layout';
  if (
    /^(Paint|PrePaint|Blink\.(PrePaint|Paint|CompositingInputs)|Commit|Layerize|PaintArtifactCompositor|CullRectUpdate|LocalFrameView::Run(Paint|PrePaint|CompositingInputs)|UpdateLayer)/.test(
      name,
    )
  )
    return 'paint';
  if (/^ParseHTML|^HTMLDocumentParser/.test(name)) return 'parse HTML';
  if (
    /^(FunctionCall|RunMicrotasks|EvaluateScript|v8|V8|TimerFire|EventDispatch|MinorGC|MajorGC|FireAnimationFrame|HandlePostMessage|MessagePort|XHR|ResourceFetcher|ProfileChunk|BlinkGC|GCEvent|ThreadState)/i.test(
      name,
    )
  )
    return 'script';
  return 'other';
}

/** The page's main-thread complete events (the thread its bench-t0 mark is on) overlapping [from, to] µs, in order. */
function mainThread(events, from, to) {
  const main = events.find((e) => e.name === 'bench-t0');
  return events
    .filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur > 0 && e.ts < to && e.ts + e.dur > from)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
}

/**
 * The main thread in [from, to] µs: time by kind (self times, so nothing counts twice; what
 * no event covers is idle), and its top-level tasks with their own split.
 */
function breakdown(events, from, to) {
  const clip = (e) => Math.max(0, Math.min(e.ts + e.dur, to) - Math.max(e.ts, from));
  const kinds = {};
  const tasks = [];
  const stack = [];
  for (const e of mainThread(events, from, to)) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (!parent) tasks.push({ at: Math.max(e.ts, from), ms: clip(e), kinds: {} });
    const task = tasks.at(-1);
    const add = (name, us) => {
      const k = kindOf(name);
      kinds[k] = (kinds[k] ?? 0) + us;
      task.kinds[k] = (task.kinds[k] ?? 0) + us;
    };
    if (parent) add(parent.name, -clip(e));
    add(e.name, clip(e));
    stack.push(e);
  }
  const busy = Object.values(kinds).reduce((a, b) => a + b, 0);
  kinds.idle = to - from - busy;
  const ms = (o) =>
    Object.fromEntries(
      Object.entries(o)
        .map(([k, us]) => [k, us / 1000])
        .filter(([, v]) => v >= 0.05)
        .sort((a, b) => b[1] - a[1]),
    );
  return { kinds: ms(kinds), tasks: tasks.map((t) => ({ at: (t.at - from) / 1000, ms: t.ms / 1000, kinds: ms(t.kinds) })) };
}

/** Main-thread trace events (complete events) of the renderer, self time by name within [from, to] µs. */
function selfTimes(events, from, to) {
  const onMain = mainThread(events, from, to);
  const self = {};
  const stack = [];
  const clip = (e) => Math.max(0, Math.min(e.ts + e.dur, to) - Math.max(e.ts, from));
  for (const e of onMain) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self[parent.name] = (self[parent.name] ?? 0) - clip(e);
    self[e.name] = (self[e.name] ?? 0) + clip(e);
    stack.push(e);
  }
  return Object.entries(self)
    .map(([name, us]) => [name, us / 1000])
    .filter(([, ms]) => ms >= 0.5)
    .sort((a, b) => b[1] - a[1]);
}

/** Self and total (inclusive) time by function, and self time by script, of the CPU profile's samples within [from, to] µs. */
function profileTimes(profile, from, to) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const where = (callFrame) => (callFrame.url ? callFrame.url.replace(/^.*\/dist\//, '').replace(/^.*\/bench\//, 'bench/') : '');
  const keyOf = (callFrame) =>
    `${callFrame.functionName || '(anonymous)'}  ${where(callFrame) ? `${where(callFrame)}:${callFrame.lineNumber + 1}` : ''}`.trim();
  const self = {};
  const total = {};
  const script = {};
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const next = i + 1 < profile.samples.length ? profile.timeDeltas[i + 1] : 0;
    if (t < from || t > to) continue;
    const { callFrame } = byId.get(profile.samples[i]);
    self[keyOf(callFrame)] = (self[keyOf(callFrame)] ?? 0) + next;
    const s = where(callFrame) || callFrame.functionName;
    script[s] = (script[s] ?? 0) + next;
    const seen = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const k = keyOf(byId.get(id).callFrame);
      if (!seen.has(k)) total[k] = (total[k] ?? 0) + next;
      seen.add(k);
    }
  }
  const top = (o) =>
    Object.entries(o)
      .map(([k, us]) => [k, us / 1000])
      .sort((a, b) => b[1] - a[1]);
  return { self: top(self), total: top(total), scripts: top(script) };
}

async function traced(browser, server, variant, s, dataUrl) {
  const { context, page } = await freshPage(browser, server, variant);
  try {
    const cdp = await context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    if (CPU) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    }
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    if (CPU) await cdp.send('Profiler.start');
    const r =
      variant === 'panel'
        ? await page.evaluate((a) => window.bench.renderPanel(a), panelArgs(s, CONNECTION, { pollInterval: 0 }))
        : await page.evaluate((a) => window.bench.renderBaseline(a), { dataUrl });
    const profile = CPU ? (await cdp.send('Profiler.stop')).profile : undefined;
    await cdp.send('Tracing.end');
    await done;
    const marks = Object.fromEntries(
      events.filter((e) => e.cat?.includes('blink.user_timing') && /^bench-t[01]$/.test(e.name)).map((e) => [e.name, e.ts]),
    );
    if (!marks['bench-t0'] || !marks['bench-t1']) throw new Error('profile: the bench-t0 / bench-t1 marks are not in the trace');
    return { ms: r.ms, events, profile, from: marks['bench-t0'], to: marks['bench-t1'] };
  } finally {
    await context.close();
  }
}

const fmt = (rows, n = 20) =>
  rows
    .slice(0, n)
    .map(([k, v]) => `    ${v.toFixed(1).padStart(8)} ms  ${k}`)
    .join('\n');

async function main() {
  const dist = join(root, 'node_modules/.cache/bench-profile/dist');
  await build({
    logLevel: 'warn',
    build: { outDir: dist, emptyOutDir: true, minify: false, rolldownOptions: { output: { minify: false } } },
  });
  const server = await startServer({ dist });
  const chrome = await launchBrowser();
  try {
    const s = await scenario(server, ROWS);
    const dataUrl = await baselineData(server, s);
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    for (const variant of ['panel', 'baseline']) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await traced(chrome.browser, server, variant, s, dataUrl));
      runs.sort((a, b) => a.ms - b.ms);
      const run = runs[Math.floor(runs.length / 2)];
      const name = `profile-${ROWS}-${variant === 'panel' ? CONNECTION : 'baseline'}`;
      writeFileSync(join(root, `bench/results/${name}.trace.json`), JSON.stringify({ traceEvents: run.events }));
      console.log(
        `\n${variant === 'panel' ? `panel (${CONNECTION})` : 'baseline (innerHTML)'}, ${ROWS} rows: ${run.ms.toFixed(1)} ms t0 → painted (median of ${runs.map((r) => r.ms.toFixed(0)).join(', ')} ms); bench/results/${name}.trace.json`,
      );
      // Each kind's median over the runs, then the median run's tasks.
      const all = runs.map((r) => breakdown(r.events, r.from, r.to));
      const kinds = [...new Set(all.flatMap((b) => Object.keys(b.kinds)))];
      const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      console.log(
        `  main thread t0 → t1 by kind, median of the runs:\n${fmt(
          kinds.map((k) => [k, med(all.map((b) => b.kinds[k] ?? 0))]).sort((a, b) => b[1] - a[1]),
          10,
        )}`,
      );
      const b = breakdown(run.events, run.from, run.to);
      console.log(`  its tasks (median run), from t0:`);
      for (const t of b.tasks.filter((t) => t.ms >= 1)) {
        console.log(
          `    at ${t.at.toFixed(1).padStart(6)} ms  ${t.ms.toFixed(1).padStart(6)} ms  ${Object.entries(t.kinds)
            .map(([k, v]) => `${k} ${v.toFixed(1)}`)
            .join(', ')}`,
        );
      }
      console.log(`  main thread t0 → t1 by event (self time, median run):\n${fmt(selfTimes(run.events, run.from, run.to), 12)}`);
      if (run.profile) {
        writeFileSync(join(root, `bench/results/${name}.cpuprofile`), JSON.stringify(run.profile));
        const cpu = profileTimes(run.profile, run.from, run.to);
        console.log(`  JS self time by script (CPU profile):\n${fmt(cpu.scripts, 10)}`);
        console.log(`  JS total time by function (CPU profile):\n${fmt(cpu.total, 40)}`);
      }
    }
  } finally {
    await chrome.close();
    await server.close();
  }
}

await main();
