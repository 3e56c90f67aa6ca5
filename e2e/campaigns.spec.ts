import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbEngine } from '../main/engine/duckdb-engine';
import { formatCurrency } from '../shared/format';
import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { CampaignsPage } from './pages/campaigns-page';
import { screenshot } from './support/screenshots';

/** The reference numbers, straight from the pulled Parquet with plain SQL (not the app's code). */
async function reference(dataDir: string, from: string, to: string, channel: string | null) {
  const root = join(dataDir, 'extracts', 'campaign_performance');
  const version = (JSON.parse(readFileSync(join(root, 'current.json'), 'utf8')) as { version: string }).version;
  const partsDir = join(root, version, 'campaign_performance');
  const files = readdirSync(partsDir).map((f) => `'${join(partsDir, f)}'`);
  const db = await DuckDbEngine.open();
  try {
    const [row] = await db.all<{ spend: number; clicks: number; impressions: number; revenue: number; campaigns: number }>(
      `SELECT sum(spend) AS spend, sum(clicks) AS clicks, sum(impressions) AS impressions, sum(revenue) AS revenue, count(DISTINCT campaign_id) AS campaigns
       FROM read_parquet([${files.join(',')}]) WHERE "date" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE) AND ($3::VARCHAR IS NULL OR channel = $3)`,
      [from, to, channel],
    );
    return row!;
  } finally {
    db.close();
  }
}

test('the dashboard agrees with the data for a filter, and exports CSV and PNG', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  await catalog.pull('campaign_performance', { expectProgress: true });

  const dashboard = new CampaignsPage(app.page);
  await dashboard.open();
  const from = await app.page.getByTestId('filter-from').inputValue();
  const to = await app.page.getByTestId('filter-to').inputValue();
  const all = await reference(app.dataDir, from, to, null);
  await expect.poll(() => dashboard.kpi('spend')).toBeCloseTo(all.spend, 6);

  await dashboard.chooseChannel('paid_search');
  const paid = await reference(app.dataDir, from, to, 'paid_search');
  expect(paid.spend).toBeLessThan(all.spend);
  await expect.poll(() => dashboard.kpi('spend')).toBeCloseTo(paid.spend, 6);
  await expect.poll(() => dashboard.kpi('ctr')).toBeCloseTo(paid.clicks / paid.impressions, 9);
  await expect.poll(() => dashboard.kpi('roas')).toBeCloseTo(paid.revenue / paid.spend, 9);
  // The trend chart sums to the same spend, and the grid's totals row shows it.
  await expect.poll(async () => Number(await app.page.getByTestId('trend').getAttribute('data-sum'))).toBeCloseTo(paid.spend, 6);
  await expect(dashboard.totalsRow()).toContainText(formatCurrency(paid.spend));
  await expect(app.page.getByTestId('grid-breadcrumbs')).toContainText(`(${paid.campaigns})`);
  await screenshot(app.page, 'dashboard', true);

  const csvDownload = app.page.waitForEvent('download');
  await app.page.getByTestId('grid-export-csv').click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(csv[0]).toBe('campaign_id,campaign_name,platform,channel,spend,impressions,clicks,conversions,revenue,ctr,cpc,cpm,cpa,cvr,roas,aov,cac');
  expect(csv).toHaveLength(paid.campaigns + 1);
  const spendSum = csv.slice(1).reduce((sum, line) => sum + Number(line.split(',')[4]), 0);
  expect(spendSum).toBeCloseTo(paid.spend, 6);
  expect(csv.slice(1).every((line) => line.split(',')[3] === 'paid_search')).toBe(true);

  const pngDownload = app.page.waitForEvent('download');
  await app.page.getByTestId('trend-chart-png').click();
  const png = readFileSync(await (await pngDownload).path());
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});
