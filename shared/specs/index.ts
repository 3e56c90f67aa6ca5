import { z } from 'zod';
import { attributionSpecSchema } from './attribution-spec';
import * as experimentSpecModule from './experiment-spec';
import { parseExperimentSpec, type ExperimentSpec } from './experiment-spec';
import { parseSegmentSpec, type SegmentSpec } from './segment-spec';
import { SpecError, checkUnknownFields, specErrorFromZod } from './spec-error';
import { checkSpecSize } from './spec-limits';

export { SpecError } from './spec-error';
export type { ExperimentSpec } from './experiment-spec';
export type { SegmentSpec } from './segment-spec';

export type AttributionSpec = z.output<typeof attributionSpecSchema>;
export type AnalysisSpec = AttributionSpec | SegmentSpec | ExperimentSpec;
export const SPEC_KINDS = ['attribution', 'segment', 'experiment'] as const;

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
      // Every spec kind refuses unknown fields; looked up by name so the experiment module can
      // change its schema freely (a strict schema already refused them in the parse above).
      const schema = (experimentSpecModule as Record<string, unknown>).experimentSpecSchema;
      if (schema instanceof z.ZodType) checkUnknownFields(schema, input);
      return spec;
    }
    case undefined:
      throw new SpecError('invalid_spec', `kind is required: one of ${SPEC_KINDS.join(', ')}`, 'kind');
    default:
      throw new SpecError('unknown_kind', `kind must be one of ${SPEC_KINDS.join(', ')}, not ${JSON.stringify(kind)}`, 'kind');
  }
}
