import { defineConfig } from '@playwright/test';

/**
 * Two projects run the same specs: `web` drives the browser host in Debian's Chromium
 * (no browser download: playwright-core with an explicit executable), `electron` drives
 * the real app through `_electron.launch` and skips itself, with a printed reason, where
 * no Electron binary is installed.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure', viewport: { width: 1440, height: 900 } },
  projects: [
    { name: 'web', metadata: { host: 'web' } },
    { name: 'electron', metadata: { host: 'electron' } },
  ],
});
