import { describe, expect, it } from 'vitest';
import { adjustCredit, incrementalityFactor, staleness } from './factors';

describe('incrementality factor', () => {
  it('divides the effect and its bounds by the credit', () => {
    expect(incrementalityFactor(30, [10, 50], 40)).toEqual({ factor: 0.75, factor_ci: [0.25, 1.25] });
  });
  it('has no factor where nothing is credited or nothing was measured, and no interval without one', () => {
    expect(incrementalityFactor(30, [10, 50], 0)).toEqual({ factor: null, factor_ci: null });
    expect(incrementalityFactor(null, null, 4)).toEqual({ factor: null, factor_ci: null });
    expect(incrementalityFactor(2, null, 4)).toEqual({ factor: 0.5, factor_ci: null });
  });
  it('keeps a negative effect negative and the bounds ordered under a negative credit', () => {
    expect(incrementalityFactor(-2, [-6, 2], 4)).toEqual({ factor: -0.5, factor_ci: [-1.5, 0.5] });
    expect(incrementalityFactor(2, [1, 3], -2)).toEqual({ factor: -1, factor_ci: [-1.5, -0.5] });
  });
});

describe('staleness', () => {
  it('is stale only once the data runs more than the limit past the test', () => {
    expect(staleness('2026-06-07', '2026-09-05', 90)).toEqual({ age_days: 90, stale: false });
    expect(staleness('2026-06-07', '2026-09-06', 90)).toEqual({ age_days: 91, stale: true });
    expect(staleness('2026-06-07', '2026-06-01', 90)).toEqual({ age_days: -6, stale: false });
    expect(staleness('2026-06-07', null, 90)).toEqual({ age_days: null, stale: false });
  });
});

describe('adjusted credit', () => {
  it('scales tested channels, keeps the others and says which is which', () => {
    const channels = [
      { channel: 'email', conversions: 4, revenue: 100 },
      { channel: 'paid_social', conversions: 10, revenue: 500 },
      { channel: 'video', conversions: 2, revenue: 20 },
      { channel: '(unattributed)', conversions: 1, revenue: 5 },
    ];
    const out = adjustCredit(
      channels,
      new Map([
        ['paid_social', 0.4],
        ['video', null],
        ['(unattributed)', 2],
      ]),
    );
    expect(out.map((c) => [c.channel, c.adjusted_conversions, c.adjusted_revenue, c.factor, c.status])).toEqual([
      ['email', 4, 100, null, 'untested'],
      ['paid_social', 4, 200, 0.4, 'adjusted'],
      ['video', 2, 20, null, 'no_factor'],
      ['(unattributed)', 1, 5, null, 'untested'],
    ]);
  });
});
