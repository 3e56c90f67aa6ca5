import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { analyzeWithCli, dataDirFromApp, savedSpecs } from './support/cli';
import { screenshot } from './support/screenshots';

type GeoOutput = { effect: number; effect_ci: [number, number]; rel_lift: number; iroas: number; p_value: number | null };

test('a geo test readout equals the CLI, by TBR and by synthetic control', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  for (const id of ['geo_sales', 'experiments']) await catalog.pull(id);

  await app.page.getByTestId('nav-geo').click();
  await expect(app.page.getByTestId('geo-controls')).toBeVisible();
  await app.page.getByTestId('geo-test').selectOption('geo_paid_social_2026_09');
  const result = app.page.getByTestId('geo-result');
  await expect(app.page.getByTestId('geo-readout')).toContainText('Paid social in the test geos added');
  await expect(app.page.getByTestId('geo-fit-warning')).toHaveCount(0);
  await expect(app.page.getByTestId('geo-spend')).toBeChecked();

  const data = dataDirFromApp(app.dataDir, ['geo_sales']);
  for (const method of ['tbr', 'synthetic_control'] as const) {
    await app.page.getByTestId('geo-method').selectOption(method);
    if (method === 'synthetic_control') await expect(app.page.getByTestId('geo-weights')).toBeVisible();
    const spec = {
      kind: 'geo_experiment',
      metric: 'revenue',
      method,
      treatment_geos: ['US-OR', 'US-OK', 'US-CT', 'US-UT', 'US-IA', 'US-NV'],
      control_geos: null,
      pre_period: ['2026-06-01', '2026-08-31'],
      test_period: ['2026-09-01', '2026-09-28'],
      alpha: 0.1,
      spend_metric: 'spend',
    };
    const cli = analyzeWithCli(data, spec) as GeoOutput;
    // The app sums from its workspace tables, the CLI from Parquet: the same to rounding.
    const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    await expect.poll(async () => near(Number(await result.getAttribute('data-effect')), cli.effect)).toBe(true);
    const ci = (await result.getAttribute('data-ci'))!.split(',').map(Number);
    expect(near(ci[0]!, cli.effect_ci[0]) && near(ci[1]!, cli.effect_ci[1])).toBe(true);
    expect(near(Number(await result.getAttribute('data-iroas')), cli.iroas)).toBe(true);
  }
  await expect(app.page.getByTestId('geo-counterfactual-chart')).toBeVisible();
  await expect(app.page.getByTestId('geo-cumulative-chart')).toBeVisible();
  await screenshot(app.page, 'geo', true);

  // Saved as its spec, reopened after a reload with the same method.
  await app.page.getByTestId('geo-saved-name').fill('Paid social, synthetic control');
  await app.page.getByTestId('geo-saved-save').click();
  await expect(app.page.getByTestId('toast-success').filter({ hasText: 'Saved "Paid social, synthetic control"' })).toBeVisible();
  const saved = savedSpecs(app.dataDir).find((x) => x.name === 'Paid social, synthetic control')!;
  expect(saved.kind).toBe('geo_experiment');
  const effect = Number(await result.getAttribute('data-effect'));
  await app.page.reload();
  await app.page.getByTestId('nav-geo').click();
  await app.page.getByTestId('geo-saved-open').selectOption({ label: 'Paid social, synthetic control (v1)' });
  await expect(app.page.getByTestId('geo-method')).toHaveValue('synthetic_control');
  await expect.poll(async () => Number(await result.getAttribute('data-effect'))).toBe(effect);
  await expect(app.page.getByTestId('geo-test')).toHaveValue('geo_paid_social_2026_09');
  await expect(app.page.getByTestId('geo-readout')).toContainText('Paid social in the test geos added');

  await app.page.getByTestId('geo-test').selectOption('geo_ctv_2026_10');
  await expect(app.page.getByTestId('geo-readout')).toContainText('Video in the test geos showed no clear effect');

  await app.page.getByTestId('geo-plan-run').click();
  const planReadout = app.page.getByTestId('geo-plan-readout');
  await expect(planReadout).toContainText('backtest windows');
  // The planner's figures are those meshwork analyze gives for the plan spec the screen ran.
  const planSpec = JSON.parse((await planReadout.getAttribute('data-spec'))!) as unknown;
  const cliPlan = analyzeWithCli(dataDirFromApp(app.dataDir, ['geo_sales']), planSpec) as { mde: number | null; detection_probability: number };
  expect(Number(await planReadout.getAttribute('data-power'))).toBeCloseTo(cliPlan.detection_probability, 9);
  const mde = await planReadout.getAttribute('data-mde');
  if (cliPlan.mde === null) expect(mde).toBe('');
  else expect(Number(mde)).toBeCloseTo(cliPlan.mde, 9);
});
