import { normalCdf, normalQuantile } from './distributions';

/**
 * Power and minimum detectable effect for a two-variant test of means (a proportion is a mean
 * of 0/1), from a pre-period variance. Normal approximation, two-sided at `alpha`:
 *   MDE = (z(1 - alpha/2) + z(power)) * sqrt(variance / n_c + variance / n_t)
 * which is what experiment calculators (GrowthBook, Evan Miller, Optimizely) report for the
 * sample sizes experiments run at; both variants are assumed to share the pre-period variance.
 */
export interface PowerInputs {
  /** Per-user variance of the metric (sample variance of the pre-period). */
  variance: number;
  /** Pre-period mean, for the relative MDE. */
  baselineMean: number;
  alpha: number;
  /** Desired power, e.g. 0.8. */
  power: number;
}

export interface MdeResult {
  /** Smallest absolute difference detected with the given power; null when n is too small. */
  mde: number | null;
  /** mde / baselineMean; null where the baseline is 0. */
  relativeMde: number | null;
}

function zSum(alpha: number, power: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be between 0 and 1, not ${alpha}`);
  if (!(power > 0 && power < 1)) throw new RangeError(`power must be between 0 and 1, not ${power}`);
  return normalQuantile(1 - alpha / 2) + normalQuantile(power);
}

export function minimumDetectableEffect(inputs: PowerInputs, nControl: number, nTreatment: number): MdeResult {
  const z = zSum(inputs.alpha, inputs.power);
  if (!(nControl > 0 && nTreatment > 0) || !(inputs.variance >= 0)) return { mde: null, relativeMde: null };
  const mde = z * Math.sqrt(inputs.variance / nControl + inputs.variance / nTreatment);
  return { mde, relativeMde: inputs.baselineMean !== 0 ? mde / Math.abs(inputs.baselineMean) : null };
}

/**
 * Users needed in total to detect an absolute effect `mde`, with `treatmentShare` of users in
 * treatment (0.5 for an even split; a 10 % holdout is 0.9 treatment against 0.1 control).
 */
export function requiredSampleSize(inputs: PowerInputs, mde: number, treatmentShare = 0.5): number | null {
  const z = zSum(inputs.alpha, inputs.power);
  if (!(mde > 0) || !(treatmentShare > 0 && treatmentShare < 1)) return null;
  const total = ((z * z * inputs.variance) / (mde * mde)) * (1 / treatmentShare + 1 / (1 - treatmentShare));
  return Math.ceil(total);
}

/** The power reached for an absolute effect with these group sizes (the far tail is ignored). */
export function achievedPower(inputs: Omit<PowerInputs, 'power'>, effect: number, nControl: number, nTreatment: number): number | null {
  if (!(nControl > 0 && nTreatment > 0) || !(inputs.variance > 0)) return null;
  const se = Math.sqrt(inputs.variance / nControl + inputs.variance / nTreatment);
  return normalCdf(Math.abs(effect) / se - normalQuantile(1 - inputs.alpha / 2));
}
