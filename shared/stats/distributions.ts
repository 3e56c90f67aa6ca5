import { logBeta, regularizedBeta, regularizedGammaP, regularizedGammaQ } from './special-functions';

/** Standard normal CDF via erf(x) = P(1/2, x^2), accurate in both tails. */
export function normalCdf(z: number): number {
  if (z === 0) return 0.5;
  const half = 0.5 * regularizedGammaQ(0.5, (z * z) / 2);
  return z < 0 ? half : 1 - half;
}

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** Acklam's rational approximation, refined by Newton steps on normalCdf. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  for (let i = 0; i < 3; i++) {
    const err = normalCdf(x) - p;
    x -= err / normalPdf(x);
  }
  return x;
}

/** Student's t CDF with `df` (possibly fractional, as from Welch-Satterthwaite) degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (!Number.isFinite(df)) return normalCdf(t);
  if (t === 0) return 0.5;
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5, (t * t) / (df + t * t));
  return t > 0 ? 1 - tail : tail;
}

export function studentTPdf(t: number, df: number): number {
  if (!Number.isFinite(df)) return normalPdf(t);
  const logDensity = 0.5 * Math.log(Math.PI) - logBeta(df / 2, 0.5) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/** Two-sided p-value P(|T| >= |t|), computed from the tail directly (no 1 - cdf cancellation). */
export function studentTTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(df)) return 2 * normalCdf(-Math.abs(t));
  return regularizedBeta(df / (df + t * t), df / 2, 0.5, (t * t) / (df + t * t));
}

/**
 * The t quantile: safeguarded Newton from the normal quantile, bisecting whenever a step
 * leaves the bracket, to |step| < 1e-13 (|x| >= 1) relative.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  if (!Number.isFinite(df)) return normalQuantile(p);
  if (p === 0.5) return 0;
  let lo = -1;
  let hi = 1;
  while (studentTCdf(lo, df) > p) lo *= 2;
  while (studentTCdf(hi, df) < p) hi *= 2;
  let x = Math.min(Math.max(normalQuantile(p), lo), hi);
  for (let i = 0; i < 200; i++) {
    const f = studentTCdf(x, df) - p;
    if (f === 0) return x;
    if (f > 0) hi = x;
    else lo = x;
    const step = f / studentTPdf(x, df);
    let next = x - step;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-13 * Math.max(1, Math.abs(x))) return next;
    x = next;
  }
  return x;
}

/** Upper tail of the chi-square distribution, P(X >= x) with `k` degrees of freedom. */
export function chiSquareSurvival(x: number, k: number): number {
  if (k <= 0) return 1;
  return regularizedGammaQ(k / 2, x / 2);
}

export function chiSquareCdf(x: number, k: number): number {
  return regularizedGammaP(k / 2, x / 2);
}
