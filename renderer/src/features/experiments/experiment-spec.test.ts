import { describe, expect, it } from 'vitest';
import { cupedNote, designedSplit, metricUnit, specFor, updateMetric, varianceReduction, withDefaults } from './experiment-spec';

const holdout = {
  id: 'exp_lifecycle_holdout',
  control: 'holdout',
  variants: [{ variant: 'holdout' }, { variant: 'treatment' }],
  expected_split: { holdout: 0.1, treatment: 0.9 },
};

describe('experiment spec', () => {
  it('fills expected_split from the design so a 10% holdout is not a mismatch', () => {
    expect(specFor(holdout).expected_split).toEqual({ holdout: 0.1, treatment: 0.9 });
    expect(specFor(holdout).control).toBe('holdout');
  });

  it('leaves equal shares where the design is unknown or misses a variant with users', () => {
    expect(designedSplit({ ...holdout, expected_split: null }, 'holdout')).toBeUndefined();
    expect(designedSplit({ ...holdout, variants: [...holdout.variants, { variant: 'extra' }] }, 'holdout')).toBeUndefined();
    expect(designedSplit(holdout, 'missing')).toBeUndefined();
    expect('expected_split' in specFor({ ...holdout, expected_split: null })).toBe(false);
  });

  it('reads units from the metric: rates, money, count ratios', () => {
    const [rate, revenue, aov] = specFor(holdout).metrics;
    expect([metricUnit(rate), metricUnit(revenue), metricUnit(aov)]).toEqual(['percent', 'currency', 'currency']);
    expect(aov).toMatchObject({ type: 'ratio', guardrail: true });
    expect(
      metricUnit({ name: 'n', type: 'ratio', numerator: { conversion_type: 'a', value: 'count' }, denominator: { conversion_type: 'b', value: 'count' } }),
    ).toBe('decimal');
  });

  it('writes toggles as the spec would be written by hand: absent when off', () => {
    const spec = specFor(holdout);
    const on = updateMetric(spec, 'purchase_rate', { inverse: true });
    expect(on.metrics[0]).toMatchObject({ inverse: true });
    const off = updateMetric(on, 'purchase_rate', { inverse: false });
    expect('inverse' in off.metrics[0]!).toBe(false);
    expect(withDefaults({ experiment_id: 'e', control: 'c', metrics: [] })).toMatchObject({ engine: 'frequentist', correction: 'none', alpha: 0.05 });
  });

  it('measures CUPED by the squared ratio of interval widths and explains a near-zero reduction', () => {
    expect(varianceReduction([-0.1, 0.1], [-0.2, 0.2])).toBeCloseTo(0.75, 12);
    expect(varianceReduction(null, [-0.2, 0.2])).toBeNull();
    expect(cupedNote('revenue', 0.75)).toMatch(/reduced the variance of revenue by 75%.*400% of the users/);
    expect(cupedNote('signups', 0.004)).toMatch(/only 0.4%: users did little of this before/);
  });
});
