import { describe, expect, it } from 'vitest';
import { parseSpec, SpecError } from './index';

const geo = {
  kind: 'geo_experiment',
  metric: 'orders',
  treatment_geos: ['T'],
  pre_period: ['2026-06-01', '2026-06-05'],
  test_period: ['2026-06-06', '2026-06-07'],
};
const exp = {
  kind: 'experiment',
  experiment_id: 'hold1',
  control: 'holdout',
  metrics: [{ name: 'purchased', type: 'proportion', conversion_type: 'purchase' }],
};
const base = {
  kind: 'calibrated_attribution',
  attribution: { kind: 'attribution', conversion_type: 'purchase', models: [{ model: 'linear' }] },
  tests: [
    { channel: 'paid_social', source: 'geo_experiment', spec: geo },
    { channel: 'email', source: 'experiment', spec: exp, metric: 'purchased' },
  ],
};

function errorOf(input: unknown): SpecError {
  try {
    parseSpec(input);
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('parsed');
}

describe('calibrated_attribution spec', () => {
  it('fills the defaults of every nested spec and stale_after_days 90', () => {
    const spec = parseSpec(base);
    expect(spec).toMatchObject({ kind: 'calibrated_attribution', stale_after_days: 90, attribution: { lookback_days: 30 } });
    if (spec.kind !== 'calibrated_attribution') throw new Error('kind');
    expect(spec.tests[0]).toMatchObject({ source: 'geo_experiment', spec: { method: 'tbr', alpha: 0.1, control_geos: null } });
    expect(spec.tests[1]).toMatchObject({ source: 'experiment', spec: { window_days: 28, alpha: 0.05 }, metric: 'purchased' });
  });

  it.each([
    [{ ...base, extra: 1 }, '', /unknown field/],
    [{ ...base, stale_after_days: 0 }, 'stale_after_days', /1\.\.3650/],
    [{ ...base, stale_after_days: 2.5 }, 'stale_after_days', /whole number/],
    [{ ...base, attribution: { ...base.attribution, lookback: 3 } }, 'attribution', /unknown field/],
    [{ ...base, tests: [{ channel: 'x', source: 'mmm', spec: geo }] }, 'tests[0].source', /source must be one of/],
    [{ ...base, tests: [{ channel: '(unattributed)', source: 'geo_experiment', spec: geo }] }, 'tests[0].channel', /cannot be tested/],
    [{ ...base, tests: [{ channel: 'a', source: 'geo_experiment', spec: geo, metric: 'x' }] }, 'tests[0]', /unknown field/],
    [{ ...base, tests: [base.tests[0], { ...base.tests[0], spec: { ...geo, treatment_geos: ['T'] } }] }, 'tests[1].channel', /tested twice/],
    [{ ...base, tests: [{ ...base.tests[0], spec: { ...geo, metric: 'revenue' } }] }, 'tests[0].spec.metric', /must be "orders"/],
    [
      { ...base, tests: [{ ...base.tests[0], spec: { ...geo, treatment_geos: ['T', 'T'] } }] },
      'tests[0].spec.treatment_geos[1]',
      /^tests\[0\]\.spec\.treatment_geos\[1\] "T" is listed twice/,
    ],
    [{ ...base, tests: [{ ...base.tests[0], spec: { ...geo, alpha: 2 } }] }, 'tests[0].spec.alpha', /^tests\[0\]\.spec\.alpha/],
    [{ ...base, tests: [{ ...base.tests[1], metric: 'nope' }] }, 'tests[0].metric', /not a metric/],
    [{ ...base, tests: [{ ...base.tests[1], spec: { ...exp, engine: 'bayesian' } }] }, 'tests[0].spec.engine', /frequentist/],
    [
      { ...base, tests: [{ ...base.tests[1], spec: { ...exp, metrics: [{ name: 'purchased', type: 'mean', conversion_type: 'purchase' }] } }] },
      'tests[0].metric',
      /proportion metric/,
    ],
    [
      { ...base, tests: [{ ...base.tests[1], spec: { ...exp, metrics: [{ name: 'purchased', type: 'proportion', conversion_type: 'signup' }] } }] },
      'tests[0].metric',
      /conversion_type "purchase"/,
    ],
    [{ ...base, tests: [{ ...base.tests[1], variant: 'holdout' }] }, 'tests[0].variant', /not the control/],
    [{ ...base, tests: [{ channel: 'a', source: 'holdout', spec: exp }] }, 'tests[0].metric', /metric is required/],
  ])('refuses bad spec #%# at its path', (input, path, message) => {
    const e = errorOf(input);
    expect(e.path).toBe(path);
    expect(e.message).toMatch(message);
  });
});
