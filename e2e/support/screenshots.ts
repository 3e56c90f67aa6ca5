import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const DIR = resolve(import.meta.dirname, '../../docs/screenshots');

/** Saves docs/screenshots/<name>.png when MESHWORK_SCREENSHOTS=1 (kept out of normal runs). */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  if (process.env.MESHWORK_SCREENSHOTS !== '1') return;
  mkdirSync(DIR, { recursive: true });
  await page.screenshot({ path: resolve(DIR, `${name}.png`), fullPage });
}
