/**
 * Finding things in a story the way a user does, through the panel's shadow roots:
 * `within` (Testing Library) does not cross a shadow boundary by itself, so each query
 * starts from the shadow root concerned.
 */
import { within } from 'storybook/test';
import type { ReservationStatus } from '../../src/api/types.js';
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
