import type { ExperimentMetricSpec, ExperimentSpec } from '../../specs/experiment-spec';
import { EMPTY_SQL, ident, joinSql, param, raw, sql, type Sql } from '../sql';

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
export function compileExperimentSums(spec: ExperimentSpec, dimensionColumn?: string): Sql {
  const w = sql`to_microseconds(CAST(${param(Math.round(spec.window_days * 86_400_000_000))} AS BIGINT))`;
  // One placeholder per conversion type, however many metrics and periods read it.
  const types = new Map<string, Sql>();
  const typeRef = (t: string): Sql => {
    let ref = types.get(t);
    if (ref === undefined) {
      ref = param(t);
      types.set(t, ref);
    }
    return ref;
  };
  const during = raw('c.occurred_at >= u.assigned_at');
  const before = raw('c.occurred_at < u.assigned_at');
  const value = (conversionType: string, kind: 'indicator' | 'revenue' | 'count', range: Sql): Sql => {
    const where = sql`c.conversion_type = ${typeRef(conversionType)} AND ${range}`;
    if (kind === 'indicator') return sql`CAST(count(*) FILTER (WHERE ${where}) > 0 AS DOUBLE)`;
    if (kind === 'count') return sql`CAST(count(*) FILTER (WHERE ${where}) AS DOUBLE)`;
    return sql`COALESCE(sum(COALESCE(c.revenue, 0)) FILTER (WHERE ${where}), 0)::DOUBLE`;
  };
  // Column aliases below (y0, cap_y0, c_y0, ...) are generated from the metric's index, never from input.
  const as = (expression: Sql, alias: string): Sql => sql`${expression} AS ${raw(alias)}`;

  const perUser: Sql[] = [];
  const capCols: Sql[] = [];
  const cappedCols: Sql[] = [];
  const sums: Sql[] = [];
  spec.metrics.forEach((m, i) => {
    const withX = hasCovariate(spec, m);
    if (m.type === 'ratio') {
      perUser.push(as(value(m.numerator.conversion_type, m.numerator.value, during), `y${i}`));
      perUser.push(as(value(m.denominator.conversion_type, m.denominator.value, during), `d${i}`));
      if (withX) {
        perUser.push(as(value(m.numerator.conversion_type, m.numerator.value, before), `x${i}`));
        perUser.push(as(value(m.denominator.conversion_type, m.denominator.value, before), `e${i}`));
      }
    } else {
      const kind = m.type === 'proportion' ? 'indicator' : 'revenue';
      perUser.push(as(value(m.conversion_type, kind, during), `y${i}`));
      if (withX) perUser.push(as(value(m.conversion_type, kind, before), `x${i}`));
    }

    const capOf = (col: string): Sql => {
      const cap = m.cap;
      const c = raw(col);
      if (cap === undefined) return c;
      if (cap.type === 'absolute') return sql`least(${c}, ${cap.value})`;
      const filter = cap.ignore_zeros ? sql` FILTER (WHERE ${c} <> 0)` : EMPTY_SQL;
      capCols.push(sql`quantile_cont(${c}, CAST(${cap.value} AS DOUBLE))${filter} AS ${raw(`cap_${col}`)}`);
      return sql`least(${c}, ${raw(`caps.cap_${col}`)})`;
    };
    cappedCols.push(as(capOf(`y${i}`), `cy${i}`));
    if (withX) cappedCols.push(as(capOf(`x${i}`), `cx${i}`));

    const emit = (src: 'c' | 'u'): void => {
      const y = src === 'c' ? `cy${i}` : `y${i}`;
      const x = src === 'c' ? `cx${i}` : `x${i}`;
      const sum = (expression: string, kind: Parameters<typeof sumColumn>[0]) => raw(`sum(${expression}) AS ${sumColumn(kind, src, i)}`);
      sums.push(sum(y, 'y'), sum(`${y} * ${y}`, 'yy'));
      if (withX) sums.push(sum(x, 'x'), sum(`${x} * ${x}`, 'xx'), sum(`${x} * ${y}`, 'xy'));
      if (m.type === 'ratio') sums.push(sum(`d${i}`, 'd'), sum(`d${i} * d${i}`, 'dd'), sum(`${y} * d${i}`, 'yd'));
      if (m.type === 'ratio' && withX) {
        // Denominators are never capped; the pre-period numerator X is capped like X of any metric.
        const e = `e${i}`;
        sums.push(
          sum(e, 'e'),
          sum(`${e} * ${e}`, 'ee'),
          sum(`d${i} * ${e}`, 'de'),
          sum(`${x} * ${e}`, 'xe'),
          sum(`${y} * ${e}`, 'ye'),
          sum(`${x} * d${i}`, 'xd'),
        );
      }
    };
    emit('c');
    if (m.cap !== undefined) emit('u');
  });

  const list = (parts: readonly Sql[]) => joinSql(parts, ', ');
  const lower = spec.cuped ? sql`u.assigned_at - ${w}` : raw('u.assigned_at');
  const dim = dimensionColumn === undefined ? null : ident(dimensionColumn);
  const dimJoin =
    dim === null
      ? EMPTY_SQL
      : sql`\n  LEFT JOIN (SELECT customer_id, min(${dim}) AS dv FROM customers GROUP BY customer_id) AS cu ON cu.customer_id = u.customer_id`;
  const dimColumn = raw(dim === null ? '' : ', cu.dv');
  const tail =
    dim === null
      ? sql`
SELECT 0 AS grp, variant, NULL AS dim_value, count(*) AS n, ${list(sums)}
FROM capped GROUP BY variant`
      : sql`, ranks AS (
  SELECT dv, row_number() OVER (ORDER BY count(*) DESC, dv ASC NULLS LAST) AS rk FROM per_user GROUP BY dv
), bucketed AS (
  SELECT capped.*, least(ranks.rk, ${raw(String(DIMENSION_TOP + 1))}) AS bucket
  FROM capped JOIN ranks ON ranks.dv IS NOT DISTINCT FROM capped.dv
)
SELECT CASE WHEN grouping(bucket) = 1 THEN 0 ELSE bucket END AS grp, variant,
  CASE WHEN grouping(bucket) = 1 OR bucket > ${raw(String(DIMENSION_TOP))} THEN NULL ELSE min(dv) END AS dim_value,
  count(*) AS n, ${list(sums)}
FROM bucketed GROUP BY GROUPING SETS ((variant), (bucket, variant))`;
  return sql`WITH ranked AS (
  SELECT customer_id, variant, assigned_at,
    row_number() OVER (PARTITION BY customer_id ORDER BY assigned_at, variant) AS rk
  FROM experiment_assignments
  WHERE experiment_id = ${spec.experiment_id} AND variant IS NOT NULL AND customer_id IS NOT NULL AND assigned_at IS NOT NULL
), u AS (
  SELECT customer_id, variant, assigned_at FROM ranked WHERE rk = 1
), per_user AS (
  SELECT u.customer_id, u.variant${dimColumn}, ${list(perUser)}
  FROM u LEFT JOIN conversions AS c
    ON c.customer_id = u.customer_id
   AND c.conversion_type IN (${list([...types.values()])})
   AND c.occurred_at >= ${lower}
   AND c.occurred_at < u.assigned_at + ${w}${dimJoin}
  GROUP BY u.customer_id, u.variant, u.assigned_at${dimColumn}
), caps AS (
  SELECT ${capCols.length > 0 ? sql`${list(capCols)} FROM per_user` : raw('1 AS no_cap')}
), capped AS (
  SELECT per_user.*, ${list(cappedCols)} FROM per_user, caps
)${tail}
ORDER BY grp, variant`;
}
