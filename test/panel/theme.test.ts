import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { API_BASE, scenario } from '../support/emulator.js';
import { mount, rows, waitFor } from '../support/panel.js';

const surfaceOf = (row: HTMLElement) => getComputedStyle(row).backgroundColor;
const WHITE = 'rgb(255, 255, 255)';
const DARK = 'rgb(21, 27, 35)';

async function panelWithRow(attributes: Record<string, string> = {}) {
  const s = await scenario({ reservations: [{ status: 'pending' }] });
  const mounted = await mount({ 'api-base': API_BASE, 'poll-interval': '0', ...attributes }, { token: s.token });
  const [row] = await waitFor(() => (rows(mounted.el).length ? rows(mounted.el) : null), 'a row');
  return { ...mounted, row };
}

describe('reservation-panel theming', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('follows prefers-color-scheme', async () => {
    const { row } = await panelWithRow();
    await emulateMedia({ colorScheme: 'light' });
    expect(surfaceOf(row)).to.equal(WHITE);
    await emulateMedia({ colorScheme: 'dark' });
    expect(surfaceOf(row)).to.equal(DARK);
  });

  it('lets the host fix the scheme with theme, and reflects it', async () => {
    const { el, row } = await panelWithRow({ theme: 'dark' });
    await emulateMedia({ colorScheme: 'light' });
    expect(surfaceOf(row)).to.equal(DARK);
    el.theme = 'light';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('light');
    await emulateMedia({ colorScheme: 'dark' });
    expect(surfaceOf(row)).to.equal(WHITE);
  });

  it('takes the host page’s custom properties over its own colours', async () => {
    const { el, row } = await panelWithRow();
    el.style.setProperty('--reservation-panel-color-surface', 'rgb(1, 2, 3)');
    expect(surfaceOf(row)).to.equal('rgb(1, 2, 3)');
  });

  it('fits a 320 px sidebar without horizontal scrolling', async () => {
    const { el, row } = await panelWithRow();
    el.parentElement!.style.width = '320px';
    await el.updateComplete;
    expect(el.scrollWidth).to.be.at.most(el.clientWidth);
    for (const button of row.querySelectorAll('button')) {
      expect(button.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 0.5);
    }
  });
});

describe('reservation-panel parts', () => {
  it('exposes the countdown and the actions as parts of the panel', async () => {
    const s = await scenario({ reservationTimeoutSeconds: 3600, reservations: [{ status: 'pending' }] });
    const style = document.createElement('style');
    style.textContent = `reservation-panel::part(countdown) { letter-spacing: 3px; } reservation-panel::part(actions) { column-gap: 13px; }`;
    document.head.append(style);
    try {
      const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0', 'reservation-timeout': '120' }, { token: s.token });
      const [row] = await waitFor(() => (rows(el).length ? rows(el) : null), 'a row');
      expect(getComputedStyle(row.querySelector('[part~="countdown"]')!).letterSpacing).to.equal('3px');
      expect(getComputedStyle(row.querySelector('[part~="actions"]')!).columnGap).to.equal('13px');
    } finally {
      style.remove();
    }
  });
});
