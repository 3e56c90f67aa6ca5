import { describe, expect, it } from 'vitest';
import { summaryFromSums, welchTest } from './welch';

describe('welchTest', () => {
  it("reproduces GrowthBook's published frequentist case", () => {
    // GrowthBook docs: control sum 1396.87, sum of squares 52377.9767, n 3407;
    // treatment 2422.7, 134698.29, 3461. Means 0.41000 and 0.70000, so diff = 0.29 and
    // relative lift 0.29 / 0.41 = 0.70732.
    const control = summaryFromSums(3407, 1396.87, 52377.9767);
    const treatment = summaryFromSums(3461, 2422.7, 134698.29);
    const r = welchTest(control, treatment, 0.05);
    expect(r.diff).toBeCloseTo(0.29, 10);
    expect(r.diff_ci?.[0]).toBeCloseTo(0.04538, 5);
    expect(r.diff_ci?.[1]).toBeCloseTo(0.53462, 5);
    expect(r.p_value).toBeCloseTo(0.02016, 5);
    expect(r.rel_lift).toBeCloseTo(0.70732, 5);
    expect(r.rel_lift_ci?.[0]).toBeCloseTo(-0.03526, 5);
    expect(r.rel_lift_ci?.[1]).toBeCloseTo(1.44989, 5);
  });

  it('reports null statistics instead of NaN when a variant has one user or no variance', () => {
    const one = welchTest({ n: 1, mean: 1, variance: 0 }, { n: 5, mean: 2, variance: 1 }, 0.05);
    expect(one).toMatchObject({ diff: 1, p_value: null, diff_ci: null, rel_lift: 1, rel_lift_ci: null });
    const flat = welchTest({ n: 3, mean: 0, variance: 0 }, { n: 3, mean: 0, variance: 0 }, 0.05);
    expect(flat).toMatchObject({ diff: 0, p_value: null, rel_lift: null });
  });

  it('computes a small case by hand', () => {
    // control [1,2,3]: mean 2, var 1; treatment [2,4,6]: mean 4, var 4.
    // se = sqrt(1/3 + 4/3) = 1.290994; t = 2/1.290994 = 1.549193;
    // df = (5/3)^2 / ((1/3)^2/2 + (4/3)^2/2) = 2.777778/0.944444 = 2.941176.
    // Two-sided p for t=1.549193, df=2.941176 is 0.2208808405 (scipy.stats.t.sf * 2).
    const r = welchTest({ n: 3, mean: 2, variance: 1 }, { n: 3, mean: 4, variance: 4 }, 0.05);
    expect(r.se).toBeCloseTo(1.2909944487, 9);
    expect(r.df).toBeCloseTo(2.9411764706, 9);
    expect(r.p_value).toBeCloseTo(0.2208808405, 9);
    expect(r.rel_lift).toBe(1);
  });
});
