// The bench's table: every figure beside its baseline (where one is named) and its budget.
// `node bench/report.mjs` prints it again from bench/results/latest.json;
// `node bench/report.mjs --markdown` prints it as the README's table.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const ms = (n) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')} ms` : '—');
const times = (n) => `${n.toFixed(2)}×`;
const int = (n) => (Number.isFinite(n) ? n.toLocaleString('en-US') : '—');
const signed = (n, unit = '') => `${n > 0 ? '+' : ''}${unit === 'kB' ? (n / 1024).toFixed(1) : int(n)}${unit ? ` ${unit}` : ''}`;
const LABEL = { twilio: 'twilio', rest: 'REST' };

/**
 * Budgets, from the project's requirements: the initial load ≤ 25 kB gzipped; first render
 * of 10 and 100 rows ≤ 1.5× and of 1,000 rows ≤ 1× the innerHTML baseline; a status change
 * touches only its row; task fetches ≤ 1 per distinct task and none while hidden; no request
 * while hidden; exactly one request per action; twilio: no request while idle, a server
 * change painted within 100 ms. Where they name none, RAIL's (a visible response within
 * 100 ms, input handled within 50 ms, no task over 50 ms), INP's "good" for a click that
 * first loads code (200 ms to the next paint), REST polling at its default 5 s (12 lists a
 * minute), and no growth over mount/unmount cycles.
 */
export const BUDGETS = {
  initialGzip: 25 * 1024,
  renderRatio: { 10: 1.5, 100: 1.5, 1000: 1 },
  rowsInDom10000: 50,
  longestTaskScrolling: 50,
  keyToPaintScrolling: 100,
  changeMs: 100,
  formOpenColdMs: 200,
  formOpenWarmMs: 100,
  keyToPaintMs: 50,
  requestsPerIdleMinute: { rest: 60_000 / 5000, twilio: 0 },
  hiddenRequests: 0,
  updatesPerAction: 1,
  serverChangeP95Ms: { twilio: 100 },
  heapGrowth: 64 * 1024,
};

/** [section, figure, value, baseline, ratio, budget, ok (true / false / undefined = no budget)] */
export function rows(results) {
  const out = [];
  const row = (section, figure, value, { baseline = '', ratio = '', budget = '', ok, note = '' } = {}) =>
    out.push({ section, figure, value, baseline, ratio, budget, ok, note });
  const failed = (section, r) => r?.error && row(section, 'could not be measured', 'failed', { ok: false, note: r.error.split('\n')[0] });

  const size = results.size;
  if (size?.initial) {
    row('size', 'initial load (bundle + static chunks), gzipped', kB(size.initial.gzipped), {
      baseline: `floor ${kB(size.floor.gzipped)}`,
      ratio: times(size.ratio),
      budget: `≤ ${kB(BUDGETS.initialGzip)}`,
      ok: size.initial.gzipped <= BUDGETS.initialGzip,
      note: size.initial.chunks.length ? `static chunks: ${size.initial.chunks.join(', ')}` : 'the bundle imports no chunk statically',
    });
    row('size', 'initial load, minified', kB(size.initial.minified), { baseline: `floor ${kB(size.floor.minified)}` });
    for (const [name, m] of Object.entries(size.onDemand)) row('size', `on demand: ${name}, gzipped`, kB(m.gzipped));
    const fl = size.firstList;
    row('size', 'to a first list, REST (initial + engine + rest + what they import), gzipped', kB(fl.rest.gzipped), {
      note: `chunks: ${fl.rest.chunks.join(', ')}`,
    });
    row('size', 'to a first list, twilio (initial + engine + event-bridge + what they import), gzipped', kB(fl.twilio.gzipped), {
      note: `chunks: ${fl.twilio.chunks.join(', ')}`,
    });
    row(
      'size',
      'to a first list of over 100 rows (+ virtualize, flow), REST / twilio, gzipped',
      `${kB(fl.restVirtualized.gzipped)} / ${kB(fl.twilioVirtualized.gzipped)}`,
    );
    row('size', 'everything, every chunk, gzipped', kB(size.everything.gzipped));
    row('size', 'initial load − floor (lit + @lit/context), gzipped', kB(size.overFloor));
  }

  const render = results.render;
  failed('render', render);
  if (render?.sizes) {
    const conn = LABEL[render.connection] ?? render.connection;
    if (render.markup) {
      row(
        'render',
        `baseline's markup = the panel's (first ${render.markup.rowsCompared} rows, clock texts aside)`,
        render.markup.same ? 'same' : `differs at row ${render.markup.difference.row}`,
        {
          budget: 'same',
          ok: render.markup.same,
        },
      );
    }
    for (const [n, r] of Object.entries(render.sizes)) {
      const budget = BUDGETS.renderRatio[n];
      row('render', `first render, ${int(Number(n))} rows, ${conn} (data in hand → painted)`, ms(r.panel.median), {
        baseline: `innerHTML ${ms(r.baseline.median)}`,
        ratio: times(r.ratio),
        budget: budget ? `≤ ${budget}× baseline` : '',
        ok: budget ? r.ratio <= budget : undefined,
        note:
          budget && r.ratio > budget
            ? `over by ${ms(r.panel.median - budget * r.baseline.median)} (${Math.round((r.ratio / budget - 1) * 100)} %)`
            : '',
      });
    }
    if (render.chunksToFirstList) {
      const fetched = render.chunksToFirstList.map((f) => f.replace(/-[\w-]{8}\.js$/, '')).sort();
      const graph = results.size?.firstList?.twilio?.chunks;
      row('render', `chunks fetched by the first painted list (10 rows, ${conn})`, fetched.join(', '), {
        note: graph
          ? graph.join() === fetched.join()
            ? 'the same as the size section finds in the import graph'
            : `the import graph gives ${graph.join(', ')}`
          : '',
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
      row(
        'render',
        'scrolling 10,000: longest task (median of the runs)',
        sc.longestTaskMs > 0 ? ms(sc.longestTaskMs) : 'none over 50 ms',
        {
          budget: `≤ ${BUDGETS.longestTaskScrolling} ms`,
          ok: sc.longestTaskMs <= BUDGETS.longestTaskScrolling,
        },
      );
      row(
        'render',
        'scrolling 10,000: key press → next paint, median / worst',
        `${ms(sc.keyToPaintMs.median)} / ${ms(sc.keyToPaintMs.max)}`,
        {
          budget: `worst ≤ ${BUDGETS.keyToPaintScrolling} ms`,
          ok: sc.keyToPaintMs.max <= BUDGETS.keyToPaintScrolling,
        },
      );
      row('render', 'scrolling 10,000: frame interval, median / p95', `${ms(sc.frameMs.median)} / ${ms(sc.frameMs.p95)}`);
      if (sc.jumpToEnd) {
        row('render', '10,000: jump to the end (scrollTo) → the rows there painted', ms(sc.jumpToEnd.toPaintedMs.median), {
          note:
            sc.jumpToEnd.lastRowShownInRuns < sc.runs
              ? `the jump reached the last row in ${sc.jumpToEnd.lastRowShownInRuns} of ${sc.runs} runs; otherwise it stopped at rows ${sc.jumpToEnd.firstRowShown.join(', ')} (the virtualizer estimates the height of rows it has not measured)`
              : '',
        });
        row(
          'render',
          '10,000: jump to the end, longest task',
          sc.jumpToEnd.longestTaskMs > 0 ? ms(sc.jumpToEnd.longestTaskMs) : 'none over 50 ms',
        );
      }
    }
  }

  const change = results.change;
  failed('change', change);
  for (const c of [change?.twilio, change?.rest].filter((c) => c?.ms)) {
    const conn = LABEL[c.connection];
    if (c.connection === 'twilio') {
      row('change', `one status change in ${int(change.rows)} rows, twilio (pushed): control API → painted`, ms(c.ms.median), {
        budget: `≤ ${BUDGETS.changeMs} ms`,
        ok: c.ms.median <= BUDGETS.changeMs,
      });
    } else {
      row(
        'change',
        `one status change in ${int(change.rows)} rows, REST (polled every ${c.pollMs / 1000} s): its event → painted`,
        ms(c.eventMs.median),
        {
          budget: `≤ ${BUDGETS.changeMs} ms`,
          ok: c.eventMs.median <= BUDGETS.changeMs,
        },
      );
    }
    row(
      'change',
      `rows touched by its DOM mutations (clock texts excluded), ${conn}`,
      `${c.rowsTouched}${c.onlyChangedRow ? ' (the changed row)' : ''}`,
      {
        budget: 'only the changed row',
        ok: c.onlyChangedRow,
      },
    );
    const outside = Object.values(c.outsideRows).reduce((a, b) => a + b, 0);
    row(
      'change',
      `mutation records: in the row / clock texts / outside rows, ${conn}`,
      `${c.rowRecords} / ${c.clockRecords} / ${outside}`,
      {
        note: Object.keys(c.outsideRows).length
          ? `outside rows: ${Object.entries(c.outsideRows)
              .map(([k, v]) => `${k} ×${v}`)
              .join(', ')}`
          : '',
      },
    );
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
    row(
      'form',
      `typing: key press → next paint, median / p95 (${form.keystrokes} keys)`,
      `${ms(form.keyToPaintMs.median)} / ${ms(form.keyToPaintMs.p95)}`,
      {
        budget: `median ≤ ${BUDGETS.keyToPaintMs} ms`,
        ok: form.keyToPaintMs.median <= BUDGETS.keyToPaintMs,
      },
    );
    if (form.keydownEventTimingMs) {
      row(
        'form',
        'typing: Event Timing keydown duration, median / max',
        `${ms(form.keydownEventTimingMs.median)} / ${ms(form.keydownEventTimingMs.max)}`,
      );
    }
  }

  const net = results.network;
  failed('network', net);
  for (const n of [net?.rest, net?.twilio].filter((n) => n?.idleWindowMs)) {
    const conn = LABEL[n.connection];
    const idleBudget = BUDGETS.requestsPerIdleMinute[n.connection];
    row(
      'network',
      `requests per idle minute, ${conn}${n.pollIntervalMs ? ` (poll every ${n.pollIntervalMs / 1000} s)` : ''}`,
      String(n.requestsPerIdleMinute),
      {
        budget: idleBudget === 0 ? '0' : `≤ ${idleBudget}`,
        ok: n.requestsPerIdleMinute <= idleBudget,
      },
    );
    row(
      'network',
      `requests while hidden (${n.hiddenWindowMs / 1000} s, visibilityState ${n.hiddenState}), ${conn}`,
      String(n.hiddenRequests),
      {
        budget: '0',
        ok: n.hiddenState === 'hidden' && n.hiddenRequests === BUDGETS.hiddenRequests,
      },
    );
    row(
      'network',
      `updates sent per action (Accept ×5, then a double click), ${conn}`,
      `${n.updatesPerAction.join(', ')}; ${n.updatesOnDoubleClick}`,
      {
        budget: 'exactly 1',
        ok: [...n.updatesPerAction, n.updatesOnDoubleClick].every((x) => x === BUDGETS.updatesPerAction),
      },
    );
    row(
      'network',
      `task fetches for a first list of ${n.listed} reservations sharing ${n.distinctTasks} tasks, ${conn}`,
      `${n.taskFetchesFirstList} (at most ${n.mostFetchesOfOneTask} per task)`,
      {
        budget: `≤ 1 per task (≤ ${n.distinctTasks})`,
        ok: n.mostFetchesOfOneTask <= 1 && n.taskFetchesFirstList <= n.distinctTasks,
        note: n.connection === 'twilio' && n.taskFetchesFirstList === 0 ? 'the tasks come with the list' : '',
      },
    );
    row('network', `task fetches for a second list, ${conn}`, String(n.taskFetchesSecondList), {
      budget: '0',
      ok: n.taskFetchesSecondList === 0,
    });
    row(
      'network',
      `task fetches while hidden, two new reservations with new tasks arriving, ${conn}`,
      `${n.hiddenNew.taskFetches} (requests ${n.hiddenNew.requests})`,
      {
        budget: '0',
        ok: n.hiddenNew.state === 'hidden' && n.hiddenNew.taskFetches === 0,
        note: `rows ${n.hiddenNew.rowsBefore ?? '?'} → ${n.hiddenNew.rows} while hidden${n.connection === 'rest' ? '; the one request is the host’s refresh() that brought them' : ', pushed with their tasks'}`,
      },
    );
    row('network', `requests on becoming visible again (task fetches among them), ${conn}`, `${n.requestsOnShow} (${n.taskFetchesOnShow})`);
  }

  const lat = results.latency;
  failed('latency', lat);
  for (const l of [lat?.twilio, lat?.rest].filter((l) => l?.ms)) {
    const budget = BUDGETS.serverChangeP95Ms[l.connection];
    row(
      'latency',
      `server change → painted, median / p95 (${l.ms.n} changes in ${int(lat.rows)} rows), ${LABEL[l.connection]}${l.pollMs ? ` (poll every ${l.pollMs / 1000} s)` : ' (pushed)'}`,
      `${ms(l.ms.median)} / ${ms(l.ms.p95)}`,
      {
        budget: budget ? `p95 ≤ ${budget} ms` : '',
        ok: budget ? l.ms.p95 <= budget : undefined,
        note: l.pollMs ? `REST waits for the next poll: up to ${l.pollMs / 1000} s (max here ${ms(l.ms.max)})` : '',
      },
    );
  }

  const mem = results.memory;
  failed('memory', mem);
  for (const m of [mem?.rest, mem?.twilio].filter((m) => m?.growth)) {
    const conn = LABEL[m.connection];
    const g = m.growth;
    row('memory', `JS heap after ${int(m.cycles)} mount/unmount cycles (after GC), ${conn}`, signed(g.heapUsed, 'kB'), {
      baseline: `one panel ${kB(m.onePanel.heapUsed)}`,
      budget: `≤ +${kB(BUDGETS.heapGrowth)}`,
      ok: g.heapUsed <= BUDGETS.heapGrowth,
    });
    row(
      'memory',
      `DOM nodes / JS event listeners / documents / live timers, ${conn}`,
      `${signed(g.nodes)} / ${signed(g.jsEventListeners)} / ${signed(g.documents)} / ${signed(g.timers)}`,
      {
        baseline: `one panel ${int(m.onePanel.nodes)} / ${int(m.onePanel.jsEventListeners)} / 0 / ${int(m.onePanel.timers)}`,
        budget: '+0 each',
        ok: g.nodes <= 0 && g.jsEventListeners <= 0 && g.documents <= 0 && g.timers <= 0,
      },
    );
    if (m.connection === 'twilio') {
      row('memory', 'event-bridge sockets open after the cycles (emulator count), twilio', String(m.socketsAfter), {
        baseline: `one panel ${m.socketsOnePanel}`,
        budget: '0',
        ok: m.socketsAfter === 0,
      });
    }
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
  console.log(
    `\n${list.filter((r) => r.ok === true).length} within budget, ${over.length} over${over.length ? `: ${over.map((r) => r.figure).join('; ')}` : ''}`,
  );
  return { over: over.length > 0 };
}

export function markdown(results) {
  const lines = ['| | figure | value | baseline | ratio | budget | |', '| --- | --- | --- | --- | --- | --- | --- |'];
  const notes = [];
  for (const r of rows(results)) {
    lines.push(
      `| ${r.section} | ${r.figure} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.budget} | ${r.ok === undefined ? '' : r.ok ? '✓' : '✗'} |`,
    );
    if (r.note) notes.push(`- ${r.section}, ${r.figure}: ${r.note}`);
  }
  return [...lines, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = JSON.parse(readFileSync('bench/results/latest.json', 'utf8'));
  if (process.argv.includes('--markdown')) console.log(markdown(results));
  else printReport(results);
}
