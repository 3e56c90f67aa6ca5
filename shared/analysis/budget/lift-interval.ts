import { fitCurve } from './fit-curve';
import { predictWeekly, steadyMedia, type ResponseCurve } from './response-curve';

/**
 * A 95% interval for the expected weekly lift of a recommended split over the current one, by
 * a residual bootstrap: per replicate, every channel's fitted weekly metric plus residuals drawn
 * with replacement from its own fit is refitted (a local refit from the point estimate), and the
 * replicate's lift is evaluated for the same two splits. The interval is the spread of the
 * replicates' lifts around their median (2.5th and 97.5th percentiles minus the median), placed
 * around the point estimate: the local refits can sit slightly off the point estimate, and this
 * keeps that offset out of the interval, which therefore always contains the lift. It covers
 * the uncertainty of the curves, not the week-to-week noise of the metric itself; residuals are
 * treated as independent over weeks.
 */
export interface LiftChannel {
  spend: readonly number[];
  metric: readonly number[];
  /** the weeks the curve was fitted on */
  weeks: readonly number[];
  curve: ResponseCurve;
  current: number;
  recommended: number;
}

export const BOOTSTRAP_REPLICATES = 200;
const SEED = 0x6d657368;

/** mulberry32: a small deterministic PRNG, so the same data always gives the same interval. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

export function liftInterval(channels: readonly LiftChannel[], lift: number, replicates = BOOTSTRAP_REPLICATES): [number, number] {
  const random = prng(SEED);
  const prepared = channels.map((c) => {
    const fitted = predictWeekly(c.curve, c.spend);
    const residuals = c.weeks.map((w) => (c.metric[w] as number) - (fitted[w] as number));
    return { c, fitted, residuals };
  });
  const lifts: number[] = [];
  for (let r = 0; r < replicates; r++) {
    let replicateLift = 0;
    for (const { c, fitted, residuals } of prepared) {
      if (c.curve.beta === 0 || residuals.length === 0 || c.current === c.recommended) continue;
      const metric = [...c.metric];
      for (const w of c.weeks) metric[w] = (fitted[w] as number) + (residuals[Math.floor(random() * residuals.length)] as number);
      const refit = fitCurve(c.spend, metric, c.weeks, c.curve).curve;
      replicateLift += steadyMedia(refit, c.recommended) - steadyMedia(refit, c.current);
    }
    lifts.push(replicateLift);
  }
  lifts.sort((a, b) => a - b);
  const median = quantile(lifts, 0.5);
  return [lift + quantile(lifts, 0.025) - median, lift + quantile(lifts, 0.975) - median];
}
