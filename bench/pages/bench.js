// In-page side of npm run bench: mounting the built panel on either connection, the
// innerHTML baseline (the panel's row markup and CSS, written in one assignment), and
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

/**
 * A row's clock text, which the panel's one-second clock rewrites: the waiting time
 * (`<time>`) and the countdown (`.countdown`). Not part of what is measured.
 */
export function isClockText(record) {
  const t = record.target;
  const el = t.nodeType === Node.ELEMENT_NODE ? t : t.parentElement;
  return (
    !!el &&
    (el.localName === 'time' || el.classList.contains('countdown')) &&
    (record.type === 'characterData' || record.type === 'childList')
  );
}

/**
 * Watches DOM mutations under the roots `roots()` returns (re-read every frame, so shadow
 * roots that appear are watched too). After `arm()`, `settled(ready)` resolves with the time
 * just after the paint of the last frame that changed anything, once `quiet` frames in a
 * row changed nothing and `ready()` holds. Clock-text rewrites do not count as changes.
 */
export function watch(roots, { keep = false } = {}) {
  const observed = new WeakSet();
  let changed = false;
  let armed = false;
  const records = [];
  const observer = new MutationObserver((list) => {
    if (!armed) return;
    if (keep) records.push(...list);
    if (list.some((r) => !isClockText(r))) changed = true;
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
    async settled(ready = () => true, quiet = 3, what = 'the page', timeoutMs = 10_000) {
      let lastChange;
      let calm = 0;
      const until = performance.now() + timeoutMs;
      for (;;) {
        if (performance.now() > until) {
          observer.disconnect();
          throw new Error(`${what} did not settle in ${timeoutMs / 1000} s`);
        }
        observeAll();
        const t = await afterPaint();
        observeAll();
        const list = observer.takeRecords();
        if (keep) records.push(...list);
        if (changed || list.some((r) => !isClockText(r))) {
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

/** The panel's rows: `[part~=reservation]` elements in its own shadow root. */
export const rows = (panel) => [...(panel?.shadowRoot?.querySelectorAll('[part~="reservation"]') ?? [])];

/** The open forms' shadow roots (a form is the only element with its own shadow root inside a row). */
const formRoots = (panel) => [...(panel.shadowRoot?.querySelectorAll('reservation-form') ?? [])].map((f) => f.shadowRoot);

const panelRoots = (panel) => [panel.shadowRoot, ...formRoots(panel)];

/** The string a row shows while its task loads (the panel's English strings). */
const TASK_LOADING = 'Loading the task…';

/** The panel shows its final form: rows rendered (with their tasks), the virtualizer in place for a long list. */
function panelReady(panel, n) {
  if (panel.isUpdatePending) return false;
  const shown = rows(panel);
  if (n > 0 && shown.length === 0) return false;
  if (n > 100) {
    // The virtualizer has taken over: every row it shows is one it positioned.
    const lis = [...(panel.shadowRoot.querySelector('ul.virtual')?.children ?? [])].filter((el) => el.localName === 'li');
    if (!lis.length || lis.some((li) => li.style.position !== 'absolute')) return false;
  }
  return shown.every((row) => row.querySelector('.title')?.textContent.trim() !== TASK_LOADING);
}

/** Creates a panel (not yet in the page) with its connection's attributes and the worker's token. */
function createPanel({ token, pollInterval, attributes = {} }) {
  const panel = document.createElement('reservation-panel');
  if (pollInterval !== undefined) panel.setAttribute('poll-interval', String(pollInterval));
  for (const [k, v] of Object.entries(attributes)) panel.setAttribute(k, v);
  panel.token = token;
  return panel;
}

/** The panel's chunks this page has fetched so far (file names under dist/chunks/). */
const chunksFetched = () =>
  performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname)
    .filter((p) => p.startsWith('/dist/chunks/'))
    .map((p) => p.slice('/dist/chunks/'.length));

/**
 * First render: t0 = `reservation-load` (the list has arrived, nothing rendered yet),
 * t1 = just after the paint of the last frame that changed the panel, once settled.
 * Also: the first frame showing any row, how many rows are in the DOM, and the chunks
 * fetched by then.
 */
export async function renderPanel(args) {
  const panel = createPanel(args);
  const w = watch(() => panelRoots(panel));
  let firstRows;
  const loaded = new Promise((resolve, reject) => {
    panel.addEventListener(
      'reservation-load',
      () => {
        const t0 = performance.now();
        performance.mark('bench-t0', { startTime: t0 });
        w.arm();
        resolve(t0);
      },
      { once: true },
    );
    panel.addEventListener('reservation-error', (e) => reject(new Error(`reservation-error: ${e.detail.message}`)), { once: true });
  });
  stage().append(panel);
  const t0 = await loaded;
  const probe = (async () => {
    while (!rows(panel).length) await afterPaint();
    firstRows = performance.now();
  })();
  const t1 = await w.settled(() => panelReady(panel, args.n), 3, `a panel of ${args.n}`);
  // t0 and t1 in the timeline, for bench/profile.mjs.
  performance.mark('bench-t1', { startTime: t1 });
  await probe;
  window.panel = panel;
  return {
    ms: t1 - t0,
    firstRowsMs: firstRows - t0,
    rowsInDom: rows(panel).length,
    listItemsInDom: panel.shadowRoot.querySelectorAll('li').length,
    virtualized: !!panel.shadowRoot.querySelector('ul.virtual'),
    chunks: chunksFetched(),
  };
}

/** Mounts a panel and waits until it shows its list (with its tasks), settled. */
export async function mountPanel(args) {
  const panel = createPanel(args);
  const w = watch(() => panelRoots(panel));
  const loaded = new Promise((resolve, reject) => {
    panel.addEventListener('reservation-load', resolve, { once: true });
    panel.addEventListener('reservation-error', (e) => reject(new Error(`reservation-error: ${e.detail.message}`)), { once: true });
  });
  stage().append(panel);
  await loaded;
  w.arm();
  await w.settled(() => panelReady(panel, args.n), 3, `a panel of ${args.n}`, 30_000);
  window.panel = panel;
  return { rowsInDom: rows(panel).length, chunks: chunksFetched() };
}

/** Waits for the panel's next `reservation-load` after `run()`, then for it to settle. */
export async function reload() {
  const panel = window.panel;
  const w = watch(() => panelRoots(panel));
  const loaded = new Promise((resolve) => panel.addEventListener('reservation-load', resolve, { once: true }));
  await panel.refresh();
  await loaded;
  w.arm();
  await w.settled(() => panelReady(panel, 0), 3, 'the panel after a refresh');
}

// ---------------------------------------------------------------- baseline
//
// The panel's row (src/components/reservation-panel/rows.ts, channel-icon.ts) written as
// one HTML string per row: the same elements, classes, attributes and texts, from the same
// data and the same default rules (src/state/task-summary.ts, format.ts, reservations.ts;
// the English strings of src/i18n/strings.ts; the default actions of src/schema/actions.ts),
// in a shadow root that adopts the panel's own CSS (/bench/rows.css, from the same sources).
// `rowSignatures` compares the result with the panel's rows.

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const T = {
  statuses: {
    pending: 'Pending',
    accepted: 'Accepted',
    rejected: 'Rejected',
    timeout: 'Timed out',
    canceled: 'Canceled',
    rescinded: 'Rescinded',
    wrapping: 'Wrapping up',
    completed: 'Completed',
  },
  actions: {
    accept: 'Accept',
    reject: 'Reject',
    dequeue: 'Dequeue',
    call: 'Call',
    redirect: 'Redirect',
    conference: 'Conference',
    wrapUp: 'Wrap up',
    complete: 'Complete',
  },
  channels: { voice: 'Voice', chat: 'Chat', sms: 'SMS', email: 'Email', default: 'Task' },
};
/** The default actions by status, in their order, with their emphasis. */
const ACTIONS = {
  pending: [
    ['accept', 'primary'],
    ['reject', 'secondary'],
    ['dequeue', 'quiet'],
    ['call', 'quiet'],
    ['redirect', 'quiet'],
    ['conference', 'quiet'],
  ],
  accepted: [
    ['wrapUp', 'primary'],
    ['complete', 'secondary'],
  ],
  wrapping: [['complete', 'secondary']],
};
const PATHS = {
  voice:
    '<path d="M3.5 2.5h2.2l1 2.8-1.4 1.1a8 8 0 0 0 3.9 3.9l1.1-1.4 2.8 1v2.2a1.4 1.4 0 0 1-1.5 1.4A11 11 0 0 1 2.1 4a1.4 1.4 0 0 1 1.4-1.5z"/>',
  chat: '<path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z"/>',
  sms: '<rect x="4" y="1.5" width="8" height="13" rx="1.5"/><path d="M6.5 4.5h3M6.5 7h3"/>',
  email: '<rect x="1.5" y="3.5" width="13" height="9" rx="1"/><path d="m2 4 6 5 6-5"/>',
  default: '<rect x="2.5" y="2.5" width="11" height="11" rx="1.5"/><path d="M5 6h6M5 9h4"/>',
};
const ACTIVE = ['pending', 'accepted', 'wrapping'];

const formats = new Map();
function unit(locale, u) {
  const key = `${locale}|${u}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' })));
  return f;
}
function formatAge(ms, locale) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return unit(locale, 'second').format(s);
  const min = Math.floor(s / 60);
  if (min < 60) return unit(locale, 'minute').format(min);
  const h = Math.floor(min / 60);
  if (h < 24)
    return min % 60 ? `${unit(locale, 'hour').format(h)} ${unit(locale, 'minute').format(min % 60)}` : unit(locale, 'hour').format(h);
  return unit(locale, 'day').format(Math.floor(h / 24));
}
function formatCountdown(ms) {
  const s = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
function channelOf(task) {
  const unique = task?.task_channel_unique_name?.trim().toLowerCase();
  if (!unique) return 'default';
  if (unique === 'chat' || unique === 'conversation' || unique === 'conversations' || unique === 'messaging') return 'chat';
  return unique;
}
const firstText = (...values) => {
  for (const v of values) if (typeof v === 'string' && v.trim()) return v.trim();
  return undefined;
};
function summaryOf(task, channelName) {
  let a = {};
  try {
    const v = JSON.parse(task.attributes);
    if (v && typeof v === 'object' && !Array.isArray(v)) a = v;
  } catch {
    // not JSON: no attributes
  }
  const name = firstText(a.name, a.customerName, a.caller_name);
  const from = firstText(a.from);
  const subtitle = [name && from !== name ? from : undefined, firstText(a.subject)].filter(Boolean).join(' · ');
  return { title: name ?? from ?? channelName, subtitle: subtitle || undefined };
}
const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The panel's display order: pending by time left, then accepted and wrapping oldest first, then finished ones, newest first. */
function displayOrder(list, timeoutMs) {
  const group = (r) => (r.reservation_status === 'pending' ? 0 : ACTIVE.includes(r.reservation_status) ? 1 : 2);
  const deadline = (r) => Date.parse(r.date_created) + timeoutMs;
  return [...list].sort((a, b) => {
    const ga = group(a);
    const gb = group(b);
    if (ga !== gb) return ga - gb;
    if (ga === 0) return deadline(a) - deadline(b) || a.sid.localeCompare(b.sid);
    if (ga === 1) return a.date_created.localeCompare(b.date_created) || a.sid.localeCompare(b.sid);
    return b.date_updated.localeCompare(a.date_updated) || a.sid.localeCompare(b.sid);
  });
}

/** One row, as rows.ts renders it with no agent state (no form, message or busy action; details closed). */
function rowHtml(r, task, i, count, firstFinished, now, timeoutMs, locale) {
  const status = r.reservation_status;
  const channel = channelOf(task);
  const name = T.channels[channel] ?? channel;
  const finished = !ACTIVE.includes(status);
  const s = task ? summaryOf(task, name) : undefined;
  const title = task ? s.title : `Task ${r.task_sid}`;
  const pending = status === 'pending';
  const since = Date.parse(pending ? (task?.date_created ?? r.date_created) : r.date_updated);
  const created = Date.parse(r.date_created);
  let meta = '';
  if (!finished) {
    const queue = task?.task_queue_friendly_name;
    const priority = task?.priority;
    let countdown = '';
    if (status === 'pending' && timeoutMs > 0 && !Number.isNaN(created)) {
      const left = Math.max(0, created + timeoutMs - now);
      const warning = left <= Math.max(15_000, timeoutMs / 5);
      countdown = `<div class="left"><dt>Time left</dt><dd><span part="countdown" class="${warning ? 'countdown warning' : 'countdown'}" role="timer" data-warning="${warning}">${formatCountdown(left)}</span></dd></div>`;
    }
    meta =
      (s?.subtitle ? `<p class="subtitle" title="${esc(clip(s.subtitle, 1000))}"><bdi>${esc(s.subtitle)}</bdi></p>` : '') +
      `<dl class="meta"><div><dt>Channel</dt><dd><bdi>${esc(name)}</bdi></dd></div>` +
      (queue ? `<div><dt>Queue</dt><dd><bdi>${esc(queue)}</bdi></dd></div>` : '') +
      (priority != null ? `<div><dt>Priority</dt><dd>${esc(priority)}</dd></div>` : '') +
      `<div><dt>${pending ? 'Waiting' : 'Handling'}</dt><dd><time datetime="${esc(pending ? (task?.date_created ?? r.date_created) : r.date_updated)}">${Number.isNaN(since) ? '' : formatAge(now - since, locale)}</time></dd></div>` +
      `${countdown}</dl>`;
  }
  const details = task
    ? `<button type="button" class="disclosure" data-details aria-expanded="false" aria-controls="details-${esc(r.sid)}">Details</button>`
    : '';
  const offered = ACTIONS[status] ?? [];
  const lead = offered.find(([, e]) => e === 'primary') ?? offered.find(([, e]) => e === 'secondary');
  const actions = offered.length
    ? `<div part="actions" class="actions">${offered
        .map(
          (a) =>
            `<button type="button" data-action="${a[0]}" class="${a === lead ? 'primary' : a[1] === 'quiet' ? 'quiet' : 'secondary'}" aria-disabled="false">${T.actions[a[0]]}</button>`,
        )
        .join('')}</div>`
    : '';
  return (
    `<li aria-setsize="${count}" aria-posinset="${i + 1}">` +
    (i === firstFinished && i > 0 ? '<p class="separator">Finished</p>' : '') +
    `<div part="reservation" role="group" aria-label="Reservation: ${esc(clip(title, 200))}" aria-busy="false" class="${finished ? 'row finished' : 'row'}" data-reservation-sid="${esc(r.sid)}" data-reservation-status="${esc(status)}">` +
    `<div class="head" tabindex="-1"><svg class="channel-icon" viewBox="0 0 16 16" width="16" height="16" role="img" aria-label="${esc(name)}" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linejoin="round" stroke-linecap="round">${PATHS[channel] ?? PATHS.default}</svg>` +
    `<span class="title" title="${esc(clip(title, 1000))}"><bdi>${esc(title)}</bdi></span><span class="status">${esc(T.statuses[status] ?? status)}</span></div>` +
    `${meta}${details}${actions}</div></li>`
  );
}

/**
 * The baseline: the panel's rows for the same reservations and tasks, written with one
 * innerHTML assignment into a shadow root that adopts the panel's CSS. Before t0: the data
 * (the REST list and its tasks, one JSON document) and the CSS are fetched and parsed. t0 =
 * the data is in hand (as the panel's reservation-load), t1 = painted, measured as for the
 * panel. Sorting and formatting happen after t0, as in the panel.
 */
export async function renderBaseline({ dataUrl }) {
  const [data, cssText] = await Promise.all([fetch(dataUrl).then((r) => r.json()), fetch('/bench/rows.css').then((r) => r.text())]);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(cssText);
  const host = document.createElement('div');
  host.className = 'baseline';
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [sheet];
  stage().append(host);
  window.baselineRoot = root;
  const w = watch(() => [root]);
  await afterPaint();
  const t0 = performance.now();
  performance.mark('bench-t0', { startTime: t0 });
  w.arm();
  const now = Date.now();
  const locale = document.documentElement.lang || navigator.language || 'en';
  const timeoutMs = data.timeoutSeconds * 1000;
  const ordered = displayOrder(data.reservations, timeoutMs);
  const firstFinished = ordered.findIndex((r) => !ACTIVE.includes(r.reservation_status));
  root.innerHTML = `<div part="base" class="base"><ul part="list" class="list" tabindex="-1" aria-label="Reservations" aria-busy="false">${ordered
    .map((r, i) => rowHtml(r, data.tasks[r.task_sid], i, ordered.length, firstFinished, now, timeoutMs, locale))
    .join('')}</ul></div>`;
  // 10,000 rows written at once take many seconds to lay out.
  const t1 = await w.settled(() => true, 3, `the baseline's ${ordered.length} rows`, 180_000);
  performance.mark('bench-t1', { startTime: t1 });
  return { ms: t1 - t0, rowsInDom: root.querySelectorAll('li').length };
}

/** A row's markup in a canonical form: elements with sorted attributes, trimmed texts, no comments; clock texts masked. */
function canonical(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    const t = node.data.replace(/\s+/g, ' ').trim();
    return t ? JSON.stringify(t) : '';
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return '';
  const el = node;
  const attrs = [...el.attributes]
    .filter((a) => !(el.localName === 'li' && a.name === 'style'))
    .map((a) => `${a.name}=${JSON.stringify(a.value)}`)
    .sort();
  const masked = el.localName === 'time' || el.classList.contains('countdown');
  const kids = masked ? '(clock)' : [...el.childNodes].map(canonical).filter(Boolean).join('');
  return `<${[el.localName, ...attrs].join(' ')}>${kids}</${el.localName}>`;
}

/** The first `count` rows (`li`) of the panel's or the baseline's list, in canonical form. */
export function rowSignatures(count = 10) {
  const root = window.panel?.shadowRoot ?? window.baselineRoot;
  return [...root.querySelectorAll('ul > li')].slice(0, count).map(canonical);
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
    s.maxRows = Math.max(s.maxRows, rows(window.panel).length);
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
    rowsInDom: rows(panel).length,
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
      if (!el) return null;
      const own = el.closest('[data-reservation-sid]');
      if (own) return own.dataset.reservationSid;
      return el.closest('li')?.querySelector('[data-reservation-sid]')?.dataset.reservationSid ?? null;
    }
    if (!(root instanceof ShadowRoot)) return null;
    n = root.host;
  }
}

function describe(record) {
  const t = record.target;
  const el = t.nodeType === Node.ELEMENT_NODE ? t : t.parentElement;
  const name = el
    ? `${el.localName}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`
    : '?';
  return `${name} ${record.type}${record.attributeName ? ` ${record.attributeName}` : ''}`;
}

const fullyInView = (el) => {
  const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= innerHeight && r.height > 0;
};

/**
 * A row in view with status `from`: scrolls the page down (80 % of the viewport at a time,
 * waiting for the list to settle) until one is fully in view. Returns its SID.
 */
export async function rowInView(from, n) {
  const panel = window.panel;
  for (let i = 0; i < 200; i++) {
    const row = rows(panel).find((el) => el.dataset.reservationStatus === from && fullyInView(el));
    if (row) return row.dataset.reservationSid;
    const w = watch(() => panelRoots(panel));
    w.arm();
    window.scrollBy({ top: Math.round(innerHeight * 0.8), behavior: 'instant' });
    await w.settled(() => panelReady(panel, n), 3, 'the list after scrolling');
  }
  throw new Error(`no ${from} row came into view`);
}

const shows = (panel, sid, status) => {
  const row = panel.shadowRoot.querySelector(`[data-reservation-sid="${sid}"]`);
  return !!row && row.dataset.reservationStatus === status && row.querySelector('.status')?.textContent.trim() === T.statuses[status];
};

/**
 * Moves the reservation `sid` (in view) to `to` through the emulator's control API and
 * measures: from the control request (t0: just before it is sent) and from the panel's
 * `reservation-status-change` for it to painted, and every DOM mutation under the panel's
 * shadow root (and its forms') until then, by row. `settle`: painted = the last frame that
 * changed the panel, once it is quiet (3 frames); otherwise the first frame that shows the
 * row in its new status.
 */
export async function statusChange({ control, workspaceSid, sid, to, n, settle = true }) {
  const panel = window.panel;
  const w = watch(() => panelRoots(panel), { keep: true });
  let tEvent;
  let source;
  const changed = new Promise((resolve) =>
    panel.addEventListener('reservation-status-change', function on(e) {
      if (e.detail.sid !== sid) return;
      panel.removeEventListener('reservation-status-change', on);
      tEvent = performance.now();
      source = e.detail.source;
      resolve();
    }),
  );
  await afterPaint();
  w.arm();
  const t0 = performance.now();
  const res = await fetch(`${control}/workspaces/${workspaceSid}/reservations/${sid}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: to }),
  });
  if (!res.ok) throw new Error(`control: ${res.status}`);
  const tAnswered = performance.now();
  let t1;
  if (settle) {
    t1 = await w.settled(
      () => tEvent !== undefined && shows(panel, sid, to) && panelReady(panel, n),
      3,
      'the list after a status change',
      30_000,
    );
  } else {
    for (;;) {
      const t = await afterPaint();
      if (shows(panel, sid, to)) {
        t1 = t;
        break;
      }
      if (t - t0 > 30_000) throw new Error(`the change of ${sid} to ${to} did not show in 30 s`);
    }
    w.stop();
  }
  await changed;
  const byRow = {};
  const clockByRow = {};
  const outside = {};
  for (const r of w.records) {
    const owner = rowOf(r.target, panel);
    if (isClockText(r)) {
      if (owner) clockByRow[owner] = (clockByRow[owner] ?? 0) + 1;
      continue;
    }
    if (owner) byRow[owner] = (byRow[owner] ?? 0) + 1;
    else outside[describe(r)] = (outside[describe(r)] ?? 0) + 1;
  }
  const touched = Object.keys(byRow);
  return {
    ms: t1 - t0,
    eventMs: tEvent === undefined ? null : t1 - tEvent,
    controlAnsweredMs: tAnswered - t0,
    source,
    records: w.records.length,
    clockRecords: Object.values(clockByRow).reduce((a, b) => a + b, 0),
    rowRecords: Object.values(byRow).reduce((a, b) => a + b, 0),
    rowsTouched: touched.length,
    onlyChangedRow: touched.length === 1 && touched[0] === sid,
    otherRowsTouched: touched.filter((s) => s !== sid),
    changedRowRecords: byRow[sid] ?? 0,
    outsideRows: outside,
    shown: shows(panel, sid, to),
  };
}

// ---------------------------------------------------------------- the conference form

const firstRow = () => rows(window.panel).find((row) => row.dataset.reservationStatus === 'pending');
const formOf = (row) => row?.querySelector('reservation-form');

let opening;

/** Arms the measurement of the next click that opens a form in the first pending row: click → form painted. */
export function watchFormOpen() {
  const panel = window.panel;
  const sid = firstRow().dataset.reservationSid;
  const row = () => panel.shadowRoot.querySelector(`[data-reservation-sid="${sid}"]`);
  const w = watch(() => panelRoots(panel));
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
      const form = formOf(row());
      return !!form && !form.isUpdatePending && !panel.isUpdatePending && !!form.shadowRoot?.querySelector('input');
    };
    const t1 = await w.settled(ready, 3, 'the opened form (is <reservation-form> defined?)');
    return t1 - t0;
  });
  return sid;
}

export const formOpened = () => opening;

/** Waits until the row `sid` shows no form any more (closed), settled. */
export async function formClosed(sid) {
  const panel = window.panel;
  const w = watch(() => panelRoots(panel));
  w.arm();
  await w.settled(
    () => !formOf(panel.shadowRoot.querySelector(`[data-reservation-sid="${sid}"]`)) && !panel.isUpdatePending,
    3,
    'the closed form',
  );
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
    t.eventEntries.push(
      ...list.getEntries().map((e) => ({ name: e.name, duration: e.duration, inputDelay: e.processingStart - e.startTime })),
    ),
  );
  t.observer.observe({ type: 'event', durationThreshold: 16, buffered: false });
  window.addEventListener('keydown', t.onKey, true);
  typing = t;
}

/** Resolves once `n` keystrokes have been painted. */
export const typed = (n) =>
  typing.keyToPaint.length >= n ? Promise.resolve() : new Promise((resolve) => typing.waiters.push({ n, resolve }));

export async function stopTyping(sid) {
  const t = typing;
  await afterPaint();
  await new Promise((r) => setTimeout(r, 50));
  t.eventEntries.push(
    ...t.observer.takeRecords().map((e) => ({ name: e.name, duration: e.duration, inputDelay: e.processingStart - e.startTime })),
  );
  t.observer.disconnect();
  window.removeEventListener('keydown', t.onKey, true);
  const form = formOf(window.panel.shadowRoot.querySelector(`[data-reservation-sid="${sid}"]`));
  const input = form?.shadowRoot.querySelector('input[type="text"]');
  return { keyToPaint: t.keyToPaint, inputDelays: t.inputDelays, eventEntries: t.eventEntries, value: input?.value ?? null };
}

// ---------------------------------------------------------------- network

/** Start times of the list requests this page made (Resource Timing): REST lists, or every event-bridge call. */
export const listRequestTimes = () =>
  performance
    .getEntriesByType('resource')
    .filter((e) => /\/Reservations$|\/Reservations\?/.test(e.name) && (e.initiatorType === 'fetch' || e.initiatorType === 'xmlhttprequest'))
    .map((e) => e.startTime);

/**
 * Resolves once no task has been fetched for `quietMs` (Resource Timing, observed: REST
 * `…/Tasks/WT…`), so that a panel that fetches its tasks after its list is done with them.
 */
export function tasksFetched(quietMs = 500) {
  return new Promise((resolve) => {
    let timer;
    const again = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        observer.disconnect();
        resolve();
      }, quietMs);
    };
    const observer = new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => /\/Tasks\/WT/.test(e.name))) again();
    });
    observer.observe({ type: 'resource' });
    again();
  });
}

/** Resolves at the panel's next `reservation-status-change` caused by its own action. */
export const actionLanded = () =>
  new Promise((resolve) =>
    window.panel.addEventListener('reservation-status-change', function on(e) {
      if (e.detail.source !== 'action') return;
      window.panel.removeEventListener('reservation-status-change', on);
      resolve(e.detail.sid);
    }),
  );

// ---------------------------------------------------------------- memory

/** Mounts a panel, waits for its list and its rows, and removes it, `n` times. */
export async function cycles(args) {
  for (let i = 0; i < args.n; i++) {
    const panel = createPanel(args);
    const loaded = new Promise((resolve, reject) => {
      panel.addEventListener('reservation-load', resolve, { once: true });
      panel.addEventListener('reservation-error', (e) => reject(new Error(e.detail.message)), { once: true });
    });
    stage().append(panel);
    await loaded;
    await panel.updateComplete;
    if (!rows(panel).length) throw new Error('cycles: the panel showed no rows');
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
  rowSignatures,
  rows,
  mountPanel,
  reload,
  startResponsiveness,
  jumpToEnd,
  stopResponsiveness,
  rowInView,
  statusChange,
  watchFormOpen,
  formOpened,
  formClosed,
  startTyping,
  typed,
  stopTyping,
  listRequestTimes,
  actionLanded,
  tasksFetched,
  cycles,
  liveTimers,
};
window.dispatchEvent(new Event('bench-ready'));
