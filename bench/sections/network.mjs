// 4. Network, REST polling and twilio side by side, counted in the emulator's request log
// (which logs each event-bridge call as a POST to /v1/wschannels, its envelope in the
// body; the WebSocket itself is not a request): task fetches for a first list of 24
// reservations sharing 8 tasks and for a second list; requests in 30 s idle (×2 for a
// minute; REST at the default 5 s poll interval); 15 s with the page hidden behind another
// tab (`document.visibilityState` checked to be `hidden`); then, still hidden, two new
// reservations with new tasks (REST: the host calls refresh(); twilio: pushed), and no task
// fetched until the page shows again; Accept clicked on five rows and double-clicked on a
// sixth: the updates sent. Runs in the browser's default context, where a page really
// becomes hidden when another tab comes to the front.
import { checkErrors, isTaskFetch, isUpdate, log, openPage, panelArgs, requestLog, scenario, seeded } from './common.mjs';
import { loadTs } from '../../scripts/load-ts.mjs';
import { median, round, sleep } from '../stats.mjs';

const IDLE_MS = 30_000;
const HIDDEN_MS = 15_000;
const ACTIONS = 5;
const N = 24;
const TASKS = 8;
/** The REST connection's default poll interval (no poll-interval attribute). */
const REST_POLL_MS = 5000;

/** Each task was offered three times: pending now, rejected and timed out before (REST lists all three; twilio the active one). */
const networkScenario = (server, seed) =>
  scenario(server, N, { tasks: TASKS, statusOf: (i) => (i < TASKS ? 'pending' : i < 2 * TASKS ? 'rejected' : 'timeout'), seed });

const taskSidOf = (entry) => /\/Tasks\/(WT[0-9a-f]{32})/i.exec(entry.path + (entry.body ?? ''))?.[1];

/** How many times each task was fetched. */
function fetchesByTask(entries) {
  const by = {};
  for (const e of entries.filter(isTaskFetch)) by[taskSidOf(e)] = (by[taskSidOf(e)] ?? 0) + 1;
  return by;
}

async function measure(defaultContext, server, connection) {
  const s = await networkScenario(server, connection === 'twilio' ? 41 : 42);
  const since = async (start) => (await requestLog(server, s.workspaceSid)).slice(start);
  const mark = async () => (await requestLog(server, s.workspaceSid)).length;
  const page = await openPage(defaultContext, server, 'panel');
  let other;
  try {
    const visibility = () => page.evaluate(() => document.visibilityState);
    await page.bringToFront();
    if ((await visibility()) !== 'visible') throw new Error(`network (${connection}): the page is not visible at the start`);

    // A first list (default poll interval: no poll-interval attribute), its tasks; then a second list.
    const atMount = await mark();
    await page.evaluate((a) => window.bench.mountPanel(a), panelArgs(s, connection));
    await page.evaluate(() => window.bench.tasksFetched());
    await sleep(500);
    const firstList = fetchesByTask(await since(atMount));
    const atSecond = await mark();
    await page.evaluate(() => window.bench.reload());
    await sleep(500);
    const secondList = fetchesByTask(await since(atSecond));

    // Idle: no one touches anything.
    const atIdle = await mark();
    await page.evaluate(() => performance.clearResourceTimings());
    await sleep(IDLE_MS);
    const idle = await since(atIdle);
    const times = await page.evaluate(() => window.bench.listRequestTimes());
    const gaps = times.slice(1).map((t, i) => t - times[i]);

    // Hidden: another tab in front.
    other = await defaultContext.newPage();
    await other.bringToFront();
    await sleep(200);
    const hiddenState = await visibility();
    if (hiddenState !== 'hidden') throw new Error(`network (${connection}): the page did not become hidden (${hiddenState})`);
    const atHidden = await mark();
    await sleep(HIDDEN_MS);
    const hidden = await since(atHidden);

    // Still hidden: two new reservations with new tasks. REST hears of them when the host
    // refreshes (nothing polls while hidden); the event-bridge pushes them, tasks included.
    const { randomTaskContent } = await loadTs('src/emulator/demo-data.ts');
    const random = seeded(7);
    const rowsBeforeNew = await page.evaluate(() => window.bench.rows(window.panel).length);
    const atNew = await mark();
    for (let i = 0; i < 2; i++) {
      const { ageSeconds: _a, ...content } = randomTaskContent(random);
      await server.control(`/workspaces/${s.workspaceSid}/reservations`, {
        workerSid: s.workerSid,
        task: `new${i}`,
        content,
        status: 'pending',
      });
    }
    const loadsWhileHidden = page.evaluate(
      (rest) =>
        new Promise((resolve) => {
          let loads = 0;
          window.panel.addEventListener('reservation-load', () => loads++);
          if (rest) void window.panel.refresh();
          setTimeout(() => resolve(loads), 2000);
        }),
      connection === 'rest',
    );
    await loadsWhileHidden;
    const rowsWhileHidden = await page.evaluate(() => window.bench.rows(window.panel).length);
    const hiddenNew = await since(atNew);
    const stillHidden = await visibility();

    // Back in front: the list at once, and the tasks that waited.
    const atShown = await mark();
    await page.bringToFront();
    await sleep(1500);
    const shownState = await visibility();
    const shown = await since(atShown);
    await other.close();
    other = undefined;

    // Actions: Accept on five pending rows, then a double click on a sixth.
    const updatesPerAction = [];
    const acceptOnce = async (dbl) => {
      const at = await mark();
      const landed = page.evaluate(() => window.bench.actionLanded());
      const button = page.locator('reservation-panel [data-reservation-status="pending"] button[data-action="accept"]').first();
      await (dbl ? button.dblclick() : button.click());
      await landed;
      await sleep(500);
      return (await since(at)).filter(isUpdate).length;
    };
    for (let i = 0; i < ACTIONS; i++) updatesPerAction.push(await acceptOnce(false));
    const doubleClick = await acceptOnce(true);
    checkErrors(page, `network (${connection})`);

    const out = {
      connection,
      reservations: N,
      distinctTasks: TASKS,
      listed: connection === 'twilio' ? TASKS : N,
      taskFetchesFirstList: Object.values(firstList).reduce((a, b) => a + b, 0),
      tasksFetchedFirstList: Object.keys(firstList).length,
      mostFetchesOfOneTask: Math.max(0, ...Object.values(firstList)),
      taskFetchesSecondList: Object.values(secondList).reduce((a, b) => a + b, 0),
      pollIntervalMs: connection === 'twilio' ? null : REST_POLL_MS,
      idleWindowMs: IDLE_MS,
      idleRequests: idle.length,
      requestsPerIdleMinute: round((idle.length * 60_000) / IDLE_MS, 1),
      medianPollGapMs: gaps.length ? round(median(gaps), 0) : null,
      hiddenWindowMs: HIDDEN_MS,
      hiddenState,
      hiddenRequests: hidden.length,
      hiddenNew: {
        state: stillHidden,
        requests: hiddenNew.length,
        taskFetches: hiddenNew.filter(isTaskFetch).length,
        rowsBefore: rowsBeforeNew,
        rows: rowsWhileHidden,
      },
      shownState,
      requestsOnShow: shown.length,
      taskFetchesOnShow: shown.filter(isTaskFetch).length,
      updatesPerAction,
      updatesOnDoubleClick: doubleClick,
    };
    log(
      `network (${connection}): tasks fetched for a first list of ${out.listed} (${TASKS} tasks) ${out.taskFetchesFirstList} (at most ${out.mostFetchesOfOneTask} per task), for a second ${out.taskFetchesSecondList}; ${out.requestsPerIdleMinute} requests per idle minute (${idle.length} in ${IDLE_MS / 1000} s${out.medianPollGapMs ? `, polls every ${out.medianPollGapMs} ms` : ''}), ${hidden.length} while hidden ${HIDDEN_MS / 1000} s; two new reservations while hidden (rows ${rowsBeforeNew} → ${rowsWhileHidden}): ${hiddenNew.length} requests, ${out.hiddenNew.taskFetches} task fetches; on showing again ${shown.length} requests (${out.taskFetchesOnShow} task fetches); updates per Accept ${updatesPerAction.join(', ')}, on a double click ${doubleClick}`,
    );
    return out;
  } finally {
    await other?.close().catch(() => {});
    await page.close().catch(() => {});
  }
}

export async function networkSection({ defaultContext, server }) {
  return { rest: await measure(defaultContext, server, 'rest'), twilio: await measure(defaultContext, server, 'twilio') };
}
