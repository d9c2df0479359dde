/**
 * The static Storybook (`npm run build-storybook`), served by the test server under
 * /storybook-static/ as a plain web server would (scripts/storybook-static.mjs builds it
 * before the run): its stories run against the TaskRouter emulator in a Service Worker.
 * A story counts as passed when Storybook reports it finished, its play function ran to
 * its end (the static build reports a play function that throws only as an event, not in
 * the finished status), and axe found nothing.
 */
import { expect } from '@open-wc/testing';

const BASE = '/storybook-static/';

interface StoryFinished {
  storyId: string;
  status: 'success' | 'error' | 'warning';
  reporters: { type: string; status: string; result?: { violations?: { id: string }[] } }[];
}

interface Channel {
  on(event: string, listener: (payload: unknown) => void): void;
}

interface StorybookWindow extends Window {
  __STORYBOOK_ADDONS_CHANNEL__?: Channel;
}

interface OpenedStory {
  frame: HTMLIFrameElement;
  win: StorybookWindow;
  finished: StoryFinished;
  /** the render phases the story went through (`played` once its play function finished without error) */
  phases: string[];
  /** what the story or its play function threw */
  errors: string[];
}

async function until<T>(check: () => T, message: string, timeout = 20000): Promise<NonNullable<T>> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const frames: HTMLIFrameElement[] = [];

/** Opens a story in an iframe; resolves once the story (and its play function) finished. */
async function openStory(id: string): Promise<OpenedStory> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 900px; height: 700px; border: 0';
  frame.src = `${BASE}iframe.html?id=${id}&viewMode=story`;
  document.body.append(frame);
  frames.push(frame);
  const win = () => frame.contentWindow as StorybookWindow | null;
  const channel = await until(() => win()?.__STORYBOOK_ADDONS_CHANNEL__, 'the Storybook preview');
  const phases: string[] = [];
  const errors: string[] = [];
  const message = (e: unknown) => String((e as { message?: unknown })?.message ?? JSON.stringify(e));
  channel.on('storyRenderPhaseChanged', (e) => phases.push((e as { newPhase: string }).newPhase));
  for (const event of ['playFunctionThrewException', 'storyThrewException', 'storyErrored'])
    channel.on(event, (e) => errors.push(`${event}: ${message(e)}`));
  channel.on('unhandledErrorsWhilePlaying', (e) => errors.push(...(e as unknown[]).map((x) => `unhandled: ${message(x)}`)));
  const finished = await new Promise<StoryFinished>((resolve) => channel.on('storyFinished', (e) => resolve(e as StoryFinished)));
  return { frame, finished, win: win()!, phases, errors };
}

/** Storybook finished the story, its play function ran to its end, and axe found nothing. */
function expectPassed(story: OpenedStory) {
  expect(story.errors, story.errors.join('\n')).to.deep.equal([]);
  expect(story.finished.status, JSON.stringify(story.finished.reporters)).to.equal('success');
  expect(story.phases, story.phases.join(' → ')).to.include('played');
  const a11y = story.finished.reporters.find((r) => r.type === 'a11y');
  expect(a11y?.status, JSON.stringify(a11y?.result?.violations?.map((v) => v.id))).to.equal('passed');
}

const panelOf = (win: Window) => win.document.querySelector('reservation-panel') as (HTMLElement & { token?: string }) | null;

const rowsIn = (win: Window) => [...(panelOf(win)?.shadowRoot?.querySelectorAll<HTMLElement>('[part~="reservation"]') ?? [])];

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A row's facts as label → value (Channel, Queue, …). */
const factsOf = (row: HTMLElement) =>
  Object.fromEntries(
    [...row.querySelectorAll(':scope > .meta > div')].map((d) => [text(d.querySelector('dt')), text(d.querySelector('dd'))]),
  );

interface WireTask {
  sid: string;
  attributes: string;
  task_channel_unique_name: string;
}

/**
 * The tasks of the story's reservations as the panel got them: the emulator's REST API,
 * asked with the panel's own token (so a story's faults apply as they did to the panel).
 */
async function tasksOfPanel(win: Window): Promise<Map<string, WireTask>> {
  const token = panelOf(win)?.token;
  if (!token) throw new Error('the panel has no token');
  const grant = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).grants.task_router;
  const api = `${BASE}emulator/v1/Workspaces/${grant.workspace_sid}`;
  const get = async <T>(path: string): Promise<T> => {
    const res = await win.fetch(`${api}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, path).to.equal(200);
    return res.json() as Promise<T>;
  };
  const { reservations } = await get<{ reservations: { sid: string; task_sid: string }[] }>(
    `/Workers/${grant.worker_sid}/Reservations?PageSize=100`,
  );
  const tasks = new Map<string, WireTask>();
  for (const r of reservations) tasks.set(r.sid, await get<WireTask>(`/Tasks/${r.task_sid}`));
  return tasks;
}

/** What a row is titled by default: the attributes' `name`, else `from`, else the channel's name. */
function defaultTitle(task: WireTask, channelName: string): string {
  const a = JSON.parse(task.attributes) as Record<string, unknown>;
  const first = [a['name'], a['from']].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return first?.trim() ?? channelName;
}

describe('static Storybook', function () {
  this.timeout(60000);

  afterEach(() => {
    frames.splice(0).forEach((f) => f.remove());
  });

  after(async () => {
    const registrations = await navigator.serviceWorker.getRegistrations();
    await Promise.all(registrations.filter((r) => r.scope.endsWith(BASE)).map((r) => r.unregister()));
  });

  it('serves Storybook and its emulator Service Worker as static files', async () => {
    const index = await (await fetch(`${BASE}index.json`)).json();
    expect(Object.keys(index.entries)).to.include.members([
      'reservation-panel-states--default',
      'reservation-panel-what-the-work-is--channel-voice',
      'reservation-panel-long-and-unusual-content--long-name',
      'reservation-panel-event-bridge-dev-server--live',
    ]);
    const sw = await fetch(`${BASE}emulator-sw.js`);
    expect(sw.status).to.equal(200);
    expect(sw.headers.get('content-type')).to.match(/javascript/);
  });

  it('renders a story with its reservations and their tasks from the emulator in a Service Worker', async () => {
    const story = await openStory('reservation-panel-states--default');
    const { win } = story;
    expectPassed(story);
    expect(win.navigator.serviceWorker.controller?.scriptURL).to.equal(new URL(`${BASE}emulator-sw.js`, location.href).href);
    await until(() => rowsIn(win).length === 6, 'six reservations');
    expect(
      rowsIn(win)
        .map((r) => r.dataset['reservationStatus'])
        .sort(),
    ).to.deep.equal(['accepted', 'completed', 'pending', 'pending', 'rejected', 'wrapping']);
    // each row is titled by its task's name, and is a group named after it
    const tasks = await tasksOfPanel(win);
    for (const row of rowsIn(win)) {
      const task = tasks.get(row.dataset['reservationSid']!)!;
      const name = JSON.parse(task.attributes).name as string;
      expect(text(row.querySelector('.title'))).to.equal(name);
      expect(row.getAttribute('role')).to.equal('group');
      expect(row.getAttribute('aria-label')).to.equal(`Reservation: ${name}`);
    }
    // the emulator that answered is the one in the browser (no server hosts it there)
    const answer = await win.fetch(`${BASE}emulator/demo/workers`);
    expect(answer.headers.get('x-reservation-panel-emulator')).to.equal('browser');
    expect(panelOf(win)!.getAttribute('api-base')).to.equal(`${BASE}emulator/v1`);
  });

  it('plays an interaction there: accepting a reservation', async () => {
    const story = await openStory('reservation-panel-interactions--accept');
    expectPassed(story);
    expect(rowsIn(story.win).filter((r) => r.dataset['reservationStatus'] === 'accepted')).to.have.length(1);
  });

  const CHANNEL_STORIES = [
    ['voice', 'Voice'],
    ['chat', 'Chat'],
    ['sms', 'SMS'],
    ['email', 'Email'],
    ['unknown', 'video'],
  ] as const;

  for (const [story, channelName] of CHANNEL_STORIES) {
    it(`renders the ${channelName} channel story: each row's channel and title from its task`, async () => {
      const opened = await openStory(`reservation-panel-what-the-work-is--channel-${story}`);
      const { win } = opened;
      expectPassed(opened);
      const rows = rowsIn(win);
      expect(rows.length).to.be.greaterThan(1);
      const tasks = await tasksOfPanel(win);
      expect(tasks.size).to.equal(rows.length);
      for (const row of rows) {
        const task = tasks.get(row.dataset['reservationSid']!)!;
        const channel = task.task_channel_unique_name === story || (story === 'unknown' && task.task_channel_unique_name === 'video');
        expect(channel, `${task.sid} is on ${task.task_channel_unique_name}`).to.equal(true);
        expect(factsOf(row)['Channel']).to.equal(channelName);
        expect(row.querySelector('svg[role="img"]')?.getAttribute('aria-label')).to.equal(channelName);
        expect(text(row.querySelector('.title'))).to.equal(defaultTitle(task, channelName));
      }
    });
  }

  it('keeps the event-bridge story, which needs the dev server, from breaking here: it says what it needs', async () => {
    const story = await openStory('reservation-panel-event-bridge-dev-server--live');
    expectPassed(story);
    expect(panelOf(story.win)).to.equal(null);
    expect(text(story.win.document.querySelector('[role="note"]'))).to.match(/npm run storybook/);
  });
});
