/** The REST connection's event-stream client on its own, against the emulator's stream over HTTP. */
import { expect } from '@open-wc/testing';
import { openEventStream, type TaskRouterEvent } from '../../../src/connection/rest/events.js';
import { scenario, setStatus, streams } from '../../support/emulator.js';
import { waitFor } from '../../support/panel.js';

const urlOf = (s: { workspaceSid: string; workerSid: string }) => `/emulator/events/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`;

describe('connection/rest/events: the event-stream client', () => {
  it('sends the bearer token, delivers TaskRouter events, and reconnects after the server cuts the stream', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const events: TaskRouterEvent[] = [];
    const log: string[] = [];
    const stop = openEventStream({
      url: urlOf(s),
      getToken: () => s.token,
      onEvent: (e) => events.push(e),
      onOpen: () => log.push('open'),
      onClose: () => log.push('closed'),
      retryMs: 50,
    });
    try {
      await waitFor(() => log.includes('open'), 'the stream');
      await setStatus(s.workspaceSid, s.reservations[0].sid, 'accepted');
      const [event] = await waitFor(() => (events.length ? events : null), 'an event');
      expect(event).to.include({ EventType: 'reservation.accepted', ResourceSid: s.reservations[0].sid, WorkerSid: s.workerSid });
      await streams(s.workspaceSid, s.workerSid, { cut: true });
      await waitFor(() => log.join(',') === 'open,closed,open', 'closed, then open again');
    } finally {
      stop();
    }
    await waitFor(async () => (await streams(s.workspaceSid, s.workerSid)).open === 0, 'closed for good');
    const count = log.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(log, 'nothing after stop').to.have.length(count);
  });

  it('waits without a token, and never opens with a refused one', async () => {
    const s = await scenario();
    let current: string | undefined;
    const log: string[] = [];
    const stop = openEventStream({
      url: urlOf(s),
      getToken: () => current,
      onEvent: () => {},
      onOpen: () => log.push('open'),
      retryMs: 20,
    });
    try {
      await new Promise((r) => setTimeout(r, 150));
      expect(log).to.deep.equal([]);
      current = 'not-a-token';
      await new Promise((r) => setTimeout(r, 150));
      expect(log).to.deep.equal([]);
      current = s.token;
      await waitFor(() => log.includes('open'), 'open with a good token', 4000);
    } finally {
      stop();
    }
  });
});
