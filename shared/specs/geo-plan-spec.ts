import { z } from 'zod';
import { checkGeoLists, columnNameSchema, geoIdSchema, periodSchema } from './geo-experiment-spec';
import { specErrorFromZod, SpecError } from './spec-error';

/**
 * The geo test planner (docs/incrementality.md): backtests a TBR readout of a test of
 * `duration_days` over the history and reports the minimum detectable lift and the chance of
 * detecting `expected_lift`. `treatment_geos: null` asks it to propose `treatment_count`
 * well-matched geos. Defaults: `control_geos` null (every other geo), `history` null (every day
 * of geo_sales), `pre_days` 3 x `duration_days`, `alpha` 0.1 and `power` 0.8.
 */
export const geoPlanSpecSchema = z.strictObject({
  kind: z.literal('geo_plan'),
  metric: columnNameSchema,
  treatment_geos: z.array(geoIdSchema).min(1).max(10_000).nullable().default(null),
  treatment_count: z.number().int().min(1).max(1000).nullable().default(null),
  control_geos: z.array(geoIdSchema).min(1).max(10_000).nullable().default(null),
  history: periodSchema.nullable().default(null),
  duration_days: z.number().int().min(1).max(365),
  pre_days: z.number().int().min(3).max(3650).nullable().default(null),
  expected_lift: z.number().gt(0).max(10),
  alpha: z.number().gt(0).lt(1).default(0.1),
  power: z.number().gt(0).lt(1).default(0.8),
});

export type GeoPlanSpec = z.infer<typeof geoPlanSpecSchema>;

export function parseGeoPlanSpec(input: unknown): GeoPlanSpec {
  const result = geoPlanSpecSchema.safeParse(input);
  if (!result.success) throw specErrorFromZod(result.error, input, geoPlanSpecSchema);
  const spec = result.data;
  if (spec.treatment_geos === null && spec.treatment_count === null) {
    throw new SpecError(
      'invalid_spec',
      'treatment_count is required when treatment_geos is null: how many geos should the planner propose?',
      'treatment_count',
    );
  }
  if (spec.treatment_geos !== null && spec.treatment_count !== null && spec.treatment_count !== spec.treatment_geos.length) {
    throw new SpecError(
      'invalid_spec',
      `treatment_count ${spec.treatment_count} differs from the ${spec.treatment_geos.length} treatment_geos given; leave it out`,
      'treatment_count',
    );
  }
  checkGeoLists(spec.treatment_geos ?? [], spec.control_geos);
  return spec;
}
