import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../../metrics/metrics';
import { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { compileMetricsQuery, metricsQuerySchema } from './metrics-sql';
import { breakdownSql, gridCountSql, gridExportSql, gridPageSql, gridTotalsSql, kpiSql, previousPeriod, timeseriesSql } from './dashboard-sql';

// Two ads on one day, one on the next:
//   date        channel  spend  impressions clicks conversions revenue
//   2026-06-01  search   100    1000        10    1           50
//   2026-06-01  social   300    100000      1000  10          900
//   2026-06-02  search   0      0           0     0           0
// Totals: spend 400, impressions 101000, clicks 1010, conversions 11, revenue 950.
// CTR = 1010/101000 = 0.01 (a mean of per-row CTRs would be (0.01 + 0.01)/2, and NaN for row 3).
// CPC = 400/1010; CPM = 1000*400/101000; CPA = 400/11; CVR = 11/1010; ROAS = 950/400 = 2.375;
// AOV = 950/11; CAC has no value without new_customers (conversions include repeat purchases).
let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE campaign_performance ("date" DATE, platform VARCHAR, channel VARCHAR, campaign_id VARCHAR, campaign_name VARCHAR,
    ad_set_id VARCHAR, ad_id VARCHAR, spend DOUBLE, impressions BIGINT, clicks BIGINT, conversions DOUBLE, revenue DOUBLE)`);
  await db.run(`INSERT INTO campaign_performance VALUES
    ('2026-06-01', 'google', 'search', 'k1', 'K1', 's1', 'a1', 100, 1000, 10, 1, 50),
    ('2026-06-01', 'meta', 'social', 'k2', 'K2', 's2', 'a2', 300, 100000, 1000, 10, 900),
    ('2026-06-02', 'google', 'search', 'k1', 'K1', 's1', 'a1', 0, 0, 0, 0, 0)`);
});
afterAll(() => db.close());

describe('metrics layer', () => {
  it('computes every metric as a ratio of sums', async () => {
    const q = metricsQuerySchema.parse({ metrics: [...METRIC_IDS] });
    const { sql, params } = compileMetricsQuery(q, new Set(['spend', 'conversions']));
    const [row] = await db.all(sql, params);
    expect(row).toMatchObject({ spend: 400, impressions: 101000, clicks: 1010, conversions: 11, revenue: 950, roas: 2.375 });
    expect(row?.ctr).toBeCloseTo(0.01, 15);
    expect(row?.cpc).toBeCloseTo(400 / 1010, 12);
    expect(row?.cpm).toBeCloseTo((1000 * 400) / 101000, 12);
    expect(row?.cpa).toBeCloseTo(400 / 11, 12);
    expect(row?.cvr).toBeCloseTo(11 / 1010, 12);
    expect(row?.aov).toBeCloseTo(950 / 11, 12);
    expect(row?.cac).toBeNull();
  });

  it('gives NULL, not 0 or Infinity, where the denominator sums to 0; filters bind values', async () => {
    const q = metricsQuerySchema.parse({ metrics: ['spend', 'ctr', 'roas'], group_by: ['date'], filters: { channel: ['search', "x' OR 1=1 --"] } });
    const { sql, params } = compileMetricsQuery(q);
    const rows = await db.all(sql, params);
    expect(rows).toEqual([
      { date: '2026-06-01', spend: 100, ctr: 0.01, roas: 0.5 },
      { date: '2026-06-02', spend: 0, ctr: null, roas: null },
    ]);
  });
});

describe('dashboard queries (same metrics compiler)', () => {
  const all = { from: '2026-06-01', to: '2026-06-02', channels: [], platforms: [], campaigns: [] };
  const rows = async (q: { sql: string; params: unknown[] }) => db.all(q.sql, q.params as never);
  const cols = new Set(['spend', 'impressions', 'clicks', 'conversions', 'revenue']);

  it('KPIs are ratios of sums; list filters bind hostile values; an empty list filters nothing', async () => {
    const [row] = await rows(kpiSql(all, cols));
    expect(row).toMatchObject({ spend: 400, clicks: 1010, roas: 2.375, cpa: 400 / 11, cac: null });
    const [search] = await rows(kpiSql({ ...all, channels: ['search', "x' OR 1=1 --"] }, cols));
    expect(search).toMatchObject({ spend: 100, roas: 0.5 });
    const [none] = await rows(kpiSql({ ...all, from: '2026-05-01', to: '2026-05-02' }, cols));
    expect(none).toMatchObject({ spend: 0, ctr: null });
    expect(previousPeriod(all)).toMatchObject({ from: '2026-05-30', to: '2026-05-31' });
  });

  it('trend buckets by day with NULL where a ratio has no denominator; breakdown sorts by spend', async () => {
    expect(await rows(timeseriesSql(all, 'ctr', 'date', cols))).toEqual([
      { period: '2026-06-01', days: 1, full_days: 1, ctr: 0.01 },
      { period: '2026-06-02', days: 1, full_days: 1, ctr: null },
    ]);
    expect(await rows(timeseriesSql(all, 'spend', 'month', cols))).toEqual([{ period: '2026-06-01', days: 2, full_days: 30, spend: 400 }]);
    const by = await rows(breakdownSql(all, 'channel', cols));
    expect(by.map((r) => [r.key, r.spend])).toEqual([
      ['social', 300],
      ['search', 100],
    ]);
  });

  it('grid pages, counts, totals, searches and drills down by id', async () => {
    const q = { filter: all, level: 'campaign' as const, parent: {}, search: '' };
    expect((await rows(gridPageSql(q, cols, [], 0, 10))).map((r) => [r.campaign_id, r.campaign_name, r.spend])).toEqual([
      ['k2', 'K2', 300],
      ['k1', 'K1', 100],
    ]);
    expect((await rows(gridPageSql(q, cols, [{ colId: 'spend', sort: 'asc' }], 0, 1))).map((r) => r.campaign_id)).toEqual(['k1']);
    expect((await rows(gridPageSql(q, cols, [{ colId: 'spend; DROP TABLE x', sort: 'asc' }], 1, 2))).map((r) => r.campaign_id)).toEqual(['k1']);
    expect(await rows(gridCountSql(q, cols))).toEqual([{ n: 2 }]);
    const [k2] = await rows(gridTotalsSql({ ...q, search: 'k2' }, cols));
    expect(k2).toMatchObject({ spend: 300 });
    const ads = await rows(gridPageSql({ ...q, level: 'ad', parent: { campaign_id: 'k1' } }, cols, [], 0, 10));
    expect(ads.map((r) => [r.ad_id, r.spend])).toEqual([['a1', 100]]);
    expect((await rows(gridExportSql(q, cols))).map((r) => r.campaign_id)).toEqual(['k2', 'k1']);
  });
});
