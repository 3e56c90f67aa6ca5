import type { ExperimentSpec } from '../../specs/experiment-spec';
import { SqlParams } from '../sql-params';
import type { CompiledSql } from '../segment/compile-segment';

/**
 * One query for an experiment (SPEC section 5). Users without a conversion contribute 0 to every
 * sum, so only users who converted need a per-user row: assignments are INNER JOINed to the
 * conversions in their window (a few percent of users), aggregated per user, then summed per
 * variant; user counts come from the assignments alone. Statistics are derived in TypeScript
 * from these sums (see run-experiment.ts).
 *
 * Columns per variant: `variant`, `n`, and per metric i: `sy{i}`, `syy{i}` (sum of Y and of Y^2)
 * and with CUPED `sx{i}`, `sxx{i}`, `sxy{i}`; sums are NULL where no user of the variant converted.
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
  const sums: string[] = [];
  spec.metrics.forEach((m, i) => {
    const typeMatch = `c.conversion_type = ${typeRef.get(m.conversion_type) as string}`;
    const value = (range: string): string =>
      m.type === 'proportion'
        ? `CAST(count(*) FILTER (WHERE ${typeMatch} AND ${range}) > 0 AS DOUBLE)`
        : `COALESCE(sum(c.revenue) FILTER (WHERE ${typeMatch} AND ${range}), 0)::DOUBLE`;
    perUser.push(`${value(during)} AS y${i}`);
    sums.push(`sum(y${i}) AS sy${i}`, `sum(y${i} * y${i}) AS syy${i}`);
    if (spec.cuped) {
      perUser.push(`${value(before)} AS x${i}`);
      sums.push(`sum(x${i}) AS sx${i}`, `sum(x${i} * x${i}) AS sxx${i}`, `sum(x${i} * y${i}) AS sxy${i}`);
    }
  });
  const lower = spec.cuped ? `u.assigned_at - ${w}` : 'u.assigned_at';
  const sql = `WITH u AS (
  SELECT customer_id, variant, assigned_at FROM experiment_assignments
  WHERE experiment_id = ${experiment} AND variant IS NOT NULL
), converted AS (
  SELECT u.variant, ${perUser.join(', ')}
  FROM u JOIN conversions AS c
    ON c.customer_id = u.customer_id
   AND c.conversion_type IN (${typeParams.join(', ')})
   AND c.occurred_at >= ${lower}
   AND c.occurred_at < u.assigned_at + ${w}
  GROUP BY u.customer_id, u.variant, u.assigned_at
), sums AS (
  SELECT variant, ${sums.join(', ')} FROM converted GROUP BY variant
), users AS (
  SELECT variant, count(*) AS n FROM u GROUP BY variant
)
SELECT users.variant, users.n, sums.* EXCLUDE (variant) FROM users LEFT JOIN sums ON sums.variant = users.variant`;
  return { sql, params: p.values };
}
