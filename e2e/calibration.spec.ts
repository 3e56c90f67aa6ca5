import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { AttributionPage } from './pages/attribution-page';
import { analyzeWithCli, dataDirFromApp, savedSpecs } from './support/cli';
import { screenshot } from './support/screenshots';

type Output = {
  tests: Array<{ channel: string; incremental: number; stale: boolean; models: Array<{ credited: number; factor: number | null }> }>;
  models: Array<{ channels: Array<{ channel: string; adjusted_conversions: number; status: string }> }>;
};

// The demo's planted geo test (fixtures/generator/geo-sql.ts): paid social heavy-up in six states.
const GEO = { geos: 'US-OR, US-OK, US-CT, US-UT, US-IA, US-NV', pre: ['2026-06-01', '2026-08-31'], test: ['2026-09-01', '2026-09-28'] };

test('the calibration panel shows the factors meshwork analyze computes from the same extracts, and its adjusted view', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  for (const id of ['touchpoints', 'conversions', 'geo_sales', 'experiment_assignments']) await catalog.pull(id);

  const attribution = new AttributionPage(app.page);
  await attribution.open();
  const page = app.page;
  await page.getByTestId('calib-add-geo').click();
  await page.getByTestId('calib-test-0-channel').selectOption('paid_social');
  await page.getByTestId('calib-test-0-geos').fill(GEO.geos);
  await page.getByTestId('calib-test-0-pre-start').fill(GEO.pre[0]!);
  await page.getByTestId('calib-test-0-pre-end').fill(GEO.pre[1]!);
  await page.getByTestId('calib-test-0-test-start').fill(GEO.test[0]!);
  await page.getByTestId('calib-test-0-test-end').fill(GEO.test[1]!);
  // The demo's lifecycle e-mail holdout (June to October): 110 days old at the data's end, so stale.
  await page.getByTestId('calib-add-user').click();
  await page.getByTestId('calib-test-1-channel').selectOption('email');
  await page.getByTestId('calib-test-1-experiment').selectOption('exp_lifecycle_holdout');
  await expect(page.getByTestId('calib-test-1-control')).toHaveValue('holdout');
  await expect(page.getByTestId('calib-table-paid_social')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('calib-table-email')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('calib-status')).toHaveAttribute('data-running', 'false');
  await expect(page.getByTestId('calib-stale-email')).toBeVisible();
  await expect(page.getByTestId('calib-stale-paid_social')).toHaveCount(0);
  // Its interval includes 0 (the demo's holdout shows no effect), and the panel says so.
  await expect(page.getByTestId('calib-inconclusive-email')).toBeVisible();
  await expect(page.getByTestId('calib-inconclusive-paid_social')).toHaveCount(0);

  await page.getByTestId('calib-saved-name').fill('Paid social calibrated');
  await page.getByTestId('calib-saved-save').click();
  await expect(page.getByTestId('toast-success').filter({ hasText: 'Saved "Paid social calibrated"' })).toBeVisible();
  const saved = savedSpecs(app.dataDir).find((s) => s.name === 'Paid social calibrated');
  expect(saved?.kind).toBe('calibrated_attribution');
  // Toasts would cover the table in the screenshot.
  const dismiss = page.getByTestId('toasts').getByRole('button', { name: 'Dismiss' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();

  const cli = analyzeWithCli(dataDirFromApp(app.dataDir, ['touchpoints', 'conversions', 'geo_sales', 'experiment_assignments']), saved!.spec) as Output;
  const test0 = cli.tests[0]!;
  expect(cli.tests.map((t) => [t.channel, t.stale])).toEqual([
    ['paid_social', false],
    ['email', true],
  ]);
  const value = async (id: string) => Number(await page.getByTestId(id).getAttribute('data-value'));
  for (const t of cli.tests) {
    for (const [k, m] of t.models.entries()) {
      expect(await value(`calib-credited-${t.channel}-${k}`)).toBeCloseTo(m.credited, 9);
      expect(await value(`calib-incremental-${t.channel}-${k}`)).toBeCloseTo(t.incremental, 9);
      expect(await value(`calib-factor-${t.channel}-${k}`)).toBeCloseTo(m.factor!, 9);
    }
  }
  // The planted lift is real: every model's factor is positive.
  expect(test0.models.every((m) => (m.factor ?? 0) > 0)).toBe(true);
  await screenshot(page, 'calibration', true);

  await page.getByTestId('calib-adjusted-toggle').check();
  await expect(page.getByTestId('calib-adjusted-chart')).toBeVisible();
  for (const c of cli.models[0]!.channels) {
    const row = page.getByTestId(`calib-adjusted-${c.channel}`);
    await expect(row).toHaveAttribute('data-status', c.status);
    expect(await value(`calib-adjusted-value-${c.channel}`)).toBeCloseTo(c.adjusted_conversions, 9);
  }
  await expect(page.getByTestId('calib-adjusted-email')).toHaveAttribute('data-status', 'adjusted');
  await expect(page.getByTestId('calib-adjusted-video')).toHaveAttribute('data-status', 'untested');
  await screenshot(page, 'calibration-adjusted', true);

  // The saved calibration reopens with its tests after a reload and gives the same numbers.
  await page.reload();
  await attribution.open();
  await page.getByTestId('calib-saved-open').selectOption({ label: 'Paid social calibrated (v1)' });
  await expect(page.getByTestId('calib-test-1-experiment')).toHaveValue('exp_lifecycle_holdout');
  await expect(page.getByTestId('calib-table-paid_social')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('calib-status')).toHaveAttribute('data-running', 'false');
  expect(await value('calib-factor-paid_social-0')).toBeCloseTo(test0.models[0]!.factor!, 9);
});
