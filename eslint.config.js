// ESLint flat config: typescript-eslint's recommended rules everywhere, plus the
// process boundaries of DESIGN.md as import rules (shared/ is pure; renderer/ never
// reaches Node or Electron), and the guardrails of CODING_STANDARDS.md: no dropped
// promises, no import cycles, type-only imports marked, hooks used by React's rules,
// console only in the logger and the CLI's printer.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'stream', 'util', 'worker_threads'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', '.tmp/**', 'test-results/**', 'playwright-report/**', 'bench/data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] })],
      // Without this import-x reads dependencies with espree, fails on TypeScript and sees no cycles.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      // Our own modules only: a cycle through node_modules is not ours to fix.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Diagnostics go through main/logging/logger.ts (redacted, to the workspace log file).
      'no-console': 'error',
    },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error (CODING_STANDARDS.md: no
    // silent failures). The project service reuses tsconfig.json, so one program serves all files.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Includes JSX handlers: write onClick={() => void save()} so the drop is explicit.
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // The CLI's printer, scripts, benches and the e2e runner's notes talk to a terminal by design.
    files: ['main/cli/cli-io.ts', 'scripts/**', 'bench/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
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
