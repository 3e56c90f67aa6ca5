/**
 * The effect of a geo test and its interval, given a counterfactual (SPEC section 9, after
 * Kerman, Wang and Vaver 2017): C = sum_test(y) - sum_test(prediction), with
 * Var(C) = sigma^2 (T + T^2 / n + (sum_test(x) - T mean_pre(x))^2 / Sxx_pre), sigma^2 = RSS_pre / (n - 2)
 * and the interval C +- t(1 - alpha/2, n - 2) sqrt(Var). The same formula at T = 1..T gives the
 * cumulative band, and per day the prediction interval of y_t.
 */
import { studentTQuantile } from '../../stats/distributions';

export interface CounterfactualFit {
  /** the model's value on each pre-period day (the fit) */
  prePred: number[];
  /** the model's value on each test day (the counterfactual) */
  testPred: number[];
  /** the regressor of the variance formula: control sums for TBR, the synthetic series for synthetic control */
  preX: number[];
  testX: number[];
}

export interface DailyEffect {
  date: string;
  actual: number;
  counterfactual: number;
  /** prediction interval of this day's counterfactual; null where sigma is undefined */
  counterfactual_lower: number | null;
  counterfactual_upper: number | null;
  effect: number;
  cumulative_effect: number;
  cumulative_lower: number | null;
  cumulative_upper: number | null;
}

export interface EffectEstimate {
  actual: number;
  counterfactual: number;
  effect: number;
  effect_ci: [number, number] | null;
  rel_lift: number | null;
  /** residual standard deviation of the pre-period fit, null with fewer than 3 pre days */
  sigma: number | null;
  daily: DailyEffect[];
}

export function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return values.length > 0 ? s / values.length : 0;
}

/** Sum of squared deviations from the mean (two-pass, so a large level does not cost digits). */
export function sumSquaredDeviations(values: readonly number[]): number {
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) * (v - m);
  return s;
}

/**
 * Effect, interval and daily series. `testY`, `fit.testPred`, `fit.testX` and `testDates` are
 * aligned over the T test days; `preY`, `fit.prePred` and `fit.preX` over the n pre days.
 */
export function estimateEffect(
  preY: readonly number[],
  testY: readonly number[],
  testDates: readonly string[],
  fit: CounterfactualFit,
  alpha: number,
): EffectEstimate {
  const n = preY.length;
  let rss = 0;
  preY.forEach((y, i) => {
    const r = y - (fit.prePred[i] as number);
    rss += r * r;
  });
  const sigma2 = n > 2 ? rss / (n - 2) : null;
  const tq = n > 2 ? studentTQuantile(1 - alpha / 2, n - 2) : null;
  const xBar = mean(fit.preX);
  const sxx = sumSquaredDeviations(fit.preX);

  /** Var(C) over the first k test days whose x sum to sumX; null where undefined. */
  const variance = (k: number, sumX: number): number | null => {
    if (sigma2 === null) return null;
    const lever = sumX - k * xBar;
    let leverage: number;
    if (sxx > 0) leverage = (lever * lever) / sxx;
    else if (Math.abs(lever) <= 1e-12 * Math.max(1, Math.abs(sumX))) leverage = 0;
    else return null;
    return sigma2 * (k + (k * k) / n + leverage);
  };
  const interval = (centre: number, v: number | null): [number, number] | null => {
    if (v === null || tq === null) return null;
    const half = tq * Math.sqrt(v);
    return [centre - half, centre + half];
  };

  const daily: DailyEffect[] = [];
  let cumEffect = 0;
  let cumX = 0;
  let actual = 0;
  let counterfactual = 0;
  testY.forEach((y, i) => {
    const pred = fit.testPred[i] as number;
    const x = fit.testX[i] as number;
    actual += y;
    counterfactual += pred;
    cumEffect += y - pred;
    cumX += x;
    const band = interval(pred, variance(1, x));
    const cumBand = interval(cumEffect, variance(i + 1, cumX));
    daily.push({
      date: testDates[i] as string,
      actual: y,
      counterfactual: pred,
      counterfactual_lower: band ? band[0] : null,
      counterfactual_upper: band ? band[1] : null,
      effect: y - pred,
      cumulative_effect: cumEffect,
      cumulative_lower: cumBand ? cumBand[0] : null,
      cumulative_upper: cumBand ? cumBand[1] : null,
    });
  });
  const effect = actual - counterfactual;
  return {
    actual,
    counterfactual,
    effect,
    effect_ci: interval(effect, variance(testY.length, cumX)),
    rel_lift: counterfactual !== 0 ? effect / counterfactual : null,
    sigma: sigma2 === null ? null : Math.sqrt(sigma2),
    daily,
  };
}
