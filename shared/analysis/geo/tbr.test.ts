import { describe, expect, it } from 'vitest';
import { estimateEffect } from './effect-interval';
import { preFitQuality } from './fit-quality';
import { fitTbr, tbrCounterfactual } from './tbr';

/*
 * A case small enough to do by hand.
 * Pre (n = 5): x = 1 2 3 4 5, y = 2 4 5 4 5. mean x = 3, mean y = 4, Sxx = 10,
 *   Sxy = (-2)(-2) + (-1)(0) + 0(1) + 1(0) + 2(1) = 6, so b = 0.6 and a = 4 - 0.6 * 3 = 2.2.
 *   Fitted 2.8 3.4 4.0 4.6 5.2, residuals -0.8 0.6 1.0 -0.6 -0.2, RSS = 2.4, sigma^2 = 2.4 / 3 = 0.8.
 * Test (T = 2): x = 6 8, y = 7 9. Counterfactual 5.8 + 7.0 = 12.8, actual 16, C = 3.2, rel_lift 0.25.
 *   Var = 0.8 (2 + 4/5 + (14 - 2 * 3)^2 / 10) = 0.8 * 9.2 = 7.36.
 *   t(0.95, 3) = 2.3533634348018233 (scipy), so the 90% interval is 3.2 +- 2.35336 * 2.71293 = [-3.18451, 9.58451].
 * Day 1 alone: effect 1.2, Var = 0.8 (1 + 1/5 + 9/10) = 1.68 -> 1.2 +- 3.05031; its counterfactual 5.8 +- 3.05031.
 * Pre fit: TSS = 4 + 0 + 1 + 0 + 1 = 6, R^2 = 1 - 2.4 / 6 = 0.6;
 *   MAPE = (0.8/2 + 0.6/4 + 1/5 + 0.6/4 + 0.2/5) / 5 = 0.94 / 5 = 0.188.
 */
const preX = [1, 2, 3, 4, 5];
const preY = [2, 4, 5, 4, 5];
const testX = [6, 8];
const testY = [7, 9];

describe('time-based regression', () => {
  const model = fitTbr(preX, preY);
  const fit = tbrCounterfactual(model, preX, testX);
  const r = estimateEffect(preY, testY, ['2026-09-01', '2026-09-02'], fit, 0.1);

  it('fits the OLS line', () => {
    expect(model.slope).toBeCloseTo(0.6, 12);
    expect(model.intercept).toBeCloseTo(2.2, 12);
  });

  it('gives the effect, counterfactual, relative lift and interval of the hand computation', () => {
    expect(r.counterfactual).toBeCloseTo(12.8, 12);
    expect(r.actual).toBe(16);
    expect(r.effect).toBeCloseTo(3.2, 12);
    expect(r.rel_lift).toBeCloseTo(0.25, 12);
    expect(r.sigma).toBeCloseTo(Math.sqrt(0.8), 12);
    expect(r.effect_ci?.[0]).toBeCloseTo(-3.1845149540188293, 9);
    expect(r.effect_ci?.[1]).toBeCloseTo(9.584514954018829, 9);
  });

  it('gives daily and cumulative series with their bands', () => {
    const [d1, d2] = r.daily;
    expect(d1?.counterfactual).toBeCloseTo(5.8, 12);
    expect(d1?.effect).toBeCloseTo(1.2, 12);
    expect(d1?.cumulative_effect).toBeCloseTo(1.2, 12);
    const half = 2.3533634348018233 * Math.sqrt(1.68);
    expect(d1?.cumulative_lower).toBeCloseTo(1.2 - half, 9);
    expect(d1?.cumulative_upper).toBeCloseTo(1.2 + half, 9);
    expect(d1?.counterfactual_lower).toBeCloseTo(5.8 - half, 9);
    expect(d2?.cumulative_effect).toBeCloseTo(3.2, 12);
    expect(d2?.cumulative_lower).toBeCloseTo(r.effect_ci?.[0] as number, 12);
  });

  it('reports the pre-period fit quality', () => {
    const q = preFitQuality(preY, fit.prePred);
    expect(q.r2).toBeCloseTo(0.6, 12);
    expect(q.mape).toBeCloseTo(0.188, 12);
  });

  it('has no interval with two pre days, and falls back to the pre mean for a constant control', () => {
    const two = estimateEffect([1, 3], [5], ['d'], tbrCounterfactual(fitTbr([1, 2], [1, 3]), [1, 2], [3]), 0.1);
    expect(two.effect).toBeCloseTo(5 - (-1 + 2 * 3), 12);
    expect(two.effect_ci).toBeNull();
    const flat = fitTbr([4, 4, 4, 4], [1, 2, 3, 6]);
    expect(flat).toEqual({ intercept: 3, slope: 0 });
    // Test x equal to the constant: Var = sigma^2 (T + T^2/n); sigma^2 = (4 + 1 + 0 + 9) / 2 = 7.
    const same = estimateEffect([1, 2, 3, 6], [5], ['d'], tbrCounterfactual(flat, [4, 4, 4, 4], [4]), 0.1);
    expect(same.effect).toBe(2);
    expect(same.effect_ci?.[1]).toBeCloseTo(2 + 2.9199855803537242 * Math.sqrt(7 * 1.25), 9);
    // Test x off the constant: the leverage term is unbounded, so no interval.
    expect(estimateEffect([1, 2, 3, 6], [5], ['d'], tbrCounterfactual(flat, [4, 4, 4, 4], [9]), 0.1).effect_ci).toBeNull();
  });
});
