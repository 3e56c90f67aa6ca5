import { covarianceOf, meanOf, varianceOf, type SumsOf } from './moments';

/**
 * Ratio metrics (gbstats' `RatioStatistic`): a variant's value is sum(num) / sum(den) and its
 * per-user variance comes from the delta method on the two sample means.
 */
export interface RatioSums {
  num: SumsOf;
  den: SumsOf;
  /** Sum over users of num * den. */
  numDenSumProduct: number;
}

/**
 * Var(M / D) to first order for means M, D with variances var_m, var_d and covariance cov:
 * var_m / D^2 + var_d M^2 / D^4 - 2 cov M / D^3 (gbstats' `variance_of_ratios`); 0 where D = 0.
 */
export function varianceOfRatios(meanM: number, varM: number, meanD: number, varD: number, cov: number): number {
  if (meanD === 0) return 0;
  return varM / meanD ** 2 + (varD * meanM ** 2) / meanD ** 4 - (2 * cov * meanM) / meanD ** 3;
}

/** sum(num) / sum(den); 0 where the denominator sums to 0 (as gbstats). */
export function ratioMean(s: RatioSums): number {
  return s.den.sum === 0 ? 0 : s.num.sum / s.den.sum;
}

/** Per-user variance of the ratio: numerator and denominator are sample means (n - 1). */
export function ratioVariance(s: RatioSums): number {
  const meanD = meanOf(s.den);
  if (meanD === 0 || s.num.n <= 1) return 0;
  return varianceOfRatios(
    meanOf(s.num),
    varianceOf(s.num, 'mean'),
    meanD,
    varianceOf(s.den, 'mean'),
    covarianceOf(s.num.n, s.num.sum, s.den.sum, s.numDenSumProduct, 'mean'),
  );
}
