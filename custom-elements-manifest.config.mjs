// The custom elements manifest (`cem analyze`, run by `npm run build` into dist/ and by
// Storybook's preparation into .storybook/generated/): the package's elements, not the
// emulator's nor the React wrapper's modules.

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
  globs: ['src/**/*.ts'],
  exclude: ['src/emulator/**', 'src/react/**'],
  litelement: true,
  plugins: [defineElementCalls()],
};
