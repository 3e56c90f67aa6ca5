import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { screenshot } from './support/screenshots';

test('a marketer pulls a data product from the demo mesh and reads its contract', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  await expect(catalog.card('customers')).toContainText('Not pulled yet');
  await expect(app.page.getByTestId('user-chip')).toContainText('maya.marketer');
  await expect(app.page.getByTestId('online-status')).toHaveText('Online');

  await catalog.pull('touchpoints', { expectProgress: true });
  await expect(catalog.card('touchpoints')).toContainText(/rows/);
  await catalog.pull('customers');
  await app.page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(app.page, 'catalog');

  await catalog.openProduct('customers');
  const columns = app.page.getByTestId('contract-columns');
  await expect(columns).toContainText('consent_ads');
  await expect(columns.locator('tr', { hasText: 'consent_ads' })).toContainText('consent: ads');
  // A marketer has no PII access: the mesh pseudonymised e-mail and withheld the phone.
  await expect(columns.locator('tr', { hasText: 'phone' })).toContainText('withheld');
  await expect(app.page.getByTestId('versions')).toContainText('current');
  await screenshot(app.page, 'product');
});

test('a newcomer pulls every demo product with one action and one progress bar', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  const card = app.page.getByTestId('get-started');
  await expect(card).toContainText('Get started: pull the demo products');
  await app.page.getByTestId('get-started-pull').click();
  await expect(app.page.getByTestId('get-started-progress')).toBeVisible();
  // One progress view: the cards say they are downloading, without bars of their own.
  await expect(app.page.locator('[data-testid^="pull-status-"]').first()).toContainText('Downloading with Get started');
  await expect(app.page.locator('[data-testid^="pull-progress-"]')).toHaveCount(0);
  await expect(app.page.getByTestId('page-catalog').getByRole('progressbar')).toHaveCount(1);
  // When every product is on the laptop the card has done its job and goes away.
  await expect(card).toBeHidden({ timeout: 120_000 });
  for (const id of ['customers', 'touchpoints', 'conversions', 'campaign_performance']) {
    await expect(catalog.card(id)).not.toContainText('Not pulled yet');
  }
});
