import type { BayesianPrior } from './experiment-stats-types';
import { normalCdf, normalPdf, normalQuantile } from './distributions';
import { sequentialHalfwidth } from './sequential';

/**
 * Power, minimum detectable effect and sample size for a two-variant test of means (a
 * proportion is a mean of 0/1), normal approximation, two-sided at `alpha`. One formula
 * underlies all of them, the power of the z-test counting both tails (as gbstats'
 * `MidExperimentPower.power` and GrowthBook's power calculator do):
 *
 *   power(d) = Phi(d - z) + Phi(-d - z),  d = |effect| / se,  z = z(1 - alpha/2).
 *
 * power(d) rises with d, so for a target power there is one d* (about z + z(power)); the
 * minimum detectable effect is d* se and the sample size is the n whose se makes d* se the
 * effect. The two are the same equation read in two directions and invert exactly.
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
  /** mde / |baselineMean|; null where the baseline is 0. */
  relativeMde: number | null;
}

function checkLevels(alpha: number, power: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be between 0 and 1, not ${alpha}`);
  if (!(power > 0 && power < 1)) throw new RangeError(`power must be between 0 and 1, not ${power}`);
}

/** power(d) for a standardised effect d = |effect| / se and critical value z. */
function powerAt(d: number, z: number): number {
  return normalCdf(d - z) + normalCdf(-d - z);
}

/** Power of the two-sided z-test at level alpha to detect `effect` measured with standard error `se`. */
export function powerOfTest(effect: number, se: number, alpha: number): number {
  return powerAt(Math.abs(effect) / se, normalQuantile(1 - alpha / 2));
}

/**
 * d* with power(d*) = power for critical value z: Newton from z + z(power) (the root when the
 * far tail is ignored), which power(d) - target is convex enough for to converge in a few steps.
 * Where even d = 0 has the power (power <= alpha) nothing needs detecting: d* = 0.
 */
function standardisedEffect(z: number, power: number): number {
  if (powerAt(0, z) >= power) return 0;
  let d = z + normalQuantile(power);
  for (let i = 0; i < 50; i++) {
    const step = (powerAt(d, z) - power) / (normalPdf(d - z) - normalPdf(d + z));
    d -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, d)) break;
  }
  return d;
}

/** d* for a two-sided test at `alpha` to reach `power`. */
export function detectableStandardisedEffect(alpha: number, power: number): number {
  checkLevels(alpha, power);
  return standardisedEffect(normalQuantile(1 - alpha / 2), power);
}

export function minimumDetectableEffect(inputs: PowerInputs, nControl: number, nTreatment: number): MdeResult {
  const d = detectableStandardisedEffect(inputs.alpha, inputs.power);
  if (!(nControl > 0 && nTreatment > 0) || !(inputs.variance >= 0)) return { mde: null, relativeMde: null };
  const mde = d * Math.sqrt(inputs.variance / nControl + inputs.variance / nTreatment);
  return { mde, relativeMde: inputs.baselineMean !== 0 ? mde / Math.abs(inputs.baselineMean) : null };
}

/**
 * Users needed in total to detect an absolute effect `mde`, with `treatmentShare` of users in
 * treatment (0.5 for an even split; a 10 % holdout is 0.9 treatment against 0.1 control):
 * the MDE equation solved for n, d*^2 variance (1/share + 1/(1 - share)) / mde^2, rounded up.
 */
export function requiredSampleSize(inputs: PowerInputs, mde: number, treatmentShare = 0.5): number | null {
  const d = detectableStandardisedEffect(inputs.alpha, inputs.power);
  if (!(mde > 0) || !(treatmentShare > 0 && treatmentShare < 1) || !(inputs.variance >= 0)) return null;
  const total = ((d * d * inputs.variance) / (mde * mde)) * (1 / treatmentShare + 1 / (1 - treatmentShare));
  // Guard against 14913.000000000002 from rounding in the line above becoming 14914.
  return Math.ceil(total * (1 - 1e-12));
}

/** The power reached for an absolute effect with these group sizes. */
export function achievedPower(inputs: Omit<PowerInputs, 'power'>, effect: number, nControl: number, nTreatment: number): number | null {
  if (!(nControl > 0 && nTreatment > 0) || !(inputs.variance > 0)) return null;
  return powerOfTest(effect, Math.sqrt(inputs.variance / nControl + inputs.variance / nTreatment), inputs.alpha);
}

/**
 * Mid-experiment power (gbstats' `MidExperimentPower`): part-way through, the standard error
 * of the effect so far tells how precise the end result will be. With s more users per user
 * so far, the variance of the estimate becomes se^2 / (1 + s); the chance of detecting the
 * target effect then is the power formula above at that variance (or, with a proper prior, the
 * chance the posterior interval excludes 0; sequentially, with the always-valid halfwidth).
 */
export interface MidExperimentPowerInput {
  /** Users in control and the variant so far. */
  usersSoFar: number;
  /** Users the pair is planned to reach in total. */
  plannedUsers: number;
  /** Standard error of the effect estimate now (on the scale of `targetEffect`, e.g. relative). */
  standardError: number;
  /** The effect the experiment should be able to detect (e.g. 0.05 for a 5 % lift). */
  targetEffect: number;
  alpha: number;
  /** Default 0.8. */
  targetPower?: number;
  /** Sequential testing with this tuning (Waudby-Smith), instead of the fixed-sample test. */
  sequentialTuning?: number;
  /** A proper prior makes it the Bayesian engine's power (improper priors change nothing). */
  prior?: BayesianPrior;
  /** gbstats' multiple-testing allowance: alpha / tests with p-value correction, power^(1 / goal metrics). */
  goalMetrics?: number;
  variants?: number;
  pValueCorrected?: boolean;
}

export interface MidExperimentPowerResult {
  /** Chance of detecting the target effect if the experiment stopped now. */
  powerNow: number;
  /** ... and at the planned total. */
  powerAtPlan: number;
  /** Users the pair needs in total for the target power; null where no finite number reaches it. */
  usersNeeded: number | null;
  /** usersNeeded - usersSoFar, at least 0. */
  additionalUsers: number | null;
  /** usersSoFar / usersNeeded, at most 1: how far along the needed sample the experiment is. */
  progress: number | null;
  /** The power already reached: no more users are needed. */
  alreadyPowered: boolean;
}

/** The power with s additional users per user so far. */
function midPower(input: MidExperimentPowerInput, s: number): number {
  const tests = input.pValueCorrected ? Math.max(1, ((input.variants ?? 2) - 1) * (input.goalMetrics ?? 1)) : 1;
  const multiplier = normalQuantile(1 - input.alpha / (2 * tests));
  const variance = (input.standardError * input.standardError) / (1 + s);
  const sd = Math.sqrt(variance);
  const target = Math.abs(input.targetEffect);
  const prior = input.prior;
  if (prior?.proper) {
    const precision = 1 / prior.variance + 1 / variance;
    const a = variance * Math.sqrt(precision) * multiplier;
    const b = (variance * prior.mean) / prior.variance;
    return 1 - normalCdf((a - b - target) / sd) + normalCdf(-(a + b + target) / sd);
  }
  const halfwidth =
    input.sequentialTuning !== undefined
      ? sequentialHalfwidth(input.standardError, input.usersSoFar * (1 + s), input.usersSoFar, input.alpha / tests, input.sequentialTuning)
      : multiplier * sd;
  return 1 - normalCdf((halfwidth - target) / sd) + normalCdf(-(halfwidth + target) / sd);
}

/** The least s with midPower(s) >= power: doubling to a bracket, then bisection to 1e-12 relative. */
function scalingFactorFor(input: MidExperimentPowerInput, power: number): number | null {
  if (midPower(input, 0) >= power) return 0;
  let hi = 1;
  while (midPower(input, hi) < power) {
    hi *= 2;
    if (hi > 2 ** 60) return null;
  }
  let lo = hi === 1 ? 0 : hi / 2;
  while (hi - lo > 1e-12 * hi) {
    const mid = (lo + hi) / 2;
    if (midPower(input, mid) >= power) hi = mid;
    else lo = mid;
  }
  return hi;
}

export function midExperimentPower(input: MidExperimentPowerInput): MidExperimentPowerResult {
  const targetPower = input.targetPower ?? 0.8;
  checkLevels(input.alpha, targetPower);
  if (!(input.usersSoFar > 0) || !(input.standardError > 0) || !(input.targetEffect !== 0)) {
    throw new RangeError('mid-experiment power needs users so far, a positive standard error and a non-zero target effect');
  }
  // gbstats: with several goal metrics each must reach power^(1/k) for all to reach the target together.
  const power = targetPower ** (1 / Math.max(1, input.goalMetrics ?? 1));
  const powerNow = midPower(input, 0);
  const planned = Math.max(input.plannedUsers, input.usersSoFar);
  const powerAtPlan = midPower(input, planned / input.usersSoFar - 1);
  const s = scalingFactorFor(input, power);
  const usersNeeded = s === null ? null : input.usersSoFar * (1 + s);
  return {
    powerNow,
    powerAtPlan,
    usersNeeded,
    additionalUsers: usersNeeded === null ? null : Math.max(0, usersNeeded - input.usersSoFar),
    progress: usersNeeded === null ? null : Math.min(1, input.usersSoFar / usersNeeded),
    alreadyPowered: powerNow >= power,
  };
}
