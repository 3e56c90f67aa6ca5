import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExperiment, type TreatmentVariantResult } from '../../shared/analysis/experiment/run-experiment';
import { parseExperimentSpec } from '../../shared/specs/experiment-spec';
import { SpecError } from '../../shared/specs/spec-error';
import { DuckDbEngine } from '../engine/duckdb-engine';

// exp1, everyone assigned 2026-06-01 00:00, window 7 days => [06-01 00:00, 06-08 00:00).
// Purchase revenue in the window (Y):
//   control   u1 10 | u2 0 | u3 0 (its 5 lands exactly at 06-08: excluded) | u4 20 (exactly at assignment: included)
//   treatment u5 30+10=40 | u6 0 | u7 20 | u8 0 (its conversion is a signup)
// Control mean 7.5, variance 275/3; treatment mean 15, variance 1100/3.
// Welch: se = sqrt(275/12 + 1100/12) = 10.70436; df = 4.411765; diff = 7.5;
// scipy.stats.ttest_ind(equal_var=False) p = 0.5187251719; CI 7.5 +- t(0.975, df) se = [-21.15743, 36.15743];
// rel lift 7.5/7.5 = 1, delta-method CI [-3.8332135, 5.8332135].
// Pre-period (CUPED X, [05-25, 06-01)): u1 4, u3 5, u5 8, others 0 => theta = 2.4500907441,
// adjusted means 7.1937386570 and 15.3062613430, p 0.3958732256 (numpy/scipy on adjusted values).
let db: DuckDbEngine;

beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE experiment_assignments (experiment_id VARCHAR, customer_id VARCHAR, variant VARCHAR, assigned_at TIMESTAMP)`);
  await db.run(`INSERT INTO experiment_assignments
    SELECT 'exp1', 'u' || i, CASE WHEN i <= 4 THEN 'control' ELSE 'treatment' END, TIMESTAMP '2026-06-01 00:00:00' FROM range(1, 9) t(i)`);
  await db.run(`INSERT INTO experiment_assignments VALUES ('exp2', 'u1', 'b', '2026-06-01'), ('exp2', 'u2', 'a', '2026-06-01')`);
  await db.run(`CREATE TABLE conversions (conversion_id VARCHAR, customer_id VARCHAR, occurred_at TIMESTAMP, conversion_type VARCHAR, revenue DOUBLE)`);
  await db.run(`INSERT INTO conversions VALUES
    ('k1', 'u1', '2026-06-02 00:00:00', 'purchase', 10),
    ('k2', 'u3', '2026-06-08 00:00:00', 'purchase', 5),
    ('k3', 'u4', '2026-06-01 00:00:00', 'purchase', 20),
    ('k4', 'u5', '2026-06-03 00:00:00', 'purchase', 30),
    ('k5', 'u5', '2026-06-04 00:00:00', 'purchase', 10),
    ('k6', 'u7', '2026-06-05 00:00:00', 'purchase', 20),
    ('k7', 'u8', '2026-06-02 00:00:00', 'signup', 100),
    ('p1', 'u1', '2026-05-30 00:00:00', 'purchase', 4),
    ('p2', 'u3', '2026-05-31 00:00:00', 'purchase', 5),
    ('p3', 'u5', '2026-05-28 00:00:00', 'purchase', 8),
    ('p4', 'u6', '2026-05-24 23:59:59', 'purchase', 1000)`);
});
afterAll(() => db.close());

const base = {
  kind: 'experiment',
  experiment_id: 'exp1',
  control: 'control',
  window_days: 7,
  metrics: [
    { name: 'purchase_rate', type: 'proportion', conversion_type: 'purchase' },
    { name: 'revenue_per_user', type: 'mean', conversion_type: 'purchase' },
  ],
};

describe('runExperiment', () => {
  it('computes SRM, Welch and the delta-method lift per metric', async () => {
    const r = await runExperiment(db, parseExperimentSpec(base));
    expect(r.srm).toEqual({ p_value: 1, flag: false, counts: { control: 4, treatment: 4 } });
    const [rate, revenue] = r.metrics;
    // Rates: control [1,0,0,1] and treatment [1,0,1,0]: both 0.5, so diff 0 and p 1.
    expect(rate?.variants[0]).toEqual({ variant: 'control', users: 4, mean: 0.5 });
    expect((rate?.variants[1] as TreatmentVariantResult).diff).toBe(0);
    expect((rate?.variants[1] as TreatmentVariantResult).p_value).toBeCloseTo(1, 12);
    expect(revenue?.variants[0]).toEqual({ variant: 'control', users: 4, mean: 7.5 });
    const t = revenue?.variants[1] as TreatmentVariantResult;
    expect(t.mean).toBe(15);
    expect(t.diff).toBe(7.5);
    expect(t.p_value).toBeCloseTo(0.5187251719, 9);
    expect(t.diff_ci?.[0]).toBeCloseTo(-21.1574310574, 8);
    expect(t.diff_ci?.[1]).toBeCloseTo(36.1574310574, 8);
    expect(t.rel_lift).toBe(1);
    expect(t.rel_lift_ci?.[0]).toBeCloseTo(-3.8332135483, 8);
    expect(t.rel_lift_ci?.[1]).toBeCloseTo(5.8332135483, 8);
  });

  it('applies CUPED with theta over all users', async () => {
    const r = await runExperiment(db, parseExperimentSpec({ ...base, cuped: true, metrics: [base.metrics[1]] }));
    const [c, t] = r.metrics[0]?.variants ?? [];
    expect(c?.mean).toBeCloseTo(7.193738657, 9);
    expect(t?.mean).toBeCloseTo(15.306261343, 9);
    expect((t as TreatmentVariantResult).p_value).toBeCloseTo(0.3958732256, 9);
    expect((t as TreatmentVariantResult).diff_ci?.[0]).toBeCloseTo(-13.6666410424, 8);
  });

  it('tests the split against expected_split', async () => {
    // 4 vs 4 against 90/10: expected 7.2 and 0.8; chi = 3.2^2/7.2 + 3.2^2/0.8 = 14.2222; p = 1.6244084519e-4 (scipy chi2.sf).
    const r = await runExperiment(db, parseExperimentSpec({ ...base, expected_split: { control: 0.9, treatment: 0.1 } }));
    expect(r.srm.p_value).toBeCloseTo(1.6244084519e-4, 12);
    expect(r.srm.flag).toBe(true);
  });

  it('treats experiment ids, variants and conversion types as data', async () => {
    await expect(runExperiment(db, parseExperimentSpec({ ...base, experiment_id: "exp1' OR '1'='1" }))).rejects.toMatchObject({ code: 'unknown_experiment' });
    const r = await runExperiment(db, parseExperimentSpec({ ...base, metrics: [{ name: 'm', type: 'mean', conversion_type: "purchase'; DROP TABLE conversions; --" }] }));
    // No conversion has that type, so every user's value is 0.
    expect(r.metrics[0]?.variants.map((v) => v.mean)).toEqual([0, 0]);
    // Both variants constant: no test (null p and CIs, never NaN); control mean 0: no relative lift.
    expect(r.metrics[0]?.variants[1]).toMatchObject({ diff: 0, p_value: null, diff_ci: null, rel_lift: null, rel_lift_ci: null });
    const [row] = await db.all<{ n: number }>('SELECT count(*) AS n FROM conversions');
    expect(row?.n).toBe(11);
  });

  it('explains a control or a split that does not match the assignments', async () => {
    await expect(runExperiment(db, parseExperimentSpec({ ...base, control: 'ctrl' }))).rejects.toMatchObject({
      code: 'unknown_variant',
      path: 'control',
    });
    await expect(runExperiment(db, parseExperimentSpec({ ...base, expected_split: { control: 1, variant_b: 1 } }))).rejects.toThrow(
      /expected_split has variant_b, which no user is assigned to and lacks treatment/,
    );
    await expect(runExperiment(db, parseExperimentSpec({ ...base, experiment_id: 'nope' }))).rejects.toBeInstanceOf(SpecError);
  });
});

describe('prePeriodStats', () => {
  it('averages over every customer, zeros included', async () => {
    const { prePeriodStats } = await import('../../shared/analysis/experiment/pre-period');
    await db.run(`CREATE TABLE customers AS SELECT 'u' || i AS customer_id FROM range(1, 9) t(i)`);
    // Pre-period [05-25, 06-01): u1 4, u3 5, u5 8 (u6's 1000 at 05-24 23:59:59 is outside).
    // Revenue per customer [4,0,5,0,8,0,0,0]: mean 17/8 = 2.125; variance (sum x^2 - 8 mean^2)/7 = (105 - 36.125)/7 = 9.8392857.
    const s = await prePeriodStats(db, { type: 'mean', conversion_type: 'purchase', window_days: 7, as_of: '2026-06-01T00:00:00Z' });
    expect(s.n).toBe(8);
    expect(s.mean).toBeCloseTo(2.125, 12);
    expect(s.variance).toBeCloseTo(68.875 / 7, 12);
    const r = await prePeriodStats(db, { type: 'proportion', conversion_type: 'purchase', window_days: 7, as_of: '2026-06-01T00:00:00Z' });
    expect(r.mean).toBeCloseTo(3 / 8, 12);
  });
});
