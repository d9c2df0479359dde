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
        () => [...(row.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent!.trim() === 'Dequeue'),
        'the Dequeue button',
      );
      dequeue.click();
      const form = await until(() => row.shadowRoot!.querySelector('reservation-form')?.shadowRoot?.querySelector('form'), 'the form');
      expect(customElements.get('reservation-form')).to.not.equal(undefined);
      expect(form.querySelector('[name="DequeueFrom"]')).to.not.equal(null);
    } finally {
      panel.remove();
    }
  });
});
