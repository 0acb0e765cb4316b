// ESLint flat config: typescript-eslint's `recommended` (syntactic, not type-checked, to stay fast) over every
// TypeScript source of the repository, plus the React hooks rules for the web. Run by `npm run lint` (and so by `npm test`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/data/**', '**/test-output/**', 'server/src/db/migrations/**', 'bench/out/**', 'web/public/**'],
  },
  {
    files: [
      'packages/domain/src/**/*.ts',
      'server/src/**/*.ts',
      'server/test/**/*.ts',
      'web/src/**/*.{ts,tsx}',
      'e2e/**/*.ts',
      'bench/**/*.ts',
      '*.ts',
    ],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      // a leading underscore marks a deliberately unused binding (rest-destructuring a field away, a positional parameter)
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // the ideographic space (U+3000) separates fields in Chinese UI text and test data on purpose
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
    },
  },
  {
    // these files exist to find and strip control characters, so their patterns name them
    files: ['packages/domain/src/fields.ts', 'server/src/lib/uploads.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // test helpers build arbitrary request payloads and walk untyped JSON Schemas
    files: ['**/*.test.ts', 'server/test/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      // React Compiler rules (the app is not compiled with it): resetting a form's state when a modal opens and
      // reading a ref that mirrors the latest props are deliberate patterns here
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
    },
  },
);
