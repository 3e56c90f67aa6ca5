import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../docs/screenshots');

/** Whether this run retakes the documentation's screenshots (SCREENSHOTS=1, or the older MESHWORK_SCREENSHOTS=1). */
export function takingScreenshots(): boolean {
  return process.env.SCREENSHOTS === '1' || process.env.MESHWORK_SCREENSHOTS === '1';
}

/** Saves docs/screenshots/<name>.png when screenshots are being retaken (kept out of normal runs). */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  if (!takingScreenshots()) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`), fullPage });
}
