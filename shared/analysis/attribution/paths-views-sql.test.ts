import { afterAll, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { attributionDb } from '../../../main/analysis/testing/attribution-test-data';
import { pathsReport, type PathView } from './paths-views-sql';

let db: DuckDbEngine | null = null;
afterAll(() => db?.close());

// Four purchases (lookback 30 days):
// p1 (100): paid_search > email > email > direct     collapsed: paid_search > email > direct
// p2 (50):  paid_search > direct                      (no middle touch)
// p3 (30):  email > paid_social > paid_search > direct
// p4 (20):  no touch (not a journey of the report)
const day = (d: number, h = 10) => `2026-06-${String(d).padStart(2, '0')} ${String(h).padStart(2, '0')}:00:00`;
const touches = [
  { id: 'a1', customer: 'c1', at: day(1), channel: 'paid_search' },
  { id: 'a2', customer: 'c1', at: day(2), channel: 'email' },
  { id: 'a3', customer: 'c1', at: day(3), channel: 'email' },
  { id: 'a4', customer: 'c1', at: day(4), channel: 'direct' },
  { id: 'b1', customer: 'c2', at: day(1), channel: 'paid_search' },
  { id: 'b2', customer: 'c2', at: day(2), channel: 'direct' },
  { id: 'd1', customer: 'c3', at: day(1), channel: 'email' },
  { id: 'd2', customer: 'c3', at: day(2), channel: 'paid_social' },
  { id: 'd3', customer: 'c3', at: day(3), channel: 'paid_search' },
  { id: 'd4', customer: 'c3', at: day(4), channel: 'direct' },
];
const conversions = [
  { id: 'p1', customer: 'c1', at: day(5), revenue: 100 },
  { id: 'p2', customer: 'c2', at: day(5), revenue: 50 },
  { id: 'p3', customer: 'c3', at: day(5), revenue: 30 },
  { id: 'p4', customer: 'c4', at: day(5), revenue: 20 },
];

async function report(view: PathView, search = '', limit = 100) {
  db ??= await attributionDb(touches, conversions);
  return pathsReport(db, { conversion_type: 'purchase', lookback_days: 30, interactions: ['click'], view, search, limit });
}

const table = (r: Awaited<ReturnType<typeof report>>) => r.rows.map((x) => [x.key, x.conversions, x.revenue, x.share]);

describe('the paths report views', () => {
  it('lists every path with repeats collapsed, largest first', async () => {
    const r = await report('path');
    expect(r.journeys).toBe(3);
    expect(r.total_rows).toBe(3);
    expect(table(r)).toEqual([
      ['email > paid_social > paid_search > direct', 1, 30, 1 / 3],
      ['paid_search > direct', 1, 50, 1 / 3],
      ['paid_search > email > direct', 1, 100, 1 / 3],
    ]);
  });

  it('groups by the channel at the first, middle or last touch', async () => {
    expect(table(await report('first'))).toEqual([
      ['paid_search', 2, 150, 2 / 3],
      ['email', 1, 30, 1 / 3],
    ]);
    // Middle touches: p1 has email twice (counted once), p3 paid_social and paid_search; p2 none.
    expect(table(await report('middle'))).toEqual([
      ['email', 1, 100, 1 / 3],
      ['paid_search', 1, 30, 1 / 3],
      ['paid_social', 1, 30, 1 / 3],
    ]);
    expect(table(await report('last'))).toEqual([['direct', 3, 180, 1]]);
  });

  it('searches channel ids and display names, and says how many rows match beyond the limit', async () => {
    // "Paid search" (the display name) matches paid_search only, not paid_social.
    const r = await report('path', 'Paid search', 1);
    expect(r.total_rows).toBe(3);
    expect(r.rows).toHaveLength(1);
    expect(table(await report('path', 'social'))).toEqual([['email > paid_social > paid_search > direct', 1, 30, 1 / 3]]);
    expect((await report('first', 'nothing like it')).rows).toEqual([]);
    expect((await report('first', 'nothing like it')).total_rows).toBe(0);
  });
});
