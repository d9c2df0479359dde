import { createContext } from '@lit/context';
import type { PanelStrings } from '../i18n/strings.js';

/**
 * What a host app may give every panel below an element: the API base, the token and its
 * provider. A panel's own attributes and properties win over it.
 */
export interface HostConfig {
  readonly apiBase?: string;
  readonly token?: string;
  readonly tokenProvider?: () => Promise<string>;
}

/**
 * The host's configuration. Keyed by a registered symbol, so that a provider from one copy
 * of the package reaches the panels of another copy loaded on the same page.
 */
export const hostContext = createContext<HostConfig | undefined>(Symbol.for('reservation-panel.host'));

/** The strings in force and the locale for numbers and durations. */
export interface Localization {
  readonly strings: PanelStrings;
  /** a BCP 47 language tag: the panel's `lang`, else the nearest ancestor's, else the browser's */
  readonly locale: string;
}

export const stringsContext = createContext<Localization>(Symbol('reservation-panel.strings'));
