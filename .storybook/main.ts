import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';

const sourceDir = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * package.json's `sideEffects` names the published files (dist/) only, so a production
 * bundle of the sources would drop the modules that register the elements (they are
 * imported for their side effect). The stories bundle the sources: keep them.
 */
function sourceSideEffects(): Plugin {
  return {
    name: 'reservation-panel:source-side-effects',
    enforce: 'post',
    transform(code, id) {
      if (id.startsWith(sourceDir)) return { code, map: null, moduleSideEffects: true };
      return undefined;
    },
  };
}

/**
 * Storybook reuses the project's vite.config.ts, so under `npm run storybook` the Vite dev
 * server mounts the TaskRouter emulator at /emulator, as under `npm start`. The static
 * build has no server: its emulator runs in the browser (see ./emulator/boot.ts).
 * `npm run storybook` and `npm run build-storybook` first run scripts/storybook-prepare.mjs,
 * which writes ./generated/ (the custom elements manifest and the emulator's Service Worker).
 */
const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  // `emulator-sw.js` beside iframe.html: its scope is the whole Storybook
  staticDirs: ['./generated/public'],
  core: { disableTelemetry: true },
  viteFinal: (config) => ({ ...config, plugins: [...(config.plugins ?? []), sourceSideEffects()] }),
};

export default config;
