import { expect } from '@open-wc/testing';
import { TASK_CONCURRENCY, TASK_RETRY_MS, TaskStore } from '../../src/state/tasks.js';
import { ApiError } from '../../src/connection/errors.js';
import { FakeConnection, flush, task } from './fake-connection.js';

const sid = (n: number) => `WT${n.toString(16).padStart(32, '0')}`;

function store(now = () => 0) {
  const c = new FakeConnection();
  let changes = 0;
  const failures: string[] = [];
  const tasks = new TaskStore(
    () => (s) => c.fetchTask(s),
    () => changes++,
    (s) => failures.push(s),
    now,
  );
  return { c, tasks, failures, changes: () => changes };
}

describe('state/tasks', () => {
  it('fetches each task once, however often it is wanted, a few at a time', async () => {
    const { c, tasks } = store();
    const many = Array.from({ length: 20 }, (_, i) => sid(i));
    tasks.want(many);
    tasks.want(many);
    expect(c.taskRequests).to.have.length(TASK_CONCURRENCY);
    while (c.taskRequests.length) {
      const next = c.taskRequests.shift()!;
      next.resolve(task(next.sid));
      await flush();
    }
    expect(c.calls.filter((x) => x.startsWith('task'))).to.have.length(20);
    expect(many.every((s) => tasks.get(s)?.sid === s)).to.equal(true);
    tasks.want(many);
    expect(
      c.calls.filter((x) => x.startsWith('task')),
      'cached',
    ).to.have.length(20);
  });

  it('fetches nothing while hidden, and resumes when shown', async () => {
    const { c, tasks } = store();
    tasks.setHidden(true);
    tasks.want([sid(1), sid(2)]);
    expect(c.taskRequests).to.have.length(0);
    expect(tasks.isLoading(sid(1))).to.equal(true);
    tasks.setHidden(false);
    expect(c.taskRequests).to.have.length(2);
  });

  it('reports a failure once, keeps it, and tries again only after a while', async () => {
    let now = 0;
    const { c, tasks, failures } = store(() => now);
    tasks.want([sid(1)]);
    c.taskRequests.shift()!.reject(new ApiError('http', 'forbidden', 403));
    await flush();
    expect(failures).to.deep.equal([sid(1)]);
    expect(tasks.errorOf(sid(1))?.status).to.equal(403);
    tasks.want([sid(1)]);
    expect(c.taskRequests, 'not at once').to.have.length(0);
    now += TASK_RETRY_MS + 1;
    tasks.want([sid(1)]);
    expect(c.taskRequests).to.have.length(1);
    c.taskRequests.shift()!.reject(new ApiError('http', 'forbidden', 403));
    await flush();
    expect(failures, 'reported once').to.deep.equal([sid(1)]);
  });

  it('refreshes a known task when an event says it changed', async () => {
    const { c, tasks } = store();
    tasks.put(task(sid(1)));
    tasks.want([sid(1)]);
    expect(c.taskRequests).to.have.length(0);
    tasks.refresh(sid(1));
    expect(c.taskRequests).to.have.length(1);
  });
});
