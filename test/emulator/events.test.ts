import { expect } from '@open-wc/testing';
import { EMULATOR, scenario, setStatus, addReservation } from '../support/emulator.js';

/** Reads Server-Sent Events from a fetch body until `count` events arrived. */
async function readEvents(response: Response, count: number): Promise<{ event: string; data: any }[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { event: string; data: any }[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return events;
}

describe('emulator event stream', () => {
  it('pushes reservation.* events for the worker, authenticated', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }, { status: 'pending', worker: 'other' }] });
    const controller = new AbortController();
    const response = await fetch(`${EMULATOR}/events/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`, {
      headers: { authorization: `Bearer ${s.token}` },
      signal: controller.signal,
    });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.include('text/event-stream');
    const reading = readEvents(response, 2);
    await setStatus(s.workspaceSid, s.reservations[1].sid, 'rescinded'); // the other worker's: not sent
    await setStatus(s.workspaceSid, s.reservations[0].sid, 'accepted');
    const added = await addReservation(s.workspaceSid);
    const events = await reading;
    controller.abort();
    expect(events.map((e) => e.event)).to.deep.equal(['reservation.accepted', 'reservation.created']);
    expect(events[0].data).to.include({
      EventType: 'reservation.accepted',
      ResourceSid: s.reservations[0].sid,
      TaskSid: s.reservations[0].task_sid,
      WorkerSid: s.workerSid,
      WorkspaceSid: s.workspaceSid,
    });
    expect(events[1].data.ResourceSid).to.equal(added.sid);
  });

  it('refuses a missing token and another worker', async () => {
    const s = await scenario();
    const url = `${EMULATOR}/events/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`;
    expect((await fetch(url)).status).to.equal(401);
    const other = await fetch(`${EMULATOR}/events/Workspaces/${s.workspaceSid}/Workers/${s.otherWorkerSid}`, {
      headers: { authorization: `Bearer ${s.token}` },
    });
    expect(other.status).to.equal(403);
  });
});
