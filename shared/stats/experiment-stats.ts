/**
 * `testMetric`: every non-control variant of one metric against control, from sufficient
 * statistics (SPEC section 5 "Statistics (v2)", aligned with GrowthBook's gbstats), and
 * `applyCorrection` for multiple testing across metrics and variants. The maths lives in the
 * small modules imported below; docs/experiment-statistics.md gives each formula and source.
 */
import { bayesianTest } from './bayesian';
import { benjaminiHochbergAdjust, holmAdjust } from './corrections';
import { cupedArm, pooledTheta, type CupedSums } from './cuped';
import { effectMoments, type Comparison, type EffectMoments, type PlainArm } from './effect-moments';
import type { Correction, MetricOutput, MetricTestInput, TreatmentVariantOutput, VariantOutput, VariantSufficientStats } from './experiment-stats-types';
import { tTest, type IntervalTest } from './frequentist';
import { meanOf, momentKind, varianceOf } from './moments';
import { ratioMean, ratioVariance, type RatioSums } from './ratio';
import { ratioCupedArm, ratioCupedTheta, type RatioCupedSums } from './ratio-cuped';
import { sequentialTest } from './sequential';

function required(v: VariantSufficientStats, field: keyof VariantSufficientStats, why: string): number {
  const value = v[field];
  if (typeof value !== 'number') throw new RangeError(`variant ${v.variant}: ${field} is required ${why}`);
  return value;
}

function ratioSums(v: VariantSufficientStats): RatioSums {
  const why = 'for a ratio metric';
  return {
    num: { n: v.n, sum: v.sum, sumSquares: v.sum_squares },
    den: { n: v.n, sum: required(v, 'den_sum', why), sumSquares: required(v, 'den_sum_squares', why) },
    numDenSumProduct: required(v, 'num_den_sum_product', why),
  };
}

function cupedSums(v: VariantSufficientStats): CupedSums {
  const why = 'with cuped';
  return {
    y: { n: v.n, sum: v.sum, sumSquares: v.sum_squares },
    x: { n: v.n, sum: required(v, 'pre_sum', why), sumSquares: required(v, 'pre_sum_squares', why) },
    sumProduct: required(v, 'sum_product', why),
  };
}

/** The unadjusted mean shown for a variant (ratio: sum(num) / sum(den)). */
function unadjustedMean(input: MetricTestInput, v: VariantSufficientStats): number {
  return input.metric.type === 'ratio' ? ratioMean(ratioSums(v)) : meanOf({ n: v.n, sum: v.sum, sumSquares: v.sum_squares });
}

function plainArm(input: MetricTestInput, v: VariantSufficientStats): PlainArm {
  if (input.metric.type === 'ratio') {
    const s = ratioSums(v);
    return { n: v.n, mean: ratioMean(s), variance: ratioVariance(s) };
  }
  const y = { n: v.n, sum: v.sum, sumSquares: v.sum_squares };
  return { n: v.n, mean: meanOf(y), variance: varianceOf(y, momentKind(input.metric.type)) };
}

/** The pre-period fields a ratio metric needs for CUPED, beyond its own. */
export const RATIO_CUPED_FIELDS = [
  'pre_sum',
  'pre_sum_squares',
  'sum_product',
  'pre_den_sum',
  'pre_den_sum_squares',
  'den_pre_den_sum_product',
  'pre_num_pre_den_sum_product',
  'num_pre_den_sum_product',
  'pre_num_den_sum_product',
] as const satisfies readonly (keyof VariantSufficientStats)[];

function ratioCupedSums(v: VariantSufficientStats): RatioCupedSums | null {
  if (!RATIO_CUPED_FIELDS.every((f) => typeof v[f] === 'number')) return null;
  const r = ratioSums(v);
  const n = v.n;
  const num = (f: keyof VariantSufficientStats): number => v[f] as number;
  return {
    num: r.num,
    den: r.den,
    preNum: { n, sum: num('pre_sum'), sumSquares: num('pre_sum_squares') },
    preDen: { n, sum: num('pre_den_sum'), sumSquares: num('pre_den_sum_squares') },
    numDen: r.numDenSumProduct,
    numPreNum: num('sum_product'),
    denPreDen: num('den_pre_den_sum_product'),
    preNumPreDen: num('pre_num_pre_den_sum_product'),
    numPreDen: num('num_pre_den_sum_product'),
    preNumDen: num('pre_num_den_sum_product'),
  };
}

/**
 * CUPED for ratio metrics (gbstats' RegressionAdjustedRatioStatistic) where both arms carry
 * the pre-period fields; null otherwise, and where theta is negligible (|theta| < 1e-8, where
 * gbstats too reverts to the plain ratio).
 */
function ratioCupedComparison(control: VariantSufficientStats, treatment: VariantSufficientStats): Comparison | null {
  const c = ratioCupedSums(control);
  const t = ratioCupedSums(treatment);
  if (!c || !t) return null;
  const ca = ratioCupedArm(c);
  const ta = ratioCupedArm(t);
  const theta = ratioCupedTheta(ca, ta);
  return Math.abs(theta) < 1e-8 ? null : { kind: 'ratio-cuped', control: ca, treatment: ta, theta };
}

/**
 * CUPED applies to proportion and mean metrics, and to ratio metrics whose variants carry the
 * pre-period numerator and denominator sums and cross products; a ratio metric without them
 * is compared without CUPED (docs/experiment-statistics.md).
 */
function comparison(input: MetricTestInput, control: VariantSufficientStats, treatment: VariantSufficientStats): Comparison {
  if (input.cuped && input.metric.type === 'ratio') {
    const adjusted = ratioCupedComparison(control, treatment);
    if (adjusted) return adjusted;
  } else if (input.cuped) {
    const kind = momentKind(input.metric.type);
    const c = cupedSums(control);
    const t = cupedSums(treatment);
    return { kind: 'cuped', control: cupedArm(c, kind), treatment: cupedArm(t, kind), theta: pooledTheta(c, t, kind) };
  }
  return { kind: 'plain', control: plainArm(input, control), treatment: plainArm(input, treatment) };
}

function intervalTest(input: MetricTestInput, estimate: number, se: number, m: EffectMoments): IntervalTest {
  if (input.engine === 'sequential') return sequentialTest(estimate, se, m.nTotal, input.alpha, input.sequential_tuning);
  return tTest(estimate, se, m.df, input.alpha);
}

function treatmentOutput(input: MetricTestInput, control: VariantSufficientStats, v: VariantSufficientStats): TreatmentVariantOutput {
  const out: TreatmentVariantOutput = { variant: v.variant, users: v.n, mean: unadjustedMean(input, v) };
  const outcome = effectMoments(comparison(input, control, v), { control: control.variant, treatment: v.variant });
  if (!outcome.ok) {
    out.error = outcome.error;
    return out;
  }
  const m = outcome.moments;
  const abs = intervalTest(input, m.diff, m.seDiff, m);
  out.diff = m.diff;
  out.diff_ci = abs.ci;
  out.p_value = abs.p_value;
  if (m.relLift === undefined || m.seRel === undefined) {
    out.error = m.relativeError ?? 'no relative lift';
    return out;
  }
  const rel = intervalTest(input, m.relLift, m.seRel, m);
  out.rel_lift = m.relLift;
  out.rel_lift_ci = rel.ci;
  out.rel_p_value = rel.p_value;
  if (input.engine === 'bayesian') {
    const b = bayesianTest(m.relLift, m.seRel, input.prior, input.alpha, input.metric.inverse === true);
    out.chance_to_win = b.chance_to_win;
    out.ci = b.ci;
    out.risk = b.risk;
  }
  return out;
}

/**
 * One metric: the control variant first (users and unadjusted mean), then every other
 * variant in input order with its test against control, or `error` saying why there is none.
 */
export function testMetric(input: MetricTestInput): MetricOutput {
  const control = input.variants.find((v) => v.variant === input.control);
  if (!control) throw new RangeError(`control variant '${input.control}' is not among the variants`);
  const variants: VariantOutput[] = [{ variant: control.variant, users: control.n, mean: unadjustedMean(input, control) }];
  for (const v of input.variants) if (v !== control) variants.push(treatmentOutput(input, control, v));
  return { name: input.metric.name, variants };
}

function isTested(v: VariantOutput): v is TreatmentVariantOutput & { p_value: number } {
  return typeof (v as TreatmentVariantOutput).p_value === 'number';
}

/**
 * Holm-Bonferroni or Benjamini-Hochberg over every (metric, variant) pair that has a p-value:
 * the family is all of them together. The p-value adjusted is `p_value`, the test of the
 * absolute difference, which exists wherever any test ran (a relative p-value is missing where
 * the control mean is 0). `significant` is adjusted p <= alpha. `none` leaves the results as
 * they are. Returns new objects; the input is not changed.
 */
export function applyCorrection(metrics: MetricOutput[], correction: Correction, alpha: number): MetricOutput[] {
  const copy = metrics.map((m) => ({ ...m, variants: m.variants.map((v) => ({ ...v })) }));
  if (correction === 'none') return copy;
  const tested = copy.flatMap((m) => m.variants.filter(isTested));
  const adjusted = (correction === 'holm' ? holmAdjust : benjaminiHochbergAdjust)(tested.map((v) => v.p_value));
  tested.forEach((v, i) => {
    const p = adjusted[i] as number;
    v.p_value_adjusted = p;
    v.significant = p <= alpha;
  });
  return copy;
}
