import type { ExperimentSpec } from '../../specs/experiment-spec';
import { SqlParams } from '../sql-params';
import type { CompiledSql } from '../segment/compile-segment';

/**
 * One query for an experiment (SPEC section 5): per-user metric values Y (and the pre-period
 * covariate X for CUPED) from one LEFT JOIN of assignments to conversions, then per-variant
 * moments plus a pooled row (GROUPING SETS) for the CUPED theta. Users with no conversions
 * count as 0. Statistics are done in TypeScript on these moments.
 *
 * Columns: `variant`, `pooled` (true for the all-users row), `n`, and per metric i:
 * `my{i}`, `vy{i}` (mean and sample variance of Y) and with CUPED `mx{i}`, `vx{i}`, `cxy{i}`.
 */
export function compileExperiment(spec: ExperimentSpec): CompiledSql {
  const p = new SqlParams();
  const experiment = p.add(spec.experiment_id);
  const windowMicros = Math.round(spec.window_days * 86_400_000_000);
  const w = `to_microseconds(CAST(${p.add(windowMicros)} AS BIGINT))`;
  const types = [...new Set(spec.metrics.map((m) => m.conversion_type))];
  const typeParams = types.map((t) => p.add(t));
  const typeRef = new Map(types.map((t, i) => [t, typeParams[i] as string]));
  const during = 'c.occurred_at >= u.assigned_at';
  const before = 'c.occurred_at < u.assigned_at';

  const perUser: string[] = [];
  const moments: string[] = [];
  spec.metrics.forEach((m, i) => {
    const typeMatch = `c.conversion_type = ${typeRef.get(m.conversion_type) as string}`;
    const value = (range: string): string =>
      m.type === 'proportion'
        ? `CAST(count(*) FILTER (WHERE ${typeMatch} AND ${range}) > 0 AS DOUBLE)`
        : `COALESCE(sum(c.revenue) FILTER (WHERE ${typeMatch} AND ${range}), 0)::DOUBLE`;
    perUser.push(`${value(during)} AS y${i}`);
    moments.push(`avg(y${i}) AS my${i}`, `var_samp(y${i}) AS vy${i}`);
    if (spec.cuped) {
      perUser.push(`${value(before)} AS x${i}`);
      moments.push(`avg(x${i}) AS mx${i}`, `var_samp(x${i}) AS vx${i}`, `covar_samp(x${i}, y${i}) AS cxy${i}`);
    }
  });
  const lower = spec.cuped ? `u.assigned_at - ${w}` : 'u.assigned_at';
  const sql = `WITH u AS (
  SELECT customer_id, variant, assigned_at FROM experiment_assignments
  WHERE experiment_id = ${experiment} AND variant IS NOT NULL
), per_user AS (
  SELECT u.customer_id, u.variant, ${perUser.join(', ')}
  FROM u LEFT JOIN conversions AS c
    ON c.customer_id = u.customer_id
   AND c.conversion_type IN (${typeParams.join(', ')})
   AND c.occurred_at >= ${lower}
   AND c.occurred_at < u.assigned_at + ${w}
  GROUP BY u.customer_id, u.variant, u.assigned_at
)
SELECT variant, GROUPING(variant) = 1 AS pooled, count(*) AS n, ${moments.join(', ')}
FROM per_user GROUP BY GROUPING SETS ((variant), ())`;
  return { sql, params: p.values };
}
