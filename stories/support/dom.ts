/**
 * Finding things in a story the way a user does, through the panel's shadow roots:
 * `within` (Testing Library) does not cross a shadow boundary by itself, so each query
 * starts from the shadow root concerned.
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

/** The rendered reservations (`part="reservation"`). */
export const rows = (panel: ReservationPanel) => [...panel.shadowRoot!.querySelectorAll<HTMLElement>('[part~="reservation"]')];

export const rowsWithStatus = (panel: ReservationPanel, status: ReservationStatus) =>
  rows(panel).filter((r) => r.dataset['reservationStatus'] === status);

/** The notice (loading, empty, error) the panel shows, if any. */
export const notices = (panel: ReservationPanel) => [...panel.shadowRoot!.querySelectorAll<HTMLElement>('[part~="notice"]')];

/** The action form open in a row. */
export function formIn(row: HTMLElement): HTMLElement {
  const form = row.shadowRoot?.querySelector<HTMLElement>('reservation-form');
  if (!form?.shadowRoot) throw new Error('no form open in this reservation');
  return form;
}

/** The control named `name` (its wire name) in a form. */
export function control<T extends HTMLElement = HTMLInputElement>(form: HTMLElement, name: string): T {
  const el = form.shadowRoot!.querySelector<T>(`[name="${name}"]`);
  if (!el) throw new Error(`no control named ${name}`);
  return el;
}

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The action button named `name` (Accept, Dequeue, …) of a reservation's row. */
export function actionButton(row: HTMLElement, name: string): HTMLButtonElement {
  const button = [...row.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="actions"] button')].find((b) => text(b) === name);
  if (!button) throw new Error(`no ${name} button in this reservation`);
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
