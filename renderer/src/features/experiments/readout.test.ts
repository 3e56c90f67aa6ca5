import { describe, expect, it } from 'vitest';
import { readout } from './readout';

describe('experiment readout', () => {
  it('states a significant lift with its interval, as the issue example reads', () => {
    const text = readout('purchase rate', 'percent', { variant: 'control', users: 5012, mean: 0.061 }, { variant: 'treatment', users: 4988, mean: 0.067, diff: 0.006, p_value: 0.02, rel_lift: 0.098, rel_lift_ci: [0.01, 0.19] }, 0.05);
    expect(text).toBe('Treatment raised purchase rate from 6.1% to 6.7% (+9.8%, 95% CI +1% to +19%).');
  });

  it('does not claim a change when the result is not significant', () => {
    const text = readout('revenue per user', 'currency', { variant: 'control', users: 10, mean: 5 }, { variant: 'treatment', users: 10, mean: 5.5, diff: 0.5, p_value: 0.4, rel_lift: 0.1, rel_lift_ci: [-0.2, 0.4] }, 0.05);
    expect(text).toMatch(/^Treatment showed no clear difference in revenue per user/);
  });
});
