/**
 * Geo analyses (SPEC section 9) and the geo test planner for runAnalysis: the shared runners, with its data gaps turned
 * into the engine's DataError so the CLI exits 3 and the app shows a data problem, not a spec one.
 */
import { GeoDataError } from '../../shared/analysis/geo/geo-inputs';
import { planGeoTest } from '../../shared/analysis/geo/plan-geo-test';
import { runGeoExperiment } from '../../shared/analysis/geo/run-geo-experiment';
import type { QueryEngine } from '../../shared/engine';
import type { GeoExperimentSpec } from '../../shared/specs/geo-experiment-spec';
import type { GeoPlanSpec } from '../../shared/specs/geo-plan-spec';
import { DataError } from '../engine/load-products';

/** geo_sales' pinned numeric columns: an extract lacking one the spec reads is unreadable data (exit 3), any other name an unknown column (exit 2). */
const PINNED_METRICS = new Set(['orders', 'revenue', 'spend']);

/** The geo_sales columns a geo spec reads that SPEC section 9 pins. */
export function geoSalesColumns(spec: { metric: string; spend_metric?: string | null }): string[] {
  const metrics = [spec.metric, spec.spend_metric ?? null].filter((m): m is string => m !== null && PINNED_METRICS.has(m));
  return ['date', 'geo_id', ...new Set(metrics)];
}

async function asDataError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof GeoDataError) throw new DataError('missing_data', error.message, error.path);
    throw error;
  }
}

export function runGeo(db: QueryEngine, spec: GeoExperimentSpec): Promise<unknown> {
  return asDataError(runGeoExperiment(db, spec));
}

export function runGeoPlan(db: QueryEngine, spec: GeoPlanSpec): Promise<unknown> {
  return asDataError(planGeoTest(db, spec));
}
