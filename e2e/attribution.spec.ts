import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { AttributionPage } from './pages/attribution-page';
import { analyzeWithCli, dataDirFromApp, savedSpecs } from './support/cli';
import { screenshot } from './support/screenshots';

type Output = { conversions: number; models: Array<{ model: string; channels: Array<{ channel: string; conversions: number; revenue: number }> }> };

test('an attribution comparison built in the UI equals the CLI, reacts to the half-life, and reopens after a reload', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  await catalog.pull('touchpoints');
  await catalog.pull('conversions');

  const attribution = new AttributionPage(app.page);
  await attribution.open();
  await attribution.page.getByTestId('attr-model-shapley').check();
  await attribution.settled();
  await attribution.save('Purchase: six models');

  const saved = savedSpecs(app.dataDir).find((s) => s.name === 'Purchase: six models');
  expect(saved?.kind).toBe('attribution');
  const cli = analyzeWithCli(dataDirFromApp(app.dataDir, ['touchpoints', 'conversions']), saved!.spec) as Output;
  expect(cli.models.length).toBeGreaterThanOrEqual(4);
  for (const [i, model] of cli.models.entries()) {
    for (const c of model.channels) expect(await attribution.cell(c.channel, i)).toBeCloseTo(c.conversions, 9);
  }
  await screenshot(app.page, 'attribution', true);

  // A shorter half-life moves credit towards the touches just before the conversion.
  const decayIndex = cli.models.findIndex((m) => m.model === 'time_decay');
  const channel = cli.models[decayIndex]!.channels[0]!.channel;
  const before = await attribution.cell(channel, decayIndex);
  await attribution.setHalfLife(1);
  await expect.poll(() => attribution.cell(channel, decayIndex)).not.toBeCloseTo(before, 6);

  await app.page.reload();
  await attribution.open();
  await app.page.getByTestId('attr-saved-open').selectOption({ label: 'Purchase: six models (v1)' });
  await expect(app.page.getByTestId('attr-half-life-value')).toHaveText('7 days');
  await attribution.settled();
  expect(await attribution.cell(channel, decayIndex)).toBeCloseTo(before, 9);
});

test('the reporting period, campaign drill, cost, all-paths report and a kept form', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  await catalog.pull('touchpoints');
  await catalog.pull('conversions');
  const page = app.page;
  const attribution = new AttributionPage(page);
  await attribution.open();
  const total = async () => Number(await page.getByTestId('attr-total').getAttribute('data-conversions'));

  // Without Campaign Performance 360 the page says how to get cost, CPA and ROAS.
  await expect(page.getByTestId('attr-cost-missing')).toContainText('Pull Campaign Performance 360 to see cost, CPA and ROAS');

  // A reporting period credits fewer conversions than all dates; a reversed one is flagged at its field.
  const allDates = await total();
  await page.getByTestId('attr-date-from').fill('2026-09-01');
  await page.getByTestId('attr-date-to').fill('2026-08-01');
  await expect(page.getByTestId('attr-date-to-error')).toHaveText('The end date must be on or after the start date.');
  await expect(page.getByTestId('attribution-results')).toBeHidden();
  await page.getByTestId('attr-date-to').fill('2026-09-30');
  await attribution.settled();
  await expect.poll(total).toBeLessThan(allDates);
  const september = await total();
  expect(september).toBeGreaterThan(0);

  // The same period through the CLI gives the same credit.
  await page.getByTestId('attr-lookback').fill('120');
  await expect(page.getByTestId('attr-lookback-value')).toHaveText('120 days');
  await attribution.settled();
  await attribution.save('Purchase: September');
  const saved = savedSpecs(app.dataDir).find((s) => s.name === 'Purchase: September');
  expect(saved?.spec).toMatchObject({ lookback_days: 120, date_range: { from: '2026-09-01', to: '2026-09-30' } });
  const cli = analyzeWithCli(dataDirFromApp(app.dataDir, ['touchpoints', 'conversions']), saved!.spec) as Output;
  expect(cli.conversions).toBe(await total());
  for (const c of cli.models[0]!.channels) expect(await attribution.cell(c.channel, 0)).toBeCloseTo(c.conversions, 9);

  // Cost once Campaign Performance 360 is pulled: spend and each model's CPA / ROAS.
  await catalog.open();
  await catalog.pull('campaign_performance');
  await attribution.open();
  await expect(page.getByTestId('attr-cost-table')).toBeVisible();
  expect(Number(await page.getByTestId('attr-spend-paid_social').getAttribute('data-value'))).toBeGreaterThan(0);
  await expect(page.getByTestId('attr-cpa-paid_social-0')).toContainText('$');
  await expect(page.getByTestId('attr-roas-paid_social-0')).toContainText('x');

  // Drill into a channel's campaigns (named, not ids) and back.
  await page.getByTestId('attr-drill-paid_social').click();
  await expect(page.getByTestId('attr-crumb-channel')).toHaveText('Paid social');
  await attribution.settled();
  const campaignCells = page.locator('[data-testid^="attr-row-"]');
  await expect(campaignCells.first()).toBeVisible();
  await expect(page.getByTestId('attribution-table')).not.toContainText('cmp_');
  await expect(page.getByTestId('attr-cost-table')).toContainText('Campaign');
  await screenshot(page, 'attribution-campaigns', true);

  // Reload: the unsaved form (period, lookback, drill) is still there.
  await page.reload();
  await attribution.open();
  await expect(page.getByTestId('attr-date-from')).toHaveValue('2026-09-01');
  await expect(page.getByTestId('attr-date-to')).toHaveValue('2026-09-30');
  await expect(page.getByTestId('attr-lookback-value')).toHaveText('120 days');
  await expect(page.getByTestId('attr-crumb-channel')).toHaveText('Paid social');
  await page.getByTestId('attr-crumb-all').click();
  await expect(page.getByTestId('attr-crumbs')).toBeHidden();
  await attribution.settled();
  expect(await total()).toBe(september);

  // The all-paths report: search by a channel's name, group by the first touch.
  const grid = page.getByTestId('paths-grid');
  await expect(grid).toBeVisible();
  await page.getByTestId('paths-search').fill('Email');
  await expect(page.getByTestId('paths-report-count')).toContainText('matching "Email"');
  const names = await grid.locator('.ag-row [col-id]').first().allInnerTexts();
  expect(names.join(' ')).toContain('Email');
  await page.getByTestId('paths-view-first').click();
  await expect(grid.locator('.ag-header-cell-text').first()).toHaveText('Channel of the first touch');
  await expect(grid.locator('.ag-row').first()).toContainText('Email');
});
