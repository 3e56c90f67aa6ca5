import { exportNumber } from '../../format';
import { METRIC_IDS, type MetricId } from '../../metrics/metrics';
import { metricsList } from './metrics-sql';
import { ident, joinSql, param, raw, sql, type CompiledSql, type Sql } from '../sql';

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
    if (values.length > 0)
      parts.push(
        sql`${ident(column)} IN (${joinSql(
          values.map((v) => sql`${v}`),
          ', ',
        )})`,
      );
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

export function kpiSql(filter: Filter, columns: ReadonlySet<string>, metrics: readonly MetricId[] = METRIC_IDS): CompiledSql {
  return sql`SELECT ${metricsList(metrics, columns)} FROM campaign_performance WHERE ${where(filter)}`.compile();
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

const BUCKET: Record<'date' | 'week' | 'month', Sql> = {
  date: raw('"date"'),
  week: raw(`date_trunc('week', "date")`),
  month: raw(`date_trunc('month', "date")`),
};

export function timeseriesSql(filter: Filter, metric: MetricId, granularity: 'date' | 'week' | 'month', columns: ReadonlySet<string>): CompiledSql {
  return sql`SELECT strftime(${BUCKET[granularity]}, '%Y-%m-%d') AS period, ${metricsList([metric], columns)} FROM campaign_performance WHERE ${where(filter)} GROUP BY 1 ORDER BY 1`.compile();
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

function gridBase(q: GridQuery, columns: ReadonlySet<string>): Sql {
  const keys = LEVEL_KEYS[q.level];
  const select = joinSql(
    keys.map((k) => (DESCRIPTIVE.has(k) ? sql`any_value(${ident(k)}) AS ${ident(k)}` : ident(k))),
    ', ',
  );
  const groupKeys = keys.filter((k) => !DESCRIPTIVE.has(k));
  const groupBy = joinSql((groupKeys.length > 0 ? groupKeys : keys).map(ident), ', ');
  return sql`SELECT ${select}, ${metricsList(METRIC_IDS, columns)}
    FROM campaign_performance WHERE ${where(q.filter, q.parent, q.search)}
    GROUP BY ${groupBy}`;
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
): CompiledSql {
  const sortable = new Set<string>([...LEVEL_KEYS[q.level], ...METRIC_IDS]);
  const order = sort.filter((s) => sortable.has(s.colId)).map((s) => sql`${ident(s.colId)} ${raw(s.sort === 'asc' ? 'ASC' : 'DESC')} NULLS LAST`);
  const orderBy = joinSql([...(order.length > 0 ? order : [raw('"spend" DESC NULLS LAST')]), idOrder(q.level)], ', ');
  return sql`SELECT * FROM (${gridBase(q, columns)}) ORDER BY ${orderBy} LIMIT ${Math.max(0, endRow - startRow)} OFFSET ${startRow}`.compile();
}

/** How many rows the grid has at this level and filter. */
export function gridCountSql(q: GridQuery, columns: ReadonlySet<string>): CompiledSql {
  return sql`SELECT count(*) AS n FROM (${gridBase(q, columns)})`.compile();
}

export function gridTotalsSql(q: GridQuery, columns: ReadonlySet<string>): CompiledSql {
  return sql`SELECT ${metricsList(METRIC_IDS, columns)} FROM campaign_performance WHERE ${where(q.filter, q.parent, q.search)}`.compile();
}

export function gridExportSql(q: GridQuery, columns: ReadonlySet<string>): CompiledSql {
  return sql`SELECT * FROM (${gridBase(q, columns)}) ORDER BY "spend" DESC NULLS LAST, ${idOrder(q.level)}`.compile();
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
