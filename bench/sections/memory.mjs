// 6. Memory: 1,000 mount/unmount cycles of a panel against the emulator, on each
// connection (REST: default polling, countdowns on; twilio: the event-bridge socket opened
// and closed each time), after 1,000 cycles of warm-up. Before and after, each after forced
// garbage collection: the JS heap, the DOM counters and the live timers (setTimeout /
// setInterval minus those that fired or were cleared, counted by an init script); on twilio
// also the worker's open sockets as the emulator counts them (control API).
import { checkErrors, freshPage, log, panelArgs, scenario } from './common.mjs';
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
    for (const kind of live.values()) {
      if (kind === 'timeout') timeouts++;
      else intervals++;
    }
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
    samples.push({
      heapUsed: heap.usedSize,
      embedderHeapUsed: heap.embedderHeapUsedSize ?? null,
      nodes: dom.nodes,
      jsEventListeners: dom.jsEventListeners,
      documents: dom.documents,
      timers: timers.total,
    });
  }
  const keys = Object.keys(samples[0]);
  // The smallest heap seen after GC: what is really live (a first sample may still hold garbage).
  return {
    ...Object.fromEntries(
      keys.map((k) => [k, k === 'heapUsed' ? Math.min(...samples.map((s) => s[k])) : median(samples.map((s) => s[k]))]),
    ),
    heapSpread: Math.max(...samples.map((s) => s.heapUsed)) - Math.min(...samples.map((s) => s.heapUsed)),
  };
}

const diff = (a, b) =>
  Object.fromEntries(
    Object.keys(a)
      .filter((k) => k !== 'heapSpread')
      .map((k) => [k, b[k] - a[k]]),
  );

/** The worker's event-bridge sockets the emulator holds open. */
const openSockets = async (server, s) => (await server.control(`/workspaces/${s.workspaceSid}/workers/${s.workerSid}/sockets`)).open;

async function measure(browser, server, connection) {
  const s = await scenario(server, 10, { seed: connection === 'twilio' ? 61 : 62 });
  const { context, page } = await freshPage(browser, server, 'panel', { initScript: countTimers });
  try {
    const cdp = await context.newCDPSession(page);
    const args = { ...panelArgs(s, connection, { attributes: { 'reservation-timeout': '120' } }), n: CYCLES };
    await page.evaluate((a) => window.bench.cycles(a), { ...args, n: WARMUP });
    const before = await snapshot(cdp, page);
    const started = Date.now();
    await page.evaluate((a) => window.bench.cycles(a), args);
    const cyclesMs = Date.now() - started;
    const after = await snapshot(cdp, page);
    // For scale: what one mounted panel (10 rows) holds.
    // The sockets the cycles opened, as the emulator counts them once their close has arrived.
    let socketsAfter = null;
    if (connection === 'twilio') {
      for (let i = 0; i < 20 && (socketsAfter = await openSockets(server, s)) > 0; i++) await sleep(100);
    }
    await page.evaluate((a) => window.bench.mountPanel(a), { ...args, n: s.n });
    const mounted = await snapshot(cdp, page);
    const socketsMounted = connection === 'twilio' ? await openSockets(server, s) : null;
    checkErrors(page, `memory (${connection})`);
    const out = {
      connection,
      cycles: CYCLES,
      socketsAfter,
      socketsOnePanel: socketsMounted,
      cyclesMs,
      before,
      after,
      growth: diff(before, after),
      onePanel: diff(after, mounted),
      heapNoise: Math.max(before.heapSpread, after.heapSpread),
    };
    log(
      `memory (${connection}): after ${CYCLES} cycles (${(cyclesMs / 1000).toFixed(1)} s): ${JSON.stringify(out.growth)}; one mounted panel: ${JSON.stringify(out.onePanel)}${connection === 'twilio' ? `; sockets open after the cycles ${socketsAfter}, with one panel ${socketsMounted}` : ''}`,
    );
    return out;
  } finally {
    await context.close();
  }
}

export async function memorySection({ browser, server }) {
  return { rest: await measure(browser, server, 'rest'), twilio: await measure(browser, server, 'twilio') };
}
