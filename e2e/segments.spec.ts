import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { SegmentsPage } from './pages/segments-page';
import { analyzeWithCli, dataDirFromApp, savedSpecs } from './support/cli';
import { screenshot } from './support/screenshots';

test('a segment with a nested group, a behaviour and a consent condition counts what the CLI counts', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  for (const id of ['customers', 'events', 'conversions']) await catalog.pull(id);

  const segments = new SegmentsPage(app.page);
  await segments.open();
  const everyone = await segments.count();
  expect(everyone).toBe(2000);

  await segments.add('rule-root', 'consent');
  await app.page.getByTestId('rule-0-consent').selectOption('ads');
  await segments.add('rule-root', 'any');
  await segments.add('rule-1', 'event');
  await expect(app.page.getByTestId('rule-1-0')).toContainText('Pick an event.');
  await app.page.getByTestId('rule-1-0-name').selectOption('add_to_cart');
  await app.page.getByTestId('rule-1-0-min').fill('2');
  await segments.add('rule-1', 'attribute');
  await app.page.getByTestId('rule-1-1-attribute').selectOption('ltv');
  await app.page.getByTestId('rule-1-1-op').selectOption('>=');
  await app.page.getByTestId('rule-1-1-value').fill('500');
  const count = await segments.count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(everyone);

  await app.page.getByTestId('seg-saved-name').fill('Engaged, ads consent');
  await app.page.getByTestId('seg-saved-save').click();
  await expect(app.page.getByTestId('toast-success').filter({ hasText: 'Saved "Engaged, ads consent"' })).toBeVisible();
  const saved = savedSpecs(app.dataDir).find((s) => s.name === 'Engaged, ads consent')!;
  const cli = analyzeWithCli(dataDirFromApp(app.dataDir, ['customers', 'events', 'conversions']), saved.spec) as { count: number };
  expect(cli.count).toBe(count);
  await expect(app.page.getByTestId('seg-preview')).toBeVisible();
  await screenshot(app.page, 'segments', true);

  await app.page.reload();
  await segments.open();
  await app.page.getByTestId('seg-saved-open').selectOption({ label: 'Engaged, ads consent (v1)' });
  expect(await segments.count()).toBe(count);
  await expect(app.page.getByTestId('rule-1-0-name')).toHaveValue('add_to_cart');
});
