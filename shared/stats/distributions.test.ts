import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, normalCdf, normalQuantile, studentTCdf, studentTQuantile, studentTTwoSidedP } from './distributions';

// Reference values are scipy.stats 1.17 (t.ppf, t.cdf, norm.ppf, chi2.sf).
describe('Student t', () => {
  it('matches published quantiles to 1e-10', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174705, 9);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 10);
    expect(studentTQuantile(0.995, 3)).toBeCloseTo(5.840909309733355, 10);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138851986274, 10);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966356814107, 9);
  });

  it('keeps 1e-9 relative at the huge df of large experiments (scipy t.ppf / t.sf)', () => {
    const rel = (a: number, b: number) => Math.abs(a / b - 1);
    expect(rel(studentTQuantile(0.975, 1e7), 1.959964221767205)).toBeLessThan(1e-9);
    expect(rel(studentTQuantile(0.975, 5841.742), 1.9603701569567122)).toBeLessThan(1e-9);
    expect(rel(studentTTwoSidedP(1.96, 1e7), 0.04999581802531423)).toBeLessThan(1e-9);
    expect(rel(studentTTwoSidedP(20, 1e7), 5.529431206957765e-89)).toBeLessThan(1e-9);
    expect(rel(studentTTwoSidedP(0.5, 1e7), 0.6170750884540148)).toBeLessThan(1e-9);
  });

  it('matches published CDF values and round-trips the quantile', () => {
    expect(studentTCdf(2, 5)).toBeCloseTo(0.9490302605850709, 12);
    expect(studentTCdf(-1, 1)).toBeCloseTo(0.25, 12);
    // t = 3 with 2 df: two-sided p = 1 - 3/sqrt(11) = 0.09546596626...
    expect(studentTTwoSidedP(3, 2)).toBeCloseTo(1 - 3 / Math.sqrt(11), 12);
    for (const df of [1.5, 4.2, 37.9, 6865.3]) {
      for (const p of [0.001, 0.2, 0.975]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
    }
  });
});

describe('normal and chi-square', () => {
  it('matches qnorm / pnorm', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 12);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 14);
  });

  it('matches pchisq upper tails', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    // k = 2: survival is exp(-x/2) exactly.
    expect(chiSquareSurvival(10, 2)).toBeCloseTo(Math.exp(-5), 14);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });
});
