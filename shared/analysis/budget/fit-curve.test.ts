import { describe, expect, it } from 'vitest';
import { fitCurve, nonNegativeLine } from './fit-curve';
import { adstock, hill, predictWeekly, steadyMarginal, steadyMedia, type ResponseCurve } from './response-curve';

/** A deterministic uniform stream (mulberry32), so the synthetic series never change. */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(u: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(Math.max(u(), 1e-12))) * Math.cos(2 * Math.PI * u());
}

/** Pulsed weekly spend around `level`: on weeks 0.3x..1.9x, one week in five dark. */
function flightedSpend(weeks: number, level: number, seed: number): number[] {
  const u = uniform(seed);
  return Array.from({ length: weeks }, (_, w) => (w % 5 === 4 ? 0.05 : 0.3 + 1.6 * u()) * level);
}

const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('response curve', () => {
  it('adstocks geometrically and saturates by Hill (hand-computed values)', () => {
    expect(adstock([100, 0, 50], 0.5)).toEqual([100, 50, 75]);
    expect(hill(10, 2, 10)).toBe(0.5);
    expect(hill(20, 2, 10)).toBeCloseTo(0.8, 15);
    expect(hill(0, 0.7, 10)).toBe(0);
    const c: ResponseCurve = { decay: 0.5, shape: 1, halfSaturation: 200, base: 7, beta: 300 };
    // constant spend 100 settles at adstock 200 = K: half of beta
    expect(steadyMedia(c, 100)).toBeCloseTo(150, 12);
    const [w0, w1] = predictWeekly(c, [100, 100]);
    expect(w0).toBeCloseTo(7 + 300 / 3, 12);
    expect(w1).toBeCloseTo(7 + 300 * (150 / 350), 12);
    // derivative by central difference
    const h = 1e-3;
    expect(steadyMarginal(c, 100)).toBeCloseTo((steadyMedia(c, 100 + h) - steadyMedia(c, 100 - h)) / (2 * h), 6);
    expect(steadyMarginal(c, 0)).toBeCloseTo(300 / 200 / 0.5, 12);
    expect(steadyMarginal({ ...c, shape: 0.5 }, 0)).toBeNull();
    expect(steadyMarginal({ ...c, shape: 2 }, 0)).toBe(0);
  });

  it('solves the non-negative line in each of its cases', () => {
    expect(nonNegativeLine([0, 1, 2], [1, 3, 5])).toMatchObject({ base: 1, beta: 2, sse: 0 });
    // a falling line: beta clipped to 0, base the mean
    expect(nonNegativeLine([0, 1, 2], [5, 3, 1])).toMatchObject({ base: 3, beta: 0 });
    // a negative intercept (OLS: -3 + 4h): through the origin, beta = sum hy / sum hh = (1 + 10) / 5
    const r = nonNegativeLine([1, 2], [1, 5]);
    expect(r.base).toBe(0);
    expect(r.beta).toBeCloseTo(11 / 5, 14);
  });
});

describe('fitCurve', () => {
  const truth: ResponseCurve = { decay: 0.45, shape: 1.6, halfSaturation: 30_000, base: 400, beta: 2_500 };

  it('recovers the parameters from noise-free data', () => {
    const spend = flightedSpend(60, 20_000, 1);
    const y = predictWeekly(truth, spend);
    const { curve } = fitCurve(spend, y, all(60));
    expect(curve.decay).toBeCloseTo(truth.decay, 3);
    expect(curve.shape / truth.shape).toBeCloseTo(1, 2);
    expect(curve.halfSaturation / truth.halfSaturation).toBeCloseTo(1, 2);
    expect(curve.base / truth.base).toBeCloseTo(1, 2);
    expect(curve.beta / truth.beta).toBeCloseTo(1, 2);
  });

  it('recovers a concave curve without carry-over from noise-free data', () => {
    const t: ResponseCurve = { decay: 0, shape: 0.8, halfSaturation: 5_000, base: 0, beta: 900 };
    const spend = flightedSpend(40, 6_000, 2);
    const { curve } = fitCurve(spend, predictWeekly(t, spend), all(40));
    expect(curve.decay).toBeCloseTo(0, 3);
    expect(curve.shape / t.shape).toBeCloseTo(1, 2);
    expect(curve.halfSaturation / t.halfSaturation).toBeCloseTo(1, 2);
  });

  // With noise the baseline trades off against the curve's foot, far below the spend observed;
  // what the data pins down (and the optimiser uses) is the level and the slope where spend was.
  it('recovers the curve where spend was observed from two years of noisy weeks', () => {
    const spend = flightedSpend(104, 20_000, 3);
    const z = normal(uniform(4));
    const y = predictWeekly(truth, spend).map((v) => v * (1 + 0.05 * z()));
    const { curve } = fitCurve(spend, y, all(104));
    expect(curve.decay).toBeGreaterThan(0.35);
    expect(curve.decay).toBeLessThan(0.55);
    const total = (c: ResponseCurve, s: number): number => c.base + steadyMedia(c, s);
    for (const s of [10_000, 20_000, 30_000]) {
      expect(Math.abs(total(curve, s) / total(truth, s) - 1), `spend ${s}`).toBeLessThan(0.05);
    }
    const gain = (c: ResponseCurve): number => steadyMedia(c, 30_000) - steadyMedia(c, 20_000);
    expect(Math.abs(gain(curve) / gain(truth) - 1)).toBeLessThan(0.2);
  });

  it('fits only the listed weeks while spend in other weeks still carries over', () => {
    const spend = flightedSpend(50, 10_000, 5);
    const y = predictWeekly(truth, spend);
    const late = all(50).slice(10);
    // garbage in the weeks that are not fitted must not matter
    const noisy = y.map((v, i) => (i < 10 ? v * 5 : v));
    const { curve } = fitCurve(spend, noisy, late);
    expect(curve.decay).toBeCloseTo(truth.decay, 3);
  });

  it('gives a flat baseline where there is no spend', () => {
    const { curve } = fitCurve([0, 0, 0, 0], [5, 7, 6, 6], all(4));
    expect(curve).toMatchObject({ beta: 0, base: 6 });
  });
});
