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

test('the funnel, match rates and overlap explain the count; bad input is refused at its field; the rule survives a reload', async ({ app }) => {
  const page = app.page;
  const catalog = new CatalogPage(page);
  await catalog.open();
  for (const id of ['customers', 'events', 'conversions']) await catalog.pull(id);
  const segments = new SegmentsPage(page);
  await segments.open();

  // Country is any of: searchable chips show country names, the code stays the value.
  await segments.add('rule-root', 'attribute');
  await expect(page.getByTestId('rule-0-attribute')).toHaveValue('country');
  await expect(page.getByTestId('seg-funnel')).toContainText('Finish this condition');
  await page.getByTestId('rule-0-values-search').fill('united');
  await expect(page.getByTestId('rule-0-values-option')).toHaveCount(2);
  await page.getByTestId('rule-0-values-option').filter({ hasText: 'United States' }).click();
  await expect(page.getByTestId('rule-0-values-chip')).toHaveAttribute('data-value', 'US');
  const us = await segments.count();
  await page.getByTestId('seg-saved-name').fill('US customers');
  await page.getByTestId('seg-saved-save').click();
  await expect(page.getByTestId('toast-success').filter({ hasText: 'Saved "US customers"' })).toBeVisible();

  await segments.add('rule-root', 'consent');
  const count = await segments.count();
  expect(count).toBeLessThan(us);
  // Funnel: one step per top-level condition; the last step is the segment's count.
  const steps = page.getByTestId('seg-funnel-step');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toHaveAttribute('data-remaining', String(us));
  await expect(steps.nth(1)).toHaveAttribute('data-remaining', String(count));
  await expect(steps.nth(1)).toContainText('consented to ads');

  // Match rate per destination, in words.
  const meta = page.getByTestId('seg-match-meta_ads');
  await expect(meta).toContainText('Meta Ads custom audience');
  await expect(meta).toContainText(/~\d+%[\d,]+ of [\d,]+ have a hashed e-mail and ads consent/);
  await expect(meta).toHaveAttribute('title', /Estimated from Customer 360/);

  // Overlap against the saved segment, as a share of the row: everyone here is in "US customers".
  const table = page.getByTestId('seg-overlap-table');
  await expect(table.locator('tbody tr').first().locator('th')).toHaveText('This segment');
  await expect(table.locator('tbody tr').first().locator('td').nth(1)).toHaveText('100%');
  await expect(table.locator('tbody tr').nth(1).locator('td').nth(0)).toHaveAttribute('data-count', String(count));
  await expect(page.getByTestId('seg-overlap')).toBeVisible();

  // "In the last 0 days" is refused at the field, with the allowed range; the count keeps the last valid rule.
  await segments.add('rule-root', 'event');
  // Unfinished: no count of nobody, and nothing to save yet.
  await expect(page.getByTestId('rule-2-name-issue')).toHaveText('Pick an event.');
  await expect(page.getByTestId('seg-funnel-step').nth(2)).toContainText('Finish this condition');
  await expect(page.getByTestId('seg-saved-save')).toBeDisabled();
  await page.getByTestId('rule-2-name').selectOption('add_to_cart');
  await page.getByTestId('rule-2-days').fill('0');
  await expect(page.getByTestId('rule-2-days-error')).toHaveText('Use a value between 1 and 3,650 days.');
  await page.getByTestId('rule-2-min').fill('2.5');
  await expect(page.getByTestId('rule-2-min-error')).toContainText('whole number');
  await page.getByTestId('rule-2-min').fill('1');
  await page.getByTestId('rule-2-days').fill('30');
  const engaged = await segments.count();
  await expect(page.getByTestId('seg-funnel-step')).toHaveCount(3);
  await expect(page.getByTestId('seg-funnel-step').nth(2)).toHaveAttribute('data-remaining', String(engaged));
  await expect(table.locator('tbody tr').nth(1).locator('td').nth(0)).toHaveAttribute('data-count', String(engaged));
  await expect(page.getByTestId('seg-overlap-box')).toHaveAttribute('data-running', 'false');
  await screenshot(page, 'segments-funnel', true);

  // A reload keeps the unsaved rule.
  await page.reload();
  await segments.open();
  await expect(page.getByTestId('rule-2-name')).toHaveValue('add_to_cart');
  await expect(page.getByTestId('rule-1-consent')).toHaveValue('ads');
  expect(await segments.count()).toBe(engaged);
});

test('personal data: not a filter without PII access, and the preview says what the extract holds', async ({ app }) => {
  const page = app.page;
  const catalog = new CatalogPage(page);
  await catalog.open();
  await catalog.pull('customers');
  const segments = new SegmentsPage(page);
  await segments.open();
  await segments.add('rule-root', 'attribute');
  await expect(page.getByTestId('rule-0-attribute').locator('option[value="email"]')).toHaveCount(0);
  await expect(page.getByTestId('rule-0-attribute').locator('option[value="country"]')).toHaveText('Country');
  await page.getByTestId('rule-0-remove').click();
  await expect(page.getByTestId('seg-masking')).toContainText('Personal data hidden');
  await expect(page.getByTestId('seg-masking-badge')).toHaveAttribute('title', 'Your role does not include PII access');
  await expect(page.getByTestId('seg-preview')).toContainText('United States');

  // The privacy officer first sees the marketer's pseudonymised extract, and is told so.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('demo-user-privacy_officer').click();
  await expect(page.getByTestId('user-chip')).toContainText('pat.privacy');
  await segments.open();
  await expect(page.getByTestId('seg-masking')).toContainText('Pull Customer 360 again');
  // The badge's tooltip gives this reason too, not the role's (the role may see PII).
  await expect(page.getByTestId('seg-masking-badge')).toHaveAttribute('title', /copy of Customer 360 on this laptop was pulled pseudonymised/);
  await catalog.open();
  await catalog.pull('customers');
  await segments.open();
  await expect(page.getByTestId('seg-masking')).toContainText('e-mail addresses are shown');
  await expect(page.getByTestId('seg-masking-badge')).toHaveCount(0);
  await expect(page.getByTestId('seg-preview')).toContainText('@');
  await segments.add('rule-root', 'attribute');
  await expect(page.getByTestId('rule-0-attribute').locator('option[value="email"]')).toHaveCount(1);
});
