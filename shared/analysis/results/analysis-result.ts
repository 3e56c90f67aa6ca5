import type { AttributionOutput } from '../../specs/attribution-spec';
import type { ExperimentResult } from '../experiment/run-experiment';
import type { SegmentResult } from '../segment/run-segment';

/** The SPEC output document of each analysis kind: what `runAnalysis` returns for a spec. */
export type AnalysisResult = AttributionOutput | SegmentResult | ExperimentResult;
