// The custom elements manifest that Storybook's controls and docs are generated from
// (written by scripts/storybook-prepare.mjs to .storybook/generated/). Same analysis as
// `npm run build`'s manifest; a project-level custom-elements-manifest.config.mjs, when
// there is one, is taken over (its plugins, for instance).
import { existsSync } from 'node:fs';

const projectConfig = new URL('../custom-elements-manifest.config.mjs', import.meta.url);
const base = existsSync(projectConfig) ? ((await import(projectConfig.href)).default ?? {}) : {};

/**
 * The elements register through `defineElement(tag, Class)` (src/base/define.ts), which the
 * analyzer does not read as `customElements.define(tag, Class)`: this plugin does, so each
 * element's class gets its `tagName` (the Storybook helpers find the element by it). The
 * definition the analyzer reads inside `defineElement` itself (tag `tag`, class `element`,
 * its parameters) is dropped.
 */
function defineElementCalls() {
  return {
    name: 'reservation-panel:define-element-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteralLike(tag) || !ts.isIdentifier(klass)) return;
      const definition = { kind: 'custom-element-definition', name: tag.text, declaration: { name: klass.text, module: moduleDoc.path } };
      moduleDoc.exports = [...(moduleDoc.exports ?? []), definition];
    },
    moduleLinkPhase({ moduleDoc }) {
      if (!moduleDoc.path.endsWith('src/base/define.ts')) return;
      moduleDoc.exports = moduleDoc.exports?.filter((e) => e.kind !== 'custom-element-definition');
    },
  };
}

export default {
  ...base,
  globs: ['src/**/*.ts'],
  exclude: [...(base.exclude ?? []), 'src/emulator/**', 'src/react/**'],
  litelement: true,
  outdir: '.storybook/generated',
  // package.json keeps pointing at the published manifest in dist/
  packagejson: false,
  plugins: [...(base.plugins ?? []), defineElementCalls()],
};
