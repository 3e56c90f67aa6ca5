import { z } from 'zod';
import { specErrorFromZod, SpecError } from './spec-error';

/**
 * SPEC section 5 (docs/spec.md section 5). Defaults where the page is silent: `window_days` 28,
 * `alpha` 0.05, `cuped` false, `expected_split` equal over the variants seen, `engine`
 * frequentist, `sequential_tuning` 5000, `prior` {mean 0, variance 0.09, proper false},
 * `correction` none. `expected_split` weights need not sum to 1: they are normalised (so
 * `{"control": 9, "holdout": 1}` reads as 90/10). Every object is strict (a typo such as
 * `window` is refused rather than silently ignored) and every number is bounded.
 */
const name = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .min(1, `${field} must not be empty`)
    .max(200, `${field} must be at most 200 characters`);
const flag = z.boolean().default(false);

/** Capping (winsorising from above): absolute value, or a percentile of all users' values. */
const capSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('absolute'),
      value: z.number().gt(0, 'value must be > 0').max(1e15, 'value must be <= 1e15'),
    }),
    z.strictObject({
      type: z.literal('percentile'),
      value: z.number().gt(0, 'value must be > 0 (a quantile, e.g. 0.99)').max(1, 'value must be <= 1 (a quantile, e.g. 0.99)'),
      ignore_zeros: flag,
    }),
  ],
  { error: 'type must be one of "absolute", "percentile"' },
);

/** One side of a ratio metric: per user, the sum of revenue or the count of conversions of a type. */
const ratioPartSchema = z.strictObject({
  conversion_type: name('conversion_type'),
  value: z.enum(['revenue', 'count']),
});

/** Fields every metric type may carry (our extension: `guardrail`). */
const common = {
  name: name('name'),
  inverse: flag,
  guardrail: flag,
  cap: capSchema.optional(),
};

const metricSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ ...common, type: z.literal('proportion'), conversion_type: name('conversion_type') }),
    z.strictObject({ ...common, type: z.literal('mean'), conversion_type: name('conversion_type') }),
    z.strictObject({ ...common, type: z.literal('ratio'), numerator: ratioPartSchema, denominator: ratioPartSchema }),
  ],
  { error: 'type must be one of "proportion", "mean", "ratio"' },
);

const priorSchema = z.strictObject({
  mean: z.number().min(-1e6, 'mean must be >= -1e6').max(1e6, 'mean must be <= 1e6').default(0),
  variance: z.number().gt(0, 'variance must be > 0').max(1e6, 'variance must be <= 1e6').default(0.09),
  proper: flag,
});

export const experimentSpecSchema = z.strictObject({
  kind: z.literal('experiment'),
  experiment_id: name('experiment_id'),
  control: name('control'),
  window_days: z.number().gt(0).max(3650).default(28),
  alpha: z.number().gt(0).lt(1).default(0.05),
  cuped: flag,
  expected_split: z
    .record(name('variant'), z.number().gt(0).max(1e12))
    .refine((s) => Object.keys(s).length <= 100, 'expected_split may name at most 100 variants')
    .optional(),
  engine: z.enum(['frequentist', 'sequential', 'bayesian']).default('frequentist'),
  sequential_tuning: z.number().gt(0).max(1e12).default(5000),
  prior: priorSchema.default({ mean: 0, variance: 0.09, proper: false }),
  correction: z.enum(['none', 'holm', 'bh']).default('none'),
  dimension: name('dimension').optional(),
  metrics: z.array(metricSchema).min(1).max(100),
});

export type ExperimentSpec = z.infer<typeof experimentSpecSchema>;
export type ExperimentMetricSpec = z.infer<typeof metricSchema>;
export type MetricCap = z.infer<typeof capSchema>;

export function parseExperimentSpec(input: unknown): ExperimentSpec {
  const result = experimentSpecSchema.safeParse(input);
  if (!result.success) throw specErrorFromZod(result.error, input, experimentSpecSchema);
  const spec = result.data;
  if (spec.expected_split !== undefined && !(spec.control in spec.expected_split)) {
    throw new SpecError('invalid_spec', `expected_split must give a share for the control variant "${spec.control}"`, 'expected_split');
  }
  const seen = new Set<string>();
  spec.metrics.forEach((m, i) => {
    if (seen.has(m.name)) {
      throw new SpecError('invalid_spec', `metrics[${i}].name "${m.name}" is used twice; give each metric its own name`, `metrics[${i}].name`);
    }
    seen.add(m.name);
    // A proportion is 0 or 1 per user: a cap below 1 would rewrite conversions, one at or above 1 does nothing.
    if (m.type === 'proportion' && m.cap !== undefined) {
      throw new SpecError('invalid_spec', `metrics[${i}].cap applies to mean and ratio metrics only; a proportion is 0 or 1 per user`, `metrics[${i}].cap`);
    }
  });
  return spec;
}
