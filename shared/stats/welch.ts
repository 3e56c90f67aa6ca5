import { studentTQuantile, studentTTwoSidedP } from './distributions';

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
 * Treatment against control (SPEC section 5), as GrowthBook's frequentist engine does it:
 * Welch standard error and Welch-Satterthwaite df; the relative lift's CI by the delta method
 * with the same t quantile and df.
 *
 * Undefined statistics are null (JSON has no NaN): with fewer than 2 users in either variant
 * or a zero standard error (both variants constant) there is no test, so p_value and both CIs
 * are null; with a control mean of 0 the relative lift and its CI are null.
 */
export function welchTest(control: SampleSummary, treatment: SampleSummary, alpha: number): WelchResult {
  const diff = treatment.mean - control.mean;
  const relLift = control.mean !== 0 ? diff / control.mean : null;
  const none: WelchResult = { diff, diff_ci: null, p_value: null, rel_lift: relLift, rel_lift_ci: null, se: null, df: null };
  if (control.n < 2 || treatment.n < 2) return none;
  const vc = control.variance / control.n;
  const vt = treatment.variance / treatment.n;
  const se = Math.sqrt(vc + vt);
  if (!(se > 0) || !Number.isFinite(se)) return none;
  const df = ((vc + vt) * (vc + vt)) / ((vc * vc) / (control.n - 1) + (vt * vt) / (treatment.n - 1));
  const t = diff / se;
  const tq = studentTQuantile(1 - alpha / 2, df);
  const result: WelchResult = {
    diff,
    diff_ci: [diff - tq * se, diff + tq * se],
    p_value: studentTTwoSidedP(t, df),
    rel_lift: relLift,
    rel_lift_ci: null,
    se,
    df,
  };
  if (relLift !== null) {
    const mc = control.mean;
    const seRel = Math.sqrt(
      treatment.variance / (treatment.n * mc * mc) + (treatment.mean * treatment.mean * control.variance) / (control.n * mc ** 4),
    );
    result.rel_lift_ci = [relLift - tq * seRel, relLift + tq * seRel];
  }
  return result;
}

/** Mean and sample variance from a sum and a sum of squares (the form GrowthBook reports). */
export function summaryFromSums(n: number, sum: number, sumSquares: number): SampleSummary {
  const mean = sum / n;
  const variance = n > 1 ? (sumSquares - (sum * sum) / n) / (n - 1) : 0;
  return { n, mean, variance };
}
