import { describe, expect, it } from 'vitest';
import { METRICS, changeTone, metricExpression } from './metrics';

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

describe('CAC and CPA', () => {
  it('divide spend by different things: new customers for CAC, every conversion for CPA', () => {
    const withNew = new Set(['spend', 'conversions', 'new_customers']);
    expect(metricExpression('cac', withNew)).toBe('sum(CAST("spend" AS DOUBLE)) / NULLIF(sum(CAST("new_customers" AS DOUBLE)), 0) AS "cac"');
    expect(metricExpression('cpa', withNew)).toBe('sum(CAST("spend" AS DOUBLE)) / NULLIF(sum(CAST("conversions" AS DOUBLE)), 0) AS "cpa"');
  });

  it('leave CAC without a value where the extract has no new-customer count, instead of repeating CPA', () => {
    expect(metricExpression('cac', new Set(['spend', 'conversions']))).toBe('CAST(NULL AS DOUBLE) AS "cac"');
  });
});
