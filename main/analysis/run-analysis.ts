import { runAttribution } from '../../shared/analysis/attribution/run-attribution';
import { runBudget } from '../../shared/analysis/budget/run-budget';
import { runExperiment } from '../../shared/analysis/experiment/run-experiment';
import { runSegment } from '../../shared/analysis/segment/run-segment';
import type { QueryEngine } from '../../shared/engine';
import { runCalibrated } from './calibration-analysis';
import { runGeo, runGeoPlan } from './geo-analysis';
import type { AnalysisSpec } from '../../shared/specs/index';

export interface RunAnalysisOptions {
  /** The instant a segment without `as_of` is evaluated at; defaults to the current time. */
  now?: Date;
}

/**
 * Runs a parsed spec against loaded products and returns exactly the SPEC output document of
 * its kind (sections 3-5). Attribution is its own module; segments and experiments live here.
 */
export async function runAnalysis(db: QueryEngine, spec: AnalysisSpec, opts: RunAnalysisOptions = {}): Promise<unknown> {
  switch (spec.kind) {
    case 'attribution':
      return runAttribution(db, spec);
    case 'segment':
      return runSegment(db, spec, opts.now);
    case 'experiment':
      return runExperiment(db, spec);
    case 'budget':
      return runBudget(db, spec);
    case 'geo_experiment':
      return runGeo(db, spec);
    case 'geo_plan':
      return runGeoPlan(db, spec);
    case 'calibrated_attribution':
      return runCalibrated(db, spec);
  }
}
