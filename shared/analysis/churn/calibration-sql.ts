import type { QueryEngine } from '../../engine';
import { queryRows, sql } from '../sql';

/**
 * How well the published churn scores match what happened: customers of `churn_scores` whose
 * outcome is known in Customer 360 (a non-NULL lifecycle stage; "churned" is the outcome), cut
 * into ten equal-count groups by predicted risk. A calibrated model has each group's mean
 * predicted probability close to its observed churn rate. NULL scores are left out.
 */
export interface CalibrationRow {
  decile: number;
  customers: number;
  mean_predicted: number;
  observed_rate: number;
  min_predicted: number;
  max_predicted: number;
}

export interface ChurnCalibration {
  deciles: CalibrationRow[];
  customers: number;
  model_versions: string[];
}

export function churnCalibrationSql() {
  return sql`
    WITH scored AS (
      SELECT s.churn_probability AS p, CASE WHEN c.lifecycle_stage = 'churned' THEN 1 ELSE 0 END AS churned
      FROM churn_scores s JOIN customers c ON c.customer_id = s.customer_id
      WHERE s.churn_probability IS NOT NULL AND c.lifecycle_stage IS NOT NULL
    ), ranked AS (
      SELECT p, churned, ntile(10) OVER (ORDER BY p, churned) AS decile FROM scored
    )
    SELECT CAST(decile AS INTEGER) AS decile, CAST(count(*) AS INTEGER) AS customers, avg(p) AS mean_predicted,
      avg(churned)::DOUBLE AS observed_rate, min(p) AS min_predicted, max(p) AS max_predicted
    FROM ranked GROUP BY decile ORDER BY decile`;
}

export function churnModelVersionsSql() {
  return sql`SELECT DISTINCT model_version FROM churn_scores WHERE model_version IS NOT NULL ORDER BY 1`;
}

export async function churnModelVersions(db: QueryEngine): Promise<string[]> {
  return (await queryRows<{ model_version: string }>(db, churnModelVersionsSql())).map((v) => v.model_version);
}

export async function churnCalibration(db: QueryEngine): Promise<ChurnCalibration> {
  const deciles = await queryRows<CalibrationRow & Record<string, unknown>>(db, churnCalibrationSql());
  return {
    deciles: deciles.map((d) => ({ ...d, decile: Number(d.decile), customers: Number(d.customers) })),
    customers: deciles.reduce((s, d) => s + Number(d.customers), 0),
    model_versions: await churnModelVersions(db),
  };
}
