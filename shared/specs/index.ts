import { z } from 'zod';
import { attributionSpecSchema } from './attribution-spec';
import { parseBudgetSpec, type BudgetSpec } from './budget-spec';
import { parseCalibrationSpec, type CalibrationSpec } from './calibration-spec';
import { parseExperimentSpec, type ExperimentSpec } from './experiment-spec';
import { parseGeoExperimentSpec, type GeoExperimentSpec } from './geo-experiment-spec';
import { parseGeoPlanSpec, type GeoPlanSpec } from './geo-plan-spec';
import { parseSegmentSpec, type SegmentSpec } from './segment-spec';
import { SpecError, specErrorFromZod } from './spec-error';

export { SpecError } from './spec-error';
export type { BudgetSpec } from './budget-spec';
export type { CalibrationSpec } from './calibration-spec';
export type { ExperimentSpec } from './experiment-spec';
export type { GeoExperimentSpec } from './geo-experiment-spec';
export type { GeoPlanSpec } from './geo-plan-spec';
export type { SegmentSpec } from './segment-spec';

export type AttributionSpec = z.output<typeof attributionSpecSchema>;
export type AnalysisSpec = AttributionSpec | SegmentSpec | ExperimentSpec | GeoExperimentSpec | GeoPlanSpec | BudgetSpec | CalibrationSpec;
export const SPEC_KINDS = ['attribution', 'segment', 'experiment', 'geo_experiment', 'geo_plan', 'budget', 'calibrated_attribution'] as const;

/**
 * Parses any analysis spec (SPEC sections 3-5), discriminated on `kind`. Throws SpecError with a
 * JSON path (`models[3].half_life_days`) and a sentence saying what is wrong.
 */
export function parseSpec(input: unknown): AnalysisSpec {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new SpecError('invalid_spec', 'the spec must be a JSON object with a "kind" field', '');
  }
  const kind = (input as { kind?: unknown }).kind;
  switch (kind) {
    case 'attribution': {
      const result = attributionSpecSchema.safeParse(input);
      if (!result.success) throw specErrorFromZod(result.error, input);
      return result.data;
    }
    case 'segment':
      return parseSegmentSpec(input);
    case 'experiment':
      return parseExperimentSpec(input);
    case 'budget':
      return parseBudgetSpec(input);
    case 'geo_experiment':
      return parseGeoExperimentSpec(input);
    case 'geo_plan':
      return parseGeoPlanSpec(input);
    case 'calibrated_attribution':
      return parseCalibrationSpec(input);
    case undefined:
      throw new SpecError('invalid_spec', `kind is required: one of ${SPEC_KINDS.join(', ')}`, 'kind');
    default:
      throw new SpecError('unknown_kind', `kind must be one of ${SPEC_KINDS.join(', ')}, not ${JSON.stringify(kind)}`, 'kind');
  }
}
