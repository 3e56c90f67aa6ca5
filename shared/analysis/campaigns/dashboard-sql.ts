import { exportNumber } from '../../format';
import { METRIC_IDS, type MetricId } from '../../metrics/metrics';
import { metricsList } from './metrics-sql';
import { cacFrom, newCustomerCountSql, newCustomersByCampaignSql } from './new-customers-sql';
import { ident, joinSql, param, raw, sql, type CompiledSql, type Sql, inList as sqlInList } from '../sql';

/**
 * Campaign Performance 360 queries behind the dashboard: every number comes from the governed
 * metric definitions (ratio of sums), every value is bound, every identifier is from a fixed list.
 */
export interface Filter {
  from: string;
  to: string;
  channels: readonly string[];
  platforms: readonly string[];
  campaigns: readonly string[];
}

export type Level = 'campaign' | 'ad_set' | 'ad';

const LEVEL_KEYS: Record<Level, string[]> = {
  campaign: ['campaign_id', 'campaign_name', 'platform', 'channel'],
  ad_set: ['campaign_id', 'campaign_name', 'ad_set_id', 'platform', 'channel'],
  ad: ['campaign_id', 'campaign_name', 'ad_set_id', 'ad_id', 'platform', 'channel'],
};

export function levelColumns(level: Level): string[] {
  return LEVEL_KEYS[level];
}

function where(filter: Filter, extra: Record<string, string | undefined> = {}, search = ''): Sql {
  const parts = [sql`"date" >= CAST(${filter.from} AS DATE)`, sql`"date" <= CAST(${filter.to} AS DATE)`];
  const inList = (column: string, values: readonly string[]) => {
    if (values.length > 0) parts.push(sqlInList(column, values));
  };
  inList('channel', filter.channels);
  inList('platform', filter.platforms);
  inList('campaign_id', filter.campaigns);
  for (const [column, value] of Object.entries(extra)) if (value !== undefined) parts.push(sql`${ident(column)} = ${value}`);
  if (search) {
    const term = param(search);
    parts.push(sql`(contains(lower("campaign_name"), lower(${term})) OR contains(lower("campaign_id"), lower(${term})))`);
  }
  return joinSql(parts, ' AND ');
}

/**
 * The KPI totals. With `newCustomers` (Conversions and Touchpoints loaded) CAC is spend over the
 * range's new customers in the filter's campaigns (new-customers-sql.ts); without, it has no value.
 */
export function kpiSql(filter: Filter, columns: ReadonlySet<string>, metrics: readonly MetricId[] = METRIC_IDS, newCustomers = false): CompiledSql {
  const base = sql`SELECT ${metricsList(metrics, columns)} FROM campaign_performance WHERE ${where(filter)}`;
  if (!newCustomers || !metrics.includes('cac')) return base.compile();
  return sql`SELECT * REPLACE (${cacFrom(newCustomerCountSql(filter, filter))}) FROM (${base})`.compile();
}

/** The period of equal length ending the day before `from`. */
export function previousPeriod(filter: Filter): Filter {
  const day = 86_400_000;
  const from = Date.parse(`${filter.from}T00:00:00Z`);
  const to = Date.parse(`${filter.to}T00:00:00Z`);
  const length = Math.round((to - from) / day) + 1;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { ...filter, from: iso(from - length * day), to: iso(from - day) };
}

export type Granularity = 'date' | 'week' | 'month';

/**
 * Where each trend bucket starts. Weeks are counted from the range's first day, not the
 * calendar's Monday: a calendar week would start before the range and hold only the days inside
 * it, so the first and last weeks were drawn as dips. Months start on the 1st, or on the range's
 * first day for the month it starts in.
 */
function bucketStart(granularity: Granularity, from: string): Sql {
  const start = sql`CAST(${from} AS DATE)`;
  if (granularity === 'week') return sql`(${start} + CAST(7 * (date_diff('day', ${start}, "date") // 7) AS INTEGER))`;
  if (granularity === 'month') return sql`greatest(CAST(date_trunc('month', "date") AS DATE), ${start})`;
  return raw('"date"');
}

/** The bucket's last calendar day and how many days a whole bucket has. */
const BUCKET_END: Record<Granularity, { end: Sql; full: Sql }> = {
  date: { end: raw('bucket'), full: raw('1') },
  week: { end: raw('bucket + 6'), full: raw('7') },
  month: { end: raw('last_day(bucket)'), full: raw('day(last_day(bucket))') },
};

/**
 * One metric per bucket, with `days` (the bucket's days inside the range) and `full_days` (a
 * whole bucket's), so a partial bucket (the last week of a 10-day range) can be shown as partial
 * rather than as a fall.
 */
export function timeseriesSql(filter: Filter, metric: MetricId, granularity: Granularity, columns: ReadonlySet<string>): CompiledSql {
  const { end, full } = BUCKET_END[granularity];
  return sql`SELECT strftime(bucket, '%Y-%m-%d') AS period,
      CAST(date_diff('day', bucket, least(${end}, CAST(${filter.to} AS DATE))) + 1 AS INTEGER) AS days,
      CAST(${full} AS INTEGER) AS full_days, ${ident(metric)}
    FROM (SELECT CAST(${bucketStart(granularity, filter.from)} AS DATE) AS bucket, ${metricsList([metric], columns)}
      FROM campaign_performance WHERE ${where(filter)} GROUP BY 1)
    ORDER BY 1`.compile();
}

export function breakdownSql(filter: Filter, dimension: 'channel' | 'platform', columns: ReadonlySet<string>): CompiledSql {
  return sql`SELECT ${ident(dimension)} AS key, ${metricsList(METRIC_IDS, columns)} FROM campaign_performance WHERE ${where(filter)} GROUP BY 1 ORDER BY "spend" DESC, 1`.compile();
}

export interface GridQuery {
  filter: Filter;
  level: Level;
  parent: { campaign_id?: string | undefined; ad_set_id?: string | undefined };
  search: string;
}

/** Descriptive columns taken with any_value (one value per id); the others are the grouping keys. */
const DESCRIPTIVE = new Set(['campaign_name', 'platform', 'channel']);

/**
 * One row per campaign, ad set or ad. With `newCustomers`, campaign rows get CAC over the new
 * customers credited to that campaign; ad set and ad rows keep none (customers are credited to a
 * campaign, not to an ad).
 */
function gridBase(q: GridQuery, columns: ReadonlySet<string>, newCustomers = false): Sql {
  const keys = LEVEL_KEYS[q.level];
  const select = joinSql(
    keys.map((k) => (DESCRIPTIVE.has(k) ? sql`any_value(${ident(k)}) AS ${ident(k)}` : ident(k))),
    ', ',
  );
  const groupKeys = keys.filter((k) => !DESCRIPTIVE.has(k));
  const groupBy = joinSql((groupKeys.length > 0 ? groupKeys : keys).map(ident), ', ');
  const rows = sql`SELECT ${select}, ${metricsList(METRIC_IDS, columns)}
    FROM campaign_performance WHERE ${where(q.filter, q.parent, q.search)}
    GROUP BY ${groupBy}`;
  if (!newCustomers || q.level !== 'campaign') return rows;
  return sql`SELECT g.* REPLACE (${cacFrom(raw('COALESCE(n.new_customers, 0)'))})
    FROM (${rows}) g LEFT JOIN (${newCustomersByCampaignSql(q.filter)}) n ON n.campaign_id = g.campaign_id`;
}

/** The level's id columns: the tie-breaker that makes paging stable. */
function idOrder(level: Level): Sql {
  return joinSql(LEVEL_KEYS[level].filter((k) => k.endsWith('_id')).map(ident), ', ');
}

/** One page, sorted by whitelisted columns (the level's keys or metric ids), then by key for stable paging. */
export function gridPageSql(
  q: GridQuery,
  columns: ReadonlySet<string>,
  sort: readonly { colId: string; sort: 'asc' | 'desc' }[],
  startRow: number,
  endRow: number,
  newCustomers = false,
): CompiledSql {
  const sortable = new Set<string>([...LEVEL_KEYS[q.level], ...METRIC_IDS]);
  const order = sort.filter((s) => sortable.has(s.colId)).map((s) => sql`${ident(s.colId)} ${raw(s.sort === 'asc' ? 'ASC' : 'DESC')} NULLS LAST`);
  const orderBy = joinSql([...(order.length > 0 ? order : [raw('"spend" DESC NULLS LAST')]), idOrder(q.level)], ', ');
  return sql`SELECT * FROM (${gridBase(q, columns, newCustomers)}) ORDER BY ${orderBy} LIMIT ${Math.max(0, endRow - startRow)} OFFSET ${startRow}`.compile();
}

/** How many rows the grid has at this level and filter. */
export function gridCountSql(q: GridQuery, columns: ReadonlySet<string>): CompiledSql {
  return sql`SELECT count(*) AS n FROM (${gridBase(q, columns)})`.compile();
}

/** The grid's totals row; its CAC counts the new customers of every campaign the grid's filter, drill and search keep. */
export function gridTotalsSql(q: GridQuery, columns: ReadonlySet<string>, newCustomers = false): CompiledSql {
  const base = sql`SELECT ${metricsList(METRIC_IDS, columns)} FROM campaign_performance WHERE ${where(q.filter, q.parent, q.search)}`;
  if (!newCustomers) return base.compile();
  const scope = { ...q.filter, campaignId: q.parent.campaign_id, search: q.search };
  return sql`SELECT * REPLACE (${cacFrom(newCustomerCountSql(q.filter, scope))}) FROM (${base})`.compile();
}

export function gridExportSql(q: GridQuery, columns: ReadonlySet<string>, newCustomers = false): CompiledSql {
  return sql`SELECT * FROM (${gridBase(q, columns, newCustomers)}) ORDER BY "spend" DESC NULLS LAST, ${idOrder(q.level)}`.compile();
}

/** The extract's date range and filter choices, for the dashboard's pickers. */
export const optionsSql = {
  range: sql`SELECT strftime(min("date"), '%Y-%m-%d') AS lo, strftime(max("date"), '%Y-%m-%d') AS hi FROM campaign_performance`,
  channels: sql`SELECT DISTINCT channel AS v FROM campaign_performance WHERE channel IS NOT NULL ORDER BY 1`,
  platforms: sql`SELECT DISTINCT platform AS v FROM campaign_performance WHERE platform IS NOT NULL ORDER BY 1`,
  campaigns: sql`SELECT campaign_id AS id, any_value(campaign_name) AS name FROM campaign_performance WHERE campaign_id IS NOT NULL GROUP BY 1 ORDER BY 2, 1`,
};

/** RFC 4180 CSV; cells that could start a spreadsheet formula are prefixed with a quote. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    let s = typeof v === 'number' ? exportNumber(v) : String(v);
    if (/^[=+\-@\t\r]/.test(s) && typeof v !== 'number') s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
