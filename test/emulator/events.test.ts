import { expect } from '@open-wc/testing';
import { EMULATOR, addReservation, scenario, setActivity, setStatus, setWorkerAttributes, updateTask } from '../support/emulator.js';

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

describe('emulator event stream: tasks and the worker', () => {
  async function open(s: { workspaceSid: string; workerSid: string; token: string }) {
    const controller = new AbortController();
    const response = await fetch(`${EMULATOR}/events/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}`, {
      headers: { authorization: `Bearer ${s.token}` },
      signal: controller.signal,
    });
    expect(response.status).to.equal(200);
    return { response, close: () => controller.abort() };
  }

  it("pushes task.updated, task.wrapup and task.completed for the worker's tasks, with TaskRouter's task fields", async () => {
    const s = await scenario({
      tasks: { mine: { channel: 'chat', queue: 'Sales', priority: 2, attributes: { name: 'נועה לוי' } }, theirs: {} },
      reservations: [
        { task: 'mine', status: 'accepted' },
        { task: 'theirs', worker: 'other' },
      ],
    });
    const { response, close } = await open(s);
    const reading = readEvents(response, 3);
    await updateTask(s.workspaceSid, 'theirs', { priority: 9 }); // not the worker's task: not sent
    await updateTask(s.workspaceSid, 'mine', { attributes: { name: 'נועה לוי', vip: true } });
    await setStatus(s.workspaceSid, s.reservations[0].sid, 'wrapping');
    const events = await reading;
    close();
    expect(events.map((e) => e.event)).to.deep.equal(['task.updated', 'reservation.wrapup', 'task.wrapup']);
    expect(events[0].data).to.include({
      EventType: 'task.updated',
      ResourceType: 'task',
      ResourceSid: s.tasks['mine'],
      TaskSid: s.tasks['mine'],
      TaskPriority: '2',
      TaskAssignmentStatus: 'assigned',
      TaskQueueName: 'Sales',
      TaskQueueSid: s.taskQueues['Sales'],
      TaskChannelUniqueName: 'chat',
      TaskChannelSid: s.taskChannels['chat'],
      WorkspaceSid: s.workspaceSid,
      AccountSid: s.accountSid,
    });
    expect(JSON.parse(events[0].data.TaskAttributes)).to.deep.equal({ name: 'נועה לוי', vip: true });
    expect(events[1].data).to.include({
      ReservationSid: s.reservations[0].sid,
      WorkerSid: s.workerSid,
      WorkerName: s.workerName,
      TaskAssignmentStatus: 'wrapping',
    });
    expect(events[2].data).to.include({ TaskAssignmentStatus: 'wrapping', ResourceSid: s.tasks['mine'] });

    const again = await open(s);
    const completing = readEvents(again.response, 2);
    await setStatus(s.workspaceSid, s.reservations[0].sid, 'completed');
    const done = await completing;
    again.close();
    expect(done.map((e) => e.event)).to.deep.equal(['reservation.completed', 'task.completed']);
  });

  it('pushes task.canceled, and worker.activity.update from the control API and from a reject with an activity', async () => {
    const s = await scenario({ tasks: { t: {} }, reservations: [{ task: 't' }, {}] });
    const { response, close } = await open(s);
    const reading = readEvents(response, 5);
    await updateTask(s.workspaceSid, 't', { assignmentStatus: 'canceled', reason: 'hangup' });
    await setActivity(s.workspaceSid, s.workerSid, 'Lunch');
    await setActivity(s.workspaceSid, s.otherWorkerSid, 'Lunch'); // another worker: not sent
    const breakSid = s.activities.find((a) => a.friendlyName === 'Break')!.sid;
    const reject = await fetch(`${EMULATOR}/v1/Workspaces/${s.workspaceSid}/Workers/${s.workerSid}/Reservations/${s.reservations[1].sid}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: `ReservationStatus=rejected&WorkerActivitySid=${breakSid}`,
    });
    expect(reject.status).to.equal(200);
    const events = await reading;
    close();
    expect(events.map((e) => e.event)).to.deep.equal([
      'reservation.canceled',
      'task.canceled',
      'worker.activity.update',
      'reservation.rejected',
      'worker.activity.update',
    ]);
    expect(events[1].data).to.include({ TaskAssignmentStatus: 'canceled', TaskCanceledReason: 'hangup' });
    expect(events[2].data).to.include({
      ResourceType: 'worker',
      ResourceSid: s.workerSid,
      WorkerSid: s.workerSid,
      WorkerActivityName: 'Lunch',
      WorkerPreviousActivityName: 'Available',
    });
    expect(events[4].data).to.include({ WorkerActivitySid: breakSid, WorkerActivityName: 'Break', WorkerPreviousActivityName: 'Lunch' });
    expect(Number(events[4].data.WorkerTimeInPreviousActivity)).to.be.within(0, 5);
  });

  it("pushes worker.attributes.update when the worker's attributes change, and nothing when they stay", async () => {
    const s = await scenario({ workerAttributes: { skills: ['sales'] } });
    const { response, close } = await open(s);
    const reading = readEvents(response, 1);
    await setWorkerAttributes(s.workspaceSid, s.workerSid, { skills: ['sales'] }); // unchanged: no event
    const worker = await setWorkerAttributes(s.workspaceSid, s.workerSid, { skills: ['sales', 'billing'] });
    expect(JSON.parse(worker.attributes)).to.deep.equal({ skills: ['sales', 'billing'] });
    const [event] = await reading;
    close();
    expect(event!.event).to.equal('worker.attributes.update');
    expect(event!.data).to.include({ ResourceType: 'worker', WorkerSid: s.workerSid, WorkerActivityName: 'Available' });
    expect(JSON.parse(event!.data.WorkerAttributes)).to.deep.equal({ skills: ['sales', 'billing'] });
  });
});
