// ESLint: the JavaScript and TypeScript recommendations (typescript-eslint), Lit's template
// rules (eslint-plugin-lit) and the custom-element rules (eslint-plugin-wc). Formatting is
// Prettier's (.prettierrc.json); `npm run lint` runs both with lit-analyzer.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'storybook-static/',
      'node_modules/',
      'bench/results/',
      '.storybook/generated/',
      'src/wire/spec-params.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  wc.configs['flat/best-practice'],
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.es2022 },
    },
    rules: {
      // unused names starting with _ are deliberate (destructuring to leave a field out)
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests read what the emulator and the panel answer without declaring every shape.
    files: ['test/**', 'stories/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Node scripts, configuration and the bench's Node side.
    files: ['**/*.mjs', 'scripts/**', 'bench/**', 'examples/**', '*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
);
