import { expect } from '@open-wc/testing';
import { RESERVATION_STATUSES } from '../../src/wire/types.js';
import { API_BASE, addReservation, reservationsPath, scenario, setStatus } from '../support/emulator.js';
import { expectError, get, list, listJson } from './helpers.js';

describe('emulator: list and fetch', () => {
  it("lists only the worker's reservations, in the spec's shape with absolute URLs", async () => {
    const s = await scenario({
      reservations: [{ status: 'pending' }, { status: 'accepted' }, { status: 'pending', worker: 'other' }],
    });
    const { reservations, meta } = await listJson(s);
    expect(reservations.map((r) => r.sid)).to.deep.equal([s.reservations[0]!.sid, s.reservations[1]!.sid]);
    const r = reservations[0]!;
    expect(Object.keys(r).sort()).to.deep.equal(
      [
        'account_sid',
        'date_created',
        'date_updated',
        'links',
        'reservation_status',
        'sid',
        'task_sid',
        'url',
        'worker_name',
        'worker_sid',
        'workspace_sid',
      ].sort(),
    );
    expect(r.account_sid).to.equal(s.accountSid);
    expect(r.worker_sid).to.equal(s.workerSid);
    expect(r.worker_name).to.equal(s.workerName);
    expect(r.workspace_sid).to.equal(s.workspaceSid);
    expect(r.sid).to.match(/^WR[0-9a-f]{32}$/);
    expect(r.task_sid).to.match(/^WT[0-9a-f]{32}$/);
    expect(r.date_created).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const listUrl = `${location.origin}${reservationsPath(s)}`;
    expect(r.url).to.equal(`${listUrl}/${r.sid}`);
    expect(r.links).to.deep.equal({
      task: `${location.origin}${API_BASE}/Workspaces/${s.workspaceSid}/Tasks/${r.task_sid}`,
      worker: `${location.origin}${API_BASE}/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`,
      workspace: `${location.origin}${API_BASE}/Workspaces/${s.workspaceSid}`,
    });
    expect(meta).to.deep.equal({
      page: 0,
      page_size: 50,
      first_page_url: `${listUrl}?PageSize=50&Page=0`,
      previous_page_url: null,
      url: `${listUrl}?PageSize=50&Page=0`,
      next_page_url: null,
      key: 'reservations',
    });
  });

  it('filters by each of the 8 statuses', async () => {
    const s = await scenario({
      reservations: [
        ...RESERVATION_STATUSES.map((status) => ({ status })),
        ...RESERVATION_STATUSES.map((status) => ({ status, worker: 'other' as const })),
      ],
    });
    for (const [i, status] of RESERVATION_STATUSES.entries()) {
      const { reservations, meta } = await listJson(s, { ReservationStatus: status });
      expect(
        reservations.map((r) => r.sid),
        status,
      ).to.deep.equal([s.reservations[i]!.sid]);
      expect(reservations[0]!.reservation_status).to.equal(status);
      expect(meta['url']).to.contain(`ReservationStatus=${status}`);
    }
    const all = await listJson(s);
    expect(all.reservations).to.have.length(8);
  });

  it('orders by date_created, then sid', async () => {
    const s = await scenario({
      reservations: [{ ageSeconds: 10 }, { ageSeconds: 300 }, { ageSeconds: 0 }, { ageSeconds: 300 }, { ageSeconds: 60 }],
    });
    const { reservations } = await listJson(s);
    const expected = [...s.reservations].sort((a, b) =>
      a.date_created !== b.date_created ? (a.date_created < b.date_created ? -1 : 1) : a.sid < b.sid ? -1 : 1,
    );
    expect(reservations.map((r) => r.sid)).to.deep.equal(expected.map((r) => r.sid));
    expect(reservations[0]!.sid).to.be.oneOf([s.reservations[1]!.sid, s.reservations[3]!.sid]);
    expect(reservations[4]!.sid).to.equal(s.reservations[2]!.sid);
  });

  it('pages with PageSize and PageToken until next_page_url is null', async () => {
    const s = await scenario({ reservations: Array.from({ length: 7 }, (_, i) => ({ ageSeconds: 100 - i })) });
    const listUrl = `${location.origin}${reservationsPath(s)}`;
    const seen: string[] = [];
    const metas: Record<string, unknown>[] = [];
    let next: string | null = `${reservationsPath(s)}?PageSize=3`;
    while (next) {
      const res: Response = await fetch(next, { headers: { authorization: `Bearer ${s.token}` } });
      expect(res.status).to.equal(200);
      const body = (await res.json()) as { reservations: { sid: string }[]; meta: Record<string, unknown> };
      seen.push(...body.reservations.map((r) => r.sid));
      metas.push(body.meta);
      next = body.meta['next_page_url'] as string | null;
      if (next) {
        expect(next.startsWith(`${listUrl}?`), next).to.equal(true);
        expect(new URL(next).searchParams.get('PageToken')).to.be.a('string');
      }
      expect(metas.length).to.be.below(5);
    }
    expect(seen).to.deep.equal(s.reservations.map((r) => r.sid));
    expect(metas.map((m) => m['page'])).to.deep.equal([0, 1, 2]);
    expect(metas.map((m) => m['page_size'])).to.deep.equal([3, 3, 3]);
    expect(metas.map((m) => m['key'])).to.deep.equal(['reservations', 'reservations', 'reservations']);
    expect(metas.map((m) => m['first_page_url'])).to.deep.equal(Array(3).fill(`${listUrl}?PageSize=3&Page=0`));
    expect(metas[0]!['previous_page_url']).to.equal(null);
    expect(metas[1]!['previous_page_url']).to.be.a('string');
    expect(metas[2]!['next_page_url']).to.equal(null);
    expect(metas[1]!['url']).to.equal(metas[0]!['next_page_url']);

    // previous_page_url leads back to the first page
    const prev = await fetch(metas[1]!['previous_page_url'] as string, { headers: { authorization: `Bearer ${s.token}` } });
    const prevBody = (await prev.json()) as { reservations: { sid: string }[] };
    expect(prevBody.reservations.map((r) => r.sid)).to.deep.equal(seen.slice(0, 3));
  });

  it('keeps the status filter on next_page_url', async () => {
    const s = await scenario({
      reservations: [
        { status: 'pending', ageSeconds: 5 },
        { status: 'accepted', ageSeconds: 4 },
        { status: 'pending', ageSeconds: 3 },
        { status: 'pending', ageSeconds: 2 },
      ],
    });
    const first = await listJson(s, { ReservationStatus: 'pending', PageSize: '2' });
    expect(first.reservations.map((r) => r.sid)).to.deep.equal([s.reservations[0]!.sid, s.reservations[2]!.sid]);
    const next = new URL(first.meta['next_page_url'] as string);
    expect(next.searchParams.get('ReservationStatus')).to.equal('pending');
    const second = await listJson(s, next.search.slice(1));
    expect(second.reservations.map((r) => r.sid)).to.deep.equal([s.reservations[3]!.sid]);
    expect(second.meta['next_page_url']).to.equal(null);
  });

  it('takes Page as client state only: without a PageToken, any Page gets the first page, echoed in meta', async () => {
    const s = await scenario({ reservations: Array.from({ length: 5 }, (_, i) => ({ ageSeconds: 50 - i })) });
    const listUrl = `${location.origin}${reservationsPath(s)}`;
    const first = await listJson(s, { PageSize: '2' });
    for (const page of ['1', '3', '50']) {
      const res = await listJson(s, { PageSize: '2', Page: page });
      expect(
        res.reservations.map((r) => r.sid),
        `Page=${page}`,
      ).to.deep.equal(first.reservations.map((r) => r.sid));
      expect(res.meta['page']).to.equal(Number(page));
      expect(res.meta['url']).to.equal(`${listUrl}?PageSize=2&Page=${page}`);
      expect(res.meta['previous_page_url']).to.equal(null);
      const next = new URL(res.meta['next_page_url'] as string);
      expect(next.searchParams.get('Page')).to.equal(String(Number(page) + 1));
      expect(next.searchParams.get('PageToken')).to.equal(new URL(first.meta['next_page_url'] as string).searchParams.get('PageToken'));
    }
    // the page after the token, whatever Page says
    const token = new URL(first.meta['next_page_url'] as string).searchParams.get('PageToken')!;
    const second = await listJson(s, { PageSize: '2', Page: '7', PageToken: token });
    expect(second.reservations.map((r) => r.sid)).to.deep.equal(s.reservations.slice(2, 4).map((r) => r.sid));
    expect(second.meta['page']).to.equal(7);
  });

  it('shows a reservation added later at the end', async () => {
    const s = await scenario({ reservations: [{ ageSeconds: 30 }] });
    const added = await addReservation(s.workspaceSid);
    const { reservations } = await listJson(s);
    expect(reservations.map((r) => r.sid)).to.deep.equal([s.reservations[0]!.sid, added.sid]);
    expect(added.reservation_status).to.equal('pending');
  });

  for (const [query, name] of [
    ['Foo=1', 'Foo'],
    ['ReservationStatus=bogus', 'ReservationStatus'],
    ['PageSize=0', 'PageSize'],
    ['PageSize=1001', 'PageSize'],
    ['PageSize=abc', 'PageSize'],
    ['Page=-1', 'Page'],
    ['PageToken=nonsense', 'PageToken'],
    ['PageSize=2&PageSize=3', 'PageSize'],
  ] as const) {
    it(`refuses the query ${query} with a 400 naming ${name}`, async () => {
      const s = await scenario();
      const body = await expectError(await list(s, query), 400, 20001);
      expect(body.message).to.contain(name);
    });
  }

  it('accepts PageSize 1 and 1000', async () => {
    const s = await scenario({ reservations: [{}, {}] });
    expect((await listJson(s, 'PageSize=1')).reservations).to.have.length(1);
    expect((await listJson(s, 'PageSize=1000')).reservations).to.have.length(2);
  });

  it('fetches one reservation, without an ETag (FetchWorkerReservation declares none)', async () => {
    const s = await scenario({ reservations: [{ status: 'accepted' }] });
    const res = await get(s, s.reservations[0]!.sid);
    expect(res.status).to.equal(200);
    expect(res.headers.get('etag')).to.equal(null);
    expect(res.headers.get('date')).to.be.a('string');
    expect(await res.json()).to.deep.equal(s.reservations[0]);
  });

  it('sends a weak ETag on the list (as ListWorkerReservation declares), which changes with the page', async () => {
    const s = await scenario({ reservations: [{}, {}] });
    const a = (await list(s)).headers.get('etag');
    expect(a).to.match(/^W\/"[^"]+"$/);
    expect((await list(s)).headers.get('etag')).to.equal(a);
    await setStatus(s.workspaceSid, s.reservations[1]!.sid, 'accepted');
    const b = (await list(s)).headers.get('etag');
    expect(b).to.match(/^W\/"[^"]+"$/);
    expect(b).to.not.equal(a);
    expect((await list(s, { PageSize: '1' })).headers.get('etag')).to.not.equal(b);
  });

  it('answers 404 for an unknown reservation, worker or workspace (with Basic auth)', async () => {
    const s = await scenario();
    await expectError(await get(s, `WR${'0'.repeat(32)}`), 404, 20404);
    const basic = `Basic ${btoa(`${s.accountSid}:${s.authToken}`)}`;
    const unknownWorker = `${API_BASE}/Workspaces/${s.workspaceSid}/Workers/WK${'0'.repeat(32)}/Reservations`;
    await expectError(await fetch(unknownWorker, { headers: { authorization: basic } }), 404, 20404);
    const unknownWs = `${API_BASE}/Workspaces/WS${'0'.repeat(32)}/Workers/${s.workerSid}/Reservations`;
    await expectError(await fetch(unknownWs, { headers: { authorization: basic } }), 404, 20404);
  });

  it('answers 404 when the reservation belongs to another worker', async () => {
    const s = await scenario({ reservations: [{ worker: 'other' }] });
    await expectError(await get(s, s.reservations[0]!.sid), 404, 20404);
  });

  it('answers 405 for other methods', async () => {
    const s = await scenario({ reservations: [{}] });
    const res = await fetch(`${reservationsPath(s)}/${s.reservations[0]!.sid}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${s.token}` },
    });
    await expectError(res, 405, 20004);
    await expectError(await fetch(reservationsPath(s), { method: 'POST', headers: { authorization: `Bearer ${s.token}` } }), 405);
  });
});
