/**
 * The built bundle, as a `<script type="module">` page gets it: `dist/reservation-panel.js`
 * and the chunks it loads on demand. Waits for the same build as package.test.ts.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { API_BASE, scenario } from '../support/emulator.js';

before(async function () {
  this.timeout(240_000);
  while ((await executeServerCommand<{ pending: boolean }, undefined>('package-contents')).pending) {
    // the build is still running
  }
  await import(/* @vite-ignore */ `${'/dist/reservation-panel.js'}`);
});

const until = async <T>(check: () => T, what: string): Promise<NonNullable<T>> => {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (performance.now() - start > 8000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('the built bundle', () => {
  it('registers the panel, lists reservations and opens a form from its on-demand chunk', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const panel = document.createElement('reservation-panel') as HTMLElement & { token?: string };
    panel.setAttribute('api-base', API_BASE);
    panel.setAttribute('poll-interval', '0');
    panel.token = s.token;
    document.body.append(panel);
    try {
      const row = await until(() => panel.shadowRoot?.querySelector<HTMLElement>('[part~="reservation"]'), 'a row');
      const dequeue = await until(
        () => [...row.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Dequeue'),
        'the Dequeue button',
      );
      dequeue.click();
      const form = await until(() => row.querySelector('reservation-form')?.shadowRoot?.querySelector('form'), 'the form');
      expect(customElements.get('reservation-form')).to.not.equal(undefined);
      expect(form.querySelector('[name="DequeueFrom"]')).to.not.equal(null);
    } finally {
      panel.remove();
    }
  });
});

/** A page of its own (same origin) whose `<head>` is `head`; resolves with its window once loaded. */
async function framePage(head: string, body = ''): Promise<{ win: Window & typeof globalThis; frame: HTMLIFrameElement }> {
  const frame = document.createElement('iframe');
  frame.style.width = '400px';
  frame.style.height = '400px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
  document.body.append(frame);
  await loaded;
  return { win: frame.contentWindow as Window & typeof globalThis, frame };
}

describe('the built bundle among other code on a page', () => {
  it('coexists with a second copy of itself (the same file under another URL): no uncaught error, no warning', async () => {
    const { win, frame } = await framePage(
      `<script>window.__errors = []; window.__warnings = [];
        addEventListener('error', (e) => __errors.push(String(e.message)));
        addEventListener('unhandledrejection', (e) => __errors.push(String(e.reason)));
        const warn = console.warn; console.warn = (...a) => { __warnings.push(a.join(' ')); warn(...a); };</script>
       <script type="module" src="/dist/reservation-panel.js"></script>
       <script type="module" src="/dist/reservation-panel.js?copy=2"></script>`,
    );
    try {
      await until(() => win.customElements.get('reservation-panel'), 'the element');
      await new Promise((r) => setTimeout(r, 300));
      const w = win as unknown as { __errors: string[]; __warnings: string[] };
      expect(w.__errors).to.deep.equal([]);
      expect(w.__warnings.filter((m) => m.includes('reservation-panel'))).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });

  it('says in the console which version stays when another version is already registered, and throws nothing', async () => {
    const { win, frame } = await framePage(
      `<script>window.__errors = []; window.__warnings = [];
        addEventListener('error', (e) => __errors.push(String(e.message)));
        const warn = console.warn; console.warn = (...a) => { __warnings.push(a.join(' ')); warn(...a); };
        customElements.define('reservation-panel', class extends HTMLElement { static version = '0.0.1'; });</script>
       <script type="module" src="/dist/reservation-panel.js"></script>`,
    );
    try {
      const w = win as unknown as { __errors: string[]; __warnings: string[] };
      await until(() => w.__warnings.length || w.__errors.length, 'a warning');
      expect(w.__errors).to.deep.equal([]);
      expect(w.__warnings[0]).to.match(
        /<reservation-panel> \S+ was loaded .*<reservation-panel> 0\.0\.1 is already registered; that one stays in use/,
      );
    } finally {
      frame.remove();
    }
  });

  it('works under a strict Content-Security-Policy with Trusted Types (trusted-types lit-html)', async () => {
    const s = await scenario({ tasks: { t: { attributes: { name: 'Jane Doe' } } }, reservations: [{ status: 'pending', task: 't' }] });
    const csp =
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";
    const { win, frame } = await framePage(
      `<meta http-equiv="Content-Security-Policy" content="${csp}">
       <script>window.__violations = []; addEventListener('securitypolicyviolation', (e) => __violations.push(e.violatedDirective));</script>
       <script type="module" src="/dist/reservation-panel.js"></script>`,
      `<reservation-panel api-base="${API_BASE}" poll-interval="0"></reservation-panel>`,
    );
    try {
      const panel = await until(
        () => win.document.querySelector('reservation-panel') as (HTMLElement & { token?: string }) | null,
        'the panel',
      );
      await until(() => win.customElements.get('reservation-panel'), 'the element');
      panel.token = s.token;
      const row = await until(() => panel.shadowRoot?.querySelector<HTMLElement>('[part~="reservation"]'), 'a row');
      await until(() => row.textContent?.includes('Jane Doe'), 'its task');
      expect((win as unknown as { __violations: string[] }).__violations).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
