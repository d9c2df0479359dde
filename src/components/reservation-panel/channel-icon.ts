import { html, svg, type SVGTemplateResult } from 'lit';

/** 16×16 outline paths (stroke-drawn) per known channel; any other channel gets the generic one. */
const PATHS: Readonly<Record<string, SVGTemplateResult>> = {
  voice: svg`<path d="M3.5 2.5h2.2l1 2.8-1.4 1.1a8 8 0 0 0 3.9 3.9l1.1-1.4 2.8 1v2.2a1.4 1.4 0 0 1-1.5 1.4A11 11 0 0 1 2.1 4a1.4 1.4 0 0 1 1.4-1.5z"/>`,
  chat: svg`<path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z"/>`,
  sms: svg`<rect x="4" y="1.5" width="8" height="13" rx="1.5"/><path d="M6.5 4.5h3M6.5 7h3"/>`,
  email: svg`<rect x="1.5" y="3.5" width="13" height="9" rx="1"/><path d="m2 4 6 5 6-5"/>`,
  default: svg`<rect x="2.5" y="2.5" width="11" height="11" rx="1.5"/><path d="M5 6h6M5 9h4"/>`,
};

/** A channel's icon, with `label` as its text alternative. */
export function channelIcon(channel: string, label: string) {
  return html`<svg
    class="channel-icon"
    viewBox="0 0 16 16"
    width="16"
    height="16"
    role="img"
    aria-label=${label}
    fill="none"
    stroke="currentColor"
    stroke-width="1.3"
    stroke-linejoin="round"
    stroke-linecap="round"
  >
    ${PATHS[channel] ?? PATHS.default}
  </svg>`;
}
