/**
 * What a row tells the agent about the work, from the reservation's Task: one story per
 * channel (voice, chat, SMS, email, and a channel the panel does not know by name), the
 * Details disclosure open on the task's attributes, a host's `taskSummary`, the finished
 * reservations after their separator, the header with the worker's activity, and a
 * countdown near its end.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { TaskSummaryFn } from '../src/state/task-summary.js';
import type { Task } from '../src/wire/types.js';
import {
  actionButtons,
  channelIconLabelOf,
  detailsButton,
  detailsOf,
  factsOf,
  finishedSeparatorOf,
  headerOf,
  panelIn,
  rows,
  rowTitled,
  statusLabelOf,
  subtitleOf,
  text,
  titleOf,
} from './support/dom.js';
import { getTask, type Scenario, type TaskContent } from './support/emulator.js';
import { panelMeta, type EmulatorParameters, type Loaded, type PanelArgs } from './support/panel-story.js';
import { COMBINING_NAME_2, demoTask, demoTasksOn, nameOf, work, type Work } from './support/tasks.js';

const meta = {
  ...panelMeta,
  title: 'Reservation panel/What the work is',
  parameters: { ...panelMeta.parameters },
} satisfies Meta<PanelArgs>;

export default meta;
type Story = StoryObj<PanelArgs>;

const emulator = (parameters: EmulatorParameters) => ({ emulator: parameters });

/** Waits until every reservation shows its task's title. */
async function titled(canvasElement: HTMLElement, titles: string[]) {
  const panel = panelIn(canvasElement);
  await waitFor(() => expect(rows(panel).map(titleOf).sort()).toEqual([...titles].sort()), { timeout: 5000 });
  return panel;
}

/**
 * A story of one channel: its tasks, pending and in hand, each titled by the customer's
 * name, with the channel's icon and name, the queue, the priority, and where the customer
 * wrote from (the subtitle, with an email's subject after it).
 */
function channelStory(channel: string, channelName: string): Story {
  const tasks = demoTasksOn(channel).slice(0, 3);
  const items: Work[] = tasks.map((task, i) => ({ task, status: i === 2 ? 'accepted' : 'pending', ageSeconds: 15 + i * 40 }));
  return {
    name: `Channel: ${channelName}`,
    parameters: emulator({ scenario: work(items, { workerName: 'Ada Lovelace' }) }),
    play: async ({ canvasElement }) => {
      const panel = await titled(canvasElement, tasks.map(nameOf));
      for (const task of tasks) {
        const row = rowTitled(panel, nameOf(task));
        await expect(row).toHaveAccessibleName(`Reservation: ${nameOf(task)}`);
        await expect(channelIconLabelOf(row)).toBe(channelName);
        const facts = factsOf(row);
        await expect(facts['Channel']).toBe(channelName);
        await expect(facts['Queue']).toBe(task.queue);
        await expect(facts['Priority']).toBe(String(task.priority ?? 0));
        const from = String(task.attributes?.['from']);
        const subject = task.attributes?.['subject'];
        const subtitle = [from, subject].filter((part) => typeof part === 'string' && part).join(' · ');
        if (from !== nameOf(task)) await expect(text(subtitleOf(row))).toBe(subtitle.replace(/\s+/g, ' ').trim());
      }
    },
  };
}

export const ChannelVoice = channelStory('voice', 'Voice');
export const ChannelChat = channelStory('chat', 'Chat');
export const ChannelSms = channelStory('sms', 'SMS');
export const ChannelEmail = channelStory('email', 'Email');

/** A video call from a contact centre's own TaskChannel, `video`. */
const VIDEO: Work[] = [
  {
    status: 'pending',
    ageSeconds: 20,
    task: {
      queue: 'Support',
      priority: 5,
      ageSeconds: 75,
      attributes: {
        name: 'Lukas Schmidt',
        from: 'client:lukas.schmidt',
        room_name: 'support-4471',
        room_sid: 'RM5c3d1b9e2f4a6c8e0b2d4f6a8c0e2b4d',
      },
    },
  },
  { status: 'pending', ageSeconds: 50, task: { queue: 'Sales', ageSeconds: 50, attributes: { room_name: 'showroom-12' } } },
];

/**
 * A task on a channel the panel does not know by name (a contact centre's own `video`
 * TaskChannel): its unique name is shown as it is, with the generic icon. A task with no
 * name and no `from` is titled by its channel. (The emulator makes only the standard
 * channels, so it is told to answer FetchTask for these tasks with `task_channel_unique_name: video`.)
 */
export const ChannelUnknown: Story = {
  name: 'Channel: unknown (video)',
  parameters: emulator({
    scenario: work(VIDEO),
    faults: async (s: Scenario) =>
      Promise.all(
        Object.values(s.tasks).map(async (sid) => ({
          method: 'GET',
          pathIncludes: `/Tasks/${sid}`,
          status: 200,
          body: JSON.stringify({ ...(await getTask(s.workspaceSid, sid)), task_channel_unique_name: 'video' } satisfies Task),
        })),
      ),
  }),
  play: async ({ canvasElement }) => {
    const panel = await titled(canvasElement, ['Lukas Schmidt', 'video']);
    for (const row of rows(panel)) {
      await expect(factsOf(row)['Channel']).toBe('video');
      await expect(channelIconLabelOf(row)).toBe('video');
    }
    await expect(text(subtitleOf(rowTitled(panel, 'Lukas Schmidt')))).toBe('client:lukas.schmidt');
  },
};

/** A call whose task carries nested attributes: the CRM's customer record and the IVR's choices. */
const NESTED_CALL: TaskContent = {
  ...demoTask('Siobhán Ó Súilleabháin'),
  attributes: {
    ...demoTask('Siobhán Ó Súilleabháin').attributes,
    customer: { account: 'AC-2231', tier: 'gold', since: '2019-04-02' },
    ivr: { language: 'en-IE', choices: ['billing', 'speak to an agent'] },
  },
};

/**
 * The Details disclosure open: every attribute of the task, nested ones flattened to their
 * path (`customer.account`, `ivr.choices[0]`), in their order. The button says whether
 * it is expanded and names the list it controls.
 */
export const DetailsOpen: Story = {
  parameters: emulator({ scenario: work([{ task: NESTED_CALL, ageSeconds: 30 }]) }),
  play: async ({ canvasElement, step }) => {
    const panel = await titled(canvasElement, [nameOf(NESTED_CALL)]);
    const row = rows(panel)[0]!;
    const button = detailsButton(row);
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await step('Open the details', () => userEvent.click(button));
    await waitFor(() => expect(detailsButton(row)).toHaveAttribute('aria-expanded', 'true'));
    const a = NESTED_CALL.attributes!;
    await expect(detailsOf(row)).toEqual([
      ['type', 'inbound'],
      ['direction', 'inbound'],
      ['from', String(a['from'])],
      ['to', String(a['to'])],
      ['call_sid', String(a['call_sid'])],
      ['caller_name', nameOf(NESTED_CALL)],
      ['name', nameOf(NESTED_CALL)],
      ['customer.account', 'AC-2231'],
      ['customer.tier', 'gold'],
      ['customer.since', '2019-04-02'],
      ['ivr.language', 'en-IE'],
      ['ivr.choices[0]', 'billing'],
      ['ivr.choices[1]', 'speak to an agent'],
    ]);
  },
};

/** An email, a call and a chat; the CRM knows the first two. */
const SUMMARY_TASKS: Work[] = [
  { task: demoTask(COMBINING_NAME_2), ageSeconds: 20 },
  { task: demoTask('Дмитрий Иванов'), ageSeconds: 60 },
  { task: demoTask('Amara 🌻 Okafor'), ageSeconds: 90 },
];

/** The CRM's records, by the contact's address or number. */
const CRM: Record<string, { account: string; tier: string; openCases: number }> = {
  'zoe.angstrom@example.com': {
    account: 'Ångström Optics AB <b>VIP</b> <img src=x onerror="document.title=\'pwned\'">',
    tier: 'Gold',
    openCases: 2,
  },
  '+447700900412': { account: 'Ivanov Logistics Ltd', tier: 'Silver', openCases: 0 },
};

const crmSummary: TaskSummaryFn = (task) => {
  const a = JSON.parse(task.attributes) as Record<string, string>;
  const record = CRM[a['from'] ?? ''];
  if (!record) throw new Error(`no CRM record for ${a['from']}`);
  return {
    title: record.account,
    subtitle: a['subject'] ?? `Call from ${a['from']}`,
    details: [
      ['Contact', a['name'] ?? ''],
      ['Tier', record.tier],
      ['Open cases', String(record.openCases)],
    ],
  };
};

/**
 * What the host's CRM says about each task, through the panel's `taskSummary` property:
 * the account's name as the title, what the contact is about as the subtitle, and the
 * CRM's own details. Everything it returns is shown as text: a title with markup in it
 * shows the markup, and makes no element. A summary that throws leaves that task with the
 * default summary.
 */
export const HostTaskSummary: Story = {
  args: { taskSummary: crmSummary },
  parameters: emulator({ scenario: work(SUMMARY_TASKS) }),
  play: async ({ canvasElement, step }) => {
    const zoe = CRM['zoe.angstrom@example.com']!;
    const ivanov = CRM['+447700900412']!;
    const panel = await titled(canvasElement, [zoe.account, ivanov.account, 'Amara 🌻 Okafor']);
    const row = rowTitled(panel, zoe.account);
    // the markup is text: no element was made from it
    await expect(row.querySelector('b, img')).toBeNull();
    await expect(document.title).not.toBe('pwned');
    await expect(row).toHaveAccessibleName(`Reservation: ${zoe.account}`);
    await expect(text(subtitleOf(row))).toBe(String(SUMMARY_TASKS[0]!.task.attributes!['subject']));
    await expect(text(subtitleOf(rowTitled(panel, ivanov.account)))).toBe('Call from +447700900412');
    await step('Open the CRM details', () => userEvent.click(detailsButton(row)));
    await waitFor(() =>
      expect(detailsOf(row)).toEqual([
        ['Contact', COMBINING_NAME_2],
        ['Tier', 'Gold'],
        ['Open cases', '2'],
      ]),
    );
    // no CRM record: the summary threw, and the default one (the customer's name) is shown
    await expect(factsOf(rowTitled(panel, 'Amara 🌻 Okafor'))['Channel']).toBe('Chat');
  },
};

/** Two reservations in hand, and four finished ones (completed, rejected, timed out, canceled). */
const FINISHED: Work[] = [
  { status: 'accepted', task: demoTask('Дмитрий Иванов'), ageSeconds: 300 },
  { status: 'pending', task: demoTask('נועה לוי'), ageSeconds: 30 },
  { status: 'completed', task: demoTask('Lukas Schmidt'), ageSeconds: 2000 },
  { status: 'rejected', task: demoTask('王秀英'), ageSeconds: 1800 },
  { status: 'timeout', task: demoTask('प्रिया शर्मा'), ageSeconds: 2500 },
  { status: 'canceled', task: demoTask('Amara 🌻 Okafor'), ageSeconds: 900 },
];

/**
 * The finished reservations follow the active ones, after a "Finished" separator, in
 * compact rows: title, channel icon and status only (the details one click away), no facts,
 * no actions.
 */
export const FinishedSeparator: Story = {
  parameters: emulator({ scenario: work(FINISHED) }),
  play: async ({ canvasElement }) => {
    const panel = await titled(
      canvasElement,
      FINISHED.map((w) => nameOf(w.task)),
    );
    const separator = finishedSeparatorOf(panel)!;
    await expect(text(separator)).toBe('Finished');
    const all = rows(panel);
    const first = all.findIndex((r) => r.closest('li')!.contains(separator));
    await expect(first).toBe(2);
    for (const row of all.slice(0, first)) {
      await expect(['pending', 'accepted']).toContain(row.dataset['reservationStatus']);
      await expect(factsOf(row)['Channel']).toBeTruthy();
      await expect(actionButtons(row).length).toBeGreaterThan(0);
    }
    for (const row of all.slice(first)) {
      await expect(['completed', 'rejected', 'timeout', 'canceled']).toContain(row.dataset['reservationStatus']);
      await expect(factsOf(row)).toEqual({});
      await expect(actionButtons(row)).toEqual([]);
      await expect(subtitleOf(row)).toBeNull();
      // compact: not taller than an active row's first lines
      await expect(row.getBoundingClientRect().height).toBeLessThan(all[0]!.getBoundingClientRect().height / 2);
    }
    await expect(all.slice(first).map(statusLabelOf).sort()).toEqual(['Canceled', 'Completed', 'Rejected', 'Timed out']);
  },
};

/**
 * The header: the worker's name and current activity (here on a break, so not available),
 * once for the panel rather than on every row.
 */
export const HeaderActivity: Story = {
  parameters: emulator({
    scenario: work([{ task: demoTask('김민준'), ageSeconds: 40 }], { workerName: 'Grace Hopper', workerActivity: 'Break' }),
  }),
  play: async ({ canvasElement }) => {
    const panel = await titled(canvasElement, ['김민준']);
    const header = await waitFor(() => {
      const h = headerOf(panel);
      expect(text(h)).toMatch(/Break/);
      return h!;
    });
    await expect(text(header)).toBe('Grace Hopper Activity: Break');
    await expect(text(rows(panel)[0])).not.toMatch(/Grace Hopper/);
  },
};

/**
 * A pending reservation near the end of its time (the workflow gives 2 minutes; 20 s are
 * left): the countdown warns, and the reservation times out while you watch.
 */
export const CountdownNearEnd: Story = {
  args: { 'reservation-timeout': 120 },
  parameters: emulator({
    scenario: {
      ...work([{ task: { ...demoTask('Siobhán Ó Súilleabháin'), ageSeconds: 130 }, ageSeconds: 100 }]),
      reservationTimeoutSeconds: 120,
    },
  }),
  play: async ({ canvasElement, loaded }) => {
    const panel = await titled(canvasElement, ['Siobhán Ó Súilleabháin']);
    const timer = rows(panel)[0]!.querySelector<HTMLElement>('[part~="countdown"]')!;
    await expect(timer).toHaveAttribute('role', 'timer');
    await expect(timer).toHaveAttribute('data-warning', 'true');
    await expect(text(timer)).toMatch(/^0:(1\d|20)$/);
    await expect(factsOf(rows(panel)[0]!)['Time left']).toBe(text(timer));
    await expect((loaded as Loaded).scenario.reservations[0]!.reservation_status).toBe('pending');
  },
};
