/**
 * What the stories' reservations are about: the demo's own tasks (src/emulator/demo-data.ts:
 * voice calls, chats, SMS and email from customers writing in many scripts), looked up by
 * the customer's name, and a scenario built from a list of reservations of those tasks.
 */
import { COMBINING_NAME, COMBINING_NAME_2, SEED_TASKS, UNBROKEN_NAME } from '../../src/emulator/demo-data.js';
import { RESERVATION_STATUSES, type ReservationStatus } from '../../src/wire/types.js';
import type { ScenarioReservation } from '../../src/emulator/types.js';
import type { ScenarioOptions, TaskContent } from './emulator.js';

export { COMBINING_NAME, COMBINING_NAME_2, UNBROKEN_NAME };

/** The name a task's attributes give (what the panel shows as its title by default). */
export const nameOf = (task: TaskContent): string => String(task.attributes?.['name'] ?? '');

/** The demo's task from the customer named `name` (the demo has one task per customer and channel). */
export function demoTask(name: string, channel?: string): TaskContent {
  const task = SEED_TASKS.find((t) => nameOf(t) === name && (!channel || t.channel === channel));
  if (!task) throw new Error(`the demo has no task from ${name}`);
  return task;
}

/** The demo's tasks on one channel, in the demo's order. */
export const demoTasksOn = (channel: string): TaskContent[] => SEED_TASKS.filter((t) => t.channel === channel);

/** The demo's tasks, every channel. */
export const DEMO_TASKS: readonly TaskContent[] = SEED_TASKS;

/** One reservation of a story: its status, the task it is for, how old it is (seconds), and whose. */
export interface Work {
  task: TaskContent;
  status?: ReservationStatus;
  ageSeconds?: number;
  worker?: ScenarioReservation['worker'];
}

/**
 * A scenario with these reservations, each of its own task (keys `task-0`, `task-1`, …). A
 * reservation is never older than its task: the customer waited before it was offered.
 */
export function work(items: readonly Work[], rest: Omit<ScenarioOptions, 'tasks' | 'reservations'> = {}): ScenarioOptions {
  return {
    ...rest,
    tasks: Object.fromEntries(items.map((w, i) => [`task-${i}`, w.task])),
    reservations: items.map((w, i) => ({
      status: w.status ?? 'pending',
      task: `task-${i}`,
      ageSeconds: Math.min(w.ageSeconds ?? 20, w.task.ageSeconds ?? Infinity),
      ...(w.worker && { worker: w.worker }),
    })),
  };
}

/** `count` reservations cycling through the statuses and the demo's tasks, offered over the last hours. */
export function manyReservations(count: number): ScenarioOptions {
  return work(
    Array.from({ length: count }, (_, i) => {
      const task = SEED_TASKS[i % SEED_TASKS.length]!;
      const ageSeconds = 30 + i * 97;
      // older than its oldest reservation, as a task in a queue is
      return {
        status: RESERVATION_STATUSES[i % RESERVATION_STATUSES.length]!,
        task: { ...task, ageSeconds: ageSeconds + (task.ageSeconds ?? 0) },
        ageSeconds,
      };
    }),
  );
}
