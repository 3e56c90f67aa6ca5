import type { BudgetSpec } from '../../specs/budget-spec';
import { ident, sql, type Sql } from '../sql';

/**
 * The planner's two queries over campaign_performance (SPEC section 10). Weeks are ISO weeks
 * (`date_trunc('week', ...)` is Monday-based); rows with a NULL date or channel belong to no
 * week or channel and are left out; a NULL spend or metric counts as 0.
 */
const DATE = ident('date');
const CHANNEL = ident('channel');

/** Spend and `metric` per channel and ISO week (the week's Monday, YYYY-MM-DD). */
export function weeklyChannelSql(spec: Pick<BudgetSpec, 'metric'>): Sql {
  return sql`SELECT ${CHANNEL} AS channel, strftime(CAST(date_trunc('week', ${DATE}) AS DATE), '%Y-%m-%d') AS week,
  COALESCE(sum(CAST(${ident('spend')} AS DOUBLE)), 0) AS spend,
  COALESCE(sum(CAST(${ident(spec.metric)} AS DOUBLE)), 0) AS metric
FROM campaign_performance
WHERE ${DATE} IS NOT NULL AND ${CHANNEL} IS NOT NULL
GROUP BY 1, 2
ORDER BY 1, 2`;
}

/**
 * The data's span: first and last day, and how many distinct days and ISO weeks it covers
 * (equal counts over two or more weeks mean weekly-grain rows, one date per week).
 */
export function dataSpanSql(): Sql {
  return sql`SELECT strftime(min(${DATE}), '%Y-%m-%d') AS first_day, strftime(max(${DATE}), '%Y-%m-%d') AS last_day,
  count(DISTINCT ${DATE}) AS days, count(DISTINCT date_trunc('week', ${DATE})) AS weeks
FROM campaign_performance
WHERE ${DATE} IS NOT NULL AND ${CHANNEL} IS NOT NULL`;
}
