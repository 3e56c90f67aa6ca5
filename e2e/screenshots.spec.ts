import { expect, test } from './support/fixtures';
import { screenshot, takingScreenshots } from './support/screenshots';
import { dismissToasts, openPage, PAGES, pullDemoProducts, setTheme, settle } from './support/walk';

/**
 * Retakes every page for the documentation: docs/screenshots/<page>-<width>-<theme>.png at
 * 1440x900 and 1280x800, light and dark, after pulling the demo products. Not part of normal
 * runs: `npm run build && SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts --project=web`.
 */
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
] as const;

test('screenshots of every page, two sizes, light and dark', async ({ app }) => {
  test.skip(!takingScreenshots(), 'Set SCREENSHOTS=1 to retake the documentation screenshots.');
  test.setTimeout(900_000);
  await pullDemoProducts(app.page);
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(app.page, theme);
    for (const size of SIZES) {
      await app.page.setViewportSize(size);
      for (const id of PAGES) {
        await openPage(app.page, id);
        await dismissToasts(app.page);
        await screenshot(app.page, `${id}-${size.width}-${theme}`);
      }
      await openPage(app.page, 'catalog');
      await app.page.getByTestId('open-customers').click();
      await expect(app.page.getByTestId('page-product')).toBeVisible();
      await settle(app.page);
      await dismissToasts(app.page);
      await screenshot(app.page, `product-${size.width}-${theme}`);
    }
  }
});
