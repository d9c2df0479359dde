// The custom elements manifest that Storybook's controls and docs are generated from
// (written by scripts/storybook-prepare.mjs to .storybook/generated/). Same analysis as
// `npm run build`'s manifest: the project's custom-elements-manifest.config.mjs is taken over
// (its globs and its plugin for `defineElement`).
import { existsSync } from 'node:fs';

const projectConfig = new URL('../custom-elements-manifest.config.mjs', import.meta.url);
const base = existsSync(projectConfig) ? ((await import(projectConfig.href)).default ?? {}) : {};

export default {
  ...base,
  globs: ['src/**/*.ts'],
  exclude: [...(base.exclude ?? []), 'src/emulator/**', 'src/react/**'],
  litelement: true,
  outdir: '.storybook/generated',
  // package.json keeps pointing at the published manifest in dist/
  packagejson: false,
  plugins: base.plugins ?? [],
};
