import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { analyzeWithCli, dataDirFromApp, savedSpecs } from './support/cli';
import { screenshot } from './support/screenshots';

type Output = { metrics: Array<{ name: string; variants: Array<{ variant: string; diff?: number; diff_ci?: [number, number]; rel_lift?: number; rel_lift_ci?: [number, number]; p_value?: number }> }> };

test('an experiment readout equals the CLI and reopens after a reload', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  for (const id of ['experiment_assignments', 'experiments', 'conversions']) await catalog.pull(id);

  await app.page.getByTestId('nav-experiments').click();
  await expect(app.page.getByTestId('exp-controls')).toBeVisible();
  await app.page.getByTestId('exp-id').selectOption('exp_checkout_v2');
  await app.page.getByTestId('exp-cuped').check();
  await expect(app.page.getByTestId('exp-status')).toHaveAttribute('data-running', 'false');
  await expect(app.page.getByTestId('exp-table-purchase_rate')).toBeVisible();
  await expect(app.page.getByTestId('exp-readout-purchase_rate-treatment')).toContainText(/Treatment (raised|lowered|showed)/);

  await app.page.getByTestId('exp-saved-name').fill('Checkout v2 with CUPED');
  await app.page.getByTestId('exp-saved-save').click();
  await expect(app.page.getByTestId('toast-success').filter({ hasText: 'Saved "Checkout v2 with CUPED"' })).toBeVisible();
  const saved = savedSpecs(app.dataDir).find((s) => s.name === 'Checkout v2 with CUPED')!;
  const cli = analyzeWithCli(dataDirFromApp(app.dataDir, ['experiment_assignments', 'conversions']), saved.spec) as Output;
  for (const metric of cli.metrics) {
    const t = metric.variants.find((v) => v.variant === 'treatment')!;
    const row = app.page.getByTestId(`exp-row-${metric.name}-treatment`);
    expect(Number(await row.getAttribute('data-lift'))).toBeCloseTo(t.rel_lift!, 12);
    expect(Number(await row.getAttribute('data-diff'))).toBeCloseTo(t.diff!, 12);
    const ci = (await row.getAttribute('data-ci'))!.split(',').map(Number);
    expect(ci[0]).toBeCloseTo(t.diff_ci![0], 12);
    expect(ci[1]).toBeCloseTo(t.diff_ci![1], 12);
    const liftCi = (await row.getAttribute('data-lift-ci'))!.split(',').map(Number);
    expect(liftCi[0]).toBeCloseTo(t.rel_lift_ci![0], 12);
    expect(liftCi[1]).toBeCloseTo(t.rel_lift_ci![1], 12);
  }
  await expect(app.page.getByTestId('exp-cuped-purchase_rate')).toContainText('CUPED reduced the variance');
  await screenshot(app.page, 'experiments', true);

  await app.page.reload();
  await app.page.getByTestId('nav-experiments').click();
  await app.page.getByTestId('exp-saved-open').selectOption({ label: 'Checkout v2 with CUPED (v1)' });
  await expect(app.page.getByTestId('exp-cuped')).toBeChecked();
  const lift = cli.metrics[0]!.variants.find((v) => v.variant === 'treatment')!.rel_lift!;
  await expect.poll(async () => Number(await app.page.getByTestId(`exp-row-${cli.metrics[0]!.name}-treatment`).getAttribute('data-lift'))).toBeCloseTo(lift, 12);
});
