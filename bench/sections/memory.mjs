// 6. Memory: 1,000 mount/unmount cycles of a panel against the emulator (default polling,
// countdowns on), after 1,000 cycles of warm-up. Before and after, each after forced garbage
// collection: the JS heap, the DOM counters and the live timers (setTimeout / setInterval
// minus those that fired or were cleared, counted by an init script).
import { checkErrors, freshPage, log, scenario } from './common.mjs';
import { median, sleep } from '../stats.mjs';

const CYCLES = 1000;
/**
 * Cycles first, so that compiled code and V8's own tables reach their steady size: after 500
 * the heap still grows by some 40–70 kB over the next 1,000 (and then by ~10 kB, ~7 kB…).
 */
const WARMUP = 1000;
const SAMPLES = 3;

/** Runs in the page before any of its scripts. */
function countTimers() {
  const live = new Map();
  const { setTimeout: st, setInterval: si, clearTimeout: ct, clearInterval: ci } = window;
  window.setTimeout = function (fn, ms, ...args) {
    const id = st.call(
      window,
      typeof fn === 'function'
        ? function (...a) {
            live.delete(id);
            return fn.apply(this, a);
          }
        : fn,
      ms,
      ...args,
    );
    live.set(id, 'timeout');
    return id;
  };
  window.setInterval = function (...args) {
    const id = si.apply(window, args);
    live.set(id, 'interval');
    return id;
  };
  window.clearTimeout = function (id) {
    live.delete(id);
    return ct.call(window, id);
  };
  window.clearInterval = function (id) {
    live.delete(id);
    return ci.call(window, id);
  };
  window.__benchTimers = () => {
    let timeouts = 0;
    let intervals = 0;
    for (const kind of live.values()) kind === 'timeout' ? timeouts++ : intervals++;
    return { timeouts, intervals, total: timeouts + intervals };
  };
}

async function snapshot(cdp, page) {
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) {
    // Twice, with a pause between, so that weak callbacks and finalizers queued by the first have run.
    await cdp.send('HeapProfiler.collectGarbage');
    await sleep(100);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await cdp.send('Memory.getDOMCounters');
    const timers = await page.evaluate(() => window.bench.liveTimers());
    // usedSize is V8's heap; embedderHeapUsedSize (Blink's) also holds DevTools' own record of
    // every request while a CDP client watches the network (~290 B each), so it is kept but not judged.
    samples.push({ heapUsed: heap.usedSize, embedderHeapUsed: heap.embedderHeapUsedSize ?? null, nodes: dom.nodes, jsEventListeners: dom.jsEventListeners, documents: dom.documents, timers: timers.total });
  }
  const keys = Object.keys(samples[0]);
  // The smallest heap seen after GC: what is really live (a first sample may still hold garbage).
  return {
    ...Object.fromEntries(keys.map((k) => [k, k === 'heapUsed' ? Math.min(...samples.map((s) => s[k])) : median(samples.map((s) => s[k]))])),
    heapSpread: Math.max(...samples.map((s) => s.heapUsed)) - Math.min(...samples.map((s) => s.heapUsed)),
  };
}

const diff = (a, b) => Object.fromEntries(Object.keys(a).filter((k) => k !== 'heapSpread').map((k) => [k, b[k] - a[k]]));

export async function memorySection({ browser, server }) {
  const s = await scenario(server, 10);
  const { context, page } = await freshPage(browser, server, 'panel', { initScript: countTimers });
  try {
    const cdp = await context.newCDPSession(page);
    const args = { apiBase: s.apiBase, token: s.token, n: CYCLES, attributes: { 'reservation-timeout': '120' } };
    await page.evaluate((a) => window.bench.cycles(a), { ...args, n: WARMUP });
    const before = await snapshot(cdp, page);
    const started = Date.now();
    await page.evaluate((a) => window.bench.cycles(a), args);
    const cyclesMs = Date.now() - started;
    const after = await snapshot(cdp, page);
    // For scale: what one mounted panel (10 rows) holds.
    await page.evaluate((a) => window.bench.mountPanel(a), { apiBase: s.apiBase, token: s.token, n: s.n, attributes: args.attributes });
    const mounted = await snapshot(cdp, page);
    checkErrors(page, 'memory');
    const out = {
      cycles: CYCLES,
      cyclesMs,
      before,
      after,
      growth: diff(before, after),
      onePanel: diff(after, mounted),
      heapNoise: Math.max(before.heapSpread, after.heapSpread),
    };
    log(`memory: after ${CYCLES} cycles (${(cyclesMs / 1000).toFixed(1)} s): ${JSON.stringify(out.growth)}; one mounted panel: ${JSON.stringify(out.onePanel)}`);
    return out;
  } finally {
    await context.close();
  }
}
