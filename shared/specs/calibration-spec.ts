import { z } from 'zod';
import { attributionSpecSchema, UNATTRIBUTED } from './attribution-spec';
import { parseExperimentSpec, type ExperimentSpec } from './experiment-spec';
import { parseGeoExperimentSpec, type GeoExperimentSpec } from './geo-experiment-spec';
import { specErrorFromZod, SpecError } from './spec-error';

/**
 * Our extension (docs/spec.md section 11): attribution calibrated by measured lift. An
 * attribution spec, and for some channels a finished test of that channel (a geo experiment, a
 * user-level experiment, or an audience holdout read as an experiment) whose measured
 * incremental conversions are set beside the conversions each model credits to the channel over
 * the test's period. Objects are strict; the nested test specs are parsed by their own kind's
 * parser, so they accept and refuse exactly what they accept and refuse on their own, and their
 * errors point into the nesting (`tests[1].spec.treatment_geos[0]`).
 */
export const CALIBRATION_SOURCES = ['geo_experiment', 'experiment', 'holdout'] as const;
export type CalibrationSource = (typeof CALIBRATION_SOURCES)[number];

const channelSchema = z
  .string({ error: 'channel is required: the touchpoints channel the test measured, e.g. "paid_social"' })
  .min(1, 'channel must not be empty')
  .max(200, 'channel must be at most 200 characters')
  .refine((c) => c !== UNATTRIBUTED, { message: `must name a channel; "${UNATTRIBUTED}" cannot be tested` });

const name = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .min(1, `${field} must not be empty`)
    .max(200, `${field} must be at most 200 characters`);

/**
 * How a geo test's effect becomes incremental conversions. `orders`: the effect on orders as
 * measured. `share_of_conversions`: the effect as a share of the treated geos' actual orders,
 * times the conversions of the type the data holds over the test period; for a geo product that
 * counts the whole business while the conversions product holds only the mesh's customers (the
 * two differ in scale, not in what a share means).
 */
export const GEO_UNITS = ['orders', 'share_of_conversions'] as const;
export type GeoUnits = (typeof GEO_UNITS)[number];

const geoTest = z.strictObject({ channel: channelSchema, source: z.literal('geo_experiment'), spec: z.unknown(), units: z.enum(GEO_UNITS).default('orders') });
const userTest = (source: 'experiment' | 'holdout') =>
  z.strictObject({
    channel: channelSchema,
    source: z.literal(source),
    spec: z.unknown(),
    /** The name of a proportion metric of `spec` on the attribution's conversion type. */
    metric: name('metric'),
    /** The treated variant; may be left out when the experiment has a single one besides control. */
    variant: name('variant').optional(),
  });

const testSchema = z.discriminatedUnion('source', [geoTest, userTest('experiment'), userTest('holdout')], {
  error: `source must be one of ${CALIBRATION_SOURCES.map((s) => `"${s}"`).join(', ')}`,
});

export const calibrationSpecSchema = z.strictObject({
  kind: z.literal('calibrated_attribution'),
  attribution: attributionSpecSchema,
  tests: z.array(testSchema).max(100, 'tests may list at most 100 tests'),
  stale_after_days: z
    .number({ error: 'stale_after_days must be a whole number of days' })
    .int('stale_after_days must be a whole number of days')
    .min(1, 'stale_after_days must be 1..3650')
    .max(3650, 'stale_after_days must be 1..3650')
    .default(90),
});

export type CalibrationTest =
  | { channel: string; source: 'geo_experiment'; spec: GeoExperimentSpec; units: GeoUnits }
  | { channel: string; source: 'experiment' | 'holdout'; spec: ExperimentSpec; metric: string; variant?: string };

export type CalibrationSpec = Omit<z.output<typeof calibrationSpecSchema>, 'tests'> & { tests: CalibrationTest[] };
export type CalibrationSpecInput = z.input<typeof calibrationSpecSchema>;

/** A nested spec's error, re-anchored at its place in the calibration spec. */
function nested<T>(prefix: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw rebase(error, prefix);
  }
}

/** `treatment_geos[0] ...` at `treatment_geos[0]` -> `tests[1].spec.treatment_geos[0] ...` at that path. */
export function rebase(error: SpecError, prefix: string): SpecError {
  const path = error.path === '' ? prefix : error.path.startsWith('[') ? `${prefix}${error.path}` : `${prefix}.${error.path}`;
  const message =
    error.path !== '' && error.message.startsWith(error.path) ? `${path}${error.message.slice(error.path.length)}` : `${prefix}: ${error.message}`;
  return new SpecError(error.code, message, path);
}

function parseTest(raw: z.output<typeof testSchema>, i: number, conversionType: string): CalibrationTest {
  const at = `tests[${i}].spec`;
  if (raw.source === 'geo_experiment') {
    const spec = nested(at, () => parseGeoExperimentSpec(raw.spec));
    // Incremental conversions are orders; a revenue effect is not comparable with credited conversions.
    if (spec.metric !== 'orders') {
      throw new SpecError('invalid_spec', `${at}.metric must be "orders" (incremental conversions), not ${JSON.stringify(spec.metric)}`, `${at}.metric`);
    }
    return { channel: raw.channel, source: raw.source, spec, units: raw.units };
  }
  const spec = nested(at, () => parseExperimentSpec(raw.spec));
  if (spec.engine === 'bayesian') {
    throw new SpecError(
      'invalid_spec',
      `${at}.engine must be "frequentist" or "sequential": calibration needs the difference's confidence interval`,
      `${at}.engine`,
    );
  }
  const metric = spec.metrics.find((m) => m.name === raw.metric);
  if (metric === undefined) {
    throw new SpecError(
      'invalid_spec',
      `tests[${i}].metric "${raw.metric}" is not a metric of tests[${i}].spec; use one of: ${spec.metrics.map((m) => m.name).join(', ')}`,
      `tests[${i}].metric`,
    );
  }
  // diff x users counts incremental converting users only for a proportion metric.
  if (metric.type !== 'proportion' || metric.conversion_type !== conversionType) {
    throw new SpecError(
      'invalid_spec',
      `tests[${i}].metric "${raw.metric}" must be a proportion metric of conversion_type "${conversionType}" (the attribution's), so that diff x treated users counts incremental conversions`,
      `tests[${i}].metric`,
    );
  }
  if (raw.variant !== undefined && raw.variant === spec.control) {
    throw new SpecError('invalid_spec', `tests[${i}].variant must be a treated variant, not the control "${spec.control}"`, `tests[${i}].variant`);
  }
  return { channel: raw.channel, source: raw.source, spec, metric: raw.metric, ...(raw.variant !== undefined ? { variant: raw.variant } : {}) };
}

export function parseCalibrationSpec(input: unknown): CalibrationSpec {
  const result = calibrationSpecSchema.safeParse(input);
  if (!result.success) throw specErrorFromZod(result.error, input);
  const { tests, ...rest } = result.data;
  const seen = new Set<string>();
  const parsed = tests.map((t, i) => {
    // One factor per channel: two tests of a channel would need a rule to combine them.
    if (seen.has(t.channel))
      throw new SpecError('invalid_spec', `tests[${i}].channel "${t.channel}" is tested twice; list one test per channel`, `tests[${i}].channel`);
    seen.add(t.channel);
    return parseTest(t, i, rest.attribution.conversion_type);
  });
  return { ...rest, tests: parsed };
}
