import type { SqlParam } from '../../engine';
import { exportNumber } from '../../format';
import { METRIC_IDS, metricSelectList, type MetricId } from '../../metrics/metrics';

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

class Params {
  readonly values: SqlParam[] = [];
  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function where(filter: Filter, p: Params, extra: Record<string, string | undefined> = {}, search = ''): string {
  const parts = [`"date" >= CAST(${p.add(filter.from)} AS DATE)`, `"date" <= CAST(${p.add(filter.to)} AS DATE)`];
  const inList = (column: string, values: readonly string[]) => {
    if (values.length > 0) parts.push(`"${column}" IN (${values.map((v) => p.add(v)).join(', ')})`);
  };
  inList('channel', filter.channels);
  inList('platform', filter.platforms);
  inList('campaign_id', filter.campaigns);
  for (const [column, value] of Object.entries(extra)) if (value !== undefined) parts.push(`"${column}" = ${p.add(value)}`);
  if (search) parts.push(`(contains(lower("campaign_name"), lower(${p.add(search)})) OR contains(lower("campaign_id"), lower(${p.add(search)})))`);
  return parts.join(' AND ');
}

export function kpiSql(filter: Filter, columns: ReadonlySet<string>, metrics: readonly MetricId[] = METRIC_IDS): { sql: string; params: SqlParam[] } {
  const p = new Params();
  return { sql: `SELECT ${metricSelectList(metrics, columns)} FROM campaign_performance WHERE ${where(filter, p)}`, params: p.values };
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

export function timeseriesSql(filter: Filter, metric: MetricId, granularity: 'date' | 'week' | 'month', columns: ReadonlySet<string>): { sql: string; params: SqlParam[] } {
  const p = new Params();
  const bucket = granularity === 'date' ? '"date"' : `date_trunc('${granularity}', "date")`;
  return {
    sql: `SELECT strftime(${bucket}, '%Y-%m-%d') AS period, ${metricSelectList([metric], columns)} FROM campaign_performance WHERE ${where(filter, p)} GROUP BY 1 ORDER BY 1`,
    params: p.values,
  };
}

export function breakdownSql(filter: Filter, dimension: 'channel' | 'platform', columns: ReadonlySet<string>): { sql: string; params: SqlParam[] } {
  const p = new Params();
  return {
    sql: `SELECT "${dimension}" AS key, ${metricSelectList(METRIC_IDS, columns)} FROM campaign_performance WHERE ${where(filter, p)} GROUP BY 1 ORDER BY "spend" DESC, 1`,
    params: p.values,
  };
}

export interface GridQuery {
  filter: Filter;
  level: Level;
  parent: { campaign_id?: string | undefined; ad_set_id?: string | undefined };
  search: string;
}

function gridBase(q: GridQuery, columns: ReadonlySet<string>, p: Params): string {
  const keys = LEVEL_KEYS[q.level];
  const keyList = keys.map((k) => `"${k}"`).join(', ');
  return `SELECT ${keys.map((k) => (k === 'campaign_name' || k === 'platform' || k === 'channel' ? `any_value("${k}") AS "${k}"` : `"${k}"`)).join(', ')}, ${metricSelectList(METRIC_IDS, columns)}
    FROM campaign_performance WHERE ${where(q.filter, p, q.parent, q.search)}
    GROUP BY ${keys.filter((k) => k !== 'campaign_name' && k !== 'platform' && k !== 'channel').map((k) => `"${k}"`).join(', ') || keyList}`;
}

/** One page, sorted by whitelisted columns (the level's keys or metric ids), then by key for stable paging. */
export function gridPageSql(q: GridQuery, columns: ReadonlySet<string>, sort: readonly { colId: string; sort: 'asc' | 'desc' }[], startRow: number, endRow: number): { sql: string; params: SqlParam[] } {
  const p = new Params();
  const base = gridBase(q, columns, p);
  const sortable = new Set<string>([...LEVEL_KEYS[q.level], ...METRIC_IDS]);
  const order = sort.filter((s) => sortable.has(s.colId)).map((s) => `"${s.colId}" ${s.sort === 'asc' ? 'ASC' : 'DESC'} NULLS LAST`);
  const keys = LEVEL_KEYS[q.level].filter((k) => k.endsWith('_id')).map((k) => `"${k}"`);
  const orderBy = [...(order.length > 0 ? order : ['"spend" DESC NULLS LAST']), ...keys].join(', ');
  const sql = `SELECT * FROM (${base}) ORDER BY ${orderBy} LIMIT ${p.add(Math.max(0, endRow - startRow))} OFFSET ${p.add(startRow)}`;
  return { sql, params: p.values };
}

/** How many rows the grid has at this level and filter. */
export function gridCountSql(q: GridQuery, columns: ReadonlySet<string>): { sql: string; params: SqlParam[] } {
  const p = new Params();
  return { sql: `SELECT count(*) AS n FROM (${gridBase(q, columns, p)})`, params: p.values };
}

export function gridTotalsSql(q: GridQuery, columns: ReadonlySet<string>): { sql: string; params: SqlParam[] } {
  const p = new Params();
  return { sql: `SELECT ${metricSelectList(METRIC_IDS, columns)} FROM campaign_performance WHERE ${where(q.filter, p, q.parent, q.search)}`, params: p.values };
}

export function gridExportSql(q: GridQuery, columns: ReadonlySet<string>): { sql: string; params: SqlParam[] } {
  const p = new Params();
  return { sql: `SELECT * FROM (${gridBase(q, columns, p)}) ORDER BY "spend" DESC NULLS LAST, ${LEVEL_KEYS[q.level].filter((k) => k.endsWith('_id')).map((k) => `"${k}"`).join(', ')}`, params: p.values };
}

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
