/**
 * Finding things in a story the way a user does. The panel renders its header, its list and
 * every reservation (`part="reservation"`, a `role="group"` named "Reservation: <title>") in
 * its own shadow root; an open action form is a `<reservation-form>` inside its reservation,
 * with its controls in the form's shadow root. `within` (Testing Library) does not cross a
 * shadow boundary by itself, so each query starts from the shadow root concerned.
 */
import { within } from 'storybook/test';
import type { ReservationStatus } from '../../src/wire/types.js';
import type { ReservationPanel } from '../../src/index.js';

/** The story's panel. */
export function panelIn(canvasElement: HTMLElement): ReservationPanel {
  const panel = canvasElement.querySelector('reservation-panel');
  if (!panel?.shadowRoot) throw new Error('no <reservation-panel> in the story');
  return panel;
}

/** Testing Library queries inside an element's shadow root. */
export const inside = (host: Element) => within(host.shadowRoot as unknown as HTMLElement);

/** Text as a reader sees it: whitespace collapsed. */
export const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The rendered reservations (`part="reservation"`), in the order shown. */
export const rows = (panel: ReservationPanel) => [...panel.shadowRoot!.querySelectorAll<HTMLElement>('[part~="reservation"]')];

export const rowsWithStatus = (panel: ReservationPanel, status: ReservationStatus) =>
  rows(panel).filter((r) => r.dataset['reservationStatus'] === status);

/** The reservation whose title (its accessible name, "Reservation: <title>") is `title`. */
export function rowTitled(panel: ReservationPanel, title: string): HTMLElement {
  const row = rows(panel).find((r) => titleOf(r) === title);
  if (!row) throw new Error(`no reservation titled ${title}; there are: ${rows(panel).map(titleOf).join(' | ')}`);
  return row;
}

/** A reservation's title, as its first line shows it. */
export const titleOf = (row: HTMLElement) => text(row.querySelector('.title'));

/** A reservation's status label (Pending, Accepted, …). */
export const statusLabelOf = (row: HTMLElement) => text(row.querySelector('.status'));

/** The second line under the title, if the row has one. */
export const subtitleOf = (row: HTMLElement) => row.querySelector<HTMLElement>('.subtitle');

/** A reservation's facts as label → value (Channel, Queue, Priority, Waiting, Time left). */
export function factsOf(row: HTMLElement): Record<string, string> {
  return Object.fromEntries(
    [...row.querySelectorAll(':scope > .meta > div')].map((d) => [text(d.querySelector('dt')), text(d.querySelector('dd'))]),
  );
}

/** The channel icon's text alternative (its `aria-label`). */
export const channelIconLabelOf = (row: HTMLElement) => row.querySelector('svg[role="img"]')?.getAttribute('aria-label') ?? null;

/** The Details disclosure button of a reservation. */
export function detailsButton(row: HTMLElement): HTMLButtonElement {
  const button = row.querySelector<HTMLButtonElement>('button[aria-expanded]');
  if (!button) throw new Error('no Details button in this reservation');
  return button;
}

/** What the open Details disclosure lists (the element its button's `aria-controls` names), as label → value pairs. */
export function detailsOf(row: HTMLElement): [string, string][] {
  const id = detailsButton(row).getAttribute('aria-controls');
  const list = id ? (row.getRootNode() as ShadowRoot).getElementById(id) : null;
  if (!list) throw new Error('the Details of this reservation are not open');
  return [...list.querySelectorAll('dt')].map((dt) => [text(dt), text(dt.nextElementSibling)]);
}

/** The panel's header (`part="header"`): the worker's name and current activity. */
export const headerOf = (panel: ReservationPanel) => panel.shadowRoot!.querySelector<HTMLElement>('[part~="header"]');

/** The "Finished" separator before the finished reservations, if shown. */
export const finishedSeparatorOf = (panel: ReservationPanel) => panel.shadowRoot!.querySelector<HTMLElement>('.separator');

/** The notice (loading, empty, error) the panel shows, if any. */
export const notices = (panel: ReservationPanel) => [...panel.shadowRoot!.querySelectorAll<HTMLElement>('[part~="notice"]')];

/** The action form open in a reservation. */
export function formIn(row: HTMLElement): HTMLElement {
  const form = row.querySelector<HTMLElement>('reservation-form');
  if (!form?.shadowRoot) throw new Error('no form open in this reservation');
  return form;
}

/** The control named `name` (its wire name) in a form. */
export function control<T extends HTMLElement = HTMLInputElement>(form: HTMLElement, name: string): T {
  const el = form.shadowRoot!.querySelector<T>(`[name="${name}"]`);
  if (!el) throw new Error(`no control named ${name}`);
  return el;
}

/** The action buttons of a reservation, in order. */
export const actionButtons = (row: HTMLElement) => [...row.querySelectorAll<HTMLButtonElement>('[part~="actions"] button')];

/** The action button named `name` (Accept, Dequeue, …) of a reservation. */
export function actionButton(row: HTMLElement, name: string): HTMLButtonElement {
  const button = actionButtons(row).find((b) => text(b) === name);
  if (!button) throw new Error(`no ${name} button in this reservation; it has: ${actionButtons(row).map(text).join(', ')}`);
  return button;
}

/** The submit button of a form. */
export const submitButton = (form: HTMLElement) => form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!;

/** The message shown for a control (what its `aria-describedby` names, besides the help). */
export function messageOf(control: HTMLElement): string {
  const root = control.getRootNode() as ShadowRoot;
  return (control.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .map((id) => root.getElementById(id))
    .filter((el): el is HTMLElement => !!el && el.classList.contains('error'))
    .map(text)
    .join(' ');
}

/** A form's error from the server (`role="alert"`), if shown. */
export const serverErrorIn = (form: HTMLElement) => form.shadowRoot!.querySelector<HTMLElement>('[role="alert"]');

/** Whether an ancestor of `el` (up to its shadow root) clips it sideways (`overflow-x` other than `visible`). */
function clippedSideways(el: Element): boolean {
  for (let p = el.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true;
  return false;
}

/**
 * Whether everything the panel shows stays inside its own box: no element wider than the
 * panel (unless an ancestor clips it, as a title cut with an ellipsis is), and nothing
 * that scrolls sideways. Returns the offenders (empty when all fit).
 */
export function overflowing(panel: ReservationPanel): string[] {
  const box = panel.getBoundingClientRect();
  const out: string[] = [];
  const name = (el: Element) => `${el.localName}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
  if (panel.scrollWidth > panel.clientWidth + 1) out.push(`the panel scrolls sideways (${panel.scrollWidth} > ${panel.clientWidth})`);
  for (const el of panel.shadowRoot!.querySelectorAll<HTMLElement>('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if ((r.left < box.left - 1 || r.right > box.right + 1) && !clippedSideways(el)) {
      out.push(
        `${name(el)} spans ${Math.round(r.left)}–${Math.round(r.right)}, the panel ${Math.round(box.left)}–${Math.round(box.right)}`,
      );
    }
    const overflowX = getComputedStyle(el).overflowX;
    if ((overflowX === 'auto' || overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) out.push(`${name(el)} scrolls sideways`);
  }
  return out;
}
