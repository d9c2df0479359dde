/**
 * What every story of `<reservation-panel>` shares: controls and docs generated from the
 * custom elements manifest (`@wc-toolkit/storybook-helpers`), a loader that makes the
 * story's own scenario in the emulator (from `parameters.emulator`), and a render that hands
 * the panel the emulator's `api-base` and the scenario's token. The panel's events show in the
 * Actions panel, and reach spies that `play` functions check (`eventsOf(canvasElement)`).
 */
import { getCustomElements, type Decorator, type Meta, type StoryContext } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import { html } from 'lit';
import { fn } from 'storybook/test';
import { RESERVATION_STATUSES } from '../../src/wire/types.js';
import type { ReservationPanel } from '../../src/index.js';
import { apiBase, scenario, setFaults, type Fault, type Scenario, type ScenarioOptions } from './emulator.js';

/**
 * `parameters.emulator` of a story: the scenario it runs against, and faults to inject (or a
 * function that makes them from the scenario, e.g. an answer for one of its tasks).
 */
export interface EmulatorParameters {
  scenario?: ScenarioOptions;
  faults?: Fault[] | ((scenario: Scenario) => Fault[] | Promise<Fault[]>);
}

export interface Loaded {
  scenario: Scenario;
}

const helpers = getStorybookHelpers<ReservationPanel>('reservation-panel');

interface ManifestDeclaration {
  tagName?: string;
  summary?: string;
  description?: string;
}

/** The panel's `@summary` and description, from the custom elements manifest. */
export function componentDescription(): string {
  const manifest = getCustomElements() as { modules?: { declarations?: ManifestDeclaration[] }[] } | undefined;
  const declaration = manifest?.modules?.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'reservation-panel');
  return [declaration?.summary, declaration?.description].filter(Boolean).join('\n\n');
}

/**
 * Spies on the panel's events, for `play` functions. They stay unnamed: Storybook logs a
 * named spy's calls in the Actions panel, which already lists the events once.
 */
const eventSpies = () => ({
  onReservationLoad: fn(),
  onReservationStatusChange: fn(),
  onReservationBeforeUpdate: fn(),
  onReservationError: fn(),
  onReservationTokenExpired: fn(),
});

export type EventSpies = ReturnType<typeof eventSpies>;

const spiesOfCanvas = new WeakMap<HTMLElement, EventSpies>();

/** The spies on the events of the panel rendered in a story's canvas. */
export function eventsOf(canvasElement: HTMLElement): EventSpies {
  const spies = spiesOfCanvas.get(canvasElement);
  if (!spies) throw new Error('no panel rendered in this canvas');
  return spies;
}

export type PanelArgs = Record<string, unknown>;

/** Seconds a pending reservation lives in the stories' scenarios (and the panel's `reservation-timeout`). */
export const RESERVATION_TIMEOUT_SECONDS = 3600;

/**
 * Makes the story's scenario; its faults apply to the panel's own requests only. Pending
 * reservations live an hour unless the story says otherwise, so that none times out while
 * someone looks at the story.
 */
async function loadScenario(context: StoryContext): Promise<Loaded> {
  const options = (context.parameters['emulator'] ?? {}) as EmulatorParameters;
  const s = await scenario({ reservationTimeoutSeconds: RESERVATION_TIMEOUT_SECONDS, ...options.scenario });
  const faults = typeof options.faults === 'function' ? await options.faults(s) : options.faults;
  if (faults?.length) await setFaults(s.workspaceSid, faults);
  return { scenario: s };
}

export function renderPanel(args: PanelArgs, context: StoryContext) {
  const { scenario: s } = context.loaded as Loaded;
  const spies = eventSpies();
  spiesOfCanvas.set(context.canvasElement, spies);
  const { onReservationLoad, onReservationStatusChange, onReservationBeforeUpdate, onReservationError, onReservationTokenExpired } = spies;
  return html`<div
    class="panel-host"
    @reservation-load=${onReservationLoad}
    @reservation-status-change=${onReservationStatusChange}
    @reservation-before-update=${onReservationBeforeUpdate}
    @reservation-error=${onReservationError}
    @reservation-token-expired=${onReservationTokenExpired}
  >
    ${helpers.template({ ...args, token: s.token })}
  </div>`;
}

/** The meta every panel story file starts from. */
export const panelMeta = {
  component: 'reservation-panel',
  // the countdown of a pending reservation runs against the scenario's reservation timeout (an hour, see loadScenario)
  args: { ...helpers.args, 'api-base': apiBase(), 'reservation-timeout': RESERVATION_TIMEOUT_SECONDS },
  argTypes: {
    ...helpers.argTypes,
    status: { ...helpers.argTypes['status'], control: 'select', options: [undefined, ...RESERVATION_STATUSES] },
    // the token comes from the story's scenario; it is never shown
    token: { ...helpers.argTypes['token'], control: false },
    // a function (task, reservation) => { title, subtitle?, details? }, set by the stories that show one
    taskSummary: { ...helpers.argTypes['taskSummary'], control: false },
  },
  loaders: [loadScenario],
  render: (args, context) => renderPanel(args, context),
  parameters: { layout: 'padded' },
} satisfies Meta<PanelArgs>;

/** Wraps a story in a box of the given width, as a CRM page would host it. */
export const inBox =
  (style: string): Decorator =>
  (story) =>
    html`<div style=${style}>${story()}</div>`;
