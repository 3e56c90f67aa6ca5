import { describe, expect, it } from 'vitest';
import { sampleRatioMismatch } from './srm';

describe('sampleRatioMismatch', () => {
  it('computes the chi-square goodness of fit by hand', () => {
    // 5012 vs 4988 against 50/50: expected 5000 each; chi = (12^2 + 12^2)/5000 = 0.0576;
    // 1 df: p = 2 * (1 - Phi(sqrt(0.0576) = 0.24)) = 0.810330.
    const r = sampleRatioMismatch([5012, 4988], [0.5, 0.5]);
    expect(r.chi_square).toBeCloseTo(0.0576, 12);
    expect(r.p_value).toBeCloseTo(0.8103303, 6);
    expect(r.flag).toBe(false);
  });

  it('flags a clear mismatch and normalises weights', () => {
    // 600 vs 400 against 9:1 weights: expected 900 and 100; chi = 300^2/900 + 300^2/100 = 1000.
    const r = sampleRatioMismatch([600, 400], [9, 1]);
    expect(r.chi_square).toBeCloseTo(1000, 9);
    expect(r.flag).toBe(true);
  });

  it('normalises absurd weights before use (1e308 would overflow their sum)', () => {
    const huge = sampleRatioMismatch([600, 400], [9e307, 1e307]);
    expect(huge.chi_square).toBeCloseTo(1000, 9);
    const even = sampleRatioMismatch([5012, 4988], [1e308, 1e308]);
    expect(even.chi_square).toBeCloseTo(0.0576, 12);
    expect(even.p_value).toBeCloseTo(0.8103303, 6);
    const tiny = sampleRatioMismatch([5012, 4988], [1e-320, 1e-320]);
    expect(tiny.p_value).toBeCloseTo(0.8103303, 6);
  });

  it('gives p = 1 with one variant or no users', () => {
    expect(sampleRatioMismatch([10], [1]).p_value).toBe(1);
    expect(sampleRatioMismatch([0, 0], [1, 1]).p_value).toBe(1);
  });

  it('matches scipy chi2.sf for three variants', () => {
    // 100, 120, 80 against 1:1:1 -> chi = (0 + 400 + 400) / 100 = 8 on 2 df: p = exp(-4)
    const r = sampleRatioMismatch([100, 120, 80], [1, 1, 1]);
    expect(r.chi_square).toBeCloseTo(8, 12);
    expect(r.p_value).toBeCloseTo(Math.exp(-4), 14);
  });
});
