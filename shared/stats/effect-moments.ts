import { adjustedMean, adjustedVariance, relativeVarianceCuped, type CupedArm } from './cuped';
import { ratioCupedMean, ratioCupedRelativeVariance, ratioCupedVariance, type RatioCupedArm } from './ratio-cuped';

/**
 * The estimate of one treatment against control and its standard errors, before any test
 * (gbstats' `EffectMoments`): SPEC section 5 v2.
 */

/** An arm without CUPED: users, unadjusted mean and per-user variance of the metric. */
export interface PlainArm {
  n: number;
  mean: number;
  variance: number;
}

export type Comparison =
  | { kind: 'plain'; control: PlainArm; treatment: PlainArm }
  | { kind: 'cuped'; control: CupedArm; treatment: CupedArm; theta: number }
  | { kind: 'ratio-cuped'; control: RatioCupedArm; treatment: RatioCupedArm; theta: number };

export interface EffectMoments {
  /** Adjusted mean_t - adjusted mean_c. */
  diff: number;
  seDiff: number;
  /** Welch-Satterthwaite degrees of freedom from the arms' (adjusted) variances. */
  df: number;
  /** Users in control and treatment together (the sequential test's N). */
  nTotal: number;
  /** diff / |unadjusted mean_c| and its delta-method standard error; absent with `relativeError`. */
  relLift?: number;
  seRel?: number;
  /** Why there are no relative figures (control mean 0) while the absolute test stands. */
  relativeError?: string;
}

export type EffectOutcome = { ok: true; moments: EffectMoments } | { ok: false; error: string };

interface ArmFigures {
  n: number;
  /** Unadjusted mean, the relative lift's baseline. */
  mean: number;
  /** Unadjusted per-user variance (ratio metrics: the delta-method variance). */
  rawVariance: number;
  /** Per-user variance of the (CUPED-adjusted) metric, the one the test uses. */
  variance: number;
  adjustedMean: number;
}

function figures(c: Comparison): { control: ArmFigures; treatment: ArmFigures } {
  if (c.kind === 'plain') {
    const arm = (a: PlainArm): ArmFigures => ({ n: a.n, mean: a.mean, rawVariance: a.variance, variance: a.variance, adjustedMean: a.mean });
    return { control: arm(c.control), treatment: arm(c.treatment) };
  }
  if (c.kind === 'ratio-cuped') {
    const arm = (a: RatioCupedArm): ArmFigures => ({
      n: a.n,
      mean: a.ratio,
      rawVariance: a.unadjustedVariance,
      variance: ratioCupedVariance(a, c.theta),
      adjustedMean: ratioCupedMean(a, c.theta),
    });
    return { control: arm(c.control), treatment: arm(c.treatment) };
  }
  const arm = (a: CupedArm): ArmFigures => ({
    n: a.n,
    mean: a.meanY,
    rawVariance: a.varY,
    variance: adjustedVariance(a, c.theta),
    adjustedMean: adjustedMean(a, c.theta),
  });
  return { control: arm(c.control), treatment: arm(c.treatment) };
}

/** Welch-Satterthwaite: (v_t/n_t + v_c/n_c)^2 / (v_t^2/(n_t^2 (n_t-1)) + v_c^2/(n_c^2 (n_c-1))). */
export function welchDf(varC: number, nC: number, varT: number, nT: number): number {
  const a = varT / nT;
  const b = varC / nC;
  return ((a + b) * (a + b)) / ((a * a) / (nT - 1) + (b * b) / (nC - 1));
}

/**
 * Guards, in order: fewer than 2 users in an arm, then a variance that is not positive in
 * either arm (unadjusted, or after CUPED) leave no test at all. A control mean of 0 (or a
 * relative variance that is not positive) removes only the relative figures: the absolute
 * difference has a baseline of its own and stays, as gbstats' Bayesian engine keeps its
 * absolute analysis when only the relative one hits a zero baseline.
 */
export function effectMoments(comparison: Comparison, names: { control: string; treatment: string }): EffectOutcome {
  const { control: c, treatment: t } = figures(comparison);
  if (c.n < 2) return { ok: false, error: `fewer than 2 users in ${names.control}` };
  if (t.n < 2) return { ok: false, error: `fewer than 2 users in ${names.treatment}` };
  for (const [arm, name] of [
    [c, names.control],
    [t, names.treatment],
  ] as const) {
    if (!(arm.rawVariance > 0) || !(arm.variance > 0)) return { ok: false, error: `zero variance in ${name}` };
  }
  const seDiff = Math.sqrt(t.variance / t.n + c.variance / c.n);
  if (!(seDiff > 0) || !Number.isFinite(seDiff)) return { ok: false, error: 'zero variance of the difference' };
  const moments: EffectMoments = {
    diff: t.adjustedMean - c.adjustedMean,
    seDiff,
    df: welchDf(c.variance, c.n, t.variance, t.n),
    nTotal: c.n + t.n,
  };
  if (c.mean === 0) {
    moments.relativeError = `the mean of ${names.control} is 0: no relative lift`;
    return { ok: true, moments };
  }
  const varRel =
    comparison.kind === 'cuped'
      ? relativeVarianceCuped(comparison.control, comparison.treatment, comparison.theta)
      : comparison.kind === 'ratio-cuped'
        ? ratioCupedRelativeVariance(comparison.control, comparison.treatment, comparison.theta)
        : t.rawVariance / (t.n * c.mean * c.mean) + (t.mean * t.mean * c.rawVariance) / (c.n * c.mean ** 4);
  if (!(varRel > 0) || !Number.isFinite(varRel)) {
    moments.relativeError = 'zero variance of the relative lift';
    return { ok: true, moments };
  }
  moments.relLift = moments.diff / Math.abs(c.mean);
  moments.seRel = Math.sqrt(varRel);
  return { ok: true, moments };
}
