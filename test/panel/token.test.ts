import { expect } from '@open-wc/testing';
import { API_BASE, requests, scenario, setFaults, token, type Scenario } from '../support/emulator.js';
import { mount, notice, rows, waitFor } from '../support/panel.js';

const gets = async (s: Scenario) => (await requests(s.workspaceSid)).filter((r) => r.method === 'GET');
const posts = async (s: Scenario) => (await requests(s.workspaceSid)).filter((r) => r.method === 'POST');
const button = (row: HTMLElement, name: string) => [...row.querySelectorAll('button')].find((b) => b.textContent!.trim() === name)!;

describe('reservation-panel token lifecycle', () => {
  it('after a 401, gets a fresh token from tokenProvider and retries once with it', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const fresh = await token(s.workspaceSid, s.workerSid);
    await setFaults(s.workspaceSid, [{ method: 'GET', pathIncludes: '/Reservations', status: 401, times: 1 }]);
    let calls = 0;
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, {
      token: s.token,
      tokenProvider: async () => (calls++, fresh),
    } as any);
    await waitFor(() => rows(el).length === 1, 'the list after renewal');
    expect(calls).to.equal(1);
    const [first, second] = (await gets(s)).filter((r) => r.path.endsWith('/Reservations'));
    expect(first.headers.authorization).to.equal(`Bearer ${s.token}`);
    expect(second.headers.authorization).to.equal(`Bearer ${fresh}`);
    expect(el.token).to.equal(fresh);
    expect(of('reservation-token-expired')).to.have.length(0);
  });

  it('without a provider, a refused token fires reservation-token-expired once, pauses, and resumes on a new token', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '50' }, { token: s.token });
    await waitFor(() => rows(el).length === 1, 'the list');
    await setFaults(s.workspaceSid, [{ method: 'GET', status: 401 }]);
    await waitFor(() => of('reservation-token-expired').length === 1, 'token-expired');
    await el.updateComplete;
    expect(notice(el)!.textContent).to.match(/session has expired/i);
    expect(rows(el)).to.have.length(1); // the list stays visible
    const before = (await gets(s)).length;
    await new Promise((r) => setTimeout(r, 300));
    expect((await gets(s)).length, 'no request with a refused token').to.equal(before);
    expect(of('reservation-token-expired')).to.have.length(1);
    await setFaults(s.workspaceSid, []);
    const fresh = await token(s.workspaceSid, s.workerSid);
    el.token = fresh;
    await waitFor(async () => (await gets(s)).length > before, 'a request with the new token');
    const last = (await gets(s)).at(-1)!;
    expect(last.headers.authorization).to.equal(`Bearer ${fresh}`);
    await waitFor(() => !notice(el)?.textContent?.match(/expired/), 'the notice to go');
  });

  it('an expired token from the start waits without a request storm', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const expired = await token(s.workspaceSid, s.workerSid, -60);
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '50' }, { token: expired });
    await waitFor(() => of('reservation-token-expired').length === 1, 'token-expired');
    await new Promise((r) => setTimeout(r, 300));
    // the list and the worker, each refused once: no storm
    expect((await gets(s)).length).to.be.at.most(2);
    el.token = s.token;
    await waitFor(() => rows(el).length === 1, 'the list with the new token');
  });

  it('renews ahead of exp through the provider', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const shortLived = await token(s.workspaceSid, s.workerSid, 2);
    const fresh = await token(s.workspaceSid, s.workerSid);
    let calls = 0;
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '100' }, {
      token: shortLived,
      tokenProvider: async () => (calls++, fresh),
    } as any);
    await waitFor(() => calls === 1, 'the provider to be called before exp', 3000);
    expect(el.token).to.equal(fresh);
    await waitFor(async () => (await gets(s)).at(-1)?.headers.authorization === `Bearer ${fresh}`, 'a poll with the new token');
    expect(of('reservation-token-expired')).to.have.length(0);
  });

  it('retries an action once with a renewed token after a 401', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const fresh = await token(s.workspaceSid, s.workerSid);
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, {
      token: s.token,
      tokenProvider: async () => fresh,
    } as any);
    const [row] = await waitFor(() => (rows(el).length ? rows(el) : null), 'a row');
    await setFaults(s.workspaceSid, [{ method: 'POST', status: 401, times: 1 }]);
    button(row, 'Accept').click();
    await waitFor(() => of('reservation-status-change').length === 1, 'the accept');
    const sent = await posts(s);
    expect(sent).to.have.length(2);
    expect(sent[1].headers.authorization).to.equal(`Bearer ${fresh}`);
    expect(of('reservation-status-change')[0]).to.include({ status: 'accepted', source: 'action' });
  });

  it('without a provider, an action refused with 401 is reported, not dropped silently', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const { el, of } = await mount({ 'api-base': API_BASE, 'poll-interval': '0' }, { token: s.token });
    const [row] = await waitFor(() => (rows(el).length ? rows(el) : null), 'a row');
    await setFaults(s.workspaceSid, [{ method: 'POST', status: 401 }]);
    button(row, 'Accept').click();
    await waitFor(() => of('reservation-token-expired').length === 1, 'token-expired');
    const [error] = of('reservation-error');
    expect(error).to.include({ operation: 'update', action: 'accept', status: 401 });
    await waitFor(() => row.querySelector('[role="alert"]')?.textContent?.match(/expired/), 'a message on the row');
    expect(row.dataset.reservationStatus).to.equal('pending');
  });
});
