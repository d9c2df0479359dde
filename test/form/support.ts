/**
 * Helpers for tests of the action forms: find controls the way a user does (by role,
 * accessible name and the `name` attribute), read what a control is described by, type
 * with the real keyboard, and compare form bodies.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ReservationForm } from '../../src/components/reservation-form/reservation-form.js';
import type { ReservationPanel } from '../../src/components/reservation-panel/reservation-panel.js';
import { waitFor } from '../support/panel.js';

const collapse = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Text of the elements an IDREF list names, in the same root as `el`. */
export function textOfIds(el: Element, attribute: string): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  return collapse(
    (el.getAttribute(attribute) ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => root.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

/** The accessible name of a button or form control (aria-labelledby, aria-label, label[for], legend, content). */
export function accessibleName(el: Element): string {
  if (el.hasAttribute('aria-labelledby')) return textOfIds(el, 'aria-labelledby');
  if (el.hasAttribute('aria-label')) return collapse(el.getAttribute('aria-label'));
  if (el.id && el.matches('input, select, textarea')) {
    const label = (el.getRootNode() as ShadowRoot).querySelector(`label[for="${el.id}"]`);
    if (label) return collapse(label.textContent);
  }
  if (el.tagName === 'FIELDSET') return collapse(el.querySelector(':scope > legend')?.textContent);
  return collapse(el.textContent);
}

/** The visible label of a control: its `<label for>` in the same shadow root. */
export function labelOf(control: Element): HTMLLabelElement | null {
  const root = control.getRootNode() as ShadowRoot;
  return control.id ? root.querySelector<HTMLLabelElement>(`label[for="${control.id}"]`) : null;
}

/** What assistive tech reads as a control's description (aria-describedby). */
export const descriptionOf = (el: Element) => textOfIds(el, 'aria-describedby');

/** Buttons of a root by accessible name. */
export function buttons(root: ParentNode): HTMLButtonElement[] {
  return [...root.querySelectorAll<HTMLButtonElement>('button')].filter((b) => !b.hidden && !b.closest('[hidden]'));
}

export function button(root: ParentNode, name: string): HTMLButtonElement | null {
  return buttons(root).find((b) => accessibleName(b) === name) ?? null;
}

/** The row of a reservation in a panel. */
export function row(panel: ReservationPanel, sid: string): HTMLElement | null {
  return panel.shadowRoot!.querySelector<HTMLElement>(`[part~="reservation"][data-reservation-sid="${sid}"]`);
}

/** The labelled group of action buttons of a row, and the names of its buttons. */
export function actionGroup(item: HTMLElement): HTMLElement | null {
  return item.querySelector<HTMLElement>('[part~="actions"]');
}

export const actionNames = (item: HTMLElement) => {
  const group = actionGroup(item);
  return group ? buttons(group).map(accessibleName) : [];
};

/** The form open in a row, if any. */
export const formOf = (item: HTMLElement) => item.querySelector<ReservationForm>('reservation-form');

/** The native `<form>` of a form element. */
export const nativeForm = (form: ReservationForm) => form.shadowRoot!.querySelector('form')!;

/** Every control named `name` in a form element (a checkbox group has several). */
export const controls = <T extends HTMLElement = HTMLInputElement>(form: ReservationForm, name: string) => [
  ...form.shadowRoot!.querySelectorAll<T>(`[name="${name}"]`),
];

export function control<T extends HTMLElement = HTMLInputElement>(form: ReservationForm, name: string): T {
  const c = form.shadowRoot!.querySelector<T>(`[name="${name}"]`);
  if (!c) throw new Error(`no control named ${name}`);
  return c;
}

/** The checkbox of a checkbox group whose label is `label` (or whose value is). */
export function option(form: ReservationForm, name: string, labelOrValue: string): HTMLInputElement {
  const found = controls(form, name).find((c) => (c as HTMLInputElement).value === labelOrValue || accessibleName(c) === labelOrValue);
  if (!found) throw new Error(`no option ${labelOrValue} of ${name}`);
  return found;
}

/** The element focused now, through shadow roots. */
export function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** A short description of an element for messages: tag, name and accessible name. */
export function describeEl(el: Element | null): string {
  if (!el) return 'nothing';
  const name = el.getAttribute('name');
  return `<${el.tagName.toLowerCase()}${name ? ` name="${name}"` : ''}> "${accessibleName(el)}"`;
}

/**
 * Asserts that `el` has focus. (Compares descriptions: chai's message for two unequal
 * elements inside shadow roots can stall the test runner.)
 */
export function expectFocus(el: Element | null, message = 'focus') {
  const active = deepActive();
  expect(active === el, `${message}: expected ${describeEl(el)}, focus is on ${describeEl(active)}`).to.equal(true);
}

/** Focuses a control and types into it with the real keyboard. */
export async function typeInto(el: HTMLElement, text: string) {
  el.focus();
  if (deepActive() !== el) throw new Error(`could not focus ${el.getAttribute('name') ?? el.tagName}`);
  await sendKeys({ type: text });
}

export const press = (key: string) => sendKeys({ press: key });

/** Clicks a button and waits for the row's next render. */
export async function click(el: HTMLElement) {
  el.click();
  const host = (el.getRootNode() as ShadowRoot).host as ReservationPanel | ReservationForm;
  await host.updateComplete;
}

/** Resolves when the panel that renders `node` has rendered. */
export const rendered = (node: Element) => ((node.getRootNode() as ShadowRoot).host as ReservationPanel).updateComplete;

/** Opens the form of `action` (by its button) in a row and waits for it. */
export async function openForm(item: HTMLElement, name: string): Promise<ReservationForm> {
  const b = button(actionGroup(item)!, name);
  if (!b) throw new Error(`no ${name} button`);
  b.click();
  const form = await waitFor(() => formOf(item), `the ${name} form`);
  await form.updateComplete;
  return form;
}

/** A form body as (name, value) pairs ordered by name; repeated keys keep their order. */
export const pairs = (body: string) =>
  [...new URLSearchParams(body)]
    .map(([k, v], i) => ({ k, v, i }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    .map(({ k, v }) => [k, v]);

export const sorted = (list: [string, string][]) =>
  list
    .map(([k, v], i) => ({ k, v, i }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    .map(({ k, v }) => [k, v]);

/** Resolves after a short pause (for checking that nothing happens). */
export const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));
