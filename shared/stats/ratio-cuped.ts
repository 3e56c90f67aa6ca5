import { covarianceOf, meanOf, varianceOf, type SumsOf } from './moments';
import { ratioVariance } from './ratio';

/**
 * CUPED for ratio metrics (gbstats' `RegressionAdjustedRatioStatistic`): the adjusted value of
 * an arm is M/D - theta Mpre/Dpre over the sample means of numerator and denominator in the
 * experiment (M, D) and the pre-period (Mpre, Dpre); its variance comes from the delta method
 * on the 4 x 4 covariance matrix of those means.
 */
export interface RatioCupedSums {
  num: SumsOf;
  den: SumsOf;
  preNum: SumsOf;
  preDen: SumsOf;
  /** Sums of products, named by their two factors. */
  numDen: number;
  numPreNum: number;
  denPreDen: number;
  preNumPreDen: number;
  numPreDen: number;
  preNumDen: number;
}

export interface RatioCupedArm {
  n: number;
  /** Means of num, den, pre num, pre den (gbstats' betahat). */
  means: [number, number, number, number];
  /** Their per-user covariance matrix (gbstats' lambda_matrix), n - 1 denominators. */
  lambda: number[][];
  /** Unadjusted sum(num) / sum(den), and the pre-period's. */
  ratio: number;
  preRatio: number;
  /** The plain ratio's delta-method variance (no adjustment). */
  unadjustedVariance: number;
}

export function ratioCupedArm(s: RatioCupedSums): RatioCupedArm {
  const n = s.num.n;
  const cov = (a: SumsOf, b: SumsOf, product: number): number => covarianceOf(n, a.sum, b.sum, product, 'mean');
  const v = (a: SumsOf): number => varianceOf(a, 'mean');
  const cMD = cov(s.num, s.den, s.numDen);
  const cMMp = cov(s.num, s.preNum, s.numPreNum);
  const cMDp = cov(s.num, s.preDen, s.numPreDen);
  const cDMp = cov(s.den, s.preNum, s.preNumDen);
  const cDDp = cov(s.den, s.preDen, s.denPreDen);
  const cMpDp = cov(s.preNum, s.preDen, s.preNumPreDen);
  return {
    n,
    means: [meanOf(s.num), meanOf(s.den), meanOf(s.preNum), meanOf(s.preDen)],
    lambda: [
      [v(s.num), cMD, cMMp, cMDp],
      [cMD, v(s.den), cDMp, cDDp],
      [cMMp, cDMp, v(s.preNum), cMpDp],
      [cMDp, cDDp, cMpDp, v(s.preDen)],
    ],
    ratio: s.den.sum === 0 ? 0 : s.num.sum / s.den.sum,
    preRatio: s.preDen.sum === 0 ? 0 : s.preNum.sum / s.preDen.sum,
    unadjustedVariance: ratioVariance({ num: s.num, den: s.den, numDenSumProduct: s.numDen }),
  };
}

/** Gradient of M/D - theta Mpre/Dpre in the four means (gbstats' nabla); 0 where a denominator mean is 0. */
export function gradient(arm: RatioCupedArm, theta: number): [number, number, number, number] {
  const [m, d, mp, dp] = arm.means;
  if (d === 0 || dp === 0) return [0, 0, 0, 0];
  return [1 / d, -m / (d * d), -theta / dp, (theta * mp) / (dp * dp)];
}

/** g' L h over the index range [from, to) of g and [from2, to2) of h. */
function quadratic(g: readonly number[], lambda: number[][], h: readonly number[], rows: [number, number], cols: [number, number]): number {
  let total = 0;
  for (let i = rows[0]; i < rows[1]; i++) {
    for (let j = cols[0]; j < cols[1]; j++) total += (g[i] as number) * (lambda[i]?.[j] as number) * (h[j] as number);
  }
  return total;
}

/** Per-user variance of the adjusted ratio. */
export function ratioCupedVariance(arm: RatioCupedArm, theta: number): number {
  const g = gradient(arm, theta);
  return quadratic(g, arm.lambda, g, [0, 4], [0, 4]);
}

/** The adjusted value M/D - theta Mpre/Dpre (0 where either denominator sums to 0, as gbstats). */
export function ratioCupedMean(arm: RatioCupedArm, theta: number): number {
  if (arm.means[1] === 0 || arm.means[3] === 0) return 0;
  return arm.ratio - theta * arm.preRatio;
}

/**
 * gbstats' `compute_theta_regression_adjusted_ratio`: with theta = 1 in the gradient,
 * theta = -(cov_a + cov_b) / (var_pre_a + var_pre_b), where var_pre is the pre-period part of
 * the quadratic form and cov its cross term with the experiment part; 0 where var_pre sums to 0.
 */
export function ratioCupedTheta(a: RatioCupedArm, b: RatioCupedArm): number {
  const parts = (arm: RatioCupedArm): { varPre: number; cov: number } => {
    const g = gradient(arm, 1);
    return { varPre: quadratic(g, arm.lambda, g, [2, 4], [2, 4]), cov: quadratic(g, arm.lambda, g, [2, 4], [0, 2]) };
  };
  const pa = parts(a);
  const pb = parts(b);
  if (pa.varPre + pb.varPre === 0) return 0;
  return -(pa.cov + pb.cov) / (pa.varPre + pb.varPre);
}

/** gbstats' `frequentist_variance_relative_cuped_ratio`: the relative lift's variance (already over n). */
export function ratioCupedRelativeVariance(c: RatioCupedArm, t: RatioCupedArm, theta: number): number {
  const [mc, dc] = c.means;
  if (c.ratio === 0 || dc === 0) return 0;
  const gAbs = ratioCupedMean(t, theta) - ratioCupedMean(c, theta);
  const base = Math.abs(c.ratio);
  const gc = gradient(c, theta);
  const gradControl = [-(base + gAbs) / dc / (base * base), ((mc * base) / (dc * dc) + (mc * gAbs) / (dc * dc)) / (base * base), -gc[2] / base, -gc[3] / base];
  const gradTreatment = gradient(t, theta).map((x) => x / base);
  return quadratic(gradControl, c.lambda, gradControl, [0, 4], [0, 4]) / c.n + quadratic(gradTreatment, t.lambda, gradTreatment, [0, 4], [0, 4]) / t.n;
}
