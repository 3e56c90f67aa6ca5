import { z } from 'zod';
import { SpecError, specErrorFromZod } from '../specs/spec-error';
import { DEFAULT_PRIOR } from './bayesian';
import { RATIO_CUPED_FIELDS } from './experiment-stats';
import type { Correction, MetricTestInput, VariantSufficientStats } from './experiment-stats-types';
import { DEFAULT_SEQUENTIAL_TUNING } from './sequential';

/**
 * The input of `meshwork stats` (SPEC section 8): one metric's sufficient statistics per
 * variant, as gbstats takes them, and the section 5 options. Unknown fields are refused; every
 * number is finite and bounded (sums within +-1e150 so that a square or product of two never
 * overflows); counts are whole numbers; sums of squares must be possible for their sums.
 */
const LIMIT = 1e150;
const amount = z.number().finite().min(-LIMIT).max(LIMIT);
const square = z.number().finite().min(0).max(LIMIT);

const variantSchema = z.strictObject({
  variant: z.string().min(1).max(200),
  n: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  sum: amount,
  /** Optional for proportion metrics, where it equals `sum`. */
  sum_squares: square.optional(),
  pre_sum: amount.optional(),
  pre_sum_squares: square.optional(),
  sum_product: amount.optional(),
  den_sum: amount.optional(),
  den_sum_squares: square.optional(),
  num_den_sum_product: amount.optional(),
  pre_den_sum: amount.optional(),
  pre_den_sum_squares: square.optional(),
  den_pre_den_sum_product: amount.optional(),
  pre_num_pre_den_sum_product: amount.optional(),
  num_pre_den_sum_product: amount.optional(),
  pre_num_den_sum_product: amount.optional(),
});

const inputSchema = z.strictObject({
  experiment_id: z.string().min(1).max(200).optional(),
  metric: z.strictObject({
    name: z.string().min(1).max(200),
    type: z.enum(['proportion', 'mean', 'ratio']),
    inverse: z.boolean().optional(),
  }),
  control: z.string().min(1).max(200),
  variants: z.array(variantSchema).min(1).max(100),
  alpha: z.number().gt(0).lt(1).default(0.05),
  engine: z.enum(['frequentist', 'sequential', 'bayesian']).default('frequentist'),
  cuped: z.boolean().default(false),
  sequential_tuning: z.number().gt(0).max(1e12).default(DEFAULT_SEQUENTIAL_TUNING),
  prior: z
    .strictObject({
      mean: z.number().min(-1e6).max(1e6).default(DEFAULT_PRIOR.mean),
      variance: z.number().gt(0).max(1e12).default(DEFAULT_PRIOR.variance),
      proper: z.boolean().default(DEFAULT_PRIOR.proper),
    })
    .default({ ...DEFAULT_PRIOR }),
  correction: z.enum(['none', 'holm', 'bh']).default('none'),
  /** Lower is better; the same as `metric.inverse` (either one set makes it so). */
  inverse: z.boolean().optional(),
  /** Expected share of users per variant for the SRM check; default equal over the variants. */
  expected_split: z.record(z.string().min(1), z.number().finite().gt(0).max(1e308)).optional(),
});

export interface StatsInput {
  experiment_id?: string;
  test: MetricTestInput;
  correction: Correction;
  /** Variant names and weights for the SRM check, in the order of `test.variants`. */
  expectedWeights: number[];
}

/** Sum of squares of n values with this sum can be no less than sum^2 / n (equality: all equal). */
function squaresPossible(n: number, sum: number, sumSquares: number): boolean {
  if (n === 0) return sum === 0 && sumSquares === 0;
  const least = (sum * sum) / n;
  return sumSquares >= least - 1e-9 * Math.max(1, least);
}

function check(ok: boolean, path: string, message: string): void {
  if (!ok) throw new SpecError('invalid_input', `${path} ${message}`, path);
}

/** A proportion's sums count converted users: 0 <= sum <= n and sum_squares = sum. */
function checkProportion(n: number, sum: number, sumSquares: number, at: string, sumField: string, squaresField: string): void {
  check(sum >= 0 && sum <= n, `${at}.${sumField}`, `must be between 0 and n (${n}): it counts converted users`);
  check(Math.abs(sumSquares - sum) <= 1e-9 * Math.max(1, sum), `${at}.${squaresField}`, `must equal ${sumField} for a proportion metric`);
}

function checkVariant(v: VariantSufficientStats, i: number, type: MetricTestInput['metric']['type'], cuped: boolean): void {
  const at = `variants[${i}]`;
  const need = (field: keyof VariantSufficientStats, why: string): number => {
    const value = v[field];
    check(typeof value === 'number', `${at}.${field}`, `is required ${why}`);
    return value as number;
  };
  if (type === 'proportion') checkProportion(v.n, v.sum, v.sum_squares, at, 'sum', 'sum_squares');
  else check(squaresPossible(v.n, v.sum, v.sum_squares), `${at}.sum_squares`, `is not possible for n ${v.n} and sum ${v.sum} (it must be >= sum^2 / n)`);
  if (type === 'ratio') {
    const why = 'for a ratio metric';
    const denSum = need('den_sum', why);
    const denSquares = need('den_sum_squares', why);
    need('num_den_sum_product', why);
    check(
      squaresPossible(v.n, denSum, denSquares),
      `${at}.den_sum_squares`,
      `is not possible for n ${v.n} and den_sum ${denSum} (it must be >= den_sum^2 / n)`,
    );
    // CUPED on a ratio needs all of its pre-period fields; with none it runs without CUPED.
    if (cuped && RATIO_CUPED_FIELDS.some((f) => v[f] !== undefined)) {
      for (const f of RATIO_CUPED_FIELDS) need(f, 'with cuped on a ratio metric (or give none of the pre-period fields)');
      const ok = (sum: keyof VariantSufficientStats, sq: keyof VariantSufficientStats) =>
        check(squaresPossible(v.n, v[sum] as number, v[sq] as number), `${at}.${sq}`, `is not possible for n ${v.n} and ${sum} ${v[sum] as number}`);
      ok('pre_sum', 'pre_sum_squares');
      ok('pre_den_sum', 'pre_den_sum_squares');
    }
  } else if (cuped) {
    const why = 'with cuped';
    const preSum = need('pre_sum', why);
    const preSquares = need('pre_sum_squares', why);
    need('sum_product', why);
    if (type === 'proportion') checkProportion(v.n, preSum, preSquares, at, 'pre_sum', 'pre_sum_squares');
    else
      check(
        squaresPossible(v.n, preSum, preSquares),
        `${at}.pre_sum_squares`,
        `is not possible for n ${v.n} and pre_sum ${preSum} (it must be >= pre_sum^2 / n)`,
      );
  }
}

/** Parses and checks a `meshwork stats` input; throws SpecError (code invalid_input) with the JSON path. */
export function parseStatsInput(raw: unknown): StatsInput {
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) {
    const error = specErrorFromZod(parsed.error, raw);
    // An unknown field's path names the field itself, not only the object holding it.
    const issue = parsed.error.issues[0];
    const unknown = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const path = unknown === undefined ? error.path : error.path ? `${error.path}.${unknown}` : unknown;
    throw new SpecError('invalid_input', error.message, path);
  }
  const d = parsed.data;
  const seen = new Set<string>();
  d.variants.forEach((v, i) => {
    check(!seen.has(v.variant), `variants[${i}].variant`, `repeats the variant '${v.variant}'`);
    seen.add(v.variant);
  });
  check(seen.has(d.control), 'control', `must name one of the variants (${[...seen].join(', ')})`);
  // A proportion's sum of squares is its sum (0/1 values), so it may be left out; likewise pre_sum_squares.
  const variants: VariantSufficientStats[] = d.variants.map((raw, i) => {
    const v = { ...raw } as VariantSufficientStats & { sum_squares?: number };
    if (d.metric.type === 'proportion') {
      v.sum_squares ??= v.sum;
      if (v.pre_sum !== undefined) v.pre_sum_squares ??= v.pre_sum;
    }
    check(v.sum_squares !== undefined, `variants[${i}].sum_squares`, `is required for a ${d.metric.type} metric`);
    return v as VariantSufficientStats;
  });
  variants.forEach((v, i) => checkVariant(v, i, d.metric.type, d.cuped));
  let expectedWeights = variants.map(() => 1);
  if (d.expected_split) {
    const split = d.expected_split;
    for (const name of Object.keys(split)) check(seen.has(name), `expected_split.${name}`, 'is not one of the variants');
    expectedWeights = variants.map((v) => {
      const w = split[v.variant];
      check(w !== undefined, `expected_split.${v.variant}`, 'is required: give every variant a share');
      return w as number;
    });
  }
  const inverse = d.metric.inverse === true || d.inverse === true;
  const test: MetricTestInput = {
    metric: { name: d.metric.name, type: d.metric.type, ...(inverse ? { inverse } : {}) },
    control: d.control,
    variants,
    alpha: d.alpha,
    cuped: d.cuped,
    engine: d.engine,
    sequential_tuning: d.sequential_tuning,
    prior: d.prior,
  };
  return { ...(d.experiment_id !== undefined ? { experiment_id: d.experiment_id } : {}), test, correction: d.correction, expectedWeights };
}
