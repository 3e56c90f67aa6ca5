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

  // Channels and platforms read as names everywhere on the page; the raw id is in the tooltip.
  const grid = app.page.getByTestId('campaign-grid');
  await grid.scrollIntoViewIfNeeded();
  const paidSocialCell = grid.locator('.ag-row [col-id="channel"]', { hasText: 'Paid social' }).first();
  await expect(paidSocialCell).toBeVisible();
  await expect(paidSocialCell).toHaveAttribute('title', 'paid_social');
  await expect(grid.locator('.ag-row [col-id="platform"]', { hasText: 'Google Ads' }).first()).toBeVisible();
  await expect(grid.locator('[col-id="channel"]', { hasText: /^paid_(search|social)$/ })).toHaveCount(0);
  await expect(grid.locator('[col-id="platform"]', { hasText: /^(google_ads|meta)$/ })).toHaveCount(0);
  await app.page.getByTestId('filter-channel').locator('summary').click();
  await expect(app.page.getByTestId('filter-channel').getByLabel('Paid social', { exact: true })).toHaveAttribute('data-testid', 'filter-channel-paid_social');
  await app.page.getByTestId('filter-channel').locator('summary').click();
  await app.page.getByTestId('filter-platform').locator('summary').click();
  await expect(app.page.getByTestId('filter-platform').getByLabel('Google Ads', { exact: true })).toHaveAttribute('data-testid', 'filter-platform-google_ads');
  await app.page.getByTestId('filter-platform').locator('summary').click();
  const chartLabels = async (dimension: string) => (await app.page.getByTestId(`breakdown-${dimension}-card`).getAttribute('data-labels'))?.split('|') ?? [];
  await expect.poll(() => chartLabels('channel')).toContain('Paid social');
  await expect.poll(() => chartLabels('platform')).toEqual(expect.arrayContaining(['Google Ads', 'Meta', 'TikTok']));
  expect([...(await chartLabels('channel')), ...(await chartLabels('platform'))].filter((l) => /_/.test(l))).toEqual([]);

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
  // One line per campaign, then the totals row the grid shows (ratios of sums, as in the grid).
  expect(csv).toHaveLength(paid.campaigns + 2);
  const dataLines = csv.slice(1, -1);
  const spendSum = dataLines.reduce((sum, line) => sum + Number(line.split(',')[4]), 0);
  expect(spendSum).toBeCloseTo(paid.spend, 6);
  expect(dataLines.every((line) => line.split(',')[3] === 'paid_search')).toBe(true);
  const totals = csv.at(-1)!.split(',');
  expect(totals[0]).toBe('(total)');
  expect(Number(totals[4])).toBeCloseTo(paid.spend, 6);
  expect(Number(totals[9])).toBeCloseTo(paid.clicks / paid.impressions, 9);

  const pngDownload = app.page.waitForEvent('download');
  await app.page.getByTestId('trend-chart-png').click();
  const png = readFileSync(await (await pngDownload).path());
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // The PNG is taller than the 280 px chart at 2x: the title, dates and filters are printed above it.
  expect(png.readUInt32BE(20)).toBeGreaterThan(2 * 280 + 60);
});

test('the trend starts weeks at the range, marks a partial week and draws a single day', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  await catalog.pull('campaign_performance');
  const dashboard = new CampaignsPage(app.page);
  await dashboard.open();
  const to = await app.page.getByTestId('filter-to').inputValue();
  const from = await app.page.getByTestId('filter-from').inputValue();
  await app.page.getByTestId('trend-granularity').selectOption('week');
  // The default 28 days are four whole weeks: no partial marker.
  await expect(app.page.getByTestId('trend-chart')).toBeVisible();
  await expect(app.page.getByTestId('trend-partial-note')).toHaveCount(0);
  // 10 days: one whole week and 3 days, shown as a partial week rather than a dip.
  const tenDaysBefore = new Date(Date.parse(`${to}T00:00:00Z`) - 9 * 86_400_000).toISOString().slice(0, 10);
  await app.page.getByTestId('filter-from').fill(tenDaysBefore);
  await expect(app.page.getByTestId('trend-partial-note')).toContainText('partial weeks');
  // The trend's total is still the range's spend: buckets never reach before the range.
  const ref = await reference(app.dataDir, tenDaysBefore, to, null);
  await expect.poll(async () => Number(await app.page.getByTestId('trend').getAttribute('data-sum'))).toBeCloseTo(ref.spend, 6);
  // One day draws a bar with a hint, not an empty chart.
  await app.page.getByTestId('filter-from').fill(to);
  await expect(app.page.getByTestId('trend')).toContainText('Only one week in this range');
  expect(from < to).toBe(true);
});

test('CAC counts new customers once Conversions and Touchpoints are pulled, so it differs from CPA', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  await catalog.pull('campaign_performance');
  const dashboard = new CampaignsPage(app.page);
  await dashboard.open();
  // Without the two products CAC has no value, and its tooltip says what to pull.
  await expect(app.page.getByTestId('kpi-cac-value')).toHaveText('—');
  await expect(app.page.getByTestId('kpi-cac')).toHaveAttribute('title', 'Pull Conversions and Touchpoints to see CAC');

  await catalog.open();
  await catalog.pull('conversions');
  await catalog.pull('touchpoints');
  await dashboard.open();
  await expect.poll(() => dashboard.kpi('cac')).toBeGreaterThan(0);
  const cac = await dashboard.kpi('cac');
  const cpa = await dashboard.kpi('cpa');
  // Each customer counts once, at their first purchase: fewer new customers than conversions.
  expect(cac).toBeGreaterThan(cpa);
  await expect(app.page.getByTestId('kpi-cac')).toHaveAttribute('title', /first-ever purchase/);
  await expect(app.page.getByTestId('kpi-cpa')).toHaveAttribute('title', /repeat purchases included/);
  // The grid's CSV: campaign rows have their own CAC, and the totals line matches the tile.
  const download = app.page.waitForEvent('download');
  await app.page.getByTestId('grid-export-csv').click();
  const [header, ...lines] = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\r\n');
  // CAC is the last column, so a campaign name with a comma cannot shift it.
  expect(header!.endsWith(',cac')).toBe(true);
  const cacOf = (line: string) => Number(line.slice(line.lastIndexOf(',') + 1));
  const totals = lines.at(-1)!;
  expect(cacOf(totals)).toBeCloseTo(cac, 6);
  expect(lines.slice(0, -1).filter((line) => cacOf(line) > 0).length).toBeGreaterThan(0);
});
