/**
 * What a row tells the agent (DESIGN.md): the task behind each reservation, fetched once per
 * task on the REST connection; the title rules and a host's `taskSummary`; the details
 * disclosure; the order and the finished separator; long values that never widen the panel.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import { API_BASE, requests, scenario, setFaults, updateTask, type Scenario } from '../support/emulator.js';
import { deepActive } from '../form/support.js';
import { mount, rows, setVisibility, visibleText, waitFor } from '../support/panel.js';

const taskGets = async (s: Scenario) => (await requests(s.workspaceSid)).filter((r) => r.method === 'GET' && r.path.includes('/Tasks/'));
const titleOf = (r: HTMLElement) => r.querySelector('.title')!.textContent!.trim();
const eventsUrl = (s: Scenario) => `/emulator/events/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`;

describe('reservation-panel rows: the task behind each reservation (REST)', () => {
  afterEach(() => setVisibility('visible'));

  it('fetches each task once, however many reservations share it and however often the list is read', async () => {
    const s = await scenario({
      tasks: { shared: { attributes: { name: 'Shared' } }, own: { attributes: { name: 'Own' } } },
      reservations: [
        { status: 'pending', task: 'shared' },
        { status: 'completed', task: 'shared' },
        { status: 'accepted', task: 'own' },
      ],
    });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '100' }, { token: s.token });
    await waitFor(() => rows(el).length === 3 && rows(el).every((r) => !titleOf(r).startsWith('Loading')), 'the rows with their tasks');
    await new Promise((r) => setTimeout(r, 400)); // a few more polls
    const gets = await taskGets(s);
    expect(gets.map((g) => g.path.split('/').pop()).sort()).to.deep.equal([s.tasks.own, s.tasks.shared].sort());
    expect(rows(el).map(titleOf)).to.have.members(['Shared', 'Shared', 'Own']);
  });

  it('fetches no task while the page is hidden, and the waiting ones once it shows', async () => {
    const s = await scenario({ tasks: { a: { attributes: { name: 'Later' } } }, reservations: [{ status: 'pending', task: 'a' }] });
    setVisibility('hidden');
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    await waitFor(() => rows(el).length === 1, 'the row');
    await new Promise((r) => setTimeout(r, 300));
    expect(await taskGets(s), 'none while hidden').to.have.length(0);
    expect(titleOf(rows(el)[0])).to.match(/Loading/);
    expect(rows(el)[0].querySelector('[data-action="accept"]'), 'the row is usable meanwhile').to.not.equal(null);
    setVisibility('visible');
    await waitFor(() => titleOf(rows(el)[0]) === 'Later', 'the task once visible');
    expect(await taskGets(s)).to.have.length(1);
  });

  it('keeps the row usable when its task cannot be fetched, and reports it once', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }, { status: 'pending' }] });
    await setFaults(s.workspaceSid, [{ method: 'GET', pathIncludes: '/Tasks/', status: 503 }]);
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    await waitFor(
      () => rows(el).length === 2 && rows(el).every((r) => visibleText(r).includes('could not be loaded')),
      'the failures',
      8000,
    );
    const errors = of('reservation-error');
    expect(errors.every((e: any) => e.operation === 'fetch' && e.status === 503)).to.equal(true);
    expect(errors, 'the same failure is reported once').to.have.length(1);
    const [r] = rows(el);
    expect(titleOf(r)).to.equal(`Task ${s.reservations.find((x) => x.sid === r.dataset.reservationSid)!.task_sid}`);
    await setFaults(s.workspaceSid, []);
    r.querySelector<HTMLButtonElement>('[data-action="accept"]')!.click();
    await waitFor(() => r.dataset.reservationStatus === 'accepted', 'Accept works anyway');
  });

  it('reads a task again when the event stream says it changed', async () => {
    const s = await scenario({ tasks: { t: { attributes: { name: 'Before' } } }, reservations: [{ status: 'pending', task: 't' }] });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0', 'events-url': eventsUrl(s) }, { token: s.token });
    await waitFor(() => rows(el).length === 1 && titleOf(rows(el)[0]) === 'Before', 'the task');
    await new Promise((r) => setTimeout(r, 200));
    await updateTask(s.workspaceSid, 't', { attributes: { name: 'After' } });
    await waitFor(() => titleOf(rows(el)[0]) === 'After', 'the task read again');
  });
});

describe('reservation-panel rows: titles, details, order', () => {
  it('titles by name, else from, else the channel, and maps tasks through a host’s taskSummary as plain text', async () => {
    const s = await scenario({
      tasks: {
        named: { attributes: { name: 'Jane Doe', from: '+15550100' }, channel: 'voice' },
        from: { attributes: { from: 'jo@example.com' }, channel: 'email' },
        bare: { attributes: {}, channel: 'sms' },
      },
      reservations: [
        { status: 'pending', task: 'named', ageSeconds: 30 },
        { status: 'pending', task: 'from', ageSeconds: 20 },
        { status: 'pending', task: 'bare', ageSeconds: 10 },
      ],
    });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    await waitFor(() => rows(el).length === 3 && rows(el).every((r) => !titleOf(r).startsWith('Loading')), 'the titles');
    expect(rows(el).map(titleOf)).to.deep.equal(['Jane Doe', 'jo@example.com', 'SMS']);
    el.taskSummary = (task) => ({
      title: `<b>${JSON.parse(task.attributes).name ?? 'someone'}</b>`,
      subtitle: '<i>vip</i>',
      details: [['Account', '<a href=x>4471</a>']],
    });
    await el.updateComplete;
    expect(rows(el).map(titleOf)).to.deep.equal(['<b>Jane Doe</b>', '<b>someone</b>', '<b>someone</b>']);
    expect(visibleText(rows(el)[0])).to.include('<i>vip</i>');
    rows(el)[0].querySelector<HTMLButtonElement>('[data-details]')!.click();
    await el.updateComplete;
    expect(visibleText(rows(el)[0])).to.include('<a href=x>4471</a>');
    expect(el.shadowRoot!.querySelectorAll('b, i, a')).to.have.length(0);
    el.taskSummary = () => {
      throw new Error('host bug');
    };
    await el.updateComplete;
    expect(rows(el).map(titleOf), 'a throwing hook falls back to the default').to.deep.equal(['Jane Doe', 'jo@example.com', 'SMS']);
  });

  it('shows the task’s attributes behind a disclosure, by keyboard, flattened with their paths', async () => {
    const s = await scenario({
      tasks: { t: { attributes: { name: 'Jane', customer: { tier: 'gold', tags: ['vip', 'eu'] } } } },
      reservations: [{ status: 'pending', task: 't' }],
    });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    const [r] = await waitFor(() => (rows(el).length && titleOf(rows(el)[0]) === 'Jane' ? rows(el) : null), 'the row');
    const toggle = r.querySelector<HTMLButtonElement>('[data-details]')!;
    expect(toggle.localName).to.equal('button');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toggle.textContent!.trim()).to.equal('Details');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const list = el.shadowRoot!.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(list.getAttribute('role')).to.equal('region');
    const pairs = [...list.querySelectorAll('div')].map((d) => [
      d.querySelector('dt')!.textContent!.trim(),
      d.querySelector('dd')!.textContent!.trim(),
    ]);
    expect(pairs).to.deep.equal([
      ['name', 'Jane'],
      ['customer.tier', 'gold'],
      ['customer.tags[0]', 'vip'],
      ['customer.tags[1]', 'eu'],
    ]);
    expect(deepActive()).to.equal(toggle);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.getElementById(toggle.getAttribute('aria-controls')!)).to.equal(null);
  });

  it('orders the active ones first, pending by time left, and the finished after a visible separator in compact rows', async () => {
    const s = await scenario({
      reservations: [
        { status: 'completed', ageSeconds: 500 },
        { status: 'accepted', ageSeconds: 400 },
        { status: 'pending', ageSeconds: 50 },
        { status: 'pending', ageSeconds: 100 },
        { status: 'rescinded', ageSeconds: 300 },
      ],
    });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0', 'reservation-timeout': '120' }, { token: s.token });
    await waitFor(() => rows(el).length === 5, 'the rows');
    // finished: the most recently updated first
    expect(rows(el).map((r) => r.dataset.reservationStatus)).to.deep.equal(['pending', 'pending', 'accepted', 'rescinded', 'completed']);
    // the older pending one has less time left
    expect(rows(el)[0].dataset.reservationSid).to.equal(s.reservations[3].sid);
    const separator = el.shadowRoot!.querySelector('.separator')!;
    expect(separator.textContent!.trim()).to.equal('Finished');
    expect(separator.checkVisibility()).to.equal(true);
    expect(separator.closest('li')!.querySelector<HTMLElement>('[part~="reservation"]')!.dataset.reservationStatus).to.equal('rescinded');
    const finished = rows(el)[3];
    const active = rows(el)[2];
    expect(finished.getBoundingClientRect().height).to.be.lessThan(active.getBoundingClientRect().height);
    expect(finished.querySelector('.meta'), 'compact').to.equal(null);
  });

  it('makes Accept the primary action and Reject the secondary; the instructions stay visible but quieter', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    const [r] = await waitFor(() => (rows(el).length ? rows(el) : null), 'a row');
    const by = (name: string) => r.querySelector<HTMLButtonElement>(`[data-action="${name}"]`)!;
    expect(by('accept').className).to.equal('primary');
    expect(by('reject').className).to.equal('secondary');
    for (const quiet of ['dequeue', 'call', 'redirect', 'conference']) {
      expect(by(quiet).className).to.equal('quiet');
      expect(by(quiet).checkVisibility()).to.equal(true);
    }
    expect(getComputedStyle(by('accept')).backgroundColor).not.to.equal(getComputedStyle(by('dequeue')).backgroundColor);
  });
});

describe('reservation-panel rows: long values never widen the panel', () => {
  it('keeps a 100,000-character name, a 40-character word and combining marks inside a 320 px panel, every button in view', async () => {
    const s = await scenario({
      workerName: `W${'x'.repeat(900)}`,
      tasks: {
        huge: { attributes: { name: 'N'.repeat(100_000), note: 'y'.repeat(5000) }, queue: 'Support' },
        word: { attributes: { name: `Supercalifragilisticexpialidocious${'z'.repeat(6)}`, from: 'q'.repeat(40) } },
        marks: { attributes: { name: 'Z̸̢̛̺͎̙a̷̡͔͇l̶̰̈́g̴̣̈o̵̡̓ ي͏ُ͏ف͏ي 👩🏽‍💻👨‍👩‍👧' } },
      },
      reservations: [
        { status: 'pending', task: 'huge' },
        { status: 'pending', task: 'word' },
        { status: 'pending', task: 'marks' },
      ],
    });
    const host = document.createElement('div');
    host.style.width = '320px';
    document.body.append(host);
    try {
      const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
      host.append(el);
      await waitFor(() => rows(el).length === 3 && rows(el).every((r) => !titleOf(r).startsWith('Loading')), 'the rows', 8000);
      for (const r of rows(el)) r.querySelector<HTMLButtonElement>('[data-details]')!.click();
      await el.updateComplete;
      const box = el.getBoundingClientRect();
      expect(box.width).to.be.at.most(320);
      for (const r of rows(el)) {
        const rb = r.getBoundingClientRect();
        expect(rb.right, 'row within the panel').to.be.at.most(box.right + 0.5);
        expect(r.scrollWidth, 'nothing overflows the row').to.be.at.most(r.clientWidth + 1);
        for (const b of r.querySelectorAll('button')) {
          const bb = b.getBoundingClientRect();
          expect(bb.left).to.be.at.least(box.left - 0.5);
          expect(bb.right, `${b.textContent} in view`).to.be.at.most(box.right + 0.5);
        }
        const title = r.querySelector<HTMLElement>('.title')!;
        const full = title.textContent!.trim();
        expect(full.startsWith(title.getAttribute('title')!.replace(/…$/, '')), 'the title in a tooltip (up to 1,000 characters)').to.equal(
          true,
        );
        expect(r.getAttribute('aria-label')!.length, 'a short accessible name').to.be.at.most(220);
      }
      // the whole name is in the details
      expect(rows(el)[0].querySelector('.attributes')!.textContent).to.include('N'.repeat(100_000));
      await expect(el).to.be.accessible();
    } finally {
      host.remove();
    }
  });
});

describe('reservation-panel rows: what the forms and the meta line start from', () => {
  it('starts the Redirect form with the task’s call, says how long an accepted one is handled, and repeats no name', async () => {
    const call = `CA${'c'.repeat(32)}`;
    const s = await scenario({
      tasks: {
        voice: { attributes: { name: 'Jane Doe', from: '+15550100', call_sid: call }, channel: 'voice' },
        chat: { attributes: { name: 'web visitor', from: 'web visitor' }, channel: 'chat' },
      },
      reservations: [
        { status: 'pending', task: 'voice' },
        { status: 'accepted', task: 'chat' },
      ],
    });
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    await waitFor(() => rows(el).length === 2 && rows(el).every((r) => !titleOf(r).startsWith('Loading')), 'the rows');
    const [pending, accepted] = rows(el);
    expect(visibleText(accepted)).to.match(/Handling/);
    expect(visibleText(accepted)).not.to.match(/Waiting/);
    expect(visibleText(pending)).to.match(/Waiting/);
    expect(accepted.querySelector('.subtitle'), 'the same text once').to.equal(null);
    pending.querySelector<HTMLButtonElement>('[data-action="redirect"]')!.click();
    const form = await waitFor(() => pending.querySelector('reservation-form'), 'the redirect form');
    await form.updateComplete;
    expect(form.shadowRoot!.querySelector<HTMLInputElement>('[name="RedirectCallSid"]')!.value).to.equal(call);
  });

  it('says in the Reject form when the activities cannot be read, and keeps a field for the SID', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    await setFaults(s.workspaceSid, [{ method: 'GET', pathIncludes: '/Activities', status: 503 }]);
    const { el } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    const [r] = await waitFor(() => (rows(el).length ? rows(el) : null), 'a row');
    r.querySelector<HTMLButtonElement>('[data-action="reject"]')!.click();
    const form = await waitFor(() => r.querySelector('reservation-form'), 'the reject form', 8000);
    await form.updateComplete;
    expect(form.shadowRoot!.querySelector('[name="WorkerActivitySid"]')!.localName).to.equal('input');
    await waitFor(
      () => form.shadowRoot!.querySelector('[role="alert"]')?.textContent?.match(/activities could not be loaded/),
      'the explanation',
    );
  });
});
