import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileMetricsQuery, metricsQuerySchema } from '../../shared/metrics/metrics-query';
import { METRIC_IDS } from '../../shared/metrics/metrics';
import { DuckDbEngine } from '../engine/duckdb-engine';

// Two ads on one day, one on the next:
//   date        channel  spend  impressions clicks conversions revenue
//   2026-06-01  search   100    1000        10    1           50
//   2026-06-01  social   300    100000      1000  10          900
//   2026-06-02  search   0      0           0     0           0
// Totals: spend 400, impressions 101000, clicks 1010, conversions 11, revenue 950.
// CTR = 1010/101000 = 0.01 (a mean of per-row CTRs would be (0.01 + 0.01)/2, and NaN for row 3).
// CPC = 400/1010; CPM = 1000*400/101000; CPA = 400/11; CVR = 11/1010; ROAS = 950/400 = 2.375;
// AOV = 950/11; CAC without new_customers = CPA.
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
    expect(row?.cac).toBeCloseTo(400 / 11, 12);
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
