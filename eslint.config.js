// ESLint flat config: typescript-eslint's recommended rules everywhere, plus the
// process boundaries of DESIGN.md as import rules (shared/ is pure; renderer/ never
// reaches Node or Electron).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'stream', 'util', 'worker_threads'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', '.tmp/**', 'test-results/**', 'playwright-report/**', 'bench/data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // electron-builder loads its hooks with require(): these stay CommonJS.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node built-ins. Put Node code in main/.' },
            { group: ['electron', 'electron/*'], message: 'shared/ must not import Electron.' },
            { group: ['**/main/**', '**/renderer/**', '**/fixtures/**', '@duckdb/*'], message: 'shared/ imports only shared/ and pure libraries.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require'],
    },
  },
  {
    // Tests of shared/ code may run it against a real DuckDB from main/engine; they are not shipped.
    files: ['shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The renderer is sandboxed: no Node built-ins. Ask main through the IPC contract.' },
            { group: ['electron', 'electron/*'], message: 'The renderer must not import Electron; use window.meshwork via renderer/src/api.' },
            { group: ['**/main/**', '**/fixtures/**', '@duckdb/*'], message: 'The renderer reaches main only through the IPC contract.' },
          ],
        },
      ],
    },
  },
);
