import { z } from 'zod';
import { SpecError, specErrorFromZod } from './spec-error';

/**
 * SPEC section 10. `metric`, `budget` and `weeks` are required; `channels` null or absent plans
 * every channel in campaign_performance; `bounds` absent or null gives every channel [0, 3].
 * Objects are strict: a typo such as `bound` is refused rather than silently ignored.
 * Whether a named channel exists and whether the bounds can hold the budget depend on the data,
 * so runBudget checks those (`unknown_channel`, `infeasible_bounds`, both exit 2).
 */
export const BUDGET_METRICS = ['revenue', 'conversions'] as const;
export const DEFAULT_BOUNDS: readonly [number, number] = [0, 3];
/** A total far above any marketing budget: a typo of several zeros, not a plan. */
export const MAX_BUDGET = 1e13;
/** Bounds are multiples of current spend; beyond 1000x the curve is pure extrapolation. */
export const MAX_BOUND = 1000;

const multiple = z
  .number({ error: 'must be a number (a multiple of the current weekly spend)' })
  .min(0, 'must be >= 0')
  .max(MAX_BOUND, `must be <= ${MAX_BOUND}`);

const boundSchema = z
  .tuple([multiple, multiple], { error: 'must be [lo, hi], two multiples of the current weekly spend' })
  .refine(([lo, hi]) => lo <= hi, { message: 'must have lo <= hi' });

export const budgetSpecSchema = z.strictObject({
  kind: z.literal('budget'),
  metric: z.enum(BUDGET_METRICS, { error: 'metric must be "revenue" or "conversions"' }),
  budget: z
    .number({ error: 'budget must be a number: the total spend over `weeks`' })
    .gt(0, 'budget must be > 0')
    .max(MAX_BUDGET, `budget must be <= ${MAX_BUDGET}`),
  weeks: z
    .number({ error: 'weeks must be a whole number of weeks, 1..52' })
    .int('weeks must be a whole number of weeks, 1..52')
    .min(1, 'weeks must be 1..52')
    .max(52, 'weeks must be 1..52'),
  channels: z
    .array(z.string({ error: 'must be a channel name' }).min(1, 'must not be empty'))
    .min(1, 'channels must name at least one channel, or be null for all')
    .nullable()
    .default(null),
  bounds: z.record(z.string().min(1), boundSchema).nullable().default(null),
});

export type BudgetSpec = z.output<typeof budgetSpecSchema>;

export function parseBudgetSpec(input: unknown): BudgetSpec {
  const result = budgetSpecSchema.safeParse(input);
  if (!result.success) throw specErrorFromZod(result.error, input, budgetSpecSchema);
  const spec = result.data;
  const seen = new Set<string>();
  spec.channels?.forEach((c, i) => {
    if (seen.has(c)) throw new SpecError('invalid_spec', `channels[${i}] "${c}" is listed twice`, `channels[${i}]`);
    seen.add(c);
  });
  if (spec.channels !== null && spec.bounds !== null) {
    for (const name of Object.keys(spec.bounds)) {
      if (!seen.has(name)) {
        throw new SpecError('invalid_spec', `bounds.${name} names a channel that is not in channels (${spec.channels.join(', ')})`, `bounds.${name}`);
      }
    }
  }
  return spec;
}
