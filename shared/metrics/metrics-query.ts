import { z } from 'zod';
import type { SqlParam } from '../engine';
import { METRIC_IDS, metricSelectList } from './metrics';

/**
 * A dashboard query over `campaign_performance`: metrics by dimensions, filtered by a date
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

export const metricsQuerySchema = z.object({
  metrics: z.array(z.enum(METRIC_IDS)).min(1),
  group_by: z.array(z.enum(DIMENSIONS)).default([]),
  from: isoDate.optional(),
  to: isoDate.optional(),
  filters: z.partialRecord(z.enum(['platform', 'channel', 'campaign_id', 'ad_set_id', 'ad_id']), z.array(z.string()).max(1000)).default({}),
})
  // Same-shaped ISO dates compare correctly as strings.
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'must not be after to', path: ['from'] });
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

/** `from`/`to` are inclusive dates. Rows come sorted by the group-by dimensions. */
export function compileMetricsQuery(query: MetricsQuery, availableColumns?: ReadonlySet<string>): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = [];
  const bind = (v: SqlParam): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (query.from) where.push(`"date" >= CAST(${bind(query.from)} AS DATE)`);
  if (query.to) where.push(`"date" <= CAST(${bind(query.to)} AS DATE)`);
  for (const [dim, values] of Object.entries(query.filters)) {
    if (!values) continue;
    if (values.length === 0) where.push('FALSE');
    else where.push(`"${dim}" IN (${values.map((v) => bind(v)).join(', ')})`);
  }
  const dims = query.group_by.map((d) => `${DIMENSION_SQL[d]} AS "${d}"`);
  const select = [...dims, metricSelectList(query.metrics, availableColumns)].join(', ');
  const groupBy = query.group_by.length > 0 ? ` GROUP BY ${query.group_by.map((_, i) => i + 1).join(', ')} ORDER BY ${query.group_by.map((_, i) => i + 1).join(', ')}` : '';
  return { sql: `SELECT ${select} FROM campaign_performance${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}${groupBy}`, params };
}
