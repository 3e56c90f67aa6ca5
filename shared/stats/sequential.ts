import type { IntervalTest } from './frequentist';

/**
 * Always-valid intervals and p-values (Waudby-Smith, Arnold, Wu, Howard, Ramdas and Ramdas
 * 2023, "Time-uniform central limit theory and asymptotic confidence sequences", eq. 9 and
 * the e-value of their appendix; gbstats' `SequentialTwoSidedTTest`). `tuning` is the sample
 * size at which the interval is tightest (GrowthBook's default 5000).
 */
export const DEFAULT_SEQUENTIAL_TUNING = 5000;

/** rho = sqrt((-2 ln alpha + ln(-2 ln alpha + 1)) / tuning). */
export function sequentialRho(alpha: number, tuning: number): number {
  const l = -2 * Math.log(alpha);
  return Math.sqrt((l + Math.log(l + 1)) / tuning);
}

/**
 * The always-valid halfwidth at N users for an estimate whose standard error was `se` at
 * `nAtSe` users (s2 = se^2 nAtSe is the per-user variance of the estimate).
 */
export function sequentialHalfwidth(se: number, n: number, nAtSe: number, alpha: number, tuning: number): number {
  const rho = sequentialRho(alpha, tuning);
  const tr2p1 = n * rho * rho + 1;
  return Math.sqrt(se * se * nAtSe) * Math.sqrt((2 * tr2p1 * Math.log(Math.sqrt(tr2p1) / alpha)) / (n * rho) ** 2);
}

/**
 * With N users in both arms and s2 = se^2 N:
 *   halfwidth = sqrt(s2) sqrt(2 (N rho^2 + 1) ln(sqrt(N rho^2 + 1) / alpha) / (N rho)^2)
 *   p = min(1, 1 / e), e = exp(rho^2 z2 / (2 (N rho^2 + 1))) / sqrt(N rho^2 + 1), z2 = est^2 N / se^2.
 */
export function sequentialTest(estimate: number, se: number, nTotal: number, alpha: number, tuning: number): IntervalTest {
  const rho = sequentialRho(alpha, tuning);
  const n = nTotal;
  const tr2p1 = n * rho * rho + 1;
  const halfwidth = sequentialHalfwidth(se, n, n, alpha, tuning);
  const z2 = (estimate * estimate * n) / (se * se);
  // 1/e computed in logs: e overflows for large z2 where the p-value is simply ~0.
  const logE = (rho * rho * z2) / (2 * tr2p1) - 0.5 * Math.log(tr2p1);
  return { ci: [estimate - halfwidth, estimate + halfwidth], p_value: Math.min(1, Math.exp(-logE)) };
}
