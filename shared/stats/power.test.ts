import { describe, expect, it } from 'vitest';
import { achievedPower, detectableStandardisedEffect, midExperimentPower, minimumDetectableEffect, powerOfTest, requiredSampleSize } from './power';

// Baseline conversion 5 %: variance p(1-p) = 0.0475. Reference figures are scipy 1.17
// (norm.cdf, norm.ppf, brentq) on the same formula: power(d) = Phi(d - z) + Phi(-d - z).
const inputs = { variance: 0.0475, baselineMean: 0.05, alpha: 0.05, power: 0.8 };

describe('power calculator', () => {
  it('solves power(d*) = 0.8 with both tails counted', () => {
    // brentq: d* = 2.801581787013579 (z + z(power) = 2.8015852181 ignores the far tail)
    expect(detectableStandardisedEffect(0.05, 0.8)).toBeCloseTo(2.801581787013579, 12);
    expect(powerOfTest(2.801581787013579, 1, 0.05)).toBeCloseTo(0.8, 14);
  });

  it('gives the MDE for 10,000 users per arm', () => {
    // 2.801581787013579 * sqrt(2 * 0.0475 / 10000) = 0.008635054999164678
    const r = minimumDetectableEffect(inputs, 10_000, 10_000);
    expect(r.mde).toBeCloseTo(0.008635054999164678, 14);
    expect(r.relativeMde).toBeCloseTo(0.008635054999164678 / 0.05, 12);
  });

  it('gives the users needed for a one-point lift, and the power of a smaller test', () => {
    // 2.801581787^2 * 0.0475 / 0.01^2 * (1/0.5 + 1/0.5) = 14912.83 -> 14913 users in total.
    expect(requiredSampleSize(inputs, 0.01)).toBe(14913);
    // 5000 per arm: Phi(d - 1.959964) + Phi(-d - 1.959964), d = 0.01 / sqrt(2 * 0.0475 / 5000)
    expect(achievedPower(inputs, 0.01, 5000, 5000)).toBeCloseTo(0.630893664273937, 12);
    expect(minimumDetectableEffect(inputs, 0, 10).mde).toBeNull();
    expect(requiredSampleSize(inputs, 0)).toBeNull();
  });

  it('reads one formula both ways: the sample size for the MDE at n is n again', () => {
    for (const [n, share] of [
      [20_000, 0.5],
      [12_345, 0.9],
      [777, 0.3],
    ] as const) {
      const nT = n * share;
      const nC = n - nT;
      const { mde } = minimumDetectableEffect(inputs, nC, nT);
      expect(requiredSampleSize(inputs, mde as number, share)).toBe(n);
      // and the power at that effect is the target
      expect(achievedPower(inputs, mde as number, nC, nT)).toBeCloseTo(0.8, 12);
    }
    // rounding up: one user fewer than the answer falls short of the power
    const n = requiredSampleSize(inputs, 0.01) as number;
    expect(achievedPower(inputs, 0.01, n / 2, n / 2)).toBeGreaterThanOrEqual(0.8);
    expect(achievedPower(inputs, 0.01, (n - 1) / 2, (n - 1) / 2)).toBeLessThan(0.8);
  });
});

describe('midExperimentPower (gbstats MidExperimentPower)', () => {
  // 4,000 users so far with a standard error of 0.02 on the relative lift; target lift 3 %, plan 10,000.
  const base = { usersSoFar: 4000, plannedUsers: 10_000, standardError: 0.02, targetEffect: 0.03, alpha: 0.05 };

  it('gives the power now, at the plan and the users needed (fixed-sample test)', () => {
    const r = midExperimentPower(base);
    expect(r.powerNow).toBeCloseTo(0.32304115977680503, 12);
    expect(r.powerAtPlan).toBeCloseTo(0.6597439590495945, 12);
    expect(r.usersNeeded).toBeCloseTo(13953.529794357688, 6);
    expect(r.additionalUsers).toBeCloseTo(13953.529794357688 - 4000, 6);
    expect(r.progress).toBeCloseTo(4000 / 13953.529794357688, 12);
    expect(r.alreadyPowered).toBe(false);
    // consistent with the pre-experiment reading: d* se(needed) = target
    const seNeeded = 0.02 * Math.sqrt(4000 / (r.usersNeeded as number));
    expect(detectableStandardisedEffect(0.05, 0.8) * seNeeded).toBeCloseTo(0.03, 12);
  });

  it('uses the always-valid halfwidth when sequential and the posterior when the prior is proper', () => {
    const seq = midExperimentPower({ ...base, sequentialTuning: 5000 });
    expect(seq.powerNow).toBeCloseTo(0.06173745039280051, 12);
    expect(seq.powerAtPlan).toBeCloseTo(0.24516976911163257, 12);
    expect(seq.usersNeeded).toBeCloseTo(28601.668434372008, 5);
    const bayes = midExperimentPower({ ...base, prior: { mean: 0, variance: 0.09, proper: true } });
    expect(bayes.powerNow).toBeCloseTo(0.3214769635639479, 12);
    expect(bayes.usersNeeded).toBeCloseTo(13965.955151826049, 5);
    // an improper prior is the frequentist reading
    expect(midExperimentPower({ ...base, prior: { mean: 0, variance: 0.09, proper: false } })).toEqual(midExperimentPower(base));
  });

  it("reproduces gbstats' test_midexperimentpower scaling factors (within its bisection tolerance)", () => {
    // gbstats: control n 500, sum 500, sum_squares 1500; variant n 500, sum 525, sum_squares 1551.25;
    // relative effect, target 0.05, power 0.8. Published scaling factors (bisection stopped at
    // |power - 0.8| < 1e-5, about 7e-4 in the factor): 25.45703125, 55.66796875 (sequential,
    // tuning 5000), 13.9404296875 (prior N(0.05, 0.001) proper). Ours solve to 1e-12.
    const ma = 1;
    const mb = 1.05;
    const va = (1500 - 500 ** 2 / 500) / 499;
    const vb = (1551.25 - 525 ** 2 / 500) / 499;
    const se = Math.sqrt(vb / (500 * ma * ma) + (mb * mb * va) / (500 * ma ** 4));
    const gb = { usersSoFar: 1000, plannedUsers: 1000, standardError: se, targetEffect: 0.05, alpha: 0.05 };
    const factor = (r: { usersNeeded: number | null }) => (r.usersNeeded as number) / 1000 - 1;
    expect(Math.abs(factor(midExperimentPower(gb)) - 25.45703125)).toBeLessThan(1e-3);
    expect(Math.abs(factor(midExperimentPower({ ...gb, sequentialTuning: 5000 })) - 55.66796875)).toBeLessThan(1e-3);
    expect(Math.abs(factor(midExperimentPower({ ...gb, prior: { mean: 0.05, variance: 0.001, proper: true } })) - 13.9404296875)).toBeLessThan(1e-3);
    // at the users needed, the power is the target
    const needed = midExperimentPower(gb).usersNeeded as number;
    expect(midExperimentPower({ ...gb, plannedUsers: needed }).powerAtPlan).toBeCloseTo(0.8, 10);
  });

  it('needs no more users once powered', () => {
    const r = midExperimentPower({ ...base, standardError: 0.005 });
    expect(r.alreadyPowered).toBe(true);
    expect(r.additionalUsers).toBe(0);
    expect(r.progress).toBe(1);
    expect(() => midExperimentPower({ ...base, standardError: 0 })).toThrow(RangeError);
  });
});
