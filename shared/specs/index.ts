import { z } from 'zod';
import { attributionSpecSchema } from './attribution-spec';
import { parseBudgetSpec, type BudgetSpec, type budgetSpecSchema } from './budget-spec';
import { experimentSpecSchema, parseExperimentSpec, type ExperimentSpec } from './experiment-spec';
import { parseGeoExperimentSpec, type GeoExperimentSpec, type geoExperimentSpecSchema } from './geo-experiment-spec';
import { parseGeoPlanSpec, type GeoPlanSpec, type geoPlanSpecSchema } from './geo-plan-spec';
import { parseSegmentSpec, type SegmentSpec, type SegmentSpecInput } from './segment-spec';
import { SpecError, checkUnknownFields, specErrorFromZod } from './spec-error';
import { checkSpecSize } from './spec-limits';

export { SpecError } from './spec-error';
export type { BudgetSpec } from './budget-spec';
export type { ExperimentSpec } from './experiment-spec';
export type { GeoExperimentSpec } from './geo-experiment-spec';
export type { GeoPlanSpec } from './geo-plan-spec';
export type { SegmentSpec } from './segment-spec';

export type AttributionSpec = z.output<typeof attributionSpecSchema>;
export type { SegmentSpecInput } from './segment-spec';
/**
 * A spec as the builders send it and saved items hold it (fields with defaults may be left out):
 * the type the IPC contract carries. parseSpec turns it into an AnalysisSpec or a SpecError.
 */
export type AnalysisSpecInput =
  | z.input<typeof attributionSpecSchema>
  | SegmentSpecInput
  | z.input<typeof experimentSpecSchema>
  | z.input<typeof geoExperimentSpecSchema>
  | z.input<typeof geoPlanSpecSchema>
  | z.input<typeof budgetSpecSchema>;
export type AnalysisSpec = AttributionSpec | SegmentSpec | ExperimentSpec | GeoExperimentSpec | GeoPlanSpec | BudgetSpec;
export const SPEC_KINDS = ['attribution', 'segment', 'experiment', 'geo_experiment', 'geo_plan', 'budget'] as const;

/**
 * Parses any analysis spec (SPEC sections 3-5), discriminated on `kind`. Throws SpecError with a
 * JSON path (`models[3].half_life_days`) and a sentence saying what is wrong.
 */
export function parseSpec(input: unknown): AnalysisSpec {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new SpecError('invalid_spec', 'the spec must be a JSON object with a "kind" field', '');
  }
  checkSpecSize(input);
  const kind = (input as { kind?: unknown }).kind;
  switch (kind) {
    case 'attribution': {
      const result = attributionSpecSchema.safeParse(input);
      if (!result.success) throw specErrorFromZod(result.error, input, attributionSpecSchema);
      return result.data;
    }
    case 'segment':
      return parseSegmentSpec(input);
    case 'experiment': {
      const spec = parseExperimentSpec(input);
      // Every spec kind refuses unknown fields with a suggestion (a strict schema already
      // refused them in the parse above; this keeps the walker's wording on every kind).
      checkUnknownFields(experimentSpecSchema, input);
      return spec;
    }
    case 'budget':
      return parseBudgetSpec(input);
    case 'geo_experiment':
      return parseGeoExperimentSpec(input);
    case 'geo_plan':
      return parseGeoPlanSpec(input);
    case undefined:
      throw new SpecError('invalid_spec', `kind is required: one of ${SPEC_KINDS.join(', ')}`, 'kind');
    default:
      throw new SpecError('unknown_kind', `kind must be one of ${SPEC_KINDS.join(', ')}, not ${JSON.stringify(kind)}`, 'kind');
  }
}
