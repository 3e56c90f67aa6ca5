import { type DuckDbEngine } from '../../engine/duckdb-engine';
import { attributionDb } from './attribution-test-data';

/*
 * A hand-built mesh whose calibration is known by construction (test helper).
 *
 * Conversions (purchase) and their click paths (lookback 30):
 *   c1 2026-06-06 10:00  paid_social (06-05) -> email (06-06 09:00)
 *   c2 2026-06-07 12:00  paid_social (06-07 08:00)
 *   c3 2026-06-07 13:00  email (06-07 09:00)
 *   c4 2026-06-03 12:00  paid_social (06-02)
 *   c5 2026-06-08 00:00  paid_social (06-07 20:00)      the instant the geo test's period ends: outside it
 *   c6 2026-06-06 00:00  no touch: (unattributed)      the instant the geo test's period starts: inside it
 *   h1 2026-06-02 12:00  no touch: (unattributed)
 *   s1 2026-12-01        a signup, another conversion type: never counted, not even for data_end
 *
 * Geo test of paid_social (geo_sales orders, TBR): treated T, control C, y = 2 4 5 4 5 | 7 9 and
 * x = 1 2 3 4 5 | 6 8 over pre 06-01..06-05 and test 06-06..06-07: effect 3.2, 90% interval
 * [-3.1845149540, 9.5845149540] (the hand case of shared/analysis/geo/tbr.test.ts).
 * Credit to paid_social over [06-06, 06-08): last touch 1 (c2), first touch 2 (c1, c2), linear
 * 1.5 (c1 half, c2): factors 3.2, 1.6 and 2.1333.
 *
 * Holdout of email (experiment `hold1`, assigned 06-01 00:00, window 7 days: period 06-01..06-07):
 * treated c1..c4 convert in their window and c7 does not (rate 4/5), held out h1..h4 of which h1
 * does (rate 1/4): diff 0.55 x 5 treated users = 2.75 incremental conversions. Credit to email
 * over [06-01, 06-08): last touch 2 (c1, c3), first touch 1 (c3), linear 1.5: factors 1.375,
 * 2.75 and 1.8333; email's credit over the whole range is its credit over the period, so every
 * model's adjusted email credit is 2.75.
 *
 * Over the whole range (7 purchases): last touch email 2, paid_social 3 (c2, c4, c5),
 * (unattributed) 2; first touch email 1, paid_social 4; linear email 1.5, paid_social 3.5.
 */
export const CALIBRATION_TOUCHES = [
  { id: 't1', customer: 'c1', at: '2026-06-05 10:00:00', channel: 'paid_social' },
  { id: 't2', customer: 'c1', at: '2026-06-06 09:00:00', channel: 'email' },
  { id: 't3', customer: 'c2', at: '2026-06-07 08:00:00', channel: 'paid_social' },
  { id: 't4', customer: 'c3', at: '2026-06-07 09:00:00', channel: 'email' },
  { id: 't5', customer: 'c4', at: '2026-06-02 12:00:00', channel: 'paid_social' },
  { id: 't6', customer: 'c5', at: '2026-06-07 20:00:00', channel: 'paid_social' },
];

export const CALIBRATION_CONVERSIONS = [
  { id: 'k1', customer: 'c1', at: '2026-06-06 10:00:00', revenue: 10 },
  { id: 'k2', customer: 'c2', at: '2026-06-07 12:00:00', revenue: 20 },
  { id: 'k3', customer: 'c3', at: '2026-06-07 13:00:00', revenue: 30 },
  { id: 'k4', customer: 'c4', at: '2026-06-03 12:00:00', revenue: 40 },
  { id: 'k5', customer: 'c5', at: '2026-06-08 00:00:00', revenue: 50 },
  { id: 'k6', customer: 'c6', at: '2026-06-06 00:00:00', revenue: 60 },
  { id: 'k7', customer: 'h1', at: '2026-06-02 12:00:00', revenue: 70 },
  { id: 'k8', customer: 's1', at: '2026-12-01 00:00:00', type: 'signup', revenue: 0 },
];

export async function calibrationDb(): Promise<DuckDbEngine> {
  const db = await attributionDb(CALIBRATION_TOUCHES, CALIBRATION_CONVERSIONS);
  await db.run(`CREATE TABLE geo_sales (date DATE, geo_id VARCHAR, geo_name VARCHAR, country VARCHAR, orders BIGINT, revenue DOUBLE, spend DOUBLE)`);
  const y = [2, 4, 5, 4, 5, 7, 9];
  const x = [1, 2, 3, 4, 5, 6, 8];
  const rows = y.flatMap((v, i) => [
    `(DATE '2026-06-01' + ${i}, 'T', 'Treated', 'US', ${v}, 0, 0)`,
    `(DATE '2026-06-01' + ${i}, 'C', 'Control', 'US', ${x[i]}, 0, 0)`,
  ]);
  await db.run(`INSERT INTO geo_sales VALUES ${rows.join(', ')}`);
  await db.run(`CREATE TABLE experiment_assignments (experiment_id VARCHAR, customer_id VARCHAR, variant VARCHAR, assigned_at TIMESTAMP)`);
  await db.run(`INSERT INTO experiment_assignments
    SELECT 'hold1', c, CASE WHEN c LIKE 'h%' THEN 'holdout' ELSE 'treated' END, TIMESTAMP '2026-06-01 00:00:00'
    FROM (VALUES ('c1'), ('c2'), ('c3'), ('c4'), ('c7'), ('h1'), ('h2'), ('h3'), ('h4')) v(c)`);
  return db;
}

export const GEO_TEST_SPEC = {
  kind: 'geo_experiment',
  metric: 'orders',
  method: 'tbr',
  treatment_geos: ['T'],
  control_geos: ['C'],
  pre_period: ['2026-06-01', '2026-06-05'],
  test_period: ['2026-06-06', '2026-06-07'],
  alpha: 0.1,
};

export const HOLDOUT_SPEC = {
  kind: 'experiment',
  experiment_id: 'hold1',
  control: 'holdout',
  window_days: 7,
  metrics: [{ name: 'purchased', type: 'proportion', conversion_type: 'purchase' }],
};

export const CALIBRATION_SPEC = {
  kind: 'calibrated_attribution',
  attribution: {
    kind: 'attribution',
    conversion_type: 'purchase',
    interactions: ['click'],
    models: [{ model: 'last_touch' }, { model: 'first_touch' }, { model: 'linear' }],
  },
  tests: [
    { channel: 'paid_social', source: 'geo_experiment', spec: GEO_TEST_SPEC },
    { channel: 'email', source: 'holdout', spec: HOLDOUT_SPEC, metric: 'purchased' },
  ],
};
