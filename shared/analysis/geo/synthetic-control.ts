/**
 * Synthetic control (Abadie, Diamond and Hainmueller 2010; SPEC section 9): the treatment series
 * is matched by non-negative weights summing to 1 over the control geos, chosen to minimise the
 * pre-period sum of squared errors; the weighted controls are the counterfactual.
 */
import type { CounterfactualFit } from './effect-interval';
import { simplexLeastSquares, simplexQp } from './simplex-least-squares';

/** One donor's series, aligned with the pre and the test days. */
export interface DonorSeries {
  pre: readonly number[];
  test: readonly number[];
}

export interface SyntheticFit {
  weights: number[];
  fit: CounterfactualFit;
}

function weighted(donors: readonly DonorSeries[], weights: readonly number[], part: 'pre' | 'test'): number[] {
  const length = donors[0]?.[part].length ?? 0;
  const out = new Array<number>(length).fill(0);
  donors.forEach((d, j) => {
    const w = weights[j] as number;
    if (w === 0) return;
    d[part].forEach((v, t) => (out[t] = (out[t] as number) + w * v));
  });
  return out;
}

/**
 * Fits the weights on the pre days. The synthetic series is both the prediction and the
 * regressor of the interval formula (`preX` / `testX`), so the SPEC's variance applies as is.
 */
export function fitSyntheticControl(donors: readonly DonorSeries[], preY: readonly number[]): SyntheticFit {
  const { weights } = simplexLeastSquares(
    donors.map((d) => d.pre),
    preY,
  );
  const pre = weighted(donors, weights, 'pre');
  const test = weighted(donors, weights, 'test');
  return { weights, fit: { prePred: pre, testPred: test, preX: pre, testX: test } };
}

function rmspe(actual: readonly number[], predicted: readonly number[]): number {
  let s = 0;
  actual.forEach((y, i) => {
    const r = y - (predicted[i] as number);
    s += r * r;
  });
  return actual.length > 0 ? Math.sqrt(s / actual.length) : 0;
}

/**
 * Post-period RMSPE over pre-period RMSPE. A perfect pre-period fit gives +Infinity when the test
 * period deviates at all and 0 when it does not (nothing happened before or after).
 */
export function rmspeRatio(preY: readonly number[], fit: CounterfactualFit, testY: readonly number[]): number {
  const pre = rmspe(preY, fit.prePred);
  const post = rmspe(testY, fit.testPred);
  if (pre === 0) return post === 0 ? 0 : Infinity;
  return post / pre;
}

/**
 * Every control geo in turn treated as a placebo, fitted from the other control geos only
 * (never the treated ones): its post/pre RMSPE ratio. With one control geo there is nothing
 * to fit a placebo from, and the list is empty.
 */
export function placeboRatios(donors: readonly DonorSeries[]): number[] {
  const J = donors.length;
  if (J < 2) return [];
  // One scaled Gram matrix of every control geo's pre-period: placebo j's problem is its rows
  // and columns without j, with column j as the target.
  let scale = 0;
  for (const d of donors) for (const v of d.pre) scale = Math.max(scale, Math.abs(v));
  if (!(scale > 0) || !Number.isFinite(scale)) scale = 1;
  const scaled = donors.map((d) => d.pre.map((v) => v / scale));
  const gram: number[][] = Array.from({ length: J }, () => new Array<number>(J).fill(0));
  for (let i = 0; i < J; i++) {
    for (let k = i; k < J; k++) {
      const a = scaled[i] as number[];
      const b = scaled[k] as number[];
      let s = 0;
      for (let t = 0; t < a.length; t++) s += (a[t] as number) * (b[t] as number);
      (gram[i] as number[])[k] = s;
      (gram[k] as number[])[i] = s;
    }
  }
  return donors.map((placebo, j) => {
    const others = donors.map((_, k) => k).filter((k) => k !== j);
    const q = others.map((i) => others.map((k) => (gram[i] as number[])[k] as number));
    const c = others.map((i) => (gram[i] as number[])[j] as number);
    const { weights } = simplexQp(q, c);
    const used = others.map((k) => donors[k] as DonorSeries);
    const pre = weighted(used, weights, 'pre');
    const test = weighted(used, weights, 'test');
    return rmspeRatio(placebo.pre, { prePred: pre, testPred: test, preX: pre, testX: test }, placebo.test);
  });
}

/** Ratios this close (relative) are a tie: rounding in the weight fits must not break one. */
const TIE_TOLERANCE = 1e-9;

/**
 * The treated group's rank among itself and the placebos (1 = largest ratio; a placebo tied
 * with the treated group ranks above it), divided by the number of units compared, J + 1.
 * Null without placebos.
 */
export function placeboPValue(treatedRatio: number, placebos: readonly number[]): { rank: number; p_value: number } | null {
  if (placebos.length === 0) return null;
  const atLeast = (r: number): boolean => {
    if (treatedRatio === Infinity) return r === Infinity;
    return r >= treatedRatio - TIE_TOLERANCE * Math.abs(treatedRatio);
  };
  const rank = 1 + placebos.filter(atLeast).length;
  return { rank, p_value: rank / (placebos.length + 1) };
}
