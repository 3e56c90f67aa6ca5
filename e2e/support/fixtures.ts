import { test as base, _electron, chromium, type Page } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumMissingReason } from './chromium';
import { startWebHostProcess } from './web-host-process';

const ROOT = resolve(import.meta.dirname, '../..');

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export interface AppFixture {
  /** The page showing the Meshwork window (browser host page or Electron window). */
  page: Page;
  /** This test's own workspace folder (hermetic: a fresh temp dir per test). */
  dataDir: string;
  host: 'web' | 'electron';
}

export const test = base.extend<{ app: AppFixture }>({
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use, testInfo) => {
    const host = testInfo.project.metadata.host === 'electron' ? 'electron' : 'web';
    const dataDir = process.env.MESHWORK_E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'meshwork-e2e-'));
    if (host === 'electron') {
      const binary = electronBinary();
      if (!binary) {
        const reason = 'No Electron binary on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD); the same specs ran against the browser host.';
        console.log(`[electron project] skipped: ${reason}`);
        testInfo.skip(true, reason);
        return;
      }
      const electronApp = await _electron.launch({
        executablePath: binary,
        args: [join(ROOT, 'out/main/main.js')],
        env: { ...process.env, MESHWORK_DATA_DIR: dataDir, MESHWORK_DEMO_CUSTOMERS: '2000' } as Record<string, string>,
      });
      const page = await electronApp.firstWindow();
      await use({ page, dataDir, host });
      await electronApp.close();
      return;
    }
    const missing = chromiumMissingReason();
    if (missing) throw new Error(missing);
    const webHost = await startWebHostProcess(dataDir);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(webHost.url);
    await use({ page, dataDir, host });
    await browser.close();
    await webHost.stop();
  },
});

export { expect } from '@playwright/test';
