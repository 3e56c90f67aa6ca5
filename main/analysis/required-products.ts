import type { AnalysisSpec } from '../../shared/specs/index';
import { segmentProducts } from '../../shared/analysis/segment/compile-segment';
import { calibrationProducts } from './calibration-analysis';
import { geoSalesColumns } from './geo-analysis';

/** The pinned columns (SPEC section 1) each analysis reads, per product it needs. */
const COLUMNS: Record<string, readonly string[]> = {
  customers: ['customer_id'],
  touchpoints: ['touchpoint_id', 'customer_id', 'occurred_at', 'channel', 'interaction'],
  conversions: ['conversion_id', 'customer_id', 'occurred_at', 'conversion_type', 'revenue'],
  events: ['customer_id', 'occurred_at', 'event_name'],
  experiment_assignments: ['experiment_id', 'customer_id', 'variant', 'assigned_at'],
};

/** Product id -> the columns the spec's analysis reads from it. */
export function requiredProducts(spec: AnalysisSpec): Map<string, readonly string[]> {
  if (spec.kind === 'budget') return new Map([['campaign_performance', ['date', 'channel', 'spend', spec.metric]]]);
  if (spec.kind === 'geo_experiment' || spec.kind === 'geo_plan') return new Map([['geo_sales', geoSalesColumns(spec)]]);
  if (spec.kind === 'calibrated_attribution') return calibrationProducts(spec, COLUMNS);
  const ids =
    spec.kind === 'segment'
      ? [...segmentProducts(spec.rule)]
      : spec.kind === 'experiment'
        ? // A dimension is a customers column: customers missing is missing data (exit 3); the
          // column itself is checked by runExperiment (unknown_column, exit 2).
          ['experiment_assignments', 'conversions', ...(spec.dimension === undefined ? [] : ['customers'])]
        : ['touchpoints', 'conversions'];
  return new Map(ids.map((id) => [id, COLUMNS[id] ?? []]));
}
