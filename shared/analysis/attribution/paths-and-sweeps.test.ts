import { afterEach, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { attributionDb } from '../../../main/analysis/testing/attribution-test-data';
import { attributionSpecSchema } from '../../specs/attribution-spec';
import { conversionPaths } from './conversion-paths';
import { runAttribution } from './run-attribution';
import { sweepAttribution } from './sweep';

let db: DuckDbEngine | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

const ALL_INTERACTIONS = ['impression', 'click', 'visit', 'open'];

// u1: email (Jun 1), email (Jun 2), search (Jun 9) -> purchase Jun 10 (revenue 10).
// u2: search (Jun 9 12:00) -> purchase Jun 10 (revenue 20).
// u3: email (Jun 1), search (Jun 5) and never converts.
// u4: purchase Jun 10 without touches.
const touches = [
  { id: 'a1', customer: 'u1', at: '2026-06-01 00:00:00', channel: 'email' },
  { id: 'a2', customer: 'u1', at: '2026-06-02 00:00:00', channel: 'email' },
  { id: 'a3', customer: 'u1', at: '2026-06-09 00:00:00', channel: 'search' },
  { id: 'b1', customer: 'u2', at: '2026-06-09 12:00:00', channel: 'search' },
  { id: 'c1', customer: 'u3', at: '2026-06-01 00:00:00', channel: 'email' },
  { id: 'c2', customer: 'u3', at: '2026-06-05 00:00:00', channel: 'search' },
];
const conversions = [
  { id: 'p1', customer: 'u1', at: '2026-06-10 00:00:00', revenue: 10 },
  { id: 'p2', customer: 'u2', at: '2026-06-10 00:00:00', revenue: 20 },
  { id: 'p4', customer: 'u4', at: '2026-06-10 00:00:00', revenue: 5 },
];

describe('conversion paths', () => {
  it('counts paths (repeats collapsed) with non-converting journeys, rate and histograms', async () => {
    db = await attributionDb(touches, conversions);
    const out = await conversionPaths(db, { conversion_type: 'purchase', lookback_days: 30, interactions: ALL_INTERACTIONS }, 10);
    // email > email > search collapses to email > search (1 converting, u3's 1 non-converting: rate 1/2);
    // search: 1 converting, 0 non-converting.
    expect(out.paths).toEqual([
      { path: 'email > search', conversions: 1, non_converting: 1, conversion_rate: 0.5 },
      { path: 'search', conversions: 1, non_converting: 0, conversion_rate: 1 },
    ]);
    // Touches: p1 has 3, p2 has 1 (p4 has none and is left out).
    expect(out.touches).toEqual([
      { touches: 1, conversions: 1 },
      { touches: 3, conversions: 1 },
    ]);
    // Days from first touch: p1 9 days, p2 0.5 day -> bucket 0.
    expect(out.days).toEqual([
      { days: 0, conversions: 1 },
      { days: 9, conversions: 1 },
    ]);
  });
});

describe('sensitivity sweeps', () => {
  it('sweeps the lookback: a shorter lookback drops the early email touches', async () => {
    db = await attributionDb(touches, conversions);
    const spec = attributionSpecSchema.parse({ kind: 'attribution', conversion_type: 'purchase', models: [{ model: 'first_touch' }] });
    const out = await sweepAttribution(db, spec, { param: 'lookback_days', values: [30, 8, 1] });
    const series = Object.fromEntries(out.series.map((s) => [s.channel, s.conversions]));
    // Lookback 30 and 8 (Jun 2 is exactly 8 days before Jun 10: included): p1's first touch is
    // email; lookback 1: p1's path is search alone. p2 is search throughout; p4 unattributed.
    expect(series.email).toEqual([1, 1, 0]);
    expect(series.search).toEqual([1, 1, 2]);
    expect(series['(unattributed)']).toEqual([1, 1, 1]);
  });

  it('derives a shorter lookback from a longer cache with the same answer as a fresh build', async () => {
    const all = [
      { model: 'last_touch' },
      { model: 'first_touch' },
      { model: 'linear' },
      { model: 'position_based' },
      { model: 'time_decay' },
      { model: 'last_non_direct' },
      { model: 'markov', order: 2 },
    ];
    const spec = (lookback: number) => attributionSpecSchema.parse({ kind: 'attribution', conversion_type: 'purchase', lookback_days: lookback, models: all });
    db = await attributionDb(touches, conversions);
    await runAttribution(db, spec(30));
    const derived = await runAttribution(db, spec(8));
    db.close();
    db = await attributionDb(touches, conversions);
    expect(derived).toEqual(await runAttribution(db, spec(8)));
  });

  it('sweeps the half-life of time decay', async () => {
    db = await attributionDb(touches, conversions);
    const spec = attributionSpecSchema.parse({ kind: 'attribution', conversion_type: 'purchase', lookback_days: 30, models: [{ model: 'time_decay' }] });
    const out = await sweepAttribution(db, spec, { param: 'half_life_days', values: [1, 8] });
    const email = out.series.find((s) => s.channel === 'email')!.conversions;
    // p1: emails 9 and 8 days before, search 1 day before.
    // Half-life 1: 2^-9 + 2^-8 over (that + 2^-1); half-life 8: 2^(-9/8) + 2^-1 over (that + 2^(-1/8)).
    expect(email[0]).toBeCloseTo((2 ** -9 + 2 ** -8) / (2 ** -9 + 2 ** -8 + 2 ** -1), 12);
    expect(email[1]).toBeCloseTo((2 ** (-9 / 8) + 2 ** -1) / (2 ** (-9 / 8) + 2 ** -1 + 2 ** (-1 / 8)), 12);
    await expect(sweepAttribution(db, spec, { param: 'half_life_days', values: [0] })).rejects.toThrow(/half_life_days/);
  });
});
