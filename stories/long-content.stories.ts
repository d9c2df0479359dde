/**
 * Tasks whose content pushes at the panel's edges, in a 360 px column: a name of 100,000
 * characters, a 40-character word with no break opportunity, names written with combining
 * marks, and deeply nested attributes. Whatever the content, the panel stays within its
 * width: long titles end in an ellipsis (the whole text stays in the row's accessible name
 * and its details), long values wrap, nothing scrolls sideways.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { LONG_SUBJECT, SUPPORT_ADDRESS } from '../src/emulator/demo-data.js';
import { detailsButton, detailsOf, headerOf, overflowing, panelIn, rows, rowTitled, text, titleOf } from './support/dom.js';
import type { TaskContent } from './support/emulator.js';
import { inBox, panelMeta, type EmulatorParameters, type PanelArgs } from './support/panel-story.js';
import { COMBINING_NAME, COMBINING_NAME_2, UNBROKEN_NAME, demoTask, nameOf, work, type Work } from './support/tasks.js';

const WIDTH = 360;

const meta = {
  ...panelMeta,
  title: 'Reservation panel/Long and unusual content',
  decorators: [inBox(`width: ${WIDTH}px; border: 1px dashed #8c959f; padding: 4px;`)],
} satisfies Meta<PanelArgs>;

export default meta;
type Story = StoryObj<PanelArgs>;

const emulator = (parameters: EmulatorParameters) => ({ emulator: parameters });

/** Details values with less room than a few characters (a label may not squeeze its value out of sight). */
const squeezedValues = (row: HTMLElement) =>
  detailsOf(row)
    .map(([label], i) => [label, row.querySelectorAll<HTMLElement>('.attributes dd')[i]!] as const)
    .filter(([, dd]) => dd.clientWidth < 60)
    .map(([label, dd]) => `${label}: ${dd.clientWidth}px`);

/**
 * Waits for the rows, opens every row's Details, and checks that nothing leaves the
 * panel's box and that every value has room to be read.
 */
async function openAllAndFit(canvasElement: HTMLElement, titles: string[]) {
  const panel = panelIn(canvasElement);
  await waitFor(() => expect(rows(panel).map(titleOf).sort()).toEqual([...titles].sort()), { timeout: 8000 });
  for (const row of rows(panel)) await userEvent.click(detailsButton(row));
  await waitFor(() => expect(rows(panel).every((r) => detailsButton(r).getAttribute('aria-expanded') === 'true')).toBe(true));
  await expect(panel.getBoundingClientRect().width).toBeLessThanOrEqual(WIDTH);
  await expect(overflowing(panel)).toEqual([]);
  for (const row of rows(panel)) await expect(squeezedValues(row)).toEqual([]);
  return panel;
}

/** A title cut with an ellipsis: its text is wider than the room it has. */
const cut = (row: HTMLElement) => {
  const title = row.querySelector<HTMLElement>('.title')!;
  return title.scrollWidth > title.clientWidth;
};

/** 100,000 characters: a name made of many given names (a record pasted into the wrong field). */
const LONG_NAME = 'Maria Josefa Antonia Carlota Francisca de Paula Luisa Isabel Leopoldina '.repeat(1400).slice(0, 100_000);
/** The longest name the worker may have here (1,000 characters). */
const LONG_WORKER = 'Anna Maria Magdalena Bach-Wilcke '.repeat(31).slice(0, 1000);

/**
 * A task whose `name` is 100,000 characters long, from a worker with a 1,000-character
 * name: the title and the header end in an ellipsis, the details wrap the whole name.
 */
export const LongName: Story = {
  parameters: emulator({
    scenario: work(
      [
        {
          task: {
            channel: 'email',
            queue: 'Support',
            ageSeconds: 200,
            attributes: { from: 'records@example.com', to: SUPPORT_ADDRESS, subject: LONG_SUBJECT, name: LONG_NAME },
          },
          ageSeconds: 30,
        },
      ],
      { workerName: LONG_WORKER },
    ),
  }),
  play: async ({ canvasElement }) => {
    const panel = await openAllAndFit(canvasElement, [LONG_NAME]);
    const row = rows(panel)[0]!;
    await expect(titleOf(row)).toHaveLength(100_000);
    await expect(cut(row)).toBe(true);
    await expect(detailsOf(row).find(([k]) => k === 'name')?.[1]).toBe(LONG_NAME);
    const worker = headerOf(panel)!.querySelector<HTMLElement>('.worker')!;
    await expect(text(worker)).toBe(LONG_WORKER.trim());
    await expect(worker.scrollWidth).toBeGreaterThan(worker.clientWidth);
  },
};

/** A web visitor's 40-character handle, with no break opportunity, as name, address and subject. */
const UNBROKEN: Work[] = [
  { task: demoTask(UNBROKEN_NAME), ageSeconds: 20 },
  {
    task: {
      channel: 'email',
      queue: 'Billing',
      ageSeconds: 600,
      attributes: {
        from: `${UNBROKEN_NAME}@example.com`,
        to: SUPPORT_ADDRESS,
        subject: `Invoice ${UNBROKEN_NAME.toUpperCase()}`,
        name: UNBROKEN_NAME.toUpperCase(),
      },
    },
    ageSeconds: 60,
  },
];

/** A 40-character word with no break opportunity, in the title, the subtitle and the details. */
export const UnbrokenWord: Story = {
  parameters: emulator({ scenario: work(UNBROKEN) }),
  play: async ({ canvasElement }) => {
    const panel = await openAllAndFit(
      canvasElement,
      UNBROKEN.map((w) => nameOf(w.task)),
    );
    const email = rowTitled(panel, UNBROKEN_NAME.toUpperCase());
    await expect(detailsOf(email).find(([k]) => k === 'from')?.[1]).toBe(`${UNBROKEN_NAME}@example.com`);
  },
};

/** A display name with stacked combining marks above and below each letter. */
const STACKED = 'Ḁ̴̛̤̓n̸̳̈́n̵̰̿a̴̱͌ K̷̡̝̇ơ̶̺̔w̴̢̛a̵̖̓l̶̮̈́s̴̰̈k̴̜͝a̷̛̹';

const COMBINING: Work[] = [
  { task: demoTask(COMBINING_NAME), ageSeconds: 20 },
  { task: demoTask(COMBINING_NAME_2), ageSeconds: 40 },
  {
    task: {
      channel: 'chat',
      queue: 'Support',
      ageSeconds: 90,
      attributes: { channelType: 'web', from: STACKED, conversationSid: 'CH9f8e7d6c5b4a39281706f5e4d3c2b1a0', name: STACKED },
    },
    ageSeconds: 60,
  },
];

/**
 * Names written with combining marks, decomposed (NFD) as some systems send them, "Nguyễn
 * Ngọc Ánh" and "Zoë Ångström", and one with stacked marks: shown as sent (not normalized),
 * within the panel.
 */
export const CombiningMarks: Story = {
  parameters: emulator({ scenario: work(COMBINING) }),
  play: async ({ canvasElement }) => {
    const panel = await openAllAndFit(
      canvasElement,
      COMBINING.map((w) => nameOf(w.task)),
    );
    const row = rowTitled(panel, COMBINING_NAME);
    await expect(titleOf(row)).not.toBe(COMBINING_NAME.normalize('NFC'));
    await expect(row).toHaveAccessibleName(`Reservation: ${COMBINING_NAME}`);
  },
};

/** Objects nested from `level<from>` to `level<to>`, as a workflow engine's context might be. */
function nested(from: number, to: number): Record<string, unknown> {
  let value: Record<string, unknown> = { outcome: 'escalate', note: 'Customer asked for a supervisor twice' };
  for (let i = to; i >= from; i--) value = { [`level${i}`]: value };
  return value;
}

const NESTED: TaskContent = {
  channel: 'voice',
  queue: 'Support',
  priority: 5,
  ageSeconds: 300,
  attributes: {
    ...demoTask('Дмитрий Иванов').attributes,
    studio: { flow: 'FW0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a', context: nested(1, 12) },
    transcript: Array.from({ length: 6 }, (_, i) => ({
      at: `00:0${i}:1${i}`,
      said: i % 2 ? 'I have been waiting for a refund since March.' : 'Thank you for calling, how can I help?',
    })),
  },
};

/**
 * Deeply nested attributes (twelve levels, and an array of objects): the details flatten
 * them to paths; past eight levels the rest is shown as JSON, wrapped within the panel.
 */
export const DeeplyNested: Story = {
  parameters: emulator({ scenario: work([{ task: NESTED, ageSeconds: 45 }]) }),
  play: async ({ canvasElement }) => {
    const panel = await openAllAndFit(canvasElement, [nameOf(NESTED)]);
    const details = detailsOf(rows(panel)[0]!);
    await expect(details).toContainEqual(['transcript[3].said', 'I have been waiting for a refund since March.']);
    const deep = details.find(([k]) => k.startsWith('studio.context.level1.level2'));
    await expect(deep?.[0]).toBe('studio.context.level1.level2.level3.level4.level5.level6');
    await expect(JSON.parse(deep![1])).toEqual(nested(7, 12));
  },
};
