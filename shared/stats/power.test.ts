import { describe, expect, it } from 'vitest';
import { achievedPower, minimumDetectableEffect, requiredSampleSize } from './power';

// Baseline conversion 5 %: variance p(1-p) = 0.0475. z(0.975) + z(0.8) = 1.959964 + 0.841621 = 2.8015852181.
const inputs = { variance: 0.0475, baselineMean: 0.05, alpha: 0.05, power: 0.8 };

describe('power calculator', () => {
  it('gives the MDE for 10,000 users per arm', () => {
    // 2.8015852181 * sqrt(2 * 0.0475 / 10000) = 0.0086350656
    const r = minimumDetectableEffect(inputs, 10_000, 10_000);
    expect(r.mde).toBeCloseTo(0.0086350656, 9);
    expect(r.relativeMde).toBeCloseTo(0.0086350656 / 0.05, 8);
  });

  it('gives the users needed for a one-point lift, and the power of a smaller test', () => {
    // 2.8015852181^2 * 0.0475 / 0.01^2 * (1/0.5 + 1/0.5) = 14912.87 -> 14913 users in total.
    expect(requiredSampleSize(inputs, 0.01)).toBe(14913);
    // 5000 per arm: Phi(0.01 / sqrt(2 * 0.0475 / 5000) - 1.959964) = 0.6308831707.
    expect(achievedPower(inputs, 0.01, 5000, 5000)).toBeCloseTo(0.6308831707, 9);
    expect(minimumDetectableEffect(inputs, 0, 10).mde).toBeNull();
  });
});
