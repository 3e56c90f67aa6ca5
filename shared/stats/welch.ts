import { effectMoments } from './effect-moments';
import { tTest } from './frequentist';

/** Summary statistics of one variant's per-user metric values. */
export interface SampleSummary {
  n: number;
  mean: number;
  /** Sample variance (n - 1 in the denominator). */
  variance: number;
}

export interface WelchResult {
  diff: number;
  diff_ci: [number, number] | null;
  p_value: number | null;
  rel_lift: number | null;
  rel_lift_ci: [number, number] | null;
  se: number | null;
  df: number | null;
}

/**
 * Treatment against control from per-variant summaries: the frequentist engine of
 * `testMetric` (./experiment-stats.ts) without CUPED, in a flat shape with nulls (the bench
 * keeps using it). Welch standard error and Welch-Satterthwaite df; the relative lift over
 * |control mean| with its delta-method interval at the same t quantile and df.
 *
 * Undefined statistics are null (JSON has no NaN): with fewer than 2 users in either variant
 * or a variance that is not positive in either there is no test, so p_value and both CIs are
 * null; with a control mean of 0 the relative lift and its CI are null.
 */
export function welchTest(control: SampleSummary, treatment: SampleSummary, alpha: number): WelchResult {
  const diff = treatment.mean - control.mean;
  const relLift = control.mean !== 0 ? diff / Math.abs(control.mean) : null;
  const none: WelchResult = { diff, diff_ci: null, p_value: null, rel_lift: relLift, rel_lift_ci: null, se: null, df: null };
  const outcome = effectMoments({ kind: 'plain', control, treatment }, { control: 'control', treatment: 'treatment' });
  if (!outcome.ok) return none;
  const m = outcome.moments;
  const abs = tTest(m.diff, m.seDiff, m.df, alpha);
  const result: WelchResult = { ...none, diff_ci: abs.ci, p_value: abs.p_value, se: m.seDiff, df: m.df };
  if (m.relLift !== undefined && m.seRel !== undefined) result.rel_lift_ci = tTest(m.relLift, m.seRel, m.df, alpha).ci;
  return result;
}

/** Mean and sample variance from a sum and a sum of squares (the form GrowthBook reports). */
export function summaryFromSums(n: number, sum: number, sumSquares: number): SampleSummary {
  const mean = n > 0 ? sum / n : 0;
  const variance = n > 1 ? (sumSquares - (sum * sum) / n) / (n - 1) : 0;
  return { n, mean, variance };
}
