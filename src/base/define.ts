/**
 * Registers a custom element so that copies of the package can share a page: the first copy
 * registers each tag; a later copy of the same version stays silent, and one of another
 * version says in the console which version stays in use (a page cannot register a tag
 * twice). Never throws `NotSupportedError` for a tag already defined.
 */
import { VERSION } from '../version.js';

export function defineElement(tag: string, element: CustomElementConstructor & { readonly version?: string }): void {
  const existing = customElements.get(tag) as (CustomElementConstructor & { readonly version?: string }) | undefined;
  if (!existing) {
    customElements.define(tag, element);
    return;
  }
  if (existing === element || existing.version === VERSION) return;
  console.warn(
    `<${tag}> ${VERSION} was loaded on a page where <${tag}> ${existing.version ?? '(another copy)'} is already registered; ` +
      `that one stays in use. Load one copy of reservation-panel per page.`,
  );
}
