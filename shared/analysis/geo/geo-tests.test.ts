import { describe, expect, it } from 'vitest';
import { geoTestsFromRegistry } from './geo-tests';

describe('geo tests from the experiments registry', () => {
  it('keeps complete geo rows, as lists and date pairs, and skips user-level and incomplete rows', () => {
    const rows = [
      { experiment_id: 'exp_checkout_v2', name: 'Checkout', design: 'user', treatment_geos: null },
      {
        experiment_id: 'geo_b',
        name: 'B',
        hypothesis: 'h',
        design: 'geo',
        channel: 'video',
        treatment_geos: 'US-TN, US-IN',
        pre_period_start: '2026-06-01',
        pre_period_end: '2026-08-31',
        test_period_start: '2026-10-01',
        test_period_end: '2026-10-28',
      },
      {
        experiment_id: 'geo_a',
        name: 'A',
        design: 'geo',
        treatment_geos: 'US-OR',
        pre_period_start: '2026-06-01',
        pre_period_end: null,
        test_period_start: '2026-09-01',
        test_period_end: '2026-09-28',
      },
    ];
    expect(geoTestsFromRegistry(rows)).toEqual([
      {
        id: 'geo_b',
        name: 'B',
        hypothesis: 'h',
        channel: 'video',
        treatment_geos: ['US-TN', 'US-IN'],
        pre_period: ['2026-06-01', '2026-08-31'],
        test_period: ['2026-10-01', '2026-10-28'],
      },
    ]);
  });
});
