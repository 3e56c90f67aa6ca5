import { describe, expect, it } from 'vitest';
import { parseSpec } from './index';

describe('geo_plan spec', () => {
  it('fills the defaults and is strict', () => {
    expect(parseSpec({ kind: 'geo_plan', metric: 'orders', treatment_geos: ['US-CA'], duration_days: 28, expected_lift: 0.05 })).toEqual({
      kind: 'geo_plan',
      metric: 'orders',
      treatment_geos: ['US-CA'],
      treatment_count: null,
      control_geos: null,
      history: null,
      duration_days: 28,
      pre_days: null,
      expected_lift: 0.05,
      alpha: 0.1,
      power: 0.8,
    });
    expect(() => parseSpec({ kind: 'geo_plan', metric: 'orders', treatment_geos: ['US-CA'], duration_days: 28, expected_lift: 0.05, weeks: 4 })).toThrow(
      /unknown field/,
    );
    expect(() => parseSpec({ kind: 'geo_plan', metric: 'orders', treatment_geos: ['US-CA'], duration_days: 2.5, expected_lift: 0.05 })).toThrow(
      /duration_days/,
    );
    expect(() =>
      parseSpec({ kind: 'geo_plan', metric: 'orders', treatment_geos: ['US-CA'], treatment_count: 2, duration_days: 28, expected_lift: 0.05 }),
    ).toThrow(/treatment_count/);
  });
});
