import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { campaignTimeseries } from './run-dashboard';

// One row a day from 2026-05-01 to 2026-06-30 with spend 1, so a bucket's spend is its number of
// days with data. 2026-06-03 is a Wednesday: a calendar week (Monday 06-01) would start before it.
let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE campaign_performance ("date" DATE, platform VARCHAR, channel VARCHAR, campaign_id VARCHAR, campaign_name VARCHAR,
    ad_set_id VARCHAR, ad_id VARCHAR, spend DOUBLE, impressions BIGINT, clicks BIGINT, conversions DOUBLE, revenue DOUBLE)`);
  await db.run(`INSERT INTO campaign_performance SELECT d::DATE, 'google', 'search', 'k1', 'K1', 's1', 'a1', 1, 10, 1, 0, 0
    FROM range(DATE '2026-05-01', DATE '2026-07-01', INTERVAL 1 DAY) t(d)`);
});
afterAll(() => db.close());

const filter = (from: string, to: string) => ({ from, to, channels: [], platforms: [], campaigns: [] });

describe('trend buckets', () => {
  it('starts weeks on the range start and flags the short last week instead of drawing a dip', async () => {
    // 06-03..06-19 is 17 days: two whole weeks (06-03..06-09, 06-10..06-16) and 3 days (06-17..06-19).
    const { points } = await campaignTimeseries(db, filter('2026-06-03', '2026-06-19'), 'spend', 'week');
    expect(points).toEqual([
      { period: '2026-06-03', value: 7, days: 7, partial: false },
      { period: '2026-06-10', value: 7, days: 7, partial: false },
      { period: '2026-06-17', value: 3, days: 3, partial: true },
    ]);
  });

  it('has only whole weeks when the range is a number of weeks (the default 28 days)', async () => {
    const { points } = await campaignTimeseries(db, filter('2026-06-03', '2026-06-30'), 'spend', 'week');
    expect(points.map((p) => [p.period, p.value, p.partial])).toEqual([
      ['2026-06-03', 7, false],
      ['2026-06-10', 7, false],
      ['2026-06-17', 7, false],
      ['2026-06-24', 7, false],
    ]);
  });

  it('starts the first month on the range start and flags months the range covers in part', async () => {
    // 05-20..06-10: 12 of May's 31 days, then 10 of June's 30.
    const { points } = await campaignTimeseries(db, filter('2026-05-20', '2026-06-10'), 'spend', 'month');
    expect(points).toEqual([
      { period: '2026-05-20', value: 12, days: 12, partial: true },
      { period: '2026-06-01', value: 10, days: 10, partial: true },
    ]);
    const june = await campaignTimeseries(db, filter('2026-06-01', '2026-06-30'), 'spend', 'month');
    expect(june.points).toEqual([{ period: '2026-06-01', value: 30, days: 30, partial: false }]);
  });

  it('gives a single-day range one point, at any granularity', async () => {
    for (const granularity of ['date', 'week', 'month'] as const) {
      const { points } = await campaignTimeseries(db, filter('2026-06-05', '2026-06-05'), 'spend', granularity);
      expect(points.map((p) => [p.period, p.value])).toEqual([['2026-06-05', 1]]);
    }
  });
});
