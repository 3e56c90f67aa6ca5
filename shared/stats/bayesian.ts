import type { BayesianPrior } from './experiment-stats-types';
import { normalCdf, normalPdf, normalQuantile } from './distributions';

/**
 * GrowthBook's Bayesian engine for one effect (gbstats' `EffectBayesianABTest`): the data
 * give a Gaussian likelihood for the effect with mean `estimate` and variance se^2; a proper
 * prior N(mean, variance) adds its precision, an improper one is flat.
 */
export const DEFAULT_PRIOR: BayesianPrior = { mean: 0, variance: 0.09, proper: false };

export interface BayesianResult {
  chance_to_win: number;
  ci: [number, number];
  risk: [number, number];
  /** Posterior mean and standard deviation of the effect. */
  mean: number;
  sd: number;
}

/**
 * E[max(-X, 0)] for X ~ N(mu, sigma^2) = sigma (phi(z) - z Q(z)) with z = mu / sigma and
 * Q the upper normal tail. For z > 3 the difference cancels, so it is taken from the
 * continued fraction of Mills' ratio R = Q / phi = 1 / (z + 1 / (z + 2 / (z + 3 / ...))):
 * writing R = 1 / (z + c), phi - z Q = phi c / (z + c) with no subtraction.
 */
export function expectedShortfall(mu: number, sigma: number): number {
  const z = mu / sigma;
  if (z <= 3) return sigma * (normalPdf(z) - z * normalCdf(-z));
  let tail = 0;
  for (let k = 200; k >= 2; k--) tail = k / (z + tail);
  const c = 1 / (z + tail);
  return (sigma * normalPdf(z) * c) / (z + c);
}

/**
 * gbstats' `get_risk`: [expected loss of choosing control, expected loss of choosing the
 * variant] = [E[max(X, 0)], E[max(-X, 0)]]. The first is E[max(-Y, 0)] for Y = -X.
 */
export function risk(mu: number, sigma: number): [number, number] {
  return [expectedShortfall(-mu, sigma), expectedShortfall(mu, sigma)];
}

/**
 * Posterior precision 1/se^2 (+ 1/prior variance when proper), mean precision-weighted.
 * chance_to_win = P(effect > 0); `ci` the central 1 - alpha credible interval. With
 * `inverse` (lower is better) chance to win is P(effect < 0) and the two risks swap, as
 * gbstats does; the interval is the effect's and does not change.
 */
export function bayesianTest(estimate: number, se: number, prior: BayesianPrior, alpha: number, inverse: boolean): BayesianResult {
  const dataPrecision = 1 / (se * se);
  const precision = dataPrecision + (prior.proper ? 1 / prior.variance : 0);
  const mean = prior.proper ? (estimate * dataPrecision + prior.mean / prior.variance) / precision : estimate;
  const sd = Math.sqrt(1 / precision);
  const z = -normalQuantile(alpha / 2);
  const up = normalCdf(mean / sd);
  const down = normalCdf(-mean / sd);
  const [riskControl, riskVariant] = risk(mean, sd);
  return {
    chance_to_win: inverse ? down : up,
    ci: [mean - z * sd, mean + z * sd],
    risk: inverse ? [riskVariant, riskControl] : [riskControl, riskVariant],
    mean,
    sd,
  };
}
