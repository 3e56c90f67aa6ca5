import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { PlannerPage } from './pages/planner-page';
import { analyzeWithCli, dataDirFromApp, savedSpecs } from './support/cli';
import { screenshot } from './support/screenshots';

/** Toasts would cover the charts in the documentation screenshots; they may also leave by themselves. */
async function dismissToasts(page: Page): Promise<void> {
  const buttons = page.getByTestId('toasts').getByRole('button', { name: 'Dismiss' });
  for (let i = 0; i < 10 && (await buttons.count()) > 0; i++)
    await buttons
      .first()
      .click({ timeout: 2_000 })
      .catch(() => undefined);
}

type Output = {
  channels: Array<{ channel: string; current_weekly_spend: number; recommended_weekly_spend: number }>;
  total: { expected_weekly_recommended: number; expected_weekly_current: number };
};

test('the budget planner recommends the same split as meshwork analyze, and hand-made splits earn no more', async ({ app }) => {
  const planner = new PlannerPage(app.page);
  // Before the data is on the laptop: which product is needed, and where to get it.
  await planner.open();
  await expect(app.page.getByTestId('planner-empty')).toContainText('Campaign Performance 360');

  const catalog = new CatalogPage(app.page);
  await catalog.open();
  await catalog.pull('campaign_performance');

  await planner.open();
  await planner.settled();
  await app.page.getByTestId('plan-budget').fill('40000');
  await app.page.getByTestId('plan-lo-paid_search').fill('0.5');
  await app.page.getByTestId('plan-hi-paid_search').fill('1.5');
  await expect(app.page.getByTestId('plan-weekly-budget')).toHaveText('10,000');
  await planner.settled();
  await expect(app.page.getByTestId('plan-lift-ci')).toContainText(' to ');
  await planner.save('Revenue plan, 40k over 4 weeks');

  const saved = savedSpecs(app.dataDir).find((s) => s.name === 'Revenue plan, 40k over 4 weeks');
  expect(saved?.kind).toBe('budget');
  expect(saved?.spec).toMatchObject({ kind: 'budget', metric: 'revenue', budget: 40000, weeks: 4, bounds: { paid_search: [0.5, 1.5] } });
  const cli = analyzeWithCli(dataDirFromApp(app.dataDir, ['campaign_performance']), saved!.spec) as Output;
  expect(cli.channels.length).toBeGreaterThanOrEqual(4);
  for (const c of cli.channels) {
    expect(await planner.value(`plan-recommended-${c.channel}`)).toBeCloseTo(c.recommended_weekly_spend, 6);
    expect(await planner.value(`plan-current-${c.channel}`)).toBeCloseTo(c.current_weekly_spend, 6);
  }

  // The manual split starts at the recommendation; moving a channel keeps the budget and earns no more.
  const start = await planner.value('plan-manual-total');
  expect(start).toBeCloseTo(cli.total.expected_weekly_recommended, 4);
  const moved = cli.channels.find((c) => c.recommended_weekly_spend > 0 && c.channel !== 'affiliate')!;
  await app.page.getByTestId(`plan-slider-${moved.channel}`).fill(String(moved.recommended_weekly_spend * 0.5));
  await expect.poll(() => planner.value('plan-manual-total')).not.toBeCloseTo(start, 2);
  expect(await planner.value('plan-manual-total')).toBeLessThanOrEqual(start + 1e-6);
  await app.page.getByTestId('plan-manual-reset').click();
  await expect.poll(() => planner.value('plan-manual-total')).toBeCloseTo(start, 6);

  // The forecast panel: intervals and the backtest in words.
  await expect(app.page.getByTestId('plan-forecast-table')).toBeVisible({ timeout: 60_000 });
  await expect(app.page.getByTestId('plan-backtest')).toContainText('held out');
  await app.page.getByTestId('plan-horizon').fill('12');
  await expect(app.page.getByTestId('plan-forecast-table')).toContainText('Next 12 weeks');
  await dismissToasts(app.page);
  await screenshot(app.page, 'planner', true);

  // Bounds that cannot hold the budget: the engine's message, in place of the results.
  await app.page.getByTestId('plan-hi-paid_search').fill('100');
  await app.page.getByTestId('plan-lo-paid_search').fill('100');
  await expect(app.page.getByTestId('plan-error')).toContainText('bounds are infeasible');
  await expect(app.page.getByTestId('plan-table')).toHaveCount(0);

  // Reopening the saved plan after a reload gives the same recommendation.
  await app.page.reload();
  await planner.open();
  await app.page.getByTestId('plan-saved-open').selectOption({ label: 'Revenue plan, 40k over 4 weeks (v1)' });
  await planner.settled();
  const first = cli.channels[0]!;
  await expect.poll(() => planner.value(`plan-recommended-${first.channel}`)).toBeCloseTo(first.recommended_weekly_spend, 6);
});

test('the churn scores product page compares predicted risk with observed churn', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  await expect(catalog.card('churn_scores')).toContainText('Predictive Churn Scores');
  await catalog.pull('customers');
  await catalog.pull('churn_scores');
  await catalog.openProduct('churn_scores');
  await expect(app.page.getByTestId('contract-columns')).toContainText('model_version');
  const table = app.page.getByTestId('churn-calibration-table');
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(table.locator('tbody tr')).toHaveCount(10);
  // the riskiest decile churns far more than the safest one
  const top = Number.parseFloat((await app.page.getByTestId('churn-observed-10').innerText()).replace('%', ''));
  const bottom = Number.parseFloat((await app.page.getByTestId('churn-observed-1').innerText()).replace('%', ''));
  expect(top).toBeGreaterThan(bottom + 20);
  await dismissToasts(app.page);
  await screenshot(app.page, 'churn-calibration', true);
});
