import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { DE } from '../../src/i18n/de.js';
import { API_BASE, scenario } from '../support/emulator.js';
import { mount, notice, rows, visibleText, waitFor } from '../support/panel.js';

const buttonsOf = (row: HTMLElement) => [...row.querySelectorAll('[part~="actions"] button')].map((b) => b.textContent!.trim());

describe('reservation-panel strings and languages', () => {
  it('speaks German with the shipped table, with durations in the page language', async () => {
    const s = await scenario({
      reservationTimeoutSeconds: 3600,
      workerActivity: 'Break',
      tasks: { t: { attributes: { name: 'Jürgen Groß' }, channel: 'email', queue: 'Billing', priority: 3, ageSeconds: 150 } },
      reservations: [{ status: 'pending', ageSeconds: 150, task: 't' }, { status: 'completed' }],
    });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0', lang: 'de', 'reservation-timeout': '3600' }, {
      token: s.token,
      strings: DE,
    } as any);
    const [row] = await waitFor(
      () => (rows(el).length && visibleText(rows(el)[0]).includes('Jürgen') ? rows(el) : null),
      'a row with its task',
    );
    await el.updateComplete;
    const text = visibleText(row);
    for (const part of [
      'Ausstehend',
      'Kanal',
      'E-Mail',
      'Warteschlange',
      'Billing',
      'Priorität',
      'Wartet seit',
      'Verbleibend',
      'Details',
    ]) {
      expect(text, part).to.include(part);
    }
    expect(text).to.include(new Intl.NumberFormat('de', { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(2));
    expect(buttonsOf(row)).to.deep.equal(['Annehmen', 'Ablehnen', 'Aus Warteschlange holen', 'Anrufen', 'Umleiten', 'Konferenz']);
    expect(row.getAttribute('aria-label')).to.equal('Reservierung: Jürgen Groß');
    expect(visibleText(el.shadowRoot!.querySelector('.separator')!)).to.equal('Erledigt');
    await waitFor(() => el.shadowRoot!.querySelector('[part~="header"]'), 'the header');
    expect(visibleText(el.shadowRoot!.querySelector('[part~="header"]')!)).to.match(/Aktivität\s*:\s*Break/);
    expect(el.shadowRoot!.querySelector('[part~="list"]')!.getAttribute('aria-label')).to.equal('Reservierungen');
  });

  it('shows validation messages from the table', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0', lang: 'de' }, { token: s.token, strings: DE } as any);
    const [row] = await waitFor(() => (rows(el).length ? rows(el) : null), 'a row');
    [...row.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Aus Warteschlange holen')!.click();
    const form = await waitFor(() => row.querySelector('reservation-form'), 'the form');
    await form.updateComplete;
    const submit = form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(submit.textContent!.trim()).to.equal('Aus Warteschlange holen');
    submit.click();
    await form.updateComplete;
    const from = form.shadowRoot!.querySelector<HTMLInputElement>('[name="DequeueFrom"]')!;
    expect(from.getAttribute('aria-invalid')).to.equal('true');
    const error = form.shadowRoot!.getElementById(
      from
        .getAttribute('aria-describedby')!
        .split(' ')
        .find((id) => id.endsWith('-error'))!,
    )!;
    expect(error.textContent).to.match(/ist erforderlich/);
    await sendKeys({ press: 'Escape' });
  });

  it('lets a host replace single strings, keeping the rest', async () => {
    const s = await scenario({ reservations: [] });
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, {
      token: s.token,
      strings: { empty: 'Nothing waiting for you.', actions: { accept: 'Take it' } },
    } as any);
    await waitFor(() => of('reservation-load').length, 'the load');
    await el.updateComplete;
    expect(notice(el)!.textContent!.trim()).to.equal('Nothing waiting for you.');
  });
});
