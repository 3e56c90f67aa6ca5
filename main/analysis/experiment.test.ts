import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experimentSums } from '../../shared/analysis/experiment/experiment-sums';
import { runExperiment, type TreatmentVariantResult } from '../../shared/analysis/experiment/run-experiment';
import { parseExperimentSpec } from '../../shared/specs/experiment-spec';
import { SpecError } from '../../shared/specs/spec-error';
import { applyCorrection, testMetric } from '../../shared/stats/experiment-stats';
import { runAnalyze } from '../cli/analyze-command';
import { DuckDbEngine } from '../engine/duckdb-engine';

// exp1, everyone assigned 2026-06-01 00:00, window 7 days => [06-01 00:00, 06-08 00:00).
// Purchase revenue in the window (Y):
//   control   u1 10 | u2 0 | u3 0 (its 5 lands exactly at 06-08: excluded) | u4 20 (exactly at assignment: included)
//   treatment u5 30+10=40 | u6 0 | u7 20 | u8 0 (its conversion is a signup)
// Pre-period (CUPED X, [05-25, 06-01)): u1 4, u3 5, u5 8, others 0 (u6's 1000 at 05-24 23:59:59 is outside).
// Expected figures below come from an independent numpy/scipy reading of SPEC section 5
// (sample variances n - 1 for means, p(1 - p) for proportions, pooled theta, Welch df, delta method).
//
// g1 (guardrails, three arms, correction), assigned 06-01, revenue on 06-02:
//   control [100, 110, 90, 105, 95, 100], a [50, 60, 40, 55, 45, 50], b [100, 101, 99, 100, 102, 98];
//   refund revenue: control [0, 1, 0, 1, 0, 1], a [5, 6, 4, 5, 7, 3], b none.
let db: DuckDbEngine;
let dir: string;

const G1 = {
  control: [100, 110, 90, 105, 95, 100],
  a: [50, 60, 40, 55, 45, 50],
  b: [100, 101, 99, 100, 102, 98],
};
const REFUND_A = [5, 6, 4, 5, 7, 3];

beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE experiment_assignments (experiment_id VARCHAR, customer_id VARCHAR, variant VARCHAR, assigned_at TIMESTAMP)`);
  await db.run(`INSERT INTO experiment_assignments
    SELECT 'exp1', 'u' || i, CASE WHEN i <= 4 THEN 'control' ELSE 'treatment' END, TIMESTAMP '2026-06-01 00:00:00' FROM range(1, 9) t(i)`);
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
  for (const [variant, values] of Object.entries(G1)) {
    for (const [k, revenue] of values.entries()) {
      const id = `g_${variant}_${k}`;
      await db.run(`INSERT INTO experiment_assignments VALUES ('g1', $1, $2, '2026-06-01')`, [id, variant]);
      await db.run(`INSERT INTO conversions VALUES ($1, $2, '2026-06-02', 'purchase', $3)`, [`${id}_p`, id, revenue]);
      const refund = variant === 'a' ? (REFUND_A[k] as number) : variant === 'control' && k % 2 === 1 ? 1 : 0;
      if (refund > 0) await db.run(`INSERT INTO conversions VALUES ($1, $2, '2026-06-03', 'refund', $3)`, [`${id}_r`, id, refund]);
    }
  }
  // Guards: g_one has one control user; g_flat nobody converts; g_zero a control mean of exactly 0 with spread.
  await db.run(`INSERT INTO experiment_assignments VALUES ('g_one', 'o1', 'control', '2026-06-01'), ('g_one', 'o2', 'treatment', '2026-06-01'),
    ('g_one', 'o3', 'treatment', '2026-06-01'), ('g_flat', 'f1', 'control', '2026-06-01'), ('g_flat', 'f2', 'control', '2026-06-01'),
    ('g_flat', 'f3', 'treatment', '2026-06-01'), ('g_flat', 'f4', 'treatment', '2026-06-01'),
    ('g_zero', 'z1', 'control', '2026-06-01'), ('g_zero', 'z2', 'control', '2026-06-01'), ('g_zero', 'z3', 'control', '2026-06-01'),
    ('g_zero', 'z4', 'treatment', '2026-06-01'), ('g_zero', 'z5', 'treatment', '2026-06-01'), ('g_zero', 'z6', 'treatment', '2026-06-01')`);
  await db.run(`INSERT INTO conversions VALUES ('zc1', 'z1', '2026-06-02', 'purchase', -5), ('zc2', 'z2', '2026-06-02', 'purchase', 5),
    ('zc4', 'z4', '2026-06-02', 'purchase', 1), ('zc5', 'z5', '2026-06-02', 'purchase', 2), ('zc6', 'z6', '2026-06-02', 'purchase', 3),
    ('oc2', 'o2', '2026-06-02', 'purchase', 1), ('oc3', 'o3', '2026-06-02', 'purchase', 2)`);
  await db.run(
    `CREATE TABLE customers AS SELECT 'u' || i AS customer_id, CASE WHEN i IN (1, 2, 5, 6) THEN 'US' ELSE 'DE' END AS country FROM range(1, 9) t(i)`,
  );

  dir = mkdtempSync(join(tmpdir(), 'meshwork-exp-'));
  for (const table of ['experiment_assignments', 'conversions', 'customers']) {
    await db.run(`COPY ${table} TO '${join(dir, `${table}.parquet`).replaceAll("'", "''")}' (FORMAT parquet)`);
  }
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const rate = { name: 'purchase_rate', type: 'proportion', conversion_type: 'purchase' };
const revenue = { name: 'revenue_per_user', type: 'mean', conversion_type: 'purchase' };
const base = { kind: 'experiment', experiment_id: 'exp1', control: 'control', window_days: 7, metrics: [rate, revenue] };
const spec = (extra: Record<string, unknown> = {}) => parseExperimentSpec({ ...base, ...extra });
const treatment = (r: { metrics: { variants: unknown[] }[] }, metric: number, variant = 1) => r.metrics[metric]?.variants[variant] as TreatmentVariantResult;

async function cli(input: unknown, data = dir): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(dir, `spec-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(input));
  let stdout = '';
  let stderr = '';
  const code = await runAnalyze(['--data', data, '--spec', file], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('runExperiment: the SPEC section 5 output', () => {
  it('prints SRM, control first with users and mean only, Welch and the delta-method lift', async () => {
    const r = await runExperiment(db, spec());
    expect(r.kind).toBe('experiment');
    expect(r.experiment_id).toBe('exp1');
    expect(r.srm).toEqual({ p_value: 1, flag: false, counts: { control: 4, treatment: 4 } });
    expect(r.metrics.map((m) => m.name)).toEqual(['purchase_rate', 'revenue_per_user']);
    expect(r.metrics[1]?.variants[0]).toEqual({ variant: 'control', users: 4, mean: 7.5 });
    const t = treatment(r, 1);
    expect(Object.keys(t).sort()).toEqual(['diff', 'diff_ci', 'mean', 'p_value', 'rel_lift', 'rel_lift_ci', 'rel_p_value', 'users', 'variant']);
    expect(t.mean).toBe(15);
    expect(t.diff).toBe(7.5);
    expect(t.p_value).toBeCloseTo(0.5187251719390007, 10);
    expect(t.diff_ci?.[0]).toBeCloseTo(-21.1574310573734, 9);
    expect(t.diff_ci?.[1]).toBeCloseTo(36.1574310573734, 9);
    expect(t.rel_lift).toBe(1);
    expect(t.rel_lift_ci?.[0]).toBeCloseTo(-3.833213548295861, 9);
    expect(t.rel_p_value).toBeCloseTo(0.606526356978883, 10);
    // Rates [1,0,0,1] vs [1,0,1,0]: both 0.5, so diff 0 and p 1.
    expect(r.metrics[0]?.variants[0]).toEqual({ variant: 'control', users: 4, mean: 0.5 });
    expect(treatment(r, 0).diff).toBe(0);
    expect(treatment(r, 0).p_value).toBeCloseTo(1, 12);
  });

  it('applies CUPED (pooled theta) and still reports unadjusted means', async () => {
    const r = await runExperiment(db, spec({ cuped: true }));
    expect(r.metrics[1]?.variants[0]).toEqual({ variant: 'control', users: 4, mean: 7.5 });
    const t = treatment(r, 1);
    expect(t.mean).toBe(15);
    // theta = 2.4500907441; diff = 7.5 - theta * (2.25 - 2) ... = 8.1125226860.
    expect(t.diff).toBeCloseTo(8.11252268602541, 10);
    expect(t.p_value).toBeCloseTo(0.3958732256223045, 10);
    expect(t.diff_ci?.[0]).toBeCloseTo(-13.666641042372847, 9);
    expect(t.rel_lift).toBeCloseTo(1.0816696914700545, 12);
    expect(t.rel_lift_ci?.[1]).toBeCloseTo(5.207228580781735, 9);
    expect(t.rel_p_value).toBeCloseTo(0.5435934525323375, 10);
    // Proportion: Bernoulli moments; X [1,0,1,0] vs [1,0,0,0]; theta 0.2667.
    const p = treatment(r, 0);
    expect(p.mean).toBe(0.5);
    expect(p.diff).toBeCloseTo(0.06666666666666665, 12);
    expect(p.p_value).toBeCloseTo(0.8514913500385205, 10);
    expect(p.rel_lift_ci?.[0]).toBeCloseTo(-1.5437631365932236, 9);
  });

  it('omits the test fields and says why where an arm has one user, no variance or a zero baseline', async () => {
    const one = await runExperiment(db, spec({ experiment_id: 'g_one', metrics: [revenue] }));
    expect(one.metrics[0]?.variants[1]).toEqual({ variant: 'treatment', users: 2, mean: 1.5, error: 'fewer than 2 users in control' });
    const flat = await runExperiment(db, spec({ experiment_id: 'g_flat', metrics: [revenue] }));
    expect(flat.metrics[0]?.variants[1]).toMatchObject({ variant: 'treatment', users: 2, mean: 0, error: expect.stringMatching(/zero variance/) });
    expect(flat.metrics[0]?.variants[1]).not.toHaveProperty('p_value');
    // Control [-5, 5, 0]: mean 0 but variance 25; the absolute test runs, the relative one cannot.
    const zero = await runExperiment(db, spec({ experiment_id: 'g_zero', metrics: [revenue] }));
    const z = treatment(zero, 0);
    expect(z.diff).toBe(2);
    expect(typeof z.p_value).toBe('number');
    expect(z.error).toBeTypeOf('string');
    expect(z).not.toHaveProperty('rel_lift');
    expect(z).not.toHaveProperty('rel_p_value');
    expect(JSON.stringify(zero)).not.toMatch(/null|NaN/);
  });

  it('tests the split against expected_split, counting a designed variant nobody got as 0', async () => {
    // 4 vs 4 against 90/10: chi = 3.2^2/7.2 + 3.2^2/0.8 = 14.2222; p = 1.6244084519e-4 (scipy chi2.sf).
    const r = await runExperiment(db, spec({ expected_split: { control: 0.9, treatment: 0.1 } }));
    expect(r.srm.p_value).toBeCloseTo(1.6244084519e-4, 12);
    expect(r.srm.flag).toBe(true);
    // 4, 4, 0 against thirds: chi = (4/3)^2/(8/3) * 2 + (8/3)^2/(8/3) = 4; df 2: p = exp(-2).
    const m = await runExperiment(db, spec({ expected_split: { control: 1, treatment: 1, variant_b: 1 } }));
    expect(m.srm.counts).toEqual({ control: 4, treatment: 4, variant_b: 0 });
    expect(m.srm.p_value).toBeCloseTo(Math.exp(-2), 12);
    expect(m.metrics[1]?.variants[2]).toEqual({ variant: 'variant_b', users: 0, mean: 0, error: 'fewer than 2 users in variant_b' });
  });

  it('explains a control or a split that does not match the assignments', async () => {
    await expect(runExperiment(db, spec({ control: 'ctrl' }))).rejects.toMatchObject({ code: 'unknown_variant', path: 'control' });
    await expect(runExperiment(db, spec({ expected_split: { control: 1 } }))).rejects.toMatchObject({ code: 'invalid_spec', path: 'expected_split' });
    await expect(runExperiment(db, spec({ experiment_id: 'nope' }))).rejects.toBeInstanceOf(SpecError);
    await expect(runExperiment(db, spec({ experiment_id: "exp1' OR '1'='1" }))).rejects.toMatchObject({ code: 'unknown_experiment' });
  });
});

describe('runExperiment: options', () => {
  const g1 = (metrics: unknown[], extra: Record<string, unknown> = {}) =>
    parseExperimentSpec({ kind: 'experiment', experiment_id: 'g1', control: 'control', window_days: 7, metrics, ...extra });

  it('flags a significant harm on a guardrail, respecting inverse, whatever the goal metric says', async () => {
    const refunds = { name: 'refunds', type: 'mean', conversion_type: 'refund', guardrail: true, inverse: true };
    const r = await runExperiment(db, g1([revenue, { ...revenue, name: 'revenue_guard', guardrail: true }, refunds]));
    // Revenue: a is far lower (p < 1e-6), b is no different; refunds: a raises them (harm for an inverse metric).
    expect(r.metrics[0]?.variants[1]).not.toHaveProperty('guardrail_harm');
    expect(r.metrics[1]?.variants.map((v) => (v as TreatmentVariantResult).guardrail_harm)).toEqual([undefined, true, false]);
    // b has no refunds either: zero variance, no test, no flag.
    expect(r.metrics[2]?.variants.map((v) => (v as TreatmentVariantResult).guardrail_harm)).toEqual([undefined, true, false]);
    // The same drop on a metric where lower is better is no harm.
    const inv = await runExperiment(db, g1([{ ...revenue, guardrail: true, inverse: true }]));
    expect(treatment(inv, 0).guardrail_harm).toBe(false);
    // Bayesian: chance to win below alpha is a harm.
    const bayes = await runExperiment(db, g1([{ ...revenue, guardrail: true }], { engine: 'bayesian' }));
    expect(treatment(bayes, 0).chance_to_win).toBeLessThan(0.05);
    expect(treatment(bayes, 0).guardrail_harm).toBe(true);
  });

  it('corrects over every (metric, variant) pair and decides on the adjusted p-value', async () => {
    const metrics = [revenue, { name: 'refunds', type: 'mean', conversion_type: 'refund' }];
    const plain = await runExperiment(db, g1([revenue]));
    expect(plain.metrics[0]?.variants[1]).not.toHaveProperty('p_value_adjusted');
    const r = await runExperiment(db, g1(metrics, { correction: 'holm' }));
    const tested = r.metrics.flatMap((m) => m.variants.slice(1) as TreatmentVariantResult[]).filter((v) => typeof v.p_value === 'number');
    // revenue a, revenue b, refunds a (refunds b has zero variance in both arms: no p-value).
    expect(tested).toHaveLength(3);
    const sorted = [...tested].sort((x, y) => (x.p_value as number) - (y.p_value as number));
    expect(sorted[0]?.p_value_adjusted).toBeCloseTo(Math.min(1, 3 * (sorted[0]?.p_value as number)), 15);
    expect(sorted[2]?.p_value_adjusted).toBeCloseTo(Math.max(sorted[1]?.p_value_adjusted as number, sorted[2]?.p_value as number), 15);
    for (const v of tested) expect(v.significant).toBe((v.p_value_adjusted as number) <= 0.05);
    const bh = await runExperiment(db, g1(metrics, { correction: 'bh' }));
    const top = bh.metrics[0]?.variants[2] as TreatmentVariantResult;
    // revenue b's p is the largest of three: BH leaves it as it is.
    expect(top.p_value_adjusted).toBeCloseTo(top.p_value as number, 15);
  });

  it('keeps the uncapped result beside a capped metric', async () => {
    const capped = await runExperiment(db, g1([{ ...revenue, cap: { type: 'absolute', value: 100 } }]));
    const uncapped = await runExperiment(db, g1([revenue]));
    // Capped control [100, 100, 90, 100, 95, 100]: mean 97.5.
    expect(capped.metrics[0]?.variants[0]).toEqual({ variant: 'control', users: 6, mean: 97.5 });
    expect(capped.metrics[0]?.uncapped).toEqual({ variants: uncapped.metrics[0]?.variants });
    expect(uncapped.metrics[0]).not.toHaveProperty('uncapped');
  });

  it('tests a ratio metric on sum(num) / sum(den)', async () => {
    const aov = {
      name: 'aov',
      type: 'ratio',
      numerator: { conversion_type: 'purchase', value: 'revenue' },
      denominator: { conversion_type: 'purchase', value: 'count' },
    };
    const r = await runExperiment(db, spec({ metrics: [aov] }));
    // control 30 revenue over 2 purchases, treatment 60 over 3.
    expect(r.metrics[0]?.variants[0]).toEqual({ variant: 'control', users: 4, mean: 15 });
    expect(r.metrics[0]?.variants[1]?.mean).toBe(20);
  });

  it('repeats the result per dimension value', async () => {
    const r = await runExperiment(db, spec({ dimension: 'country', metrics: [revenue] }));
    expect(r.dimension).toBe('country');
    // US: u1 u2 (control), u5 u6 (treatment); DE: u3 u4, u7 u8; ties by users go by value.
    expect(r.dimensions?.map((d) => [d.value, d.srm.counts])).toEqual([
      ['DE', { control: 2, treatment: 2 }],
      ['US', { control: 2, treatment: 2 }],
    ]);
    expect(r.dimensions?.[1]?.metrics[0]?.variants[0]).toEqual({ variant: 'control', users: 2, mean: 5 });
    expect(r.metrics[0]?.variants[0]).toEqual({ variant: 'control', users: 4, mean: 7.5 });
    await expect(runExperiment(db, spec({ dimension: 'shoe_size' }))).rejects.toMatchObject({ code: 'unknown_column', path: 'dimension' });
  });

  it('runs the sequential and Bayesian engines', async () => {
    const seq = treatment(await runExperiment(db, spec({ engine: 'sequential' })), 1);
    const freq = treatment(await runExperiment(db, spec()), 1);
    // Always-valid intervals are wider than the fixed-horizon ones.
    const width = (ci: unknown): number => (ci as [number, number])[1] - (ci as [number, number])[0];
    expect(width(seq.diff_ci)).toBeGreaterThan(width(freq.diff_ci));
    const bayes = treatment(await runExperiment(db, spec({ engine: 'bayesian', prior: { proper: true } })), 1);
    expect(Object.keys(bayes)).toEqual(expect.arrayContaining(['chance_to_win', 'ci', 'risk']));
  });
});

describe('meshwork analyze experiment end to end', () => {
  it.each(['frequentist', 'sequential', 'bayesian'] as const)(
    'prints exactly what the SQL sufficient statistics give through testMetric (%s)',
    async (engine) => {
      const input = {
        ...base,
        cuped: true,
        correction: 'bh',
        engine,
        metrics: [
          rate,
          { ...revenue, cap: { type: 'percentile', value: 0.9 } },
          {
            name: 'aov',
            type: 'ratio',
            numerator: { conversion_type: 'purchase', value: 'revenue' },
            denominator: { conversion_type: 'purchase', value: 'count' },
          },
        ],
      };
      const r = await cli(input);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const printed = JSON.parse(r.stdout) as { metrics: { name: string; variants: unknown[]; uncapped?: unknown }[] };
      const parsed = parseExperimentSpec(input);
      const sums = await experimentSums(db, parsed);
      const tested = parsed.metrics.map((m, i) =>
        testMetric({
          metric: { name: m.name, type: m.type, inverse: m.inverse },
          control: 'control',
          variants: sums.overall.variants.map((v) => v.metrics[i]!),
          alpha: parsed.alpha,
          cuped: true,
          engine,
          sequential_tuning: 5000,
          prior: { mean: 0, variance: 0.09, proper: false },
        }),
      );
      const expected = applyCorrection(tested, 'bh', 0.05);
      expect(printed.metrics.map(({ name, variants }) => ({ name, variants }))).toEqual(expected);
      expect(printed.metrics[1]?.uncapped).toBeDefined();
    },
  );

  it('exits 2 naming an unknown dimension column and 3 when customers is missing', async () => {
    const bad = await cli({ ...base, dimension: 'shoe_size' });
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).error).toMatchObject({ code: 'unknown_column', path: 'dimension', message: expect.stringContaining('shoe_size') });
    const noCustomers = mkdtempSync(join(tmpdir(), 'meshwork-exp-nc-'));
    try {
      for (const table of ['experiment_assignments', 'conversions']) {
        await db.run(`COPY ${table} TO '${join(noCustomers, `${table}.parquet`).replaceAll("'", "''")}' (FORMAT parquet)`);
      }
      const missing = await cli({ ...base, dimension: 'country' }, noCustomers);
      expect(missing.code).toBe(3);
      expect(JSON.parse(missing.stderr).error.code).toBe('missing_data');
      expect((await cli(base, noCustomers)).code).toBe(0);
    } finally {
      rmSync(noCustomers, { recursive: true, force: true });
    }
  });

  it('exits 2 on unknown fields and unbounded numbers', async () => {
    for (const extra of [
      { windows: 7 },
      { sequential_tuning: 0 },
      { prior: { variance: -1 } },
      { metrics: [{ ...revenue, cap: { type: 'percentile', value: 1.5 } }] },
      { metrics: [{ ...rate, cap: { type: 'absolute', value: 1 } }] },
    ]) {
      const r = await cli({ ...base, ...extra });
      expect(r.code, JSON.stringify(extra)).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});

describe('prePeriodStats', () => {
  it('averages over every customer, zeros included', async () => {
    const { prePeriodStats } = await import('../../shared/analysis/experiment/pre-period');
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

describe('experiment sums against a literal reading on generated data', () => {
  /** quantile_cont: linear interpolation between closest ranks (type 7). */
  const quantile = (values: number[], p: number): number | null => {
    if (values.length === 0) return null;
    const s = [...values].sort((a, b) => a - b);
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    return (s[lo] as number) + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] as number) - (s[lo] as number));
  };

  it('gives the same sums per variant and dimension value for caps, ratios and CUPED', async () => {
    const { generateDataset } = await import('../../fixtures/generator/generate');
    const { loadProducts } = await import('../engine/load-products');
    const data = mkdtempSync(join(tmpdir(), 'meshwork-exp-gen-'));
    const gen = await DuckDbEngine.open();
    try {
      await generateDataset({ outDir: data, customers: 2000, seed: 11 });
      await loadProducts(gen, data, { as: 'table', only: ['experiment_assignments', 'conversions', 'customers'] });
      const spec = parseExperimentSpec({
        kind: 'experiment',
        experiment_id: 'exp_subject_lines_q3',
        control: 'control',
        window_days: 14,
        cuped: true,
        dimension: 'lifecycle_stage',
        metrics: [
          { name: 'rev', type: 'mean', conversion_type: 'purchase', cap: { type: 'percentile', value: 0.95 } },
          { name: 'rev_nz', type: 'mean', conversion_type: 'purchase', cap: { type: 'percentile', value: 0.5, ignore_zeros: true } },
          { name: 'rate', type: 'proportion', conversion_type: 'purchase' },
          {
            name: 'per_signup',
            type: 'ratio',
            numerator: { conversion_type: 'purchase', value: 'count' },
            denominator: { conversion_type: 'mql', value: 'count' },
          },
        ],
      });
      const got = await experimentSums(gen, spec, 'lifecycle_stage');
      const assignments = await gen.all<{ id: string; variant: string; a: number }>(
        "SELECT customer_id AS id, variant, epoch_us(assigned_at) AS a FROM experiment_assignments WHERE experiment_id = 'exp_subject_lines_q3'",
      );
      const conv = await gen.all<{ id: string; t: number; type: string; revenue: number | null }>(
        'SELECT customer_id AS id, epoch_us(occurred_at) AS t, conversion_type AS type, revenue FROM conversions',
      );
      const stage = new Map(
        (await gen.all<{ id: string; s: string | null }>('SELECT customer_id AS id, lifecycle_stage AS s FROM customers')).map((r) => [r.id, r.s]),
      );
      const byId = new Map<string, typeof conv>();
      for (const c of conv) byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
      const w = 14 * 86_400_000_000;
      const users = assignments.map((u) => {
        const rows = byId.get(u.id) ?? [];
        const inY = rows.filter((r) => r.t >= u.a && r.t < u.a + w);
        const inX = rows.filter((r) => r.t >= u.a - w && r.t < u.a);
        const rev = (rs: typeof rows) => rs.filter((r) => r.type === 'purchase').reduce((s, r) => s + (r.revenue ?? 0), 0);
        const count = (rs: typeof rows, type: string) => rs.filter((r) => r.type === type).length;
        return {
          variant: u.variant,
          dim: stage.get(u.id) ?? null,
          y: [rev(inY), rev(inY), count(inY, 'purchase') > 0 ? 1 : 0, count(inY, 'purchase')],
          x: [rev(inX), rev(inX), count(inX, 'purchase') > 0 ? 1 : 0, count(inX, 'purchase')],
          d: count(inY, 'mql'),
          e: count(inX, 'mql'),
        };
      });
      const capY = [
        quantile(
          users.map((u) => u.y[0] as number),
          0.95,
        ),
        quantile(
          users.map((u) => u.y[1] as number).filter((v) => v !== 0),
          0.5,
        ),
      ];
      const capX = [
        quantile(
          users.map((u) => u.x[0] as number),
          0.95,
        ),
        quantile(
          users.map((u) => u.x[1] as number).filter((v) => v !== 0),
          0.5,
        ),
      ];
      for (const u of users) {
        for (const k of [0, 1]) {
          if (capY[k] !== null) u.y[k] = Math.min(u.y[k] as number, capY[k] as number);
          if (capX[k] !== null) u.x[k] = Math.min(u.x[k] as number, capX[k] as number);
        }
      }
      const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
      const check = (group: (typeof got)['overall'], members: typeof users) => {
        for (const v of group.variants) {
          const us = members.filter((u) => u.variant === v.variant);
          expect(v.n).toBe(us.length);
          v.metrics.forEach((s, k) => {
            const sum = (f: (u: (typeof users)[number]) => number) => us.reduce((a, u) => a + f(u), 0);
            close(
              s.sum,
              sum((u) => u.y[k] as number),
            );
            close(
              s.sum_squares,
              sum((u) => (u.y[k] as number) ** 2),
            );
            close(
              s.pre_sum as number,
              sum((u) => u.x[k] as number),
            );
            close(
              s.pre_sum_squares as number,
              sum((u) => (u.x[k] as number) ** 2),
            );
            close(
              s.sum_product as number,
              sum((u) => (u.x[k] as number) * (u.y[k] as number)),
            );
            if (k === 3) {
              close(
                s.den_sum as number,
                sum((u) => u.d),
              );
              close(
                s.num_den_sum_product as number,
                sum((u) => (u.y[3] as number) * u.d),
              );
              close(
                s.pre_den_sum as number,
                sum((u) => u.e),
              );
              close(
                s.pre_num_den_sum_product as number,
                sum((u) => (u.x[3] as number) * u.d),
              );
              close(
                s.num_pre_den_sum_product as number,
                sum((u) => (u.y[3] as number) * u.e),
              );
            }
          });
        }
      };
      check(got.overall, users);
      expect(got.overall.variants.map((v) => v.variant)).toEqual(['control', 'variant_a', 'variant_b']);
      expect(got.dimensions.length).toBeGreaterThan(2);
      for (const g of got.dimensions)
        check(
          g,
          users.filter((u) => (u.dim ?? '(null)') === g.value),
        );
      expect(got.dimensions.reduce((a, g) => a + g.variants.reduce((b, v) => b + v.n, 0), 0)).toBe(users.length);
    } finally {
      gen.close();
      rmSync(data, { recursive: true, force: true });
    }
  });
});
