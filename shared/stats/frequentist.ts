import { studentTQuantile, studentTTwoSidedP } from './distributions';

/** A two-sided interval and p-value for one estimate. */
export interface IntervalTest {
  ci: [number, number];
  p_value: number;
}

/**
 * Welch's t-test on an estimate with standard error `se` and `df` degrees of freedom
 * (gbstats' `TwoSidedTTest`): est +- t(1 - alpha/2, df) se and P(|T| >= |est / se|).
 */
export function tTest(estimate: number, se: number, df: number, alpha: number): IntervalTest {
  // t(1 - alpha/2) as -t(alpha/2): 1 - alpha/2 rounds away a tiny alpha, alpha/2 keeps it.
  const halfwidth = -studentTQuantile(alpha / 2, df) * se;
  return { ci: [estimate - halfwidth, estimate + halfwidth], p_value: studentTTwoSidedP(estimate / se, df) };
}
