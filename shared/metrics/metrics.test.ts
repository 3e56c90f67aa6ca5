import { describe, expect, it } from 'vitest';
import { METRICS, changeTone } from './metrics';

describe('changeTone', () => {
  it('colours a change by whether it is good for the business', () => {
    expect(changeTone(METRICS.revenue, 0.1)).toBe('good');
    expect(changeTone(METRICS.revenue, -0.1)).toBe('bad');
    expect(changeTone(METRICS.cpa, -0.1)).toBe('good');
    expect(changeTone(METRICS.cpa, 0.1)).toBe('bad');
  });

  it('never calls a change in spend good or bad', () => {
    expect(changeTone(METRICS.spend, -0.3)).toBe('neutral');
    expect(changeTone(METRICS.spend, 0.3)).toBe('neutral');
  });

  it('is neutral without a previous period', () => {
    expect(changeTone(METRICS.roas, null)).toBe('neutral');
    expect(changeTone(METRICS.roas, 0)).toBe('neutral');
  });
});
