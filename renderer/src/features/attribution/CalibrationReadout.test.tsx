// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CalibrationResult } from '../../../../shared/analysis/calibration/run-calibration';
import { CalibrationReadout } from './CalibrationReadout';

afterEach(cleanup);

const result: CalibrationResult = {
  kind: 'calibrated_attribution',
  conversion_type: 'purchase',
  conversions: 100,
  revenue: 1000,
  data_end: '2026-10-30',
  stale_after_days: 90,
  tests: [
    {
      channel: 'paid_social',
      source: 'geo_experiment',
      experiment_id: null,
      variant: null,
      period: ['2026-06-01', '2026-06-28'],
      period_conversions: 40,
      units: 'orders',
      geo_effect: 8,
      geo_effect_ci: [2, 14],
      incremental: 8,
      incremental_ci: [2, 14],
      age_days: 124,
      stale: true,
      models: [
        { model: 'last_touch', params: {}, credited: 4, factor: 2, factor_ci: [0.5, 3.5] },
        { model: 'linear', params: {}, credited: 0, factor: null, factor_ci: null },
      ],
    },
    {
      channel: 'email',
      source: 'holdout',
      experiment_id: 'hold1',
      variant: 'treatment',
      period: ['2026-10-01', '2026-10-20'],
      period_conversions: 30,
      units: 'converting_users',
      geo_effect: null,
      geo_effect_ci: null,
      incremental: null,
      incremental_ci: null,
      age_days: 10,
      stale: false,
      models: [
        { model: 'last_touch', params: {}, credited: 5, factor: null, factor_ci: null },
        { model: 'linear', params: {}, credited: 5, factor: null, factor_ci: null },
      ],
    },
  ],
  models: [],
};

describe('CalibrationReadout', () => {
  it('shows factor and interval per model, says why a factor is missing, and marks a stale test', () => {
    render(<CalibrationReadout result={result} />);
    expect(screen.getByTestId('calib-factor-paid_social-0').textContent).toBe('2.00x0.50 to 3.50');
    expect(screen.getByTestId('calib-factor-paid_social-1').textContent).toBe('none: nothing credited');
    expect(screen.getByTestId('calib-factor-email-0').textContent).toBe('none: no measured effect');
    expect(screen.getByTestId('calib-stale-paid_social').textContent).toBe('stale: 124 days old');
    expect(screen.queryByTestId('calib-stale-email')).toBeNull();
    expect(screen.getByTestId('calib-readout-email').textContent).toContain('Holdout hold1');
    // [2, 14] excludes 0; an interval across 0 is flagged.
    expect(screen.queryByTestId('calib-inconclusive-paid_social')).toBeNull();
  });

  it('flags a test whose interval includes 0', () => {
    const across = { ...result, tests: [{ ...result.tests[0]!, incremental_ci: [-1, 9] as [number, number] }] };
    render(<CalibrationReadout result={across} />);
    expect(screen.getByTestId('calib-inconclusive-paid_social').textContent).toMatch(/cannot tell/);
  });
});
