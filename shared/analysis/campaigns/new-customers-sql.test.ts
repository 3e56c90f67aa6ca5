import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { gridExportSql, gridPageSql } from './dashboard-sql';
import { campaignGridTotals, campaignKpis } from './run-dashboard';

// Spend: k1 (google, search) 100, k2 (meta, social) 300, both on 2026-06-01; 11 platform conversions.
// Range 2026-06-01..2026-06-02. Purchases and touches, by customer:
//   c1  first purchase 06-01 10:00; repeat purchase 06-02 (not a second new customer).
//       touches k1 05-28, k2 05-31 -> credited to k2 (the last campaign touch).
//   c2  first purchase 05-20, before the range; buys again 06-01 -> not new.
//   c3  first purchase 06-02; touches k1 06-01, k2 04-01 (over 30 days before) -> credited to k1.
//   c4  first purchase 06-01; an organic touch (no campaign) before, k2 only after -> new, no campaign.
//   c5  a signup on 06-01, never a purchase -> not a customer won.
//   c6  first purchase 06-03, after the range -> not new in it.
// New customers: c1, c3, c4 = 3. CAC = 400 / 3; CPA = 400 / 11.
// Channel search: k1's 100 / c3 = 100. Channel social: k2's 300 / c1 = 300.
let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE campaign_performance ("date" DATE, platform VARCHAR, channel VARCHAR, campaign_id VARCHAR, campaign_name VARCHAR,
    ad_set_id VARCHAR, ad_id VARCHAR, spend DOUBLE, impressions BIGINT, clicks BIGINT, conversions DOUBLE, revenue DOUBLE)`);
  await db.run(`INSERT INTO campaign_performance VALUES
    ('2026-06-01', 'google', 'search', 'k1', 'K1', 's1', 'a1', 100, 1000, 10, 1, 50),
    ('2026-06-01', 'meta', 'social', 'k2', 'K2', 's2', 'a2', 300, 100000, 1000, 10, 900)`);
  await db.run(`CREATE TABLE conversions (conversion_id VARCHAR, customer_id VARCHAR, occurred_at TIMESTAMP, conversion_type VARCHAR, revenue DOUBLE)`);
  await db.run(`INSERT INTO conversions VALUES
    ('v1', 'c1', '2026-06-01 10:00', 'purchase', 20), ('v2', 'c1', '2026-06-02 09:00', 'purchase', 30),
    ('v3', 'c2', '2026-05-20 12:00', 'purchase', 10), ('v4', 'c2', '2026-06-01 12:00', 'purchase', 10),
    ('v5', 'c3', '2026-06-02 23:59', 'purchase', 40),
    ('v6', 'c4', '2026-06-01 15:00', 'purchase', 15),
    ('v7', 'c5', '2026-06-01 08:00', 'signup', 0),
    ('v8', 'c6', '2026-06-03 00:00', 'purchase', 25)`);
  await db.run(`CREATE TABLE touchpoints (touchpoint_id VARCHAR, customer_id VARCHAR, occurred_at TIMESTAMP, channel VARCHAR, campaign_id VARCHAR)`);
  await db.run(`INSERT INTO touchpoints VALUES
    ('t1', 'c1', '2026-05-28 10:00', 'search', 'k1'), ('t2', 'c1', '2026-05-31 10:00', 'social', 'k2'),
    ('t3', 'c3', '2026-06-01 10:00', 'search', 'k1'), ('t4', 'c3', '2026-04-01 10:00', 'social', 'k2'),
    ('t5', 'c4', '2026-06-01 09:00', 'organic', NULL), ('t6', 'c4', '2026-06-02 09:00', 'social', 'k2'),
    ('t7', 'c2', '2026-05-19 09:00', 'search', 'k1')`);
});
afterAll(() => db.close());

const filter = { from: '2026-06-01', to: '2026-06-02', channels: [] as string[], platforms: [] as string[], campaigns: [] as string[] };
const columns = new Set(['spend', 'impressions', 'clicks', 'conversions', 'revenue']);

describe('CAC from first purchases', () => {
  it('counts each customer once, at their first purchase, so CAC differs from CPA', async () => {
    const kpis = await campaignKpis(db, filter);
    expect(kpis.cacAvailable).toBe(true);
    expect(kpis.current.cac).toBeCloseTo(400 / 3, 10);
    expect(kpis.current.cpa).toBeCloseTo(400 / 11, 10);
    // The previous period (05-30..05-31) has no spend and no first purchase.
    expect(kpis.previous.cac).toBeNull();
  });

  it("under a channel filter counts only customers credited to that channel's campaigns", async () => {
    expect((await campaignKpis(db, { ...filter, channels: ['search'] })).current.cac).toBeCloseTo(100, 10);
    expect((await campaignKpis(db, { ...filter, channels: ['social'] })).current.cac).toBeCloseTo(300, 10);
    expect((await campaignKpis(db, { ...filter, campaigns: ['k2'] })).current.cac).toBeCloseTo(300, 10);
  });

  it('gives campaign rows their credited customers, and ad set rows none', async () => {
    const q = { filter, level: 'campaign' as const, parent: {}, search: '' };
    const page = gridPageSql(q, columns, [], 0, 10, true);
    const rows = await db.all(page.sql, page.params);
    expect(rows.map((r) => [r.campaign_id, r.cac])).toEqual([
      ['k2', 300],
      ['k1', 100],
    ]);
    const sets = gridExportSql({ ...q, level: 'ad_set', parent: { campaign_id: 'k1' } }, columns, true);
    expect((await db.all(sets.sql, sets.params)).map((r) => r.cac)).toEqual([null]);
    expect((await campaignGridTotals(db, q)).values.cac).toBeCloseTo(400 / 3, 10);
    expect((await campaignGridTotals(db, { ...q, search: 'k1' })).values.cac).toBeCloseTo(100, 10);
    expect((await campaignGridTotals(db, { ...q, level: 'ad_set', parent: { campaign_id: 'k2' } })).values.cac).toBeCloseTo(300, 10);
  });

  it('has no value when Touchpoints are not loaded', async () => {
    const other = await DuckDbEngine.open();
    try {
      await other.run(`CREATE TABLE campaign_performance AS SELECT * FROM (VALUES (DATE '2026-06-01', 'search', 'google', 'k1', 100.0, 10, 1, 1.0, 50.0))
        t("date", channel, platform, campaign_id, spend, impressions, clicks, conversions, revenue)`);
      await other.run(`CREATE TABLE conversions (customer_id VARCHAR, occurred_at TIMESTAMP, conversion_type VARCHAR)`);
      const kpis = await campaignKpis(other, filter);
      expect(kpis.cacAvailable).toBe(false);
      expect(kpis.current.cac).toBeNull();
      expect(kpis.current.cpa).toBe(100);
    } finally {
      await other.close();
    }
  });
});
