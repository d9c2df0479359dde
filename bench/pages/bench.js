// In-page side of npm run bench: mounting the built panel, the innerHTML baseline, and
// measuring "to painted". Driven from bench/run.mjs through Playwright; exposed as
// window.bench. Times are performance.now() milliseconds.

/** Resolves just after the next frame is painted (rAF, then a task queued behind it). */
export function afterPaint() {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
}

const MUTATIONS = { subtree: true, childList: true, attributes: true, characterData: true };

/** A row's age text (`<time>`), which the panel's 1 s clock rewrites: not part of what is measured. */
export function isAgeText(record) {
  const t = record.target;
  const el = t.nodeType === Node.ELEMENT_NODE ? t : t.parentElement;
  return !!el && el.localName === 'time' && (record.type === 'characterData' || record.type === 'childList');
}

/**
 * Watches DOM mutations under the roots `roots()` returns (re-read every frame, so shadow
 * roots that appear are watched too). After `arm()`, `settled(ready)` resolves with the time
 * just after the paint of the last frame that changed anything, once `quiet` frames in a
 * row changed nothing and `ready()` holds. Age-text rewrites do not count as changes.
 */
export function watch(roots, { keep = false } = {}) {
  const observed = new WeakSet();
  let changed = false;
  let armed = false;
  const records = [];
  const observer = new MutationObserver((list) => {
    if (!armed) return;
    if (keep) records.push(...list);
    if (list.some((r) => !isAgeText(r))) changed = true;
  });
  const observeAll = () => {
    for (const root of roots()) {
      if (root && !observed.has(root)) {
        observed.add(root);
        observer.observe(root, MUTATIONS);
      }
    }
  };
  observeAll();
  return {
    records,
    arm() {
      observeAll();
      observer.takeRecords();
      changed = false;
      armed = true;
    },
    /** `lastChange` defaults to "now" when nothing at all changes (the caller's work was a no-op). */
    async settled(ready = () => true, quiet = 3, what = 'the page') {
      let lastChange;
      let calm = 0;
      const until = performance.now() + 10_000;
      for (;;) {
        if (performance.now() > until) {
          observer.disconnect();
          throw new Error(`${what} did not settle in 10 s`);
        }
        observeAll();
        const t = await afterPaint();
        observeAll();
        const list = observer.takeRecords();
        if (keep) records.push(...list);
        if (changed || list.some((r) => !isAgeText(r))) {
          changed = false;
          lastChange = t;
          calm = 0;
        } else if (ready() && ++calm >= quiet) {
          break;
        }
      }
      observer.disconnect();
      armed = false;
      return lastChange ?? performance.now();
    },
    stop() {
      observer.disconnect();
      armed = false;
    },
  };
}

const stage = () => document.getElementById('stage');

export const items = (panel) => [...(panel.shadowRoot?.querySelectorAll('reservation-item') ?? [])];

const panelRoots = (panel) => [panel.shadowRoot, ...items(panel).map((i) => i.shadowRoot)];

/** The panel shows its final form: every row rendered, the virtualizer in place for a long list. */
function panelReady(panel, n) {
  if (panel.isUpdatePending) return false;
  const rows = items(panel);
  if (n > 0 && rows.length === 0) return false;
  if (n > 100) {
    // The virtualizer has taken over: every row it shows is one it positioned.
    const lis = [...(panel.shadowRoot.querySelector('ul.virtual')?.children ?? [])].filter((el) => el.localName === 'li');
    if (!lis.length || lis.some((li) => li.style.position !== 'absolute')) return false;
  }
  return rows.every((i) => !i.isUpdatePending);
}

/** Creates a panel (not yet in the page) and a promise of the time its `reservation-load` fired. */
function createPanel({ apiBase, token, pollInterval, attributes = {} }) {
  const panel = document.createElement('reservation-panel');
  panel.setAttribute('api-base', apiBase);
  if (pollInterval !== undefined) panel.setAttribute('poll-interval', String(pollInterval));
  for (const [k, v] of Object.entries(attributes)) panel.setAttribute(k, v);
  panel.token = token;
  return panel;
}

/**
 * First render: t0 = `reservation-load` (the list has arrived, nothing rendered yet),
 * t1 = just after the paint of the last frame that changed the panel, once settled.
 * Also: the first frame showing any row, and how many rows are in the DOM.
 */
export async function renderPanel({ apiBase, token, n, pollInterval = 0 }) {
  const panel = createPanel({ apiBase, token, pollInterval });
  const w = watch(() => panelRoots(panel));
  let firstRows;
  const loaded = new Promise((resolve) =>
    panel.addEventListener(
      'reservation-load',
      () => {
        const t0 = performance.now();
        w.arm();
        resolve(t0);
      },
      { once: true },
    ),
  );
  stage().append(panel);
  const t0 = await loaded;
  const probe = (async () => {
    while (!items(panel).length) await afterPaint();
    firstRows = performance.now();
  })();
  const t1 = await w.settled(() => panelReady(panel, n), 3, `a panel of ${n}`);
  await probe;
  window.panel = panel;
  return {
    ms: t1 - t0,
    firstRowsMs: firstRows - t0,
    rowsInDom: items(panel).length,
    listItemsInDom: panel.shadowRoot.querySelectorAll('li').length,
    virtualized: !!panel.shadowRoot.querySelector('ul.virtual'),
  };
}

/** Mounts a panel and waits until it shows its list, settled. */
export async function mountPanel({ apiBase, token, n, pollInterval, attributes }) {
  const panel = createPanel({ apiBase, token, pollInterval, attributes });
  const w = watch(() => panelRoots(panel));
  const loaded = new Promise((resolve) => panel.addEventListener('reservation-load', resolve, { once: true }));
  stage().append(panel);
  await loaded;
  w.arm();
  await w.settled(() => panelReady(panel, n), 3, `a panel of ${n}`);
  window.panel = panel;
  return { rowsInDom: items(panel).length };
}

// ---------------------------------------------------------------- baseline

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const LABELS = {
  pending: 'Pending',
  accepted: 'Accepted',
  rejected: 'Rejected',
  timeout: 'Timed out',
  canceled: 'Canceled',
  rescinded: 'Rescinded',
  wrapping: 'Wrapping up',
  completed: 'Completed',
};
function age(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return h < 24 ? (min % 60 ? `${h} h ${min % 60} min` : `${h} h`) : `${Math.floor(h / 24)} d`;
}

async function fetchAll(url, token) {
  const all = [];
  while (url) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`list: ${res.status}`);
    const page = await res.json();
    all.push(...page.reservations);
    url = page.meta.next_page_url;
  }
  return all;
}

/**
 * The baseline: the same rows (status, task SID, worker, age) written with one innerHTML
 * assignment. t0 = the list is in hand (fetched and parsed, as the panel's reservation-load),
 * t1 = painted, measured as for the panel.
 */
export async function renderBaseline({ apiBase, token, workspaceSid, workerSid }) {
  const host = document.createElement('div');
  host.className = 'baseline';
  stage().append(host);
  const w = watch(() => [host]);
  const list = await fetchAll(`${apiBase}/Workspaces/${workspaceSid}/Workers/${workerSid}/Reservations?PageSize=1000`, token);
  const t0 = performance.now();
  w.arm();
  const now = Date.now();
  host.innerHTML = `<ul aria-label="Reservations">${list
    .map(
      (r) =>
        `<li><div class="row"><h3><span class="status">${esc(LABELS[r.reservation_status] ?? r.reservation_status)}</span> <span class="task">${esc(r.task_sid)}</span></h3><dl><div><dt>Worker</dt><dd>${esc(r.worker_name)}</dd></div><div><dt>Age</dt><dd><time datetime="${esc(r.date_created)}">${age(now - Date.parse(r.date_created))}</time></dd></div></dl></div></li>`,
    )
    .join('')}</ul>`;
  const t1 = await w.settled();
  return { ms: t1 - t0, rowsInDom: host.querySelectorAll('li').length };
}

// ---------------------------------------------------------------- responsiveness while scrolling

let scrolling;

/** Starts recording long tasks, frame gaps and key input delay / key-to-paint while the list scrolls. */
export function startResponsiveness() {
  const s = { longTasks: [], frames: [], inputDelays: [], keyToPaint: [], maxRows: 0, running: true };
  s.observer = new PerformanceObserver((list) => s.longTasks.push(...list.getEntries().map((e) => ({ at: e.startTime, ms: e.duration }))));
  s.observer.observe({ type: 'longtask' });
  let last = performance.now();
  const frame = (t) => {
    if (!s.running) return;
    s.frames.push(t - last);
    last = t;
    s.maxRows = Math.max(s.maxRows, items(window.panel).length);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  s.onKey = (e) => {
    s.inputDelays.push({ at: e.timeStamp, ms: performance.now() - e.timeStamp });
    const ts = e.timeStamp;
    void afterPaint().then((t) => s.keyToPaint.push({ at: ts, ms: t - ts }));
  };
  window.addEventListener('keydown', s.onKey, true);
  scrolling = s;
}

/**
 * Jumps to the end of the list at once (window.scrollTo, no animation): resolves with the time
 * from the jump to the paint of the rows in view there, settled, and which rows those are.
 */
export async function jumpToEnd(n) {
  const panel = window.panel;
  const w = watch(() => panelRoots(panel));
  const shown = () =>
    [...panel.shadowRoot.querySelectorAll('li[aria-posinset]')]
      .filter((li) => {
        const r = li.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight;
      })
      .map((li) => Number(li.getAttribute('aria-posinset')));
  await afterPaint();
  scrolling.jumpAt = performance.now();
  w.arm();
  const t0 = performance.now();
  window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' });
  const t1 = await w.settled(() => panelReady(panel, n) && shown().length > 0, 3, 'the list after the jump');
  // The virtualizer sizes the rows it has not measured by estimate, so the jump may land short of the last row.
  const rows = shown();
  return { ms: t1 - t0, firstShown: Math.min(...rows), lastShown: Math.max(...rows) };
}



export async function stopResponsiveness() {
  const s = scrolling;
  await afterPaint();
  s.running = false;
  s.observer.disconnect();
  window.removeEventListener('keydown', s.onKey, true);
  const panel = window.panel;
  const posinsets = [...panel.shadowRoot.querySelectorAll('li[aria-posinset]')].map((li) => Number(li.getAttribute('aria-posinset')));
  return {
    jumpAt: s.jumpAt ?? Infinity,
    longTasks: s.longTasks,
    frames: s.frames.slice(1),
    inputDelays: s.inputDelays,
    keyToPaint: s.keyToPaint,
    maxRowsInDom: s.maxRows,
    rowsInDom: items(panel).length,
    scrollY: Math.round(window.scrollY),
    firstRowShown: Math.min(...posinsets),
  };
}

// ---------------------------------------------------------------- one status change

/** Which row (reservation SID) a mutated node belongs to; null for the list itself and the rest of the panel. */
function rowOf(node, panel) {
  let n = node;
  for (;;) {
    const root = n.getRootNode();
    if (root === panel.shadowRoot) {
      const el = n.nodeType === Node.ELEMENT_NODE ? n : n.parentElement;
      const li = el?.closest('li');
      const item = el?.localName === 'reservation-item' ? el : li?.querySelector('reservation-item');
      return item?.dataset.reservationSid ?? null;
    }
    if (!(root instanceof ShadowRoot)) return null;
    n = root.host;
    if (n.localName === 'reservation-item') return n.dataset.reservationSid ?? null;
  }
}

function describe(record) {
  const t = record.target;
  const el = t.nodeType === Node.ELEMENT_NODE ? t : t.parentElement;
  const name = el ? `${el.localName}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}` : '?';
  return `${name} ${record.type}${record.attributeName ? ` ${record.attributeName}` : ''}`;
}

/**
 * Moves one reservation in view a status on through the emulator's control API
 * and measures, from its `reservation-status-change` (t0) to painted: the time, and every
 * DOM mutation under the panel's and the rows' shadow roots until the panel settles.
 */
export async function statusChange({ control, workspaceSid }) {
  const panel = window.panel;
  const inView = (el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight;
  };
  // A row in view moves one step on: pending → accepted, else accepted → wrapping (neither moves it in the list).
  const next = { pending: 'accepted', accepted: 'wrapping' };
  const visible = items(panel).filter(inView);
  const row = visible.find((i) => i.dataset.reservationStatus === 'pending') ?? visible.find((i) => i.dataset.reservationStatus === 'accepted');
  if (!row) throw new Error('no pending or accepted row in view');
  const from = row.dataset.reservationStatus;
  const to = next[from];
  const sid = row.dataset.reservationSid;
  const w = watch(() => panelRoots(panel), { keep: true });
  const changed = new Promise((resolve) =>
    panel.addEventListener('reservation-status-change', function on(e) {
      if (e.detail.sid !== sid) return;
      panel.removeEventListener('reservation-status-change', on);
      const t0 = performance.now();
      w.arm();
      resolve(t0);
    }),
  );
  const res = await fetch(`${control}/workspaces/${workspaceSid}/reservations/${sid}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: to }),
  });
  if (!res.ok) throw new Error(`control: ${res.status}`);
  const t0 = await changed;
  const t1 = await w.settled(() => panelReady(panel, 1000), 3, 'the list after a status change');
  const byRow = {};
  const ageByRow = {};
  const outside = {};
  for (const r of w.records) {
    const owner = rowOf(r.target, panel);
    if (isAgeText(r)) {
      if (owner) ageByRow[owner] = (ageByRow[owner] ?? 0) + 1;
      continue;
    }
    if (owner) byRow[owner] = (byRow[owner] ?? 0) + 1;
    else outside[describe(r)] = (outside[describe(r)] ?? 0) + 1;
  }
  const rows = Object.keys(byRow);
  return {
    ms: t1 - t0,
    sid,
    records: w.records.length,
    ageRecords: Object.values(ageByRow).reduce((a, b) => a + b, 0),
    rowRecords: Object.values(byRow).reduce((a, b) => a + b, 0),
    rowsTouched: rows.length,
    onlyChangedRow: rows.length === 1 && rows[0] === sid,
    changedRowRecords: byRow[sid] ?? 0,
    outsideRows: outside,
    transition: `${from} → ${to}`,
    shown: row.dataset.reservationStatus === to,
  };
}

// ---------------------------------------------------------------- the conference form

let opening;

/** Arms the measurement of the next click that opens a form in the first row: click → form painted. */
export function watchFormOpen() {
  const panel = window.panel;
  const item = items(panel)[0];
  const roots = () => {
    const form = item.shadowRoot.querySelector('reservation-form');
    return [item.shadowRoot, form?.shadowRoot];
  };
  const w = watch(roots);
  opening = new Promise((resolve) =>
    window.addEventListener(
      'click',
      (e) => {
        const t0 = e.timeStamp;
        w.arm();
        resolve(t0);
      },
      { capture: true, once: true },
    ),
  ).then(async (t0) => {
    const ready = () => {
      const form = item.shadowRoot.querySelector('reservation-form');
      return !!form && !form.isUpdatePending && !item.isUpdatePending && !!form.shadowRoot?.querySelector('input');
    };
    const t1 = await w.settled(ready, 3, 'the opened form (is <reservation-form> defined?)');
    return t1 - t0;
  });
}

export const formOpened = () => opening;

/** Waits until the first row shows no form any more (closed), settled. */
export async function formClosed() {
  const item = items(window.panel)[0];
  const w = watch(() => [item.shadowRoot]);
  w.arm();
  await w.settled(() => !item.shadowRoot.querySelector('reservation-form') && !item.isUpdatePending, 3, 'the closed form');
}

let typing;

/** Records, for every keydown from now on: keydown → next paint, and its input delay. Also Event Timing entries ≥ 16 ms. */
export function startTyping() {
  const t = { keyToPaint: [], inputDelays: [], eventEntries: [], waiters: [] };
  t.onKey = (e) => {
    t.inputDelays.push(performance.now() - e.timeStamp);
    const ts = e.timeStamp;
    void afterPaint().then((p) => {
      t.keyToPaint.push(p - ts);
      t.waiters = t.waiters.filter((w) => (t.keyToPaint.length >= w.n ? (w.resolve(), false) : true));
    });
  };
  t.observer = new PerformanceObserver((list) =>
    t.eventEntries.push(...list.getEntries().map((e) => ({ name: e.name, duration: e.duration, inputDelay: e.processingStart - e.startTime }))),
  );
  t.observer.observe({ type: 'event', durationThreshold: 16, buffered: false });
  window.addEventListener('keydown', t.onKey, true);
  typing = t;
}

/** Resolves once `n` keystrokes have been painted. */
export const typed = (n) => (typing.keyToPaint.length >= n ? Promise.resolve() : new Promise((resolve) => typing.waiters.push({ n, resolve })));

export async function stopTyping() {
  const t = typing;
  await afterPaint();
  await new Promise((r) => setTimeout(r, 50));
  t.eventEntries.push(
    ...t.observer.takeRecords().map((e) => ({ name: e.name, duration: e.duration, inputDelay: e.processingStart - e.startTime })),
  );
  t.observer.disconnect();
  window.removeEventListener('keydown', t.onKey, true);
  const form = items(window.panel)[0].shadowRoot.querySelector('reservation-form');
  const input = form?.shadowRoot.querySelector('input[type="text"]');
  return { keyToPaint: t.keyToPaint, inputDelays: t.inputDelays, eventEntries: t.eventEntries, value: input?.value ?? null };
}

// ---------------------------------------------------------------- network

/** Start times of the list requests this page made (Resource Timing). */
export const listRequestTimes = () =>
  performance
    .getEntriesByType('resource')
    .filter((e) => e.name.includes('/Reservations') && (e.initiatorType === 'fetch' || e.initiatorType === 'xmlhttprequest'))
    .map((e) => e.startTime);

// ---------------------------------------------------------------- memory

/** Mounts a panel, waits for its list and its rows, and removes it, `n` times. */
export async function cycles({ apiBase, token, n, attributes }) {
  for (let i = 0; i < n; i++) {
    const panel = createPanel({ apiBase, token, attributes });
    const loaded = new Promise((resolve, reject) => {
      panel.addEventListener('reservation-load', resolve, { once: true });
      panel.addEventListener('reservation-error', (e) => reject(new Error(e.detail.message)), { once: true });
    });
    stage().append(panel);
    await loaded;
    await panel.updateComplete;
    await Promise.all(items(panel).map((item) => item.updateComplete));
    panel.remove();
    // The page's own Resource Timing entries are not the panel's memory.
    performance.clearResourceTimings();
  }
  delete window.panel;
  await afterPaint();
}

/** Live timers, from the init script that wraps setTimeout / setInterval and their clears. */
export const liveTimers = () => window.__benchTimers?.() ?? null;

window.bench = {
  afterPaint,
  renderPanel,
  renderBaseline,
  mountPanel,
  startResponsiveness,
  jumpToEnd,
  stopResponsiveness,
  statusChange,
  watchFormOpen,
  formOpened,
  formClosed,
  startTyping,
  typed,
  stopTyping,
  listRequestTimes,
  cycles,
  liveTimers,
};
window.dispatchEvent(new Event('bench-ready'));
