import { z } from 'zod';
import { specErrorFromZod, SpecError } from './spec-error';

/**
 * SPEC section 5. Defaults where the page is silent: `window_days` 28, `alpha` 0.05,
 * `cuped` false, `expected_split` equal over the variants seen. `expected_split` weights
 * need not sum to 1: they are normalised (so `{"control": 9, "holdout": 1}` reads as 90/10).
 */
const metricSchema = z.object({
  name: z.string().min(1),
  type: z.enum(['proportion', 'mean']),
  conversion_type: z.string().min(1),
});

export const experimentSpecSchema = z.object({
  kind: z.literal('experiment'),
  experiment_id: z.string().min(1),
  control: z.string().min(1),
  window_days: z.number().gt(0).max(3650).default(28),
  alpha: z.number().gt(0).lt(1).default(0.05),
  cuped: z.boolean().default(false),
  expected_split: z.record(z.string(), z.number().gt(0)).optional(),
  metrics: z.array(metricSchema).min(1),
});

export type ExperimentSpec = z.infer<typeof experimentSpecSchema>;
export type ExperimentMetricSpec = z.infer<typeof metricSchema>;

export function parseExperimentSpec(input: unknown): ExperimentSpec {
  const result = experimentSpecSchema.safeParse(input);
  if (!result.success) throw specErrorFromZod(result.error, input);
  const spec = result.data;
  if (spec.expected_split !== undefined && !(spec.control in spec.expected_split)) {
    throw new SpecError(
      'invalid_spec',
      `expected_split must give a share for the control variant "${spec.control}"`,
      'expected_split',
    );
  }
  const seen = new Set<string>();
  spec.metrics.forEach((m, i) => {
    if (seen.has(m.name)) {
      throw new SpecError('invalid_spec', `metrics[${i}].name "${m.name}" is used twice; give each metric its own name`, `metrics[${i}].name`);
    }
    seen.add(m.name);
  });
  return spec;
}
