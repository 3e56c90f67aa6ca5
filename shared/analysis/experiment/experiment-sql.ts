import type { ExperimentMetricSpec, ExperimentSpec } from '../../specs/experiment-spec';
import type { CompiledSql } from '../segment/compile-segment';
import { quoteIdent, SqlParams } from '../sql-params';

/** How many values of a `dimension` get their own result; the rest are pooled as `(other)`. */
export const DIMENSION_TOP = 20;

/**
 * Column names of the sums query, per metric index `i`. `y` is the metric value Y (ratio: the
 * numerator), `x` the CUPED covariate X (the same value over the pre-period), `d` a ratio's
 * denominator and `e` its pre-period denominator. `src` is `c` for the values as analysed (capped where the metric has a cap) and
 * `u` for the uncapped values (only present for capped metrics).
 */
export const sumColumn = (
  kind: 'y' | 'yy' | 'x' | 'xx' | 'xy' | 'd' | 'dd' | 'yd' | 'e' | 'ee' | 'de' | 'xe' | 'ye' | 'xd',
  src: 'c' | 'u',
  i: number,
): string => `${src}_${kind}${i}`;

/**
 * Whether the metric's pre-period covariate is computed: with CUPED, X for every metric and, for
 * a ratio metric, also the pre-period denominator E (gbstats' RegressionAdjustedRatioStatistic).
 */
export const hasCovariate = (spec: ExperimentSpec, _m: ExperimentMetricSpec): boolean => spec.cuped;

/**
 * One query for an experiment's sufficient statistics (docs/spec.md section 5), per variant and,
 * with a dimension, per (dimension bucket, variant):
 *
 * 1. `ranked` / `u`: the experiment's users, one row per customer. Rows with a NULL variant,
 *    customer_id or assigned_at are ignored; a customer assigned more than once keeps the first
 *    assignment (earliest assigned_at; a tie goes to the alphabetically first variant), since
 *    anything they did after that first exposure may already be its effect.
 * 2. `per_user`: every user with each metric's Y (and X, and a ratio's denominator D) from their
 *    conversions with assigned_at <= occurred_at < assigned_at + window (X: the window before
 *    assigned_at). A user without conversions gets 0 (LEFT JOIN) and counts in n. NULL revenue
 *    counts as 0.
 * 3. `caps`: one row of caps per capped metric: the absolute value, or quantile_cont over ALL
 *    users of the experiment (every variant, every dimension value), separately for Y and X,
 *    only over non-zero values with `ignore_zeros`. `capped`: Y and X become least(value, cap)
 *    (DuckDB's least ignores a NULL cap, which is what a percentile of no values gives).
 * 4. Sums per variant (`grp` = 0) and per dimension bucket (`grp` = rank 1..20 of the value by
 *    users, ties by ascending value, NULL ranked as a value of its own; 21 = the rest).
 */
export function compileExperimentSums(spec: ExperimentSpec, dimensionColumn?: string): CompiledSql {
  const p = new SqlParams();
  const experiment = p.add(spec.experiment_id);
  const w = `to_microseconds(CAST(${p.add(Math.round(spec.window_days * 86_400_000_000))} AS BIGINT))`;
  const types = new Map<string, string>();
  const typeRef = (t: string): string => {
    let ref = types.get(t);
    if (ref === undefined) {
      ref = p.add(t);
      types.set(t, ref);
    }
    return ref;
  };
  const during = 'c.occurred_at >= u.assigned_at';
  const before = 'c.occurred_at < u.assigned_at';
  const value = (conversionType: string, kind: 'indicator' | 'revenue' | 'count', range: string): string => {
    const where = `c.conversion_type = ${typeRef(conversionType)} AND ${range}`;
    if (kind === 'indicator') return `CAST(count(*) FILTER (WHERE ${where}) > 0 AS DOUBLE)`;
    if (kind === 'count') return `CAST(count(*) FILTER (WHERE ${where}) AS DOUBLE)`;
    return `COALESCE(sum(COALESCE(c.revenue, 0)) FILTER (WHERE ${where}), 0)::DOUBLE`;
  };

  const perUser: string[] = [];
  const capCols: string[] = [];
  const cappedCols: string[] = [];
  const sums: string[] = [];
  spec.metrics.forEach((m, i) => {
    const withX = hasCovariate(spec, m);
    if (m.type === 'ratio') {
      perUser.push(`${value(m.numerator.conversion_type, m.numerator.value, during)} AS y${i}`);
      perUser.push(`${value(m.denominator.conversion_type, m.denominator.value, during)} AS d${i}`);
      if (withX) {
        perUser.push(`${value(m.numerator.conversion_type, m.numerator.value, before)} AS x${i}`);
        perUser.push(`${value(m.denominator.conversion_type, m.denominator.value, before)} AS e${i}`);
      }
    } else {
      const kind = m.type === 'proportion' ? 'indicator' : 'revenue';
      perUser.push(`${value(m.conversion_type, kind, during)} AS y${i}`);
      if (withX) perUser.push(`${value(m.conversion_type, kind, before)} AS x${i}`);
    }

    const capOf = (col: string): string => {
      const cap = m.cap;
      if (cap === undefined) return col;
      if (cap.type === 'absolute') return `least(${col}, ${p.add(cap.value)})`;
      const filter = cap.ignore_zeros ? ` FILTER (WHERE ${col} <> 0)` : '';
      capCols.push(`quantile_cont(${col}, CAST(${p.add(cap.value)} AS DOUBLE))${filter} AS cap_${col}`);
      return `least(${col}, caps.cap_${col})`;
    };
    cappedCols.push(`${capOf(`y${i}`)} AS cy${i}`);
    if (withX) cappedCols.push(`${capOf(`x${i}`)} AS cx${i}`);

    const emit = (src: 'c' | 'u'): void => {
      const y = src === 'c' ? `cy${i}` : `y${i}`;
      const x = src === 'c' ? `cx${i}` : `x${i}`;
      sums.push(`sum(${y}) AS ${sumColumn('y', src, i)}`, `sum(${y} * ${y}) AS ${sumColumn('yy', src, i)}`);
      if (withX)
        sums.push(`sum(${x}) AS ${sumColumn('x', src, i)}`, `sum(${x} * ${x}) AS ${sumColumn('xx', src, i)}`, `sum(${x} * ${y}) AS ${sumColumn('xy', src, i)}`);
      if (m.type === 'ratio')
        sums.push(
          `sum(d${i}) AS ${sumColumn('d', src, i)}`,
          `sum(d${i} * d${i}) AS ${sumColumn('dd', src, i)}`,
          `sum(${y} * d${i}) AS ${sumColumn('yd', src, i)}`,
        );
      if (m.type === 'ratio' && withX) {
        // Denominators are never capped; the pre-period numerator X is capped like X of any metric.
        const e = `e${i}`;
        sums.push(
          `sum(${e}) AS ${sumColumn('e', src, i)}`,
          `sum(${e} * ${e}) AS ${sumColumn('ee', src, i)}`,
          `sum(d${i} * ${e}) AS ${sumColumn('de', src, i)}`,
          `sum(${x} * ${e}) AS ${sumColumn('xe', src, i)}`,
          `sum(${y} * ${e}) AS ${sumColumn('ye', src, i)}`,
          `sum(${x} * d${i}) AS ${sumColumn('xd', src, i)}`,
        );
      }
    };
    emit('c');
    if (m.cap !== undefined) emit('u');
  });

  const typeList = [...types.values()].join(', ');
  const lower = spec.cuped ? `u.assigned_at - ${w}` : 'u.assigned_at';
  const dim = dimensionColumn === undefined ? null : quoteIdent(dimensionColumn);
  const dimJoin =
    dim === null ? '' : `\n  LEFT JOIN (SELECT customer_id, min(${dim}) AS dv FROM customers GROUP BY customer_id) AS cu ON cu.customer_id = u.customer_id`;
  const sql = `WITH ranked AS (
  SELECT customer_id, variant, assigned_at,
    row_number() OVER (PARTITION BY customer_id ORDER BY assigned_at, variant) AS rk
  FROM experiment_assignments
  WHERE experiment_id = ${experiment} AND variant IS NOT NULL AND customer_id IS NOT NULL AND assigned_at IS NOT NULL
), u AS (
  SELECT customer_id, variant, assigned_at FROM ranked WHERE rk = 1
), per_user AS (
  SELECT u.customer_id, u.variant${dim === null ? '' : ', cu.dv'}, ${perUser.join(', ')}
  FROM u LEFT JOIN conversions AS c
    ON c.customer_id = u.customer_id
   AND c.conversion_type IN (${typeList})
   AND c.occurred_at >= ${lower}
   AND c.occurred_at < u.assigned_at + ${w}${dimJoin}
  GROUP BY u.customer_id, u.variant, u.assigned_at${dim === null ? '' : ', cu.dv'}
), caps AS (
  SELECT ${capCols.length > 0 ? `${capCols.join(', ')} FROM per_user` : '1 AS no_cap'}
), capped AS (
  SELECT per_user.*, ${cappedCols.join(', ')} FROM per_user, caps
)${
    dim === null
      ? `
SELECT 0 AS grp, variant, NULL AS dim_value, count(*) AS n, ${sums.join(', ')}
FROM capped GROUP BY variant`
      : `, ranks AS (
  SELECT dv, row_number() OVER (ORDER BY count(*) DESC, dv ASC NULLS LAST) AS rk FROM per_user GROUP BY dv
), bucketed AS (
  SELECT capped.*, least(ranks.rk, ${DIMENSION_TOP + 1}) AS bucket
  FROM capped JOIN ranks ON ranks.dv IS NOT DISTINCT FROM capped.dv
)
SELECT CASE WHEN grouping(bucket) = 1 THEN 0 ELSE bucket END AS grp, variant,
  CASE WHEN grouping(bucket) = 1 OR bucket > ${DIMENSION_TOP} THEN NULL ELSE min(dv) END AS dim_value,
  count(*) AS n, ${sums.join(', ')}
FROM bucketed GROUP BY GROUPING SETS ((variant), (bucket, variant))`
  }
ORDER BY grp, variant`;
  return { sql, params: p.values };
}
