import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGeoExperiment } from '../../shared/analysis/geo/run-geo-experiment';
import { parseGeoExperimentSpec } from '../../shared/specs/geo-experiment-spec';
import { SpecError } from '../../shared/specs/spec-error';
import { DuckDbEngine } from '../engine/duckdb-engine';
import { DataError } from '../engine/load-products';
import { runGeo } from './geo-analysis';

/*
 * Two data sets in one geo_sales table, told apart by the dates.
 *
 * June (TBR): the hand case of shared/analysis/geo/tbr.test.ts, spread over several geos and rows.
 *   Treatment sums y: 2 4 5 4 5 | 7 9 (pre 06-01..06-05, test 06-06..06-07), split over T1 and T2:
 *   T2 has revenue 1 except a NULL on 06-03 (then T1 carries all of it).
 *   Control sums x: 1 2 3 4 5 | 6 8 split over C1 and C2: C2 has revenue 0.5 except no row at all on 06-02.
 *   Expected: effect 3.2, counterfactual 12.8, 90% interval [-3.1845149540, 9.5845149540].
 *   Spend: control 1..5 | 6 8 and treatment the same in the pre-period but 16 18 in the test:
 *   slope 1, intercept 0, incremental spend 20, iROAS 3.2 / 20 = 0.16.
 *
 * July (synthetic control with a placebo tie): controls A and B, treated S.
 *   Pre 07-01..07-04: A = 10 12 10 12, B = 12 10 12 10, S = 12 12 10 10. Test 07-05..07-06: A = 11 11, B = 10 12, S = 11 11.
 *   S - B = 0.5 (A - B) + r with r = (1, 1, -1, -1) orthogonal to A - B, so the weights are 0.5 / 0.5;
 *   pre RMSPE 1; synthetic test 10.5 11.5, residuals 0.5 -0.5, post RMSPE 0.5: ratio 0.5, effect 0.
 *   Placebo A is fitted from B alone (weight 1): A - B = -2 2 -2 2 | 1 -1, ratio 1 / 2 = 0.5; B from A: also 0.5.
 *   Three ratios of 0.5: ties count against the treated group, rank 3, p = 3 / 3 = 1.
 *   Geo S2 (treated in another spec) is S with test 12.5 9.5: residuals 2 -2, ratio 2, rank 1, p = 1 / 3.
 */
let db: DuckDbEngine;

beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE geo_sales (date DATE, geo_id VARCHAR, geo_name VARCHAR, country VARCHAR, orders BIGINT, revenue DOUBLE, spend DOUBLE)`);
  const y = [2, 4, 5, 4, 5, 7, 9];
  const x = [1, 2, 3, 4, 5, 6, 8];
  const ts = [1, 2, 3, 4, 5, 16, 18];
  const rows: string[] = [];
  y.forEach((v, i) => {
    const day = `DATE '2026-06-01' + ${i}`;
    const t2 = i === 2 ? 'NULL' : '1';
    rows.push(`(${day}, 'T1', 'T one', 'US', 1, ${i === 2 ? v : v - 1}, ${ts[i]})`);
    rows.push(`(${day}, 'T2', 'T two', 'US', 1, ${t2}, 0)`);
    const c2 = i === 1 ? null : 0.5;
    rows.push(`(${day}, 'C1', 'C one', 'US', 1, ${c2 === null ? x[i] : (x[i] as number) - 0.5}, ${x[i]})`);
    if (c2 !== null) rows.push(`(${day}, 'C2', 'C two', 'US', 1, ${c2}, 0)`);
  });
  const a = [10, 12, 10, 12, 11, 11];
  const b = [12, 10, 12, 10, 10, 12];
  const s = [12, 12, 10, 10, 11, 11];
  const s2 = [12, 12, 10, 10, 12.5, 9.5];
  a.forEach((_, i) => {
    const day = `DATE '2026-07-01' + ${i}`;
    rows.push(`(${day}, 'A', 'A', 'GB', 1, ${a[i]}, 1)`, `(${day}, 'B', 'B', 'GB', 1, ${b[i]}, 1)`);
    rows.push(`(${day}, 'S', 'S', 'GB', 1, ${s[i]}, 1)`, `(${day}, 'S2', 'S2', 'GB', 1, ${s2[i]}, 1)`);
  });
  await db.run(`INSERT INTO geo_sales VALUES ${rows.join(', ')}`);
  // July: 'tenth' of B is exactly 0.3 x A's + 0.1, so TBR on it leaves nothing but rounding.
  await db.run(`ALTER TABLE geo_sales ADD COLUMN tenth DOUBLE`);
  await db.run(`UPDATE geo_sales SET tenth = revenue / 10 + (date - DATE '2026-07-01') * 0.7 WHERE geo_id = 'A'`);
  await db.run(`UPDATE geo_sales SET tenth = 0.3 * a.tenth + 0.1 FROM geo_sales a WHERE a.geo_id = 'A' AND a.date = geo_sales.date AND geo_sales.geo_id = 'B'`);
});
afterAll(() => db.close());

const june = {
  kind: 'geo_experiment',
  metric: 'revenue',
  method: 'tbr',
  treatment_geos: ['T1', 'T2'],
  control_geos: ['C1', 'C2'],
  pre_period: ['2026-06-01', '2026-06-05'],
  test_period: ['2026-06-06', '2026-06-07'],
};
const july = {
  kind: 'geo_experiment',
  metric: 'revenue',
  method: 'synthetic_control',
  treatment_geos: ['S'],
  control_geos: ['A', 'B'],
  pre_period: ['2026-07-01', '2026-07-04'],
  test_period: ['2026-07-05', '2026-07-06'],
};

async function errorOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('geo experiment by TBR', () => {
  it('sums the metric over each group per day (NULLs and missing rows add nothing) and reads the effect', async () => {
    const r = await runGeoExperiment(db, parseGeoExperimentSpec({ ...june, spend_metric: 'spend' }));
    expect(r.alpha).toBe(0.1);
    expect(r.pre_daily.map((d) => d.actual)).toEqual([2, 4, 5, 4, 5]);
    expect(r.effect).toBeCloseTo(3.2, 10);
    expect(r.counterfactual).toBeCloseTo(12.8, 10);
    expect(r.rel_lift).toBeCloseTo(0.25, 10);
    expect(r.effect_ci?.[0]).toBeCloseTo(-3.1845149540188293, 8);
    expect(r.effect_ci?.[1]).toBeCloseTo(9.584514954018829, 8);
    expect(r.pre_fit.r2).toBeCloseTo(0.6, 10);
    expect(r.pre_fit.mape).toBeCloseTo(0.188, 10);
    expect(r.incremental_spend).toBeCloseTo(20, 10);
    expect(r.iroas).toBeCloseTo(0.16, 10);
    expect(r.p_value).toBeNull();
    expect(r.weights).toBeNull();
    expect(r.daily.map((d) => d.date)).toEqual(['2026-06-06', '2026-06-07']);
  });

  it('gives no iROAS when the incremental spend is 0, and none without spend_metric', async () => {
    const zero = await runGeoExperiment(
      db,
      parseGeoExperimentSpec({ ...june, pre_period: ['2026-06-01', '2026-06-05'], test_period: ['2026-06-06', '2026-06-06'], spend_metric: 'orders' }),
    );
    expect(zero.incremental_spend).toBe(0);
    expect(zero.iroas).toBeNull();
    expect((await runGeoExperiment(db, parseGeoExperimentSpec(june))).iroas).toBeNull();
    // Spend that follows the control exactly but through a slope of 0.3 leaves only rounding: still no iROAS.
    const rounding = await runGeoExperiment(
      db,
      parseGeoExperimentSpec({ ...july, method: 'tbr', control_geos: ['A'], treatment_geos: ['B'], spend_metric: 'tenth' }),
    );
    expect(Math.abs(rounding.incremental_spend as number)).toBeLessThan(1e-9);
    expect(rounding.iroas).toBeNull();
  });

  it('uses every other geo as control when control_geos is null', async () => {
    const r = await runGeoExperiment(db, parseGeoExperimentSpec({ ...june, control_geos: null }));
    expect(r.control_geos).toEqual(['A', 'B', 'C1', 'C2', 'S', 'S2']);
  });
});

describe('geo experiment by synthetic control', () => {
  it('finds the weights and ranks the treated group among tied placebos (p = 3/3)', async () => {
    const r = await runGeoExperiment(db, parseGeoExperimentSpec(july));
    expect(r.weights?.A).toBeCloseTo(0.5, 10);
    expect(r.weights?.B).toBeCloseTo(0.5, 10);
    expect(r.effect).toBeCloseTo(0, 10);
    expect(r.counterfactual).toBeCloseTo(22, 10);
    expect(r.placebo?.treated_ratio).toBeCloseTo(0.5, 10);
    expect(r.placebo?.ratios.map((p) => p.ratio)).toEqual([0.5, 0.5]);
    expect(r.placebo?.rank).toBe(3);
    expect(r.p_value).toBe(1);
  });

  it('ranks a treated group with the largest ratio first (p = 1/3)', async () => {
    const r = await runGeoExperiment(db, parseGeoExperimentSpec({ ...july, treatment_geos: ['S2'] }));
    expect(r.placebo?.treated_ratio).toBeCloseTo(2, 10);
    expect(r.p_value).toBeCloseTo(1 / 3, 15);
    // S2 - synthetic over the test: (12.5 - 10.5) + (9.5 - 11.5) = 0
    expect(r.effect).toBeCloseTo(0, 10);
  });

  it('has no p-value with a single control geo', async () => {
    const r = await runGeoExperiment(db, parseGeoExperimentSpec({ ...july, control_geos: ['A'] }));
    expect(r.weights).toEqual({ A: 1 });
    expect(r.p_value).toBeNull();
  });
});

describe('geo experiment errors', () => {
  it('names every unknown geo (exit 2)', async () => {
    const e = await errorOf(runGeoExperiment(db, parseGeoExperimentSpec({ ...june, treatment_geos: ['T1', 'XX', 'YY'] })));
    expect(e).toBeInstanceOf(SpecError);
    expect(e).toMatchObject({ code: 'unknown_geo', path: 'treatment_geos[1]' });
    expect((e as Error).message).toContain('"XX", "YY"');
  });

  it('refuses an unknown or non-numeric metric (exit 2)', async () => {
    expect(await errorOf(runGeoExperiment(db, parseGeoExperimentSpec({ ...june, metric: 'profit' })))).toMatchObject({
      code: 'unknown_column',
      path: 'metric',
    });
    expect(await errorOf(runGeoExperiment(db, parseGeoExperimentSpec({ ...june, spend_metric: 'geo_name' })))).toMatchObject({
      code: 'invalid_spec',
      path: 'spend_metric',
    });
  });

  it('refuses days of the periods that have no data (exit 3), naming them', async () => {
    const e = await errorOf(runGeo(db, parseGeoExperimentSpec({ ...june, test_period: ['2026-06-06', '2026-06-09'] })));
    expect(e).toBeInstanceOf(DataError);
    expect(e).toMatchObject({ code: 'missing_data', path: 'test_period' });
    expect((e as Error).message).toContain('2026-06-08, 2026-06-09');
  });

  it('refuses a control list with nothing left (every geo treated)', async () => {
    const all = ['A', 'B', 'C1', 'C2', 'S', 'S2', 'T1', 'T2'];
    expect(await errorOf(runGeoExperiment(db, parseGeoExperimentSpec({ ...june, treatment_geos: all, control_geos: null })))).toMatchObject({
      code: 'invalid_spec',
      path: 'control_geos',
    });
  });
});
