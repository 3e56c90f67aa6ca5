import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { churnCalibration } from '../../shared/analysis/churn/calibration-sql';
import { DuckDbEngine } from '../engine/duckdb-engine';

// 20 customers scored 0.05, 0.10, ..., 1.00; the ones scored above 0.70 (15..20) and c_02 have
// churned. Left out: c_21 (NULL score), c_22 (NULL lifecycle stage), c_23 (not in customers).
let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE customers AS SELECT 'c_' || lpad(CAST(i AS VARCHAR), 2, '0') AS customer_id,
    CASE WHEN i = 22 THEN NULL WHEN i > 14 AND i <= 20 OR i = 2 THEN 'churned' ELSE 'customer' END AS lifecycle_stage FROM range(1, 23) r(i)`);
  await db.run(`CREATE TABLE churn_scores AS SELECT 'c_' || lpad(CAST(i AS VARCHAR), 2, '0') AS customer_id,
    CASE WHEN i = 21 THEN NULL ELSE i * 0.05 END AS churn_probability, TIMESTAMP '2026-10-31' AS scored_at, 'm1' AS model_version FROM range(1, 24) r(i)`);
});
afterAll(() => db.close());

describe('churn calibration by predicted risk decile', () => {
  it('pairs mean predicted risk with observed churn in ten equal groups', async () => {
    const c = await churnCalibration(db);
    expect(c.customers).toBe(20);
    expect(c.model_versions).toEqual(['m1']);
    expect(c.deciles.map((d) => d.customers)).toEqual(new Array(10).fill(2));
    expect(c.deciles[0]).toMatchObject({ decile: 1, observed_rate: 0.5 });
    expect(c.deciles[0]!.mean_predicted).toBeCloseTo(0.075, 12);
    expect(c.deciles.map((d) => d.observed_rate)).toEqual([0.5, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(c.deciles[9]!.mean_predicted).toBeCloseTo(0.975, 12);
    expect(c.deciles[9]!.min_predicted).toBeCloseTo(0.95, 12);
  });

  it('is empty without customers whose outcome is known', async () => {
    const empty = await DuckDbEngine.open();
    await empty.run(`CREATE TABLE customers (customer_id VARCHAR, lifecycle_stage VARCHAR)`);
    await empty.run(`CREATE TABLE churn_scores (customer_id VARCHAR, churn_probability DOUBLE, scored_at TIMESTAMP, model_version VARCHAR)`);
    expect(await churnCalibration(empty)).toEqual({ deciles: [], customers: 0, model_versions: [] });
    empty.close();
  });
});
