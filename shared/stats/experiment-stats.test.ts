import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIOR } from './bayesian';
import { applyCorrection, testMetric } from './experiment-stats';
import type { MetricOutput, MetricTestInput, TreatmentVariantOutput, VariantSufficientStats } from './experiment-stats-types';

/**
 * Published cases are GrowthBook gbstats' own unit tests (packages/stats/tests/frequentist/
 * test_tests.py and tests/bayesian/test_tests.py, rounded there to 5 decimals). The
 * full-precision figures beside them were computed independently with scipy 1.17
 * (t.ppf, t.sf, norm.ppf, truncnorm.stats) from the same formulas.
 */
function input(variants: VariantSufficientStats[], over: Partial<MetricTestInput> = {}): MetricTestInput {
  return {
    metric: { name: 'm', type: 'mean' },
    control: 'control',
    variants,
    alpha: 0.05,
    cuped: false,
    engine: 'frequentist',
    sequential_tuning: 5000,
    prior: DEFAULT_PRIOR,
    ...over,
  };
}

function treatment(out: MetricOutput, index = 1): TreatmentVariantOutput {
  return out.variants[index] as TreatmentVariantOutput;
}

/** |actual - expected| <= 1e-9 relative (or absolute near 0). */
function close(actual: number | undefined, expected: number, tol = 1e-9): void {
  expect(actual).toBeDefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

const meanControl = { variant: 'control', n: 3407, sum: 1396.87, sum_squares: 52377.9767 };
const meanTreatment = { variant: 'treatment', n: 3461, sum: 2422.7, sum_squares: 134698.29 };

describe('testMetric, frequentist (gbstats TestTwoSidedTTest)', () => {
  it('reproduces test_two_sided_ttest and test_two_sided_ttest_absolute', () => {
    const t = treatment(testMetric(input([meanControl, meanTreatment])));
    // published: absolute 0.29, ci (0.04538, 0.53462), p 0.02016
    expect(t.diff).toBeCloseTo(0.29, 12);
    expect(t.diff_ci?.[0]).toBeCloseTo(0.04538, 5);
    expect(t.diff_ci?.[1]).toBeCloseTo(0.53462, 5);
    expect(t.p_value).toBeCloseTo(0.02016, 5);
    // published: relative 0.70732, ci (-0.03526, 1.44989), p 0.06191
    expect(t.rel_lift).toBeCloseTo(0.70732, 5);
    expect(t.rel_lift_ci?.[0]).toBeCloseTo(-0.03526, 5);
    expect(t.rel_lift_ci?.[1]).toBeCloseTo(1.44989, 5);
    expect(t.rel_p_value).toBeCloseTo(0.06191, 5);
    close(t.diff_ci?.[0], 0.04537789255929012);
    close(t.p_value, 0.020158402643586978);
    close(t.rel_lift_ci?.[1], 1.449894235407581);
    close(t.rel_p_value, 0.0619118274561836);
  });

  it('reproduces test_two_sided_ttest_binom (14/28 against 16/30)', () => {
    const out = testMetric(
      input(
        [
          { variant: 'control', n: 28, sum: 14, sum_squares: 14 },
          { variant: 'treatment', n: 30, sum: 16, sum_squares: 16 },
        ],
        { metric: { name: 'cr', type: 'proportion' } },
      ),
    );
    expect(out.variants[0]).toEqual({ variant: 'control', users: 28, mean: 0.5 });
    const t = treatment(out);
    // published: relative 0.06667, ci (-0.47767, 0.61101), p 0.80707
    expect(t.rel_lift_ci?.[0]).toBeCloseTo(-0.47767, 5);
    expect(t.rel_lift_ci?.[1]).toBeCloseTo(0.61101, 5);
    expect(t.rel_p_value).toBeCloseTo(0.80707, 5);
    close(t.diff_ci?.[0], -0.2296095491043773);
    close(t.p_value, 0.8004455444388893);
  });

  it('refuses a test when an arm has negative variance (test_two_sided_ttest_missing_variance)', () => {
    const t = treatment(testMetric(input([{ ...meanControl, n: 2 }, meanTreatment])));
    expect(t).toEqual({ variant: 'treatment', users: 3461, mean: 2422.7 / 3461, error: 'zero variance in control' });
  });

  it('keeps the variants in input order with control first', () => {
    const out = testMetric(input([meanTreatment, { ...meanTreatment, variant: 'b' }, meanControl]));
    expect(out.variants.map((v) => v.variant)).toEqual(['control', 'treatment', 'b']);
  });
});

describe('testMetric, CUPED', () => {
  const pre = {
    control: { ...meanControl, n: 3000, pre_sum: 16.87, pre_sum_squares: 527.9767, sum_product: 1 },
    treatment: { ...meanTreatment, pre_sum: 22.7, pre_sum_squares: 1348.29, sum_product: 1 },
  };

  it('reproduces test_sequential_test_runs_ra (pooled theta, frequentist_variance_relative_cuped)', () => {
    const t = treatment(testMetric(input([pre.control, pre.treatment], { cuped: true, engine: 'sequential' })));
    // published: relative 0.50338, ci (-0.50969, 1.51646), se 0.33341
    expect(t.rel_lift).toBeCloseTo(0.50338, 5);
    expect(t.rel_lift_ci?.[0]).toBeCloseTo(-0.50969, 5);
    expect(t.rel_lift_ci?.[1]).toBeCloseTo(1.51646, 5);
    expect(t.rel_p_value).toBe(1);
    close(t.rel_lift, 0.503383995601997);
    close(t.diff, 0.2343873339788538);
    close(t.diff_ci?.[0], -0.16010558651893275);
  });

  it('runs the SPEC section 8 example with theta pooled over both arms', () => {
    const t = treatment(
      testMetric(
        input(
          [
            { variant: 'control', n: 5012, sum: 1203.1, sum_squares: 9120.4, pre_sum: 1100.2, pre_sum_squares: 8450.9, sum_product: 7001.3 },
            { variant: 'treatment', n: 4988, sum: 1290.7, sum_squares: 9800.2, pre_sum: 1090.5, pre_sum_squares: 8390.1, sum_product: 7120.8 },
          ],
          { cuped: true },
        ),
      ),
    );
    close(t.diff, 0.019454348527423226);
    close(t.diff_ci?.[1], 0.05234062338767207);
    close(t.p_value, 0.2462452679612983);
    close(t.rel_lift_ci?.[0], -0.0612714986364022);
    close(t.rel_p_value, 0.26433072523567797);
    // the shown mean stays unadjusted
    expect(t.mean).toBe(1290.7 / 4988);
  });

  it('uses Bernoulli moments and covariance for proportion metrics', () => {
    const t = treatment(
      testMetric(
        input(
          [
            { variant: 'control', n: 1000, sum: 120, sum_squares: 120, pre_sum: 100, pre_sum_squares: 100, sum_product: 60 },
            { variant: 'treatment', n: 1000, sum: 150, sum_squares: 150, pre_sum: 110, pre_sum_squares: 110, sum_product: 70 },
          ],
          { cuped: true, metric: { name: 'cr', type: 'proportion' } },
        ),
      ),
    );
    close(t.diff, 0.024591646714551746);
    close(t.p_value, 0.06565165617618621);
    close(t.rel_lift_ci?.[1], 0.4499079225514021);
  });

  it('falls back to the unadjusted test where the pooled pre-period has no variance (theta 0)', () => {
    const flat = (v: VariantSufficientStats) => ({ ...v, pre_sum: 5 * v.n, pre_sum_squares: 25 * v.n, sum_product: 5 * v.sum });
    const cuped = treatment(testMetric(input([flat(meanControl), flat(meanTreatment)], { cuped: true })));
    const plain = treatment(testMetric(input([meanControl, meanTreatment])));
    close(cuped.diff, plain.diff as number, 1e-12);
    close(cuped.rel_lift_ci?.[0], plain.rel_lift_ci?.[0] as number, 1e-12);
    close(cuped.p_value, plain.p_value as number, 1e-12);
  });
});

describe('testMetric, sequential (gbstats TestSequentialTTest)', () => {
  it('reproduces test_sequential_test_runs (tuning 1000)', () => {
    const t = treatment(testMetric(input([{ ...meanControl, n: 3000 }, meanTreatment], { engine: 'sequential', sequential_tuning: 1000 })));
    // published: relative 0.50336, ci (-0.55844, 1.56516), p 1
    expect(t.rel_lift).toBeCloseTo(0.50336, 5);
    expect(t.rel_lift_ci?.[0]).toBeCloseTo(-0.55844, 5);
    expect(t.rel_lift_ci?.[1]).toBeCloseTo(1.56516, 5);
    expect(t.rel_p_value).toBe(1);
    close(t.diff_ci?.[0], -0.17908917909394972);
    expect(t.p_value).toBe(1);
  });

  it('reproduces test_sequential_test_runs_prop (default tuning 5000)', () => {
    const t = treatment(
      testMetric(
        input(
          [
            { variant: 'control', n: 3000, sum: 1396, sum_squares: 1396 },
            { variant: 'treatment', n: 3461, sum: 2422, sum_squares: 2422 },
          ],
          { engine: 'sequential', metric: { name: 'cr', type: 'proportion' } },
        ),
      ),
    );
    // published: relative 0.50386, ci (0.40098, 0.60675), p 0.0
    expect(t.rel_lift_ci?.[0]).toBeCloseTo(0.40098, 5);
    expect(t.rel_lift_ci?.[1]).toBeCloseTo(0.60675, 5);
    expect(t.rel_p_value).toBeCloseTo(0, 5);
    close(t.rel_lift_ci?.[0], 0.4009784966859415);
    expect(Math.abs((t.rel_p_value as number) / 5.174716682839778e-44 - 1)).toBeLessThan(1e-8);
  });
});

describe('testMetric, Bayesian (gbstats EffectBayesianABTest)', () => {
  it('reproduces TestBinom.test_bayesian_binomial_ab_test (49/100 against 51/100, flat prior)', () => {
    const t = treatment(
      testMetric(
        input(
          [
            { variant: 'control', n: 100, sum: 49, sum_squares: 49 },
            { variant: 'treatment', n: 100, sum: 51, sum_squares: 51 },
          ],
          { engine: 'bayesian', metric: { name: 'cr', type: 'proportion' } },
        ),
      ),
    );
    // published: ci [-0.24779, 0.32943], chance_to_win 0.60918, risk [0.0814, 0.04058]
    expect(t.ci?.[0]).toBeCloseTo(-0.24779, 5);
    expect(t.ci?.[1]).toBeCloseTo(0.32943, 5);
    expect(t.chance_to_win).toBeCloseTo(0.60918, 5);
    expect(t.risk?.[0]).toBeCloseTo(0.0814, 5);
    expect(t.risk?.[1]).toBeCloseTo(0.04058, 5);
    close(t.chance_to_win, 0.6091813095808981);
    close(t.risk?.[0], 0.0813958491551631);
    close(t.risk?.[1], 0.04057952262455081);
    // the frequentist figures stay beside the Bayesian ones
    close(t.p_value, 0.7775495695152376);
  });

  const norm = [
    { variant: 'control', n: 10, sum: 100, sum_squares: 1002.25 },
    { variant: 'treatment', n: 10, sum: 105, sum_squares: 1111.5 },
  ];

  it('reproduces TestNorm.test_bayesian_gaussian_ab_test', () => {
    const t = treatment(testMetric(input(norm, { engine: 'bayesian' })));
    // published: ci [-0.02, 0.12], chance_to_win 0.91923, risk [0.05131, 0.00131]
    expect(t.ci?.[0]).toBeCloseTo(-0.02, 5);
    expect(t.ci?.[1]).toBeCloseTo(0.12, 5);
    expect(t.chance_to_win).toBeCloseTo(0.91923, 5);
    close(t.risk?.[0], 0.05130981716392653);
    close(t.risk?.[1], 0.001309817163926532);
  });

  it('reproduces TestNorm.test_bayesian_gaussian_ab_test_informative (prior N(0.1, 0.1))', () => {
    const t = treatment(testMetric(input(norm, { engine: 'bayesian', prior: { mean: 0.1, variance: 0.1, proper: true } })));
    // published: ci [-0.01893, 0.12019], chance_to_win 0.92315, risk [0.05186, 0.00123]
    expect(t.ci?.[0]).toBeCloseTo(-0.01893, 5);
    expect(t.ci?.[1]).toBeCloseTo(0.12019, 5);
    expect(t.chance_to_win).toBeCloseTo(0.92315, 5);
    close(t.ci?.[0], -0.018929830742817608);
    close(t.risk?.[0], 0.05185680642943358);
    close(t.risk?.[1], 0.001227027546311408);
  });

  it('flips chance to win and swaps the risks for an inverse metric, as gbstats', () => {
    const plain = treatment(testMetric(input(norm, { engine: 'bayesian' })));
    const inv = treatment(testMetric(input(norm, { engine: 'bayesian', metric: { name: 'm', type: 'mean', inverse: true } })));
    close(inv.chance_to_win, 1 - (plain.chance_to_win as number), 1e-12);
    expect(inv.risk).toEqual([plain.risk?.[1], plain.risk?.[0]]);
    expect(inv.ci).toEqual(plain.ci);
    expect(inv.p_value).toBe(plain.p_value);
  });
});

describe('testMetric guards', () => {
  it('gives no test with fewer than 2 users, naming the variant', () => {
    const out = testMetric(input([meanControl, { variant: 'treatment', n: 1, sum: 0, sum_squares: 0 }]));
    expect(out.variants[1]).toEqual({ variant: 'treatment', users: 1, mean: 0, error: 'fewer than 2 users in treatment' });
    const empty = testMetric(input([{ variant: 'control', n: 0, sum: 0, sum_squares: 0 }, meanTreatment]));
    expect(empty.variants[0]).toEqual({ variant: 'control', users: 0, mean: 0 });
    expect(treatment(empty).error).toBe('fewer than 2 users in control');
  });

  it('gives no test where an arm has zero variance', () => {
    const t = treatment(testMetric(input([meanControl, { variant: 'treatment', n: 50, sum: 100, sum_squares: 200 }])));
    expect(t).toEqual({ variant: 'treatment', users: 50, mean: 2, error: 'zero variance in treatment' });
    const allConverted = treatment(
      testMetric(
        input(
          [
            { variant: 'control', n: 10, sum: 4, sum_squares: 4 },
            { variant: 'treatment', n: 10, sum: 10, sum_squares: 10 },
          ],
          { metric: { name: 'cr', type: 'proportion' } },
        ),
      ),
    );
    expect(allConverted.error).toBe('zero variance in treatment');
    expect(allConverted.p_value).toBeUndefined();
  });

  it('drops only the relative figures where the control mean is 0', () => {
    // control values {-1, 1}: mean 0, variance 2; treatment {0, 2, 4}: mean 2, variance 4.
    const t = treatment(
      testMetric(
        input(
          [
            { variant: 'control', n: 2, sum: 0, sum_squares: 2 },
            { variant: 'treatment', n: 3, sum: 6, sum_squares: 20 },
          ],
          { engine: 'bayesian' },
        ),
      ),
    );
    expect(t.diff).toBe(2);
    // se = sqrt(4/3 + 2/2) = 1.527525; df = (7/3)^2 / ((4/3)^2 / 2 + 1^2 / 1) = 2.882353;
    // scipy: 2 * t.sf(2 / se, df) = 0.2850228400142747
    close(t.p_value, 0.2850228400142747, 1e-9);
    expect(t.rel_lift).toBeUndefined();
    expect(t.rel_lift_ci).toBeUndefined();
    expect(t.rel_p_value).toBeUndefined();
    expect(t.chance_to_win).toBeUndefined();
    expect(t.error).toBe('the mean of control is 0: no relative lift');
  });

  it('uses the absolute value of a negative control mean as the baseline', () => {
    const t = treatment(
      testMetric(
        input([
          { variant: 'control', n: 3, sum: -6, sum_squares: 14 },
          { variant: 'treatment', n: 3, sum: -3, sum_squares: 5 },
        ]),
      ),
    );
    expect(t.diff).toBe(1);
    expect(t.rel_lift).toBe(0.5);
  });
});

describe('testMetric, ratio metrics (gbstats RatioStatistic)', () => {
  it('uses the delta-method variance of sum(num) / sum(den)', () => {
    // control users (num, den): (2, 1), (4, 2), (3, 3); treatment (6, 2), (2, 2), (7, 3), (5, 1).
    const arm = (variant: string, rows: [number, number][]): VariantSufficientStats => ({
      variant,
      n: rows.length,
      sum: rows.reduce((a, [m]) => a + m, 0),
      sum_squares: rows.reduce((a, [m]) => a + m * m, 0),
      den_sum: rows.reduce((a, [, d]) => a + d, 0),
      den_sum_squares: rows.reduce((a, [, d]) => a + d * d, 0),
      num_den_sum_product: rows.reduce((a, [m, d]) => a + m * d, 0),
    });
    const out = testMetric(
      input(
        [
          arm('control', [
            [2, 1],
            [4, 2],
            [3, 3],
          ]),
          arm('treatment', [
            [6, 2],
            [2, 2],
            [7, 3],
            [5, 1],
          ]),
        ],
        { metric: { name: 'aov', type: 'ratio' } },
      ),
    );
    expect(out.variants[0]?.mean).toBe(1.5);
    const t = treatment(out);
    expect(t.mean).toBe(2.5);
    // control: M = 3, D = 2, var_m = 1, var_d = 1, cov = 0.5 -> var = 1/4 + 9/16 - 2*0.5*3/8 = 0.4375
    // treatment: M = 5, D = 2, var_m = 14/3, var_d = 2/3, cov = 2/3 -> var = 7/6 + 25/24 - 5/6 = 1.375
    // se = sqrt(0.4375/3 + 1.375/4) = 0.699702, df 4.791757; scipy: p = 0.21476758993539338,
    // halfwidth t.ppf(0.975, df) * se = 1.822408978479404
    close(t.diff, 1, 1e-12);
    close(t.p_value, 0.21476758993539338);
    close((t.diff_ci![1] - t.diff_ci![0]) / 2, 1.822408978479404);
    close(t.rel_lift, 2 / 3, 1e-12);
  });
});

describe('testMetric, ratio metrics with CUPED (gbstats RegressionAdjustedRatioStatistic)', () => {
  // gbstats test_two_sided_ttest_test_runs_ratio_ra / test_sequential_test_runs_ratio_ra
  const ratioRa = (over: Partial<MetricTestInput> = {}) =>
    input(
      [
        {
          variant: 'control',
          n: 100,
          sum: 485.112236689623,
          sum_squares: 2715.484666118136,
          den_sum: 679.9093275844917,
          den_sum_squares: 4939.424001640236,
          pre_sum: 192.59138069991536,
          pre_sum_squares: 460.076026390857,
          pre_den_sum: 290.1398399750233,
          pre_den_sum_squares: 920.9461385038898,
          sum_product: 1113.6215759318352,
          den_pre_den_sum_product: 2130.9404074446747,
          pre_num_pre_den_sum_product: 634.239482353647,
          num_den_sum_product: 3602.146836776702,
          num_pre_den_sum_product: 1559.2878434944676,
          pre_num_den_sum_product: 1460.3181079276983,
        },
        {
          variant: 'treatment',
          n: 100,
          sum: 514.7757826608777,
          sum_squares: 2994.897482705013,
          den_sum: 705.4090874383759,
          den_sum_squares: 5291.36604146392,
          pre_sum: 206.94157227402536,
          pre_sum_squares: 514.2903702246757,
          pre_den_sum: 302.54389139107326,
          pre_den_sum_squares: 994.4506208125663,
          sum_product: 1237.0953021125997,
          den_pre_den_sum_product: 2292.081739775257,
          pre_num_pre_den_sum_product: 698.4173425817908,
          num_den_sum_product: 3918.1561431600717,
          num_pre_den_sum_product: 1701.0287270040265,
          pre_num_den_sum_product: 1604.0759503266522,
        },
      ],
      { metric: { name: 'ratio', type: 'ratio' }, cuped: true, ...over },
    );

  it('reproduces the frequentist case: relative -0.0007, ci (-0.00841, 0.00700), p 0.85771', () => {
    const t = treatment(testMetric(ratioRa()));
    expect(t.rel_lift).toBeCloseTo(-0.0007, 5);
    expect(t.rel_lift_ci?.[0]).toBeCloseTo(-0.00841, 5);
    expect(t.rel_lift_ci?.[1]).toBeCloseTo(0.007, 5);
    expect(t.rel_p_value).toBeCloseTo(0.85771, 5);
    close(t.rel_lift, -0.0007014833343349333);
    close(t.rel_lift_ci?.[0], -0.0084077861436321);
    close(t.diff, -0.0005005051931390447);
    close(t.p_value, 0.8577275125565894);
  });

  it('reproduces the sequential case: ci (-0.02063, 0.01923)', () => {
    const t = treatment(testMetric(ratioRa({ engine: 'sequential' })));
    expect(t.rel_lift_ci?.[0]).toBeCloseTo(-0.02063, 5);
    expect(t.rel_lift_ci?.[1]).toBeCloseTo(0.01923, 5);
    close(t.rel_lift_ci?.[1], 0.01922601905708197);
  });

  it('compares without CUPED where the pre-period fields are absent', () => {
    const full = ratioRa();
    const bare = ratioRa({
      variants: full.variants.map(({ variant, n, sum, sum_squares, den_sum, den_sum_squares, num_den_sum_product }) => ({
        variant,
        n,
        sum,
        sum_squares,
        den_sum,
        den_sum_squares,
        num_den_sum_product,
      })),
    });
    const plain = treatment(testMetric({ ...bare, cuped: false }));
    expect(treatment(testMetric(bare))).toEqual(plain);
    expect(treatment(testMetric(full)).rel_lift_ci).not.toEqual(plain.rel_lift_ci);
  });
});

describe('applyCorrection', () => {
  const family = (ps: number[]): MetricOutput[] => [
    {
      name: 'a',
      variants: [{ variant: 'control', users: 10, mean: 1 }, ...ps.slice(0, 2).map((p, i) => ({ variant: `v${i}`, users: 10, mean: 1, p_value: p }))],
    },
    {
      name: 'b',
      variants: [
        { variant: 'control', users: 10, mean: 1 },
        ...ps.slice(2).map((p, i) => ({ variant: `v${i}`, users: 10, mean: 1, p_value: p })),
        { variant: 'untested', users: 1, mean: 0, error: 'fewer than 2 users in untested' },
      ],
    },
  ];
  const adjusted = (out: MetricOutput[]) =>
    out.flatMap((m) => m.variants.map((v) => (v as TreatmentVariantOutput).p_value_adjusted).filter((p) => p !== undefined));

  it('Holm: p = [0.01, 0.04, 0.03, 0.005] -> [0.03, 0.06, 0.06, 0.02]', () => {
    const out = applyCorrection(family([0.01, 0.04, 0.03, 0.005]), 'holm', 0.05);
    adjusted(out).forEach((p, i) => close(p, [0.03, 0.06, 0.06, 0.02][i] as number, 1e-12));
    expect(out.flatMap((m) => m.variants.map((v) => (v as TreatmentVariantOutput).significant))).toEqual([
      undefined,
      true,
      false,
      undefined,
      false,
      true,
      undefined,
    ]);
  });

  it('Benjamini-Hochberg: p = [0.01, 0.04, 0.03, 0.005] -> [0.02, 0.04, 0.04, 0.02]', () => {
    const out = applyCorrection(family([0.01, 0.04, 0.03, 0.005]), 'bh', 0.05);
    adjusted(out).forEach((p, i) => close(p, [0.02, 0.04, 0.04, 0.02][i] as number, 1e-12));
    expect(adjusted(applyCorrection(family([0.01, 0.04, 0.03, 0.005]), 'bh', 0.05)).every((p) => (p as number) <= 0.05)).toBe(true);
  });

  it('caps at 1, keeps monotone order and leaves the input alone', () => {
    const input = family([0.9, 0.5, 0.6, 0.04]);
    const holm = adjusted(applyCorrection(input, 'holm', 0.05));
    // sorted 0.04, 0.5, 0.6, 0.9 -> 0.16, 1.5 -> 1, 1.2 -> 1, 0.9 -> max 1
    expect(holm).toEqual([1, 1, 1, 0.16]);
    const bh = adjusted(applyCorrection(input, 'bh', 0.05));
    // 0.9*4/4 = 0.9; 0.6*4/3 = 0.8; 0.5*4/2 = 1 -> min(1, 0.8) = 0.8; 0.04*4 = 0.16
    close(bh[0], 0.9, 1e-12);
    close(bh[1], 0.8, 1e-12);
    close(bh[2], 0.8, 1e-12);
    close(bh[3], 0.16, 1e-12);
    expect((input[0]?.variants[1] as TreatmentVariantOutput).p_value_adjusted).toBeUndefined();
    expect(adjusted(applyCorrection(input, 'none', 0.05))).toEqual([]);
  });
});
