import { describe, expect, it } from 'vitest';
import { bayesianTest, expectedShortfall, risk } from './bayesian';

const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('expectedShortfall, E[max(-X, 0)] for X ~ N(z, 1)', () => {
  it('matches phi(z) - z Q(z) computed with mpmath at 50 digits, far into the tail', () => {
    expect(expectedShortfall(0, 1)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
    expect(rel(expectedShortfall(1, 1), 0.0833154705876863)).toBeLessThan(1e-12);
    expect(rel(expectedShortfall(2.9, 1), 0.000541673848662144)).toBeLessThan(1e-12);
    expect(rel(expectedShortfall(3.1, 1), 0.000267249095223014)).toBeLessThan(1e-12);
    expect(rel(expectedShortfall(10, 1), 7.474560254589328e-25)).toBeLessThan(1e-12);
    expect(rel(expectedShortfall(20, 1), 1.37001249472958e-90)).toBeLessThan(1e-12);
    expect(rel(expectedShortfall(37, 1), 1.545199190512202e-301)).toBeLessThan(1e-12);
  });

  it('scales with sigma and gives E[max(X, 0)] - E[max(-X, 0)] = mean', () => {
    const [up, down] = risk(0.05, 0.03571589282098377);
    expect(up - down).toBeCloseTo(0.05, 15);
    expect(rel(down, 0.001309817163926532)).toBeLessThan(1e-9);
  });
});

describe('bayesianTest', () => {
  it('is the data alone under an improper prior and shrinks toward a proper one', () => {
    const flat = bayesianTest(0.05, 0.02, { mean: 0, variance: 0.09, proper: false }, 0.05, false);
    expect(flat.mean).toBe(0.05);
    expect(flat.sd).toBe(0.02);
    // precision 1/0.02^2 + 1/0.01 = 2600; mean (0.05 * 2500 + 0) / 2600
    const proper = bayesianTest(0.05, 0.02, { mean: 0, variance: 0.01, proper: true }, 0.05, false);
    expect(proper.mean).toBeCloseTo((0.05 * 2500) / 2600, 15);
    expect(proper.sd).toBeCloseTo(Math.sqrt(1 / 2600), 15);
  });
});
