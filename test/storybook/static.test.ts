/**
 * The static Storybook (`npm run build-storybook`), served by the test server under
 * /storybook-static/ as a plain web server would (scripts/storybook-static.mjs builds it
 * before the run): its stories run against the TaskRouter emulator in a Service Worker.
 */
import { expect } from '@open-wc/testing';

const BASE = '/storybook-static/';

interface StoryFinished {
  storyId: string;
  status: 'success' | 'error' | 'warning';
  reporters: { type: string; status: string; result?: { violations?: { id: string }[] } }[];
}

interface StorybookWindow extends Window {
  __STORYBOOK_ADDONS_CHANNEL__?: { on(event: string, listener: (payload: StoryFinished) => void): void };
}

async function until<T>(check: () => T, message: string, timeout = 20000): Promise<NonNullable<T>> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Opens a story in an iframe; resolves with the iframe and Storybook's report once the story (and its play function) finished. */
async function openStory(id: string) {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 900px; height: 700px; border: 0';
  frame.src = `${BASE}iframe.html?id=${id}&viewMode=story`;
  document.body.append(frame);
  const win = () => frame.contentWindow as StorybookWindow | null;
  const channel = await until(() => win()?.__STORYBOOK_ADDONS_CHANNEL__, 'the Storybook preview');
  const finished = await new Promise<StoryFinished>((resolve) => channel.on('storyFinished', resolve));
  return { frame, finished, win: win()! };
}

const rowsIn = (win: Window) =>
  [...(win.document.querySelector('reservation-panel')?.shadowRoot?.querySelectorAll<HTMLElement>('[part~="reservation"]') ?? [])];

describe('static Storybook', function () {
  this.timeout(60000);
  const frames: HTMLIFrameElement[] = [];

  after(async () => {
    frames.forEach((f) => f.remove());
    const registrations = await navigator.serviceWorker.getRegistrations();
    await Promise.all(registrations.filter((r) => r.scope.endsWith(BASE)).map((r) => r.unregister()));
  });

  it('serves Storybook and its emulator Service Worker as static files', async () => {
    const index = await (await fetch(`${BASE}index.json`)).json();
    expect(Object.keys(index.entries)).to.include('reservation-panel-states--default');
    const sw = await fetch(`${BASE}emulator-sw.js`);
    expect(sw.status).to.equal(200);
    expect(sw.headers.get('content-type')).to.match(/javascript/);
  });

  it('renders a story with its reservations from the emulator in a Service Worker', async () => {
    const { frame, finished, win } = await openStory('reservation-panel-states--default');
    frames.push(frame);
    expect(finished.status, JSON.stringify(finished.reporters)).to.equal('success');
    expect(win.navigator.serviceWorker.controller?.scriptURL).to.equal(new URL(`${BASE}emulator-sw.js`, location.href).href);
    await until(() => rowsIn(win).length === 6, 'six reservations');
    expect(rowsIn(win).map((r) => r.dataset['reservationStatus']).sort()).to.deep.equal(
      ['accepted', 'completed', 'pending', 'pending', 'rejected', 'wrapping'],
    );
    // the emulator that answered is the one in the browser (no server hosts it there)
    const answer = await win.fetch(`${BASE}emulator/demo/workers`);
    expect(answer.headers.get('x-reservation-panel-emulator')).to.equal('browser');
    const panel = win.document.querySelector('reservation-panel')!;
    expect(panel.getAttribute('api-base')).to.equal(`${BASE}emulator/v1`);
    const a11y = finished.reporters.find((r) => r.type === 'a11y');
    expect(a11y?.status, JSON.stringify(a11y?.result?.violations?.map((v) => v.id))).to.equal('passed');
  });

  it('plays an interaction there: accepting a reservation', async () => {
    const { frame, finished, win } = await openStory('reservation-panel-interactions--accept');
    frames.push(frame);
    expect(finished.status, JSON.stringify(finished.reporters)).to.equal('success');
    expect(rowsIn(win).filter((r) => r.dataset['reservationStatus'] === 'accepted')).to.have.length(1);
  });
});
