/**
 * What a geo analysis needs from `geo_sales` before any statistics: the metric column checked,
 * the geo lists resolved against the product's geos, and the daily series over the periods.
 * Gaps are refused rather than filled: a calendar day of the pre or test period on which no
 * analysed geo has a row means the extract is incomplete, and reading it as 0 would invent an
 * effect (GeoDataError, exit 3 in the CLI).
 */
import type { QueryEngine } from '../../engine';
import { addDays, daysBetween } from '../../specs/geo-experiment-spec';
import { SpecError } from '../../specs/spec-error';
import { queryRows } from '../sql';
import { geoDailySeriesSql, geoDailySumsSql, geoIdsSql, geoSalesColumnsSql } from './geo-sql';

/** Data the analysis needs is absent (the CLI exits 3, code `missing_data`). */
export class GeoDataError extends Error {
  readonly code = 'missing_data';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'GeoDataError';
  }
}

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?|NUMERIC(\(\d+,\s*\d+\))?|INT\d*)$/i;

/** The metric (or spend metric) must be a numeric column of geo_sales; `date` and `geo_id` are not metrics. */
export async function checkMetricColumn(db: QueryEngine, column: string, path: string): Promise<void> {
  const columns = await queryRows<{ name: string; type: string }>(db, geoSalesColumnsSql());
  if (columns.length === 0)
    throw new GeoDataError('geo_sales is not loaded: pull the geo_sales product (or put geo_sales.parquet in the data folder)', 'geo_sales');
  const found = columns.find((c) => c.name === column);
  const numeric = columns.filter((c) => NUMERIC.test(c.type) && c.name !== 'date' && c.name !== 'geo_id').map((c) => c.name);
  if (!found) {
    throw new SpecError('unknown_column', `${path} "${column}" is not a column of geo_sales; use one of: ${numeric.join(', ')}`, path);
  }
  if (!numeric.includes(column)) {
    throw new SpecError('invalid_spec', `${path} "${column}" is a ${found.type} column; it must be numeric, one of: ${numeric.join(', ')}`, path);
  }
}

/** Every geo id of geo_sales, ascending. */
export async function allGeos(db: QueryEngine): Promise<string[]> {
  return (await queryRows<{ geo_id: string }>(db, geoIdsSql())).map((r) => r.geo_id);
}

/** Refuses ids geo_sales does not hold, naming all of them at the first one's path. */
export function checkKnownGeos(known: ReadonlySet<string>, list: readonly string[], name: string): void {
  const unknown = list.map((g, i) => [g, i] as const).filter(([g]) => !known.has(g));
  const first = unknown[0];
  if (first) {
    throw new SpecError(
      'unknown_geo',
      `${name}[${first[1]}]: geo_sales has no geo ${unknown.map(([g]) => JSON.stringify(g)).join(', ')}`,
      `${name}[${first[1]}]`,
    );
  }
}

/** Treatment and control lists checked against the data; null control = every other geo. */
export async function resolveGeos(
  db: QueryEngine,
  treatment: readonly string[],
  control: readonly string[] | null,
): Promise<{ treatment: string[]; control: string[] }> {
  const geos = await allGeos(db);
  if (geos.length === 0) throw new GeoDataError('geo_sales has no rows: there are no geos to analyse', 'geo_sales');
  const known = new Set(geos);
  checkKnownGeos(known, treatment, 'treatment_geos');
  if (control !== null) checkKnownGeos(known, control, 'control_geos');
  const treated = new Set(treatment);
  const resolved = control === null ? geos.filter((g) => !treated.has(g)) : [...control].sort();
  if (resolved.length === 0) {
    throw new SpecError('invalid_spec', 'control_geos: every geo of geo_sales is treated, so there is no control group', 'control_geos');
  }
  return { treatment: [...treatment].sort(), control: resolved };
}

/** The calendar days of an inclusive period. */
export function periodDays(period: readonly [string, string]): string[] {
  const n = daysBetween(period[0], period[1]) + 1;
  return Array.from({ length: n }, (_, i) => addDays(period[0], i));
}

function refuseGaps(present: ReadonlySet<string>, days: readonly string[], periodName: string): void {
  const missing = days.filter((d) => !present.has(d));
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(', ');
    throw new GeoDataError(
      `geo_sales has no rows for the analysed geos on ${missing.length} day(s) of ${periodName} (${shown}${missing.length > 5 ? ', ...' : ''}); ` +
        'pull a complete extract or choose a period the data covers',
      periodName,
    );
  }
}

export interface DailySums {
  preDates: string[];
  testDates: string[];
  preY: number[];
  preX: number[];
  testY: number[];
  testX: number[];
}

/** y (treatment) and x (control) daily sums over both periods, refusing days without data. */
export async function dailySums(
  db: QueryEngine,
  metric: string,
  treatment: readonly string[],
  control: readonly string[],
  pre: readonly [string, string],
  test: readonly [string, string],
): Promise<DailySums> {
  const rows = await queryRows<{ date: string; y: number; x: number }>(db, geoDailySumsSql(metric, treatment, control, [pre, test]));
  const byDate = new Map(rows.map((r) => [r.date, r]));
  const preDates = periodDays(pre);
  const testDates = periodDays(test);
  refuseGaps(new Set(byDate.keys()), preDates, 'pre_period');
  refuseGaps(new Set(byDate.keys()), testDates, 'test_period');
  const pick = (dates: string[], key: 'x' | 'y'): number[] => dates.map((d) => Number(byDate.get(d)?.[key] ?? 0));
  return { preDates, testDates, preY: pick(preDates, 'y'), preX: pick(preDates, 'x'), testY: pick(testDates, 'y'), testX: pick(testDates, 'x') };
}

/** Per geo, its daily metric over the pre and the test days (a missing geo-day is 0, as in the sums). */
export async function geoSeries(
  db: QueryEngine,
  metric: string,
  geos: readonly string[],
  preDates: readonly string[],
  testDates: readonly string[],
): Promise<Map<string, { pre: number[]; test: number[] }>> {
  const ranges: [string, string][] = [];
  if (preDates.length > 0) ranges.push([preDates[0] as string, preDates[preDates.length - 1] as string]);
  if (testDates.length > 0) ranges.push([testDates[0] as string, testDates[testDates.length - 1] as string]);
  const rows = await queryRows<{ date: string; geo_id: string; value: number }>(db, geoDailySeriesSql(metric, geos, ranges));
  const values = new Map<string, number>(rows.map((r) => [`${r.geo_id}\u0000${r.date}`, Number(r.value)]));
  const out = new Map<string, { pre: number[]; test: number[] }>();
  for (const g of geos) {
    out.set(g, {
      pre: preDates.map((d) => values.get(`${g}\u0000${d}`) ?? 0),
      test: testDates.map((d) => values.get(`${g}\u0000${d}`) ?? 0),
    });
  }
  return out;
}

/** y (treatment) and x (control) daily sums over one period, refusing days without data. */
export async function dailySumsOver(
  db: QueryEngine,
  metric: string,
  treatment: readonly string[],
  control: readonly string[],
  period: readonly [string, string],
  periodName: string,
): Promise<{ dates: string[]; y: number[]; x: number[] }> {
  const rows = await queryRows<{ date: string; y: number; x: number }>(db, geoDailySumsSql(metric, treatment, control, [period]));
  const byDate = new Map(rows.map((r) => [r.date, r]));
  const dates = periodDays(period);
  refuseGaps(new Set(byDate.keys()), dates, periodName);
  return { dates, y: dates.map((d) => Number(byDate.get(d)?.y ?? 0)), x: dates.map((d) => Number(byDate.get(d)?.x ?? 0)) };
}
