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
});
