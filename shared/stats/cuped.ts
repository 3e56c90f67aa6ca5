import { covarianceOf, meanOf, varianceOf, type MomentKind, type SumsOf } from './moments';

/**
 * CUPED (Deng, Xu, Kohavi and Walker 2013) for one variant: the metric Y over the experiment
 * and the covariate X, the same metric over the pre-period, as sums over the variant's users.
 */
export interface CupedSums {
  y: SumsOf;
  x: SumsOf;
  /** Sum over users of X * Y. */
  sumProduct: number;
}

export interface CupedArm {
  n: number;
  meanY: number;
  varY: number;
  meanX: number;
  varX: number;
  covXY: number;
}

export function cupedArm(s: CupedSums, kind: MomentKind): CupedArm {
  return {
    n: s.y.n,
    meanY: meanOf(s.y),
    varY: varianceOf(s.y, kind),
    meanX: meanOf(s.x),
    varX: varianceOf(s.x, kind),
    covXY: covarianceOf(s.y.n, s.y.sum, s.x.sum, s.sumProduct, kind),
  };
}

/**
 * theta = cov(X, Y) / var(X) over the users of control and one treatment pooled (gbstats'
 * `compute_theta`), so each comparison gets its own theta and an arm's adjustment does not
 * depend on variants it is not compared with. 0 where either pooled variance is 0: there is
 * then no pre-period signal to remove and CUPED changes nothing.
 */
export function pooledTheta(a: CupedSums, b: CupedSums, kind: MomentKind): number {
  const n = a.y.n + b.y.n;
  const y: SumsOf = { n, sum: a.y.sum + b.y.sum, sumSquares: a.y.sumSquares + b.y.sumSquares };
  const x: SumsOf = { n, sum: a.x.sum + b.x.sum, sumSquares: a.x.sumSquares + b.x.sumSquares };
  const varY = varianceOf(y, kind);
  const varX = varianceOf(x, kind);
  if (varX === 0 || varY === 0) return 0;
  return covarianceOf(n, y.sum, x.sum, a.sumProduct + b.sumProduct, kind) / varX;
}

/** Per-user variance of Y - theta X: var(Y) + theta^2 var(X) - 2 theta cov(X, Y). */
export function adjustedVariance(arm: CupedArm, theta: number): number {
  return arm.varY + theta * theta * arm.varX - 2 * theta * arm.covXY;
}

/**
 * The arm's mean of Y - theta X. SPEC writes the adjusted mean as
 * mean(Y) - theta (mean(X) - pooled mean(X)); the pooled term is the same for both arms and
 * cancels in every difference, so it is left out here (as gbstats does).
 */
export function adjustedMean(arm: CupedArm, theta: number): number {
  return arm.meanY - theta * arm.meanX;
}

/**
 * Variance of the relative lift with CUPED by the delta method (gbstats'
 * `frequentist_variance_relative_cuped`): with unadjusted means m_t, m_c,
 *   [var_Yt + theta^2 var_Xt - 2 theta cov_t] / (n_t m_c^2)
 * + [var_Yc m_t^2 / m_c^2 - 2 theta cov_c m_t / m_c + theta^2 var_Xc] / (n_c m_c^2).
 */
export function relativeVarianceCuped(c: CupedArm, t: CupedArm, theta: number): number {
  const mc2 = c.meanY * c.meanY;
  const treatment = adjustedVariance(t, theta) / (t.n * mc2);
  const control = ((c.varY * t.meanY * t.meanY) / mc2 - (2 * theta * c.covXY * t.meanY) / c.meanY + theta * theta * c.varX) / (c.n * mc2);
  return treatment + control;
}
