import type { StorybookConfig } from '@storybook/web-components-vite';

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
};

export default config;
