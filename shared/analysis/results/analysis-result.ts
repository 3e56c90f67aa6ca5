import type { AttributionOutput } from '../../specs/attribution-spec';
import type { BudgetResult } from '../budget/run-budget';
import type { ExperimentResult } from '../experiment/run-experiment';
import type { GeoExperimentResult } from '../geo/run-geo-experiment';
import type { GeoPlanResult } from '../geo/plan-geo-test';
import type { SegmentResult } from '../segment/run-segment';

/** The SPEC output document of each analysis kind: what `runAnalysis` returns for a spec. */
export type AnalysisResult = AttributionOutput | SegmentResult | ExperimentResult | GeoExperimentResult | GeoPlanResult | BudgetResult;
