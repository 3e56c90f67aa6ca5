import { describe, expect, it } from 'vitest';
import { fitWarning, geoReadout } from './geo-readout';

describe('geo readout', () => {
  it('states a clear lift in orders with its interval and the cost per extra order', () => {
    const text = geoReadout({
      channel: 'paid_social',
      metric: 'orders',
      effect: 1240,
      effect_ci: [610, 1870],
      rel_lift: 0.052,
      incremental_spend: 48000,
      iroas: 48000 / 1240 / 1000,
      alpha: 0.1,
    });
    expect(text).toBe(
      'Paid social in the test geos added 1,240 orders (+5.2%, 90% interval 610 to 1,870) for $48K of extra spend: $38.71 of spend per extra order.',
    );
  });

  it('states revenue with the iROAS', () => {
    const text = geoReadout({
      channel: 'paid_social',
      metric: 'revenue',
      effect: 148800,
      effect_ci: [73200, 224400],
      rel_lift: 0.08,
      incremental_spend: 48000,
      iroas: 3.1,
      alpha: 0.1,
    });
    expect(text).toBe(
      'Paid social in the test geos added $148.8K of revenue (+8%, 90% interval $73.2K to $224.4K) for $48K of extra spend: $3.10 of revenue per dollar.',
    );
  });

  it('claims nothing when the interval spans 0', () => {
    const text = geoReadout({
      channel: 'video',
      metric: 'revenue',
      effect: 10757,
      effect_ci: [-38422, 59936],
      rel_lift: 0.0023,
      incremental_spend: 98000,
      iroas: 0.11,
      alpha: 0.1,
    });
    expect(text).toBe('Video in the test geos showed no clear effect on revenue: $10.8K (+0.2%; 90% interval -$38.4K to $59.9K).');
  });

  it('speaks of the test geos when no channel is known, and of a loss when the interval is below 0', () => {
    const text = geoReadout({
      channel: null,
      metric: 'orders',
      effect: -300,
      effect_ci: [-500, -100],
      rel_lift: -0.02,
      incremental_spend: null,
      iroas: null,
      alpha: 0.05,
    });
    expect(text).toBe('The test geos lost 300 orders (-2%, 95% interval -500 to -100).');
  });

  it('warns when the pre-period fit is weak', () => {
    expect(fitWarning({ r2: 0.95, mape: 0.02 })).toBeNull();
    expect(fitWarning({ r2: 0.7, mape: 0.02 })).toMatch(/R² 0.70 \(below 0.8\)/);
    expect(fitWarning({ r2: 0.9, mape: 0.12 })).toMatch(/MAPE 12% \(above 10%\)/);
  });
});
