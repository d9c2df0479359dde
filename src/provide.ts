/**
 * For pages that do not use Lit: gives the API base, token and token provider to every
 * `<reservation-panel>` inside `element`, through the same context a Lit host app provides.
 *
 *   const config = provideReservationConfig(document.body, { apiBase: '/taskrouter/v1', token });
 *   config.update({ token: fresh });   // every panel picks it up
 */
import { ContextProvider } from '@lit/context';
import { hostContext, type HostConfig } from './state/contexts.js';

export interface ProvidedConfig {
  /** Replaces the given keys; the others stay. */
  update(next: Partial<HostConfig>): void;
  readonly value: HostConfig;
}

export function provideReservationConfig(element: HTMLElement, config: HostConfig): ProvidedConfig {
  const provider = new ContextProvider(element, { context: hostContext, initialValue: config });
  return {
    update(next) {
      provider.setValue({ ...provider.value, ...next });
    },
    get value() {
      return provider.value!;
    },
  };
}
