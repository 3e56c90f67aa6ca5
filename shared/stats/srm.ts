import { chiSquareSurvival } from './distributions';

export interface SrmResult {
  p_value: number;
  flag: boolean;
  chi_square: number;
}

/** SPEC section 5: SRM is flagged where the goodness-of-fit p-value is below this. */
export const SRM_THRESHOLD = 0.001;

/**
 * Expected shares from weights: each weight over their sum, after scaling by the largest so
 * that weights such as 1e308 (whose sum overflows to Infinity) still give exact shares.
 * Weights that are not positive (or not finite numbers) get share 0.
 */
export function normaliseWeights(weights: readonly number[]): number[] {
  const usable = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const max = Math.max(0, ...usable);
  if (max === 0) return usable.map(() => 0);
  const scaled = usable.map((w) => w / max);
  const sum = scaled.reduce((a, b) => a + b, 0);
  return scaled.map((w) => w / sum);
}

/**
 * Chi-square goodness of fit of observed variant counts against expected shares (weights
 * normalised to sum 1), with k - 1 degrees of freedom (gbstats' `check_srm`). A variant whose
 * weight is not positive adds nothing to the statistic, as in gbstats. One variant alone (or
 * no users) has nothing to mismatch: p = 1.
 */
export function sampleRatioMismatch(counts: readonly number[], weights: readonly number[]): SrmResult {
  const total = counts.reduce((a, b) => a + b, 0);
  const shares = normaliseWeights(weights);
  let chi = 0;
  counts.forEach((observed, i) => {
    const expected = total * (shares[i] ?? 0);
    if (expected > 0) chi += ((observed - expected) * (observed - expected)) / expected;
  });
  const k = counts.length;
  const p = k < 2 || total === 0 ? 1 : chiSquareSurvival(chi, k - 1);
  return { p_value: p, flag: p < SRM_THRESHOLD, chi_square: chi };
}
