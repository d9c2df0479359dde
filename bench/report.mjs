// The bench's table: every figure beside its baseline (where the issue names one) and its
// budget. `node bench/report.mjs` prints it again from bench/results/latest.json;
// `node bench/report.mjs --markdown` prints it as the README's table.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const ms = (n) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n)} ms` : '—');
const times = (n) => `${n.toFixed(2)}×`;
const int = (n) => (Number.isFinite(n) ? n.toLocaleString('en-US') : '—');
const signed = (n, unit = '') => `${n > 0 ? '+' : ''}${unit === 'kB' ? (n / 1024).toFixed(1) : int(n)}${unit ? ` ${unit}` : ''}`;

/**
 * Budgets: issue 6's (size, the ratio at 1,000, only the changed row, the network counts, no
 * growth), and where it names none, RAIL's (a visible response within 100 ms, input handled
 * within 50 ms, no task over 50 ms) or, for an interaction that first loads code, INP's
 * "good" (200 ms to the next paint).
 */
export const BUDGETS = {
  initialGzip: 25 * 1024,
  renderRatio1000: 2,
  rowsInDom10000: 50,
  longestTaskScrolling: 50,
  keyToPaintScrolling: 100,
  changeMs: 100,
  changeRowsTouched: 1,
  formOpenColdMs: 200,
  formOpenWarmMs: 100,
  keyToPaintMs: 50,
  requestsPerIdleMinute: 60_000 / 5000,
  hiddenRequests: 0,
  postsPerAction: 1,
  heapGrowth: 64 * 1024,
};

/** [section, figure, value, baseline, ratio, budget, ok (true / false / undefined = no budget)] */
export function rows(results) {
  const out = [];
  const row = (section, figure, value, { baseline = '', ratio = '', budget = '', ok, note = '' } = {}) =>
    out.push({ section, figure, value, baseline, ratio, budget, ok, note });
  const failed = (section, r) => r?.error && row(section, 'could not be measured', 'failed', { ok: false, note: r.error.split('\n')[0] });

  const size = results.size;
  if (size) {
    row('size', 'initial load (bundle + static chunks), gzipped', kB(size.panel.gzipped), {
      baseline: `floor ${kB(size.floor.gzipped)}`,
      ratio: times(size.ratio),
      budget: `≤ ${kB(BUDGETS.initialGzip)}`,
      ok: size.panel.gzipped <= BUDGETS.initialGzip,
    });
    row('size', 'initial load, minified', kB(size.panel.minified), { baseline: `floor ${kB(size.floor.minified)}` });
    for (const [name, m] of Object.entries(size.lazy)) row('size', `on demand: ${name.replace(/^chunks\//, '')}, gzipped`, kB(m.gzipped));
    row('size', 'everything, every form included, gzipped', kB(size.all.gzipped));
    row('size', 'initial load − floor (lit + @lit/context + ky), gzipped', kB(size.overFloor));
  }

  const render = results.render;
  failed('render', render);
  if (render?.sizes) {
    for (const [n, r] of Object.entries(render.sizes)) {
      const at1000 = Number(n) === 1000;
      row('render', `first render, ${int(Number(n))} rows (data in hand → painted)`, ms(r.panel.median), {
        baseline: `innerHTML ${ms(r.baseline.median)}`,
        ratio: times(r.ratio),
        budget: at1000 ? `≤ ${BUDGETS.renderRatio1000}× baseline` : '',
        ok: at1000 ? r.ratio <= BUDGETS.renderRatio1000 : undefined,
      });
    }
    const big = render.sizes[10000];
    if (big) {
      row('render', 'rows in the DOM, 10,000 rows (virtualized)', int(big.rowsInDom.panel), {
        baseline: `innerHTML ${int(big.rowsInDom.baseline)}`,
        budget: `≤ ${BUDGETS.rowsInDom10000}`,
        ok: big.virtualized && big.rowsInDom.panel <= BUDGETS.rowsInDom10000,
      });
    }
    const sc = render.scroll10000;
    if (sc) {
      row('render', 'scrolling 10,000: most rows in the DOM', int(sc.maxRowsInDom), {
        budget: `≤ ${BUDGETS.rowsInDom10000}`,
        ok: sc.maxRowsInDom <= BUDGETS.rowsInDom10000,
      });
      row('render', 'scrolling 10,000: longest task (median of the runs)', sc.longestTaskMs > 0 ? ms(sc.longestTaskMs) : 'none over 50 ms', {
        budget: `≤ ${BUDGETS.longestTaskScrolling} ms`,
        ok: sc.longestTaskMs <= BUDGETS.longestTaskScrolling,
      });
      row('render', 'scrolling 10,000: key press → next paint, median / worst', `${ms(sc.keyToPaintMs.median)} / ${ms(sc.keyToPaintMs.max)}`, {
        budget: `worst ≤ ${BUDGETS.keyToPaintScrolling} ms`,
        ok: sc.keyToPaintMs.max <= BUDGETS.keyToPaintScrolling,
      });
      row('render', 'scrolling 10,000: frame interval, median / p95', `${ms(sc.frameMs.median)} / ${ms(sc.frameMs.p95)}`);
      if (sc.jumpToEnd) {
        row('render', '10,000: jump to the end (scrollTo) → the rows there painted', ms(sc.jumpToEnd.toPaintedMs.median), {
          note:
            sc.jumpToEnd.lastRowShownInRuns < sc.runs
              ? `the jump reached the last row in ${sc.jumpToEnd.lastRowShownInRuns} of ${sc.runs} runs; otherwise it stopped at rows ${sc.jumpToEnd.firstRowShown.join(', ')} (the virtualizer estimates the height of rows it has not measured)`
              : '',
        });
        row('render', '10,000: jump to the end, longest task', sc.jumpToEnd.longestTaskMs > 0 ? ms(sc.jumpToEnd.longestTaskMs) : 'none over 50 ms');
      }
    }
  }

  const change = results.change;
  failed('change', change);
  if (change?.ms) {
    row('change', 'one status change in 1,000 rows → painted', ms(change.ms.median), {
      budget: `≤ ${BUDGETS.changeMs} ms`,
      ok: change.ms.median <= BUDGETS.changeMs,
    });
    row('change', 'rows touched by its DOM mutations (age text excluded)', `${change.rowsTouched}${change.onlyChangedRow ? ' (the changed row)' : ''}`, {
      budget: 'only the changed row',
      ok: change.onlyChangedRow,
    });
    const outside = Object.values(change.outsideRows).reduce((a, b) => a + b, 0);
    row('change', 'mutation records: in the row / age text / outside rows', `${change.rowRecords} / ${change.ageRecords} / ${outside}`, {
      note: Object.keys(change.outsideRows).length ? `outside rows: ${Object.entries(change.outsideRows).map(([k, v]) => `${k} ×${v}`).join(', ')}` : '',
    });
  }

  const form = results.form;
  failed('form', form);
  if (form?.openColdMs) {
    row('form', 'click → conference form painted, first time (loads the form kit)', ms(form.openColdMs.median), {
      budget: `≤ ${BUDGETS.formOpenColdMs} ms`,
      ok: form.openColdMs.median <= BUDGETS.formOpenColdMs,
    });
    row('form', 'click → conference form painted, again (warm)', ms(form.openWarmMs.median), {
      budget: `≤ ${BUDGETS.formOpenWarmMs} ms`,
      ok: form.openWarmMs.median <= BUDGETS.formOpenWarmMs,
    });
    row('form', `typing: key press → next paint, median / p95 (${form.keystrokes} keys)`, `${ms(form.keyToPaintMs.median)} / ${ms(form.keyToPaintMs.p95)}`, {
      budget: `median ≤ ${BUDGETS.keyToPaintMs} ms`,
      ok: form.keyToPaintMs.median <= BUDGETS.keyToPaintMs,
    });
    if (form.keydownEventTimingMs) {
      row('form', 'typing: Event Timing keydown duration, median / max', `${ms(form.keydownEventTimingMs.median)} / ${ms(form.keydownEventTimingMs.max)}`);
    }
  }

  const net = results.network;
  failed('network', net);
  if (net?.idleWindowMs) {
    row('network', `requests per idle minute (poll every ${net.pollIntervalMs / 1000} s)`, String(net.requestsPerIdleMinute), {
      budget: `≤ ${BUDGETS.requestsPerIdleMinute}`,
      ok: net.requestsPerIdleMinute <= BUDGETS.requestsPerIdleMinute,
    });
    row('network', `requests while hidden (${net.hiddenWindowMs / 1000} s, visibilityState ${net.hiddenState})`, String(net.hiddenRequests), {
      budget: '0',
      ok: net.hiddenState === 'hidden' && net.hiddenRequests === BUDGETS.hiddenRequests,
    });
    row('network', 'requests on becoming visible again', String(net.requestsOnShow));
    row('network', 'POSTs per action (Accept ×5, then a double click)', `${net.postsPerAction.join(', ')}; ${net.postsOnDoubleClick}`, {
      budget: 'exactly 1',
      ok: [...net.postsPerAction, net.postsOnDoubleClick].every((n) => n === BUDGETS.postsPerAction),
    });
  }

  const mem = results.memory;
  failed('memory', mem);
  if (mem?.growth) {
    const g = mem.growth;
    row('memory', `JS heap after ${int(mem.cycles)} mount/unmount cycles (after GC)`, signed(g.heapUsed, 'kB'), {
      baseline: `one panel ${kB(mem.onePanel.heapUsed)}`,
      budget: `≤ +${kB(BUDGETS.heapGrowth)}`,
      ok: g.heapUsed <= BUDGETS.heapGrowth,
    });
    row('memory', 'DOM nodes', signed(g.nodes), { baseline: `one panel ${int(mem.onePanel.nodes)}`, budget: '+0', ok: g.nodes <= 0 });
    row('memory', 'JS event listeners', signed(g.jsEventListeners), {
      baseline: `one panel ${int(mem.onePanel.jsEventListeners)}`,
      budget: '+0',
      ok: g.jsEventListeners <= 0,
    });
    row('memory', 'documents', signed(g.documents), { budget: '+0', ok: g.documents <= 0 });
    row('memory', 'live timers', signed(g.timers), { baseline: `one panel ${int(mem.onePanel.timers)}`, budget: '+0', ok: g.timers <= 0 });
  }
  return out;
}

const mark = (ok) => (ok === undefined ? '' : ok ? 'ok' : 'OVER');

export function printReport(results) {
  const list = rows(results);
  const cols = ['figure', 'value', 'baseline', 'ratio', 'budget'];
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...list.map((r) => String(r[c]).length))]));
  let section;
  for (const r of list) {
    if (r.section !== section) {
      section = r.section;
      console.log(`\n${section}`);
    }
    console.log(`  ${cols.map((c) => String(r[c]).padEnd(width[c])).join('  ')}  ${mark(r.ok)}`.trimEnd());
    if (r.note) console.log(`    ${r.note}`);
  }
  const over = list.filter((r) => r.ok === false);
  console.log(`\n${list.filter((r) => r.ok === true).length} within budget, ${over.length} over${over.length ? `: ${over.map((r) => r.figure).join('; ')}` : ''}`);
  return { over: over.length > 0 };
}

export function markdown(results) {
  const lines = ['| | figure | value | baseline | ratio | budget | |', '| --- | --- | --- | --- | --- | --- | --- |'];
  const notes = [];
  for (const r of rows(results)) {
    lines.push(`| ${r.section} | ${r.figure} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.budget} | ${r.ok === undefined ? '' : r.ok ? '✓' : '✗'} |`);
    if (r.note) notes.push(`- ${r.section}, ${r.figure}: ${r.note}`);
  }
  return [...lines, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = JSON.parse(readFileSync('bench/results/latest.json', 'utf8'));
  if (process.argv.includes('--markdown')) console.log(markdown(results));
  else printReport(results);
}
