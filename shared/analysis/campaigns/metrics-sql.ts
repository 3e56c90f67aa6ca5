import { z } from 'zod';
import { METRIC_IDS, metricSelectList, type MetricId } from '../../metrics/metrics';
import { ident, joinSql, raw, sql, type CompiledSql, type Sql, inList } from '../sql';

/**
 * The campaign metrics compiler: the governed metric expressions (shared/metrics) over
 * `campaign_performance`. The dashboard's queries (dashboard-sql.ts) and the CLI's
 * `analyze --metrics` both select through `metricsList`, so a metric means one thing everywhere.
 *
 * A metrics query over `campaign_performance`: metrics by dimensions, filtered by a date
 * range and dimension values. Dimensions are a fixed list (or a date truncation); values bind.
 */
export const DIMENSIONS = ['date', 'week', 'month', 'platform', 'channel', 'campaign_id', 'campaign_name', 'ad_set_id', 'ad_id'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const DIMENSION_SQL: Record<Dimension, string> = {
  date: '"date"',
  week: `date_trunc('week', "date")`,
  month: `date_trunc('month', "date")`,
  platform: '"platform"',
  channel: '"channel"',
  campaign_id: '"campaign_id"',
  campaign_name: '"campaign_name"',
  ad_set_id: '"ad_set_id"',
  ad_id: '"ad_id"',
};

/** A real calendar day: `2026-13-01` and `2026-02-30` match the pattern but are refused. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-06-30')
  .refine((v) => {
    const [y, m, d] = v.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(2000, 0, 1));
    date.setUTCFullYear(y, m - 1, d);
    return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'must be a real calendar date like 2026-06-30');

export const metricsQuerySchema = z
  .object({
    metrics: z.array(z.enum(METRIC_IDS)).min(1),
    group_by: z.array(z.enum(DIMENSIONS)).default([]),
    from: isoDate.optional(),
    to: isoDate.optional(),
    filters: z.partialRecord(z.enum(['platform', 'channel', 'campaign_id', 'ad_set_id', 'ad_id']), z.array(z.string()).max(1000)).default({}),
  })
  // Same-shaped ISO dates compare correctly as strings.
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'must not be after to', path: ['from'] });
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

/** The governed metrics' select list (expressions fixed in shared/metrics, never user text). */
export function metricsList(metrics: readonly MetricId[], availableColumns?: ReadonlySet<string>): Sql {
  return raw(metricSelectList(metrics, availableColumns));
}

/** `from`/`to` are inclusive dates; an empty filter list matches nothing. Rows come sorted by the group-by dimensions. */
export function compileMetricsQuery(query: MetricsQuery, availableColumns?: ReadonlySet<string>): CompiledSql {
  const where: Sql[] = [];
  if (query.from) where.push(sql`"date" >= CAST(${query.from} AS DATE)`);
  if (query.to) where.push(sql`"date" <= CAST(${query.to} AS DATE)`);
  for (const [dim, values] of Object.entries(query.filters)) {
    if (!values) continue;
    if (values.length === 0) where.push(raw('FALSE'));
    else where.push(inList(dim, values));
  }
  const dims = query.group_by.map((d) => sql`${raw(DIMENSION_SQL[d])} AS ${ident(d)}`);
  const select = joinSql([...dims, metricsList(query.metrics, availableColumns)], ', ');
  const positions = raw(query.group_by.map((_, i) => i + 1).join(', '));
  const whereSql = where.length > 0 ? sql` WHERE ${joinSql(where, ' AND ')}` : raw('');
  const groupBy = query.group_by.length > 0 ? sql` GROUP BY ${positions} ORDER BY ${positions}` : raw('');
  return sql`SELECT ${select} FROM campaign_performance${whereSql}${groupBy}`.compile();
}
