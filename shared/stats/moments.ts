import type { MetricType } from './experiment-stats-types';

/**
 * Per-variant moments from sufficient statistics, as gbstats' `SampleMeanStatistic`,
 * `ProportionStatistic` and `compute_covariance` define them (SPEC section 5 v2):
 * mean metrics use the n - 1 sample variance and covariance; proportion metrics the
 * Bernoulli variance p(1 - p) and covariance sum(XY)/n - mean(X) mean(Y). With one user or
 * none a variance or covariance is 0 (there is nothing to estimate it from), as in gbstats.
 */

/** Sums of one variable over a variant's users. */
export interface SumsOf {
  n: number;
  sum: number;
  sumSquares: number;
}

/** `proportion` statistics are Bernoulli; everything else is a sample mean. */
export type MomentKind = 'proportion' | 'mean';

export function momentKind(type: MetricType): MomentKind {
  return type === 'proportion' ? 'proportion' : 'mean';
}

export function meanOf(s: SumsOf): number {
  return s.n === 0 ? 0 : s.sum / s.n;
}

export function varianceOf(s: SumsOf, kind: MomentKind): number {
  if (kind === 'proportion') {
    const p = meanOf(s);
    return p * (1 - p);
  }
  if (s.n <= 1) return 0;
  return (s.sumSquares - (s.sum * s.sum) / s.n) / (s.n - 1);
}

/** Covariance of two variables over the same n users from their sums and sum of products. */
export function covarianceOf(n: number, sumA: number, sumB: number, sumOfProducts: number, kind: MomentKind): number {
  if (n <= 1) return 0;
  if (kind === 'proportion') return sumOfProducts / n - (sumA * sumB) / (n * n);
  return (sumOfProducts - (sumA * sumB) / n) / (n - 1);
}
