import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { parseExperimentSpec } from '../../specs/experiment-spec';
import { experimentSums, type SumsGroup } from './experiment-sums';

// e1, window 7 days. Everyone assigned 2026-06-01 00:00 except t2 (first assigned 06-02 00:00 as
// treatment, again on 06-05 as control: the first assignment counts). t4 has only a NULL variant.
// Y window [06-01, 06-08) (t2: [06-02, 06-09)); CUPED X window [05-25, 06-01) (t2: [05-26, 06-02)).
//   c1 control   purchase 10 at 06-01 00:00 (in: at assignment), 5 at 06-08 00:00 (out: at the end);
//                pre 4 at 05-25 00:00 (in: at assigned_at - window)
//   c2 control   nothing
//   c3 control   purchase with NULL revenue at 06-03 (converted, revenue 0) and 20 at 06-04
//   c4 control   a signup at 06-02 (not a purchase); pre purchase 7 at 05-31 23:59:59
//   t1 treatment purchases 30 and 10; pre 8
//   t2 treatment purchase 15 at 06-01 12:00 (before its assignment: pre) and 25 at 06-08 23:00 (in)
//   t3 treatment nothing
//   t5 treatment purchase 1000 at 05-24 23:59:59 (before the pre-window: neither)
// Per user Y (revenue):  control [10, 0, 20, 0], treatment [40, 25, 0, 0]
// Per user X (revenue):  control [4, 0, 0, 7],   treatment [8, 15, 0, 0]
// Purchase counts:       control [1, 0, 2, 0],   treatment [2, 1, 0, 0]
let db: DuckDbEngine;

beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE experiment_assignments (experiment_id VARCHAR, customer_id VARCHAR, variant VARCHAR, assigned_at TIMESTAMP)`);
  await db.run(`INSERT INTO experiment_assignments VALUES
    ('e1', 'c1', 'control', '2026-06-01'), ('e1', 'c2', 'control', '2026-06-01'), ('e1', 'c3', 'control', '2026-06-01'),
    ('e1', 'c4', 'control', '2026-06-01'), ('e1', 't1', 'treatment', '2026-06-01'), ('e1', 't2', 'control', '2026-06-05'),
    ('e1', 't2', 'treatment', '2026-06-02'), ('e1', 't3', 'treatment', '2026-06-01'), ('e1', 't4', NULL, '2026-06-01'),
    ('e1', 't5', 'treatment', '2026-06-01'), ('e2', 'c1', 'b', '2026-06-01'), ('e2', 'c1', 'a', '2026-06-01'),
    ('e2', 'c2', 'b', '2026-06-01'), ('e2', NULL, 'a', '2026-06-01'), ('e2', 'c3', 'a', NULL)`);
  await db.run(`CREATE TABLE conversions (conversion_id VARCHAR, customer_id VARCHAR, occurred_at TIMESTAMP, conversion_type VARCHAR, revenue DOUBLE)`);
  await db.run(`INSERT INTO conversions VALUES
    ('k1', 'c1', '2026-06-01 00:00:00', 'purchase', 10), ('k2', 'c1', '2026-06-08 00:00:00', 'purchase', 5),
    ('k3', 'c1', '2026-05-25 00:00:00', 'purchase', 4), ('k4', 'c3', '2026-06-03 00:00:00', 'purchase', NULL),
    ('k5', 'c3', '2026-06-04 00:00:00', 'purchase', 20), ('k6', 'c4', '2026-06-02 00:00:00', 'signup', 0),
    ('k7', 'c4', '2026-05-31 23:59:59', 'purchase', 7), ('k8', 't1', '2026-06-02 00:00:00', 'purchase', 30),
    ('k9', 't1', '2026-06-03 00:00:00', 'purchase', 10), ('k10', 't1', '2026-05-28 00:00:00', 'purchase', 8),
    ('k11', 't2', '2026-06-01 12:00:00', 'purchase', 15), ('k12', 't2', '2026-06-08 23:00:00', 'purchase', 25),
    ('k13', 't5', '2026-05-24 23:59:59', 'purchase', 1000), ('k14', NULL, '2026-06-02 00:00:00', 'purchase', 99),
    ('k15', 't4', '2026-06-02 00:00:00', 'purchase', 77)`);
  await db.run(`CREATE TABLE customers (customer_id VARCHAR, country VARCHAR)`);
  await db.run(`INSERT INTO customers VALUES ('c1', 'US'), ('c2', 'US'), ('c3', 'DE'), ('c4', NULL), ('t1', 'US'), ('t2', 'DE'), ('t3', 'FR')`);
});
afterAll(() => db.close());

const spec = (extra: Record<string, unknown>, metrics: unknown[]) =>
  parseExperimentSpec({ kind: 'experiment', experiment_id: 'e1', control: 'control', window_days: 7, metrics, ...extra });

const rev = { name: 'rev', type: 'mean', conversion_type: 'purchase' };
const rate = { name: 'rate', type: 'proportion', conversion_type: 'purchase' };
const metric = (g: SumsGroup, variant: string, i = 0) => g.variants.find((v) => v.variant === variant)?.metrics[i];

describe('experimentSums', () => {
  it('counts users once (first assignment), zeros for users without conversions, window edges as SPEC', async () => {
    const s = await experimentSums(db, spec({}, [rate, rev]));
    expect(s.overall.variants.map((v) => [v.variant, v.n])).toEqual([
      ['control', 4],
      ['treatment', 4],
    ]);
    expect(metric(s.overall, 'control', 0)).toEqual({ variant: 'control', n: 4, sum: 2, sum_squares: 2 });
    expect(metric(s.overall, 'treatment', 0)).toEqual({ variant: 'treatment', n: 4, sum: 2, sum_squares: 2 });
    expect(metric(s.overall, 'control', 1)).toEqual({ variant: 'control', n: 4, sum: 30, sum_squares: 500 });
    expect(metric(s.overall, 'treatment', 1)).toEqual({ variant: 'treatment', n: 4, sum: 65, sum_squares: 2225 });
    expect(s.dimensions).toEqual([]);
  });

  it('adds the pre-period covariate with CUPED', async () => {
    const s = await experimentSums(db, spec({ cuped: true }, [rate, rev]));
    // X for rate: control [1,0,0,1], treatment [1,1,0,0]; XY: control c1 1*1; treatment t1 1*1 + t2 1*1.
    expect(metric(s.overall, 'control', 0)).toMatchObject({ pre_sum: 2, pre_sum_squares: 2, sum_product: 1 });
    expect(metric(s.overall, 'treatment', 0)).toMatchObject({ pre_sum: 2, pre_sum_squares: 2, sum_product: 2 });
    expect(metric(s.overall, 'control', 1)).toEqual({ variant: 'control', n: 4, sum: 30, sum_squares: 500, pre_sum: 11, pre_sum_squares: 65, sum_product: 40 });
    expect(metric(s.overall, 'treatment', 1)).toEqual({
      variant: 'treatment',
      n: 4,
      sum: 65,
      sum_squares: 2225,
      pre_sum: 23,
      pre_sum_squares: 289,
      sum_product: 695,
    });
  });

  it('sums a ratio metric: numerator, denominator, their products and with CUPED their pre-period', async () => {
    const aov = {
      name: 'aov',
      type: 'ratio',
      numerator: { conversion_type: 'purchase', value: 'revenue' },
      denominator: { conversion_type: 'purchase', value: 'count' },
    };
    const s = await experimentSums(db, spec({}, [aov]));
    // Purchases D: control [1, 0, 2, 0] (c3's NULL-revenue purchase counts), treatment [2, 1, 0, 0].
    expect(metric(s.overall, 'control')).toEqual({
      variant: 'control',
      n: 4,
      sum: 30,
      sum_squares: 500,
      den_sum: 3,
      den_sum_squares: 5,
      num_den_sum_product: 50,
    });
    expect(metric(s.overall, 'treatment')).toEqual({
      variant: 'treatment',
      n: 4,
      sum: 65,
      sum_squares: 2225,
      den_sum: 3,
      den_sum_squares: 5,
      num_den_sum_product: 105,
    });
    // Pre-period numerator X: control [4, 0, 0, 7], treatment [8, 15, 0, 0]; pre purchases E: [1, 0, 0, 1], [1, 1, 0, 0].
    const c = await experimentSums(db, spec({ cuped: true }, [aov]));
    expect(metric(c.overall, 'control')).toEqual({
      variant: 'control',
      n: 4,
      sum: 30,
      sum_squares: 500,
      den_sum: 3,
      den_sum_squares: 5,
      num_den_sum_product: 50,
      pre_sum: 11,
      pre_sum_squares: 65,
      sum_product: 40,
      pre_den_sum: 2,
      pre_den_sum_squares: 2,
      den_pre_den_sum_product: 1,
      pre_num_pre_den_sum_product: 11,
      num_pre_den_sum_product: 10,
      pre_num_den_sum_product: 4,
    });
    expect(metric(c.overall, 'treatment')).toMatchObject({
      pre_sum: 23,
      pre_sum_squares: 289,
      sum_product: 695,
      pre_den_sum: 2,
      pre_den_sum_squares: 2,
      den_pre_den_sum_product: 3,
      pre_num_pre_den_sum_product: 23,
      num_pre_den_sum_product: 65,
      pre_num_den_sum_product: 31,
    });
    // Numerator a count of purchases, denominator the count of signups (c4 only).
    const per = { ...aov, numerator: { conversion_type: 'purchase', value: 'count' }, denominator: { conversion_type: 'signup', value: 'count' } };
    const t = await experimentSums(db, spec({}, [per]));
    expect(metric(t.overall, 'control')).toEqual({ variant: 'control', n: 4, sum: 3, sum_squares: 5, den_sum: 1, den_sum_squares: 1, num_den_sum_product: 0 });
  });

  it('caps at an absolute value and keeps the uncapped sums beside', async () => {
    const s = await experimentSums(db, spec({ cuped: true }, [{ ...rev, cap: { type: 'absolute', value: 30 } }]));
    // Treatment Y [30, 25, 0, 0]; X [8, 15, 0, 0] is under the cap; XY 8*30 + 15*25 = 615.
    expect(metric(s.overall, 'treatment')).toEqual({
      variant: 'treatment',
      n: 4,
      sum: 55,
      sum_squares: 1525,
      pre_sum: 23,
      pre_sum_squares: 289,
      sum_product: 615,
    });
    expect(s.overall.variants[1]?.uncapped[0]).toEqual({
      variant: 'treatment',
      n: 4,
      sum: 65,
      sum_squares: 2225,
      pre_sum: 23,
      pre_sum_squares: 289,
      sum_product: 695,
    });
    expect(s.overall.variants[0]?.uncapped[0]).toMatchObject({ sum: 30, sum_squares: 500 });
  });

  it('caps at a percentile of all users, zeros included, separately for Y and X', async () => {
    // Y over all 8 users [0,0,0,0,10,20,25,40]: quantile_cont 0.5 = 5 (position 3.5).
    // X [0,0,0,0,4,7,8,15]: 2. Capped control Y [5,0,5,0], X [2,0,0,2]: XY = 2*5 = 10.
    const s = await experimentSums(db, spec({ cuped: true }, [{ ...rev, cap: { type: 'percentile', value: 0.5 } }]));
    expect(metric(s.overall, 'control')).toEqual({ variant: 'control', n: 4, sum: 10, sum_squares: 50, pre_sum: 4, pre_sum_squares: 8, sum_product: 10 });
    expect(metric(s.overall, 'treatment')).toEqual({ variant: 'treatment', n: 4, sum: 10, sum_squares: 50, pre_sum: 4, pre_sum_squares: 8, sum_product: 20 });
  });

  it('caps at a percentile of the non-zero values with ignore_zeros', async () => {
    // Non-zero Y [10,20,25,40]: quantile_cont 0.5 = 22.5. Treatment [22.5, 22.5, 0, 0].
    const s = await experimentSums(db, spec({}, [{ ...rev, cap: { type: 'percentile', value: 0.5, ignore_zeros: true } }]));
    expect(metric(s.overall, 'control')).toEqual({ variant: 'control', n: 4, sum: 30, sum_squares: 500 });
    expect(metric(s.overall, 'treatment')).toEqual({ variant: 'treatment', n: 4, sum: 45, sum_squares: 1012.5 });
    // No non-zero value at all: no cap (the sums are the uncapped ones).
    const none = await experimentSums(db, spec({}, [{ ...rev, conversion_type: 'refund', cap: { type: 'percentile', value: 0.9, ignore_zeros: true } }]));
    expect(metric(none.overall, 'control')).toEqual({ variant: 'control', n: 4, sum: 0, sum_squares: 0 });
  });

  it('repeats the sums per dimension value: largest first, ties by value, NULL and unknown customers as (null)', async () => {
    // US c1 c2 t1 (3); DE c3 t2 (2); NULL c4 and t5 (not in customers) (2); FR t3 (1).
    const s = await experimentSums(db, spec({}, [rev]), 'country');
    expect(s.dimensions.map((d) => [d.value, d.variants.map((v) => `${v.variant}:${v.n}`)])).toEqual([
      ['US', ['control:2', 'treatment:1']],
      ['DE', ['control:1', 'treatment:1']],
      ['(null)', ['control:1', 'treatment:1']],
      ['FR', ['treatment:1']],
    ]);
    expect(metric(s.dimensions[0]!, 'treatment')).toMatchObject({ sum: 40, sum_squares: 1600 });
    expect(metric(s.dimensions[1]!, 'control')).toMatchObject({ sum: 20 });
    expect(s.overall.variants.map((v) => v.n)).toEqual([4, 4]);
  });

  it('pools the values beyond the 20 largest as (other)', async () => {
    await db.run(
      `CREATE TABLE many AS SELECT 'x' || i AS customer_id, CASE WHEN i % 2 = 0 THEN 'control' ELSE 'treatment' END AS variant FROM range(0, 60) t(i)`,
    );
    await db.run(`INSERT INTO experiment_assignments SELECT 'e3', customer_id, variant, TIMESTAMP '2026-06-01' FROM many`);
    // Values: v0 has 20 users, v1..v22 one or two: x20..x59 get v(1 + (i - 20) % 22).
    await db.run(
      `INSERT INTO customers SELECT customer_id, CASE WHEN i < 20 THEN 'v00' ELSE 'v' || lpad(CAST(1 + (i - 20) % 22 AS VARCHAR), 2, '0') END FROM many, range(0, 60) t(i) WHERE customer_id = 'x' || i`,
    );
    const s = await experimentSums(db, parseExperimentSpec({ kind: 'experiment', experiment_id: 'e3', control: 'control', metrics: [rev] }), 'country');
    // v01..v18 have 2 users each (i - 20 in 0..39 covers 1..18 twice, 19..22 once).
    expect(s.dimensions).toHaveLength(21);
    expect(s.dimensions.slice(0, 3).map((d) => d.value)).toEqual(['v00', 'v01', 'v02']);
    expect(s.dimensions[19]?.value).toBe('v19');
    expect(s.dimensions[20]?.value).toBe('(other)');
    expect(s.dimensions[20]?.variants.reduce((a, v) => a + v.n, 0)).toBe(3);
  });

  it('breaks a same-instant double assignment by variant name and ignores NULL ids and times', async () => {
    const s = await experimentSums(db, parseExperimentSpec({ kind: 'experiment', experiment_id: 'e2', control: 'a', metrics: [rate] }));
    expect(s.overall.variants.map((v) => [v.variant, v.n])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });

  it('treats ids and conversion types as data', async () => {
    const s = await experimentSums(db, spec({ experiment_id: "e1' OR '1'='1" }, [rev]));
    expect(s.overall.variants).toEqual([]);
    const t = await experimentSums(db, spec({}, [{ ...rev, conversion_type: "purchase'; DROP TABLE conversions; --" }]));
    expect(t.overall.variants.map((v) => v.metrics[0]?.sum)).toEqual([0, 0]);
    // A column name is quoted: a name that is not a column fails to bind instead of running as SQL.
    await expect(experimentSums(db, spec({}, [rev]), 'country" FROM customers; --')).rejects.toThrow(/not found|Referenced column/);
  });
});
