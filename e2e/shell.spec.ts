import { expect, test } from './support/fixtures';
import { NAV_ITEMS, ShellPage } from './pages/shell-page';

test('the shell shows every section in the navigation and opens each one', async ({ app }) => {
  const shell = new ShellPage(app.page);
  await expect(shell.page.getByTestId('nav')).toBeVisible();
  for (const id of NAV_ITEMS) await expect(shell.nav(id)).toBeVisible();
  for (const id of NAV_ITEMS) {
    await shell.open(id);
    await expect(shell.nav(id)).toHaveAttribute('aria-current', 'page');
  }
});

test('the app reopens where the user left it, with their theme', async ({ app }) => {
  const shell = new ShellPage(app.page);
  await shell.open('settings');
  await app.page.getByTestId('theme-toggle').check();
  await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shell.page.goto(shell.page.url().replace(/#.*$/, ''));
  await expect(app.page.getByTestId('page-settings')).toBeVisible();
  await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
