import type { QueryEngine } from '../../engine';
import { queryRows } from '../sql';
import { geoDateRangeSql, geoListSql, registrySql } from './geo-sql';

/**
 * The geo tests of the experiments registry (rows with design = 'geo'), in the shape the geo
 * builder opens: treatment geos as a list and the periods as YYYY-MM-DD pairs. Rows missing
 * any of those are left out rather than guessed.
 */
export interface GeoTestEntry {
  id: string;
  name: string;
  hypothesis: string | null;
  channel: string | null;
  treatment_geos: string[];
  pre_period: [string, string];
  test_period: [string, string];
}

const day = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function geoTestsFromRegistry(rows: readonly Record<string, unknown>[]): GeoTestEntry[] {
  const out: GeoTestEntry[] = [];
  for (const r of rows) {
    if (r.design !== 'geo') continue;
    const geos = (text(r.treatment_geos) ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean);
    const pre = [day(r.pre_period_start), day(r.pre_period_end)];
    const test = [day(r.test_period_start), day(r.test_period_end)];
    if (typeof r.experiment_id !== 'string' || geos.length === 0 || pre.includes(null) || test.includes(null)) continue;
    out.push({
      id: r.experiment_id,
      name: text(r.name) ?? r.experiment_id,
      hypothesis: text(r.hypothesis),
      channel: text(r.channel),
      treatment_geos: geos,
      pre_period: pre as [string, string],
      test_period: test as [string, string],
    });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface GeoOverview {
  geos: { geo_id: string; geo_name: string | null; country: string | null }[];
  first_date: string | null;
  last_date: string | null;
  tests: GeoTestEntry[];
}

/** What the geo builder opens on: the geos, the data's date range and the registry's geo tests. */
export async function geoOverview(db: QueryEngine, withRegistry: boolean): Promise<GeoOverview> {
  const geos = await queryRows<GeoOverview['geos'][number]>(db, geoListSql());
  const [dates] = await queryRows<{ first: string | null; last: string | null }>(db, geoDateRangeSql());
  const registry = withRegistry ? await queryRows(db, registrySql()) : [];
  return { geos, first_date: dates?.first ?? null, last_date: dates?.last ?? null, tests: geoTestsFromRegistry(registry) };
}
