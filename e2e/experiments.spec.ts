import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { ExperimentsPage } from './pages/experiments-page';
import { analyzeWithCli, dataDirFromApp, savedSpecs } from './support/cli';
import { screenshot } from './support/screenshots';

type Variant = {
  variant: string;
  diff?: number;
  diff_ci?: [number, number];
  p_value?: number;
  rel_lift?: number;
  rel_lift_ci?: [number, number];
  rel_p_value?: number;
  chance_to_win?: number;
  ci?: [number, number];
  p_value_adjusted?: number;
  significant?: boolean;
  guardrail_harm?: boolean;
};
type Output = { srm: { flag: boolean }; metrics: Array<{ name: string; variants: Variant[] }> };

const close = (a: number[], b: readonly number[] | undefined) => {
  expect(a).toHaveLength(2);
  expect(a[0]).toBeCloseTo(b![0]!, 12);
  expect(a[1]).toBeCloseTo(b![1]!, 12);
};

test('for each engine the sentence, table and forest plot equal the CLI; guardrail harm flagged where the engine finds it', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  for (const id of ['experiment_assignments', 'experiments', 'conversions', 'customers']) await catalog.pull(id);
  const exp = new ExperimentsPage(app.page);
  await exp.open();

  // The 10% holdout is tested against its design, not equal shares (which it would fail).
  await exp.pick('exp_lifecycle_holdout');
  await expect(app.page.getByTestId('exp-design')).toContainText('holdout 10%');
  await expect(app.page.getByTestId('exp-srm-ok')).toContainText('holdout 10%, treatment 90%');

  await exp.pick('exp_discount_banner');
  await app.page.getByTestId('exp-cuped').check();
  await app.page.getByTestId('exp-correction').selectOption('holm');
  await exp.settled();
  const data = dataDirFromApp(app.dataDir, ['experiment_assignments', 'conversions']);
  for (const engine of ['frequentist', 'sequential', 'bayesian'] as const) {
    await exp.engine(engine);
    await exp.save(`Discount banner ${engine}`);
    const saved = savedSpecs(app.dataDir).find((s) => s.name === `Discount banner ${engine}`)!;
    expect(saved.spec).toMatchObject({ engine, correction: 'holm', cuped: true });
    const cli = analyzeWithCli(data, saved.spec) as Output;
    const forest = await exp.forest();
    for (const metric of cli.metrics) {
      const t = metric.variants.find((v) => v.variant === 'treatment')!;
      const row = await exp.row(metric.name, 'treatment');
      expect(row.lift).toBeCloseTo(t.rel_lift!, 12);
      expect(row.diff).toBeCloseTo(t.diff!, 12);
      close(row.diffCi, t.diff_ci);
      close(row.liftCi, t.rel_lift_ci);
      // The interval each element shows, and the p-value that belongs to it.
      const shown = engine === 'bayesian' ? t.ci! : t.rel_lift_ci!;
      close(row.shownInterval, shown);
      const sentence = await exp.sentence(metric.name, 'treatment');
      close(sentence.interval, shown);
      if (engine === 'bayesian') {
        expect(Number(sentence.chance)).toBeCloseTo(t.chance_to_win!, 12);
        expect(sentence.text).toContain('chance treatment is better');
      } else {
        expect(Number(sentence.p)).toBeCloseTo(t.rel_p_value!, 12);
        expect(Number(row.shownP)).toBeCloseTo(t.rel_p_value!, 12);
      }
      const clear = (shown[0] > 0 || shown[1] < 0) && (engine === 'bayesian' || t.significant !== false);
      expect(sentence.text).toMatch(clear ? /^Treatment (raised|lowered) / : /^Treatment showed no clear difference/);
      expect(sentence.verdict).toBe(row.verdict);
      const point = forest.find((f) => f.label === `${metric.name.replace(/_/g, ' ')} · treatment`)!;
      close(point.interval, shown);
      expect(point.verdict).toBe(sentence.verdict);
      if (engine !== 'bayesian') {
        await expect(app.page.getByTestId(`exp-adjusted-${metric.name}-treatment`)).toHaveText(new RegExp(`^p [=<] `));
      }
      // A harmed guardrail is flagged whatever the goal metric says (the e2e demo data is small, so it may not be).
      await expect(app.page.getByTestId(`exp-harm-${metric.name}`)).toHaveCount(t.guardrail_harm ? 1 : 0);
    }
    await expect(app.page.getByTestId('exp-guardrail-badge-purchase_average_order_value')).toBeVisible();
  }
  await expect(app.page.getByTestId('exp-cuped-purchase_revenue_per_user')).toContainText('CUPED reduced the variance');
  await expect(app.page.getByTestId('exp-header-progress')).toContainText('users so far');

  // Lower is better flips the verdict and the colour, never the numbers.
  await exp.engine('frequentist');
  const before = await exp.row('purchase_rate', 'treatment');
  await app.page.getByTestId('exp-inverse-purchase_rate').check();
  await exp.settled();
  const after = await exp.row('purchase_rate', 'treatment');
  expect(after.lift).toBe(before.lift);
  if (before.verdict === 'better') expect(after.verdict).toBe('worse');
  await app.page.getByTestId('exp-inverse-purchase_rate').uncheck();

  // Capped and uncapped side by side.
  await app.page.getByTestId('exp-cap-purchase_revenue_per_user').selectOption('percentile');
  await exp.settled();
  await expect(app.page.getByTestId('exp-capping-purchase_revenue_per_user')).toContainText('Uncapped');

  // Three arms: an interval per (metric, variant) in the forest plot.
  await exp.pick('exp_subject_lines_q3');
  const arms = await exp.forest();
  expect(new Set(arms.map((a) => a.label.split(' · ')[1])).size).toBe(2);

  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') {
      await app.page.getByTestId('nav-settings').click();
      await app.page.getByTestId('theme-toggle').check();
      await exp.open();
    }
    await exp.pick('exp_checkout_v2');
    await app.page.getByTestId('exp-cuped').check();
    await exp.settled();
    await app.page.getByTestId('exp-dimension-column').selectOption('lifecycle_stage');
    await expect(app.page.getByTestId('exp-dimension-table')).toBeVisible();
    await screenshot(app.page, theme === 'light' ? 'experiments' : 'experiments-dark', true);
  }
  await app.page.getByTestId('nav-settings').click();
  await app.page.getByTestId('theme-toggle').uncheck();

  await app.page.reload();
  await exp.open();
  await app.page.getByTestId('exp-saved-open').selectOption({ label: 'Discount banner sequential (v1)' });
  await expect(app.page.getByTestId('exp-cuped')).toBeChecked();
  await expect(app.page.getByTestId('exp-engine-sequential')).toHaveAttribute('aria-pressed', 'true');
});
