/**
 * Calibrated attribution for runAnalysis: the shared runner, with a geo test's data gaps turned
 * into the engine's DataError (CLI exit 3) as for a geo experiment on its own; and the products
 * it reads: the attribution's, plus geo_sales and experiment_assignments for the tests that need them.
 */
import { GeoDataError } from '../../shared/analysis/geo/geo-inputs';
import { runCalibration } from '../../shared/analysis/calibration/run-calibration';
import type { QueryEngine } from '../../shared/engine';
import type { CalibrationSpec } from '../../shared/specs/calibration-spec';
import { DataError } from '../engine/load-products';
import { geoSalesColumns } from './geo-analysis';

export async function runCalibrated(db: QueryEngine, spec: CalibrationSpec): Promise<unknown> {
  try {
    return await runCalibration(db, spec);
  } catch (error) {
    if (error instanceof GeoDataError) throw new DataError('missing_data', error.message, error.path);
    throw error;
  }
}

/** Product id -> columns, from the pinned column lists of required-products.ts. */
export function calibrationProducts(spec: CalibrationSpec, columns: Record<string, readonly string[]>): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>([
    ['touchpoints', columns.touchpoints ?? []],
    ['conversions', columns.conversions ?? []],
  ]);
  const geo = new Set<string>();
  for (const test of spec.tests) {
    if (test.source === 'geo_experiment') {
      for (const c of geoSalesColumns(test.spec)) geo.add(c);
    } else {
      out.set('experiment_assignments', columns.experiment_assignments ?? []);
      if (test.spec.dimension !== undefined) out.set('customers', columns.customers ?? []);
    }
  }
  if (geo.size > 0) out.set('geo_sales', [...geo]);
  return out;
}
