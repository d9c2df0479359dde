// 5. Network, counted in the emulator's request log: list requests per idle minute at the
// default poll interval, none while the page is hidden, exactly one POST per action.
// Runs in the browser's default context, where a page really becomes hidden when another
// tab comes to the front.
import { checkErrors, log, openPage, requestLog, scenario } from './common.mjs';
import { median, round, sleep } from '../stats.mjs';

const IDLE_MS = 30_000;
const HIDDEN_MS = 15_000;
const ACTIONS = 5;

const lists = (entries) => entries.filter((e) => e.method === 'GET' && /\/Reservations$/.test(e.path));
const posts = (entries) => entries.filter((e) => e.method === 'POST');

export async function networkSection({ defaultContext, server }) {
  const s = await scenario(server, 10, { status: 'pending' });
  const page = await openPage(defaultContext, server, 'panel');
  let other;
  try {
    const visibility = () => page.evaluate(() => document.visibilityState);
    await page.bringToFront();
    if ((await visibility()) !== 'visible') throw new Error('network: the page is not visible at the start');
    // Default poll interval: no poll-interval attribute.
    await page.evaluate((a) => window.bench.mountPanel(a), { apiBase: s.apiBase, token: s.token, n: s.n });

    // Idle: no one touches anything.
    const start = (await requestLog(server, s.workspaceSid)).length;
    await sleep(IDLE_MS);
    const idle = (await requestLog(server, s.workspaceSid)).slice(start);
    const times = await page.evaluate(() => window.bench.listRequestTimes());
    const gaps = times.slice(1).map((t, i) => t - times[i]);

    // Hidden: another tab in front.
    other = await defaultContext.newPage();
    await other.bringToFront();
    await sleep(200);
    const hiddenState = await visibility();
    if (hiddenState !== 'hidden') throw new Error(`network: the page did not become hidden (${hiddenState})`);
    const beforeHidden = (await requestLog(server, s.workspaceSid)).length;
    await sleep(HIDDEN_MS);
    const hidden = (await requestLog(server, s.workspaceSid)).slice(beforeHidden);
    // Back in front: one refresh at once.
    const beforeShown = (await requestLog(server, s.workspaceSid)).length;
    await page.bringToFront();
    await sleep(1000);
    const shownState = await visibility();
    const shown = (await requestLog(server, s.workspaceSid)).slice(beforeShown);
    await other.close();
    other = undefined;

    // Actions: click Accept on five rows, then double-click Accept on a sixth.
    const postsPerAction = [];
    const acceptOnce = async (i, dbl) => {
      const before = (await requestLog(server, s.workspaceSid)).length;
      const changed = page.evaluate(
        () =>
          new Promise((resolve) =>
            window.panel.addEventListener('reservation-status-change', function on(e) {
              if (e.detail.source !== 'action') return;
              window.panel.removeEventListener('reservation-status-change', on);
              resolve();
            }),
          ),
      );
      const button = page.locator('reservation-item').nth(i).locator('button[data-action="accept"]');
      await (dbl ? button.dblclick() : button.click());
      await changed;
      await sleep(500);
      return posts((await requestLog(server, s.workspaceSid)).slice(before)).length;
    };
    for (let i = 0; i < ACTIONS; i++) postsPerAction.push(await acceptOnce(i, false));
    const doubleClick = await acceptOnce(ACTIONS, true);
    checkErrors(page, 'network');

    const out = {
      pollIntervalMs: 5000,
      idleWindowMs: IDLE_MS,
      idleRequests: idle.length,
      idleListRequests: lists(idle).length,
      requestsPerIdleMinute: round((idle.length * 60_000) / IDLE_MS, 1),
      medianPollGapMs: round(median(gaps), 0),
      hiddenWindowMs: HIDDEN_MS,
      hiddenState,
      hiddenRequests: hidden.length,
      shownState,
      requestsOnShow: shown.length,
      postsPerAction,
      postsPerActionMedian: median(postsPerAction),
      postsOnDoubleClick: doubleClick,
    };
    log(
      `network: ${out.requestsPerIdleMinute} requests per idle minute (${idle.length} in ${IDLE_MS / 1000} s, polls every ${out.medianPollGapMs} ms), ${hidden.length} while hidden ${HIDDEN_MS / 1000} s, ${shown.length} on showing again, POSTs per Accept ${postsPerAction.join(', ')}, on a double click ${doubleClick}`,
    );
    return out;
  } finally {
    await other?.close().catch(() => {});
    await page.close().catch(() => {});
  }
}
