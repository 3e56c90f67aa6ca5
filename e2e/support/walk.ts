import { expect, type Page } from '@playwright/test';
import { ROUTES, type RouteId } from '../../renderer/src/app/routes';

/** Every page of the left navigation, in its order. */
export const PAGES: readonly RouteId[] = ROUTES.map((r) => r.id);

/** First run: pulls every demo product with the catalog's "Get started" action and waits until all are on the laptop. */
export async function pullDemoProducts(page: Page): Promise<void> {
  await page.getByTestId('nav-catalog').click();
  await expect(page.getByTestId('page-catalog')).toBeVisible();
  await page.getByTestId('get-started-pull').click();
  await expect(page.getByTestId('get-started')).toHaveCount(0, { timeout: 240_000 });
}

/** Opens a page from the navigation and waits until its loading placeholders are gone. */
export async function openPage(page: Page, id: RouteId): Promise<void> {
  await page.getByTestId(`nav-${id}`).click();
  await expect(page.getByTestId(`page-${id}`)).toBeVisible();
  await settle(page);
}

/** Waits until no skeleton is left and charts have drawn (their animation is 300 ms). */
export async function settle(page: Page): Promise<void> {
  await expect(page.locator('.skeleton')).toHaveCount(0, { timeout: 60_000 });
  await page.waitForTimeout(600);
}

/** Closes every toast (the pulls' "done" notes would cover the page in a screenshot). */
export async function dismissToasts(page: Page): Promise<void> {
  const buttons = page.getByTestId('toasts').getByRole('button', { name: 'Dismiss' });
  while ((await buttons.count()) > 0) await buttons.first().click();
}

/** The theme, through Settings as a user switches it. */
export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.getByTestId('nav-settings').click();
  const toggle = page.getByTestId('theme-toggle');
  if (theme === 'dark') await toggle.check();
  else await toggle.uncheck();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}
