import type { QueryEngine, Row } from '../../engine';
import { METRIC_IDS, type MetricId } from '../../metrics/metrics';
import { queryRows, type CompiledSql } from '../sql';
import { tableColumns } from '../table-columns';
import {
  breakdownSql,
  gridCountSql,
  gridExportSql,
  gridTotalsSql,
  kpiSql,
  levelColumns,
  optionsSql,
  previousPeriod,
  timeseriesSql,
  toCsv,
  type Filter,
  type Granularity,
  type GridQuery,
} from './dashboard-sql';
import { NEW_CUSTOMER_COLUMNS } from './new-customers-sql';

/**
 * The Campaign Performance 360 dashboard's widgets over a QueryEngine: each compiles its query
 * from dashboard-sql.ts against the loaded extract's columns (metrics fall back where optional
 * columns are absent) and shapes the rows for the IPC contract.
 */
export type MetricValues = Record<MetricId, number | null>;

export function metricValues(row: Row | undefined): MetricValues {
  const out = {} as MetricValues;
  for (const id of METRIC_IDS) {
    const v = row?.[id];
    out[id] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return out;
}

async function columns(db: QueryEngine): Promise<Set<string>> {
  return new Set((await tableColumns(db, 'campaign_performance')).map((c) => c.name));
}

/** Whether Conversions and Touchpoints are loaded with what the new-customer rule reads (else CAC has no value). */
export async function newCustomersAvailable(db: QueryEngine): Promise<boolean> {
  for (const [table, needed] of Object.entries(NEW_CUSTOMER_COLUMNS)) {
    const have = new Set((await tableColumns(db, table)).map((c) => c.name));
    if (!needed.every((c) => have.has(c))) return false;
  }
  return true;
}

function all<T extends Row = Row>(db: QueryEngine, q: CompiledSql): Promise<T[]> {
  return db.all<T>(q.sql, q.params);
}

export async function campaignOptions(db: QueryEngine) {
  const [range] = await queryRows<{ lo: string | null; hi: string | null }>(db, optionsSql.range);
  const channels = await queryRows<{ v: string }>(db, optionsSql.channels);
  const platforms = await queryRows<{ v: string }>(db, optionsSql.platforms);
  const campaigns = await queryRows<{ id: string; name: string }>(db, optionsSql.campaigns);
  return { minDate: range?.lo ?? null, maxDate: range?.hi ?? null, channels: channels.map((r) => r.v), platforms: platforms.map((r) => r.v), campaigns };
}

/** Totals for the filter and for the period of equal length before it. */
export async function campaignKpis(db: QueryEngine, filter: Filter) {
  const cols = await columns(db);
  const previous = previousPeriod(filter);
  const cacAvailable = await newCustomersAvailable(db);
  const [now] = await all(db, kpiSql(filter, cols, METRIC_IDS, cacAvailable));
  const [before] = await all(db, kpiSql(previous, cols, METRIC_IDS, cacAvailable));
  return { current: metricValues(now), previous: metricValues(before), previousFrom: previous.from, previousTo: previous.to, cacAvailable };
}

/** One point per bucket; `partial` marks a bucket the range covers only in part (its `days` of a whole bucket's). */
export async function campaignTimeseries(db: QueryEngine, filter: Filter, metric: MetricId, granularity: Granularity) {
  const rows = await all<Row & { period: string; days: number; full_days: number }>(db, timeseriesSql(filter, metric, granularity, await columns(db)));
  return {
    points: rows.map((r) => ({
      period: r.period,
      value: typeof r[metric] === 'number' ? (r[metric] as number) : null,
      days: r.days,
      partial: r.days < r.full_days,
    })),
  };
}

export async function campaignBreakdown(db: QueryEngine, filter: Filter, dimension: 'channel' | 'platform') {
  const rows = await all<Row & { key: string | null }>(db, breakdownSql(filter, dimension, await columns(db)));
  return { rows: rows.map((r) => ({ key: r.key ?? '(none)', values: metricValues(r) })) };
}

export async function campaignGridCount(db: QueryEngine, q: GridQuery): Promise<number> {
  const [total] = await all<{ n: number }>(db, gridCountSql(q, await columns(db)));
  return total?.n ?? 0;
}

export async function campaignGridTotals(db: QueryEngine, q: GridQuery) {
  const [row] = await all(db, gridTotalsSql(q, await columns(db), await newCustomersAvailable(db)));
  return { values: metricValues(row) };
}

/**
 * Every grid row at this level and filter (the level's keys, then every metric), and last the
 * totals row the grid pins under its rows: the first key column reads `(total)` (as in the other
 * result exports) and its metrics are the engine's totals, ratios of sums like the grid's, not
 * sums of the rows' ratios. CSV and Parquet exports both write exactly these rows.
 */
export async function campaignGridExportRows(db: QueryEngine, q: GridQuery): Promise<{ columns: string[]; rows: Row[]; totals: Row }> {
  const cols = await columns(db);
  const cac = await newCustomersAvailable(db);
  const rows = await all(db, gridExportSql(q, cols, cac));
  const keys = levelColumns(q.level);
  const [totals] = await all(db, gridTotalsSql(q, cols, cac));
  return { columns: [...keys, ...METRIC_IDS], rows, totals: { ...metricValues(totals), [keys[0]!]: '(total)' } };
}

/** The grid export as CSV; `rows` counts the data rows only (not the totals row). */
export async function campaignGridCsv(db: QueryEngine, q: GridQuery): Promise<{ csv: string; rows: number }> {
  const { columns: names, rows, totals } = await campaignGridExportRows(db, q);
  return { csv: toCsv(names, [...rows, totals]), rows: rows.length };
}
