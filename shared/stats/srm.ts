import { chiSquareSurvival } from './distributions';

export interface SrmResult {
  p_value: number;
  flag: boolean;
  chi_square: number;
}

/** SPEC section 5: SRM is flagged where the goodness-of-fit p-value is below this. */
export const SRM_THRESHOLD = 0.001;

/**
 * Chi-square goodness of fit of observed variant counts against expected shares (weights
 * normalised to sum 1), with k - 1 degrees of freedom. One variant alone has nothing to
 * mismatch: p = 1.
 */
export function sampleRatioMismatch(counts: readonly number[], weights: readonly number[]): SrmResult {
  const total = counts.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  let chi = 0;
  counts.forEach((observed, i) => {
    const expected = (total * (weights[i] ?? 0)) / weightSum;
    if (expected > 0) chi += ((observed - expected) * (observed - expected)) / expected;
  });
  const k = counts.length;
  const p = k < 2 || total === 0 ? 1 : chiSquareSurvival(chi, k - 1);
  return { p_value: p, flag: p < SRM_THRESHOLD, chi_square: chi };
}
