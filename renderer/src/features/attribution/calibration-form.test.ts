import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../../shared/specs/index';
import { fromCalibrationSpec, missingIn, NEW_GEO_TEST, NEW_USER_TEST, toCalibrationSpec, type CalibrationForm } from './calibration-form';

const attribution = { kind: 'attribution' as const, conversion_type: 'purchase', models: [{ model: 'linear' as const }] };
const form: CalibrationForm = {
  stale_after_days: 60,
  tests: [
    {
      ...NEW_GEO_TEST,
      channel: 'paid_social',
      treatment_geos: 'US-OR, US-UT\nUS-IA',
      pre_start: '2026-06-01',
      pre_end: '2026-08-31',
      test_start: '2026-09-01',
      test_end: '2026-09-28',
    },
    { ...NEW_USER_TEST, channel: 'email', experiment_id: 'audience_a_v1', control: 'holdout', window_days: 14 },
  ],
};

describe('calibration form', () => {
  it('builds a spec the engine accepts, reading user tests as converted users of the conversion type', () => {
    const spec = toCalibrationSpec(attribution, form)!;
    const parsed = parseSpec(spec);
    expect(parsed).toMatchObject({
      kind: 'calibrated_attribution',
      stale_after_days: 60,
      tests: [
        {
          channel: 'paid_social',
          source: 'geo_experiment',
          units: 'share_of_conversions',
          spec: { metric: 'orders', treatment_geos: ['US-OR', 'US-UT', 'US-IA'], test_period: ['2026-09-01', '2026-09-28'] },
        },
        {
          channel: 'email',
          source: 'holdout',
          metric: 'converted',
          spec: { experiment_id: 'audience_a_v1', control: 'holdout', window_days: 14, metrics: [{ type: 'proportion', conversion_type: 'purchase' }] },
        },
      ],
    });
  });

  it('round-trips through a saved spec', () => {
    const back = fromCalibrationSpec(toCalibrationSpec(attribution, form));
    expect(back.stale_after_days).toBe(60);
    expect(back.tests[0]).toMatchObject({ ...form.tests[0], treatment_geos: 'US-OR, US-UT, US-IA' });
    expect(back.tests[1]).toEqual(form.tests[1]);
  });

  it('gives no spec while a row is incomplete, and says what is missing', () => {
    expect(toCalibrationSpec(attribution, { ...form, tests: [NEW_GEO_TEST] })).toBeNull();
    expect(missingIn(NEW_GEO_TEST)).toBe('pick the channel the test measured');
    expect(missingIn({ ...NEW_GEO_TEST, channel: 'video' })).toBe('list the treatment geos');
    expect(missingIn({ ...NEW_USER_TEST, channel: 'email' })).toBe('pick the experiment and its control');
  });
});
