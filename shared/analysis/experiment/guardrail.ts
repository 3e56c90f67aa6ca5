import type { ExperimentSpec } from '../../specs/experiment-spec';
import type { TreatmentVariantOutput } from '../../stats/experiment-stats-types';

/**
 * Whether a variant significantly harms a guardrail metric (our extension, docs/spec.md 5.x).
 * Harm is a move in the bad direction: down, or up for an `inverse` metric.
 * - frequentist / sequential: the test of the difference is significant (the adjusted p-value's
 *   `significant` under a correction, else p_value < alpha) and diff points the bad way;
 * - bayesian: the chance to win (already flipped for `inverse`) is below alpha, i.e. the
 *   posterior puts more than 1 - alpha on the bad direction.
 * A variant that could not be tested is never flagged.
 */
export function guardrailHarm(spec: ExperimentSpec, inverse: boolean, v: TreatmentVariantOutput): boolean {
  if (spec.engine === 'bayesian') return typeof v.chance_to_win === 'number' && v.chance_to_win < spec.alpha;
  if (typeof v.diff !== 'number' || typeof v.p_value !== 'number') return false;
  const significant = spec.correction === 'none' ? v.p_value < spec.alpha : v.significant === true;
  const harmful = inverse ? v.diff > 0 : v.diff < 0;
  return significant && harmful;
}
