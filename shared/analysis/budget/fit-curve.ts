import { adstock, flatCurve, type ResponseCurve } from './response-curve';

/**
 * Least-squares fit of one channel's response curve (response-curve.ts) to its weekly metric.
 * The three shape parameters (decay, Hill shape, half-saturation) are searched; for each
 * candidate the baseline and the scale are the non-negative least-squares solution, so only a
 * three-dimensional search remains:
 *
 * 1. a grid: decay 0..0.9 by 0.05, shape 0.5..3 (10 values), half-saturation 0.1x..10x the mean
 *    adstocked spend of the fitted weeks (21 log-spaced values), 3,990 candidates;
 * 2. a pattern search from the best candidate (decay in [0, 0.9], shape in [0.5, 3],
 *    half-saturation 0.1x..10x), until its steps are below 1e-5.
 *
 * `weeks` lists the weeks whose metric is fitted; the adstock runs over every week of `spend`,
 * so spend before and between them still carries over.
 */
export interface CurveFit {
  curve: ResponseCurve;
  /** sum of squared residuals over the fitted weeks */
  sse: number;
  /** what the search minimises: n ln(sse / n) plus the shape and half-saturation penalties */
  score: number;
}

/**
 * Weak priors, in the units of -2 log-likelihood, that only decide where the data cannot:
 * ln(shape) ~ N(0, 0.5^2) and ln(half-saturation / mean adstocked spend) ~ N(0, 0.5^2). Without them a
 * channel whose spend stays in a narrow band fits a steep S-curve (shape at its limit) as well as
 * a gentle one, and the steep one claims that spending a little less is worth nothing.
 */
const SHAPE_PRIOR_SD = 0.5;
const HALF_SAT_PRIOR_SD = 0.5;

function penalty(shape: number, halfSat: number, ref: number): number {
  return (Math.log(shape) / SHAPE_PRIOR_SD) ** 2 + (Math.log(halfSat / ref) / HALF_SAT_PRIOR_SD) ** 2;
}

function score(sse: number, n: number, yScale: number): number {
  // A floor far below any real noise keeps a perfect fit finite.
  return n * Math.log(Math.max(sse, 1e-24 * yScale) / n);
}

const DECAYS = Array.from({ length: 19 }, (_, i) => i * 0.05);
const SHAPES = [0.5, 0.7, 0.85, 1, 1.25, 1.5, 1.75, 2, 2.5, 3];
const HALF_SAT_MULTIPLES = Array.from({ length: 21 }, (_, i) => Math.pow(10, -1 + i / 10));
const LIMITS = { decay: [0, 0.9], shape: [0.5, 3], halfSat: [0.1, 10] } as const;

interface Linear {
  base: number;
  beta: number;
  sse: number;
}

/** min sum (y - base - beta h)^2 subject to base >= 0, beta >= 0 (the four KKT cases). */
export function nonNegativeLine(h: ArrayLike<number>, y: ArrayLike<number>): Linear {
  const n = h.length;
  let sh = 0;
  let sy = 0;
  let shh = 0;
  let shy = 0;
  for (let i = 0; i < n; i++) {
    const hi = h[i] as number;
    const yi = y[i] as number;
    sh += hi;
    sy += yi;
    shh += hi * hi;
    shy += hi * yi;
  }
  let base = 0;
  let beta = 0;
  const varH = shh - (sh * sh) / n;
  if (n > 1 && varH > 1e-12 * Math.max(shh, 1e-300)) {
    beta = (shy - (sh * sy) / n) / varH;
    base = (sy - beta * sh) / n;
  }
  if (!(beta > 0) || varH <= 1e-12 * Math.max(shh, 1e-300)) {
    beta = 0;
    base = Math.max(0, sy / n);
  }
  if (base < 0) {
    base = 0;
    beta = shh > 0 ? Math.max(0, shy / shh) : 0;
  }
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = (y[i] as number) - base - beta * (h[i] as number);
    sse += r * r;
  }
  return { base, beta, sse };
}

interface Problem {
  spend: readonly number[];
  y: number[];
  /** sum of y^2 (at least 1): the scale of the perfect-fit floor */
  yScale: number;
  weeks: readonly number[];
  /** scratch space for the Hill values of the fitted weeks */
  h: Float64Array;
}

/** The adstocked spend of one decay at the fitted weeks, as logarithms, and its mean there. */
interface Stock {
  lnA: Float64Array;
  ref: number;
}

function stock(p: Problem, decay: number): Stock {
  const a = adstock(p.spend, decay);
  const lnA = new Float64Array(p.weeks.length);
  let sum = 0;
  p.weeks.forEach((w, i) => {
    const v = a[w] as number;
    sum += v;
    lnA[i] = v > 0 ? Math.log(v) : -Infinity;
  });
  return { lnA, ref: p.weeks.length > 0 ? sum / p.weeks.length : 0 };
}

function evaluate(p: Problem, decay: number, shape: number, halfSat: number, given?: Stock): CurveFit {
  const st = given ?? stock(p, decay);
  const lnK = Math.log(halfSat);
  // hill(a) = 1 / (1 + (K / a)^shape), through logarithms: one exp per week instead of a pow
  const h = p.h;
  for (let i = 0; i < h.length; i++) h[i] = 1 / (1 + Math.exp(shape * (lnK - (st.lnA[i] as number))));
  const line = nonNegativeLine(h, p.y);
  return {
    curve: { decay, shape, halfSaturation: halfSat, base: line.base, beta: line.beta },
    sse: line.sse,
    score: score(line.sse, p.y.length, p.yScale) + penalty(shape, halfSat, st.ref),
  };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/**
 * Coordinate pattern search over (decay, ln shape, ln half-saturation) from `start`: a step that
 * improves is taken and doubled (so long valleys are crossed quickly); when no step improves,
 * all steps halve, until they are below `tolerance` or `maxIterations` rounds have run.
 */
function refine(p: Problem, start: CurveFit, scaleRef: number, tolerance: number, maxIterations: number): CurveFit {
  let best = start;
  let x = [start.curve.decay, Math.log(start.curve.shape), Math.log(start.curve.halfSaturation)];
  const initial = [0.05, 0.25, 0.25];
  const steps = [...initial];
  const lo = [LIMITS.decay[0], Math.log(LIMITS.shape[0]), Math.log(scaleRef * LIMITS.halfSat[0])];
  const hi = [LIMITS.decay[1], Math.log(LIMITS.shape[1]), Math.log(scaleRef * LIMITS.halfSat[1])];
  for (let iter = 0; iter < maxIterations && Math.max(...steps) > tolerance; iter++) {
    let improved = false;
    for (let d = 0; d < 3; d++) {
      for (const sign of [1, -1]) {
        const cand = [...x];
        cand[d] = clamp((cand[d] as number) + sign * (steps[d] as number), lo[d] as number, hi[d] as number);
        if (cand[d] === x[d]) continue;
        const fit = evaluate(p, cand[0] as number, Math.exp(cand[1] as number), Math.exp(cand[2] as number));
        if (fit.score < best.score - 1e-12) {
          best = fit;
          x = cand;
          improved = true;
          steps[d] = Math.min(initial[d] as number, (steps[d] as number) * 2);
          break;
        }
      }
    }
    if (!improved) for (let d = 0; d < 3; d++) steps[d] = (steps[d] as number) / 2;
  }
  return best;
}

/**
 * Fits the curve of one channel. `start` skips the grid and refines from a known fit (the
 * bootstrap's refits start from the point estimate).
 */
export function fitCurve(spend: readonly number[], metric: readonly number[], weeks: readonly number[], start?: ResponseCurve): CurveFit {
  // A refit from a known start (the bootstrap) needs less precision than the point estimate.
  const [tolerance, maxIterations] = start ? [1e-3, 200] : [1e-5, 2000];
  const y = weeks.map((w) => metric[w] as number);
  const n = y.length;
  const yScale = Math.max(
    1,
    y.reduce((s, v) => s + v * v, 0),
  );
  const flat = (): CurveFit => {
    const base = n > 0 ? Math.max(0, y.reduce((s, v) => s + v, 0) / n) : 0;
    const sse = y.reduce((s, v) => s + (v - base) ** 2, 0);
    return { curve: flatCurve(base), sse, score: n > 0 ? score(sse, n, yScale) : 0 };
  };
  const p: Problem = { spend, y, yScale, weeks, h: new Float64Array(n) };
  // Without spend in the fitted weeks (and none carried into them) nothing identifies a curve.
  const scaleRef = stock(p, LIMITS.decay[1]).ref;
  if (n < 2 || !(scaleRef > 0)) return flat();
  let best = flat();
  if (start && start.beta > 0) {
    best = evaluate(p, start.decay, start.shape, start.halfSaturation);
  } else {
    for (const decay of DECAYS) {
      const st = stock(p, decay);
      if (!(st.ref > 0)) continue;
      for (const shape of SHAPES) {
        for (const m of HALF_SAT_MULTIPLES) {
          const fit = evaluate(p, decay, shape, st.ref * m, st);
          if (fit.score < best.score) best = fit;
        }
      }
    }
  }
  if (best.curve.beta === 0) return best;
  return refine(p, best, scaleRef, tolerance, maxIterations);
}
