import type { QueryEngine } from '../../engine';
import { param, queryRows, raw, sql } from '../sql';
import { toUtcTimestamp } from '../segment/timestamps';

export interface PrePeriodInput {
  type: 'proportion' | 'mean';
  conversion_type: string;
  window_days: number;
  /** The pre-period is [as_of - window_days, as_of). */
  as_of: string;
}

export interface PrePeriodStats {
  n: number;
  mean: number;
  variance: number;
}

/**
 * The metric's per-customer mean and sample variance over every customer in a pre-period window
 * (customers with no conversions count as 0): the inputs of the power / MDE calculator.
 */
export async function prePeriodStats(db: QueryEngine, input: PrePeriodInput): Promise<PrePeriodStats> {
  const asOf = toUtcTimestamp(input.as_of);
  if (asOf === null) throw new RangeError(`as_of must be an ISO-8601 timestamp, not ${input.as_of}`);
  const end = sql`CAST(${param(asOf)} AS TIMESTAMP)`;
  const start = sql`${end} - to_microseconds(CAST(${Math.round(input.window_days * 86_400_000_000)} AS BIGINT))`;
  const value = raw(input.type === 'proportion' ? 'CAST(count(v.customer_id) > 0 AS DOUBLE)' : 'COALESCE(sum(v.revenue), 0)::DOUBLE');
  const [row] = await queryRows<{ n: number; mean: number | null; variance: number | null }>(
    db,
    sql`SELECT count(*) AS n, avg(y) AS mean, var_samp(y) AS variance FROM (
    SELECT c.customer_id, ${value} AS y FROM customers AS c LEFT JOIN conversions AS v
      ON v.customer_id = c.customer_id AND v.conversion_type = ${input.conversion_type}
     AND v.occurred_at >= ${start} AND v.occurred_at < ${end}
    GROUP BY c.customer_id)`,
  );
  return { n: row?.n ?? 0, mean: row?.mean ?? 0, variance: row?.variance ?? 0 };
}
