import { describe, expect, it } from 'vitest';
import { parseSpec } from './index';
import { SpecError } from './spec-error';

const base = {
  kind: 'geo_experiment',
  metric: 'revenue',
  treatment_geos: ['US-CA'],
  pre_period: ['2026-06-01', '2026-08-31'],
  test_period: ['2026-09-01', '2026-09-28'],
};

function errorOf(input: unknown): SpecError {
  try {
    parseSpec(input);
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('geo_experiment spec', () => {
  it('fills the defaults: tbr, every other geo, alpha 0.1, no spend metric', () => {
    expect(parseSpec(base)).toEqual({ ...base, method: 'tbr', control_geos: null, alpha: 0.1, spend_metric: null });
  });

  it('refuses unknown fields, methods and out-of-range alpha at their path', () => {
    expect(errorOf({ ...base, alfa: 0.1 })).toMatchObject({
      code: 'invalid_spec',
      path: '',
      message:
        'the spec has unknown field "alfa" (did you mean "alpha"?); allowed: kind, metric, method, treatment_geos, control_geos, pre_period, test_period, alpha, spend_metric',
    });
    expect(errorOf({ ...base, method: 'did' })).toMatchObject({ path: 'method' });
    expect(errorOf({ ...base, alpha: 1 })).toMatchObject({ path: 'alpha', message: 'alpha must be < 1' });
    expect(errorOf({ ...base, alpha: 0 })).toMatchObject({ path: 'alpha' });
    expect(errorOf({ ...base, metric: '' })).toMatchObject({ path: 'metric' });
  });

  it('needs at least one treatment geo, each once, none of them also a control', () => {
    expect(errorOf({ ...base, treatment_geos: [] })).toMatchObject({ path: 'treatment_geos', message: 'treatment_geos must have at least 1 item(s)' });
    expect(errorOf({ ...base, treatment_geos: ['US-CA', 'US-CA'] })).toMatchObject({ path: 'treatment_geos[1]' });
    expect(errorOf({ ...base, control_geos: ['US-TX', 'US-CA'] })).toMatchObject({ path: 'control_geos[1]' });
    expect(errorOf({ ...base, control_geos: [] })).toMatchObject({ path: 'control_geos' });
  });

  it('checks the periods: real dates, start <= end, pre before test', () => {
    expect(errorOf({ ...base, pre_period: ['2026-02-30', '2026-08-31'] })).toMatchObject({
      path: 'pre_period[0]',
      message: 'pre_period[0] must be a real calendar date written YYYY-MM-DD',
    });
    expect(errorOf({ ...base, pre_period: ['2026/06/01', '2026-08-31'] })).toMatchObject({ path: 'pre_period[0]' });
    expect(errorOf({ ...base, test_period: ['2026-09-28', '2026-09-01'] })).toMatchObject({
      path: 'test_period',
      message: 'test_period must start on or before its end',
    });
    expect(errorOf({ ...base, pre_period: ['2026-06-01'] })).toMatchObject({ path: 'pre_period' });
    expect(errorOf({ ...base, pre_period: ['2026-06-01', '2026-09-01'] })).toMatchObject({ path: 'pre_period[1]' });
    // A gap between the periods (a cool-down) is allowed; single-day periods too.
    expect(() => parseSpec({ ...base, pre_period: ['2026-06-01', '2026-08-20'], test_period: ['2026-09-01', '2026-09-01'] })).not.toThrow();
  });
});
