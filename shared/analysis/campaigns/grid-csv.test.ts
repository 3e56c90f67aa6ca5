import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { campaignGridCsv } from './run-dashboard';

// Two campaigns:               spend  clicks  impressions
//   k1 (2 rows)  100 + 50    = 150     10+5 = 15   1000+500 = 1500
//   k2            300                    30           1000
// Totals: spend 450, clicks 45, impressions 2500; CTR = 45/2500 = 0.018 (a ratio of sums;
// the mean of the rows' CTRs, (0.01 + 0.03)/2 = 0.02, would be wrong).
let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE campaign_performance ("date" DATE, platform VARCHAR, channel VARCHAR, campaign_id VARCHAR, campaign_name VARCHAR,
    ad_set_id VARCHAR, ad_id VARCHAR, spend DOUBLE, impressions BIGINT, clicks BIGINT, conversions DOUBLE, revenue DOUBLE)`);
  await db.run(`INSERT INTO campaign_performance VALUES
    ('2026-06-01', 'google', 'paid_search', 'k1', 'Brand', 's1', 'a1', 100, 1000, 10, 1, 200),
    ('2026-06-02', 'google', 'paid_search', 'k1', 'Brand', 's1', 'a1', 50, 500, 5, 1, 100),
    ('2026-06-01', 'meta', 'paid_social', 'k2', 'Summer', 's2', 'a2', 300, 1000, 30, 2, 600)`);
});
afterAll(() => db.close());

const q = { filter: { from: '2026-06-01', to: '2026-06-02', channels: [], platforms: [], campaigns: [] }, level: 'campaign' as const, parent: {}, search: '' };

describe('grid CSV export', () => {
  it('ends with the totals row the grid shows, ratios of sums', async () => {
    const { csv, rows } = await campaignGridCsv(db, q);
    const lines = csv.trim().split('\r\n');
    expect(rows).toBe(2);
    expect(lines).toHaveLength(4);
    const header = lines[0]!.split(',');
    const total = Object.fromEntries(lines[3]!.split(',').map((v, i) => [header[i], v]));
    expect(total).toMatchObject({ campaign_id: '(total)', campaign_name: '', spend: '450', clicks: '45', impressions: '2500', ctr: '0.018' });
    // The data rows above it sum to the same spend.
    expect(lines.slice(1, 3).reduce((s, l) => s + Number(l.split(',')[header.indexOf('spend')]), 0)).toBe(450);
  });

  it('totals only what the filter keeps', async () => {
    const { csv } = await campaignGridCsv(db, { ...q, filter: { ...q.filter, channels: ['paid_social'] } });
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]!.startsWith('(total),,,,300,')).toBe(true);
  });
});
